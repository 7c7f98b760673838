# -gdb unix:PATH (and the socket chardev's server=on path=PATH) replace only a stale
# socket at PATH, one nobody listens on; a file there is the user's and a socket a program
# listens on is another's: both are refused, left as they are.  The socket file is gone
# after the run, however it ended (a signal: tests/cli/signals.sh, signal.gdb-wait).
. tests/lib.sh
ELF=$FW/cli/spin.elf
S=$TMP/g.sock

echo "the user's notes" >"$S"
t_cmd gdb.unix.file-refused --exit 2 \
    --stderr-grep "^socsim: -gdb unix:$S: '$S' exists and is not a socket$" \
    -- $SOCSIM -M virt32 -kernel $ELF -gdb "unix:$S" --max-time 1ms
t_eq gdb.unix.file-kept "the user's notes" "$(cat "$S")"
rm -f "$S"

# listen.py PATH CMD...: listens on PATH while CMD runs (stale: binds, closes, exits, and
# the socket file stays, as a killed program leaves it).
cat >"$TMP/listen.py" <<'PY'
import socket, subprocess, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[2])
if sys.argv[1] == 'stale':
    s.close()
    sys.exit(0)
s.listen(1)
sys.exit(subprocess.run(sys.argv[3:]).returncode)
PY
t_cmd gdb.unix.live-refused --exit 2 \
    --stderr-grep "^socsim: -gdb unix:$S: '$S' is in use: a program listens on it$" \
    -- python3 "$TMP/listen.py" live "$S" $SOCSIM -M virt32 -kernel $ELF -gdb "unix:$S" --max-time 1ms
rm -f "$S"
t_cmd chardev.unix.live-refused --exit 2 \
    --stderr-grep "^socsim: -chardev socket,id=c0,path=$S,server=on,wait=off: '$S' is in use: a program listens on it$" \
    -- python3 "$TMP/listen.py" live "$S" $SOCSIM -M virt32 -kernel $ELF \
       -chardev "socket,id=c0,path=$S,server=on,wait=off" -serial chardev:c0 --max-time 1ms
rm -f "$S"

python3 "$TMP/listen.py" stale "$S"
[ -S "$S" ] && t_pass gdb.unix.stale-made || t_fail gdb.unix.stale-made "no socket file at $S"
t_cmd gdb.unix.stale-replaced --exit 124 --stdout spin -- $SOCSIM -M virt32 -kernel $ELF -gdb "unix:$S" --max-time 1ms
[ -e "$S" ] && t_fail gdb.unix.removed "$S is left after the run" || t_pass gdb.unix.removed
