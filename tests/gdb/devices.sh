# Device registers from gdb (virt32, tests/firmware/gdb/devtest.c): reads go through the
# device without its side effects, writes go through it as the guest's store would, and
# watchpoints work on device registers as on RAM.
#   - x/bx of the 16550's LSR shows THRE and TEMT (0x60), and DR (0x61) with a byte pending
#   - the CLINT's mtime reads the simulated time at the stop: mcycle / 10 (100 MHz core,
#     10 MHz timebase, both from 0)
#   - set *(char*)0x10000000 = 'A' sends 'A' out of the UART
#   - a write watchpoint on THR and one on mtimecmp stop right after the store (the
#     instruction before the stop), with the old and new values
#   - reading RBR with a byte pending does not pop it: the firmware still reads it
. tests/gdb/lib.sh
GDB_ELF=$FW/gdb/devtest.elf
GDB_SRC=tests/firmware/gdb/devtest.c
gdb_need gdb_devices

# time_at_stop FILE NAME: each "mcycle=N mtime=M" line of FILE must have M = N / 10 and
# N > 0 (mtime really counts; 0 is what an unreadable device showed).
time_at_stop() {
    local n=0 cyc mt bad=
    while read -r cyc mt; do
        n=$((n + 1))
        [ "$cyc" -gt 0 ] && [ "$mt" -eq $((cyc / 10)) ] || bad="$bad mcycle=$cyc mtime=$mt;"
    done < <(sed -n 's/^mcycle=\([0-9]*\) mtime=\([0-9]*\)$/\1 \2/p' "$1")
    if [ "$n" = 2 ] && [ -z "$bad" ]; then t_pass "$2"
    else t_fail "$2" "$n readings:$bad"; fi
}
time_cmd='printf "mcycle=%u mtime=%u\n", $mcycle, *(unsigned *)0x0200bff8'

sim_or_fail dev -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms
gdb_batch "$TMP/dev.gdb" -ex "break main" -ex "continue" -ex "x/bx 0x10000005" \
    -ex "$time_cmd" -ex "set *(char *)0x10000000 = 'A'" \
    -ex "watch *(volatile char *)0x10000000" -ex "continue" -ex "x/i \$pc - 4" \
    -ex "continue" -ex "delete" -ex "watch *(unsigned *)0x02004000" -ex "continue" \
    -ex "x/i \$pc - 2" -ex "$time_cmd" -ex "continue" -ex "delete" -ex "kill"
rc=$?
sim_wait
L=$(gdb_line L_THR)
C=$(gdb_line L_CMP2)
sed "s/@L@/$((L + 1))/g; s/@C2@/$C/g; s/@W@/$((C + 1))/g" \
    >"$TMP/dev.want" <<'WANT'
_start () at tests/firmware/gdb/crt0.S:7
7	    la gp, __global_pointer$
Breakpoint 1 at 0x800000f2: file tests/firmware/gdb/devtest.c, line 21.

Breakpoint 1, main () at tests/firmware/gdb/devtest.c:21
21	    uart_putc('o');
0x10000005:	0x60
Hardware watchpoint 2: *(volatile char *)0x10000000

Hardware watchpoint 2: *(volatile char *)0x10000000

Old value = 65 'A'
New value = 111 'o'
uart_putc (c=111 'o') at tests/firmware/gdb/devtest.c:@L@
@L@	}
   0x800000de <uart_putc+42>:	sb	a4,0(a5)

Hardware watchpoint 2: *(volatile char *)0x10000000

Old value = 111 'o'
New value = 107 'k'
uart_putc (c=107 'k') at tests/firmware/gdb/devtest.c:@L@
@L@	}
Hardware watchpoint 3: *(unsigned *)0x02004000

Hardware watchpoint 3: *(unsigned *)0x02004000

Old value = 4294967295
New value = 1000
main () at tests/firmware/gdb/devtest.c:@C2@
@C2@	    *CLINT_MTIMECMP = 2000; /* L_CMP2 */
   0x8000010a <main+32>:	sw	a4,0(a5)

Hardware watchpoint 3: *(unsigned *)0x02004000

Old value = 1000
New value = 2000
main () at tests/firmware/gdb/devtest.c:@W@
@W@	    while (!(UART[UART_LSR] & UART_LSR_DR))
[Inferior 1 (Remote target) killed]
WANT
t_eq gdb_devices_gdb_exit 0 "$rc"
grep -v '^mcycle=' "$TMP/dev.gdb" >"$TMP/dev.gdb.t"
gdb_check gdb_devices_transcript "$TMP/dev.want" "$TMP/dev.gdb.t"
time_at_stop "$TMP/dev.gdb" gdb_devices_mtime
t_eq gdb_devices_uart_output "Aok" "$(cat "$SIM_OUT")"
t_eq gdb_devices_exit_status 0 "$SIM_RC"

# A byte waits in the receive FIFO when the firmware stops after seeing DR: gdb reads RBR
# twice, the firmware then reads the byte itself and echoes it.
printf Z >"$TMP/rx.in"
sim_or_fail rx -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb2.sock" -S --max-time 10ms \
    -chardev "file,id=ser,path=$TMP/rx.out,in=$TMP/rx.in" -serial chardev:ser
gdb_batch "$TMP/rx.gdb" -ex "break devtest.c:$(gdb_line L_RX)" -ex "continue" \
    -ex "x/bx 0x10000005" -ex "x/bx 0x10000000" -ex "x/bx 0x10000000" \
    -ex "x/8xb 0x10000000" -ex "delete" -ex "continue"
rc=$?
sim_wait
t_eq gdb_devices_rx_gdb_exit 0 "$rc"
t_eq gdb_devices_rx_peek "0x10000005:	0x61
0x10000000:	0x5a
0x10000000:	0x5a
0x10000000:	0x5a	0x00	0x01	0x03	0x00	0x61	0xb0	0x00" "$(grep '^0x1000000' "$TMP/rx.gdb")"
t_eq gdb_devices_rx_echo "ok
[Z]" "$(cat "$TMP/rx.out")"
t_eq gdb_devices_rx_exit_status 0 "$SIM_RC"
