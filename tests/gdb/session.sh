# A gdb session through C code: break at main and at a source line, continue, step,
# next, finish, print locals and globals, set a variable the firmware then uses (its
# output changes from sum=140 to sum=420), and run to the end.
. tests/gdb/lib.sh
gdb_need gdb_session

if ! sim_start session -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms; then
    t_fail gdb_session "socsim did not listen: $(head -c 300 "$SIM_ERR")"; sim_kill; exit 0
fi
gdb_batch "$TMP/session.gdb" \
    -ex "break main" -ex "break gdbtest.c:65" -ex "continue" -ex "info locals" \
    -ex "continue" -ex "p x" -ex "info locals" -ex "step" -ex "next" -ex "finish" \
    -ex "next" -ex "p squares[0]" -ex "p g_scale" -ex "set var g_scale = 3" \
    -ex "delete" -ex "break gdbtest.c:84" -ex "continue" -ex "p sum" -ex "p squares" \
    -ex "p/x \$pc" -ex "info line *\$pc" -ex "continue"
rc=$?
sim_wait
cat >"$TMP/session.want" <<'WANT'
0x80000000 in _start ()
Breakpoint 1 at 0x8000023a: file tests/firmware/gdb/gdbtest.c, line 78.
Breakpoint 2 at 0x800001e0: file tests/firmware/gdb/gdbtest.c, line 65.

Breakpoint 1, main () at tests/firmware/gdb/gdbtest.c:78
78	    int sum = 0;
sum = 0
i = 0

Breakpoint 2, square (x=0) at tests/firmware/gdb/gdbtest.c:65
65	    int r = x * x * g_scale;
$1 = 0
r = 0
66	    return r;
67	}
0x8000024a in main () at tests/firmware/gdb/gdbtest.c:80
80	        squares[i] = square(i);
Value returned is $2 = 0
81	        sum += squares[i];
$3 = 0
$4 = 1
Breakpoint 3 at 0x80000282: file tests/firmware/gdb/gdbtest.c, line 84.

Breakpoint 3, main () at tests/firmware/gdb/gdbtest.c:84
84	    uart_puts("sum=");
$5 = 420
$6 = {0, 3, 12, 27, 48, 75, 108, 147}
$7 = 0x80000282
Line 84 of "tests/firmware/gdb/gdbtest.c" starts at address 0x80000282 <main+72> and ends at 0x8000028a <main+80>.
[Inferior 1 (process 1) exited normally]
WANT
t_eq gdb_session_gdb_exit 0 "$rc"
if cmp -s "$TMP/session.want" "$TMP/session.gdb"; then t_pass gdb_session_transcript
else t_fail gdb_session_transcript "$(diff "$TMP/session.want" "$TMP/session.gdb" | head -8 | tr '\n' '|')"; fi
t_eq gdb_session_firmware_output "sum=420
mode=0 cause=7" "$(cat "$SIM_OUT")"
t_eq gdb_session_exit_status 0 "$SIM_RC"
