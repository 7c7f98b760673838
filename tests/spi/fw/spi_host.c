/* SPI pass-through (tests/backends/passthrough.sh): two commands to a device on a host
 * spidev through spi-host, in SPI mode 3 at f_in / 8, then mode 0 at f_in / 2; the device's
 * answers are printed. */
#include "fw.h"

#define SPI ((uintptr_t)SPI_BASE)

static void cmd(const uint8_t *tx, int n)
{
    uint8_t rx[4];
    spi_cmd(SPI, tx, 1, rx, n - 1);
    puts_("rx");
    for (int i = 0; i < n - 1; i++) {
        puts_(" ");
        puthex(rx[i], 2);
    }
    puts_("\n");
}

int main(void)
{
    REG(SPI, SPI_FCTRL) = 0;
    REG(SPI, 0x04) = 3; /* sckmode: CPOL 1, CPHA 1 */
    REG(SPI, SPI_SCKDIV) = 3;
    const uint8_t a[3] = {0x9f, 0, 0};
    cmd(a, 3);
    REG(SPI, 0x04) = 0;
    REG(SPI, SPI_SCKDIV) = 0;
    const uint8_t b[2] = {0x05, 0};
    cmd(b, 2);
    return 0;
}
