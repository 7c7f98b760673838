/* isa-zicsr: the six Zicsr instructions (Unpriv spec ch. 9) on mscratch, including the rules
 * for x0: CSRRW with rd = x0 does not read, CSRRS/CSRRC with rs1 = x0 and the immediate forms
 * with uimm = 0 do not write (so they are legal on read-only CSRs). */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "isa-zicsr"
    li a1, 0x12345678
    csrrw a0, mscratch, a1      /* CSRRW: old value to rd, rs1 to the CSR */
    li a1, 0xa5a5a5a5
    csrrw a0, mscratch, a1
    CHECK a0, 0x12345678
    csrr a0, mscratch
    CHECK a0, 0xa5a5a5a5
    li a1, 0x0f0f0000
    csrrs a0, mscratch, a1      /* CSRRS: set bits */
    CHECK a0, 0xa5a5a5a5
    csrr a0, mscratch
    CHECK a0, 0xafafa5a5
    li a1, 0xff0000ff
    csrrc a0, mscratch, a1      /* CSRRC: clear bits */
    CHECK a0, 0xafafa5a5
    csrr a0, mscratch
    CHECK a0, 0x00afa500
    csrrwi a0, mscratch, 0x1f   /* CSRRWI: zero-extended 5-bit immediate */
    CHECK a0, 0x00afa500
    csrr a0, mscratch
    CHECK a0, 0x1f
    csrrci a0, mscratch, 0x15
    CHECK a0, 0x1f
    csrr a0, mscratch
    CHECK a0, 0x0a
    csrrsi a0, mscratch, 0x11
    CHECK a0, 0x0a
    csrr a0, mscratch
    CHECK a0, 0x1b
    csrrwi a0, mscratch, 0
    CHECK a0, 0x1b
    csrr a0, mscratch
    CHECK a0, 0
    /* rd = rs1: the old value is read before rs1 is used */
    li a0, 0x11
    csrw mscratch, a0
    li a0, 0x22
    csrrw a0, mscratch, a0
    CHECK a0, 0x11
    csrr a0, mscratch
    CHECK a0, 0x22
    li a0, 0x0c
    csrrs a0, mscratch, a0
    CHECK a0, 0x22
    csrr a0, mscratch
    CHECK a0, 0x2e
    /* rd = x0 and rs1 = x0 */
    li a1, 0x55
    csrrw x0, mscratch, a1
    CHECK x0, 0
    csrr a0, mscratch
    CHECK a0, 0x55
    csrrs a0, mscratch, x0
    CHECK a0, 0x55
    csrrc a0, mscratch, x0
    CHECK a0, 0x55
    csrrsi a0, mscratch, 0
    CHECK a0, 0x55
    csrrci a0, mscratch, 0
    CHECK a0, 0x55
    csrr a0, mscratch
    CHECK a0, 0x55
    /* read-only CSRs: reads with no write are legal (no trap expected here) */
    csrrs a0, mhartid, x0
    CHECK a0, 0
    csrrc a0, mhartid, x0
    CHECK a0, 0
    csrrsi a0, mhartid, 0
    CHECK a0, 0
    csrrci a0, mhartid, 0
    CHECK a0, 0
    csrrs a0, mvendorid, x0
    csrrs a0, marchid, x0
    csrrs a0, mimpid, x0
    csrrs a0, cycle, x0
    csrrs a0, instret, x0
    csrrs a0, time, x0
    li a0, 1
    CHECK a0, 1
TEST_END
