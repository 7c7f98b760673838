/* isa-straddle: 32-bit instructions that straddle a 4 KiB page boundary (possible with C:
 * IALIGN = 16), and FENCE.I after patching code with a halfword store to either half of such
 * an instruction, with AMOSWAP.W and with SC.W.  Catches decode caches keyed by page. */
#include "test_macros.h"
    .option rvc

TEST_BEGIN "isa-straddle"
    jal ra, strad1              /* run once: any decode cache now holds the page pair */
    CHECK a0, 0x12345000
    jal ra, strad1
    CHECK a0, 0x12345000
    jal ra, strad2
    CHECK a0, 0x7ff
    /* patch the upper half (in the second page) of "lui a0, 0x12345": imm[31:16] */
    la s0, strad1_insn
    li t0, 0xabcd
    sh t0, 2(s0)
    fence.i
    jal ra, strad1
    CHECK a0, 0xabcd5000
    /* patch the lower half (in the first page): rd a0 -> a1 leaves a0 alone */
    lhu t0, 0(s0)
    xori t0, t0, (10 ^ 11) << 7
    sh t0, 0(s0)
    fence.i
    li a0, 0x77
    jal ra, strad1
    CHECK a0, 0x77
    CHECK a1, 0xabcd5000
    /* patch through AMOSWAP.W on the aligned code word after the boundary: replace
     * "ret ; c.nop" by "c.li a0, 9 ; ret" */
    la s1, strad1_after
    li t0, 0x80824525           /* c.li a0, 9 ; c.jr ra */
    amoswap.w t1, t0, (s1)
    fence.i
    jal ra, strad1
    CHECK a0, 9
    CHECK a1, 0xabcd5000
    /* patch through SC.W */
    li t0, 0x80824511           /* c.li a0, 4 ; c.jr ra */
1:  lr.w t1, (s1)
    sc.w t2, t0, (s1)
    bnez t2, 1b
    fence.i
    jal ra, strad1
    CHECK a0, 4
    /* the straddling ADDI of strad2 still works after the other page pair changed */
    jal ra, strad2
    CHECK a0, 0x7ff
TEST_END

    /* code placed so that a 32-bit instruction starts 2 bytes before a page boundary */
    .text
    TEXT_ALIGN 4096
    .skip 4096 - 2 - 2
strad1:
    c.nop
strad1_insn:
    lui a0, 0x12345             /* bytes 0xffe..0x1001 of the page pair */
    c.nop
strad1_after:                   /* 4-byte aligned */
    c.jr ra
    c.nop
    TEXT_ALIGN 4096
    .skip 4096 - 2 - 2
strad2:
    c.li a0, 0
    addi a0, a0, 0x7ff          /* straddles the next boundary */
    ret
