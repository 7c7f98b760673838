/* trap-access: access faults at unmapped addresses (virt32 map: nothing at 0x0, RAM ends at
 * 0x88000000).  Instruction access fault (cause 1) with mepc = mtval = the target; load
 * access fault (5) and store access fault (7) with mepc at the instruction and mtval =
 * the faulting address (Priv spec 3.1.16).  The faulting load writes no register. */
#include "test_macros.h"
    .option norvc

#define RAM_END 0x88000000

TEST_BEGIN "trap-access"
    /* instruction fetch from unmapped memory */
    EXPECT_TRAP ifetch0_r
    li a0, 0
    jalr ra, 0(a0)
ifetch0_ret:
ifetch0_r:
    lw t5, tm_trap_rec + TR_CAUSE
    CHECK t5, 1
    lw t5, tm_trap_rec + TR_EPC
    CHECK t5, 0
    lw t5, tm_trap_rec + TR_TVAL
    CHECK t5, 0
    CHECK_ADDR ra, ifetch0_ret  /* the jump itself completed */
    EXPECT_TRAP ifetch1_r
    li a0, RAM_END
    jr a0
ifetch1_r:
    lw t5, tm_trap_rec + TR_CAUSE
    CHECK t5, 1
    lw t5, tm_trap_rec + TR_EPC
    CHECK t5, RAM_END
    lw t5, tm_trap_rec + TR_TVAL
    CHECK t5, RAM_END

    /* loads */
    li s0, 0
    li s1, RAM_END
    li a0, 0x77
    EXPECT_TRAP ld0_r
ld0_i:
    lw a0, 0(s0)
ld0_r:
    CHECK_TRAP 5, ld0_i, 0
    CHECK a0, 0x77
    EXPECT_TRAP ld1_r
ld1_i:
    lbu a0, 0x10(s0)
ld1_r:
    CHECK_TRAP 5, ld1_i, 0x10
    CHECK a0, 0x77
    EXPECT_TRAP ld2_r
ld2_i:
    lh a0, 0(s1)
ld2_r:
    CHECK_TRAP 5, ld2_i, RAM_END
    CHECK a0, 0x77
    EXPECT_TRAP ld3_r
ld3_i:
    lw a0, 4(s1)
ld3_r:
    CHECK_TRAP 5, ld3_i, RAM_END + 4
    CHECK a0, 0x77
    EXPECT_TRAP ld4_r
ld4_i:
    lr.w a0, (s0)
ld4_r:
    CHECK_TRAP 5, ld4_i, 0
    CHECK a0, 0x77

    /* the last word of RAM is there */
    li t0, 0x600dcafe
    sw t0, -4(s1)
    lw a1, -4(s1)
    CHECK a1, 0x600dcafe

    /* stores and AMOs */
    EXPECT_TRAP st0_r
st0_i:
    sw a0, 0(s0)
st0_r:
    CHECK_TRAP 7, st0_i, 0
    EXPECT_TRAP st1_r
st1_i:
    sb a0, 0x21(s0)
st1_r:
    CHECK_TRAP 7, st1_i, 0x21
    EXPECT_TRAP st2_r
st2_i:
    sh a0, 2(s1)
st2_r:
    CHECK_TRAP 7, st2_i, RAM_END + 2
    /* (AMO and SC access faults: trap_amo.S) */
    lw t5, tm_trap_rec + TR_COUNT
    CHECK t5, 10
TEST_END
