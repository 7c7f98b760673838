# Prints "spin" then loops forever: for --max-time / --max-insns.
    .section .text.init
    .globl _start
_start:
    li t0, 0x10000000
    li t1, 's'
    sb t1, 0(t0)
    li t1, 'p'
    sb t1, 0(t0)
    li t1, 'i'
    sb t1, 0(t0)
    li t1, 'n'
    sb t1, 0(t0)
    li t1, '\n'
    sb t1, 0(t0)
1:  addi t2, t2, 1
    j 1b
