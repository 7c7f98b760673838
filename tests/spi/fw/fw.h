/* Small library for the SPI/I2C test firmware: MMIO, output, SiFive SPI and I2C drivers.
 * The board layer (plat_*.c) gives plat_putc, plat_exit and CPU_HZ; the device addresses
 * come from the build (SPI_BASE, XIP_BASE, I2C_BASE). */
#ifndef FW_H
#define FW_H

#include <stdint.h>

#define REG(base, off) (*(volatile uint32_t *)((uintptr_t)(base) + (off)))

void plat_putc(char c);
uint32_t plat_cpu_hz(void); /* the CPU clock: mcycle ticks per second */
void plat_exit(int code) __attribute__((noreturn));
void fw_trap(uint32_t mcause) __attribute__((noreturn));

void puts_(const char *s);
void puthex(uint32_t v, int digits);
void putdec(uint32_t v);
static inline uint64_t cycles(void)
{
    uint32_t hi, lo, hi2;
    do {
        __asm__ volatile("csrr %0, mcycleh" : "=r"(hi));
        __asm__ volatile("csrr %0, mcycle" : "=r"(lo));
        __asm__ volatile("csrr %0, mcycleh" : "=r"(hi2));
    } while (hi != hi2);
    return (uint64_t)hi << 32 | lo;
}

/* Microseconds in `dt` CPU cycles, in 32-bit arithmetic (no libgcc). */
static inline uint32_t cycles_to_us(uint32_t dt)
{
    uint32_t khz = plat_cpu_hz() / 1000;
    return dt / khz * 1000 + dt % khz * 1000 / khz;
}

/* SiFive SPI, programmed I/O (FE310-G002 manual, SPI chapter) */
enum {
    SPI_SCKDIV = 0x00, SPI_CSID = 0x10, SPI_CSDEF = 0x14, SPI_CSMODE = 0x18,
    SPI_FMT = 0x40, SPI_TXDATA = 0x48, SPI_RXDATA = 0x4c, SPI_TXMARK = 0x50,
    SPI_RXMARK = 0x54, SPI_FCTRL = 0x60, SPI_FFMT = 0x64, SPI_IE = 0x70, SPI_IP = 0x74,
};
#define CSMODE_AUTO 0
#define CSMODE_HOLD 2
uint8_t spi_xfer(uintptr_t base, uint8_t b);
/* One flash command under chip select: send tx[0..ntx), then receive rx[0..nrx). */
void spi_cmd(uintptr_t base, const uint8_t *tx, int ntx, uint8_t *rx, int nrx);

/* SPI NOR flash: READ STATUS REGISTER (05h), bit 0 = WIP, bit 1 = WEL, BP bits above. */
static inline uint8_t flash_rdsr(uintptr_t spi)
{
    uint8_t c = 0x05, sr;
    spi_cmd(spi, &c, 1, &sr, 1);
    return sr;
}

/* SPI NOR flash: WRITE ENABLE (06h) sets WEL, which every erase, program and status write
 * needs (and clears). */
static inline void flash_wren(uintptr_t spi)
{
    uint8_t c = 0x06;
    spi_cmd(spi, &c, 1, 0, 0);
}

/* OpenCores I2C master (FE310 I2C0) */
#ifndef I2C_HZ
#define I2C_HZ plat_cpu_hz() /* the controller's clock is the core clock (FE310 tlclk) */
#endif
enum { I2C_PRERLO = 0x00, I2C_PRERHI = 0x04, I2C_CTR = 0x08, I2C_TXR = 0x0c, I2C_CR = 0x10 };
#define I2C_STA 0x80
#define I2C_STO 0x40
#define I2C_RD 0x20
#define I2C_WR 0x10
#define I2C_NACK 0x08
#define I2C_IACK 0x01
#define SR_RXACK 0x80
#define SR_BUSY 0x40
#define SR_TIP 0x02
#define SR_IF 0x01
/* Issue one command and wait for TIP to clear; returns SR. */
uint32_t i2c_cmd(uintptr_t base, uint8_t txr, uint32_t cr);

#endif
