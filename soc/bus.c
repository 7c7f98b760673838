/* Buses and address maps. */
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "sim/sim.h"
#include "soc/bus.h"
#include "soc/device.h"
#include "soc/machine.h"

static const char *const kind_names[] = {
    [BUS_NONE] = "none", [BUS_SYSTEM] = "system", [BUS_SPI] = "spi", [BUS_I2C] = "i2c",
};

const char *bus_kind_name(enum bus_kind k) { return kind_names[k]; }

struct bus *bus_new(struct machine *m, const char *id, enum bus_kind kind, struct device *owner)
{
    struct bus *b = calloc(1, sizeof(*b));
    if (!b)
        abort();
    b->id = strdup(id);
    b->kind = kind;
    b->owner = owner;
    struct bus **tail = &m->buses;
    while (*tail)
        tail = &(*tail)->next;
    *tail = b;
    return b;
}

void bus_free(struct bus *b)
{
    free(b->regions);
    free(b->slots);
    free(b->id);
    free(b);
}

void bus_remove_device(struct bus *b, const struct device *d)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < b->nregions; i++)
        if (b->regions[i].dev != d)
            b->regions[n++] = b->regions[i];
    b->nregions = n;
    b->last_hit = 0;
    for (uint32_t i = 0; i < b->nslots; i++)
        if (b->slots[i] == d)
            b->slots[i] = NULL;
    /* A CPU's write listener lives inside its device. */
    const char *lo = (const char *)d, *hi = lo + d->type->size;
    for (struct bus_write_listener **pl = &b->write_listeners; *pl;) {
        if ((const char *)*pl >= lo && (const char *)*pl < hi)
            *pl = (*pl)->next;
        else
            pl = &(*pl)->next;
    }
}

static const char *region_owner(const struct bus_region *r)
{
    if (r->dev && r->dev->id)
        return r->dev->id;
    return r->name ? r->name : "?";
}

int bus_region_check(uint64_t base, uint64_t size)
{
    if (size == 0 || base > UINT32_MAX || size > 0x100000000ULL - base)
        return sim_err("size 0x%llx at 0x%llx does not fit the 32-bit address space",
                       (unsigned long long)size, (unsigned long long)base);
    if (size > UINT32_MAX)
        return sim_err("size 0x%llx: a region holds at most 0xffffffff bytes (4 GiB less one)",
                       (unsigned long long)size);
    return 0;
}

int bus_map(struct bus *b, const struct bus_region *r)
{
    if (r->size == 0)
        return sim_err("%s: empty region at 0x%08x", r->name ? r->name : "?", r->base);
    if ((uint64_t)r->base + r->size - 1 > UINT32_MAX)
        return sim_err("%s: region 0x%08x+0x%x runs past the end of the address space",
                       region_owner(r), r->base, r->size);
    uint32_t i = 0;
    while (i < b->nregions && b->regions[i].base < r->base)
        i++;
    /* Only the neighbours can overlap in a sorted map of disjoint regions. */
    const struct bus_region *prev = i ? &b->regions[i - 1] : NULL;
    const struct bus_region *next = i < b->nregions ? &b->regions[i] : NULL;
    const struct bus_region *clash = NULL;
    if (prev && r->base - prev->base < prev->size)
        clash = prev;
    else if (next && next->base - r->base < r->size)
        clash = next;
    if (clash)
        return sim_err("address conflict on %s: %s [0x%08x-0x%08x] overlaps %s [0x%08x-0x%08x]",
                       b->id, region_owner(r), r->base, r->base + r->size - 1,
                       region_owner(clash), clash->base, clash->base + clash->size - 1);
    if (b->nregions == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->regions = realloc(b->regions, b->cap * sizeof(*b->regions));
        if (!b->regions)
            abort();
    }
    memmove(&b->regions[i + 1], &b->regions[i], (b->nregions - i) * sizeof(*b->regions));
    b->regions[i] = *r;
    b->nregions++;
    b->last_hit = 0;
    return 0;
}

/* Cold: bus_read and bus_write inline bus_find, and their fast path (the region hit last)
 * then saves no register for this call (make bench-profile uart on ibex: 102.8 -> 102.4
 * host instructions per guest instruction). */
__attribute__((cold)) struct bus_region *bus_find_slow(struct bus *b, uint32_t addr)
{
    /* The regions are disjoint: only the last to begin at or below addr may hold it. */
    size_t i = UPPER_BOUND_U32(b->regions, b->nregions, struct bus_region, base, addr);
    if (!i || addr - b->regions[i - 1].base >= b->regions[i - 1].size)
        return NULL;
    b->last_hit = (uint32_t)(i - 1);
    return &b->regions[i - 1];
}

static inline uint32_t host_read(const uint8_t *p, unsigned size)
{
    switch (size) {
    case 1: return p[0];
    case 2: return (uint32_t)p[0] | (uint32_t)p[1] << 8;
    default: return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    }
}

static inline void host_write(uint8_t *p, unsigned size, uint32_t v)
{
    for (unsigned i = 0; i < size; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

int bus_read(struct bus *b, uint32_t addr, unsigned size, uint32_t *val)
{
    struct bus_region *r = bus_find(b, addr);
    if (!r || addr - r->base > r->size - size)
        return BUS_FAULT;
    if (r->host) {
        *val = host_read(r->host + (addr - r->base), size);
        return BUS_OK;
    }
    if (!r->dev || !r->dev->type->read)
        return BUS_FAULT;
    *val = 0;
    return r->dev->type->read(r->dev, addr - r->base, size, val);
}

int bus_write(struct bus *b, uint32_t addr, unsigned size, uint32_t val)
{
    struct bus_region *r = bus_find(b, addr);
    if (!r || addr - r->base > r->size - size)
        return BUS_FAULT;
    if (r->host) {
        if (r->readonly)
            return BUS_FAULT;
        host_write(r->host + (addr - r->base), size, val);
        return BUS_OK;
    }
    if (!r->dev || !r->dev->type->write)
        return BUS_FAULT;
    return r->dev->type->write(r->dev, addr - r->base, size, val);
}

/* The size of the next debugger access at register offset off: the largest of 4, 2 and 1
 * that off is aligned to and that `left` bytes hold. */
static unsigned debug_size(uint32_t off, uint32_t left)
{
    if (!(off & 3) && left >= 4)
        return 4;
    if (!(off & 1) && left >= 2)
        return 2;
    return 1;
}

static int dev_peek(struct bus_region *r, uint32_t off, unsigned size, uint8_t *dst)
{
    const struct dev_type *t = r->dev ? r->dev->type : NULL;
    if (!t || !t->peek)
        return BUS_FAULT;
    uint32_t v = 0;
    if (t->peek(r->dev, off, size, &v) != BUS_OK) {
        /* A register taken only as a whole word (CLINT, PLIC): read the word, keep the
         * bytes asked for; simulated time stands still, so the bytes agree. */
        uint32_t word = off & ~3u, w = 0;
        if (size == 4 || r->size - word < 4 || t->peek(r->dev, word, 4, &w) != BUS_OK)
            return BUS_FAULT;
        v = w >> (8 * (off & 3));
    }
    for (unsigned i = 0; i < size; i++)
        dst[i] = (uint8_t)(v >> (8 * i));
    return BUS_OK;
}

static int dev_poke(struct bus_region *r, uint32_t off, unsigned size, const uint8_t *src)
{
    const struct dev_type *t = r->dev ? r->dev->type : NULL;
    if (!t || !t->write)
        return BUS_FAULT;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)src[i] << (8 * i);
    return t->write(r->dev, off, size, v);
}

enum xfer { XFER_LOAD, XFER_READ, XFER_WRITE };

/* Walk [addr, addr + n) region by region: host memory by memcpy, device windows (not for
 * a load) one debugger access at a time.  Returns the bytes done. */
static uint32_t bus_xfer(struct bus *b, uint32_t addr, const uint8_t *src, uint8_t *dst, uint32_t n,
                         enum xfer op)
{
    uint32_t done = 0;
    while (done < n) {
        uint32_t a = addr + done;
        struct bus_region *r = bus_find(b, a);
        if (!r)
            break;
        uint32_t off = a - r->base, room = r->size - off, left = n - done;
        uint32_t chunk = room < left ? room : left;
        if (r->host) {
            if (op == XFER_READ)
                memcpy(dst + done, r->host + off, chunk);
            else
                memcpy(r->host + off, src + done, chunk);
            done += chunk;
            continue;
        }
        if (op == XFER_LOAD)
            break;
        unsigned size = debug_size(off, chunk);
        if (op == XFER_READ ? dev_peek(r, off, size, dst + done)
                            : dev_poke(r, off, size, src + done))
            break;
        done += size;
    }
    return done;
}

uint32_t bus_load(struct bus *b, uint32_t addr, const void *src, uint32_t n)
{
    return bus_xfer(b, addr, src, NULL, n, XFER_LOAD);
}

uint32_t bus_debug_read(struct bus *b, uint32_t addr, void *dst, uint32_t n)
{
    return bus_xfer(b, addr, NULL, dst, n, XFER_READ);
}

uint32_t bus_debug_write(struct bus *b, uint32_t addr, const void *src, uint32_t n)
{
    uint32_t done = bus_xfer(b, addr, src, NULL, n, XFER_WRITE);
    if (done)
        bus_written(b, addr, done);
    return done;
}

void bus_listen_writes(struct bus *b, struct bus_write_listener *l)
{
    l->next = b->write_listeners;
    b->write_listeners = l;
}

void bus_written(struct bus *b, uint32_t addr, uint32_t n)
{
    for (struct bus_write_listener *l = b->write_listeners; l; l = l->next)
        l->written(l, addr, n);
}
