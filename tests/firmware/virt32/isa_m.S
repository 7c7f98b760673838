/* isa-m: every RV32M instruction with exact results, including division by zero and the
 * signed overflow case (Unpriv spec 7.2, table "Semantics for division by zero and division
 * overflow"). */
#include "test_macros.h"
    .option norvc               /* base encodings only: no automatic compression */

TEST_BEGIN "isa-m"

    /* MUL */
    TEST_RR mul    0x00000000, 0x00000000, 0x00000000
    TEST_RR mul    0x00000001, 0x00000001, 0x00000001
    TEST_RR mul    0x00000015, 0x00000003, 0x00000007
    TEST_RR mul    0x00000000, 0x00000000, 0xffff8000
    TEST_RR mul    0x00000000, 0x80000000, 0x00000000
    TEST_RR mul    0x00000000, 0x80000000, 0xffff8000
    TEST_RR mul    0x0000ff7f, 0xaaaaaaab, 0x0002fe7d
    TEST_RR mul    0x0000ff7f, 0x0002fe7d, 0xaaaaaaab
    TEST_RR mul    0x00000000, 0xff000000, 0xff000000
    TEST_RR mul    0x00000001, 0xffffffff, 0xffffffff
    TEST_RR mul    0xffffffff, 0xffffffff, 0x00000001
    TEST_RR mul    0xffffffff, 0x00000001, 0xffffffff
    TEST_RR mul    0x00000000, 0x80000000, 0x80000000
    TEST_RR mul    0x00000001, 0x7fffffff, 0x7fffffff
    TEST_RR mul    0x242d2080, 0x12345678, 0x9abcdef0
    /* MULH */
    TEST_RR mulh   0x00000000, 0x00000000, 0x00000000
    TEST_RR mulh   0x00000000, 0x00000001, 0x00000001
    TEST_RR mulh   0x00000000, 0x00000003, 0x00000007
    TEST_RR mulh   0x00000000, 0x00000000, 0xffff8000
    TEST_RR mulh   0x00000000, 0x80000000, 0x00000000
    TEST_RR mulh   0x00004000, 0x80000000, 0xffff8000
    TEST_RR mulh   0xffff0081, 0xaaaaaaab, 0x0002fe7d
    TEST_RR mulh   0xffff0081, 0x0002fe7d, 0xaaaaaaab
    TEST_RR mulh   0x00010000, 0xff000000, 0xff000000
    TEST_RR mulh   0x00000000, 0xffffffff, 0xffffffff
    TEST_RR mulh   0xffffffff, 0xffffffff, 0x00000001
    TEST_RR mulh   0xffffffff, 0x00000001, 0xffffffff
    TEST_RR mulh   0x40000000, 0x80000000, 0x80000000
    TEST_RR mulh   0xc0000000, 0x80000000, 0x7fffffff
    TEST_RR mulh   0x3fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR mulh   0xf8cc93d6, 0x12345678, 0x9abcdef0
    /* MULHSU */
    TEST_RR mulhsu 0x00000000, 0x00000000, 0x00000000
    TEST_RR mulhsu 0x00000000, 0x00000001, 0x00000001
    TEST_RR mulhsu 0x00000000, 0x00000003, 0x00000007
    TEST_RR mulhsu 0x00000000, 0x00000000, 0xffff8000
    TEST_RR mulhsu 0x00000000, 0x80000000, 0x00000000
    TEST_RR mulhsu 0x80004000, 0x80000000, 0xffff8000
    TEST_RR mulhsu 0xffff0081, 0xaaaaaaab, 0x0002fe7d
    TEST_RR mulhsu 0x0001fefe, 0x0002fe7d, 0xaaaaaaab
    TEST_RR mulhsu 0xff010000, 0xff000000, 0xff000000
    TEST_RR mulhsu 0xffffffff, 0xffffffff, 0xffffffff
    TEST_RR mulhsu 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR mulhsu 0x00000000, 0x00000001, 0xffffffff
    TEST_RR mulhsu 0xc0000000, 0x80000000, 0x80000000
    TEST_RR mulhsu 0x80000000, 0x80000000, 0xffffffff
    TEST_RR mulhsu 0x0b00ea4e, 0x12345678, 0x9abcdef0
    /* MULHU */
    TEST_RR mulhu  0x00000000, 0x00000000, 0x00000000
    TEST_RR mulhu  0x00000000, 0x00000001, 0x00000001
    TEST_RR mulhu  0x00000000, 0x00000003, 0x00000007
    TEST_RR mulhu  0x00000000, 0x00000000, 0xffff8000
    TEST_RR mulhu  0x00000000, 0x80000000, 0x00000000
    TEST_RR mulhu  0x7fffc000, 0x80000000, 0xffff8000
    TEST_RR mulhu  0x0001fefe, 0xaaaaaaab, 0x0002fe7d
    TEST_RR mulhu  0x0001fefe, 0x0002fe7d, 0xaaaaaaab
    TEST_RR mulhu  0xfe010000, 0xff000000, 0xff000000
    TEST_RR mulhu  0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR mulhu  0x00000000, 0xffffffff, 0x00000001
    TEST_RR mulhu  0x00000000, 0x00000001, 0xffffffff
    TEST_RR mulhu  0x40000000, 0x80000000, 0x80000000
    TEST_RR mulhu  0x0b00ea4e, 0x12345678, 0x9abcdef0
    /* DIV */
    TEST_RR div    0x00000003, 0x00000014, 0x00000006
    TEST_RR div    0xfffffffd, 0xffffffec, 0x00000006
    TEST_RR div    0xfffffffd, 0x00000014, 0xfffffffa
    TEST_RR div    0x00000003, 0xffffffec, 0xfffffffa
    TEST_RR div    0x80000000, 0x80000000, 0x00000001
    TEST_RR div    0x80000000, 0x80000000, 0xffffffff
    TEST_RR div    0xffffffff, 0x80000000, 0x00000000
    TEST_RR div    0xffffffff, 0x00000001, 0x00000000
    TEST_RR div    0xffffffff, 0x00000000, 0x00000000
    TEST_RR div    0xffffffff, 0xffffffff, 0x00000000
    TEST_RR div    0x00000001, 0x00000007, 0x00000007
    TEST_RR div    0x00000000, 0x00000000, 0x00000005
    TEST_RR div    0x80000001, 0x7fffffff, 0xffffffff
    TEST_RR div    0xfffffffd, 0xfffffff9, 0x00000002
    TEST_RR div    0xfffffffd, 0x00000007, 0xfffffffe
    /* DIVU */
    TEST_RR divu   0x00000003, 0x00000014, 0x00000006
    TEST_RR divu   0x2aaaaaa7, 0xffffffec, 0x00000006
    TEST_RR divu   0x00000000, 0x00000014, 0xfffffffa
    TEST_RR divu   0x00000000, 0xffffffec, 0xfffffffa
    TEST_RR divu   0x80000000, 0x80000000, 0x00000001
    TEST_RR divu   0x00000000, 0x80000000, 0xffffffff
    TEST_RR divu   0xffffffff, 0x80000000, 0x00000000
    TEST_RR divu   0xffffffff, 0x00000001, 0x00000000
    TEST_RR divu   0xffffffff, 0x00000000, 0x00000000
    TEST_RR divu   0xffffffff, 0xffffffff, 0x00000000
    TEST_RR divu   0xffffffff, 0xffffffff, 0x00000001
    TEST_RR divu   0x00000001, 0xffffffff, 0xffffffff
    TEST_RR divu   0x00000003, 0x00000007, 0x00000002
    /* REM */
    TEST_RR rem    0x00000002, 0x00000014, 0x00000006
    TEST_RR rem    0xfffffffe, 0xffffffec, 0x00000006
    TEST_RR rem    0x00000002, 0x00000014, 0xfffffffa
    TEST_RR rem    0xfffffffe, 0xffffffec, 0xfffffffa
    TEST_RR rem    0x00000000, 0x80000000, 0x00000001
    TEST_RR rem    0x00000000, 0x80000000, 0xffffffff
    TEST_RR rem    0x80000000, 0x80000000, 0x00000000
    TEST_RR rem    0x00000001, 0x00000001, 0x00000000
    TEST_RR rem    0x00000000, 0x00000000, 0x00000000
    TEST_RR rem    0xffffffff, 0xffffffff, 0x00000000
    TEST_RR rem    0xffffffff, 0xfffffff9, 0x00000002
    TEST_RR rem    0x00000001, 0x00000007, 0xfffffffe
    TEST_RR rem    0x00000000, 0x7fffffff, 0xffffffff
    TEST_RR rem    0x00000000, 0x80000000, 0x00000002
    /* REMU */
    TEST_RR remu   0x00000002, 0x00000014, 0x00000006
    TEST_RR remu   0x00000002, 0xffffffec, 0x00000006
    TEST_RR remu   0x00000014, 0x00000014, 0xfffffffa
    TEST_RR remu   0xffffffec, 0xffffffec, 0xfffffffa
    TEST_RR remu   0x00000000, 0x80000000, 0x00000001
    TEST_RR remu   0x80000000, 0x80000000, 0xffffffff
    TEST_RR remu   0x80000000, 0x80000000, 0x00000000
    TEST_RR remu   0x00000001, 0x00000001, 0x00000000
    TEST_RR remu   0x00000000, 0x00000000, 0x00000000
    TEST_RR remu   0xffffffff, 0xffffffff, 0x00000000
    TEST_RR remu   0x0000000f, 0xffffffff, 0x00000010
    TEST_RR remu   0x00000001, 0x00000007, 0x00000002

    /* rd aliasing a source, and x0 destination */
    li a1, 6
    mul a1, a1, a1
    CHECK a1, 36
    li a1, 100
    li a2, 7
    div a2, a1, a2
    CHECK a2, 14
    rem a1, a1, a1
    CHECK a1, 0
    li a1, 5
    mul x0, a1, a1
    CHECK x0, 0
    divu x0, a1, x0
    CHECK x0, 0
    /* x0 as divisor: division by zero */
    li a1, 123
    div a3, a1, x0
    CHECK a3, 0xffffffff
    remu a3, a1, x0
    CHECK a3, 123
    /* the classic MULH + MUL pair gives a full 64-bit product */
    li a1, 0xfedcba98
    li a2, 0x01234567
    mulhu a3, a1, a2
    mul a4, a1, a2
    CHECK a3, 0x0121fa00
    CHECK a4, 0x23e20b28

TEST_END
