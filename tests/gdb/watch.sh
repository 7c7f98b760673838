# Watchpoints: a write watchpoint stops right after the store that changed the variable
# (gdb shows old and new values), a read watchpoint right after a load of it, an access
# watchpoint after either: the instruction before the stop is the access (the stub stops
# before it and gdb steps over it, as its RISC-V port expects).  Then a
# hardware breakpoint (hbreak, Z1).
. tests/gdb/lib.sh
gdb_need gdb_watch

sim_or_fail watch -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms
gdb_batch "$TMP/watch.gdb" \
    -ex "break main" -ex "continue" -ex "watch g_watched" -ex "continue" -ex "x/i \$pc - 4" \
    -ex "continue" -ex "p i" -ex "delete" -ex "rwatch g_scale" -ex "continue" \
    -ex "x/i \$pc - 4" -ex "p x" -ex "delete" -ex "awatch g_mode" -ex "continue" \
    -ex "x/i \$pc - 4" -ex "delete" -ex "hbreak uart_putu" -ex "continue" \
    -ex "p v" -ex "delete" -ex "continue"
rc=$?
sim_wait
subst="s/@L1@/$(gdb_line L_SQUARE)/g; s/@L2@/$(gdb_line L_PUTU)/g; s/@L3@/$(gdb_line L_MODE)/g"
sed "$subst" >"$TMP/watch.want" <<'WANT'
_start () at tests/firmware/gdb/crt0.S:7
7	    la gp, __global_pointer$
Breakpoint 1 at 0x80000244: file tests/firmware/gdb/gdbtest.c, line 72.

Breakpoint 1, main () at tests/firmware/gdb/gdbtest.c:72
72	    int sum = 0;
Hardware watchpoint 2: g_watched

Hardware watchpoint 2: g_watched

Old value = 0
New value = 1
main () at tests/firmware/gdb/gdbtest.c:73
73	    for (int i = 0; i < 8; i++) {
   0x8000028c <main+80>:	sw	a4,-2004(gp)

Hardware watchpoint 2: g_watched

Old value = 1
New value = 2
main () at tests/firmware/gdb/gdbtest.c:73
73	    for (int i = 0; i < 8; i++) {
$1 = 1
Hardware read watchpoint 3: g_scale

Hardware read watchpoint 3: g_scale

Value = 1
square (x=2) at tests/firmware/gdb/gdbtest.c:@L1@
@L1@	    int r = x * x * g_scale; /* L_SQUARE */
   0x800001ec <square+22>:	lw	a5,996(a5)
$2 = 2
Hardware access (read/write) watchpoint 4: g_mode

Hardware access (read/write) watchpoint 4: g_mode

Value = 0
main () at tests/firmware/gdb/gdbtest.c:@L3@
@L3@	    if (g_mode == 1) { /* L_MODE */
   0x800002c0 <main+132>:	lw	a4,-2008(gp)
Hardware assisted breakpoint 5 at 0x80000114: file tests/firmware/gdb/gdbtest.c, line @L2@.

Breakpoint 5, uart_putu (v=0) at tests/firmware/gdb/gdbtest.c:@L2@
@L2@	    int n = 0; /* L_PUTU */
$3 = 0
[Inferior 1 (Remote target) exited normally]
WANT
t_eq gdb_watch_gdb_exit 0 "$rc"
gdb_check gdb_watch_transcript "$TMP/watch.want" "$TMP/watch.gdb"
t_eq gdb_watch_firmware_output "sum=140
mode=0 cause=7" "$(head -2 "$SIM_OUT")"
t_eq gdb_watch_exit_status 0 "$SIM_RC"
