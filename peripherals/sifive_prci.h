/* SiFive FE310 PRCI (power, reset, clock, interrupt): the clock tree that feeds hfclk.
 *
 * hfclk is the PRCI's clock domain (its dev_type clock hook).  The core follows it (the
 * CPU's clock property), and so do the devices clocked from the bus clock (UART baud
 * generators, PWM counters), so a PLL reprogramming changes their rate at the instant it
 * happens.  On the FE310-G002 the TileLink bus clock equals hfclk. */
#ifndef PERIPHERALS_SIFIVE_PRCI_H
#define PERIPHERALS_SIFIVE_PRCI_H

#include <stdint.h>

#include "soc/device.h"

/* For the devices: resolve their `clock` property (the id of a device that generates a
 * clock: the PRCI's hfclk, a CPU's core clock) at finalize time.  Returns the clock domain
 * to follow (sim_clock_domain_listen), or NULL to run at the fixed frequency; a name that
 * is not such a device is warned about. */
struct sim_clock_domain *sifive_clock_lookup(struct device *d, const char *clock_id);

#endif
