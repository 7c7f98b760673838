/* trap-illegal: illegal-instruction exceptions (cause 2) with mepc at the instruction and
 * mtval holding its bits (Priv spec 3.1.16): reserved 32-bit encodings, RV64-only and F
 * encodings, reserved 16-bit encodings, an unknown CSR and writes to read-only CSRs. */
#include "test_macros.h"

TEST_BEGIN "trap-illegal"
    /* 32-bit encodings that RV32IMAC + Zicsr + Zifencei does not define */
    TRAP_INSN 2, .word 0xfe000033   /* OP with funct7 = 0x7f */
    TRAP_INSN 2, .word 0x02051513   /* slli a0, a0, 32: shamt[5] set is reserved on RV32 */
    TRAP_INSN 2, .word 0x42055513   /* srai a0, a0, 32: reserved on RV32 */
    TRAP_INSN 2, .word 0x82055513   /* shift-right-immediate with funct7 = 0x41 */
    TRAP_INSN 2, .word 0x00003003   /* ld (RV64 only) */
    TRAP_INSN 2, .word 0x00003023   /* sd (RV64 only) */
    TRAP_INSN 2, .word 0x0000001b   /* addiw (RV64 only) */
    TRAP_INSN 2, .word 0x00002007   /* flw: no F extension */
    TRAP_INSN 2, .word 0x0000000b   /* custom-0 opcode */
    TRAP_INSN 2, .word 0x00002063   /* BRANCH with funct3 = 2 */
    TRAP_INSN 2, .word 0x00004067   /* JALR with funct3 = 4 */
    TRAP_INSN 2, .word 0x18000073   /* SYSTEM: sfence.vma-like encoding without S mode */
    TRAP_INSN 2, .word 0x10200073   /* sret: no S mode */
    TRAP_INSN 2, .word 0xffffffff
    /* the same register state before and after: a trapping instruction writes nothing */
    li a0, 0x1234
    TRAP_INSN 2, csrrs a0, 0x7c0, x0 /* unknown CSR (custom M-mode range) */
    CHECK a0, 0x1234
    TRAP_INSN 2, csrrw a0, 0x5c0, a1 /* unknown CSR */
    CHECK a0, 0x1234
    TRAP_INSN 2, csrr a0, satp       /* no S mode: satp does not exist */
    CHECK a0, 0x1234
    /* writes to read-only CSRs (CSR address bits 11:10 = 3) */
    TRAP_INSN 2, csrw cycle, a0
    TRAP_INSN 2, csrw time, a0
    TRAP_INSN 2, csrw instret, a0
    TRAP_INSN 2, csrw cycleh, a0
    TRAP_INSN 2, csrw timeh, a0
    TRAP_INSN 2, csrw instreth, a0
    TRAP_INSN 2, csrw mhartid, a0
    TRAP_INSN 2, csrw mvendorid, a0
    TRAP_INSN 2, csrrsi a0, cycle, 1
    TRAP_INSN 2, csrrci a0, instret, 4
    CHECK a0, 0x1234
    /* (CSRRS/CSRRC with rs1 != x0 holding 0 on a read-only CSR: trap_csr_ro.S) */
    /* reserved 16-bit encodings */
    TRAP_HALF 2, 0x0000         /* all zeros: defined illegal */
    TRAP_HALF 2, 0x6501         /* c.lui a0, 0 (nzimm = 0 is reserved) */
    TRAP_HALF 2, 0x6101         /* c.addi16sp sp, 0 (reserved) */
    TRAP_HALF 2, 0x8002         /* c.jr x0 (reserved) */
    TRAP_HALF 2, 0x4002         /* c.lwsp x0 (reserved) */
    TRAP_HALF 2, 0x2002         /* c.fldsp: no D extension */
    TRAP_HALF 2, 0x6000         /* c.flw: no F extension */
    TRAP_HALF 2, 0x9c41         /* c.subw: RV64 only */
    /* the trap count: every TRAP_* above trapped exactly once */
    lw t5, tm_trap_rec + TR_COUNT
    CHECK t5, 35
TEST_END
