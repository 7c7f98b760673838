/* waits: one checksum-and-copy routine on data in two memories of different wait states, by
 * turns, as firmware does with a buffer in a slow RAM (or an execute-in-place flash) and one
 * in fast RAM.  Not one of make bench's programs (QEMU's virt machine has no second RAM):
 * it runs on virt32 with a RAM of wait states added at 0x90000000,
 *   socsim -M virt32 -cpu-model e31 -device ram,id=sram,addr=0x90000000,size=16K,\
 *       read-wait=2,write-wait=1 -kernel waits.elf
 * (make bench-profile BENCH_PROFILE=waits BENCH_PROFILE_MODEL=e31 BENCH_PROFILE_ARGS=...).
 * The e31 model's translated blocks are timed from schedules that depend on the wait
 * states (docs/timing-models.md, "e31"): each call meets the other memory's. */
#include "benchlib.h"

#define WAITS_BASE_ITERS 20000
#define BUF_WORDS 64
#define SRAM ((uint32_t *)0x90000000u)

static uint32_t fast[2 * BUF_WORDS];

/* The sum of s[0..n) rotated in, and s copied to d. */
static __attribute__((noinline)) uint32_t sum_copy(uint32_t *d, const uint32_t *s, unsigned n)
{
    uint32_t sum = 0;
    for (; n >= 2; n -= 2, d += 2, s += 2) {
        uint32_t a = s[0], b = s[1];
        sum = ((sum << 5) | (sum >> 27)) ^ a;
        sum += b;
        d[0] = a;
        d[1] = b;
    }
    return sum;
}

int main(void)
{
    const uint32_t iters = BENCH_ITERS(WAITS_BASE_ITERS);
    for (unsigned i = 0; i < BUF_WORDS; i++)
        SRAM[i] = ~(fast[i] = i * 0x9e3779b9u); /* (Fibonacci hashing's constant) */
    uint32_t crc = 0;
    for (uint32_t it = 0; it < iters; it++) {
        crc = bench_crc32_word(crc, sum_copy(fast + BUF_WORDS, fast, BUF_WORDS));
        crc = bench_crc32_word(crc, sum_copy(SRAM + BUF_WORDS, SRAM, BUF_WORDS));
        fast[it % BUF_WORDS] ^= it;
        SRAM[(it * 7) % BUF_WORDS] += it;
    }
    bench_report("waits", iters, crc);
    return 0;
}
