/* The benchmark firmware's runtime (see benchlib.h). */
#include "benchlib.h"

void bench_puts(const char *s)
{
    while (*s)
        bench_putc(*s++);
}

void bench_put_hex(uint32_t v)
{
    bench_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        bench_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

void bench_put_dec(uint32_t v)
{
    char buf[11];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        bench_putc(buf[--n]);
}

void bench_report(const char *name, uint32_t iterations, uint32_t checksum)
{
    bench_puts(name);
    bench_puts(": iterations ");
    bench_put_dec(iterations);
    bench_puts(" checksum ");
    bench_put_hex(checksum);
#ifdef BENCH_SHOW_INSTRET
    /* For sizing runs only (QEMU -icount shift=0 counts instructions in minstret). */
    bench_puts(" instret ");
    bench_put_dec(csr_read(minstret));
#endif
    bench_putc('\n');
}

void bench_exit(int code)
{
    mmio_write32(FINISHER_BASE, code ? ((uint32_t)code << 16) | 0x3333u : 0x5555u);
    for (;;)
        __asm__ volatile("wfi");
}

uint32_t bench_crc32_word(uint32_t crc, uint32_t w)
{
    crc ^= w;
    for (int i = 0; i < 32; i++)
        crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    return crc;
}

uint32_t bench_crc32(uint32_t crc, const void *p, size_t n)
{
    const uint8_t *b = p;
    crc = ~crc;
    while (n--) {
        crc ^= *b++;
        for (int i = 0; i < 8; i++)
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}

/* mtime is 64 bits read as two words: re-read the high word to catch a carry between. */
uint64_t bench_mtime(void)
{
    uint32_t hi, lo;
    do {
        hi = mmio_read32(CLINT_MTIME + 4);
        lo = mmio_read32(CLINT_MTIME);
    } while (hi != mmio_read32(CLINT_MTIME + 4));
    return ((uint64_t)hi << 32) | lo;
}

/* Writing the high word to all ones first keeps the compare from firing on a half-written
 * value (Privileged spec 3.2.1, the RV32 mtimecmp update sequence). */
void bench_set_mtimecmp(uint64_t t)
{
    mmio_write32(CLINT_MTIMECMP + 4, 0xffffffffu);
    mmio_write32(CLINT_MTIMECMP, (uint32_t)t);
    mmio_write32(CLINT_MTIMECMP + 4, (uint32_t)(t >> 32));
}

__attribute__((weak)) void bench_trap(uint32_t mcause, uint32_t mepc)
{
    bench_puts("bench: unexpected trap mcause ");
    bench_put_hex(mcause);
    bench_puts(" mepc ");
    bench_put_hex(mepc);
    bench_putc('\n');
    bench_exit(3);
}
