/* A flash on a read-only drive is write-protected: the status register shows BP3..BP0 set,
 * WRITE STATUS cannot clear them, and an erase and a program change nothing.  Expected
 * output: tests/spi/flash.sh. */
#include "fw.h"

#define SPI ((uintptr_t)SPI_BASE)
#define XIP ((volatile uint8_t *)(uintptr_t)XIP_BASE)

static void show(const char *what, uint8_t v)
{
    puts_(what);
    puts_(" ");
    puthex(v, 2);
    puts_("\n");
}

int main(void)
{
    uint8_t buf[8];
    REG(SPI, SPI_FCTRL) = 0;
    REG(SPI, SPI_SCKDIV) = SCKDIV;

    show("status", flash_rdsr(SPI));
    flash_wren(SPI);
    uint8_t wrsr[2] = {0x01, 0x00};
    spi_cmd(SPI, wrsr, 2, 0, 0);
    show("after write status 00", flash_rdsr(SPI));
    flash_wren(SPI);
    uint8_t se[4] = {0x20, 0x00, 0x10, 0x00};
    spi_cmd(SPI, se, 4, 0, 0);
    show("after erase", flash_rdsr(SPI));
    uint8_t pp[5] = {0x02, 0x00, 0x10, 0x00, 0x00};
    spi_cmd(SPI, pp, 5, 0, 0);
    show("after program", flash_rdsr(SPI));
    uint8_t rd[4] = {0x03, 0x00, 0x10, 0x00};
    spi_cmd(SPI, rd, 4, buf, 8);
    puts_("read 0x1000");
    for (int i = 0; i < 8; i++) {
        puts_(" ");
        puthex(buf[i], 2);
    }
    puts_("\n");
    REG(SPI, SPI_FCTRL) = 1;
    puts_("xip 0x1000 ");
    puthex(XIP[0x1000], 2);
    puts_("\n");
    return 0;
}
