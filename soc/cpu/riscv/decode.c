/* RV32IMAC + Zicsr + Zifencei decoder, with the bit-manipulation extensions a hart has:
 * instruction bits to struct rv_insn.  Compressed instructions decode to the base
 * instruction they expand to (Unpriv spec chapter 16), so the executor and the timing
 * models see one set of operations. */
#include <string.h>

#include "soc/cpu/riscv/cpu.h"

static inline uint32_t bits(uint32_t v, int hi, int lo) { return (v >> lo) & ((1u << (hi - lo + 1)) - 1); }
static inline int32_t sext(uint32_t v, int width) { return (int32_t)(v << (32 - width)) >> (32 - width); }

/* ---- bit manipulation (Bitmanip 1.0.0; the draft 0.93 for Zbf, Zbp, Zbr, Zbt, Zbe) ---- */

/* op if the hart has one of the extensions in need, else illegal. */
static inline uint8_t with(uint32_t ext, uint32_t need, unsigned op)
{
    return (uint8_t)(ext & need ? op : RV_ILLEGAL);
}

/* OP-IMM with funct3 1 or 5: the shifts by an immediate, and the B instructions that share
 * their encoding (funct5 in imm[11:7], then imm[6:5], the shift amount in imm[4:0]).  A
 * ratified instruction takes imm[6:5] = 0 (RV32: shamt[5] is reserved); Ibex ignores
 * imm[5] of the B forms, and imm[6:5] of bclri, bseti, binvi and sloi (RV_EXT_IBEX). */
static void decode_shift_imm(uint32_t r, uint32_t f3, uint32_t ext, struct rv_insn *d)
{
    uint32_t f5 = bits(r, 31, 27), f2 = bits(r, 26, 25), sh = bits(r, 24, 20);
    bool ibex = ext & RV_EXT_IBEX;
    bool ok5 = f2 == 0 || (ibex && f2 == 1); /* imm[6] clear, imm[5] clear or ignored */
    bool ok65 = f2 == 0 || ibex;             /* imm[6:5] clear or ignored */
    unsigned op = RV_ILLEGAL;
    d->imm = (int32_t)sh;
    if (f3 == 1) {
        switch (f5) {
        case 0x00: op = f2 == 0 ? RV_SLLI : RV_ILLEGAL; break;
        case 0x04: op = ok65 ? with(ext, RV_EXT_ZBP, RV_SLOI) : RV_ILLEGAL; break;
        case 0x09: op = ok65 ? with(ext, RV_EXT_ZBS, RV_BCLRI) : RV_ILLEGAL; break;
        case 0x05: op = ok65 ? with(ext, RV_EXT_ZBS, RV_BSETI) : RV_ILLEGAL; break;
        case 0x0d: op = ok65 ? with(ext, RV_EXT_ZBS, RV_BINVI) : RV_ILLEGAL; break;
        case 0x01: op = ok5 ? with(ext, RV_EXT_ZBP, RV_SHFLI) : RV_ILLEGAL; break;
        case 0x0c:
            switch (bits(r, 26, 20)) {
            case 0x00: op = with(ext, RV_EXT_ZBB, RV_CLZ); break;
            case 0x01: op = with(ext, RV_EXT_ZBB, RV_CTZ); break;
            case 0x02: op = with(ext, RV_EXT_ZBB, RV_CPOP); break;
            case 0x04: op = with(ext, RV_EXT_ZBB, RV_SEXT_B); break;
            case 0x05: op = with(ext, RV_EXT_ZBB, RV_SEXT_H); break;
            case 0x10: op = with(ext, RV_EXT_ZBR, RV_CRC32_B); break;
            case 0x11: op = with(ext, RV_EXT_ZBR, RV_CRC32_H); break;
            case 0x12: op = with(ext, RV_EXT_ZBR, RV_CRC32_W); break;
            case 0x18: op = with(ext, RV_EXT_ZBR, RV_CRC32C_B); break;
            case 0x19: op = with(ext, RV_EXT_ZBR, RV_CRC32C_H); break;
            case 0x1a: op = with(ext, RV_EXT_ZBR, RV_CRC32C_W); break;
            }
            break;
        }
    } else if (bits(r, 26, 26)) { /* fsri rd, rs1, rs3, shamt[5:0] */
        op = with(ext, RV_EXT_ZBT, RV_FSRI);
        d->imm = (int32_t)(bits(r, 25, 20) | f5 << 8);
    } else {
        switch (f5) {
        case 0x00: op = f2 == 0 ? RV_SRLI : RV_ILLEGAL; break;
        case 0x08: op = f2 == 0 ? RV_SRAI : RV_ILLEGAL; break;
        case 0x04: op = ok5 ? with(ext, RV_EXT_ZBP, RV_SROI) : RV_ILLEGAL; break;
        case 0x0c: op = ok5 ? with(ext, RV_EXT_ZBB, RV_RORI) : RV_ILLEGAL; break;
        case 0x09: op = ok5 ? with(ext, RV_EXT_ZBS, RV_BEXTI) : RV_ILLEGAL; break;
        case 0x01: op = ok5 ? with(ext, RV_EXT_ZBP, RV_UNSHFLI) : RV_ILLEGAL; break;
        case 0x0d: /* grevi; rev8 is grevi 24 (Zbb) */
            if (!ok5)
                break;
            if (sh == 24)
                op = with(ext, RV_EXT_ZBB | RV_EXT_ZBP, RV_REV8);
            else
                op = with(ext, RV_EXT_ZBP, RV_GREVI);
            break;
        case 0x05: /* gorci; orc.b is gorci 7 (Zbb) */
            if (!ok5)
                break;
            if (sh == 7)
                op = with(ext, RV_EXT_ZBB | RV_EXT_ZBP, RV_ORC_B);
            else
                op = with(ext, RV_EXT_ZBP, RV_GORCI);
            break;
        }
    }
    d->op = (uint8_t)op;
}

/* OP's B instructions: funct7, funct3, the extensions that have it, the operation. */
static const struct {
    uint8_t f7, f3;
    uint16_t ext;
    uint8_t op;
} op_b[] = {
    {0x10, 2, RV_EXT_ZBA, RV_SH1ADD},  {0x10, 4, RV_EXT_ZBA, RV_SH2ADD},
    {0x10, 6, RV_EXT_ZBA, RV_SH3ADD},  {0x20, 7, RV_EXT_ZBB, RV_ANDN},
    {0x20, 6, RV_EXT_ZBB, RV_ORN},     {0x20, 4, RV_EXT_ZBB, RV_XNOR},
    {0x30, 1, RV_EXT_ZBB, RV_ROL},     {0x30, 5, RV_EXT_ZBB, RV_ROR},
    {0x05, 4, RV_EXT_ZBB, RV_MIN},     {0x05, 5, RV_EXT_ZBB, RV_MINU},
    {0x05, 6, RV_EXT_ZBB, RV_MAX},     {0x05, 7, RV_EXT_ZBB, RV_MAXU},
    {0x04, 4, RV_EXT_ZBF, RV_PACK},    {0x24, 4, RV_EXT_ZBF, RV_PACKU},
    {0x04, 7, RV_EXT_ZBF, RV_PACKH},   {0x24, 1, RV_EXT_ZBS, RV_BCLR},
    {0x14, 1, RV_EXT_ZBS, RV_BSET},    {0x34, 1, RV_EXT_ZBS, RV_BINV},
    {0x24, 5, RV_EXT_ZBS, RV_BEXT},    {0x24, 7, RV_EXT_ZBF, RV_BFP},
    {0x34, 5, RV_EXT_ZBP, RV_GREV},    {0x14, 5, RV_EXT_ZBP, RV_GORC},
    {0x04, 1, RV_EXT_ZBP, RV_SHFL},    {0x04, 5, RV_EXT_ZBP, RV_UNSHFL},
    {0x14, 2, RV_EXT_ZBP, RV_XPERM_N}, {0x14, 4, RV_EXT_ZBP, RV_XPERM_B},
    {0x14, 6, RV_EXT_ZBP, RV_XPERM_H}, {0x10, 1, RV_EXT_ZBP, RV_SLO},
    {0x10, 5, RV_EXT_ZBP, RV_SRO},     {0x05, 1, RV_EXT_ZBC, RV_CLMUL},
    {0x05, 3, RV_EXT_ZBC, RV_CLMULH},  {0x05, 2, RV_EXT_ZBC, RV_CLMULR},
    {0x04, 6, RV_EXT_ZBE, RV_BCOMPRESS}, {0x24, 6, RV_EXT_ZBE, RV_BDECOMPRESS},
};

/* OP with a funct7 that is not RV32IM's.  The ternary operations have imm[26] (funct2's
 * high bit) set and rs3 in imm[31:27]; zext.h is pack with rs2 = x0 (Zbb). */
static void decode_op_b(uint32_t r, uint32_t f3, uint32_t f7, uint32_t ext, struct rv_insn *d)
{
    d->op = RV_ILLEGAL;
    if (bits(r, 26, 26)) {
        static const uint8_t ternary[4] = {RV_FSL, RV_FSR, RV_CMIX, RV_CMOV};
        if ((f3 & 3) == 1)
            d->op = with(ext, RV_EXT_ZBT, ternary[bits(r, 25, 25) << 1 | f3 >> 2]);
        d->imm = (int32_t)(bits(r, 31, 27) << 8);
    } else if (f7 == 0x04 && f3 == 4 && d->rs2 == 0) {
        d->op = with(ext, RV_EXT_ZBB | RV_EXT_ZBF, RV_ZEXT_H);
    } else {
        for (size_t i = 0; i < sizeof(op_b) / sizeof(op_b[0]); i++)
            if (op_b[i].f7 == f7 && op_b[i].f3 == f3)
                d->op = with(ext, op_b[i].ext, op_b[i].op);
    }
}

static void decode32(uint32_t r, uint32_t ext, struct rv_insn *d)
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
        if (f3 == 1 || f3 == 5)
            decode_shift_imm(r, f3, ext, d);
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
        else if (ext)
            decode_op_b(r, f3, f7, ext, d);
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

void rv_decode(uint32_t raw, uint32_t ext, struct rv_insn *d)
{
    if ((raw & 3) == 3) {
        d->len = 4;
        decode32(raw, ext, d);
    } else {
        d->len = 2;
        decode16(raw & 0xffff, d);
    }
    d->tclass = (uint8_t)rv_op_tclass(d->op);
}
