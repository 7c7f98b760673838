/* The Ibex simple system's simulator control block (1 KiB window, 0x20000 on ibex-simple).
 *
 * +0x0  write: the low byte goes to the character output (a chardev, stdio by default)
 * +0x8  write: halt the simulation; the run ends with exit status 0
 * Reads return 0 (the firmware never needs anything back).  Like the RTL block this is
 * modelled on, it answers every access in the window, so nothing here faults. */
#include <stdint.h>

#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/device.h"
#include "soc/machine.h"

#define SIMCTRL_OUT 0x0
#define SIMCTRL_HALT 0x8

struct simctrl {
    struct device dev;
    struct chardev *out;
};

static int simctrl_realize(struct device *d)
{
    struct simctrl *s = (struct simctrl *)d;
    if (!s->out) {
        s->out = chardev_stdio(d->m, "serial0");
        if (!s->out)
            return sim_err_prefix("%s: no character output", d->id);
    }
    return 0;
}

static int simctrl_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    (void)d, (void)off, (void)size;
    *val = 0;
    return BUS_OK;
}

static int simctrl_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct simctrl *s = (struct simctrl *)d;
    (void)size;
    switch (off & ~3u) {
    case SIMCTRL_OUT: {
        uint8_t ch = (uint8_t)val;
        chardev_write(s->out, &ch, 1);
        break;
    }
    case SIMCTRL_HALT:
        sim_stop(&d->m->sim, SIM_STOP_EXIT, 0);
        break;
    default:
        break;
    }
    return BUS_OK;
}

static const struct dev_prop simctrl_props[] = {
    DEV_PROP(struct simctrl, out, PROP_CHARDEV, "chardev", NULL,
             "character output back end (default: stdio)"),
    { .name = NULL },
};

static const struct dev_type ibex_simctrl_type = {
    .name = "ibex-simctrl",
    .desc = "Ibex simple-system simulator control: character output (+0) and halt (+8)",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct simctrl),
    .props = simctrl_props,
    .mmio_size = 0x400,
    .realize = simctrl_realize,
    .read = simctrl_read,
    .write = simctrl_write,
    .peek = simctrl_read, /* reads 0 */
};
DEV_TYPE(ibex_simctrl_type)
