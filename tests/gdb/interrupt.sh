# Ctrl-C: SIGINT to gdb while the firmware spins in an endless loop stops it (gdb sees
# SIGINT), the debugger clears the loop's flag, and the firmware goes on to the end.
. tests/gdb/lib.sh
gdb_need gdb_interrupt

if ! sim_start intr -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 60s; then
    t_fail gdb_interrupt "socsim did not listen: $(head -c 300 "$SIM_ERR")"; sim_kill; exit 0
fi
set -m # gdb in its own process group, with SIGINT not ignored
"$GDB" -batch -nx -ex "set pagination off" -ex "target remote $GDB_ADDR" \
    -ex "break main" -ex "continue" -ex "delete" -ex "set var g_mode = 1" \
    -ex "continue" -ex "p g_spin" -ex "p g_mode" \
    -ex "set var g_spin = 0" -ex "continue" "$GDB_ELF" >"$TMP/intr.gdb" 2>"$TMP/intr.gdb.err" </dev/null &
gdb_pid=$!
set +m
# Wait (bounded) until the firmware says it spins, then interrupt gdb as a user would.
for i in $(seq 600); do
    grep -q '^spinning$' "$SIM_OUT" && break
    kill -0 "$gdb_pid" 2>/dev/null || break
    sleep 0.05
done
kill -INT "$gdb_pid" 2>/dev/null
for i in $(seq 600); do kill -0 "$gdb_pid" 2>/dev/null || break; sleep 0.05; done
kill -KILL "$gdb_pid" 2>/dev/null
wait "$gdb_pid"
rc=$?
sim_wait
t_eq gdb_interrupt_gdb_exit 0 "$rc"
t_eq gdb_interrupt_sigint "1" "$(grep -c '^Program received signal SIGINT, Interrupt.$' "$TMP/intr.gdb")"
t_eq gdb_interrupt_values "\$1 = 1
\$2 = 1" "$(grep '^\$[12] = ' "$TMP/intr.gdb")"
t_eq gdb_interrupt_exited "[Inferior 1 (Remote target) exited normally]" "$(tail -1 "$TMP/intr.gdb")"
t_eq gdb_interrupt_firmware_output "sum=140
spinning
released
mode=1 cause=7" "$(cat "$SIM_OUT")"
t_eq gdb_interrupt_exit_status 0 "$SIM_RC"
