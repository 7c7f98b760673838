# Ctrl-C: SIGINT to gdb while the firmware spins in an endless loop stops it (gdb sees
# SIGINT, in the loop), the debugger clears the loop's flag, and the firmware goes on to
# the end.  The test sends SIGINT once the firmware has said "spinning": gdb is then
# waiting in `continue`, which only Ctrl-C can end.
. tests/gdb/lib.sh
gdb_need gdb_interrupt
L=$(gdb_line L_SPIN)

sim_or_fail intr -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 60s
set -m # gdb in its own process group, with SIGINT not ignored as in a background job
"$GDB" -batch -nx -ex "set pagination off" -ex "target remote $GDB_ADDR" \
    -ex "break main" -ex "continue" -ex "delete" -ex "set var g_mode = 1" -ex "continue" \
    -ex "p g_spin" -ex "p g_mode" -ex "set var g_spin = 0" -ex "continue" \
    "$GDB_ELF" >"$TMP/intr.gdb" 2>"$TMP/intr.gdb.err" </dev/null &
gdb_pid=$!
set +m
# Bounded wait for the firmware's "spinning" line (or for gdb or socsim to end early).
for i in $(seq 1200); do
    grep -q '^spinning$' "$SIM_OUT" && break
    kill -0 "$gdb_pid" 2>/dev/null && kill -0 "$SIM_PID" 2>/dev/null || break
    sleep 0.05
done
kill -INT "$gdb_pid" 2>/dev/null
# gdb gets 60 s to finish (the bound gdb_batch gets from timeout(1)), then it is killed.
BG_PID=$gdb_pid t_bg_wait
rc=$BG_RC
sim_wait
t_eq gdb_interrupt_gdb_exit 0 "$rc"
t_eq gdb_interrupt_sigint "Program received signal SIGINT, Interrupt." \
    "$(grep '^Program received signal' "$TMP/intr.gdb")"
t_eq gdb_interrupt_in_loop "main () at tests/firmware/gdb/gdbtest.c:$L" \
    "$(grep -A1 '^Program received signal' "$TMP/intr.gdb" | tail -1 | sed 's/^0x[0-9a-f]* in //')"
t_eq gdb_interrupt_values "\$1 = 1
\$2 = 1" "$(grep '^\$[12] = ' "$TMP/intr.gdb")"
t_eq gdb_interrupt_exited "[Inferior 1 (Remote target) exited normally]" \
    "$(tail -1 "$TMP/intr.gdb")"
t_eq gdb_interrupt_firmware_output "sum=140
spinning
released
mode=1 cause=7" "$(cat "$SIM_OUT")"
t_eq gdb_interrupt_exit_status 0 "$SIM_RC"

# --max-time ends a run while gdb waits in `continue`: gdb sees the program terminated
# by SIGALRM, socsim exits with the limit status.
sim_or_fail limit -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb2.sock" -S --max-time 1ms
gdb_batch "$TMP/limit.gdb" -ex "break main" -ex "continue" -ex "delete" \
    -ex "set var g_mode = 1" -ex "continue"
rc=$?
sim_wait
t_eq gdb_limit_gdb_exit 0 "$rc"
t_eq gdb_limit_sigalrm "Program terminated with signal SIGALRM, Alarm clock." \
    "$(grep '^Program terminated' "$TMP/limit.gdb")"
t_eq gdb_limit_exit_status 124 "$SIM_RC"
