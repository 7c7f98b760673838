/* irq-plic: machine external interrupts through the PLIC (RISC-V PLIC spec): UART0's
 * THR-empty interrupt (IER bit 1) is source 10.  Pending bit, enable, priority 0 (never),
 * threshold masking (an interrupt needs priority > threshold), claim returns the source and
 * clears its pending bit, a source still asserted at completion pends again, claim with
 * nothing pending returns 0, a request stays pending after the line drops (the gateway
 * latched it), the claim ignores the threshold; then the trap: mcause 0x8000000b through
 * vectored entry 11. */
#include "test_macros.h"
    .option norvc

.macro MEIP_IS val
    csrr a0, mip
    li t0, MIP_MEIP
    and a0, a0, t0
    CHECK a0, \val
.endm

.macro PENDING10_IS val
    li t0, PLIC_PENDING
    lw a0, 0(t0)
    srli a0, a0, PLIC_UART0_IRQ
    andi a0, a0, 1
    CHECK a0, \val
.endm

TEST_BEGIN "irq-plic"
    csrw mie, zero
    li s0, UART0
    li s1, PLIC_CLAIM0
    li s2, PLIC_THRESH0
    li s3, PLIC_ENABLE0
    li s4, PLIC_PRIO(PLIC_UART0_IRQ)
    sw zero, 0(s3)
    sw zero, 0(s2)
    li t0, 1
    sw t0, 0(s4)
    lw a0, 0(s4)
    CHECK a0, 1
    MEIP_IS 0
    PENDING10_IS 0
    /* the UART asserts its line: pending, but not enabled for context 0 */
    li t0, 0x02
    sb t0, 1(s0)
    PENDING10_IS 1
    MEIP_IS 0
    /* enabled, priority 1 > threshold 0: MEIP */
    li t0, 1 << PLIC_UART0_IRQ
    sw t0, 0(s3)
    lw a0, 0(s3)
    CHECK a0, 1 << PLIC_UART0_IRQ
    MEIP_IS MIP_MEIP
    /* threshold 1: priority must exceed it, so masked */
    li t0, 1
    sw t0, 0(s2)
    lw a0, 0(s2)
    CHECK a0, 1
    MEIP_IS 0
    /* priority 2 > threshold 1 */
    li t0, 2
    sw t0, 0(s4)
    MEIP_IS MIP_MEIP
    sw zero, 0(s2)
    /* priority 0 means never */
    sw zero, 0(s4)
    MEIP_IS 0
    li t0, 1
    sw t0, 0(s4)
    MEIP_IS MIP_MEIP
    /* claim: returns 10 and clears pending while the interrupt is in service */
    lw s6, 0(s1)
    CHECK s6, PLIC_UART0_IRQ
    PENDING10_IS 0
    MEIP_IS 0
    /* complete while the UART still asserts: the gateway forwards a new request */
    sw s6, 0(s1)
    PENDING10_IS 1
    MEIP_IS MIP_MEIP
    /* claim, drop the line (IER = 0), complete: nothing left */
    lw s6, 0(s1)
    CHECK s6, PLIC_UART0_IRQ
    sb zero, 1(s0)
    sw s6, 0(s1)
    PENDING10_IS 0
    MEIP_IS 0
    lw a0, 0(s1)
    CHECK a0, 0
    /* the gateway latched the request: the UART drops its line before the claim, the
     * request stays pending until it is claimed */
    li t0, 0x02
    sb t0, 1(s0)
    sb zero, 1(s0)
    PENDING10_IS 1
    lw s6, 0(s1)
    CHECK s6, PLIC_UART0_IRQ
    sw s6, 0(s1)
    PENDING10_IS 0
    /* the threshold masks only the notification: at threshold 1 a priority-1 source is
     * pending without meip, and a claim still returns it (Interrupt Claim Process) */
    li t0, 1
    sw t0, 0(s2)
    li t0, 0x02
    sb t0, 1(s0)
    PENDING10_IS 1
    MEIP_IS 0
    lw s6, 0(s1)
    CHECK s6, PLIC_UART0_IRQ
    sb zero, 1(s0)
    sw s6, 0(s1)
    sw zero, 0(s2)
    lw a0, 0(s1)
    CHECK a0, 0

    /* the trap, vectored: entry 11, mcause 0x8000000b */
    la t0, plic_vtable
    ori t0, t0, 1
    csrw mtvec, t0
    li t0, MIP_MEIP
    csrw mie, t0
    li t0, 0x02
    sb t0, 1(s0)
    MEIP_IS MIP_MEIP
    li s5, 0
    csrsi mstatus, MSTATUS_MIE
en_next:
    csrci mstatus, MSTATUS_MIE
    CHECK s5, 1
    CHECK s6, 0x8000000b
    CHECK s7, PLIC_UART0_IRQ
    CHECK_ADDR s8, en_next
    MEIP_IS 0
    csrw mie, zero
    sw zero, 0(s3)
TEST_END

    TEXT_ALIGN 256
plic_vtable:
    .rept 11
    j tm_unexpected
    .endr
    j plic_mei                  /* entry 11 */

plic_mei:                       /* claim, silence the UART, complete */
    addi s5, s5, 1
    csrr s6, mcause
    csrr s8, mepc
    lw s7, 0(s1)
    sb zero, 1(s0)
    sw s7, 0(s1)
    mret
