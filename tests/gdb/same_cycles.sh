# The stub does not perturb simulated time: a run with gdb attached that only continues,
# and even one that stops at breakpoints, steps and watches, prints exactly the output of
# a run without gdb, including the firmware's own mcycle and minstret readings.
. tests/gdb/lib.sh
gdb_need gdb_same_cycles

"$SOCSIM" -M virt32 -kernel "$GDB_ELF" --max-time 10ms >"$TMP/plain.out" 2>"$TMP/plain.err"
plain_rc=$?
t_eq gdb_same_cycles_plain_run 0 "$plain_rc"
grep -q '^mcycle=[1-9][0-9]* minstret=[1-9][0-9]*$' "$TMP/plain.out" &&
    t_pass gdb_same_cycles_plain_counts || t_fail gdb_same_cycles_plain_counts "$(cat "$TMP/plain.out")"

# attached, continue only
if ! sim_start cont -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms; then
    t_fail gdb_same_cycles "socsim did not listen: $(head -c 300 "$SIM_ERR")"; sim_kill; exit 0
fi
gdb_batch "$TMP/cont.gdb" -ex "continue"
sim_wait
t_eq gdb_same_cycles_continue_exit "$plain_rc" "$SIM_RC"
if cmp -s "$TMP/plain.out" "$SIM_OUT"; then t_pass gdb_same_cycles_continue_output
else t_fail gdb_same_cycles_continue_output "$(diff "$TMP/plain.out" "$SIM_OUT" | tr '\n' '|')"; fi

# attached, with breakpoints, steps, a watchpoint and monitor commands on the way
if ! sim_start busy -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb2.sock" -S --max-time 10ms; then
    t_fail gdb_same_cycles "socsim did not listen: $(head -c 300 "$SIM_ERR")"; sim_kill; exit 0
fi
gdb_batch "$TMP/busy.gdb" -ex "break square" -ex "continue" -ex "continue" -ex "step" \
    -ex "next" -ex "finish" -ex "stepi" -ex "nexti" -ex "watch g_watched" -ex "continue" \
    -ex "monitor cycles" -ex "monitor stats" -ex "info registers" -ex "x/8x \$sp" \
    -ex "delete" -ex "break uart_putu" -ex "continue" -ex "delete" -ex "continue"
sim_wait
t_eq gdb_same_cycles_busy_exit "$plain_rc" "$SIM_RC"
if cmp -s "$TMP/plain.out" "$SIM_OUT"; then t_pass gdb_same_cycles_busy_output
else t_fail gdb_same_cycles_busy_output "$(diff "$TMP/plain.out" "$SIM_OUT" | tr '\n' '|')"; fi
