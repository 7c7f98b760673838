/* RV32 instruction encodings for the C unit tests that write RISC-V programs word by word
 * (Unpriv chapters 2 and 16). */
#ifndef TESTS_UNIT_RV_ENC_H
#define TESTS_UNIT_RV_ENC_H

#include <stdbool.h>
#include <stdint.h>

static inline uint32_t r_type(unsigned f7, unsigned rs2, unsigned rs1, unsigned f3, unsigned rd,
                              unsigned op)
{
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static inline uint32_t i_type(int32_t imm, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
    return (uint32_t)(imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static inline uint32_t s_type(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3)
{
    uint32_t u = (uint32_t)imm;
    return (u >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 31) << 7 | 0x23;
}
static inline uint32_t b_type(int32_t off, unsigned rs2, unsigned rs1, unsigned f3)
{
    uint32_t u = (uint32_t)off;
    return (u >> 12 & 1) << 31 | (u >> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           (u >> 1 & 15) << 8 | (u >> 11 & 1) << 7 | 0x63;
}
static inline uint32_t j_type(int32_t off, unsigned rd)
{
    uint32_t u = (uint32_t)off;
    return (u >> 20 & 1) << 31 | (u >> 1 & 0x3ff) << 21 | (u >> 11 & 1) << 20 |
           (u >> 12 & 0xff) << 12 | rd << 7 | 0x6f;
}
static inline uint16_t c_j(int32_t off)
{
    uint32_t u = (uint32_t)off;
    return (uint16_t)(0xa001 | (u >> 11 & 1) << 12 | (u >> 4 & 1) << 11 | (u >> 8 & 3) << 9 |
                      (u >> 10 & 1) << 8 | (u >> 6 & 1) << 7 | (u >> 7 & 1) << 6 |
                      (u >> 1 & 7) << 3 | (u >> 5 & 1) << 2);
}
static inline uint16_t c_beqz(int32_t off, unsigned rs1c, bool bnez)
{
    uint32_t u = (uint32_t)off;
    return (uint16_t)((bnez ? 0xe001 : 0xc001) | (u >> 8 & 1) << 12 | (u >> 3 & 3) << 10 |
                      rs1c << 7 | (u >> 6 & 3) << 5 | (u >> 1 & 3) << 3 | (u >> 5 & 1) << 2);
}

/* A few named forms. */
static inline uint32_t rv_addi(unsigned rd, unsigned rs1, int32_t imm)
{
    return i_type(imm, rs1, 0, rd, 0x13);
}
static inline uint32_t rv_lui(unsigned rd, uint32_t upper) { return upper << 12 | rd << 7 | 0x37; }

#endif
