/* memcpy: memory-copy loops.  Each iteration copies an 8 KiB buffer word by word
 * (unrolled by four), 2 KiB byte by byte between misaligned addresses, and 2 KiB halfword
 * by halfword, then changes one source word so no copy is redundant.  The checksum is a
 * CRC over one sampled word per iteration and, at the end, over the whole destination. */
#include "benchlib.h"

#define MEMCPY_BASE_ITERS 26000
#define BUF_WORDS 2048

static uint32_t src[BUF_WORDS], dst[BUF_WORDS + 1];

static void copy_words(uint32_t *d, const uint32_t *s, unsigned n)
{
    for (; n >= 4; n -= 4, d += 4, s += 4) {
        uint32_t a = s[0], b = s[1], c = s[2], e = s[3];
        d[0] = a;
        d[1] = b;
        d[2] = c;
        d[3] = e;
    }
    while (n--)
        *d++ = *s++;
}

static void copy_bytes(uint8_t *d, const uint8_t *s, unsigned n)
{
    while (n--)
        *d++ = *s++;
}

static void copy_halves(uint16_t *d, const uint16_t *s, unsigned n)
{
    while (n--)
        *d++ = *s++;
}

int main(void)
{
    const uint32_t iters = BENCH_ITERS(MEMCPY_BASE_ITERS);
    uint32_t r = 0x2468ace1u;
    for (unsigned i = 0; i < BUF_WORDS; i++) {
        r = r * 1664525u + 1013904223u;
        src[i] = r;
    }
    uint32_t crc = 0;
    for (uint32_t it = 0; it < iters; it++) {
        r = r * 1664525u + 1013904223u;
        copy_words(dst, src, BUF_WORDS);
        copy_bytes((uint8_t *)dst + 3 + (r & 3), (const uint8_t *)src + 1 + ((r >> 2) & 7), 2048);
        copy_halves((uint16_t *)dst + 1 + ((r >> 5) & 255),
                    (const uint16_t *)src + ((r >> 13) & 511), 1024);
        src[(r >> 16) % BUF_WORDS] ^= r;
        crc = bench_crc32_word(crc, dst[(r >> 8) % BUF_WORDS]);
    }
    crc = bench_crc32(crc, dst, sizeof(dst));
    bench_report("memcpy", iters, crc);
    return 0;
}
