/* trap-loop: mtvec points at unmapped memory, so every trap raises an instruction access
 * fault that traps again, forever.  Traps take simulated time, so --max-time still ends the
 * run (exit status 124).  (socsim-only: QEMU would spin until its wall-clock timeout.) */
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
