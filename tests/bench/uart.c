/* uart: output through the polled ns16550a.  Each iteration formats one 71-character
 * line (a counter and seven hex words from a generator) and sends it byte by byte, each
 * byte a status-register read and a data-register write.  The checksum is an FNV-1a hash
 * of every byte sent (cheap, so the UART dominates); run-bench.sh compares the whole
 * output with QEMU's. */
#include "benchlib.h"

#define UART_BASE_ITERS 100000

static const char hex[16] = "0123456789abcdef";

int main(void)
{
    const uint32_t iters = BENCH_ITERS(UART_BASE_ITERS);
    uint32_t r = 0x0badf00du, hash = 2166136261u;
    char line[80]; /* 71 used */
    for (uint32_t it = 0; it < iters; it++) {
        unsigned n = 0;
        for (int shift = 20; shift >= 0; shift -= 4)
            line[n++] = hex[(it >> shift) & 15];
        line[n++] = ':';
        for (int w = 0; w < 7; w++) {
            r = r * 1664525u + 1013904223u;
            line[n++] = ' ';
            for (int shift = 28; shift >= 0; shift -= 4)
                line[n++] = hex[(r >> shift) & 15];
        }
        line[n++] = '\n';
        for (unsigned i = 0; i < n; i++) {
            hash = (hash ^ (uint8_t)line[i]) * 16777619u;
            bench_putc(line[i]);
        }
    }
    bench_report("uart", iters, hash);
    return 0;
}
