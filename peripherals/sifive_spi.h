/* The SiFive SPI controller (FE310 QSPI0/SPI1/SPI2) as seen by the flash that sits on it. */
#ifndef PERIPHERALS_SIFIVE_SPI_H
#define PERIPHERALS_SIFIVE_SPI_H

#include <stdint.h>

struct device;

/* A flash at chip select `cs` of the bus `ctrl` created offers its contents (`mem`, `size`
 * bytes) for the controller's memory-mapped (XIP) window.  Returns 1 and the window's base
 * address when mapped, 0 when `ctrl` is not a sifive-spi with an XIP window (nothing to do),
 * -1 with sim_err set when the window cannot be mapped. */
int sifive_spi_map_flash(struct device *ctrl, struct device *flash, unsigned cs, uint8_t *mem,
                         uint64_t size, uint32_t *base);

/* The line as the guest programmed it, for a slave that forwards frames to a real device:
 * SPI mode (bit 0 CPHA, bit 1 CPOL: sckmode, as Linux numbers modes) and the SCK frequency
 * (f_in / (2 * (sckdiv + 1))).  0, or -1 when `ctrl` is not a sifive-spi. */
int sifive_spi_line(struct device *ctrl, unsigned *mode, uint64_t *sck_hz);

#endif
