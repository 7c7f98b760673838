/* UART echo that sleeps: like uart_echo.S, but between bytes the hart waits in wfi for the
 * 16550's receive interrupt (PLIC source 10 on virt32 and QEMU virt).  Interrupts stay
 * globally off (mstatus.MIE = 0): a pending enabled interrupt still ends wfi (Priv spec
 * 3.3.3), and the loop then drains the receive FIFO and completes the PLIC claim.  With
 * nothing scheduled while it sleeps, only host input can wake the simulation. */
    .equ UART, 0x10000000
    .equ IER, 1
    .equ LSR, 5
    .equ LSR_DR, 0x01
    .equ LSR_THRE, 0x20
    .equ PLIC, 0x0c000000
    .equ UART_IRQ, 10
    .equ PLIC_ENABLE, 0x2000
    .equ PLIC_THRESHOLD, 0x200000
    .equ PLIC_CLAIM, 0x200004
    .equ FINISHER, 0x100000
    .equ FINISHER_PASS, 0x5555
    .equ MIE_MEIE, 0x800

    .section .text.init
    .globl _start
_start:
    li t0, PLIC
    li t1, 1
    sw t1, UART_IRQ * 4(t0)         /* priority 1 */
    li t2, PLIC + PLIC_ENABLE
    li t1, 1 << UART_IRQ
    sw t1, 0(t2)
    li t2, PLIC + PLIC_THRESHOLD
    sw zero, 0(t2)                  /* threshold 0 */
    li t1, MIE_MEIE
    csrs mie, t1
    li t0, UART
    li t1, 1
    sb t1, IER(t0)                  /* receive data available interrupt */
sleep:
    wfi
    li t2, PLIC + PLIC_CLAIM
    lw t4, 0(t2)                    /* claim (0 when nothing is pending) */
drain:
    lbu t1, LSR(t0)
    andi t1, t1, LSR_DR
    beqz t1, done
    lbu t3, 0(t0)
    li t5, 'a'
    bltu t3, t5, wait_tx
    li t5, 'z' + 1
    bgeu t3, t5, wait_tx
    addi t3, t3, 'A' - 'a'
wait_tx:
    lbu t1, LSR(t0)
    andi t1, t1, LSR_THRE
    beqz t1, wait_tx
    sb t3, 0(t0)
    li t5, '\n'
    bne t3, t5, drain
    li t0, FINISHER
    li t1, FINISHER_PASS
    sw t1, 0(t0)
1:  j 1b
done:
    beqz t4, sleep
    sw t4, 0(t2)                    /* complete */
    j sleep
