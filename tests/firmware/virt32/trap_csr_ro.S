/* trap-csr-ro: CSRRS/CSRRC with rs1 != x0 attempt a write even when rs1 holds 0, so on a
 * read-only CSR they raise illegal instruction (Unpriv spec 9.1, "Zicsr"); with rs1 = x0 or
 * uimm = 0 they only read.  (QEMU 7.2 does not trap here, so this test is socsim-only.) */
#include "test_macros.h"

TEST_BEGIN "trap-csr-ro"
    li a0, 0x1234
    li a1, 0
    TRAP_INSN 2, csrrs a0, mhartid, a1
    TRAP_INSN 2, csrrc a0, cycle, a1
    TRAP_INSN 2, csrrs a0, instreth, a1
    TRAP_INSN 2, csrrc a0, mvendorid, a1
    CHECK a0, 0x1234
    csrrs a0, mhartid, x0
    CHECK a0, 0
    csrrci a0, mhartid, 0
    CHECK a0, 0
    lw t5, tm_trap_rec + TR_COUNT
    CHECK t5, 4
TEST_END
