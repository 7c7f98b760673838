/* SiFive FE310 PRCI (power, reset, clock, interrupt): the clock tree that feeds hfclk.
 *
 * Devices clocked from the bus clock (UART baud generators, PWM counters, SPI) subscribe
 * to the PRCI so a PLL reprogramming changes their rate at the instant it happens, like
 * the core clock does.  On the FE310-G002 the TileLink bus clock equals hfclk. */
#ifndef PERIPHERALS_SIFIVE_PRCI_H
#define PERIPHERALS_SIFIVE_PRCI_H

#include <stdint.h>

#include "soc/device.h"

struct sifive_clk_user {
    /* Called after hfclk changed to `hz`, at the simulated time of the change. */
    void (*changed)(struct sifive_clk_user *u, uint64_t hz);
    struct sifive_clk_user *next;
};

/* True when d is a sifive-prci device. */
bool sifive_prci_is(const struct device *d);
/* Current hfclk in Hz. */
uint64_t sifive_prci_hfclk(struct device *prci);
/* Subscribe to hfclk changes; returns the current hfclk. */
uint64_t sifive_prci_subscribe(struct device *prci, struct sifive_clk_user *u);

/* For the devices: resolve their `clock` property (a PRCI device id, or empty) at
 * finalize time.  Returns the PRCI to follow, or NULL to run at the fixed frequency. */
struct device *sifive_clock_lookup(struct device *d, const char *clock_id);

#endif
