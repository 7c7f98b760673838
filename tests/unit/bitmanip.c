/* The results of bitmanip.h against the host's own instructions for the same functions,
 * where x86-64 has them: bcompress and bdecompress (Zbe) are BMI2's pext and pdep, the
 * CRC-32C steps crc32c.b/h/w (Zbr) are SSE4.2's crc32 of a zero byte, halfword and word
 * into the operand, clmul/clmulh/clmulr (Zbc) the low, high and bits 62:31 of PCLMULQDQ's
 * product.  Neither the reference's RTL rows nor QEMU checks Zbe or crc32c.b/h (the
 * reference measures crc32c.w only).  20 000 operand pairs from a fixed seed, with edge
 * values first; a host without the instructions prints SKIP. */
#include <stdint.h>
#include <stdio.h>

#include "soc/cpu/riscv/bitmanip.h"
#include "tests/unit/check.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define PAIRS 20000

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint32_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* Operand pair i: the edge values crossed, then random words (sparse and dense ones too). */
static void pair(unsigned i, uint32_t *a, uint32_t *b)
{
    static const uint32_t edge[] = {0, 1, 0xffffffffu, 0x80000000u, 0x7fffffffu, 0x0000ffffu,
                                    0xffff0000u, 0x55555555u, 0xaaaaaaaau, 0x12345678u};
    const unsigned ne = sizeof(edge) / sizeof(edge[0]);
    if (i < ne * ne) {
        *a = edge[i / ne], *b = edge[i % ne];
        return;
    }
    *a = next(), *b = next();
    if (i % 3 == 1)
        *b &= next(); /* sparse masks */
    else if (i % 3 == 2)
        *b |= next();
}

__attribute__((target("bmi2"))) static uint32_t host_pext(uint32_t a, uint32_t b)
{
    return _pext_u32(a, b);
}
__attribute__((target("bmi2"))) static uint32_t host_pdep(uint32_t a, uint32_t b)
{
    return _pdep_u32(a, b);
}
/* (The zero data goes through an empty asm: for _mm_crc32_u32(x, 0), a constant zero,
 * GCC 12 -O2 emits the 16-bit crc32, 0x13a29877 for x = 1 where the 32-bit one gives
 * 0xdd45aab8.) */
__attribute__((target("sse4.2"))) static uint32_t host_crc32c(uint32_t x, unsigned bits)
{
    uint32_t z = 0;
    __asm__("" : "+r"(z));
    return bits == 8 ? _mm_crc32_u8(x, (uint8_t)z)
           : bits == 16 ? _mm_crc32_u16(x, (uint16_t)z)
                        : _mm_crc32_u32(x, z);
}
__attribute__((target("pclmul,sse2"))) static uint64_t host_clmul(uint32_t a, uint32_t b)
{
    __m128i p = _mm_clmulepi64_si128(_mm_cvtsi32_si128((int)a), _mm_cvtsi32_si128((int)b), 0);
    return (uint64_t)_mm_cvtsi128_si64(p);
}

/* One operation against its host counterpart over every pair; names the first mismatch. */
static void compare(const char *name, unsigned op, uint32_t (*host)(uint32_t, uint32_t))
{
    rng = 0x2545f4914f6cdd1dull;
    for (unsigned i = 0; i < PAIRS; i++) {
        uint32_t a, b;
        pair(i, &a, &b);
        uint32_t got = rv_bitmanip(op, a, b, 0), want = host(a, b);
        if (got != want) {
            printf("FAIL bitmanip.%s: a 0x%08x b 0x%08x: 0x%08x, the host's 0x%08x\n", name, a,
                   b, got, want);
            check_failures++;
            return;
        }
    }
    printf("PASS bitmanip.%s\n", name);
}

static uint32_t crc_b(uint32_t a, uint32_t b) { return (void)b, host_crc32c(a, 8); }
static uint32_t crc_h(uint32_t a, uint32_t b) { return (void)b, host_crc32c(a, 16); }
static uint32_t crc_w(uint32_t a, uint32_t b) { return (void)b, host_crc32c(a, 32); }
static uint32_t clmul_lo(uint32_t a, uint32_t b) { return (uint32_t)host_clmul(a, b); }
static uint32_t clmul_hi(uint32_t a, uint32_t b) { return (uint32_t)(host_clmul(a, b) >> 32); }
static uint32_t clmul_r(uint32_t a, uint32_t b) { return (uint32_t)(host_clmul(a, b) >> 31); }

int main(void)
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("bmi2")) {
        compare("bcompress.pext", RV_BCOMPRESS, host_pext);
        compare("bdecompress.pdep", RV_BDECOMPRESS, host_pdep);
    } else {
        printf("SKIP bitmanip.bcompress: the host has no BMI2\n");
    }
    if (__builtin_cpu_supports("sse4.2")) {
        compare("crc32c.b", RV_CRC32C_B, crc_b);
        compare("crc32c.h", RV_CRC32C_H, crc_h);
        compare("crc32c.w", RV_CRC32C_W, crc_w);
    } else {
        printf("SKIP bitmanip.crc32c: the host has no SSE4.2\n");
    }
    if (__builtin_cpu_supports("pclmul")) {
        compare("clmul", RV_CLMUL, clmul_lo);
        compare("clmulh", RV_CLMULH, clmul_hi);
        compare("clmulr", RV_CLMULR, clmul_r);
    } else {
        printf("SKIP bitmanip.clmul: the host has no PCLMULQDQ\n");
    }
    return check_failures != 0;
}
#else
int main(void)
{
    printf("SKIP bitmanip: the host's counterparts are x86-64's\n");
    return 0;
}
#endif
