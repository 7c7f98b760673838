/* irq-soft: the CLINT machine software interrupt (Priv spec 3.1.9; CLINT msip at 0x2000000):
 * msip drives mip.MSIP, WFI wakes on it with mstatus.MIE = 0, the trap has mcause 0x80000003
 * and mtval 0, mepc is the next instruction, and vectored mode uses entry 3. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "irq-soft"
    csrw mie, zero
    TIMER_OFF
    li s0, CLINT_MSIP
    sw zero, 0(s0)
    csrr a0, mip
    andi a0, a0, MIP_MSIP
    CHECK a0, 0
    la t0, irq_direct
    csrw mtvec, t0

    /* msip = 1 sets MSIP; no trap while MSIE = 0; msip = 0 clears it */
    li t0, 1
    sw t0, 0(s0)
    lw a0, 0(s0)
    CHECK a0, 1
    csrr a0, mip
    andi a0, a0, MIP_MSIP
    CHECK a0, MIP_MSIP
    csrsi mstatus, MSTATUS_MIE  /* MIE = 1 but MSIE = 0: still no trap */
    nop
    csrci mstatus, MSTATUS_MIE
    sw zero, 0(s0)
    lw a0, 0(s0)
    CHECK a0, 0
    csrr a0, mip
    andi a0, a0, MIP_MSIP
    CHECK a0, 0
    lw t5, irq_rec + IR_COUNT
    CHECK t5, 0
    /* only bit 0 of msip is writable */
    li t0, 0xfffffffe
    sw t0, 0(s0)
    lw a0, 0(s0)
    CHECK a0, 0
    csrr a0, mip
    andi a0, a0, MIP_MSIP
    CHECK a0, 0

    /* direct mode: WFI with MSIE = 1, mstatus.MIE = 0 returns; enabling traps at once */
    li t0, MIP_MSIP
    csrs mie, t0
    li t0, 1
    sw t0, 0(s0)
    wfi
    lw t5, irq_rec + IR_COUNT
    CHECK t5, 0
    csrsi mstatus, MSTATUS_MIE
en1_next:
    csrci mstatus, MSTATUS_MIE
    CHECK_IRQ 1, 0x80000003, IR_DIRECT, en1_next
    lw a0, 0(s0)                /* the handler cleared msip */
    CHECK a0, 0
    csrr a0, mip
    andi a0, a0, MIP_MSIP
    CHECK a0, 0

    /* vectored mode: entry 3 */
    la t0, irq_vtable
    ori t0, t0, 1
    csrw mtvec, t0
    li t0, 1
    sw t0, 0(s0)
    csrsi mstatus, MSTATUS_MIE
en2_next:
    csrci mstatus, MSTATUS_MIE
    CHECK_IRQ 2, 0x80000003, 3, en2_next
    li t0, 1
    sw t0, 0(s0)
    wfi
    csrsi mstatus, MSTATUS_MIE
en3_next:
    csrci mstatus, MSTATUS_MIE
    CHECK_IRQ 3, 0x80000003, 3, en3_next
    csrw mie, zero
TEST_END
IRQ_RUNTIME
