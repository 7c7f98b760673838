# Waits until the scenario writes a nonzero word N (1..9) to `mailbox`, prints "got N",
# stores N + 1 in `reply` and exits through the finisher with status N.
    .equ UART, 0x10000000
    .equ FINISHER, 0x100000
    .section .text.init
    .globl _start
_start:
    li s0, UART
    la s1, mailbox
1:  lw t1, 0(s1)
    beqz t1, 1b
    li t2, 'g'
    sb t2, 0(s0)
    li t2, 'o'
    sb t2, 0(s0)
    li t2, 't'
    sb t2, 0(s0)
    li t2, ' '
    sb t2, 0(s0)
    addi t2, t1, '0'
    sb t2, 0(s0)
    li t2, '\n'
    sb t2, 0(s0)
    addi t2, t1, 1
    la t3, reply
    sw t2, 0(t3)
    slli t1, t1, 16         # (N << 16) | 0x3333: exit status N
    li t2, 0x3333
    or t1, t1, t2
    li t0, FINISHER
    sw t1, 0(t0)
2:  j 2b

    .data
    .align 2
    .globl mailbox, reply
mailbox: .word 0
reply:   .word 0
