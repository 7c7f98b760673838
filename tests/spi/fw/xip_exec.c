/* Code in the flash: program a function into the flash over SPI, call it through the XIP
 * window, erase and reprogram it with other code (fence.i, as the I-cache needs), call it
 * again.  Expected output: tests/spi/flash.sh. */
#include "fw.h"

#define SPI ((uintptr_t)SPI_BASE)
#define FN_OFF 0x2000u

static void wait_ready(void)
{
    uint8_t c = 0x05, sr;
    do
        spi_cmd(SPI, &c, 1, &sr, 1);
    while (sr & 1);
}

/* Erase the sector and program two instructions: addi a0, x0, imm; jalr x0, 0(ra). */
static void put_function(int32_t imm)
{
    uint32_t insn[2] = {((uint32_t)imm << 20) | 0x00000513u, 0x00008067u};
    uint8_t se[4] = {0x20, 0x00, FN_OFF >> 8, 0x00};
    uint8_t pp[4 + 8] = {0x02, 0x00, FN_OFF >> 8, 0x00};
    for (int i = 0; i < 8; i++)
        pp[4 + i] = (uint8_t)(insn[i / 4] >> (8 * (i % 4)));
    REG(SPI, SPI_FCTRL) = 0;
    flash_wren(SPI);
    spi_cmd(SPI, se, 4, 0, 0);
    wait_ready();
    flash_wren(SPI);
    spi_cmd(SPI, pp, sizeof pp, 0, 0);
    wait_ready();
    REG(SPI, SPI_FCTRL) = 1;
    __asm__ volatile("fence.i" ::: "memory");
}

int main(void)
{
    int (*fn)(void) = (int (*)(void))(uintptr_t)(XIP_BASE + FN_OFF);
    REG(SPI, SPI_SCKDIV) = SCKDIV;
    put_function(42);
    puts_("first ");
    putdec((uint32_t)fn());
    put_function(7);
    puts_(", reprogrammed ");
    putdec((uint32_t)fn());
    puts_("\n");
    return 0;
}
