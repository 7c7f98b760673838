/* trap-fetch-edge: a 32-bit instruction whose first half is the last halfword of RAM
 * (0x87fffffe) and whose second half is unmapped: instruction access fault (cause 1) with
 * mepc at the instruction; mtval is the address of the part that faulted (0x88000000). */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "trap-fetch-edge"
    li s0, 0x87fffffc
    li t0, 0x05130001           /* c.nop at ...fc, then the low half of "addi a0, ..." */
    sw t0, 0(s0)
    fence.i
    li a0, 0x55
    EXPECT_TRAP fe_r
    jr s0
fe_r:
    lw t5, tm_trap_rec + TR_CAUSE
    CHECK t5, 1
    lw t5, tm_trap_rec + TR_EPC
    CHECK t5, 0x87fffffe
    lw t5, tm_trap_rec + TR_TVAL
    CHECK t5, 0x88000000
    CHECK a0, 0x55
TEST_END
