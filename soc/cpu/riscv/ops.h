/* The operations the hart executes: one row per operation, the one place that says what it
 * is.  The rows generate the operation enum (enum rv_op), the run loop's label table
 * (run_template.h), the names traces and the disassembler print (disasm.c) and an info row
 * (struct rv_op_info) that the decoder, the timing models and the translator read instead
 * of testing ranges of the enum: nothing depends on the rows' order.  A new operation is a
 * row here, its decoding (decode.c) and its handler in run_template.h (a missing handler
 * is a compile error: its label is in the table); the translator leaves it to the
 * interpreter until the back end emits it (jit_host_can_emit, jit_x86_64.c).
 *
 * Columns:
 *   name      RV_<name> in enum rv_op
 *   mnemonic  as the disassembler prints it
 *   class     what kind of operation (enum rv_class): which unit executes it
 *   timing    its timing class (enum rv_tclass), stored in the decoded instruction: the
 *             operations a timing model may time differently (a word load from a byte
 *             load, mul from mulh, lr from the AMOs that store)
 *   format    its operands as the disassembler prints them (enum rv_format)
 *   size      the bytes a load, store or AMO accesses; 0 for the rest
 *   r1 r2 wd  it reads rs1, reads rs2, writes rd (`_`: it does not); R13: it reads rs1 and
 *             rs3 (a ternary bit-manipulation operation)
 *   end       it transfers control (a jump, a branch, mret): the translator ends a block
 *             with it
 *   trap      it can raise an exception when executed */
#ifndef SOC_CPU_RISCV_OPS_H
#define SOC_CPU_RISCV_OPS_H

#include <stdbool.h>
#include <stdint.h>

/* clang-format off */
#define RV_OPS(X)                                                                              \
    /* name        mnemonic      class   timing   format size r1  r2  wd  end  trap */         \
    X(ILLEGAL,     "illegal",    PSEUDO, NONE,    NONE,  0,   _,  _,  _,  _,   TRAP)           \
    X(LUI,         "lui",        ALU,    ALU,     U,     0,   _,  _,  WD, _,   _)              \
    X(AUIPC,       "auipc",      ALU,    ALU,     U,     0,   _,  _,  WD, _,   _)              \
    X(JAL,         "jal",        JUMP,   JUMP,    J,     0,   _,  _,  WD, END, _)              \
    X(JALR,        "jalr",       JUMP,   JUMP,    OFF,   0,   R1, _,  WD, END, _)              \
    X(BEQ,         "beq",        BRANCH, BRANCH,  B,     0,   R1, R2, _,  END, _)              \
    X(BNE,         "bne",        BRANCH, BRANCH,  B,     0,   R1, R2, _,  END, _)              \
    X(BLT,         "blt",        BRANCH, BRANCH,  B,     0,   R1, R2, _,  END, _)              \
    X(BGE,         "bge",        BRANCH, BRANCH,  B,     0,   R1, R2, _,  END, _)              \
    X(BLTU,        "bltu",       BRANCH, BRANCH,  B,     0,   R1, R2, _,  END, _)              \
    X(BGEU,        "bgeu",       BRANCH, BRANCH,  B,     0,   R1, R2, _,  END, _)              \
    X(LB,          "lb",         LOAD,   LOAD,    OFF,   1,   R1, _,  WD, _,   TRAP)           \
    X(LH,          "lh",         LOAD,   LOAD,    OFF,   2,   R1, _,  WD, _,   TRAP)           \
    X(LW,          "lw",         LOAD,   LOAD_W,  OFF,   4,   R1, _,  WD, _,   TRAP)           \
    X(LBU,         "lbu",        LOAD,   LOAD,    OFF,   1,   R1, _,  WD, _,   TRAP)           \
    X(LHU,         "lhu",        LOAD,   LOAD,    OFF,   2,   R1, _,  WD, _,   TRAP)           \
    X(SB,          "sb",         STORE,  STORE,   S,     1,   R1, R2, _,  _,   TRAP)           \
    X(SH,          "sh",         STORE,  STORE,   S,     2,   R1, R2, _,  _,   TRAP)           \
    X(SW,          "sw",         STORE,  STORE,   S,     4,   R1, R2, _,  _,   TRAP)           \
    X(ADDI,        "addi",       ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(SLTI,        "slti",       ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(SLTIU,       "sltiu",      ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(XORI,        "xori",       ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(ORI,         "ori",        ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(ANDI,        "andi",       ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(SLLI,        "slli",       ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(SRLI,        "srli",       ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(SRAI,        "srai",       ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(ADD,         "add",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SUB,         "sub",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SLL,         "sll",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SLT,         "slt",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SLTU,        "sltu",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(XOR,         "xor",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SRL,         "srl",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SRA,         "sra",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(OR,          "or",         ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(AND,         "and",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(FENCE,       "fence",      FENCE,  FENCE,   NONE,  0,   _,  _,  _,  _,   _)              \
    X(FENCE_I,     "fence.i",    FENCE,  FENCE_I, NONE,  0,   _,  _,  _,  _,   _)              \
    X(ECALL,       "ecall",      SYSTEM, SYSTEM,  NONE,  0,   _,  _,  _,  _,   TRAP)           \
    X(EBREAK,      "ebreak",     SYSTEM, SYSTEM,  NONE,  0,   _,  _,  _,  _,   TRAP)           \
    X(MRET,        "mret",       SYSTEM, MRET,    NONE,  0,   _,  _,  _,  END, _)              \
    X(WFI,         "wfi",        SYSTEM, WFI,     NONE,  0,   _,  _,  _,  _,   _)              \
    X(CSRRW,       "csrrw",      CSR,    CSR,     CSR,   0,   R1, _,  WD, _,   TRAP)           \
    X(CSRRS,       "csrrs",      CSR,    CSR,     CSR,   0,   R1, _,  WD, _,   TRAP)           \
    X(CSRRC,       "csrrc",      CSR,    CSR,     CSR,   0,   R1, _,  WD, _,   TRAP)           \
    X(CSRRWI,      "csrrwi",     CSR,    CSR,     CSRI,  0,   _,  _,  WD, _,   TRAP)           \
    X(CSRRSI,      "csrrsi",     CSR,    CSR,     CSRI,  0,   _,  _,  WD, _,   TRAP)           \
    X(CSRRCI,      "csrrci",     CSR,    CSR,     CSRI,  0,   _,  _,  WD, _,   TRAP)           \
    X(MUL,         "mul",        MUL,    MUL,     R,     0,   R1, R2, WD, _,   _)              \
    X(MULH,        "mulh",       MUL,    MULH,    R,     0,   R1, R2, WD, _,   _)              \
    X(MULHSU,      "mulhsu",     MUL,    MULH,    R,     0,   R1, R2, WD, _,   _)              \
    X(MULHU,       "mulhu",      MUL,    MULH,    R,     0,   R1, R2, WD, _,   _)              \
    X(DIV,         "div",        DIV,    DIV,     R,     0,   R1, R2, WD, _,   _)              \
    X(DIVU,        "divu",       DIV,    DIV,     R,     0,   R1, R2, WD, _,   _)              \
    X(REM,         "rem",        DIV,    DIV,     R,     0,   R1, R2, WD, _,   _)              \
    X(REMU,        "remu",       DIV,    DIV,     R,     0,   R1, R2, WD, _,   _)              \
    X(LR_W,        "lr.w",       AMO,    LR,      LR,    4,   R1, _,  WD, _,   TRAP)           \
    X(SC_W,        "sc.w",       AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    X(AMOSWAP_W,   "amoswap.w",  AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    X(AMOADD_W,    "amoadd.w",   AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    X(AMOXOR_W,    "amoxor.w",   AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    X(AMOAND_W,    "amoand.w",   AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    X(AMOOR_W,     "amoor.w",    AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    X(AMOMIN_W,    "amomin.w",   AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    X(AMOMAX_W,    "amomax.w",   AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    X(AMOMINU_W,   "amominu.w",  AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    X(AMOMAXU_W,   "amomaxu.w",  AMO,    AMO,     AMO,   4,   R1, R2, WD, _,   TRAP)           \
    /* bit manipulation (docs/timing-models.md, "Bit manipulation"): the ratified Zba, Zbb,  \
     * Zbc, Zbs (Bitmanip 1.0.0), and the draft 0.93 instructions Ibex implements; which of  \
     * them a hart decodes is its configuration's (decode.c, RV_EXT_*).  Ternary operations  \
     * read rs3 from imm >> 8 (R13: rs1 and rs3); fsri's shift amount is imm & 63 */         \
    X(SH1ADD,      "sh1add",     ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SH2ADD,      "sh2add",     ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SH3ADD,      "sh3add",     ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(ANDN,        "andn",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(ORN,         "orn",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(XNOR,        "xnor",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(CLZ,         "clz",        ALU,    ALU,     R1,    0,   R1, _,  WD, _,   _)              \
    X(CTZ,         "ctz",        ALU,    ALU,     R1,    0,   R1, _,  WD, _,   _)              \
    X(CPOP,        "cpop",       ALU,    ALU,     R1,    0,   R1, _,  WD, _,   _)              \
    X(MAX,         "max",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(MAXU,        "maxu",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(MIN,         "min",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(MINU,        "minu",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SEXT_B,      "sext.b",     ALU,    ALU,     R1,    0,   R1, _,  WD, _,   _)              \
    X(SEXT_H,      "sext.h",     ALU,    ALU,     R1,    0,   R1, _,  WD, _,   _)              \
    X(ZEXT_H,      "zext.h",     ALU,    ALU,     R1,    0,   R1, _,  WD, _,   _)              \
    X(ROL,         "rol",        ALU,    ALU2,    R,     0,   R1, R2, WD, _,   _)              \
    X(ROR,         "ror",        ALU,    ALU2,    R,     0,   R1, R2, WD, _,   _)              \
    X(RORI,        "rori",       ALU,    ALU2,    I,     0,   R1, _,  WD, _,   _)              \
    X(ORC_B,       "orc.b",      ALU,    ALU,     R1,    0,   R1, _,  WD, _,   _)              \
    X(REV8,        "rev8",       ALU,    ALU,     R1,    0,   R1, _,  WD, _,   _)              \
    X(CLMUL,       "clmul",      ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(CLMULH,      "clmulh",     ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(CLMULR,      "clmulr",     ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(BCLR,        "bclr",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(BCLRI,       "bclri",      ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(BEXT,        "bext",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(BEXTI,       "bexti",      ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(BINV,        "binv",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(BINVI,       "binvi",      ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(BSET,        "bset",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(BSETI,       "bseti",      ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(PACK,        "pack",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(PACKU,       "packu",      ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(PACKH,       "packh",      ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SLO,         "slo",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SRO,         "sro",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SLOI,        "sloi",       ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(SROI,        "sroi",       ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(GREV,        "grev",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(GREVI,       "grevi",      ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(GORC,        "gorc",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(GORCI,       "gorci",      ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(SHFL,        "shfl",       ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(UNSHFL,      "unshfl",     ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(SHFLI,       "shfli",      ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(UNSHFLI,     "unshfli",    ALU,    ALU,     I,     0,   R1, _,  WD, _,   _)              \
    X(XPERM_N,     "xperm.n",    ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(XPERM_B,     "xperm.b",    ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(XPERM_H,     "xperm.h",    ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(BFP,         "bfp",        ALU,    ALU,     R,     0,   R1, R2, WD, _,   _)              \
    X(CMIX,        "cmix",       ALU,    ALU2,    CMIX,  0,   R13, R2, WD, _,  _)              \
    X(CMOV,        "cmov",       ALU,    ALU2,    CMIX,  0,   R13, R2, WD, _,  _)              \
    X(FSL,         "fsl",        ALU,    ALU2,    FSL,   0,   R13, R2, WD, _,  _)              \
    X(FSR,         "fsr",        ALU,    ALU2,    FSL,   0,   R13, R2, WD, _,  _)              \
    X(FSRI,        "fsri",       ALU,    ALU2,    FSRI,  0,   R13, _,  WD, _,  _)              \
    X(CRC32_B,     "crc32.b",    ALU,    ALU2,    R1,    0,   R1, _,  WD, _,   _)              \
    X(CRC32_H,     "crc32.h",    ALU,    ALU2,    R1,    0,   R1, _,  WD, _,   _)              \
    X(CRC32_W,     "crc32.w",    ALU,    ALU2,    R1,    0,   R1, _,  WD, _,   _)              \
    X(CRC32C_B,    "crc32c.b",   ALU,    ALU2,    R1,    0,   R1, _,  WD, _,   _)              \
    X(CRC32C_H,    "crc32c.h",   ALU,    ALU2,    R1,    0,   R1, _,  WD, _,   _)              \
    X(CRC32C_W,    "crc32c.w",   ALU,    ALU2,    R1,    0,   R1, _,  WD, _,   _)              \
    X(BCOMPRESS,   "bcompress",  ALU,    ALU2,    R,     0,   R1, R2, WD, _,   _)              \
    X(BDECOMPRESS, "bdecompress", ALU,   ALU2,    R,     0,   R1, R2, WD, _,   _)              \
    /* the fetch itself faulted: raises the trap */                                           \
    X(FETCH_FAULT, "fetch-fault", PSEUDO, NONE,   NONE,  0,   _,  _,  _,  _,   TRAP)           \
    /* a debugger breakpoint sits here: stops the run */                                      \
    X(DEBUG_BREAK, "debug-break", PSEUDO, NONE,   NONE,  0,   _,  _,  _,  _,   _)
/* clang-format on */

#define RV_OP_ENUM_(name, ...) RV_##name,
enum rv_op { RV_OPS(RV_OP_ENUM_) RV_OP_COUNT };
#undef RV_OP_ENUM_

/* What kind of operation: which unit executes it. */
enum rv_class {
    RV_CL_ALU,    /* lui, auipc, register-immediate and register-register arithmetic */
    RV_CL_BRANCH, /* conditional branches */
    RV_CL_JUMP,   /* jal, jalr */
    RV_CL_LOAD,
    RV_CL_STORE,
    RV_CL_MUL,
    RV_CL_DIV,    /* div, divu, rem, remu */
    RV_CL_FENCE,  /* fence, fence.i */
    RV_CL_CSR,
    RV_CL_SYSTEM, /* ecall, ebreak, mret, wfi */
    RV_CL_AMO,    /* lr, sc and the AMOs */
    RV_CL_PSEUDO, /* illegal, fetch-fault, debug-break: never retire */
};

/* The timing class: the class, split where timing models tell operations apart. */
enum rv_tclass {
    RV_T_NONE,   /* never retires (illegal, fetch-fault, debug-break) */
    RV_T_ALU,
    RV_T_BRANCH,
    RV_T_JUMP,
    RV_T_LOAD,   /* lb, lh, lbu, lhu */
    RV_T_LOAD_W, /* lw */
    RV_T_STORE,
    RV_T_MUL,    /* mul: the low half */
    RV_T_MULH,   /* mulh, mulhsu, mulhu: the high half */
    RV_T_DIV,
    RV_T_FENCE,
    RV_T_FENCE_I,
    RV_T_CSR,
    RV_T_SYSTEM, /* ecall, ebreak (a semihosting call retires) */
    RV_T_MRET,
    RV_T_WFI,
    RV_T_LR,
    RV_T_AMO,    /* sc and the AMOs: they store */
    RV_T_ALU2,   /* bit manipulation that Ibex executes in two cycles: rotates, the ternary
                  * operations, crc32, bcompress/bdecompress */
};

/* Sets of timing classes (bit RV_T_x), for rv_tclass_in. */
#define RV_TM(t) (1u << RV_T_##t)
#define RV_TM_LOAD (RV_TM(LOAD) | RV_TM(LOAD_W))
#define RV_TM_STORE RV_TM(STORE)
#define RV_TM_MEM (RV_TM_LOAD | RV_TM_STORE | RV_TM(LR) | RV_TM(AMO)) /* data memory */
#define RV_TM_MULDIV (RV_TM(MUL) | RV_TM(MULH) | RV_TM(DIV))
static inline bool rv_tclass_in(unsigned tc, uint32_t set) { return set >> tc & 1; }

/* How the disassembler prints the operands (objdump's order). */
enum rv_format {
    RV_FMT_NONE, /* no operands */
    RV_FMT_R,    /* rd, rs1, rs2 */
    RV_FMT_I,    /* rd, rs1, imm */
    RV_FMT_U,    /* rd, imm >> 12 */
    RV_FMT_J,    /* rd, target */
    RV_FMT_B,    /* rs1, rs2, target */
    RV_FMT_OFF,  /* rd, imm(rs1): loads, jalr */
    RV_FMT_S,    /* rs2, imm(rs1) */
    RV_FMT_CSR,  /* rd, csr, rs1 */
    RV_FMT_CSRI, /* rd, csr, uimm (in the rs1 field) */
    RV_FMT_LR,   /* rd, (rs1) */
    RV_FMT_AMO,  /* rd, rs2, (rs1) */
    RV_FMT_R1,   /* rd, rs1 */
    RV_FMT_CMIX, /* rd, rs2, rs1, rs3 (cmix, cmov: the draft's order) */
    RV_FMT_FSL,  /* rd, rs1, rs3, rs2 (fsl, fsr) */
    RV_FMT_FSRI, /* rd, rs1, rs3, shamt */
};

/* Flags of an info row. */
#define RV_OF__ 0
#define RV_OF_R1 0x01   /* reads rs1 */
#define RV_OF_R2 0x02   /* reads rs2 */
#define RV_OF_WD 0x04   /* writes rd */
#define RV_OF_END 0x08  /* transfers control */
#define RV_OF_TRAP 0x10 /* can raise an exception */
#define RV_OF_R3 0x20   /* reads rs3 (imm >> 8: rv_rs3) */
#define RV_OF_R13 (RV_OF_R1 | RV_OF_R3)

struct rv_op_info {
    uint8_t cls;    /* enum rv_class */
    uint8_t tclass; /* enum rv_tclass */
    uint8_t format; /* enum rv_format */
    uint8_t size;   /* bytes a memory operation accesses */
    uint8_t flags;  /* RV_OF_* */
};

/* A static table, so that a lookup with a constant operation (every handler of the run
 * loop has one) folds to a constant at compile time. */
#define RV_OP_INFO_(name, mn, cls, tc, fmt, size, r1, r2, wd, end, trap)                       \
    [RV_##name] = {RV_CL_##cls, RV_T_##tc, RV_FMT_##fmt, size,                                 \
                   RV_OF_##r1 | RV_OF_##r2 | RV_OF_##wd | RV_OF_##end | RV_OF_##trap},
static const struct rv_op_info rv_op_info[RV_OP_COUNT] = {RV_OPS(RV_OP_INFO_)};
#undef RV_OP_INFO_

static inline unsigned rv_op_class(unsigned op) { return rv_op_info[op].cls; }
static inline unsigned rv_op_tclass(unsigned op) { return rv_op_info[op].tclass; }
static inline unsigned rv_op_flags(unsigned op) { return rv_op_info[op].flags; }
static inline unsigned rv_op_size(unsigned op) { return rv_op_info[op].size; }
static inline bool rv_op_is(unsigned op, unsigned flag) { return rv_op_flags(op) & flag; }

/* The third source register of a ternary operation (RV_OF_R3), kept in its immediate. */
static inline unsigned rv_rs3(int32_t imm) { return (uint32_t)imm >> 8 & 31; }

/* A load, store or AMO: it accesses data memory. */
static inline bool rv_op_is_mem(unsigned op) { return rv_op_size(op) != 0; }

#endif
