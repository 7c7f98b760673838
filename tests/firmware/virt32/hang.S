/* hang: a firmware that never exits ends at --max-time 1s with exit status 124 (socsim-only:
 * QEMU would run until the wall-clock timeout). */
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    li t0, 0x10000000
    li t1, 'z'
    sb t1, 0(t0)
    li t1, '\n'
    sb t1, 0(t0)
1:  addi t2, t2, 1
    j 1b
