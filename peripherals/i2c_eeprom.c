/* i2c-eeprom: a 24C-family serial EEPROM on an I2C bus (24C01/02 with one address byte,
 * 24C32 .. 24C512 with two).
 *
 * Reference: Microchip 24AA02/24LC02B and 24AA32A/24LC32A data sheets: byte and page write
 * (the address counter rolls over within the page; bytes past a page replace the earliest),
 * the self-timed write cycle started by STOP (tWR 5 ms max) during which the device does not
 * acknowledge its address (acknowledge polling), random, current-address and sequential read
 * (the address counter rolls over from the last byte to the first).
 *
 * Sizes from 512 bytes to 2 KiB (24C04..24C16) take address bits from the device address and
 * so occupy several bus addresses: they are not modelled.  A read-only drive is a part with WP
 * tied high: it acknowledges data bytes and writes nothing (no write cycle). */
#include <stdlib.h>
#include <string.h>

#include "sim/backends/blockdev.h"
#include "sim/error.h"
#include "sim/sim.h"
#include "soc/device.h"
#include "soc/machine.h"

#define EE_MAX_PAGE 256

struct i2c_eeprom {
    struct device dev;

    uint64_t size, page_size;
    struct blockdev *drive;
    sim_time_t t_wr;

    unsigned addr_bytes;
    uint8_t *mem;
    bool ro, warned;
    sim_time_t busy_until;

    /* The transaction in progress */
    bool reading;
    unsigned naddr;          /* address bytes received */
    uint32_t addr;           /* the address counter */
    uint32_t naddr_acc;
    uint8_t page[EE_MAX_PAGE];
    bool mark[EE_MAX_PAGE];
    uint32_t ndata;
};

static sim_time_t ee_now(struct i2c_eeprom *e) { return sim_now(&e->dev.m->sim); }

static void ee_discard(struct i2c_eeprom *e)
{
    e->naddr = 0;
    e->ndata = 0;
    memset(e->mark, 0, sizeof e->mark);
}

static bool ee_start(struct device *d, bool read)
{
    struct i2c_eeprom *e = (struct i2c_eeprom *)d;
    /* Busy with a write cycle: the address is not acknowledged. */
    if (ee_now(e) < e->busy_until)
        return false;
    ee_discard(e); /* a repeated START abandons a write that has not seen STOP */
    e->reading = read;
    return true;
}

static bool ee_write(struct device *d, uint8_t byte)
{
    struct i2c_eeprom *e = (struct i2c_eeprom *)d;
    if (e->reading)
        return false;
    if (e->naddr < e->addr_bytes) {
        e->naddr_acc = (e->naddr ? e->naddr_acc << 8 : 0) | byte;
        if (++e->naddr == e->addr_bytes)
            e->addr = e->naddr_acc % (uint32_t)e->size;
        return true;
    }
    uint32_t ps = (uint32_t)e->page_size;
    uint32_t i = (e->addr % ps + e->ndata) % ps;
    e->page[i] = byte;
    e->mark[i] = true;
    e->ndata++;
    return true;
}

static uint8_t ee_read(struct device *d, bool ack)
{
    struct i2c_eeprom *e = (struct i2c_eeprom *)d;
    (void)ack;
    uint8_t v = e->mem[e->addr];
    e->addr = (e->addr + 1) % (uint32_t)e->size;
    return v;
}

static void ee_stop(struct device *d)
{
    struct i2c_eeprom *e = (struct i2c_eeprom *)d;
    if (e->reading || e->naddr < e->addr_bytes || !e->ndata) {
        ee_discard(e);
        return;
    }
    uint32_t ps = (uint32_t)e->page_size;
    uint32_t base = e->addr - e->addr % ps;
    if (!e->ro) {
        for (uint32_t i = 0; i < ps; i++)
            if (e->mark[i])
                e->mem[base + i] = e->page[i];
        if (e->drive && blockdev_write(e->drive, base, e->mem + base, ps) < 0 && !e->warned) {
            sim_warn("%s: writing drive '%s' failed: %s", dev_label(d),
                     e->drive->node_name, sim_err_msg());
            e->warned = true;
        }
        e->busy_until = ee_now(e) + e->t_wr;
    }
    e->addr = base + (e->addr % ps + e->ndata) % ps;
    ee_discard(e);
}

static void ee_reset(struct device *d)
{
    struct i2c_eeprom *e = (struct i2c_eeprom *)d;
    ee_discard(e);
    e->reading = false;
    e->addr = 0;
}

static int ee_realize(struct device *d)
{
    struct i2c_eeprom *e = (struct i2c_eeprom *)d;
    uint64_t n = e->size;

    if (n < 128 || n > 65536 || (n & (n - 1)) || (n > 256 && n < 4096))
        return sim_err("%s: size %llu must be 128 or 256 (one address byte) or a "
                       "power of two from 4K to 64K (two)", dev_label(d), (unsigned long long)n);
    e->addr_bytes = n <= 256 ? 1 : 2;
    if (!e->page_size) /* 24C01/02: 8, 24C32/64: 32, 24C128/256: 64, 24C512: 128 */
        e->page_size = n <= 256 ? 8 : n <= 8192 ? 32 : n <= 32768 ? 64 : 128;
    if (e->page_size > EE_MAX_PAGE || e->page_size > n || (e->page_size & (e->page_size - 1)))
        return sim_err("%s: page-size %llu must be a power of two up to %u and the "
                       "size", dev_label(d), (unsigned long long)e->page_size, EE_MAX_PAGE);
    if (d->addr > 0x7f)
        return sim_err("%s: address 0x%llx is not a 7-bit address", dev_label(d),
                       (unsigned long long)d->addr);
    e->mem = malloc(n);
    if (!e->mem)
        return sim_err("%s: out of memory", dev_label(d));
    memset(e->mem, 0xff, n); /* as shipped: erased */
    if (e->drive) {
        if (dev_drive_load(d, e->drive, e->mem, n, "EEPROM") < 0)
            return -1;
        e->ro = e->drive->read_only;
    }
    ee_reset(d);
    return 0;
}

static void ee_free(struct device *d)
{
    struct i2c_eeprom *e = (struct i2c_eeprom *)d;
    free(e->mem);
    e->mem = NULL;
}

static void ee_info(struct device *d, FILE *f, int indent)
{
    struct i2c_eeprom *e = (struct i2c_eeprom *)d;
    fprintf(f, "%*s%llu bytes, %llu-byte pages, %u address byte%s", indent, "",
            (unsigned long long)e->size, (unsigned long long)e->page_size, e->addr_bytes,
            e->addr_bytes > 1 ? "s" : "");
    dev_print_drive(f, e->drive, e->ro);
}

#define P(field, type, name, def, help) DEV_PROP(struct i2c_eeprom, field, type, name, def, help)
static const struct dev_prop i2c_eeprom_props[] = {
    P(size, PROP_SIZE, "size", "256", "capacity: 128, 256 (24C01/02) or 4K..64K (24C32..512)"),
    P(page_size, PROP_SIZE, "page-size", "0", "write page; 0 = the family's (8/32/64/128)"),
    P(drive, PROP_BLOCKDEV, "drive", NULL,
      "block device holding the contents (none: erased, in memory only)"),
    P(t_wr, PROP_TIME, "write-time", "5ms", "self-timed write cycle (tWR)"),
    {0},
};
#undef P

static const struct dev_state ee_state[] = {
    DEV_STATE_BUFFER(struct i2c_eeprom, mem, size),
    DEV_STATE_RANGE(struct i2c_eeprom, busy_until, ndata),
    {0},
};

static const struct dev_type i2c_eeprom_type = {
    .name = "i2c-eeprom",
    .desc = "24C-family I2C serial EEPROM, blockdev-backed",
    .bus = BUS_I2C,
    .size = sizeof(struct i2c_eeprom),
    .props = i2c_eeprom_props,
    .realize = ee_realize,
    .reset = ee_reset,
    .free = ee_free,
    .info = ee_info,
    .i2c_start = ee_start,
    .i2c_write = ee_write,
    .i2c_read = ee_read,
    .i2c_stop = ee_stop,
    .state = ee_state,
};
DEV_TYPE(i2c_eeprom_type)
