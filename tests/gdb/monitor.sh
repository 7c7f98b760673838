# monitor commands through gdb: time, stats (the text of --stats, from its one formatter),
# info tree (the same text as --info-tree),
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
# At the first call of square(), 75 instructions ran at 1 CPI and 100 MHz.  Host MIPS is
# the host's speed: any figure.
sed -n '/^75$/,/^reset:/p' "$TMP/mon.gdb.err" |
    sed 's/^  host MIPS    [0-9.]*$/  host MIPS    (any)/' >"$TMP/mon.got"
{
    cat <<'WANT'
75
750 ns (750000 ps)
socsim stats (cpu0, model functional):
  instructions 75
  cycles       75
  CPI          1.000
  simulated    750 ns
  host MIPS    (any)
  stall fetch      0
  stall branch     0
  stall load-use   0
  stall memory     0
  stall mul/div    0
  stall csr/fence  0
  stall trap       0
  stall wfi        0
  stall alu        0
WANT
    "$SOCSIM" -M virt32 -kernel "$GDB_ELF" --info-tree
    echo "unknown monitor command 'bogus'; try 'monitor help'"
    echo "reset: pc = 0x80000000"
} >"$TMP/mon.want"
gdb_check gdb_monitor_output "$TMP/mon.want" "$TMP/mon.got"
# The same text as --stats after the same 75 instructions: one formatter.
"$SOCSIM" -M virt32 -kernel "$GDB_ELF" --max-insns 75 --stats 2>&1 >/dev/null |
    sed -n '/^socsim stats/,/^  stall wfi/p' |
    sed 's/^  host MIPS    [0-9.]*$/  host MIPS    (any)/' >"$TMP/stats.want"
sed -n '/^socsim stats/,/^  stall wfi/p' "$TMP/mon.got" >"$TMP/stats.got"
gdb_check gdb_monitor_stats_is_stats "$TMP/stats.want" "$TMP/stats.got"
t_eq gdb_monitor_reset_regs "\$1 = 0x80000000
\$2 = 0" "$(grep '^\$[12] = ' "$TMP/mon.gdb")"
t_eq gdb_monitor_reset_reruns "sum=140
mode=0 cause=7" "$(head -2 "$SIM_OUT")"
t_eq gdb_monitor_exit_status 0 "$SIM_RC"
