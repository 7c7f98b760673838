# The gdb sessions of docs/gdb.md, replayed as a user types them (tests/gdb/transcript.py):
# gdb on a terminal, every command at its prompt, every line it prints compared with the
# page, exact (addresses too), and socsim's output at the end.
. tests/gdb/lib.sh
gdb_need gdb_docs
SOCSIM=$SOCSIM GDB=$GDB python3 tests/gdb/transcript.py docs/gdb.md
