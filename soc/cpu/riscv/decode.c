/* RV32IMAC + Zicsr + Zifencei decoder: instruction bits to struct rv_insn.
 * Compressed instructions decode to the base instruction they expand to (Unpriv spec
 * chapter 16), so the executor and the timing models see one set of operations. */
#include <string.h>

#include "soc/cpu/riscv/cpu.h"

static inline uint32_t bits(uint32_t v, int hi, int lo) { return (v >> lo) & ((1u << (hi - lo + 1)) - 1); }
static inline int32_t sext(uint32_t v, int width) { return (int32_t)(v << (32 - width)) >> (32 - width); }

static void decode32(uint32_t r, struct rv_insn *d)
{
    uint32_t f3 = bits(r, 14, 12), f7 = bits(r, 31, 25);
    d->rd = bits(r, 11, 7);
    d->rs1 = bits(r, 19, 15);
    d->rs2 = bits(r, 24, 20);
    d->op = RV_ILLEGAL;
    int32_t imm_i = (int32_t)r >> 20;
    int32_t imm_s = sext(bits(r, 31, 25) << 5 | bits(r, 11, 7), 12);
    int32_t imm_b = sext(bits(r, 31, 31) << 12 | bits(r, 7, 7) << 11 | bits(r, 30, 25) << 5 |
                         bits(r, 11, 8) << 1, 13);
    int32_t imm_j = sext(bits(r, 31, 31) << 20 | bits(r, 19, 12) << 12 | bits(r, 20, 20) << 11 |
                         bits(r, 30, 21) << 1, 21);
    switch (r & 0x7f) {
    case 0x37: d->op = RV_LUI, d->imm = (int32_t)(r & 0xfffff000); break;
    case 0x17: d->op = RV_AUIPC, d->imm = (int32_t)(r & 0xfffff000); break;
    case 0x6f: d->op = RV_JAL, d->imm = imm_j; break;
    case 0x67:
        if (f3 == 0)
            d->op = RV_JALR, d->imm = imm_i;
        break;
    case 0x63: {
        static const uint8_t ops[8] = {RV_BEQ, RV_BNE, 0, 0, RV_BLT, RV_BGE, RV_BLTU, RV_BGEU};
        d->op = ops[f3], d->imm = imm_b;
        break;
    }
    case 0x03: {
        static const uint8_t ops[8] = {RV_LB, RV_LH, RV_LW, 0, RV_LBU, RV_LHU, 0, 0};
        d->op = ops[f3], d->imm = imm_i;
        break;
    }
    case 0x23: {
        static const uint8_t ops[8] = {RV_SB, RV_SH, RV_SW, 0, 0, 0, 0, 0};
        d->op = ops[f3], d->imm = imm_s;
        break;
    }
    case 0x13: {
        static const uint8_t ops[8] = {RV_ADDI, 0, RV_SLTI, RV_SLTIU, RV_XORI, 0, RV_ORI, RV_ANDI};
        d->imm = imm_i;
        if (f3 == 1)
            d->op = f7 == 0 ? RV_SLLI : RV_ILLEGAL, d->imm = (int32_t)d->rs2;
        else if (f3 == 5)
            d->op = f7 == 0 ? RV_SRLI : f7 == 0x20 ? RV_SRAI : RV_ILLEGAL, d->imm = (int32_t)d->rs2;
        else
            d->op = ops[f3];
        break;
    }
    case 0x33: {
        static const uint8_t base[8] = {RV_ADD, RV_SLL, RV_SLT, RV_SLTU, RV_XOR, RV_SRL, RV_OR, RV_AND};
        static const uint8_t mext[8] = {RV_MUL, RV_MULH, RV_MULHSU, RV_MULHU,
                                        RV_DIV, RV_DIVU, RV_REM, RV_REMU};
        if (f7 == 0)
            d->op = base[f3];
        else if (f7 == 1)
            d->op = mext[f3];
        else if (f7 == 0x20 && f3 == 0)
            d->op = RV_SUB;
        else if (f7 == 0x20 && f3 == 5)
            d->op = RV_SRA;
        break;
    }
    case 0x0f:
        if (f3 == 0)
            d->op = RV_FENCE;
        else if (f3 == 1)
            d->op = RV_FENCE_I;
        break;
    case 0x73:
        if (f3 == 0) {
            switch (r) {
            case 0x00000073: d->op = RV_ECALL; break;
            case 0x00100073: d->op = RV_EBREAK; break;
            case 0x30200073: d->op = RV_MRET; break;
            case 0x10500073: d->op = RV_WFI; break;
            }
        } else if (f3 != 4) {
            static const uint8_t ops[8] = {0, RV_CSRRW, RV_CSRRS, RV_CSRRC, 0,
                                           RV_CSRRWI, RV_CSRRSI, RV_CSRRCI};
            d->op = ops[f3];
            d->imm = (int32_t)bits(r, 31, 20);
        }
        break;
    case 0x2f:
        if (f3 == 2) {
            switch (bits(r, 31, 27)) {
            case 0x02: d->op = d->rs2 == 0 ? RV_LR_W : RV_ILLEGAL; break;
            case 0x03: d->op = RV_SC_W; break;
            case 0x01: d->op = RV_AMOSWAP_W; break;
            case 0x00: d->op = RV_AMOADD_W; break;
            case 0x04: d->op = RV_AMOXOR_W; break;
            case 0x0c: d->op = RV_AMOAND_W; break;
            case 0x08: d->op = RV_AMOOR_W; break;
            case 0x10: d->op = RV_AMOMIN_W; break;
            case 0x14: d->op = RV_AMOMAX_W; break;
            case 0x18: d->op = RV_AMOMINU_W; break;
            case 0x1c: d->op = RV_AMOMAXU_W; break;
            }
        }
        break;
    }
}

/* Compressed registers x8..x15 */
#define CR(v) (8 + (v))

static void decode16(uint32_t r, struct rv_insn *d)
{
    uint32_t f3 = bits(r, 15, 13);
    uint32_t rd = bits(r, 11, 7), rs2 = bits(r, 6, 2);
    uint32_t rdp = CR(bits(r, 4, 2)), rs1p = CR(bits(r, 9, 7));
    d->op = RV_ILLEGAL;
    d->rd = d->rs1 = d->rs2 = 0;
    d->imm = 0;
    switch ((r & 3) << 3 | f3) {
    case 0 << 3 | 0: { /* c.addi4spn */
        uint32_t imm = bits(r, 12, 11) << 4 | bits(r, 10, 7) << 6 | bits(r, 6, 6) << 2 |
                       bits(r, 5, 5) << 3;
        if (imm)
            d->op = RV_ADDI, d->rd = rdp, d->rs1 = 2, d->imm = (int32_t)imm;
        break;
    }
    case 0 << 3 | 2: /* c.lw */
        d->op = RV_LW, d->rd = rdp, d->rs1 = rs1p;
        d->imm = (int32_t)(bits(r, 12, 10) << 3 | bits(r, 6, 6) << 2 | bits(r, 5, 5) << 6);
        break;
    case 0 << 3 | 6: /* c.sw */
        d->op = RV_SW, d->rs2 = rdp, d->rs1 = rs1p;
        d->imm = (int32_t)(bits(r, 12, 10) << 3 | bits(r, 6, 6) << 2 | bits(r, 5, 5) << 6);
        break;
    case 1 << 3 | 0: /* c.addi, c.nop */
        d->op = RV_ADDI, d->rd = d->rs1 = rd, d->imm = sext(bits(r, 12, 12) << 5 | rs2, 6);
        break;
    case 1 << 3 | 1: /* c.jal */
    case 1 << 3 | 5: /* c.j */
        d->op = RV_JAL, d->rd = f3 == 1 ? 1 : 0;
        d->imm = sext(bits(r, 12, 12) << 11 | bits(r, 11, 11) << 4 | bits(r, 10, 9) << 8 |
                      bits(r, 8, 8) << 10 | bits(r, 7, 7) << 6 | bits(r, 6, 6) << 7 |
                      bits(r, 5, 3) << 1 | bits(r, 2, 2) << 5, 12);
        break;
    case 1 << 3 | 2: /* c.li */
        d->op = RV_ADDI, d->rd = rd, d->rs1 = 0, d->imm = sext(bits(r, 12, 12) << 5 | rs2, 6);
        break;
    case 1 << 3 | 3:
        if (rd == 2) { /* c.addi16sp */
            int32_t imm = sext(bits(r, 12, 12) << 9 | bits(r, 6, 6) << 4 | bits(r, 5, 5) << 6 |
                               bits(r, 4, 3) << 7 | bits(r, 2, 2) << 5, 10);
            if (imm)
                d->op = RV_ADDI, d->rd = d->rs1 = 2, d->imm = imm;
        } else { /* c.lui */
            int32_t imm = sext(bits(r, 12, 12) << 17 | rs2 << 12, 18);
            if (imm)
                d->op = RV_LUI, d->rd = rd, d->imm = imm;
        }
        break;
    case 1 << 3 | 4: {
        uint32_t shamt = rs2;
        d->rd = d->rs1 = rs1p;
        switch (bits(r, 11, 10)) {
        case 0:
            if (!bits(r, 12, 12))
                d->op = RV_SRLI, d->imm = (int32_t)shamt;
            break;
        case 1:
            if (!bits(r, 12, 12))
                d->op = RV_SRAI, d->imm = (int32_t)shamt;
            break;
        case 2: d->op = RV_ANDI, d->imm = sext(bits(r, 12, 12) << 5 | rs2, 6); break;
        case 3:
            if (!bits(r, 12, 12)) {
                static const uint8_t ops[4] = {RV_SUB, RV_XOR, RV_OR, RV_AND};
                d->op = ops[bits(r, 6, 5)], d->rs2 = rdp;
            }
            break;
        }
        break;
    }
    case 1 << 3 | 6: /* c.beqz */
    case 1 << 3 | 7: /* c.bnez */
        d->op = f3 == 6 ? RV_BEQ : RV_BNE, d->rs1 = rs1p, d->rs2 = 0;
        d->imm = sext(bits(r, 12, 12) << 8 | bits(r, 11, 10) << 3 | bits(r, 6, 5) << 6 |
                      bits(r, 4, 3) << 1 | bits(r, 2, 2) << 5, 9);
        break;
    case 2 << 3 | 0: /* c.slli */
        if (!bits(r, 12, 12))
            d->op = RV_SLLI, d->rd = d->rs1 = rd, d->imm = (int32_t)rs2;
        break;
    case 2 << 3 | 2: /* c.lwsp */
        if (rd)
            d->op = RV_LW, d->rd = rd, d->rs1 = 2,
            d->imm = (int32_t)(bits(r, 12, 12) << 5 | bits(r, 6, 4) << 2 | bits(r, 3, 2) << 6);
        break;
    case 2 << 3 | 4:
        if (!bits(r, 12, 12)) {
            if (rs2 == 0) { /* c.jr */
                if (rd)
                    d->op = RV_JALR, d->rd = 0, d->rs1 = rd;
            } else { /* c.mv */
                d->op = RV_ADD, d->rd = rd, d->rs1 = 0, d->rs2 = rs2;
            }
        } else {
            if (rd == 0 && rs2 == 0)
                d->op = RV_EBREAK; /* c.ebreak */
            else if (rs2 == 0)
                d->op = RV_JALR, d->rd = 1, d->rs1 = rd; /* c.jalr */
            else
                d->op = RV_ADD, d->rd = d->rs1 = rd, d->rs2 = rs2; /* c.add */
        }
        break;
    case 2 << 3 | 6: /* c.swsp */
        d->op = RV_SW, d->rs1 = 2, d->rs2 = rs2,
        d->imm = (int32_t)(bits(r, 12, 9) << 2 | bits(r, 8, 7) << 6);
        break;
    }
}

void rv_decode(uint32_t raw, struct rv_insn *d)
{
    if ((raw & 3) == 3) {
        d->len = 4;
        decode32(raw, d);
    } else {
        d->len = 2;
        decode16(raw & 0xffff, d);
    }
    d->tclass = (uint8_t)rv_op_tclass(d->op);
}
