# Prints "ready", then sleeps in wfi with PLIC sources 5 and 7 enabled (priority 1,
# threshold 0) and mie.MEIE set.  Each machine external interrupt: mcycle at handler
# entry goes to `entry_cycle`, the claimed source to `claimed`, "irq N" is printed, the
# source is completed; after the second interrupt the finisher ends the run with 0.
    .equ UART, 0x10000000
    .equ FINISHER, 0x100000
    .equ PLIC, 0x0c000000
    .equ PLIC_ENABLE, PLIC + 0x2000
    .equ PLIC_THRESHOLD, PLIC + 0x200000
    .equ PLIC_CLAIM, PLIC + 0x200004

    .macro putc reg, ch
    li t2, \ch
    sb t2, 0(\reg)
    .endm

    .section .text.init
    .globl _start
_start:
    la t0, handler
    csrw mtvec, t0
    li t0, PLIC
    li t1, 1
    sw t1, 5*4(t0)          # priority[5] = 1
    sw t1, 7*4(t0)          # priority[7] = 1
    li t0, PLIC_ENABLE
    li t1, (1 << 5) | (1 << 7)
    sw t1, 0(t0)
    li t0, PLIC_THRESHOLD
    sw zero, 0(t0)
    li s0, UART
    putc s0, 'r'
    putc s0, 'e'
    putc s0, 'a'
    putc s0, 'd'
    putc s0, 'y'
    putc s0, '\n'
    li t0, 0x800            # mie.MEIE
    csrw mie, t0
    csrsi mstatus, 8        # mstatus.MIE
1:  wfi
    j 1b

    .align 2
handler:
    csrr t6, mcycle
    la t5, entry_cycle
    sw t6, 0(t5)
    li t0, PLIC_CLAIM
    lw t1, 0(t0)
    la t5, claimed
    sw t1, 0(t5)
    li t3, UART
    putc t3, 'i'
    putc t3, 'r'
    putc t3, 'q'
    putc t3, ' '
    addi t2, t1, '0'
    sb t2, 0(t3)
    putc t3, '\n'
    sw t1, 0(t0)            # complete
    la t5, count
    lw t4, 0(t5)
    addi t4, t4, 1
    sw t4, 0(t5)
    li t2, 2
    bne t4, t2, 2f
    li t0, FINISHER
    li t1, 0x5555
    sw t1, 0(t0)
2:  mret

    .data
    .align 2
    .globl entry_cycle, claimed, count
entry_cycle: .word 0
claimed:     .word 0
count:       .word 0
