/* Helpers for virt32 C firmware; see lib.h. */
#include "lib.h"

void uart_putc(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART0_BASE;
    while (!(uart[5] & 0x20)) /* LSR.THRE: transmit holding register empty */
        ;
    uart[0] = (uint8_t)c;
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

void uart_puthex(uint32_t v)
{
    uart_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        uart_putc("0123456789abcdef"[(v >> shift) & 15]);
}

void uart_putdec(uint32_t v)
{
    char buf[11];
    int i = sizeof(buf);
    buf[--i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    uart_puts(&buf[i]);
}

/* mtime is 64 bits read as two words: re-read until the high half is stable. */
uint64_t clint_mtime(void)
{
    uint32_t hi, lo;
    do {
        hi = mmio_read32(CLINT_MTIME + 4);
        lo = mmio_read32(CLINT_MTIME);
    } while (hi != mmio_read32(CLINT_MTIME + 4));
    return ((uint64_t)hi << 32) | lo;
}

/* Writes mtimecmp without a spurious early match (Priv spec 3.2.1 sequence for RV32). */
void clint_set_mtimecmp(uint64_t t)
{
    mmio_write32(CLINT_MTIMECMP, 0xffffffffu);
    mmio_write32(CLINT_MTIMECMP + 4, (uint32_t)(t >> 32));
    mmio_write32(CLINT_MTIMECMP, (uint32_t)t);
}

/* sifive_test finisher: 0x5555 = pass, (code << 16) | 0x3333 = fail with exit status code. */
void fw_exit(int code)
{
    if (code == 0)
        mmio_write32(FINISHER_BASE, 0x5555);
    else
        mmio_write32(FINISHER_BASE, ((uint32_t)code << 16) | 0x3333);
    for (;;)
        ;
}

void fw_unexpected_trap(void)
{
    uart_puts("unexpected trap: mcause=");
    uart_puthex(csr_read(mcause));
    uart_puts(" mepc=");
    uart_puthex(csr_read(mepc));
    uart_puts(" mtval=");
    uart_puthex(csr_read(mtval));
    uart_putc('\n');
    fw_exit(255);
}
