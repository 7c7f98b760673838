# Connections in sequence: gdb brings the firmware into its endless loop and detaches
# (breakpoints go away, the firmware runs on), a second gdb connects (the firmware stops
# where it is), releases the loop and lets it finish.  Then `kill` from gdb ends socsim.
. tests/gdb/lib.sh
gdb_need gdb_reconnect

sim_or_fail rc1 -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 60s
gdb_batch "$TMP/rc1.gdb" -ex "break main" -ex "continue" -ex "set var g_mode = 1" \
    -ex "break square" -ex "continue" -ex "p x" -ex "delete" \
    -ex "break gdbtest.c:$(gdb_line L_SPIN)" -ex "continue" -ex "detach"
rc1=$?
gdb_batch "$TMP/rc2.gdb" -ex "p g_mode" -ex "p squares[7]" -ex "info breakpoints" \
    -ex "set var g_spin = 0" -ex "continue"
rc2=$?
sim_wait
t_eq gdb_reconnect_first_exit 0 "$rc1"
t_eq gdb_reconnect_first "Breakpoint 2, square (x=0) at tests/firmware/gdb/gdbtest.c:$(gdb_line L_SQUARE)
\$1 = 0
Breakpoint 3, main () at tests/firmware/gdb/gdbtest.c:$(gdb_line L_SPIN)
[Inferior 1 (Remote target) detached]" \
    "$(grep -E '^(Breakpoint [23],|\$1|\[Inferior)' "$TMP/rc1.gdb")"
t_eq gdb_reconnect_second_exit 0 "$rc2"
t_eq gdb_reconnect_second "\$1 = 1
\$2 = 49
No breakpoints or watchpoints.
[Inferior 1 (Remote target) exited normally]" "$(grep -E '^(\$|No |\[Inferior)' "$TMP/rc2.gdb")"
t_eq gdb_reconnect_firmware_output "sum=140
spinning
released
mode=1 cause=7" "$(cat "$SIM_OUT")"
t_eq gdb_reconnect_exit_status 0 "$SIM_RC"

# kill: gdb ends the simulation
sim_or_fail kill -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb2.sock" -S --max-time 10ms
gdb_batch "$TMP/kill.gdb" -ex "break square" -ex "continue" -ex "kill"
rc=$?
sim_wait
t_eq gdb_kill_gdb_exit 0 "$rc"
t_eq gdb_kill_killed "[Inferior 1 (Remote target) killed]" "$(tail -1 "$TMP/kill.gdb")"
t_eq gdb_kill_no_output "" "$(cat "$SIM_OUT")"
t_eq gdb_kill_exit_status 0 "$SIM_RC"
