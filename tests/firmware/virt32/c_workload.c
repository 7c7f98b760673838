/* c-workload: compiled C (RV32IMAC, -O2, compressed): CRC-32, an insertion sort, 64-bit
 * arithmetic, division and a small string formatter; prints results that QEMU confirmed. */
#include "lib.h"

static uint32_t crc32(const uint8_t *p, uint32_t n)
{
    uint32_t crc = 0xffffffffu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

static void sort(int32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static uint32_t lcg_state = 12345;

static int32_t lcg(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return (int32_t)lcg_state >> 8;
}

static void puthex64(uint64_t v)
{
    uart_puthex((uint32_t)(v >> 32));
    uart_puts("_");
    for (int shift = 28; shift >= 0; shift -= 4)
        uart_putc("0123456789abcdef"[((uint32_t)v >> shift) & 15]);
}

static void putsdec(int32_t v)
{
    if (v < 0) {
        uart_putc('-');
        uart_putdec((uint32_t)-v);
    } else {
        uart_putdec((uint32_t)v);
    }
}

int main(void)
{
    static const char text[] = "The quick brown fox jumps over the lazy dog";
    uart_puts("crc32: ");
    uart_puthex(crc32((const uint8_t *)text, sizeof(text) - 1));
    uart_putc('\n');

    int32_t a[16];
    for (int i = 0; i < 16; i++)
        a[i] = lcg() % 1000;
    sort(a, 16);
    uart_puts("sorted:");
    for (int i = 0; i < 16; i++) {
        uart_putc(' ');
        putsdec(a[i]);
    }
    uart_putc('\n');

    volatile uint64_t x = 0x123456789abcdefull, y = 0xfedcba987ull;
    uint64_t p = x * y, q = x / 1000003u, r = x % 1000003u;
    uart_puts("u64: ");
    puthex64(p);
    uart_putc(' ');
    puthex64(q);
    uart_putc(' ');
    uart_putdec((uint32_t)r);
    uart_putc('\n');

    volatile int32_t s = -123456789, d = 1000;
    uart_puts("div: ");
    putsdec(s / d);
    uart_putc(' ');
    putsdec(s % d);
    uart_putc('\n');

    uint32_t fib[2] = {0, 1};
    for (int i = 0; i < 45; i++) {
        uint32_t t = fib[0] + fib[1];
        fib[0] = fib[1];
        fib[1] = t;
    }
    uart_puts("fib(46): ");
    uart_putdec(fib[1]);
    uart_putc('\n');
    return 0;
}
