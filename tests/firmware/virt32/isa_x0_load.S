/* isa-x0-load: a load whose destination is x0 still performs the access (Unpriv spec 2.6:
 * loads to x0 must raise exceptions and cause other side effects): it faults at an unmapped
 * address, and reading the UART's IIR into x0 acknowledges the THR-empty interrupt. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "isa-x0-load"
    EXPECT_TRAP x0a_r
x0a_i:
    lw x0, 0(zero)
x0a_r:
    CHECK_TRAP 5, x0a_i, 0
    li s0, UART0
    li t0, 0x02                 /* IER.ETBEI: THR-empty interrupt pending */
    sb t0, 1(s0)
    lbu x0, 2(s0)               /* IIR read into x0: acknowledges it */
    lbu a0, 2(s0)
    CHECK a0, 0x01              /* no interrupt pending any more */
    sb zero, 1(s0)
    .option push
    .option rvc
    EXPECT_TRAP x0c_r
    li a5, 0
x0c_i:
    c.lw a0, 0(a5)              /* compressed load faulting the same way (rd != x0) */
x0c_r:
    .option pop
    CHECK_TRAP 5, x0c_i, 0
TEST_END
