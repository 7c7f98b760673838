/* The device-type registry, the property parser, and device creation. */
#include <stdlib.h>
#include <string.h>

#include "sim/backends/blockdev.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/cpu.h"
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
    sort_array(types, ntypes, sizeof(types[0]), cmp_type);
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

#define MAX_PROPSETS 32

static const struct dev_propset *propsets[MAX_PROPSETS];
static size_t npropsets;

void dev_propset_register(const struct dev_propset *s)
{
    if (npropsets == MAX_PROPSETS)
        abort();
    propsets[npropsets++] = s;
}

const struct dev_propset *dev_propset_find(const char *name)
{
    for (size_t i = 0; i < npropsets; i++)
        if (strcmp(propsets[i]->name, name) == 0)
            return propsets[i];
    return NULL;
}

const char *dev_driver_suggest(const char *name)
{
    const char *all[MAX_TYPES + MAX_PROPSETS];
    size_t n = 0;
    for (size_t i = 0; i < ntypes; i++)
        all[n++] = types[i]->name;
    for (size_t i = 0; i < npropsets; i++)
        all[n++] = propsets[i]->name;
    return sim_suggest(name, all, n);
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

struct sim_clock_domain *dev_clock(struct device *d)
{
    struct cpu *c = machine_cpu_of(d->m, d);
    if (c)
        return &c->clock;
    return d->type->clock ? d->type->clock(d) : NULL;
}

int dev_input_clock(struct device *d, const char *clock, uint64_t freq,
                    struct sim_clock_domain **clk)
{
    *clk = NULL;
    if (clock && *clock) {
        struct device *src = machine_find_device(d->m, clock);
        if (!src)
            return sim_err("%s: clock '%s': no device has that id", dev_label(d), clock);
        *clk = dev_clock(src);
        if (!*clk)
            return sim_err("%s: clock '%s' is not a CPU or a clock generator", dev_label(d),
                           clock);
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
    if (drive->size < n) {
        char fmt[96] = "";
        if (drive->format)
            snprintf(fmt, sizeof fmt, " (its file is a %s image, read here as raw bytes)",
                     drive->format);
        sim_err("%s: drive '%s' holds %llu bytes, the %s is %llu%s", dev_label(d),
                drive->node_name, (unsigned long long)drive->size, part, (unsigned long long)n,
                fmt);
        if (drive->origin) { /* the image is the user's choice, not the board's */
            sim_err_prefix("%s", drive->origin);
            sim_err_mark_option();
        }
        return -1;
    }
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

const struct dev_prop *dev_find_prop(const struct dev_type *t, const char *name)
{
    return opt_find(t->props, name);
}

/* The references a property table holds: back ends by name, IRQ links as text (wired once
 * the whole machine exists). */
static int resolve_ref(void *ctx, const struct dev_prop *p, void *field, const char *v)
{
    struct device *d = ctx;
    switch (p->type) {
    case PROP_CHARDEV: {
        struct chardev *c = chardev_find(d->m, v);
        if (!c)
            return sim_err("no chardev with id '%s'", v);
        *(struct chardev **)field = c;
        return 0;
    }
    case PROP_BLOCKDEV: {
        struct blockdev *b = blockdev_find(d->m, v);
        if (!b)
            return sim_err("no blockdev with node-name '%s'", v);
        if (blockdev_use(b, NULL) < 0) /* raw bytes: not a format node's file */
            return -1;
        *(struct blockdev **)field = b;
        return 0;
    }
    case PROP_LINK: {
        struct irq_out *o = field;
        free(o->link);
        o->link = *v ? strdup(v) : NULL;
        return 0;
    }
    default: return sim_err("not a reference");
    }
}

static int set_prop(struct device *d, const struct dev_prop *p, const char *v)
{
    struct opt_owner own = {"property", resolve_ref, d};
    d->props_set |= 1ULL << ((p - d->type->props) & 63);
    return opt_set(&own, d, p, v);
}

/* The keys every device of type t takes besides its properties (create() reads them). */
static size_t reserved_keys(const struct dev_type *t, const char *keys[5])
{
    size_t n = 0;
    keys[n++] = "id";
    if (t->bus != BUS_NONE) {
        keys[n++] = "bus";
        keys[n++] = "addr";
    }
    if (t->bus == BUS_SYSTEM && t->mmio_size)
        keys[n++] = "wait";
    keys[n] = NULL;
    return n;
}

int dev_err_no_prop(const struct dev_type *t, const char *key)
{
    const char *reserved[5];
    char lead[160], help[160];
    reserved_keys(t, reserved);
    snprintf(lead, sizeof(lead), "'%s' has no property", t->name);
    snprintf(help, sizeof(help), "-device %s,help", t->name);
    return opt_err_unknown(lead, key, t->props, reserved, help);
}

int dev_err_no_prop_in(const char *name, const char *key, const struct dev_prop *a,
                       const struct dev_prop *b, const char *help)
{
    static const struct dev_prop none[] = {{0}};
    const char *extra[64];
    size_t n = 0;
    for (const struct dev_prop *p = b; p && p->name && n < 63; p++)
        extra[n++] = p->name;
    extra[n] = NULL;
    char lead[160];
    snprintf(lead, sizeof(lead), "'%s' has no property", name);
    return opt_err_unknown(lead, key, a ? a : none, extra, help);
}

int dev_set_prop(struct device *d, const char *key, const char *value)
{
    const struct dev_prop *p = dev_find_prop(d->type, key);
    if (p) {
        d->props_given |= 1ULL << ((p - d->type->props) & 63);
        return set_prop(d, p, value);
    }
    int rc = d->type->extra_prop ? d->type->extra_prop(d, key, value) : 1;
    return rc <= 0 ? rc : dev_err_no_prop(d->type, key);
}

int dev_set_prop_default(struct device *d, const char *key, const char *value)
{
    const struct dev_prop *p = dev_find_prop(d->type, key);
    if (!p)
        return dev_err_no_prop(d->type, key);
    if (d->props_given >> ((p - d->type->props) & 63) & 1)
        return 0;
    return set_prop(d, p, value);
}

void dev_format_prop(const struct device *d, const struct dev_prop *p, char *buf, size_t n)
{
    const void *field = (const char *)d + p->offset;
    switch (p->type) {
    case PROP_LINK: {
        const struct irq_out *o = field;
        snprintf(buf, n, "%s", o->link ? o->link : "");
        break;
    }
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
    default: opt_format(d, p, buf, n); break;
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
        if (g->set || strcmp(g->driver, d->type->name) != 0)
            continue; /* (a set's property is its user's to apply) */
        g->used = true;
        if (dev_set_prop(d, g->prop, g->value)) {
            /* The fault is the option's, whichever board line made the device. */
            sim_err_prefix("%s", g->spec);
            sim_err_mark_option();
            return -1;
        }
    }
    return 0;
}

/* " (why)" when the number parser said more than "malformed", else "". */
static const char *parse_why(void)
{
    static char buf[128];
    const char *why = sim_parse_why();
    if (!why)
        return "";
    snprintf(buf, sizeof(buf), " (%s)", why);
    return buf;
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
        struct kv e = kv[i];
        opt_short_bool(t->props, &e); /* a bare KEY of a boolean is KEY=on */
        const char *k = e.key, *v = e.value;
        if (!v) {
            sim_err("'%s' is not KEY=VALUE", k);
            goto fail;
        }
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
                sim_err("wait '%s' is not a number of cycles from 0 to 255%s", v, parse_why());
                goto fail;
            }
        } else if (strcmp(k, "addr") == 0) {
            uint64_t a;
            if (sim_parse_u64(v, &a) || a > UINT32_MAX) {
                sim_err("addr '%s' is not a valid address%s", v, parse_why());
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
    if (wait && !t->mmio_size) {
        sim_err("'%s' has no register window for wait=", t->name);
        goto fail;
    }
    d->realized = true;
    if (t->realize && t->realize(d))
        goto fail;
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
    /* All or nothing: a device that is not made leaves no trace on the machine. */
    machine_forget(m, d);
    dev_destroy(d);
    return NULL;
}

void dev_destroy(struct device *d)
{
    /* What extra_prop kept is the type's to free, realized or not (soc/device.h) */
    if ((d->realized || d->type->extra_prop) && d->type->free)
        d->type->free(d);
    for (const struct dev_prop *p = d->type->props; p && p->name; p++) {
        if (p->type != PROP_LINK)
            continue;
        struct irq_out *o = (struct irq_out *)((char *)d + p->offset);
        free(o->link);
        signal_free(&o->sig);
    }
    opt_free_strings(d->type->props, d);
    free(d->id);
    free(d);
}

int dev_attach_chardev(struct device *d, struct chardev *c, const struct chardev_frontend *fe)
{
    if (c->fe_attached) {
        const struct device *o = NULL;
        for (o = d->m->devices; o && (const void *)o != c->fe.opaque; o = o->next)
            ;
        char holder[160];
        snprintf(holder, sizeof holder, "%s", o ? dev_label(o) : "another device");
        return sim_err("%s: chardev '%s' is already the back end of %s (one UART per chardev)",
                       dev_label(d), c->id, holder);
    }
    chardev_attach(c, fe);
    return 0;
}

/* A key's place in the order create() applies keys in: the reserved keys, then the type's
 * properties in table order (as -device TYPE,help lists them), then the rest by name. */
struct ranked_kv {
    size_t rank; /* SIZE_MAX: not the type's own; by name */
    struct kv kv;
};

static int cmp_ranked_kv(const void *a, const void *b)
{
    const struct ranked_kv *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return strcmp(x->kv.key, y->kv.key);
}

/* kv in the order above, whatever order it came in: a Lua table has none (its iteration
 * order changes from run to run with the string hash seed), so a board and a -device of
 * the same keys report the same first bad key, and a key whose effect depends on
 * another's finds it set. */
static struct kv *order_keys(const struct dev_type *t, const struct kv *kv, size_t n)
{
    struct ranked_kv *r = calloc(n + 1, sizeof(*r));
    struct kv *out = calloc(n + 1, sizeof(*out));
    if (!r || !out)
        abort();
    const char *reserved[5];
    size_t nres = reserved_keys(t, reserved);
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < nres && strcmp(reserved[k], kv[i].key) != 0)
            k++;
        const struct dev_prop *p = k < nres ? NULL : dev_find_prop(t, kv[i].key);
        r[i].rank = k < nres ? k : p ? nres + (size_t)(p - t->props) : SIZE_MAX;
        r[i].kv = kv[i];
    }
    sort_array(r, n, sizeof(*r), cmp_ranked_kv);
    for (size_t i = 0; i < n; i++)
        out[i] = r[i].kv;
    free(r);
    return out;
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
    struct kv *ordered = order_keys(t, kv, n);
    struct device *d = create(m, t, ordered, n);
    free(ordered);
    if (!d)
        sim_err_prefix("%s", where);
    return d;
}

struct signal *dev_signal(struct device *d, unsigned i, char *name, size_t n)
{
    for (const struct dev_prop *p = d->type->props; p && p->name; p++) {
        if (p->type == PROP_LINK && i-- == 0) {
            snprintf(name, n, "%s", p->name);
            return &((struct irq_out *)((char *)d + p->offset))->sig;
        }
    }
    struct signal *s;
    for (unsigned k = 0; d->type->signal && (s = d->type->signal(d, k, name, n)); k++)
        if (i-- == 0)
            return s;
    struct cpu *c = machine_cpu_of(d->m, d);
    const char *line;
    if (c && (s = cpu_line(c, i, &line))) {
        snprintf(name, n, "%s", line);
        return s;
    }
    return NULL;
}

struct signal *dev_find_signal(struct device *d, const char *name)
{
    char buf[64];
    struct signal *s;
    for (unsigned i = 0; (s = dev_signal(d, i, buf, sizeof(buf))); i++)
        if (strcmp(buf, name) == 0)
            return s;
    return d->type->output ? d->type->output(d, name) : NULL;
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
        opt_print_line(f, "id", "string", "", "name for bus=, IRQ links, info tree");
    if (t->bus == BUS_SYSTEM || t->bus == BUS_SPI || t->bus == BUS_I2C) {
        opt_print_line(f, "bus", "string", "(first)", "the bus it plugs into");
        opt_print_line(f, "addr", "int", "",
                       t->bus == BUS_SYSTEM ? "base address" :
                       t->bus == BUS_SPI ? "chip select (first free when omitted)" :
                                           "7-bit I2C address");
        if (t->bus == BUS_SYSTEM && t->mmio_size)
            opt_print_line(f, "wait", "int", "0",
                           "wait states of each register access (a bridge's latency)");
    }
    opt_print_table(f, t->props);
    if (t->help)
        t->help(f, t);
    return 0;
}
