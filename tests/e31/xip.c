/* E31 instruction-cache fills from the HiFive1's QSPI flash through execute in place, with
 * the sifive-spi's xip-timing on (the hifive1 board's setting): a fill is one flash read
 * frame of a 32-byte
 * line, timed from the SPI controller's live registers (peripherals/sifive_xip.h):
 * (cssck + command + address + pad + data + sckcs) SCK periods of 2 * (sckdiv + 1) core
 * clocks (QSPI0's clock is the core clock).
 *
 * k_nops64 (64 nops on a 32-byte boundary; its first line is filled before the measurement
 * starts) misses on 8 lines cold; warm it takes 1 + 64 = 65 cycles.  Each configuration is
 * measured after fence.i (the whole I-cache invalidated):
 *   reset: sckdiv 3, delay0 cssck 1 / sckcs 1, ffmt READ (0x03) on one lane:
 *          (1 + 8 + 24 + 256 + 1) x 8 = 2320 per line: cold 65 + 8 x 2320 = 18625
 *   sckdiv 0: 290 x 2 = 580 per line: cold 65 + 8 x 580 = 4705
 *   Quad I/O (0xEB: address and data on 4 lanes, 6 dummy cycles), sckdiv 1:
 *          (1 + 8 + 6 + 6 + 64 + 1) x 4 = 344 per line: cold 65 + 8 x 344 = 2817
 * Printed: "<config> <cold> <warm>".  Variant off (xip@off: -global sifive-spi.xip-timing=off,
 * the device's default): fills take 8 words of 1 + xip-wait (0) cycles: 65 + 64 = 129 cold
 * in every configuration. */
#include "lib.h"

#define QSPI0 0x10014000u
#define SPI_SCKDIV 0x00
#define SPI_FFMT 0x64

__asm__(".text\n"
        ".option push\n"
        ".option norvc\n"
        ".balign 32\n"
        ".globl k_nops64\n"
        "k_nops64:\n"
        "  csrr a4, minstret\n"
        "  csrr a5, mcycle\n"
        "  .rept 64\n"
        "  nop\n"
        "  .endr\n"
        "  csrr a6, mcycle\n"
        "  csrr a7, minstret\n"
        "  sub a7, a7, a4\n"
        "  sub a6, a6, a5\n"
        "  sw a7, 0(a0)\n"
        "  sw a6, 4(a0)\n"
        "  ret\n"
        ".option pop\n");

void k_nops64(uint32_t *res);

static void measure(const char *name)
{
    uint32_t cold[2], warm[2];
    __asm__ volatile("fence.i" ::: "memory");
    k_nops64(cold);
    k_nops64(warm);
    printf_("%s %u %u\n", name, (unsigned)cold[1], (unsigned)warm[1]);
}

static void spi_write(uint32_t off, uint32_t v) { *(volatile uint32_t *)(QSPI0 + off) = v; }

int main(void)
{
    uart_init(115200);
    measure("reset");
    spi_write(SPI_SCKDIV, 0);
    measure("sckdiv0");
    spi_write(SPI_FFMT, 1u | 3u << 1 | 6u << 4 | 2u << 10 | 2u << 12 | 0xebu << 16);
    spi_write(SPI_SCKDIV, 1);
    measure("quadio-sckdiv1");
    uart_drain();
    return 0;
}
