/* Buses and address maps. */
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
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

static const char *region_owner(const struct bus_region *r)
{
    if (r->dev && r->dev->id)
        return r->dev->id;
    return r->name ? r->name : "?";
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

struct bus_region *bus_find_slow(struct bus *b, uint32_t addr)
{
    uint32_t lo = 0, hi = b->nregions;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        struct bus_region *r = &b->regions[mid];
        if (addr < r->base)
            hi = mid;
        else if (addr - r->base >= r->size)
            lo = mid + 1;
        else {
            b->last_hit = mid;
            return r;
        }
    }
    return NULL;
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

uint32_t bus_load(struct bus *b, uint32_t addr, const void *src, uint32_t n)
{
    const uint8_t *s = src;
    uint32_t done = 0;
    while (done < n) {
        struct bus_region *r = bus_find(b, addr + done);
        if (!r || !r->host)
            break;
        uint32_t off = addr + done - r->base;
        uint32_t chunk = r->size - off < n - done ? r->size - off : n - done;
        memcpy(r->host + off, s + done, chunk);
        done += chunk;
    }
    return done;
}

uint32_t bus_peek(struct bus *b, uint32_t addr, void *dst, uint32_t n)
{
    uint8_t *d = dst;
    uint32_t done = 0;
    while (done < n) {
        struct bus_region *r = bus_find(b, addr + done);
        if (!r)
            break;
        uint32_t off = addr + done - r->base;
        if (r->host) {
            uint32_t chunk = r->size - off < n - done ? r->size - off : n - done;
            memcpy(d + done, r->host + off, chunk);
            done += chunk;
            continue;
        }
        /* Device registers: reading may have side effects (FIFOs), so the debugger
         * sees zeros rather than disturb the device. */
        d[done++] = 0;
    }
    return done;
}
