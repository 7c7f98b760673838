/* The controllers' interrupt outputs through the PLIC: SPI rxwm when a received frame
 * lands (ie.rxwm, rxmark 0), I2C IF when a byte completes (CTR.IEN).  The hart sleeps in
 * wfi with mstatus.MIE clear (it wakes on mip & mie, Priv spec 3.3.3), then claims the
 * source and reports it and the time asleep.  Expected output: tests/spi/irq.sh. */
#include "fw.h"

#define SPI ((uintptr_t)SPI_BASE)
#define I2C ((uintptr_t)I2C_BASE)
#define PLIC 0x0c000000u
#define PLIC_PRIO(n) REG(PLIC, 4 * (n))
#define PLIC_ENABLE(n) REG(PLIC, 0x2000 + 4 * ((n) / 32))
#define PLIC_THRESHOLD REG(PLIC, 0x200000)
#define PLIC_CLAIM REG(PLIC, 0x200004)

static void enable_src(unsigned n)
{
    PLIC_PRIO(n) = 1;
    PLIC_ENABLE(n) |= 1u << (n % 32);
}

/* mip.MEIP: the PLIC asserts the hart's external interrupt. */
static int meip_pending(void)
{
    uint32_t mip;
    __asm__ volatile("csrr %0, mip" : "=r"(mip));
    return (mip >> 11) & 1;
}

/* Sleep until the external interrupt is pending; returns the claimed source. */
static uint32_t sleep_claim(uint32_t *us)
{
    uint64_t t0 = cycles();
    while (!(meip_pending()))
        __asm__ volatile("wfi");
    *us = cycles_to_us((uint32_t)(cycles() - t0));
    return PLIC_CLAIM;
}

static void report(const char *what, uint32_t src, uint32_t us)
{
    puts_(what);
    puts_(" source ");
    putdec(src);
    puts_(" after ");
    putdec(us);
    puts_(" us\n");
}

int main(void)
{
    uint32_t us, src;
    PLIC_THRESHOLD = 0;
    enable_src(SPI_IRQ);
    enable_src(I2C_IRQ);
    __asm__ volatile("csrs mie, %0" : : "r"(1u << 11)); /* MEIE; mstatus.MIE stays clear */

    /* SPI: sckdiv 15 is an SCK of 32 input clocks (2 us at 16 MHz); one AUTO frame is
     * cssck 1 + 8 bits + sckcs 1 = 10 SCK. */
    REG(SPI, SPI_FCTRL) = 0;
    REG(SPI, SPI_SCKDIV) = 15;
    REG(SPI, SPI_RXMARK) = 0;
    REG(SPI, SPI_IE) = 2; /* rxwm */
    REG(SPI, SPI_TXDATA) = 0x9f;
    src = sleep_claim(&us);
    report("spi rxwm", src, us);
    puts_(REG(SPI, SPI_IP) & 2 ? "spi ip rxwm set\n" : "spi ip rxwm clear\n");
    (void)REG(SPI, SPI_RXDATA);
    puts_(REG(SPI, SPI_IP) & 2 ? "after read: rxwm set\n" : "after read: rxwm clear\n");
    PLIC_CLAIM = src;

    /* I2C: 100 kHz, START + address = 10 SCL periods = 100 us. */
    uint32_t prer = I2C_HZ / (5 * 100000) - 1;
    REG(I2C, I2C_PRERLO) = prer & 0xff;
    REG(I2C, I2C_PRERHI) = prer >> 8;
    REG(I2C, I2C_CTR) = 0xc0; /* EN, IEN */
    REG(I2C, I2C_TXR) = 0x50 << 1;
    REG(I2C, I2C_CR) = I2C_STA | I2C_WR;
    src = sleep_claim(&us);
    report("i2c if", src, us);
    puts_("i2c sr ");
    puthex(REG(I2C, I2C_CR), 2);
    puts_("\n");
    REG(I2C, I2C_CR) = I2C_STO | I2C_IACK;
    PLIC_CLAIM = src;
    puts_((meip_pending()) ? "still pending\n" : "quiet\n");
    return 0;
}
