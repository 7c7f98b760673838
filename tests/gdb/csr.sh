# CSRs through the target description: mcause after a trap (ecall from M-mode = 11),
# `info registers mcause`, and $mcycle / $minstret agreeing with `monitor cycles` and
# `monitor instret` at the same stop.
. tests/gdb/lib.sh
gdb_need gdb_csr

sim_or_fail csr -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms
gdb_batch "$TMP/csr.gdb" \
    -ex "break main" -ex "continue" -ex "set var g_mode = 2" -ex "break trap_handler" \
    -ex "continue" \
    -ex "p \$mcause" -ex "info registers mcause" -ex "p/x \$mepc" -ex "x/i \$mepc" -ex "p cause" \
    -ex 'printf "mcycle=%u minstret=%u\n", $mcycle, $minstret' \
    -ex "monitor cycles" -ex "monitor instret" -ex "monitor help" -ex "delete" -ex "continue"
rc=$?
sim_wait
# mcycle and minstret at the trap depend on the firmware's code: the want file takes
# them from the transcript, and the check below ties them to the monitor commands.
mc=$(sed -n 's/^mcycle=\([0-9]*\) minstret=\([0-9]*\)$/\1 \2/p' "$TMP/csr.gdb")
sed "s/@L@/$(gdb_line L_TRAP)/g; s/@MC@/${mc% *}/; s/@MI@/${mc#* }/" >"$TMP/csr.want" <<'WANT'
_start () at tests/firmware/gdb/crt0.S:7
7	    la gp, __global_pointer$
Breakpoint 1 at 0x80000244: file tests/firmware/gdb/gdbtest.c, line 72.

Breakpoint 1, main () at tests/firmware/gdb/gdbtest.c:72
72	    int sum = 0;
Breakpoint 2 at 0x8000018e: file tests/firmware/gdb/gdbtest.c, line @L@.

Breakpoint 2, trap_handler (cause=11) at tests/firmware/gdb/gdbtest.c:@L@
@L@	    g_last_cause = cause; /* L_TRAP */
$1 = 11
mcause         0xb	11
$2 = 0x800002f4
   0x800002f4 <main+180>:	ecall
$3 = 11
mcycle=@MC@ minstret=@MI@
[Inferior 1 (Remote target) exited normally]
WANT
t_eq gdb_csr_gdb_exit 0 "$rc"
gdb_check gdb_csr_transcript "$TMP/csr.want" "$TMP/csr.gdb"
# monitor output comes through gdb's target-output stream (stderr in batch mode)
mon=$(grep -x '[0-9][0-9]*' "$TMP/csr.gdb.err" | tr '\n' ' ' | sed 's/ $//')
t_eq gdb_csr_mcycle_is_monitor_cycles "$mc" "$mon"
case $mc in
[1-9]*' '[1-9]*) t_pass gdb_csr_counts_nonzero ;;
*) t_fail gdb_csr_counts_nonzero "'$mc'" ;;
esac
grep -A6 '^monitor help ' "$TMP/csr.gdb.err" >"$TMP/help.got"
cat >"$TMP/help.want" <<'WANT'
monitor help       list these commands
monitor cycles     CPU cycles since reset
monitor instret    instructions retired since reset
monitor time       simulated time
monitor stats      cycles, instructions, CPI and stall cycles by cause
monitor reset      reset the whole SoC (the CPU restarts at its reset vector)
monitor info tree  the machine: buses, devices, address map
WANT
gdb_check gdb_csr_monitor_help "$TMP/help.want" "$TMP/help.got"
t_eq gdb_csr_firmware_output "sum=140
mode=2 cause=7" "$(cat "$SIM_OUT")"
t_eq gdb_csr_exit_status 0 "$SIM_RC"
