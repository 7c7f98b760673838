/* trap-misaligned: with the misaligned-access support switched off
 * (-global rv32.misaligned=trap), misaligned loads raise load address misaligned (cause 4)
 * and misaligned stores store address misaligned (cause 6), with mepc at the instruction and
 * mtval = the address (Priv spec 3.1.16); the load writes no register, the store no memory.
 * Aligned accesses and byte accesses still work. */
#include "test_macros.h"
    .option norvc

.macro MIS_TRAP cause, tval, insn:vararg
    TRAP_KEEPS_A0 \cause, \insn
    la t6, mis_data + \tval
    CHECK_REG t5, t6
.endm

TEST_BEGIN "trap-misaligned"
    la s0, mis_data
    MIS_TRAP 4, 1, lw a0, 1(s0)
    MIS_TRAP 4, 2, lw a0, 2(s0)
    MIS_TRAP 4, 3, lw a0, 3(s0)
    MIS_TRAP 4, 1, lh a0, 1(s0)
    MIS_TRAP 4, 3, lhu a0, 3(s0)
    MIS_TRAP 4, 7, lh a0, 7(s0)
    MIS_TRAP 6, 1, sw a0, 1(s0)
    MIS_TRAP 6, 2, sw a0, 2(s0)
    MIS_TRAP 6, 3, sh a0, 3(s0)
    MIS_TRAP 6, 5, sh a0, 5(s0)
    /* memory untouched by the trapping stores */
    lw t0, 0(s0)
    CHECK t0, 0x03020100
    lw t0, 4(s0)
    CHECK t0, 0x07060504
    lw t0, 8(s0)
    CHECK t0, 0x0b0a0908
    /* aligned and byte accesses work */
    lh t0, 2(s0)
    CHECK t0, 0x0302
    lb t0, 3(s0)
    CHECK t0, 0x03
    li t1, 0xaa
    sb t1, 1(s0)
    lw t0, 0(s0)
    CHECK t0, 0x0302aa00
    lw t5, tm_trap_rec + TR_COUNT
    CHECK t5, 10
TEST_END

    .data
    .balign 8
mis_data:
    .byte 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
