/* The SiFive test finisher (QEMU virt's "sifive_test"): a 32-bit write of 0x5555 ends the
 * run with status 0, (code << 16) | 0x3333 with status `code`, 0x7777 resets the machine. */
#include "soc/device.h"
#include "soc/machine.h"

#define FINISHER_FAIL 0x3333
#define FINISHER_PASS 0x5555
#define FINISHER_RESET 0x7777

static int test_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    (void)d, (void)off, (void)size;
    *val = 0;
    return 0;
}

static int test_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct sim *s = &d->m->sim;
    if (off != 0 || size != 4)
        return 0;
    switch (val & 0xffff) {
    case FINISHER_PASS: sim_stop(s, SIM_STOP_EXIT, 0); break;
    case FINISHER_FAIL: sim_stop(s, SIM_STOP_EXIT, (int)(val >> 16)); break;
    case FINISHER_RESET: sim_stop(s, SIM_STOP_RESET, 0); break;
    }
    return 0;
}

static const struct dev_type sifive_test_type = {
    .name = "sifive-test", .desc = "test finisher: 0x5555 pass, (code<<16)|0x3333 fail, 0x7777 reset",
    .bus = BUS_SYSTEM, .size = sizeof(struct device), .mmio_size = 0x1000,
    .read = test_read, .write = test_write,
    .peek = test_read, /* reads 0 */
};
DEV_TYPE(sifive_test_type)
