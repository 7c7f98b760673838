/* The device-type registry, the property parser, and device creation. */
#include <stdlib.h>
#include <string.h>

#include "sim/backends/blockdev.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/device.h"
#include "soc/machine.h"

#define MAX_TYPES 256

static const struct dev_type *types[MAX_TYPES];
static size_t ntypes;

void dev_type_register(const struct dev_type *t)
{
    if (ntypes == MAX_TYPES)
        abort();
    types[ntypes++] = t;
}

const struct dev_type *dev_type_find(const char *name)
{
    for (size_t i = 0; i < ntypes; i++)
        if (strcmp(types[i]->name, name) == 0)
            return types[i];
    return NULL;
}

const struct dev_type *dev_type_find_len(const char *name, size_t len)
{
    for (size_t i = 0; i < ntypes; i++)
        if (strlen(types[i]->name) == len && strncmp(types[i]->name, name, len) == 0)
            return types[i];
    return NULL;
}

static int cmp_type(const void *a, const void *b)
{
    return strcmp((*(const struct dev_type *const *)a)->name,
                  (*(const struct dev_type *const *)b)->name);
}

size_t dev_types(const struct dev_type ***out)
{
    qsort(types, ntypes, sizeof(types[0]), cmp_type);
    *out = (const struct dev_type **)types;
    return ntypes;
}

const char *dev_type_suggest(const char *name)
{
    const char *names[MAX_TYPES];
    for (size_t i = 0; i < ntypes; i++)
        names[i] = types[i]->name;
    return sim_suggest(name, names, ntypes);
}

const char *dev_label(const struct device *d)
{
    static char buf[160];
    if (d->id)
        snprintf(buf, sizeof buf, "%s '%s'", d->type->name, d->id);
    else
        snprintf(buf, sizeof buf, "%s", d->type->name);
    return buf;
}

int dev_input_clock(struct device *d, const char *clock, uint64_t freq, struct rv_cpu **cpu)
{
    *cpu = NULL;
    if (clock && *clock) {
        *cpu = machine_find_cpu(d->m, clock);
        if (!*cpu)
            return sim_err("%s: clock '%s' is not a CPU", dev_label(d), clock);
    } else if (!freq) {
        return sim_err("%s: clock-frequency must not be 0", dev_label(d));
    }
    return 0;
}

struct bus *dev_child_bus(struct device *d, unsigned n, enum bus_kind kind)
{
    char name[256];
    if (!d->id) {
        sim_err("%s at 0x%llx needs id= (its bus is named <id>.%u)", d->type->name,
                (unsigned long long)d->addr, n);
        return NULL;
    }
    snprintf(name, sizeof name, "%s.%u", d->id, n);
    return bus_new(d->m, name, kind, d);
}

int dev_drive_load(struct device *d, struct blockdev *drive, void *mem, uint64_t n,
                   const char *part)
{
    if (drive->size < n && drive->format)
        return sim_err("%s: drive '%s' holds %llu bytes, the %s is %llu (its file is a %s "
                       "image, read here as raw bytes)", dev_label(d), drive->node_name,
                       (unsigned long long)drive->size, part, (unsigned long long)n,
                       drive->format);
    if (drive->size < n)
        return sim_err("%s: drive '%s' holds %llu bytes, the %s is %llu", dev_label(d),
                       drive->node_name, (unsigned long long)drive->size, part,
                       (unsigned long long)n);
    if (blockdev_read(drive, 0, mem, n) < 0)
        return sim_err_prefix("%s", dev_label(d));
    return 0;
}

void dev_print_drive(FILE *f, const struct blockdev *drive, bool ro)
{
    if (drive)
        fprintf(f, "%s%s\n", ro ? ", read-only drive " : ", drive ", drive->node_name);
    else
        fprintf(f, ", no drive\n");
}

static const char *const prop_type_names[] = {
    [PROP_INT] = "int", [PROP_BOOL] = "bool", [PROP_STRING] = "string", [PROP_SIZE] = "size",
    [PROP_FREQ] = "freq", [PROP_TIME] = "time", [PROP_CHARDEV] = "chardev",
    [PROP_BLOCKDEV] = "blockdev", [PROP_LINK] = "irq-link", [PROP_ENUM] = "enum",
};

const char *prop_type_name(enum prop_type t) { return prop_type_names[t]; }

const struct dev_prop *dev_find_prop(const struct dev_type *t, const char *name)
{
    for (const struct dev_prop *p = t->props; p && p->name; p++)
        if (strcmp(p->name, name) == 0)
            return p;
    return NULL;
}

static int parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"on", "true", "yes", "1"}, *const no[] = {"off", "false", "no", "0"};
    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        if (strcmp(v, yes[i]) == 0)
            return *out = true, 0;
        if (strcmp(v, no[i]) == 0)
            return *out = false, 0;
    }
    return -1;
}

static int set_prop(struct device *d, const struct dev_prop *p, const char *v)
{
    void *field = (char *)d + p->offset;
    d->props_set |= 1ULL << ((p - d->type->props) & 63);
    uint64_t u;
    int rc = 0;
    switch (p->type) {
    case PROP_INT: rc = sim_parse_u64(v, &u); break;
    case PROP_SIZE: rc = sim_parse_size(v, &u); break;
    case PROP_FREQ: rc = sim_parse_freq(v, &u); break;
    case PROP_TIME: rc = sim_parse_time(v, &u); break;
    case PROP_BOOL:
        if (parse_bool(v, field))
            return sim_err("property '%s': '%s' is not a boolean (on/off)", p->name, v);
        return 0;
    case PROP_STRING: {
        char **s = field;
        free(*s);
        *s = strdup(v);
        return 0;
    }
    case PROP_LINK: {
        struct irq_out *o = field;
        free(o->link);
        o->link = *v ? strdup(v) : NULL;
        return 0;
    }
    case PROP_ENUM:
        for (int i = 0; p->choices[i]; i++)
            if (strcmp(p->choices[i], v) == 0)
                return *(int *)field = i, 0;
        {
            char list[256] = "";
            for (int i = 0; p->choices[i]; i++)
                snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? "|" : "",
                         p->choices[i]);
            return sim_err("property '%s': '%s' is not one of %s", p->name, v, list);
        }
    case PROP_CHARDEV: {
        struct chardev *c = chardev_find(d->m, v);
        if (!c)
            return sim_err("property '%s': no chardev with id '%s'", p->name, v);
        *(struct chardev **)field = c;
        return 0;
    }
    case PROP_BLOCKDEV: {
        struct blockdev *b = blockdev_find(d->m, v);
        if (!b)
            return sim_err("property '%s': no blockdev with node-name '%s'", p->name, v);
        char user[64];
        snprintf(user, sizeof user, "property '%s'", p->name);
        if (blockdev_use(b, user) < 0)
            return -1;
        *(struct blockdev **)field = b;
        return 0;
    }
    }
    if (rc)
        return sim_err("property '%s': '%s' is not a valid %s", p->name, v, prop_type_name(p->type));
    if (p->max && (u < p->min || u > p->max))
        return sim_err("property '%s': %s is out of range [%llu, %llu]", p->name, v,
                       (unsigned long long)p->min, (unsigned long long)p->max);
    *(uint64_t *)field = u;
    return 0;
}

static const char *prop_suggest(const struct dev_type *t, const char *name)
{
    const char *names[128];
    size_t n = 0;
    for (const struct dev_prop *p = t->props; p && p->name && n < 125; p++)
        names[n++] = p->name;
    names[n++] = "id";
    names[n++] = "bus";
    names[n++] = "addr";
    names[n++] = "wait";
    return sim_suggest(name, names, n);
}

int dev_set_prop(struct device *d, const char *key, const char *value)
{
    const struct dev_prop *p = dev_find_prop(d->type, key);
    if (!p) {
        const char *s = prop_suggest(d->type, key);
        if (s)
            return sim_err("'%s' has no property '%s' (did you mean '%s'?)", d->type->name, key, s);
        return sim_err("'%s' has no property '%s' (see -device %s,help)", d->type->name, key,
                       d->type->name);
    }
    return set_prop(d, p, value);
}

void dev_format_prop(const struct device *d, const struct dev_prop *p, char *buf, size_t n)
{
    const void *field = (const char *)d + p->offset;
    switch (p->type) {
    case PROP_INT:
    case PROP_SIZE: {
        uint64_t v = *(const uint64_t *)field;
        snprintf(buf, n, v >= 4096 ? "0x%llx" : "%llu", (unsigned long long)v);
        break;
    }
    case PROP_FREQ: snprintf(buf, n, "%lluHz", (unsigned long long)*(const uint64_t *)field); break;
    case PROP_TIME: sim_format_time(buf, n, *(const uint64_t *)field); break;
    case PROP_BOOL: snprintf(buf, n, "%s", *(const bool *)field ? "on" : "off"); break;
    case PROP_STRING: snprintf(buf, n, "%s", *(char *const *)field ? *(char *const *)field : ""); break;
    case PROP_LINK: {
        const struct irq_out *o = field;
        snprintf(buf, n, "%s", o->link ? o->link : "");
        break;
    }
    case PROP_ENUM: snprintf(buf, n, "%s", p->choices[*(const int *)field]); break;
    case PROP_CHARDEV: {
        struct chardev *c = *(struct chardev *const *)field;
        snprintf(buf, n, "%s", c ? c->id : "");
        break;
    }
    case PROP_BLOCKDEV: {
        struct blockdev *b = *(struct blockdev *const *)field;
        snprintf(buf, n, "%s", b ? b->node_name : "");
        break;
    }
    }
}

static bool prop_is_set(const struct device *d, const struct dev_prop *p)
{
    const void *field = (const char *)d + p->offset;
    switch (p->type) {
    case PROP_STRING: return *(char *const *)field != NULL;
    case PROP_LINK: return ((const struct irq_out *)field)->link != NULL;
    case PROP_CHARDEV:
    case PROP_BLOCKDEV: return *(void *const *)field != NULL;
    default: return d->props_set >> ((p - d->type->props) & 63) & 1;
    }
}

/* A chip select an SPI controller does not have: the bus, what, and the controller's
 * chip selects (its num-cs). */
static int spi_cs_err(const struct bus *b, const char *what)
{
    char have[48];
    if (b->naddr == 1)
        snprintf(have, sizeof have, "chip select 0");
    else
        snprintf(have, sizeof have, "chip selects 0-%u", b->naddr - 1);
    return sim_err("%s: %s: %s has num-cs=%u (%s)", b->id, what,
                   b->owner ? dev_label(b->owner) : "its controller", b->naddr, have);
}

static int place_on_bus(struct device *d, const char *bus_id)
{
    const struct dev_type *t = d->type;
    struct machine *m = d->m;
    if (t->bus == BUS_NONE) {
        if (bus_id)
            return sim_err("'%s' does not sit on a bus (bus=%s)", t->name, bus_id);
        return 0;
    }
    if (bus_id) {
        d->bus = machine_find_bus(m, bus_id);
        if (!d->bus)
            return sim_err("no bus named '%s'", bus_id);
        if (d->bus->kind != t->bus)
            return sim_err("'%s' plugs into a %s bus, but '%s' is a %s bus", t->name,
                           bus_kind_name(t->bus), bus_id, bus_kind_name(d->bus->kind));
    } else {
        d->bus = machine_first_bus(m, t->bus);
        if (!d->bus)
            return sim_err("'%s' needs a %s bus and the machine has none", t->name,
                           bus_kind_name(t->bus));
    }
    switch (d->bus->kind) {
    case BUS_SYSTEM:
        if (!d->addr_set && t->mmio_size)
            return sim_err("'%s' needs addr= on %s", t->name, d->bus->id);
        return 0;
    case BUS_SPI:
        if (!d->addr_set) {
            /* Chip selects are a free-slot bus: take the first one free. */
            uint32_t cs = 0;
            while (cs < d->bus->nslots && d->bus->slots[cs])
                cs++;
            if (d->bus->naddr && cs >= d->bus->naddr)
                return spi_cs_err(d->bus, "no free chip select");
            d->addr = cs;
            d->addr_set = true;
        }
        if (d->bus->naddr && d->addr >= d->bus->naddr) {
            char what[64];
            snprintf(what, sizeof what, "chip select %llu does not exist",
                     (unsigned long long)d->addr);
            return spi_cs_err(d->bus, what);
        }
        break;
    case BUS_I2C:
        if (!d->addr_set)
            return sim_err("'%s' needs addr= (its 7-bit I2C address) on %s", t->name, d->bus->id);
        if (d->addr > 0x7f)
            return sim_err("I2C address 0x%llx is not a 7-bit address", (unsigned long long)d->addr);
        break;
    default: break;
    }
    struct bus *b = d->bus;
    if (d->addr >= 256)
        return sim_err("address %llu is out of range on %s", (unsigned long long)d->addr, b->id);
    if (d->addr < b->nslots && b->slots[d->addr]) {
        /* Named as the bus numbers them: I2C addresses in hex, chip selects in decimal. */
        char at[32];
        snprintf(at, sizeof at, b->kind == BUS_I2C ? "0x%02llx" : "chip select %llu",
                 (unsigned long long)d->addr);
        return sim_err("address conflict on %s: %s and %s both at %s", b->id,
                       b->slots[d->addr]->id ? b->slots[d->addr]->id : b->slots[d->addr]->type->name,
                       d->id ? d->id : t->name, at);
    }
    return 0;
}

static void attach_slot(struct device *d)
{
    struct bus *b = d->bus;
    if (!b || b->kind == BUS_SYSTEM)
        return;
    if (d->addr >= b->nslots) {
        uint32_t n = (uint32_t)d->addr + 1;
        b->slots = realloc(b->slots, n * sizeof(*b->slots));
        if (!b->slots)
            abort();
        memset(b->slots + b->nslots, 0, (n - b->nslots) * sizeof(*b->slots));
        b->nslots = n;
    }
    b->slots[d->addr] = d;
}

static int apply_globals(struct device *d)
{
    for (struct global_prop *g = d->m->globals; g; g = g->next) {
        if (strcmp(g->driver, d->type->name) != 0)
            continue;
        g->used = true;
        if (dev_set_prop(d, g->prop, g->value))
            return sim_err_prefix("-global %s.%s=%s", g->driver, g->prop, g->value);
    }
    return 0;
}

static struct device *create(struct machine *m, const struct dev_type *t, const struct kv *kv,
                             size_t n)
{
    struct device *d = calloc(1, t->size < sizeof(*d) ? sizeof(*d) : t->size);
    if (!d)
        abort();
    d->type = t;
    d->m = m;
    const char *bus_id = NULL;
    uint64_t wait = 0;
    for (const struct dev_prop *p = t->props; p && p->name; p++) {
        if (p->type == PROP_LINK)
            signal_init(&((struct irq_out *)((char *)d + p->offset))->sig, p->name);
        if (p->def && set_prop(d, p, p->def))
            goto fail;
    }
    if (apply_globals(d))
        goto fail;
    for (size_t i = 0; i < n; i++) {
        const char *k = kv[i].key, *v = kv[i].value;
        if (strcmp(k, "id") == 0) {
            if (!*v || strchr(v, '.') || strchr(v, ',')) {
                sim_err("id '%s' must be non-empty without '.' or ','", v);
                goto fail;
            }
            if (machine_find_device(m, v)) {
                sim_err("duplicate id '%s'", v);
                goto fail;
            }
            free(d->id);
            d->id = strdup(v);
        } else if (strcmp(k, "bus") == 0) {
            bus_id = v;
        } else if (strcmp(k, "wait") == 0 && t->bus == BUS_SYSTEM) {
            /* Wait states of every access to the register window: the latency of the bus
             * bridge the board puts in front of the device. */
            if (sim_parse_u64(v, &wait) || wait > 255) {
                sim_err("wait '%s' is not a number of cycles from 0 to 255", v);
                goto fail;
            }
        } else if (strcmp(k, "addr") == 0) {
            uint64_t a;
            if (sim_parse_u64(v, &a) || a > UINT32_MAX) {
                sim_err("addr '%s' is not a valid address", v);
                goto fail;
            }
            d->addr = a;
            d->addr_set = true;
        } else if (dev_set_prop(d, k, v)) {
            goto fail;
        }
    }
    for (const struct dev_prop *p = t->props; p && p->name; p++)
        if ((p->flags & PROP_REQUIRED) && !prop_is_set(d, p)) {
            sim_err("'%s' needs %s= (%s)", t->name, p->name, p->help);
            goto fail;
        }
    if (place_on_bus(d, bus_id))
        goto fail;
    if (t->realize && t->realize(d))
        goto fail;
    if (wait && !(t->mmio_size && d->bus && d->bus->kind == BUS_SYSTEM)) {
        sim_err("'%s' has no register window for wait=", t->name);
        goto fail;
    }
    if (t->mmio_size && d->bus && d->bus->kind == BUS_SYSTEM) {
        struct bus_region r = {
            .base = (uint32_t)d->addr, .size = t->mmio_size, .dev = d, .name = t->name,
            .read_wait = (uint8_t)wait, .write_wait = (uint8_t)wait,
        };
        if (bus_map(d->bus, &r))
            goto fail;
    }
    attach_slot(d);
    *m->dev_tail = d;
    m->dev_tail = &d->next;
    return d;
fail:
    free(d->id);
    free(d);
    return NULL;
}

int kv_check_unique(const struct kv *kv, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(kv[i].key, kv[j].key) == 0)
                return sim_err("option %s= given twice", kv[i].key);
    return 0;
}

struct device *dev_create(struct machine *m, const char *type, const struct kv *kv, size_t n,
                          const char *where)
{
    if (kv_check_unique(kv, n) < 0) {
        sim_err_prefix("%s", where);
        return NULL;
    }
    const struct dev_type *t = dev_type_find(type);
    if (!t) {
        const char *s = dev_type_suggest(type);
        if (s)
            sim_err("unknown device type '%s' (did you mean '%s'?)", type, s);
        else
            sim_err("unknown device type '%s' (see -device help)", type);
        sim_err_prefix("%s", where);
        return NULL;
    }
    struct device *d = create(m, t, kv, n);
    if (!d)
        sim_err_prefix("%s", where);
    return d;
}

int dev_resolve_input(struct machine *m, const char *link, struct device **dev, int *n)
{
    const char *dot = strrchr(link, '.');
    if (!dot || dot == link || !dot[1])
        return sim_err("IRQ link '%s' is not <device-id>.<input>", link);
    char id[128];
    size_t len = (size_t)(dot - link);
    if (len >= sizeof(id))
        return sim_err("IRQ link '%s': device id too long", link);
    memcpy(id, link, len);
    id[len] = 0;
    struct device *d = machine_find_device(m, id);
    if (!d)
        return sim_err("IRQ link '%s': no device with id '%s'", link, id);
    const struct dev_type *t = d->type;
    if (!t->set_input)
        return sim_err("IRQ link '%s': '%s' has no IRQ inputs", link, id);
    const char *in = dot + 1;
    if (t->inputs) {
        for (int i = 0; t->inputs[i]; i++)
            if (strcmp(t->inputs[i], in) == 0)
                return *dev = d, *n = i, 0;
        return sim_err("IRQ link '%s': '%s' has no input '%s'", link, id, in);
    }
    uint64_t num;
    if (sim_parse_u64(in, &num))
        return sim_err("IRQ link '%s': input '%s' is not a number", link, in);
    int count = t->input_count ? t->input_count(d) : 0;
    if (num >= (uint64_t)count)
        return sim_err("IRQ link '%s': '%s' has inputs 0..%d", link, id, count - 1);
    *dev = d;
    *n = (int)num;
    return 0;
}

static void print_type_line(FILE *f, const struct dev_type *t)
{
    fprintf(f, "  %-16s %s", t->name, t->desc);
    if (t->creates && t->creates[0]) {
        fprintf(f, " [creates:");
        for (int i = 0; t->creates[i]; i++)
            fprintf(f, " %s", t->creates[i]);
        fprintf(f, "]");
    }
    fputc('\n', f);
}

void dev_print_help(FILE *f)
{
    const struct dev_type **all;
    size_t n = dev_types(&all);
    static const char *const titles[] = {
        [BUS_NONE] = "CPUs and standalone devices", [BUS_SYSTEM] = "System bus devices",
        [BUS_SPI] = "SPI bus devices", [BUS_I2C] = "I2C bus devices",
    };
    for (int k = BUS_SYSTEM; k <= BUS_KIND_COUNT; k++) {
        int kind = k % BUS_KIND_COUNT; /* system, spi, i2c, then none */
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            if ((int)all[i]->bus != kind)
                continue;
            if (!any)
                fprintf(f, "%s%s:\n", k == BUS_SYSTEM ? "" : "\n", titles[kind]);
            any = true;
            print_type_line(f, all[i]);
        }
    }
    fprintf(f, "\nUse -device NAME,help for a device's properties.\n");
}

int dev_print_type_help(FILE *f, const char *name)
{
    const struct dev_type *t = dev_type_find(name);
    if (!t) {
        const char *s = dev_type_suggest(name);
        if (s)
            return sim_err("-device %s,help: unknown device type '%s' (did you mean '%s'?)", name,
                           name, s);
        return sim_err("-device %s,help: unknown device type '%s' (see -device help)", name, name);
    }
    fprintf(f, "%s: %s\n", t->name, t->desc);
    fprintf(f, "  bus: %s\n", bus_kind_name(t->bus));
    if (t->mmio_size)
        fprintf(f, "  register window: 0x%x bytes\n", t->mmio_size);
    if (t->creates && t->creates[0]) {
        fprintf(f, "  creates buses:");
        for (int i = 0; t->creates[i]; i++)
            fprintf(f, " <id>.%d (%s)", i, t->creates[i]);
        fputc('\n', f);
    }
    if (t->inputs && t->inputs[0]) {
        fprintf(f, "  IRQ inputs:");
        for (int i = 0; t->inputs[i]; i++)
            fprintf(f, " %s", t->inputs[i]);
        fputc('\n', f);
    } else if (t->set_input) {
        fprintf(f, "  IRQ inputs: numbered (<id>.N)\n");
    }
    fprintf(f, "  properties:\n");
    if (t->bus != BUS_NONE)
        fprintf(f, "    %-18s %-9s %-12s %s\n", "id", "string", "", "name for bus=, IRQ links, info tree");
    if (t->bus == BUS_SYSTEM || t->bus == BUS_SPI || t->bus == BUS_I2C) {
        fprintf(f, "    %-18s %-9s %-12s %s\n", "bus", "string", "(first)", "the bus it plugs into");
        fprintf(f, "    %-18s %-9s %-12s %s\n", "addr", "int", "",
                t->bus == BUS_SYSTEM ? "base address" :
                t->bus == BUS_SPI ? "chip select (first free when omitted)" : "7-bit I2C address");
        if (t->bus == BUS_SYSTEM && t->mmio_size)
            fprintf(f, "    %-18s %-9s %-12s %s\n", "wait", "int", "0",
                    "wait states of each register access (a bridge's latency)");
    }
    for (const struct dev_prop *p = t->props; p && p->name; p++) {
        char type[32];
        if (p->type == PROP_ENUM) {
            type[0] = 0;
            for (int i = 0; p->choices[i]; i++)
                snprintf(type + strlen(type), sizeof(type) - strlen(type), "%s%s", i ? "|" : "",
                         p->choices[i]);
        } else {
            snprintf(type, sizeof(type), "%s", prop_type_name(p->type));
        }
        const char *def = p->flags & PROP_REQUIRED ? "(required)" : p->def ? p->def : "";
        fprintf(f, "    %-18s %-9s %-12s %s\n", p->name, type, def, p->help ? p->help : "");
    }
    return 0;
}
