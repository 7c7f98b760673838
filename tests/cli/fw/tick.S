# TICKS timer interrupts (3, or the --defsym given), then exit 0: for -d int, and with 200
# for interrupts that are no trap loop (each taken at the same pc, the j after the wfi,
# with the same mcause, but the handler retires instructions between them).
# mtimecmp = 50 at 10 MHz: the first interrupt is pending from cycle 500 of the 100 MHz
# core; the handler moves mtimecmp 50 further each time, so the next ones come 500 cycles
# apart.  The main loop is a wfi, which the interrupt wakes; the last one exits through
# the finisher.
    .ifndef TICKS
    .equ TICKS, 3
    .endif
    .section .text.init
    .globl _start
_start:
    la t0, handler
    csrw mtvec, t0
    li s1, 0x2004000        # mtimecmp
    li t1, 50
    sw t1, 0(s1)
    sw zero, 4(s1)
    li t1, 0x80             # mie.MTIE
    csrw mie, t1
    csrsi mstatus, 8        # mstatus.MIE
1:  wfi
    j 1b

    .balign 4
handler:
    addi s0, s0, 1
    li t1, TICKS
    beq s0, t1, done
    lw t1, 0(s1)
    addi t1, t1, 50
    sw t1, 0(s1)
    mret
done:
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
