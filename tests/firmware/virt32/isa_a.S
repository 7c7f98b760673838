/* isa-a: every RV32A instruction (Unpriv spec ch. 8): LR/SC success and failure, and each
 * AMO with the old value in rd and the new value in memory.  SC failure writes 1 to rd (the
 * spec requires nonzero; 1 is what QEMU and socsim write).  Misaligned AMO/LR/SC traps are in
 * trap_amo_misaligned.S. */
#include "test_macros.h"
    .option norvc               /* base encodings only: no automatic compression */

/* TEST_AMO op, init, operand, new: memory holds init, "op a2, a1, (s0)" with a1 = operand
 * returns init in a2 and leaves new in memory. */
.macro TEST_AMO op, init, operand, new
    li a0, \init
    sw a0, 0(s0)
    li a1, \operand
    \op a2, a1, (s0)
    CHECK a2, \init
    lw a3, 0(s0)
    CHECK a3, \new
.endm

TEST_BEGIN "isa-a"
    la s0, amo_word
    li s1, 0x1000
    add s1, s0, s1              /* a word in another 4 KiB page */

    /* LR/SC success: rd = 0 and the store happens */
    li a0, 100
    sw a0, 0(s0)
    lr.w a1, (s0)
    CHECK a1, 100
    addi a1, a1, 1
    sc.w a2, a1, (s0)
    CHECK a2, 0
    lw a3, 0(s0)
    CHECK a3, 101
    /* SC after a successful SC: the reservation is gone, SC fails, memory unchanged */
    li a1, 7
    sc.w a2, a1, (s0)
    CHECK a2, 1
    lw a3, 0(s0)
    CHECK a3, 101
    /* SC to an address outside the reservation set fails */
    li a0, 55
    sw a0, 0(s1)
    lr.w a1, (s0)
    CHECK a1, 101
    li a1, 66
    sc.w a2, a1, (s1)
    CHECK a2, 1
    lw a3, 0(s1)
    CHECK a3, 55
    lw a3, 0(s0)
    CHECK a3, 101
    /* the most recent LR holds the reservation: LR A, LR B, SC B succeeds */
    lr.w a1, (s0)
    lr.w a1, (s1)
    CHECK a1, 55
    li a1, 77
    sc.w a2, a1, (s1)
    CHECK a2, 0
    lw a3, 0(s1)
    CHECK a3, 77
    /* LR A, LR B, SC A fails */
    lr.w a1, (s0)
    lr.w a1, (s1)
    li a1, 88
    sc.w a2, a1, (s0)
    CHECK a2, 1
    lw a3, 0(s0)
    CHECK a3, 101
    /* ordering bits: same results */
    lr.w.aq a1, (s0)
    CHECK a1, 101
    li a1, 202
    sc.w.rl a2, a1, (s0)
    CHECK a2, 0
    lr.w.aqrl a1, (s0)
    CHECK a1, 202
    li a1, 303
    sc.w.aqrl a2, a1, (s0)
    CHECK a2, 0
    lw a3, 0(s0)
    CHECK a3, 303
    /* SC with rd = rs2 */
    lr.w a1, (s0)
    li a1, 404
    sc.w a1, a1, (s0)
    CHECK a1, 0
    lw a3, 0(s0)
    CHECK a3, 404
    /* an LR/SC increment loop */
    li a0, 0
    sw a0, 0(s0)
    li a4, 5
lrsc_loop:
    lr.w a1, (s0)
    addi a1, a1, 3
    sc.w a2, a1, (s0)
    bnez a2, lrsc_loop
    addi a4, a4, -1
    bnez a4, lrsc_loop
    lw a3, 0(s0)
    CHECK a3, 15

    /* AMOSWAP.W */
    TEST_AMO amoswap.w       0x11111111, 0x22222222, 0x22222222
    TEST_AMO amoswap.w       0xffffffff, 0x00000000, 0x00000000
    TEST_AMO amoswap.w.aq    0x5a5a5a5a, 0x0000ffff, 0x0000ffff
    TEST_AMO amoswap.w.rl    0x0000ffff, 0x5a5a5a5a, 0x5a5a5a5a
    TEST_AMO amoswap.w.aqrl  0x80000001, 0x00000002, 0x00000002
    /* AMOADD.W */
    TEST_AMO amoadd.w        0x00000001, 0x00000002, 0x00000003
    TEST_AMO amoadd.w        0xffffffff, 0x00000001, 0x00000000
    TEST_AMO amoadd.w        0x7fffffff, 0x00000001, 0x80000000
    TEST_AMO amoadd.w        0x12345678, 0xedcba988, 0x00000000
    TEST_AMO amoadd.w.aq     0x5a5a5a5a, 0x0000ffff, 0x5a5b5a59
    TEST_AMO amoadd.w.rl     0x0000ffff, 0x5a5a5a5a, 0x5a5b5a59
    TEST_AMO amoadd.w.aqrl   0x80000001, 0x00000002, 0x80000003
    /* AMOXOR.W */
    TEST_AMO amoxor.w        0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
    TEST_AMO amoxor.w        0xffffffff, 0x12345678, 0xedcba987
    TEST_AMO amoxor.w.aq     0x5a5a5a5a, 0x0000ffff, 0x5a5aa5a5
    TEST_AMO amoxor.w.rl     0x0000ffff, 0x5a5a5a5a, 0x5a5aa5a5
    TEST_AMO amoxor.w.aqrl   0x80000001, 0x00000002, 0x80000003
    /* AMOAND.W */
    TEST_AMO amoand.w        0xff00ff00, 0x0ff00ff0, 0x0f000f00
    TEST_AMO amoand.w        0xffffffff, 0x12345678, 0x12345678
    TEST_AMO amoand.w.aq     0x5a5a5a5a, 0x0000ffff, 0x00005a5a
    TEST_AMO amoand.w.rl     0x0000ffff, 0x5a5a5a5a, 0x00005a5a
    TEST_AMO amoand.w.aqrl   0x80000001, 0x00000002, 0x00000000
    /* AMOOR.W */
    TEST_AMO amoor.w         0xff00ff00, 0x0ff00ff0, 0xfff0fff0
    TEST_AMO amoor.w         0x00000000, 0x12345678, 0x12345678
    TEST_AMO amoor.w.aq      0x5a5a5a5a, 0x0000ffff, 0x5a5affff
    TEST_AMO amoor.w.rl      0x0000ffff, 0x5a5a5a5a, 0x5a5affff
    TEST_AMO amoor.w.aqrl    0x80000001, 0x00000002, 0x80000003
    /* AMOMIN.W */
    TEST_AMO amomin.w        0xfffffff0, 0x00000005, 0xfffffff0
    TEST_AMO amomin.w        0x00000005, 0xfffffff0, 0xfffffff0
    TEST_AMO amomin.w        0x00000003, 0x00000004, 0x00000003
    TEST_AMO amomin.w        0x00000004, 0x00000003, 0x00000003
    TEST_AMO amomin.w        0x80000000, 0x7fffffff, 0x80000000
    TEST_AMO amomin.w        0x00000007, 0x00000007, 0x00000007
    TEST_AMO amomin.w.aq     0x5a5a5a5a, 0x0000ffff, 0x0000ffff
    TEST_AMO amomin.w.rl     0x0000ffff, 0x5a5a5a5a, 0x0000ffff
    TEST_AMO amomin.w.aqrl   0x80000001, 0x00000002, 0x80000001
    /* AMOMAX.W */
    TEST_AMO amomax.w        0xfffffff0, 0x00000005, 0x00000005
    TEST_AMO amomax.w        0x00000005, 0xfffffff0, 0x00000005
    TEST_AMO amomax.w        0x00000003, 0x00000004, 0x00000004
    TEST_AMO amomax.w        0x00000004, 0x00000003, 0x00000004
    TEST_AMO amomax.w        0x80000000, 0x7fffffff, 0x7fffffff
    TEST_AMO amomax.w        0x00000007, 0x00000007, 0x00000007
    TEST_AMO amomax.w.aq     0x5a5a5a5a, 0x0000ffff, 0x5a5a5a5a
    TEST_AMO amomax.w.rl     0x0000ffff, 0x5a5a5a5a, 0x5a5a5a5a
    TEST_AMO amomax.w.aqrl   0x80000001, 0x00000002, 0x00000002
    /* AMOMINU.W */
    TEST_AMO amominu.w       0xfffffff0, 0x00000005, 0x00000005
    TEST_AMO amominu.w       0x00000005, 0xfffffff0, 0x00000005
    TEST_AMO amominu.w       0x00000003, 0x00000004, 0x00000003
    TEST_AMO amominu.w       0x00000004, 0x00000003, 0x00000003
    TEST_AMO amominu.w       0x80000000, 0x7fffffff, 0x7fffffff
    TEST_AMO amominu.w.aq    0x5a5a5a5a, 0x0000ffff, 0x0000ffff
    TEST_AMO amominu.w.rl    0x0000ffff, 0x5a5a5a5a, 0x0000ffff
    TEST_AMO amominu.w.aqrl  0x80000001, 0x00000002, 0x00000002
    /* AMOMAXU.W */
    TEST_AMO amomaxu.w       0xfffffff0, 0x00000005, 0xfffffff0
    TEST_AMO amomaxu.w       0x00000005, 0xfffffff0, 0xfffffff0
    TEST_AMO amomaxu.w       0x00000003, 0x00000004, 0x00000004
    TEST_AMO amomaxu.w       0x00000004, 0x00000003, 0x00000004
    TEST_AMO amomaxu.w       0x80000000, 0x7fffffff, 0x80000000
    TEST_AMO amomaxu.w.aq    0x5a5a5a5a, 0x0000ffff, 0x5a5a5a5a
    TEST_AMO amomaxu.w.rl    0x0000ffff, 0x5a5a5a5a, 0x5a5a5a5a
    TEST_AMO amomaxu.w.aqrl  0x80000001, 0x00000002, 0x80000001

    /* rd = x0 (no result, memory still updated) and rd = rs2 */
    li a0, 40
    sw a0, 0(s0)
    li a1, 2
    amoadd.w x0, a1, (s0)
    CHECK x0, 0
    lw a3, 0(s0)
    CHECK a3, 42
    li a1, 9
    amoswap.w a1, a1, (s0)
    CHECK a1, 42
    lw a3, 0(s0)
    CHECK a3, 9
    /* AMOs on the other word leave this one alone */
    li a1, 1
    amoadd.w a2, a1, (s1)
    CHECK a2, 77
    lw a3, 0(s1)
    CHECK a3, 78
    lw a3, 0(s0)
    CHECK a3, 9

TEST_END

    .bss
    .balign 4096
amo_word:
    .skip 0x2000
