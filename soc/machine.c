/* A machine: buses, devices, CPUs and back ends on one simulation kernel. */
#include <stdlib.h>
#include <string.h>

#include "sim/backends/blockdev.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/cpu.h"
#include "soc/machine.h"
#include "soc/trace.h"

void machine_init(struct machine *m)
{
    memset(m, 0, sizeof(*m));
    sim_init(&m->sim);
    m->dev_tail = &m->devices;
    m->sysbus = bus_new(m, "sysbus", BUS_SYSTEM, NULL);
    m->semihosting = true;
}

void machine_stop(struct machine *m)
{
    if (m->stopped)
        return;
    m->stopped = true;
    trace_finish(m); /* the recording ends where the run did */
    for (struct device *d = m->devices; d; d = d->next)
        if (d->type->flush)
            d->type->flush(d);
    chardev_flush_all(m);
    blockdev_flush_all(m);
}

bool machine_output_lost(struct machine *m)
{
    for (struct chardev *c = m->chardevs; c; c = c->next)
        if (c->failed)
            return true;
    for (struct blockdev *b = m->blockdevs; b; b = b->next)
        if (b->failed)
            return true;
    return trace_failed(m);
}

/* Free the devices from the last made to the first: one that uses another (a flash on a
 * controller's bus, a pass-through pin on a GPIO block) lets go of it before it goes. */
static void free_devices(struct machine *m)
{
    struct device *last = NULL;
    for (struct device *d = m->devices, *next; d; d = next) {
        next = d->next;
        d->next = last;
        last = d;
    }
    m->devices = NULL;
    m->dev_tail = &m->devices;
    for (struct device *d = last, *next; d; d = next) {
        next = d->next;
        dev_destroy(d);
    }
}

void machine_free(struct machine *m)
{
    machine_stop(m);
    trace_free(m); /* its listeners go before the devices do */
    /* Lua goes first: its finalizers (__gc, __close) may still call the socsim module,
     * which then refuses what needs the machine (lua/lb.c), and nothing it holds points
     * into freed devices. */
    if (m->lua_free)
        m->lua_free(m->lua);
    m->lua = NULL;
    m->lua_free = NULL;
    free_devices(m);
    for (struct bus *b = m->buses, *next; b; b = next) {
        next = b->next;
        bus_free(b);
    }
    for (struct global_prop *g = m->globals, *next; g; g = next) {
        next = g->next;
        free(g->driver);
        free(g->prop);
        free(g->value);
        free(g->spec);
        free(g);
    }
    chardev_close_all(m);
    blockdev_close_all(m);
    elf_free(&m->elf);
    sim_free(&m->sim);
    free(m->board);
    free(m->board_desc);
    free(m->cpu_model);
    for (unsigned i = 0; i < m->nserial; i++)
        free(m->serial[i]);
}

struct chardev **machine_chardevs(struct machine *m) { return &m->chardevs; }

struct blockdev **machine_blockdevs(struct machine *m) { return &m->blockdevs; }

struct sim *machine_sim(struct machine *m) { return &m->sim; }

struct device *machine_find_device(struct machine *m, const char *id)
{
    for (struct device *d = m->devices; d; d = d->next)
        if (d->id && strcmp(d->id, id) == 0)
            return d;
    return NULL;
}

struct cpu *machine_cpu_of(struct machine *m, const struct device *d)
{
    for (unsigned i = 0; d && i < m->ncpus; i++)
        if (m->cpus[i]->dev == d)
            return m->cpus[i];
    return NULL;
}

struct cpu *machine_find_cpu(struct machine *m, const char *id)
{
    return machine_cpu_of(m, machine_find_device(m, id));
}

struct bus *machine_find_bus(struct machine *m, const char *id)
{
    for (struct bus *b = m->buses; b; b = b->next)
        if (strcmp(b->id, id) == 0)
            return b;
    return NULL;
}

struct bus *machine_first_bus(struct machine *m, enum bus_kind kind)
{
    for (struct bus *b = m->buses; b; b = b->next)
        if (b->kind == kind)
            return b;
    return NULL;
}

/* A -global's value is checked as soon as it is given, as far as it can be without the
 * device: its syntax, and the blockdev it names (every blockdev exists before the board
 * runs).  Chardevs (the board makes serial0) and IRQ links are looked up when a device
 * takes the value. */
static int check_global_value(struct machine *m, const struct dev_prop *table, size_t size,
                              const struct dev_prop *p, const char *value)
{
    if (p->type == PROP_BLOCKDEV) {
        struct blockdev *b = blockdev_find(m, value);
        if (!b)
            return sim_err("property '%s': no blockdev with node-name '%s'", p->name, value);
        if (blockdev_use(b, NULL) < 0) /* a format node's file, or a qcow2 given as raw */
            return sim_err_prefix("property '%s'", p->name);
        return 0;
    }
    if (p->type == PROP_CHARDEV || p->type == PROP_LINK)
        return 0;
    void *scratch = calloc(1, size ? size : 1);
    struct opt_owner own = {"property", NULL, NULL};
    int rc = scratch ? opt_set(&own, scratch, p, value) : sim_err("out of memory");
    if (scratch)
        opt_free_strings(table, scratch);
    free(scratch);
    return rc;
}

/* "DRIVER.PROP=VALUE", or QEMU's long form "driver=DRIVER,property=PROP,value=VALUE"; ",,"
 * is a comma in VALUE. */
static int parse_global(const struct opts *o, char **drv, char **prop, const char **value)
{
    const char *d = kv_get(o->kv, o->n, "driver"), *p = kv_get(o->kv, o->n, "property");
    *value = kv_get(o->kv, o->n, "value");
    if (o->n == 3 && d && p && *value) {
        *drv = strdup(d);
        *prop = strdup(p);
    } else {
        const char *key = o->kv[0].key, *dot = strchr(key, '.');
        *value = o->kv[0].value;
        if (o->n != 1 || !dot || !*value || dot == key || !dot[1])
            return sim_err("expected DRIVER.PROP=VALUE (a ',' in VALUE is written ',,')");
        *drv = strndup(key, (size_t)(dot - key));
        *prop = strdup(dot + 1);
    }
    return 0;
}

/* "'ibex' has no property 'x' (did you mean 'y'?)": the closest among the properties of
 * the set and of the device type of that name (either may be NULL). */
static int no_global_prop(const struct dev_type *t, const struct dev_propset *set,
                          const char *prop)
{
    if (!set)
        return dev_err_no_prop(t, prop);
    char help[96];
    snprintf(help, sizeof(help), set->help, set->name);
    return dev_err_no_prop_in(set->name, prop, set->props, t ? t->props : NULL, help);
}

int machine_add_global(struct machine *m, const char *spec)
{
    struct opts o;
    char *drv = NULL, *prop = NULL;
    const char *value = NULL;
    const struct dev_type *t = NULL;
    const struct dev_propset *set = NULL;
    const struct dev_prop *p = NULL;
    int rc = opts_parse(spec, &o) ? -1 : parse_global(&o, &drv, &prop, &value);
    if (rc == 0) {
        t = dev_type_find(drv);
        set = dev_propset_find(drv);
    }
    if (rc == 0 && !t && !set) {
        const char *s = dev_driver_suggest(drv);
        rc = s ? sim_err("unknown driver '%s' (did you mean '%s'?)", drv, s)
               : sim_err("unknown driver '%s' (see -device help, -cpu-model help)", drv);
    }
    /* A device type's property, else a set's of the same name (the ibex CPU type and the
     * ibex timing model: freq is the CPU's, rv32m the model's). */
    if (rc == 0 && !(t && (p = dev_find_prop(t, prop)))) {
        p = set && set->props ? opt_find(set->props, prop) : NULL;
        if (!p)
            rc = no_global_prop(t, set, prop);
    } else {
        set = NULL;
    }
    for (struct global_prop *g = m->globals; rc == 0 && g; g = g->next)
        if (strcmp(g->driver, drv) == 0 && strcmp(g->prop, prop) == 0)
            rc = sim_err("conflicts with %s (give each property once)", g->spec);
    if (rc == 0)
        rc = set ? check_global_value(m, set->props, set->size, p, value)
                 : check_global_value(m, t->props, t->size, p, value);
    struct global_prop *g = rc == 0 ? calloc(1, sizeof(*g)) : NULL;
    if (g) {
        g->set = set;
        g->driver = drv;
        g->prop = prop;
        g->value = strdup(value);
        size_t len = strlen(spec) + sizeof("-global ");
        g->spec = malloc(len);
        snprintf(g->spec, len, "-global %s", spec);
        struct global_prop **tail = &m->globals;
        while (*tail)
            tail = &(*tail)->next;
        *tail = g;
    } else {
        free(drv);
        free(prop);
    }
    opts_free(&o);
    if (rc)
        return sim_err_prefix("-global %s", spec);
    return g ? 0 : sim_err("out of memory");
}

static void input_changed(void *opaque, int n, bool level)
{
    struct device *d = opaque;
    d->type->set_input(d, n, level);
}

static int wire_links(struct machine *m)
{
    for (struct device *d = m->devices; d; d = d->next) {
        for (const struct dev_prop *p = d->type->props; p && p->name; p++) {
            if (p->type != PROP_LINK)
                continue;
            struct irq_out *o = (struct irq_out *)((char *)d + p->offset);
            if (!o->link)
                continue;
            struct device *target;
            int n;
            if (dev_resolve_input(m, o->link, &target, &n))
                return sim_err_prefix("%s.%s", d->id ? d->id : d->type->name, p->name);
            signal_listen(&o->sig, input_changed, target, n);
        }
    }
    return 0;
}

int machine_load_kernel(struct machine *m, const char *path)
{
    if (elf_load(&m->elf, path, m->sysbus))
        return sim_err_prefix("-kernel");
    m->elf_loaded = true;
    uint32_t a;
    if (elf_symbol(&m->elf, "tohost", &a) == 0)
        m->tohost = a;
    return 0;
}

/* A -global that nothing in the assembled machine took sets nothing: an error naming it
 * (the device type is not in this machine, no CPU runs the timing model). */
static int check_globals_used(struct machine *m)
{
    for (struct global_prop *g = m->globals; g; g = g->next) {
        if (g->used)
            continue;
        if (g->set)
            sim_err(g->set->none, g->driver);
        else
            sim_err("no device of type '%s' in the machine", g->driver);
        sim_err_prefix("%s", g->spec);
        sim_err_mark_option();
        return -1;
    }
    return 0;
}

int machine_finalize(struct machine *m)
{
    if (m->finalized)
        return 0;
    if (check_globals_used(m) || wire_links(m))
        return -1;
    for (struct device *d = m->devices; d; d = d->next)
        if (d->type->finalize)
            d->type->finalize(d);
    /* After the devices' hooks: a CPU following a clock generator subscribes last, so it
     * hears of a change first, before the devices clocked alike. */
    for (unsigned i = 0; i < m->ncpus; i++)
        if (cpu_follow_clock(m->cpus[i]))
            return -1;
    m->finalized = true;
    machine_reset(m);
    for (unsigned i = 0; i < m->ncpus; i++)
        if (m->cpus[i]->ops->finalize)
            m->cpus[i]->ops->finalize(m->cpus[i]);
    return 0;
}

void machine_reset(struct machine *m)
{
    for (struct device *d = m->devices; d; d = d->next)
        if (d->type->reset)
            d->type->reset(d);
}

bool machine_reset_armed(struct machine *m)
{
    for (struct device *d = m->devices; d; d = d->next)
        if (d->type->reset_armed && d->type->reset_armed(d))
            return true;
    return false;
}

int machine_boot_jump(struct machine *m, const struct device *d, uint32_t from, uint32_t to)
{
    if (m->nboot_jumps == MACHINE_MAX_BOOT_JUMPS)
        return sim_err("more than %d boot-path jumps", MACHINE_MAX_BOOT_JUMPS);
    m->boot_jumps[m->nboot_jumps++] = (struct machine_boot_jump){from, to, d};
    return 0;
}

static bool within(const void *p, const void *obj, size_t size)
{
    return (const char *)p >= (const char *)obj && (const char *)p < (const char *)obj + size;
}

/* Cancel the pending events that live inside [obj, obj + size). */
static void cancel_events_within(struct sim *s, const void *obj, size_t size)
{
    for (bool again = true; again;) {
        again = false; /* a cancel reorders the heap: look again from the top */
        for (uint32_t i = 0; i < s->heap_len && !again; i++) {
            struct sim_event *ev = s->heap[i];
            if (within(ev, obj, size)) {
                sim_cancel(s, ev);
                again = true;
            }
        }
    }
}

void machine_forget(struct machine *m, struct device *d)
{
    for (struct bus **pb = &m->buses; *pb;) {
        struct bus *b = *pb;
        if (b->owner == d) { /* created by d: nothing else sits on it yet */
            *pb = b->next;
            bus_free(b);
            continue;
        }
        bus_remove_device(b, d);
        pb = &b->next;
    }
    /* A UART's receive side: its front end's opaque is the device. */
    for (struct chardev *c = m->chardevs; c; c = c->next)
        if (c->fe_attached && c->fe.opaque == d)
            chardev_detach(c);
    for (struct device *e = m->devices; e; e = e->next)
        for (const struct dev_prop *p = e->type->props; p && p->name; p++)
            if (p->type == PROP_LINK)
                signal_unlisten(&((struct irq_out *)((char *)e + p->offset))->sig, NULL, d);
    for (unsigned i = 0; i < m->ncpus; i++) {
        if (m->cpus[i]->dev != d)
            continue;
        memmove(&m->cpus[i], &m->cpus[i + 1], (m->ncpus - i - 1) * sizeof(m->cpus[0]));
        m->ncpus--;
        break;
    }
    /* The kernel's processor is the one CPU's (a second hart is refused before it would
     * take the kernel). */
    if (within(m->sim.proc, d, d->type->size))
        m->sim.proc = NULL;
    if (m->timebase == d) {
        m->timebase = NULL;
        m->timebase_read = NULL;
    }
    unsigned n = 0;
    for (unsigned i = 0; i < m->nboot_jumps; i++)
        if (m->boot_jumps[i].dev != d)
            m->boot_jumps[n++] = m->boot_jumps[i];
    m->nboot_jumps = n;
    cancel_events_within(&m->sim, d, d->type->size);
}

unsigned machine_boot_path(const struct machine *m, uint32_t start, uint32_t *path,
                           unsigned max)
{
    unsigned n = 0;
    path[n++] = start;
    while (n < max) {
        unsigned i;
        for (i = 0; i < m->nboot_jumps && m->boot_jumps[i].from != path[n - 1]; i++)
            ;
        if (i == m->nboot_jumps)
            break;
        path[n++] = m->boot_jumps[i].to;
    }
    return n;
}

static void print_device(struct machine *m, struct device *d, FILE *f, int indent)
{
    const struct dev_type *t = d->type;
    fprintf(f, "%*sdev: %s, id \"%s\"", indent, "", t->name, d->id ? d->id : "");
    if (d->bus && d->bus->kind == BUS_SYSTEM) {
        /* every window the device mapped: its registers, or the memory it provides */
        for (uint32_t i = 0; i < d->bus->nregions; i++) {
            const struct bus_region *r = &d->bus->regions[i];
            if (r->dev == d)
                fprintf(f, ", addr 0x%08x-0x%08x", r->base, r->base + r->size - 1);
        }
    } else if (d->bus && d->bus->kind != BUS_SYSTEM)
        fprintf(f, ", %s 0x%llx", d->bus->kind == BUS_SPI ? "cs" : "addr", (unsigned long long)d->addr);
    fputc('\n', f);
    for (const struct dev_prop *p = t->props; p && p->name; p++) {
        char v[128];
        dev_format_prop(d, p, v, sizeof(v));
        if (!v[0])
            continue;
        fprintf(f, "%*s  %s = %s%s\n", indent, "", p->name, v, p->type == PROP_LINK ? " (irq)" : "");
    }
    if (t->info)
        t->info(d, f, indent + 2);
    for (struct bus *b = m->buses; b; b = b->next) {
        if (b->owner != d)
            continue;
        fprintf(f, "%*s  bus: %s (%s)\n", indent, "", b->id, bus_kind_name(b->kind));
        for (struct device *c = m->devices; c; c = c->next)
            if (c->bus == b)
                print_device(m, c, f, indent + 4);
    }
}

void machine_print_tree(struct machine *m, FILE *f)
{
    fprintf(f, "machine: %s%s%s\n", m->board ? m->board : "(none)", m->board_desc ? " - " : "",
            m->board_desc ? m->board_desc : "");
    for (struct device *d = m->devices; d; d = d->next)
        if (!d->bus)
            print_device(m, d, f, 2);
    struct bus *sb = m->sysbus;
    fprintf(f, "  bus: %s (%s)\n", sb->id, bus_kind_name(sb->kind));
    for (struct device *d = m->devices; d; d = d->next)
        if (d->bus == sb)
            print_device(m, d, f, 4);
    fprintf(f, "memory map (%s):\n", sb->id);
    for (uint32_t i = 0; i < sb->nregions; i++) {
        const struct bus_region *r = &sb->regions[i];
        fprintf(f, "  0x%08x-0x%08x  %-6s %s%s\n", r->base, r->base + r->size - 1,
                r->host ? (r->readonly ? "rom" : "ram") : "io",
                r->dev && r->dev->id ? r->dev->id : r->name ? r->name : "",
                r->read_wait || r->write_wait ? " (wait states)" : "");
    }
    for (struct chardev *c = m->chardevs; c; c = c->next) {
        fprintf(f, "chardev: %s (%s)", c->id, c->drv ? c->drv->name : "?");
        if (c->info)
            c->info(c, f);
        fputc('\n', f);
    }
    for (struct blockdev *b = m->blockdevs; b; b = b->next) {
        fprintf(f, "blockdev: %s (%s, %llu bytes%s)", b->node_name, b->drv ? b->drv->name : "?",
                (unsigned long long)b->size, b->read_only ? ", read-only" : "");
        if (b->info)
            b->info(b, f);
        fputc('\n', f);
    }
}
