/* UART echo for boards with a 16550 at 0x10000000 and a SiFive test finisher at 0x100000
 * (virt32, QEMU's virt): every byte received goes back, lower-case letters turned upper
 * case (so the echo is the guest's, not a loopback); a newline ends the run with exit
 * status 0.  It polls LSR and never sleeps, so no interrupt wiring is involved. */
    .equ UART, 0x10000000
    .equ LSR, 5
    .equ LSR_DR, 0x01
    .equ LSR_THRE, 0x20
    .equ FINISHER, 0x100000
    .equ FINISHER_PASS, 0x5555

    .section .text.init
    .globl _start
_start:
    li t0, UART
wait_rx:
    lbu t1, LSR(t0)
    andi t1, t1, LSR_DR
    beqz t1, wait_rx
    lbu t2, 0(t0)               /* RBR */
    li t3, 'a'
    bltu t2, t3, wait_tx
    li t3, 'z' + 1
    bgeu t2, t3, wait_tx
    addi t2, t2, 'A' - 'a'
wait_tx:
    lbu t1, LSR(t0)
    andi t1, t1, LSR_THRE
    beqz t1, wait_tx
    sb t2, 0(t0)                /* THR */
    li t3, '\n'
    bne t2, t3, wait_rx
    li t0, FINISHER
    li t1, FINISHER_PASS
    sw t1, 0(t0)
1:  j 1b
