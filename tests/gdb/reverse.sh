# Reverse execution (docs/gdb.md, "Going backwards"): gdb-multiarch on revtest.elf, whose
# off-by-one loop overwrites a guard word that a later check finds.  From the check,
# a watchpoint on the guard and reverse-continue stop at the store that overwrote it
# (fill, i = 8, the sw), then at the store that set it, then at the beginning of the
# history; reverse-stepi from the trap handler's first instruction goes back across the
# ecall's trap to the ecall (mcause and the handler's count as they were), stepi forward
# again; reverse-finish, reverse-next over a call, reverse-step into one, reverse-continue
# to a breakpoint.  Timer interrupts run all along.  The firmware's output is printed
# once however often the run goes over it, and the run ends with the cycle count of a run
# without gdb.  Each session runs with checkpoints every 100 instructions and with the
# default interval (one checkpoint: every step back replays from the start), the second
# also every 5 (more than 256: every other one goes, the interval doubles).
. tests/gdb/lib.sh
GDB_ELF=$FW/gdb/revtest.elf
GDB_SRC=tests/firmware/gdb/revtest.c
gdb_need gdb_reverse

plain=$($SOCSIM -M virt32 -kernel "$GDB_ELF" --summary --max-time 10ms 2>&1 >/dev/null |
    sed 's/, [0-9.]* host MIPS//')
subst="s/@CORRUPT@/$(gdb_line L_CORRUPT)/g; s/@SET@/$(gdb_line L_GUARD_SET)/g;
       s/@ECALL@/$(gdb_line L_ECALL)/g; s/@CHECK@/$(gdb_line L_CHECK)/g;
       s/@IF@/$(($(gdb_line L_CHECK) - 1))/g; s/@WORK40@/$(gdb_line L_WORK40)/g;
       s/@TICKS_OFF@/$(gdb_line L_TICKS_OFF)/g; s/@FILL@/$(gdb_line L_FILL)/g;
       s/@FILL_END@/$(($(gdb_line L_CORRUPT) + 1))/g; s/@WORK@/$(gdb_line L_WORK)/g"

sed "$subst" >"$TMP/watch.want" <<'WANT'
_start () at tests/firmware/gdb/crt0.S:7
7	    la gp, __global_pointer$
Breakpoint 1 at 0x80000268: file tests/firmware/gdb/revtest.c, line 67.

Breakpoint 1, report (guard=24) at tests/firmware/gdb/revtest.c:67
67	    uart_puts("guard overwritten: ");
$1 = 0x18
Hardware watchpoint 2: g_area.guard

Hardware watchpoint 2: g_area.guard

Old value = 24
New value = 1611514078
0x8000023c in fill (p=0x8000038c <g_area>, n=8) at tests/firmware/gdb/revtest.c:@CORRUPT@
@CORRUPT@	        p[i] = (uint32_t)i * 3; /* L_CORRUPT */
$2 = 8
=> 0x8000023c <fill+42>:	sw	a5,0(a3)

Hardware watchpoint 2: g_area.guard

Old value = 1611514078
New value = 0
0x800002c8 in main () at tests/firmware/gdb/revtest.c:@SET@
@SET@	    g_area.guard = GOOD; /* L_GUARD_SET */

No more reverse-execution history.
_start () at tests/firmware/gdb/crt0.S:7
7	    la gp, __global_pointer$
[Inferior 1 (Remote target) exited normally]
WANT
sed "$subst" >"$TMP/step.want" <<'WANT'
_start () at tests/firmware/gdb/crt0.S:7
7	    la gp, __global_pointer$
Breakpoint 1 at 0x80000050: file tests/firmware/gdb/crt0.S, line 36.

Breakpoint 1, trap_entry () at tests/firmware/gdb/crt0.S:36
36	    TRAP_SAVE_CALLER_SAVED
$1 = 0x800002d6
$2 = 0
$3 = 1
main () at tests/firmware/gdb/revtest.c:@ECALL@
@ECALL@	    __asm__ volatile("ecall"); /* L_ECALL */
=> 0x800002d6 <main+74>:	ecall
$4 = 0x80000007
$5 = 1

Breakpoint 1, trap_entry () at tests/firmware/gdb/crt0.S:36
36	    TRAP_SAVE_CALLER_SAVED
=> 0x80000050 <trap_entry>:	add	sp,sp,-64
Breakpoint 2 at 0x80000268: file tests/firmware/gdb/revtest.c, line 67.

Breakpoint 2, report (guard=24) at tests/firmware/gdb/revtest.c:67
67	    uart_puts("guard overwritten: ");
0x80000332 in main () at tests/firmware/gdb/revtest.c:@CHECK@
@CHECK@	        report(g_area.guard); /* L_CHECK */
@CHECK@	        report(g_area.guard); /* L_CHECK */
@IF@	    if (g_area.guard != GOOD)
@WORK40@	    total += work(40); /* L_WORK40 */
@TICKS_OFF@	    *CLINT_MTIMECMP = 0xffffffffu; /* L_TICKS_OFF */
fill (p=0x80000394 <g_area>, n=8) at tests/firmware/gdb/revtest.c:@FILL_END@
@FILL_END@	}
#0  fill (p=0x80000394 <g_area>, n=8) at tests/firmware/gdb/revtest.c:@FILL_END@
#1  0x800002f6 in main () at tests/firmware/gdb/revtest.c:@FILL@
Breakpoint 3 at 0x800001d2: file tests/firmware/gdb/revtest.c, line @WORK@.

Breakpoint 3, work (n=30) at tests/firmware/gdb/revtest.c:@WORK@
@WORK@	    int sum = 0; /* L_WORK */
$6 = 30
$7 = 1
[Inferior 1 (Remote target) exited normally]
WANT

# session NAME GDB-ARGS...: socsim held at reset with the options in opt, gdb's batch run
# against it, its transcript against $TMP/<NAME without the interval>.want, the firmware's
# output printed once, the cycle count of the run without gdb.
session() {
    local n=$1
    shift
    sim_or_fail $n -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/$n.sock" -S --max-time 10ms \
        --summary "${opt[@]}"
    gdb_batch "$TMP/$n.gdb" "$@"
    local rc=$?
    sim_wait
    t_eq gdb_reverse_$n.gdb_exit 0 "$rc"
    gdb_check gdb_reverse_$n.transcript "$TMP/${n%%.*}.want" "$TMP/$n.gdb"
    t_eq gdb_reverse_$n.output_once "guard overwritten: 0x00000018" "$(cat "$SIM_OUT")"
    t_eq gdb_reverse_$n.cycles "$plain" "$(grep '^socsim: [0-9]* instructions' "$SIM_ERR" |
        sed 's/, [0-9.]* host MIPS//')"
}

for interval in 100 5 default; do
    opt=()
    [ $interval = default ] || opt=(--reverse-interval $interval)
    [ $interval = 5 ] || session watch.$interval \
        -ex "break report" -ex "continue" -ex "p/x g_area.guard" -ex "watch g_area.guard" \
        -ex "reverse-continue" -ex "p i" -ex "x/i \$pc" -ex "reverse-continue" \
        -ex "reverse-continue" -ex "delete" -ex "continue"
    n=step.$interval
    session $n \
        -ex "break trap_entry if \$mcause == 11" -ex "continue" -ex "p/x \$mepc" \
        -ex "p g_traps" -ex "p g_ticks" -ex "reverse-stepi" -ex "x/i \$pc" -ex "p/x \$mcause" \
        -ex "p g_ticks" -ex "stepi" -ex "x/i \$pc" -ex "delete" \
        -ex "break report" -ex "continue" -ex "reverse-finish" -ex "reverse-next" \
        -ex "reverse-next" -ex "reverse-next" -ex "reverse-step" -ex "reverse-step" -ex "bt" \
        -ex "delete" -ex "break work" -ex "reverse-continue" -ex "p n" -ex "p g_traps" \
        -ex "monitor reverse" -ex "delete" -ex "continue"
    # monitor reverse (its output is gdb's stderr in batch mode): the checkpoints kept
    if [ $interval = 100 ]; then
        want="reverse execution: a checkpoint every 100 instructions
16 checkpoints (N KiB) from instruction 0 to 1500; now at 433"
    elif [ $interval = 5 ]; then # 256 by instruction 1275: every other one went, every 10
        want="reverse execution: a checkpoint every 10 instructions
159 checkpoints (N KiB) from instruction 0 to 1580; now at 433"
    else
        want="reverse execution: a checkpoint every 1000000 instructions
1 checkpoint (N KiB) from instruction 0 to 0; now at 433"
    fi
    # (the size, which every device's state makes, as N)
    t_eq gdb_reverse_$n.monitor "$want" "$(sed 's/([0-9]* KiB)/(N KiB)/' "$TMP/$n.gdb.err")"
done
