/* The bit-manipulation operations' results: the ratified Zba, Zbb, Zbc, Zbs (RISC-V
 * Bitmanip 1.0.0, chapter 2) and the draft 0.93 instructions Ibex implements (Bitmanip
 * 0.93: Zbf 2.8, Zbp 2.2-2.5, Zbr 2.7, Zbt 2.9, Zbe 2.6), RV32.  Inline, with the
 * operation a constant in each handler of the run loop, so each folds to its own case. */
#ifndef SOC_CPU_RISCV_BITMANIP_H
#define SOC_CPU_RISCV_BITMANIP_H

#include <stdint.h>

#include "soc/cpu/riscv/ops.h"

static inline uint32_t rv_rol32(uint32_t a, unsigned n)
{
    n &= 31;
    return n ? a << n | a >> (32 - n) : a;
}

static inline uint32_t rv_ror32(uint32_t a, unsigned n)
{
    n &= 31;
    return n ? a >> n | a << (32 - n) : a;
}

/* Carry-less product of a and b: its low (high = false) or high 32 bits (Zbc). */
static inline uint32_t rv_clmul(uint32_t a, uint32_t b, bool high)
{
    uint64_t p = 0;
    for (unsigned i = 0; i < 32; i++)
        if (b >> i & 1)
            p ^= (uint64_t)a << i;
    return high ? (uint32_t)(p >> 32) : (uint32_t)p;
}

/* Generalised reverse and or-combine (Zbp 2.2.1, 2.2.2): stage k swaps (or ors in) the
 * neighbouring blocks of 2^k bits where control bit k is set. */
static inline uint32_t rv_grev(uint32_t x, unsigned k, bool orc)
{
    static const uint32_t lo[5] = {0x55555555, 0x33333333, 0x0f0f0f0f, 0x00ff00ff, 0x0000ffff};
    for (unsigned s = 0; s < 5; s++) {
        if (!(k >> s & 1))
            continue;
        unsigned n = 1u << s;
        uint32_t y = (x & lo[s]) << n | (x & ~lo[s]) >> n;
        x = orc ? x | y : y;
    }
    return x;
}

/* One stage of shfl/unshfl (Zbp 2.2.3): the bits under ml move n up, those under mr n down. */
static inline uint32_t rv_shuffle_stage(uint32_t x, uint32_t ml, uint32_t mr, unsigned n)
{
    return (x & ~(ml | mr)) | ((x << n) & ml) | ((x >> n) & mr);
}

static inline uint32_t rv_shfl(uint32_t x, unsigned k, bool un)
{
    static const uint32_t ml[4] = {0x44444444, 0x30303030, 0x0f000f00, 0x00ff0000};
    static const uint32_t mr[4] = {0x22222222, 0x0c0c0c0c, 0x00f000f0, 0x0000ff00};
    for (unsigned i = 0; i < 4; i++) {
        unsigned s = un ? i : 3 - i; /* shfl from the widest stage down, unshfl up */
        if (k >> s & 1)
            x = rv_shuffle_stage(x, ml[s], mr[s], 1u << s);
    }
    return x;
}

/* Crossbar permutation (Zbp 2.2.4): each 2^sz-bit element of b selects an element of a;
 * an index past the word gives 0. */
static inline uint32_t rv_xperm(uint32_t a, uint32_t b, unsigned sz)
{
    uint32_t mask = (1u << (1u << sz)) - 1, r = 0;
    for (unsigned i = 0; i < 32; i += 1u << sz) {
        uint32_t pos = ((b >> i) & mask) << sz;
        if (pos < 32)
            r |= ((a >> pos) & mask) << i;
    }
    return r;
}

/* Bit-field place (Zbf 2.8): rs2's upper half is the field's length (bits 11:8, 0 for 16)
 * and offset (bits 4:0); the field comes from rs2's low bits. */
static inline uint32_t rv_bfp(uint32_t a, uint32_t b)
{
    uint32_t cfg = b >> 16;
    unsigned len = cfg >> 8 & 15, off = cfg & 31;
    uint32_t mask = (len ? (1u << len) - 1 : 0xffffu) << off;
    return ((b << off) & mask) | (a & ~mask);
}

/* Funnel shifts (Zbt 2.9.3): rs1:rs3 by rs2 mod 64, left or right. */
static inline uint32_t rv_fsl(uint32_t a, uint32_t shamt, uint32_t c, bool right)
{
    unsigned n = shamt & 63;
    if (n >= 32) {
        uint32_t t = a;
        a = c, c = t, n -= 32;
    }
    if (!n)
        return a;
    return right ? a >> n | c << (32 - n) : a << n | c >> (32 - n);
}

/* CRC over the low nbits of x, reflected, polynomial poly (Zbr 2.7). */
static inline uint32_t rv_crc32(uint32_t x, unsigned nbits, uint32_t poly)
{
    for (unsigned i = 0; i < nbits; i++)
        x = (x >> 1) ^ (poly & (0u - (x & 1)));
    return x;
}

/* Gather (compress) the bits of a where b is set to the low end, or scatter (decompress)
 * the low bits of a to where b is set (Zbe 2.6). */
static inline uint32_t rv_bcompress(uint32_t a, uint32_t b, bool de)
{
    uint32_t r = 0;
    for (unsigned i = 0, j = 0; i < 32; i++) {
        if (!(b >> i & 1))
            continue;
        if (de ? a >> j & 1 : a >> i & 1)
            r |= 1u << (de ? i : j);
        j++;
    }
    return r;
}

/* The result of bit-manipulation operation op: a = rs1, b = rs2 (or the immediate of an
 * immediate form), c = rs3 (ternary operations). */
static inline uint32_t rv_bitmanip(unsigned op, uint32_t a, uint32_t b, uint32_t c)
{
    switch (op) {
    case RV_SH1ADD: return (a << 1) + b;
    case RV_SH2ADD: return (a << 2) + b;
    case RV_SH3ADD: return (a << 3) + b;
    case RV_ANDN: return a & ~b;
    case RV_ORN: return a | ~b;
    case RV_XNOR: return ~(a ^ b);
    case RV_CLZ: return a ? (uint32_t)__builtin_clz(a) : 32;
    case RV_CTZ: return a ? (uint32_t)__builtin_ctz(a) : 32;
    case RV_CPOP: return (uint32_t)__builtin_popcount(a);
    case RV_MAX: return (int32_t)a > (int32_t)b ? a : b;
    case RV_MAXU: return a > b ? a : b;
    case RV_MIN: return (int32_t)a < (int32_t)b ? a : b;
    case RV_MINU: return a < b ? a : b;
    case RV_SEXT_B: return (uint32_t)(int32_t)(int8_t)a;
    case RV_SEXT_H: return (uint32_t)(int32_t)(int16_t)a;
    case RV_ZEXT_H: return a & 0xffff;
    case RV_ROL: return rv_rol32(a, b);
    case RV_ROR: case RV_RORI: return rv_ror32(a, b);
    case RV_ORC_B: return rv_grev(a, 7, true);
    case RV_REV8: return __builtin_bswap32(a);
    case RV_CLMUL: return rv_clmul(a, b, false);
    case RV_CLMULH: return rv_clmul(a, b, true);
    case RV_CLMULR: return rv_clmul(a, b, false) >> 31 | rv_clmul(a, b, true) << 1;
    case RV_BCLR: case RV_BCLRI: return a & ~(1u << (b & 31));
    case RV_BEXT: case RV_BEXTI: return a >> (b & 31) & 1;
    case RV_BINV: case RV_BINVI: return a ^ 1u << (b & 31);
    case RV_BSET: case RV_BSETI: return a | 1u << (b & 31);
    case RV_PACK: return (a & 0xffff) | b << 16;
    case RV_PACKU: return a >> 16 | (b & 0xffff0000u);
    case RV_PACKH: return (a & 0xff) | (b & 0xff) << 8;
    case RV_SLO: case RV_SLOI: return ~(~a << (b & 31));
    case RV_SRO: case RV_SROI: return ~(~a >> (b & 31));
    case RV_GREV: case RV_GREVI: return rv_grev(a, b & 31, false);
    case RV_GORC: case RV_GORCI: return rv_grev(a, b & 31, true);
    case RV_SHFL: case RV_SHFLI: return rv_shfl(a, b & 15, false);
    case RV_UNSHFL: case RV_UNSHFLI: return rv_shfl(a, b & 15, true);
    case RV_XPERM_N: return rv_xperm(a, b, 2);
    case RV_XPERM_B: return rv_xperm(a, b, 3);
    case RV_XPERM_H: return rv_xperm(a, b, 4);
    case RV_BFP: return rv_bfp(a, b);
    case RV_CMIX: return (a & b) | (c & ~b);
    case RV_CMOV: return b ? a : c;
    case RV_FSL: return rv_fsl(a, b, c, false);
    case RV_FSR: case RV_FSRI: return rv_fsl(a, b, c, true);
    case RV_CRC32_B: return rv_crc32(a, 8, 0xedb88320u);
    case RV_CRC32_H: return rv_crc32(a, 16, 0xedb88320u);
    case RV_CRC32_W: return rv_crc32(a, 32, 0xedb88320u);
    case RV_CRC32C_B: return rv_crc32(a, 8, 0x82f63b78u);
    case RV_CRC32C_H: return rv_crc32(a, 16, 0x82f63b78u);
    case RV_CRC32C_W: return rv_crc32(a, 32, 0x82f63b78u);
    case RV_BCOMPRESS: return rv_bcompress(a, b, false);
    default: return rv_bcompress(a, b, true); /* RV_BDECOMPRESS */
    }
}

#endif
