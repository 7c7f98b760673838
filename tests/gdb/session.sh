# A gdb session through C code: break at main and at a source line, continue, step,
# next, finish, print locals and globals, set a variable the firmware then uses (its
# output changes from sum=140 to sum=420), and run to the end.
. tests/gdb/lib.sh
gdb_need gdb_session
L1=$(gdb_line L_SQUARE) L2=$(gdb_line L_AFTER_LOOP)

sim_or_fail session -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S \
    --max-time 10ms
gdb_batch "$TMP/session.gdb" \
    -ex "break main" -ex "break gdbtest.c:$L1" -ex "continue" -ex "info locals" \
    -ex "continue" -ex "p x" -ex "info locals" -ex "step" -ex "next" -ex "finish" \
    -ex "next" -ex "p squares[0]" -ex "p g_scale" -ex "set var g_scale = 3" \
    -ex "delete" -ex "break gdbtest.c:$L2" -ex "continue" -ex "p sum" -ex "p squares" \
    -ex "info line *\$pc" -ex "delete" -ex "continue"
rc=$?
sim_wait
subst="s/@L1@/$L1/g; s/@L1+1@/$((L1 + 1))/g; s/@L1+2@/$((L1 + 2))/g; s/@L2@/$L2/g"
sed "$subst" >"$TMP/session.want" <<'WANT'
_start () at tests/firmware/gdb/crt0.S:7
7	    la gp, __global_pointer$
Breakpoint 1 at 0x8000023e: file tests/firmware/gdb/gdbtest.c, line 72.
Breakpoint 2 at 0x800001e0: file tests/firmware/gdb/gdbtest.c, line @L1@.

Breakpoint 1, main () at tests/firmware/gdb/gdbtest.c:72
72	    int sum = 0;
sum = 0

Breakpoint 2, square (x=0) at tests/firmware/gdb/gdbtest.c:@L1@
@L1@	    int r = x * x * g_scale; /* L_SQUARE */
$1 = 0
r = 0
@L1+1@	    return r;
@L1+2@	}
0x8000024e in main () at tests/firmware/gdb/gdbtest.c:74
74	        squares[i] = square(i);
Value returned is $2 = 0
75	        sum += squares[i];
$3 = 0
$4 = 1
Breakpoint 3 at 0x80000286: file tests/firmware/gdb/gdbtest.c, line @L2@.

Breakpoint 3, main () at tests/firmware/gdb/gdbtest.c:@L2@
@L2@	    uart_puts("sum="); /* L_AFTER_LOOP */
$5 = 420
$6 = {0, 3, 12, 27, 48, 75, 108, 147}
Line @L2@ of "tests/firmware/gdb/gdbtest.c" starts at address 0x80000286 <main+72> and ends at 0x8000028e <main+80>.
[Inferior 1 (Remote target) exited normally]
WANT
t_eq gdb_session_gdb_exit 0 "$rc"
gdb_check gdb_session_transcript "$TMP/session.want" "$TMP/session.gdb"
t_eq gdb_session_firmware_output "sum=420
mode=0 cause=7" "$(head -2 "$SIM_OUT")"
t_eq gdb_session_exit_status 0 "$SIM_RC"

# main's return value is the run's exit status: gdb makes main return 3 (crt0.S sends
# (3 << 16) | 0x3333 to the finisher), and both gdb and socsim see status 3.
sim_or_fail session_status -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S \
    --max-time 10ms
gdb_batch "$TMP/status.gdb" -ex "break main" -ex "continue" -ex "return 3" -ex "continue"
rc=$?
sim_wait
t_eq gdb_session_return_gdb "[Inferior 1 (Remote target) exited with code 03]" \
    "$(tail -1 "$TMP/status.gdb")"
t_eq gdb_session_return_status 3 "$SIM_RC"
