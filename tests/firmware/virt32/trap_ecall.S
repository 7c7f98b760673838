/* trap-ecall: ECALL from M-mode (cause 11), EBREAK and C.EBREAK (cause 3); mepc is the
 * address of the instruction itself (Priv spec 3.1.15), ECALL's mtval is 0.  A handler that
 * returns with mepc + 4 / + 2 resumes after the instruction. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "trap-ecall"
    li a0, 0x55
    EXPECT_TRAP ecall_r
ecall_i:
    ecall
    li a0, 1                    /* skipped */
ecall_r:
    CHECK_TRAP 11, ecall_i, 0
    CHECK a0, 0x55
    EXPECT_TRAP ebreak_r
ebreak_i:
    ebreak
    li a0, 2                    /* skipped */
ebreak_r:
    lw t5, tm_trap_rec + TR_CAUSE
    CHECK t5, 3
    lw t5, tm_trap_rec + TR_EPC
    CHECK_ADDR t5, ebreak_i
    CHECK a0, 0x55
    .option push
    .option rvc
    EXPECT_TRAP cebreak_r
cebreak_i:
    c.ebreak
    c.li a0, 3                  /* skipped */
cebreak_r:
    .option pop
    lw t5, tm_trap_rec + TR_CAUSE
    CHECK t5, 3
    lw t5, tm_trap_rec + TR_EPC
    CHECK_ADDR t5, cebreak_i
    CHECK a0, 0x55

    /* a handler that advances mepc past the instruction (the usual syscall return) */
    la t0, skip_handler
    csrw mtvec, t0
    li s0, 0
    li s1, 0
    li s2, 0
    ecall
    addi s0, s0, 1              /* runs after the handler */
    ebreak
    addi s0, s0, 10
    .option push
    .option rvc
    c.ebreak
    .option pop
    addi s0, s0, 100
    CHECK s0, 111
    CHECK s1, 3                 /* three traps */
    CHECK s2, 0x00030011        /* mcause sum 11 + 3 + 3 in the low half, count 3 above */
    la t0, tm_trap
    csrw mtvec, t0
    /* ECALL with a nonzero register state leaves registers alone */
    li a0, 17
    li a7, 93
    EXPECT_TRAP ecall2_r
ecall2_i:
    ecall
ecall2_r:
    CHECK_TRAP 11, ecall2_i, 0
    CHECK a0, 17
    CHECK a7, 93
TEST_END

    TEXT_ALIGN 4
skip_handler:                   /* mepc += length of the trapping instruction */
    csrr t5, mepc
    lhu t6, 0(t5)
    andi t6, t6, 3
    addi t5, t5, 2
    li t4, 3
    bne t6, t4, 1f
    addi t5, t5, 2
1:  csrw mepc, t5
    addi s1, s1, 1
    csrr t6, mcause
    add s2, s2, t6
    li t6, 0x10000
    add s2, s2, t6
    mret
