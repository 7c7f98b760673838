/* RAM and ROM: host memory mapped on the system bus, reached by the CPU through host
 * pointers.  Memory is allocated zeroed and lazily by the host, so a large RAM costs
 * only the pages the guest touches. */
#include <stdlib.h>

#include "sim/error.h"
#include "soc/device.h"
#include "soc/machine.h"

struct memory {
    struct device dev;
    uint64_t size;
    uint64_t read_wait, write_wait;
    uint8_t *host;
};

static int memory_realize(struct device *d, bool rom)
{
    struct memory *s = (struct memory *)d;
    if (!d->addr_set)
        return sim_err("'%s' needs addr=", d->type->name);
    if (bus_region_check(d->addr, s->size) < 0)
        return -1;
    s->host = calloc(1, s->size);
    if (!s->host)
        return sim_err("cannot allocate %llu bytes", (unsigned long long)s->size);
    struct bus_region r = {
        .base = (uint32_t)d->addr, .size = (uint32_t)s->size, .host = s->host, .readonly = rom,
        .executable = true, .read_wait = (uint8_t)s->read_wait, .write_wait = (uint8_t)s->write_wait,
        .dev = d, .name = d->type->name,
    };
    return bus_map(d->bus, &r);
}

static int ram_realize(struct device *d) { return memory_realize(d, false); }
static int rom_realize(struct device *d) { return memory_realize(d, true); }
static void memory_free(struct device *d) { free(((struct memory *)d)->host); }

static const struct dev_prop memory_props[] = {
    {.name = "size", .type = PROP_SIZE, .offset = offsetof(struct memory, size),
     .help = "size in bytes (16K, 1M)", .flags = PROP_REQUIRED},
    {.name = "read-wait", .type = PROP_INT, .offset = offsetof(struct memory, read_wait),
     .def = "0", .help = "wait states added to each read", .max = 255},
    {.name = "write-wait", .type = PROP_INT, .offset = offsetof(struct memory, write_wait),
     .def = "0", .help = "wait states added to each write", .max = 255},
    {0},
};

static const struct dev_type ram_type = {
    .name = "ram", .desc = "random-access memory", .bus = BUS_SYSTEM,
    .size = sizeof(struct memory), .props = memory_props, .realize = ram_realize,
    .free = memory_free,
};
DEV_TYPE(ram_type)

static const struct dev_type rom_type = {
    .name = "rom", .desc = "read-only memory (loaded from the ELF; guest stores fault)",
    .bus = BUS_SYSTEM, .size = sizeof(struct memory), .props = memory_props,
    .realize = rom_realize, .free = memory_free,
};
DEV_TYPE(rom_type)
