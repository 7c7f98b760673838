/* isa-codegen: code written at run time to fresh RAM addresses 2^k bytes apart (k = 4..22,
 * so any decode cache indexed by low address bits sees aliases), made visible with FENCE.I
 * and called in interleaved order, then rewritten in place and called again. */
#include "test_macros.h"
    .option norvc

#define GEN_BASE 0x80400000

/* gen_func: a0 = address, a1 = value: writes "addi a0, zero, value ; jalr zero, 0(ra)" */
TEST_BEGIN "isa-codegen"
    li s0, GEN_BASE
    /* write one function at GEN_BASE + 2^k + 8 for k = 4..22 (and one at GEN_BASE) */
    li a0, GEN_BASE
    li a1, 100
    jal gen_func
    li s1, 4
1:  li t0, 1
    sll t0, t0, s1
    add a0, s0, t0
    addi a0, a0, 8
    mv a1, s1
    jal gen_func
    addi s1, s1, 1
    li t0, 23
    bne s1, t0, 1b
    fence.i
    /* call GEN_BASE, then each other one, alternating: sum = 19 * 100 + (4 + ... + 22) */
    li s2, 0
    li s1, 4
2:  jalr s0
    add s2, s2, a0
    li t0, 1
    sll t0, t0, s1
    add t1, s0, t0
    addi t1, t1, 8
    jalr t1
    add s2, s2, a0
    addi s1, s1, 1
    li t0, 23
    bne s1, t0, 2b
    CHECK s2, 1900 + 247
    /* rewrite every function with value + 1000 and call again */
    li s1, 4
3:  li t0, 1
    sll t0, t0, s1
    add a0, s0, t0
    addi a0, a0, 8
    addi a1, s1, 1000
    jal gen_func
    addi s1, s1, 1
    li t0, 23
    bne s1, t0, 3b
    fence.i
    li s2, 0
    li s1, 22
4:  li t0, 1
    sll t0, t0, s1
    add t1, s0, t0
    addi t1, t1, 8
    jalr t1
    add s2, s2, a0
    addi s1, s1, -1
    li t0, 3
    bne s1, t0, 4b
    CHECK s2, 19000 + 247
    jalr s0
    CHECK a0, 100
TEST_END

gen_func:
    slli t0, a1, 20
    li t1, 0x00000513           /* addi a0, zero, 0 */
    or t0, t0, t1
    sw t0, 0(a0)
    li t0, 0x00008067           /* jalr zero, 0(ra) */
    sw t0, 4(a0)
    ret
