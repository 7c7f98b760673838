/* irq-timer: the CLINT machine timer interrupt (Priv spec 3.1.9, 3.2.1): MTIP follows
 * mtime >= mtimecmp, WFI wakes on it even with mstatus.MIE = 0, the trap has mcause
 * 0x80000007 and mtval 0, mepc is the next instruction (after WFI when it was waiting, Priv
 * spec 3.3.3), an interrupt also arrives in a busy loop, and in vectored mode the trap goes
 * through entry 7 of the table. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "irq-timer"
    csrw mie, zero
    TIMER_OFF
    csrr a0, mip
    andi a0, a0, MIP_MTIP
    CHECK a0, 0
    la t0, irq_direct
    csrw mtvec, t0

    /* MTIP is set once mtime reaches mtimecmp; no trap while MTIE = 0 */
    TIMER_IN 200
    mv s5, t1
1:  csrr a0, mip
    andi a0, a0, MIP_MTIP
    beqz a0, 1b
    li t0, CLINT_MTIME
    lw a1, 0(t0)
    sltu a1, a1, s5             /* mtime < mtimecmp while MTIP: wrong */
    CHECK a1, 0
    TIMER_OFF
    csrr a0, mip
    andi a0, a0, MIP_MTIP
    CHECK a0, 0
    lw t5, irq_rec + IR_COUNT
    CHECK t5, 0

    /* WFI with MTIE = 1 and mstatus.MIE = 0 wakes up without a trap */
    li t0, MIP_MTIP
    csrs mie, t0
    TIMER_IN 500
    wfi
    csrr a0, mip
    andi a0, a0, MIP_MTIP
    CHECK a0, MIP_MTIP
    lw t5, irq_rec + IR_COUNT
    CHECK t5, 0
    /* enabling interrupts takes the trap right after the enabling instruction */
    csrsi mstatus, MSTATUS_MIE
en1_next:
    csrci mstatus, MSTATUS_MIE
    CHECK_IRQ 1, 0x80000007, IR_DIRECT, en1_next
    lw t5, irq_rec + IR_STATUS  /* in the handler: MIE = 0, MPIE = 1 */
    andi t5, t5, MSTATUS_MIE | MSTATUS_MPIE
    CHECK t5, MSTATUS_MPIE
    csrr a0, mip                /* the handler moved mtimecmp: MTIP is clear */
    andi a0, a0, MIP_MTIP
    CHECK a0, 0

    /* WFI with interrupts enabled: the trap is taken from WFI, mepc is the next instruction,
     * and the handler sees mtime >= mtimecmp */
    TIMER_IN 10000              /* 1 ms */
    mv s5, t1
    csrsi mstatus, MSTATUS_MIE
    wfi
wfi_next:
    csrci mstatus, MSTATUS_MIE
    CHECK_IRQ 2, 0x80000007, IR_DIRECT, wfi_next
    lw a1, irq_rec + IR_MTIME
    sltu a1, a1, s5
    CHECK a1, 0

    /* an interrupt arriving during ordinary execution (no WFI) is taken inside the loop */
    TIMER_IN 2000
    csrsi mstatus, MSTATUS_MIE
busy_start:
    lw t3, irq_rec + IR_COUNT
    li t4, 3
    bne t3, t4, busy_start
busy_end:
    csrci mstatus, MSTATUS_MIE
    lw a0, irq_rec + IR_CAUSE
    CHECK a0, 0x80000007
    lw a0, irq_rec + IR_EPC
    la t0, busy_start
    sltu a1, a0, t0
    CHECK a1, 0
    la t0, busy_end
    sltu a1, a0, t0
    CHECK a1, 1

    /* vectored mode: entry 7 */
    la t0, irq_vtable
    ori t0, t0, 1
    csrw mtvec, t0
    TIMER_IN 300
2:  csrr a0, mip
    andi a0, a0, MIP_MTIP
    beqz a0, 2b
    csrsi mstatus, MSTATUS_MIE
en3_next:
    csrci mstatus, MSTATUS_MIE
    CHECK_IRQ 4, 0x80000007, 7, en3_next
    TIMER_IN 10000
    csrsi mstatus, MSTATUS_MIE
    wfi
wfi4_next:
    csrci mstatus, MSTATUS_MIE
    CHECK_IRQ 5, 0x80000007, 7, wfi4_next
    /* exceptions still go to the table's base in vectored mode */
    EXPECT_TRAP ec_r
ec_i:
    ecall
ec_r:
    CHECK_TRAP 11, ec_i, 0
    lw t5, irq_rec + IR_COUNT
    CHECK t5, 5
    csrw mie, zero
TEST_END
IRQ_RUNTIME
