/* Names and a disassembler for logs and messages (-d exec, -d cpu, trap reports): operation
 * and register names, decoded instructions as assembly, what an mcause value means. */
#include <stdio.h>

#include "soc/cpu/riscv/cpu.h"

const char *const rv_reg_names[32] = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *const rv_op_names[RV_OP_COUNT] = {
    [RV_ILLEGAL] = "illegal",  [RV_LUI] = "lui",        [RV_AUIPC] = "auipc",
    [RV_JAL] = "jal",          [RV_JALR] = "jalr",      [RV_BEQ] = "beq",
    [RV_BNE] = "bne",          [RV_BLT] = "blt",        [RV_BGE] = "bge",
    [RV_BLTU] = "bltu",        [RV_BGEU] = "bgeu",      [RV_LB] = "lb",
    [RV_LH] = "lh",            [RV_LW] = "lw",          [RV_LBU] = "lbu",
    [RV_LHU] = "lhu",          [RV_SB] = "sb",          [RV_SH] = "sh",
    [RV_SW] = "sw",            [RV_ADDI] = "addi",      [RV_SLTI] = "slti",
    [RV_SLTIU] = "sltiu",      [RV_XORI] = "xori",      [RV_ORI] = "ori",
    [RV_ANDI] = "andi",        [RV_SLLI] = "slli",      [RV_SRLI] = "srli",
    [RV_SRAI] = "srai",        [RV_ADD] = "add",        [RV_SUB] = "sub",
    [RV_SLL] = "sll",          [RV_SLT] = "slt",        [RV_SLTU] = "sltu",
    [RV_XOR] = "xor",          [RV_SRL] = "srl",        [RV_SRA] = "sra",
    [RV_OR] = "or",            [RV_AND] = "and",        [RV_FENCE] = "fence",
    [RV_FENCE_I] = "fence.i",  [RV_ECALL] = "ecall",    [RV_EBREAK] = "ebreak",
    [RV_MRET] = "mret",        [RV_WFI] = "wfi",        [RV_CSRRW] = "csrrw",
    [RV_CSRRS] = "csrrs",      [RV_CSRRC] = "csrrc",    [RV_CSRRWI] = "csrrwi",
    [RV_CSRRSI] = "csrrsi",    [RV_CSRRCI] = "csrrci",  [RV_MUL] = "mul",
    [RV_MULH] = "mulh",        [RV_MULHSU] = "mulhsu",  [RV_MULHU] = "mulhu",
    [RV_DIV] = "div",          [RV_DIVU] = "divu",      [RV_REM] = "rem",
    [RV_REMU] = "remu",        [RV_LR_W] = "lr.w",      [RV_SC_W] = "sc.w",
    [RV_AMOSWAP_W] = "amoswap.w", [RV_AMOADD_W] = "amoadd.w", [RV_AMOXOR_W] = "amoxor.w",
    [RV_AMOAND_W] = "amoand.w", [RV_AMOOR_W] = "amoor.w", [RV_AMOMIN_W] = "amomin.w",
    [RV_AMOMAX_W] = "amomax.w", [RV_AMOMINU_W] = "amominu.w", [RV_AMOMAXU_W] = "amomaxu.w",
    [RV_FETCH_FAULT] = "fetch-fault", [RV_DEBUG_BREAK] = "debug-break",
};

/* The operand forms, in the order objdump prints them (no pseudo-instructions). */
void rv_disasm(const struct rv_insn *d, uint32_t pc, char *buf, size_t n)
{
    const char *op = rv_op_names[d->op], *rd = rv_reg_names[d->rd];
    const char *rs1 = rv_reg_names[d->rs1], *rs2 = rv_reg_names[d->rs2];
    switch (d->op) {
    case RV_LUI: case RV_AUIPC:
        snprintf(buf, n, "%s %s, 0x%x", op, rd, (uint32_t)d->imm >> 12);
        return;
    case RV_JAL:
        snprintf(buf, n, "%s %s, 0x%08x", op, rd, pc + (uint32_t)d->imm);
        return;
    case RV_BEQ: case RV_BNE: case RV_BLT: case RV_BGE: case RV_BLTU: case RV_BGEU:
        snprintf(buf, n, "%s %s, %s, 0x%08x", op, rs1, rs2, pc + (uint32_t)d->imm);
        return;
    case RV_JALR: case RV_LB: case RV_LH: case RV_LW: case RV_LBU: case RV_LHU:
        snprintf(buf, n, "%s %s, %d(%s)", op, rd, d->imm, rs1);
        return;
    case RV_SB: case RV_SH: case RV_SW:
        snprintf(buf, n, "%s %s, %d(%s)", op, rs2, d->imm, rs1);
        return;
    case RV_ADDI: case RV_SLTI: case RV_SLTIU: case RV_XORI: case RV_ORI: case RV_ANDI:
    case RV_SLLI: case RV_SRLI: case RV_SRAI:
        snprintf(buf, n, "%s %s, %s, %d", op, rd, rs1, d->imm);
        return;
    case RV_CSRRW: case RV_CSRRS: case RV_CSRRC: case RV_CSRRWI: case RV_CSRRSI:
    case RV_CSRRCI: {
        char num[8];
        const char *name = rv_csr_label((uint32_t)d->imm & 0xfff, num, sizeof(num));
        if (d->op >= RV_CSRRWI) /* the immediate sits in the rs1 field */
            snprintf(buf, n, "%s %s, %s, %u", op, rd, name, d->rs1);
        else
            snprintf(buf, n, "%s %s, %s, %s", op, rd, name, rs1);
        return;
    }
    case RV_LR_W:
        snprintf(buf, n, "%s %s, (%s)", op, rd, rs1);
        return;
    case RV_SC_W: case RV_AMOSWAP_W: case RV_AMOADD_W: case RV_AMOXOR_W: case RV_AMOAND_W:
    case RV_AMOOR_W: case RV_AMOMIN_W: case RV_AMOMAX_W: case RV_AMOMINU_W: case RV_AMOMAXU_W:
        snprintf(buf, n, "%s %s, %s, (%s)", op, rd, rs2, rs1);
        return;
    case RV_ILLEGAL: case RV_FENCE: case RV_FENCE_I: case RV_ECALL: case RV_EBREAK:
    case RV_MRET: case RV_WFI: case RV_FETCH_FAULT: case RV_DEBUG_BREAK:
        snprintf(buf, n, "%s", op);
        return;
    default: /* register-register: ALU and M extension */
        snprintf(buf, n, "%s %s, %s, %s", op, rd, rs1, rs2);
        return;
    }
}

/* Priv spec 3.1.15, table 3.6 (the machine-mode causes this hart raises or may be sent). */
const char *rv_cause_name(uint32_t cause)
{
    static const char *const exceptions[] = {
        [RV_EXC_INSN_MISALIGNED] = "instruction address misaligned",
        [RV_EXC_INSN_FAULT] = "instruction access fault",
        [RV_EXC_ILLEGAL] = "illegal instruction",
        [RV_EXC_BREAKPOINT] = "breakpoint",
        [RV_EXC_LOAD_MISALIGNED] = "load address misaligned",
        [RV_EXC_LOAD_FAULT] = "load access fault",
        [RV_EXC_STORE_MISALIGNED] = "store/AMO address misaligned",
        [RV_EXC_STORE_FAULT] = "store/AMO access fault",
        [RV_EXC_ECALL_U] = "environment call from U-mode",
        [RV_EXC_ECALL_M] = "environment call from M-mode",
    };
    static const char *const interrupts[] = {
        [RV_IRQ_MSI] = "machine software interrupt",
        [RV_IRQ_MTI] = "machine timer interrupt",
        [RV_IRQ_MEI] = "machine external interrupt",
    };
    uint32_t code = cause & 0x7fffffffu;
    const char *name = NULL;
    if (cause >> 31)
        name = code < ARRAY_SIZE(interrupts) ? interrupts[code] : NULL;
    else
        name = code < ARRAY_SIZE(exceptions) ? exceptions[code] : NULL;
    return name ? name : "reserved cause";
}
