/* irq-edges: when a pending interrupt becomes takeable (Priv spec 3.1.9): right after the
 * CSR write to mie that enables it, right after MRET restores MIE (mepc = the MRET target),
 * and ahead of the exception the next instruction would raise (the interrupt is taken at
 * the instruction boundary, then the instruction runs and traps). */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "irq-edges"
    csrw mie, zero
    TIMER_OFF
    la t0, irq_direct
    csrw mtvec, t0
    li s0, CLINT_MSIP

    /* enabling via mie with mstatus.MIE = 1 */
    li t0, 1
    sw t0, 0(s0)
    csrsi mstatus, MSTATUS_MIE
    li t0, MIP_MSIP
    csrs mie, t0
mie_next:
    csrci mstatus, MSTATUS_MIE
    CHECK_IRQ 1, 0x80000003, IR_DIRECT, mie_next

    /* MRET with MPIE = 1 and an interrupt pending: taken at the MRET target */
    li t0, 1
    sw t0, 0(s0)
    li t0, MSTATUS_MPIE | MSTATUS_MPP
    csrs mstatus, t0
    la t0, mret_target
    csrw mepc, t0
    mret
    j tm_unexpected
mret_target:
    csrci mstatus, MSTATUS_MIE
    CHECK_IRQ 2, 0x80000003, IR_DIRECT, mret_target

    /* interrupt first, then the illegal instruction's exception */
    la t0, edge_handler
    csrw mtvec, t0
    li s1, 0
    li t0, 1
    sw t0, 0(s0)
    csrsi mstatus, MSTATUS_MIE
ill_i:
    .word 0xfe000033
    csrci mstatus, MSTATUS_MIE
    CHECK s1, 2
    CHECK s2, 0x80000003        /* first: the software interrupt ... */
    CHECK_ADDR s3, ill_i        /* ... with mepc at the illegal instruction */
    CHECK s4, 2                 /* then the illegal instruction */
    CHECK_ADDR s5, ill_i
    csrw mie, zero
TEST_END
IRQ_RUNTIME

    TEXT_ALIGN 4
edge_handler:                   /* records two traps; skips the illegal instruction */
    addi s1, s1, 1
    csrr t5, mcause
    csrr t6, mepc
    li t4, 1
    bne s1, t4, 1f
    mv s2, t5
    mv s3, t6
    sw zero, 0(s0)              /* msip = 0 */
    mret
1:  mv s4, t5
    mv s5, t6
    addi t6, t6, 4
    csrw mepc, t6
    mret
