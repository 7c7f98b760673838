#include "fw.h"

void puts_(const char *s)
{
    while (*s)
        plat_putc(*s++);
}

void puthex(uint32_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--)
        plat_putc("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

void putdec(uint32_t v)
{
    char buf[12];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        plat_putc(buf[--n]);
}

void fw_trap(uint32_t mcause)
{
    puts_("trap mcause=");
    puthex(mcause, 8);
    puts_("\n");
    plat_exit(3);
}

uint8_t spi_xfer(uintptr_t base, uint8_t b)
{
    while (REG(base, SPI_TXDATA) & 0x80000000u)
        ;
    REG(base, SPI_TXDATA) = b;
    uint32_t r;
    while ((r = REG(base, SPI_RXDATA)) & 0x80000000u)
        ;
    return (uint8_t)r;
}

void spi_cmd(uintptr_t base, const uint8_t *tx, int ntx, uint8_t *rx, int nrx)
{
    REG(base, SPI_CSMODE) = CSMODE_HOLD;
    for (int i = 0; i < ntx; i++)
        spi_xfer(base, tx[i]);
    for (int i = 0; i < nrx; i++)
        rx[i] = spi_xfer(base, 0);
    REG(base, SPI_CSMODE) = CSMODE_AUTO; /* leaving HOLD deasserts CS */
}

uint32_t i2c_cmd(uintptr_t base, uint8_t txr, uint32_t cr)
{
    uint32_t sr;
    if (cr & I2C_WR)
        REG(base, I2C_TXR) = txr;
    REG(base, I2C_CR) = cr | I2C_IACK;
    /* TIP covers a byte; a STOP on its own is done when Busy clears. */
    uint32_t wait = (cr & (I2C_RD | I2C_WR)) ? SR_TIP : (cr & I2C_STO) ? SR_BUSY : 0;
    while ((sr = REG(base, I2C_CR)) & wait)
        ;
    return sr;
}
