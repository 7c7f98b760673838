# monitor commands through gdb: time, stats, info tree (the same text as --info-tree),
# an unknown command, and reset (the CPU restarts at the entry point and the firmware
# runs again from the start, printing its output once).
. tests/gdb/lib.sh
gdb_need gdb_monitor

sim_or_fail mon -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms
gdb_batch "$TMP/mon.gdb" -ex "break square" -ex "continue" -ex "monitor cycles" \
    -ex "monitor time" -ex "monitor stats" -ex "monitor info tree" -ex "monitor bogus" \
    -ex "monitor reset" -ex "maintenance flush register-cache" -ex 'p/x $pc' \
    -ex 'p $mcycle' -ex "delete" -ex "continue"
rc=$?
sim_wait
t_eq gdb_monitor_gdb_exit 0 "$rc"
# At the first call of square(), 75 instructions ran at 1 CPI and 100 MHz.
sed -n '/^75$/,/^reset:/p' "$TMP/mon.gdb.err" >"$TMP/mon.got"
{
    cat <<'WANT'
75
750 ns (750000 ps)
cpu cpu0 (functional model, 100000000 Hz)
  time      750 ns
  cycles    75
  instret   75
  CPI       1.000
WANT
    "$SOCSIM" -M virt32 -kernel "$GDB_ELF" --info-tree
    echo "unknown monitor command 'bogus'; try 'monitor help'"
    echo "reset: pc = 0x80000000"
} >"$TMP/mon.want"
gdb_check gdb_monitor_output "$TMP/mon.want" "$TMP/mon.got"
t_eq gdb_monitor_reset_regs "\$1 = 0x80000000
\$2 = 0" "$(grep '^\$[12] = ' "$TMP/mon.gdb")"
t_eq gdb_monitor_reset_reruns "sum=140
mode=0 cause=7" "$(head -2 "$SIM_OUT")"
t_eq gdb_monitor_exit_status 0 "$SIM_RC"
