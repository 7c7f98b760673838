/* trap-loop: mtvec points at unmapped memory, so every trap raises an instruction access
 * fault that traps again, forever.  socsim sees the same trap at the same pc with nothing
 * retired between and stops the run (exit status 123, "firmware stuck in a trap loop").
 * (socsim-only: QEMU would spin until its wall-clock timeout.) */
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    li t0, 0x10000000
    li t1, 'l'
    sb t1, 0(t0)
    li t1, '\n'
    sb t1, 0(t0)
    csrw mtvec, zero
    ecall
