# A trap loop under gdb: the debugger stops where the firmware is stuck, with the signal a
# host program would get (SIGILL for an illegal instruction), instead of the run ending;
# going on stops it again after another round; socsim's stderr names the trap each time.
. tests/gdb/lib.sh
GDB_ELF=$FW/cli/trap_handler.elf
gdb_need gdb_trap_loop
sim_or_fail trap -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/trap.sock" -S --max-time 10ms
gdb_batch "$TMP/trap.gdb" -ex "continue" -ex 'p/x $pc' -ex 'p/x $mcause' -ex "continue" \
    -ex "kill"
rc=$?
sim_wait
t_eq gdb_trap_loop_gdb_exit 0 "$rc"
t_eq gdb_trap_loop_stops "0x80000000 in _start ()

Program received signal SIGILL, Illegal instruction.
0x80000040 in handler ()
\$1 = 0x80000040
\$2 = 0x2

Program received signal SIGILL, Illegal instruction.
0x80000040 in handler ()
[Inferior 1 (Remote target) killed]" "$(cat "$TMP/trap.gdb")"
t_eq gdb_trap_loop_messages 2 "$(grep -c '^socsim: firmware stuck in a trap loop: mcause=0x2 ' "$SIM_ERR")"
t_eq gdb_trap_loop_output t "$(cat "$SIM_OUT")"
t_eq gdb_trap_loop_exit_status 0 "$SIM_RC"
