/* Names and a disassembler for logs and messages (-d exec, -d cpu, trap reports): operation
 * and register names, decoded instructions as assembly, what an mcause value means. */
#include <stdio.h>

#include "soc/cpu/riscv/cpu.h"

const char *const rv_reg_names[32] = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

#define RV_OP_NAME_(name, mnemonic, ...) [RV_##name] = mnemonic,
const char *const rv_op_names[RV_OP_COUNT] = {RV_OPS(RV_OP_NAME_)};
#undef RV_OP_NAME_

/* The operand forms of the operation table (ops.h), in the order objdump prints them (no
 * pseudo-instructions). */
void rv_disasm(const struct rv_insn *d, uint32_t pc, char *buf, size_t n)
{
    const char *op = rv_op_names[d->op], *rd = rv_reg_names[d->rd];
    const char *rs1 = rv_reg_names[d->rs1], *rs2 = rv_reg_names[d->rs2];
    char num[8];
    switch (rv_op_info[d->op].format) {
    case RV_FMT_U: snprintf(buf, n, "%s %s, 0x%x", op, rd, (uint32_t)d->imm >> 12); return;
    case RV_FMT_J: snprintf(buf, n, "%s %s, 0x%08x", op, rd, pc + (uint32_t)d->imm); return;
    case RV_FMT_B:
        snprintf(buf, n, "%s %s, %s, 0x%08x", op, rs1, rs2, pc + (uint32_t)d->imm);
        return;
    case RV_FMT_OFF: snprintf(buf, n, "%s %s, %d(%s)", op, rd, d->imm, rs1); return;
    case RV_FMT_S: snprintf(buf, n, "%s %s, %d(%s)", op, rs2, d->imm, rs1); return;
    case RV_FMT_I: snprintf(buf, n, "%s %s, %s, %d", op, rd, rs1, d->imm); return;
    case RV_FMT_CSR:
    case RV_FMT_CSRI: {
        const char *name = rv_csr_label((uint32_t)d->imm & 0xfff, num, sizeof(num));
        if (rv_op_info[d->op].format == RV_FMT_CSRI) /* the immediate sits in the rs1 field */
            snprintf(buf, n, "%s %s, %s, %u", op, rd, name, d->rs1);
        else
            snprintf(buf, n, "%s %s, %s, %s", op, rd, name, rs1);
        return;
    }
    case RV_FMT_LR: snprintf(buf, n, "%s %s, (%s)", op, rd, rs1); return;
    case RV_FMT_AMO: snprintf(buf, n, "%s %s, %s, (%s)", op, rd, rs2, rs1); return;
    case RV_FMT_R: snprintf(buf, n, "%s %s, %s, %s", op, rd, rs1, rs2); return;
    case RV_FMT_R1: snprintf(buf, n, "%s %s, %s", op, rd, rs1); return;
    case RV_FMT_CMIX:
        snprintf(buf, n, "%s %s, %s, %s, %s", op, rd, rs2, rs1, rv_reg_names[rv_rs3(d->imm)]);
        return;
    case RV_FMT_FSL:
        snprintf(buf, n, "%s %s, %s, %s, %s", op, rd, rs1, rv_reg_names[rv_rs3(d->imm)], rs2);
        return;
    case RV_FMT_FSRI:
        snprintf(buf, n, "%s %s, %s, %s, %d", op, rd, rs1, rv_reg_names[rv_rs3(d->imm)],
                 d->imm & 63);
        return;
    default: snprintf(buf, n, "%s", op); return;
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
