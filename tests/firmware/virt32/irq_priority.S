/* irq-priority: with machine external (UART0 through the PLIC), software and timer
 * interrupts all pending, they are taken in the order MEI, MSI, MTI (Priv spec 3.1.9).
 * UART0's THR-empty interrupt (IER bit 1) is PLIC source 10; PLIC context 0 is hart 0's
 * M mode: priority at +4*source, enables at +0x2000, threshold at +0x200000, claim/complete
 * at +0x200004.  The handler clears each source: PLIC claim, UART IER = 0, complete; msip = 0;
 * mtimecmp = max. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "irq-priority"
    csrw mie, zero
    la t0, prio_handler
    csrw mtvec, t0
    TIMER_OFF
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    csrr a0, mip
    li t1, MIP_MSIP | MIP_MTIP | MIP_MEIP
    and a0, a0, t1
    CHECK a0, 0

    /* PLIC: source 10 at priority 1, enabled for context 0, threshold 0 */
    li t0, PLIC_PRIO(PLIC_UART0_IRQ)
    li t1, 1
    sw t1, 0(t0)
    li t0, PLIC_ENABLE0
    li t1, 1 << PLIC_UART0_IRQ
    sw t1, 0(t0)
    li t0, PLIC_THRESH0
    sw zero, 0(t0)
    /* all three pending */
    li t0, UART0
    li t1, 0x02                 /* IER.ETBEI: interrupt while THR is empty */
    sb t1, 1(t0)
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    li t0, CLINT_MTIMECMP
    sw zero, 4(t0)
    sw zero, 0(t0)              /* mtimecmp = 0 <= mtime */
1:  csrr a0, mip
    li t1, MIP_MSIP | MIP_MTIP | MIP_MEIP
    and a0, a0, t1
    li t0, MIP_MSIP | MIP_MTIP | MIP_MEIP
    bne a0, t0, 1b
    CHECK a0, MIP_MSIP | MIP_MTIP | MIP_MEIP
    li t0, MIP_MSIP | MIP_MTIP | MIP_MEIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_MIE  /* three traps, one after the other */
    nop
    csrci mstatus, MSTATUS_MIE
    lw a0, prio_count
    CHECK a0, 3
    lw a0, prio_seq + 0
    CHECK a0, 0x8000000b
    lw a0, prio_seq + 4
    CHECK a0, 0x80000003
    lw a0, prio_seq + 8
    CHECK a0, 0x80000007
    lw a0, prio_claim
    CHECK a0, PLIC_UART0_IRQ
    csrr a0, mip
    li t1, MIP_MSIP | MIP_MTIP | MIP_MEIP
    and a0, a0, t1
    CHECK a0, 0
    li t0, PLIC_CLAIM0          /* nothing left to claim */
    lw a0, 0(t0)
    CHECK a0, 0
    csrw mie, zero
TEST_END

    TEXT_ALIGN 4
prio_handler:
    la t5, prio_count
    lw t6, 0(t5)
    addi t4, t6, 1
    sw t4, 0(t5)
    slli t6, t6, 2
    la t4, prio_seq
    add t4, t4, t6
    csrr t6, mcause
    sw t6, 0(t4)
    li t4, 0x8000000b
    beq t6, t4, prio_mei
    li t4, 0x80000003
    beq t6, t4, prio_msi
    li t4, 0x80000007
    beq t6, t4, prio_mti
    j tm_unexpected
prio_mei:
    li t4, PLIC_CLAIM0
    lw t6, 0(t4)
    sw t6, prio_claim, t5
    li t5, UART0
    sb zero, 1(t5)              /* IER = 0: the UART drops its interrupt */
    sw t6, 0(t4)                /* complete */
    mret
prio_msi:
    li t4, CLINT_MSIP
    sw zero, 0(t4)
    mret
prio_mti:
    li t4, CLINT_MTIMECMP
    li t6, -1
    sw t6, 4(t4)
    sw t6, 0(t4)
    mret

    .data
    .balign 4
prio_count: .word 0
prio_claim: .word 0
prio_seq:   .word 0, 0, 0, 0
