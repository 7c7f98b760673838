/* trap-amo: AMOs, LR and SC must be naturally aligned whatever the misaligned-access setting:
 * LR raises load address misaligned (cause 4), SC and AMOs store/AMO address misaligned (6)
 * (Unpriv spec 8.2, 8.4); an AMO at an unmapped address raises store/AMO access fault (7),
 * an LR there load access fault (5).  mtval is the address; memory and rd are unchanged.
 * (QEMU 7.2 reports AMO faults with the load causes 4 and 5, so this test is socsim-only.) */
#include "test_macros.h"
    .option norvc

/* AMO_TRAP cause, addr_reg, insn...: insn traps with cause and mtval = addr_reg */
.macro AMO_TRAP cause, tval, insn:vararg
    TRAP_KEEPS_A0 \cause, \insn
    CHECK_REG t5, \tval
.endm

TEST_BEGIN "trap-amo"
    la s0, amo_data
    li t0, 0x11223344
    sw t0, 0(s0)
    sw t0, 4(s0)
    addi s1, s0, 2
    addi s2, s0, 1
    addi s3, s0, 3
    AMO_TRAP 4, s1, lr.w a0, (s1)
    AMO_TRAP 4, s2, lr.w a0, (s2)
    lr.w t0, (s0)
    AMO_TRAP 6, s1, sc.w a0, a0, (s1)
    AMO_TRAP 6, s1, amoswap.w a0, a0, (s1)
    AMO_TRAP 6, s2, amoadd.w a0, a0, (s2)
    AMO_TRAP 6, s3, amoxor.w a0, a0, (s3)
    AMO_TRAP 6, s1, amoand.w a0, a0, (s1)
    AMO_TRAP 6, s1, amoor.w a0, a0, (s1)
    AMO_TRAP 6, s1, amomin.w a0, a0, (s1)
    AMO_TRAP 6, s1, amomax.w a0, a0, (s1)
    AMO_TRAP 6, s1, amominu.w a0, a0, (s1)
    AMO_TRAP 6, s1, amomaxu.w a0, a0, (s1)
    lw t0, 0(s0)
    CHECK t0, 0x11223344
    lw t0, 4(s0)
    CHECK t0, 0x11223344
    /* access faults */
    li s4, 0
    li s5, 0x88000000
    AMO_TRAP 5, s4, lr.w a0, (s4)
    AMO_TRAP 7, s4, amoadd.w a0, a0, (s4)
    AMO_TRAP 7, s5, amoswap.w a0, a0, (s5)
    AMO_TRAP 7, s5, amomaxu.w a0, a0, (s5)
    lw t5, tm_trap_rec + TR_COUNT
    CHECK t5, 16
TEST_END

    .data
    .balign 8
amo_data:
    .word 0, 0
