# gdb writes into code the CPU has already run (decoded, translated): the next call runs
# the new instructions.  The write reaches the CPU through the memory system (the stub's
# M packet is bus_debug_write, whose write listeners include every CPU).
. tests/gdb/lib.sh
gdb_need gdb_code_patch

sim_or_fail code_patch -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms
# square() has run once (i = 0) when g_watched first changes; from then on it is
# "li a0, 5; ret" (c.li 0x4515, c.jr 0x8082): the sum is 0 + 7 * 5.
gdb_batch "$TMP/patch.gdb" -ex "watch g_watched" -ex "continue" -ex 'p i' -ex "delete" \
    -ex "set {unsigned int}square = 0x80824515" -ex "continue"
rc=$?
sim_wait
t_eq gdb_code_patch_gdb_exit 0 "$rc"
t_eq gdb_code_patch_one_call '$1 = 0' "$(grep '^\$1 = ' "$TMP/patch.gdb")"
t_eq gdb_code_patch_sum "sum=35" "$(head -1 "$SIM_OUT")"
