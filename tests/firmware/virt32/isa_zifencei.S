/* isa-zifencei: FENCE.I makes stores to instruction memory visible to fetch (Unpriv spec
 * ch. 3): code that already ran is patched, fenced and run again, including a patch with two
 * 16-bit instructions and a patch loop. */
#include "test_macros.h"
    .option norvc               /* the patched site must be one 32-bit instruction */

TEST_BEGIN "isa-zifencei"
    jal ra, smc_site            /* run (and let any decode cache hold) the original */
    CHECK a0, 1
    jal ra, smc_site
    CHECK a0, 1
    la s0, smc_insn
    li t1, 0x00200513           /* addi a0, zero, 2 */
    sw t1, 0(s0)
    fence.i
    jal ra, smc_site
    CHECK a0, 2
    li t1, 0x0001450d           /* c.li a0, 3 ; c.nop */
    sw t1, 0(s0)
    fence.i
    jal ra, smc_site
    CHECK a0, 3
    li t1, 0x4515               /* c.li a0, 5 in the first half only */
    sh t1, 0(s0)
    fence.i
    jal ra, smc_site
    CHECK a0, 5
    /* patch loop: imm = 10 * i for i = 1..8, summed */
    li s1, 1
    li s2, 0
    li s3, 9
smc_loop:
    li t1, 10
    mul t1, t1, s1
    slli t1, t1, 20
    li t2, 0x513                /* addi a0, zero, 0 */
    or t1, t1, t2
    sw t1, 0(s0)
    fence.i
    jal ra, smc_site
    add s2, s2, a0
    addi s1, s1, 1
    bne s1, s3, smc_loop
    CHECK s2, 360
    /* the last patch is still in effect */
    jal ra, smc_site
    CHECK a0, 80
TEST_END

    .text
    TEXT_ALIGN 4
smc_site:
smc_insn:
    addi a0, zero, 1
    ret
