/* cycles: with the `functional` timing model (1 cycle per instruction, -cpu-model functional)
 * and virt32's 100 MHz CPU clock, mcycle advances exactly one per instruction, RAM loads and
 * stores and taken branches included, and the 10 MHz mtime advances once per 10 cycles. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "cycles"
    csrr a0, mcycle
    .rept 10
    nop
    .endr
    csrr a1, mcycle
    sub a2, a1, a0
    CHECK a2, 11
    la s0, cdata
    csrr a0, mcycle
    lw t0, 0(s0)
    sw t0, 4(s0)
    lw t1, 4(s0)
    mul t2, t0, t1
    div t2, t2, t0
    csrr a1, mcycle
    sub a2, a1, a0
    CHECK a2, 6
    li t0, 10
    csrr a0, mcycle
1:  addi t0, t0, -1
    bnez t0, 1b
    csrr a1, mcycle
    sub a2, a1, a0
    CHECK a2, 21
    /* mcycle and minstret move together */
    csrr a0, mcycle
    csrr a1, minstret
    .rept 20
    nop
    .endr
    csrr a2, mcycle
    csrr a3, minstret
    sub a2, a2, a0
    sub a3, a3, a1
    CHECK_REG a2, a3
    /* 2000 loop instructions = 2000 cycles = 20 us = 200 mtime ticks (+-1 for alignment) */
    li s1, CLINT_MTIME
    li t0, 1000
    lw a0, 0(s1)
2:  addi t0, t0, -1
    bnez t0, 2b
    lw a1, 0(s1)
    sub a2, a1, a0
    addi a2, a2, -199           /* 199..201 -> 0..2 */
    sltiu a2, a2, 3
    CHECK a2, 1
TEST_END

    .data
    .balign 4
cdata: .word 7, 0
