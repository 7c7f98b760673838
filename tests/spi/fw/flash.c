/* SPI flash through the SiFive SPI controller: JEDEC ID, status, sector erase and page
 * program with WIP polling timed in CPU cycles, read back by READ, FAST READ and through the
 * memory-mapped (XIP) window.  Expected output: tests/spi/flash.sh. */
#include "fw.h"

#define SPI ((uintptr_t)SPI_BASE)
#define XIP ((volatile uint8_t *)(uintptr_t)XIP_BASE)

/* Poll READ STATUS until WIP clears; returns the elapsed time in microseconds measured from
 * the end of the command (the caller passes the cycle count taken after it). */
static uint32_t wait_wip(uint64_t t0, uint32_t *polls)
{
    uint32_t n = 0;
    while (flash_rdsr(SPI) & 1)
        n++;
    uint32_t dt = (uint32_t)(cycles() - t0);
    *polls = n;
    return cycles_to_us(dt);
}

static void dump(const char *what, const uint8_t *b, int n)
{
    puts_(what);
    for (int i = 0; i < n; i++) {
        puts_(" ");
        puthex(b[i], 2);
    }
    puts_("\n");
}

static void check_time(const char *what, uint32_t us, uint32_t lo, uint32_t hi, uint32_t polls)
{
    puts_(what);
    puts_(us >= lo && us < hi && polls > 0 ? " ok\n" : " BAD ");
    if (!(us >= lo && us < hi && polls > 0)) {
        putdec(us);
        puts_("us ");
        putdec(polls);
        puts_(" polls\n");
    }
}

int main(void)
{
    uint8_t id[3], buf[16], sr, c;
    uint32_t us, polls;

    REG(SPI, SPI_FCTRL) = 0; /* programmed I/O */
    REG(SPI, SPI_SCKDIV) = SCKDIV;

    c = 0x9f;
    spi_cmd(SPI, &c, 1, id, 3);
    dump("jedec", id, 3);
    sr = flash_rdsr(SPI);
    dump("status", &sr, 1);

    /* Without WREN an erase is ignored. */
    uint8_t se[4] = {0x20, 0x00, 0x00, 0x00};
    spi_cmd(SPI, se, 4, 0, 0);
    sr = flash_rdsr(SPI);
    dump("erase without wren: status", &sr, 1);

    flash_wren(SPI);
    sr = flash_rdsr(SPI);
    dump("wren: status", &sr, 1);
    spi_cmd(SPI, se, 4, 0, 0);
    uint64_t t0 = cycles();
    sr = flash_rdsr(SPI);
    dump("erase: status", &sr, 1);
    us = wait_wip(t0, &polls);
    check_time("erase 4K takes 70ms:", us, 70000, 70100, polls);
    sr = flash_rdsr(SPI);
    dump("erase done: status", &sr, 1);

    uint8_t rd[4] = {0x03, 0x00, 0x00, 0x00};
    spi_cmd(SPI, rd, 4, buf, 8);
    dump("read 0x0000", buf, 8);

    /* 16 bytes from 0x00f8: the last 8 wrap to the start of the page. */
    uint8_t pp[4 + 16] = {0x02, 0x00, 0x00, 0xf8};
    for (int i = 0; i < 16; i++)
        pp[4 + i] = (uint8_t)(0xa0 + i);
    flash_wren(SPI);
    spi_cmd(SPI, pp, sizeof pp, 0, 0);
    t0 = cycles();
    us = wait_wip(t0, &polls);
    check_time("program takes 0.2ms:", us, 200, 300, polls);

    spi_cmd(SPI, rd, 4, buf, 16);
    dump("read 0x0000", buf, 16);
    uint8_t fr[5] = {0x0b, 0x00, 0x00, 0xf6, 0x00};
    spi_cmd(SPI, fr, 5, buf, 12);
    dump("fast read 0x00f6", buf, 12);
    uint8_t rd2[4] = {0x03, 0x00, 0x10, 0x00};
    spi_cmd(SPI, rd2, 4, buf, 8);
    dump("read 0x1000", buf, 8);

    /* Programming only clears bits: 0xa0 & 0x0f = 0x00. */
    uint8_t pp2[5] = {0x02, 0x00, 0x00, 0x00, 0x0f};
    flash_wren(SPI);
    spi_cmd(SPI, pp2, 5, 0, 0);
    us = wait_wip(cycles(), &polls);
    spi_cmd(SPI, rd, 4, buf, 2);
    dump("reprogram 0x0000", buf, 2);

    /* Memory-mapped reads with the flash interface back on. */
    REG(SPI, SPI_FCTRL) = 1;
    for (int i = 0; i < 8; i++)
        buf[i] = XIP[i];
    dump("xip 0x0000", buf, 8);
    for (int i = 0; i < 8; i++)
        buf[i] = XIP[0x1000 + i];
    dump("xip 0x1000", buf, 8);
    puts_("xip word ");
    puthex(*(volatile uint32_t *)(XIP_BASE + 0xf8), 8);
    puts_("\n");
    return 0;
}
