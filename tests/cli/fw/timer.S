# Sleeps in wfi until the CLINT timer (10 MHz) reaches 1000 ticks = 100 us, then exits
# with (mcycle at wake-up >= 10000 ? 0 : 1) through the finisher: wfi skips simulated time.
    .section .text.init
    .globl _start
_start:
    li t0, 0x2004000        # mtimecmp
    li t1, 1000
    sw t1, 0(t0)
    sw zero, 4(t0)
    li t1, 0x80             # mie.MTIE, mstatus.MIE stays 0: wfi wakes without a trap
    csrw mie, t1
    wfi
    rdtime a1
    li t0, 0x100000
    li t2, 1000
    bltu a1, t2, fail
    li t1, 0x5555
    sw t1, 0(t0)
fail:
    li t1, 0x13333
    sw t1, 0(t0)
