/* wave: the virt32 run that tests/vcd/vcd.sh records.  It sets the ns16550a to 115200
 * baud 8N1 (divisor 2 of 3.6864 MHz: 32 clock cycles a bit), writes 0x55 to THR at the
 * label `send` (the frame starts there), arms the CLINT timer for mtime 500 (50 us at
 * 10 MHz) and sleeps in wfi; the timer interrupt enters `tick`, which waits until mtime
 * reaches 1500 (150 us: the frame, 86.8 us, is over) and exits 0 through the finisher. */
    .section .text.init
    .globl _start
_start:
    la t0, tick
    csrw mtvec, t0
    li a0, 0x10000000           /* ns16550a */
    li t1, 0x83                 /* LCR: DLAB, 8 data bits */
    sb t1, 3(a0)
    li t1, 2                    /* DLL: divisor 2 */
    sb t1, 0(a0)
    sb zero, 1(a0)              /* DLM */
    li t1, 0x03                 /* LCR: 8N1, DLAB clear */
    sb t1, 3(a0)
    li t1, 0x55
    .globl send
send:
    sb t1, 0(a0)                /* THR: the frame begins */
    li t0, 0x2004000            /* mtimecmp = 500 */
    li t1, 500
    sw zero, 4(t0)
    sw t1, 0(t0)
    li t1, 0x80                 /* mie.MTIE */
    csrw mie, t1
    csrsi mstatus, 8            /* mstatus.MIE */
1:  wfi
    j 1b

    .balign 4
    .globl tick
tick:
    li t0, 0x200bff8            /* mtime */
    li t2, 1500
2:  lw t1, 0(t0)
    bltu t1, t2, 2b
    li t0, 0x100000             /* sifive-test finisher: pass */
    li t1, 0x5555
    sw t1, 0(t0)
3:  j 3b
