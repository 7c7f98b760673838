/* SiFive GPIO controller: the C API for the world outside the chip.
 *
 * Every pad is a signal (soc/signal.h) carrying its level; anyone can watch it with
 * signal_listen(sifive_gpio_pin(gpio, n), ...).  Something outside the chip (a Lua
 * scenario, a stimulus device, a test) drives a pad with sifive_gpio_drive(). */
#ifndef PERIPHERALS_SIFIVE_GPIO_H
#define PERIPHERALS_SIFIVE_GPIO_H

#include <stdbool.h>

#include "soc/device.h"
#include "soc/signal.h"

#define SIFIVE_GPIO_PINS 32

/* Numbered inputs of a sifive-gpio (what "gpio0.N" links name):
 *   0..31   pad N driven from outside (level 0/1; a link holds the pad driven)
 *  32..63   the IOF0 function's output for pad N-32 (a peripheral's output pin)
 *  64..95   the IOF1 function's output for pad N-64
 * An IOF input that something is linked to makes that function an output: with iof_en
 * and the matching iof_sel, the peripheral drives the pad.  Functions nothing is linked
 * to (UART rx, say) leave the pad to the outside world. */
#define SIFIVE_GPIO_IN_PAD 0
#define SIFIVE_GPIO_IN_IOF0 32
#define SIFIVE_GPIO_IN_IOF1 64

bool sifive_gpio_is(const struct device *d);
/* Drive pad `pin` from outside: level 0 or 1, or -1 to release it (high impedance). */
void sifive_gpio_drive(struct device *gpio, unsigned pin, int level);
/* The signal carrying pad `pin`'s level. */
struct signal *sifive_gpio_pin(struct device *gpio, unsigned pin);

#endif
