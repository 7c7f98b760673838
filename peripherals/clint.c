/* The core-local interruptor (SiFive CLINT layout, as on QEMU virt and the FE310):
 * msip at 0x0, mtimecmp at 0x4000, mtime at 0xbff8.  mtime is computed from simulated
 * time at the `timebase` frequency, never ticked; one event is scheduled for the moment
 * mtime reaches mtimecmp. */
#include "soc/device.h"
#include "soc/machine.h"

#define CLINT_MSIP 0x0
#define CLINT_MTIMECMP 0x4000
#define CLINT_MTIME 0xbff8

struct clint {
    struct device dev;
    uint64_t timebase;
    struct irq_out msip, mtip;
    struct sim_clock clk;
    uint64_t mtimecmp;
    uint64_t offset; /* mtime = ticks(now) + offset (mtime writes move it) */
    bool msip_bit;
    struct sim_event ev;
};

static uint64_t clint_mtime(struct clint *s)
{
    return sim_clock_to_cycles(&s->clk, sim_now(&s->dev.m->sim)) + s->offset;
}

static uint64_t clint_timebase_read(struct device *d) { return clint_mtime((struct clint *)d); }

/* Recompute MTIP and schedule the next compare match. */
static void clint_update(struct clint *s)
{
    struct sim *sim = &s->dev.m->sim;
    uint64_t now = clint_mtime(s);
    if (now >= s->mtimecmp) {
        sim_cancel(sim, &s->ev);
        signal_set(&s->mtip.sig, true);
        return;
    }
    signal_set(&s->mtip.sig, false);
    /* The first instant at which ticks(t) + offset >= mtimecmp.  After a reset the offset
     * is -ticks(reset time); mtimecmp - offset then wraps past 2^64 for a far mtimecmp,
     * which means never, not a moment in the past. */
    uint64_t ticks = s->mtimecmp - s->offset;
    sim_time_t when = sim_clock_to_time_ceil(&s->clk, ticks);
    if (when == SIM_TIME_MAX || ((int64_t)s->offset < 0 && ticks < s->mtimecmp))
        sim_cancel(sim, &s->ev);
    else
        sim_schedule(sim, &s->ev, when);
}

static void clint_match(struct sim_event *ev)
{
    clint_update(container_of(ev, struct clint, ev));
}

static void set64(uint64_t *r, uint32_t off, uint32_t val)
{
    if (off & 4)
        *r = (*r & 0xffffffffULL) | (uint64_t)val << 32;
    else
        *r = (*r & ~0xffffffffULL) | val;
}

static int clint_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct clint *s = (struct clint *)d;
    if (size != 4)
        return -1;
    if (off == CLINT_MSIP)
        *val = s->msip_bit;
    else if (off == CLINT_MTIMECMP || off == CLINT_MTIMECMP + 4)
        *val = (uint32_t)(s->mtimecmp >> (off & 4 ? 32 : 0));
    else if (off == CLINT_MTIME || off == CLINT_MTIME + 4)
        *val = (uint32_t)(clint_mtime(s) >> (off & 4 ? 32 : 0));
    else
        *val = 0;
    return 0;
}

static int clint_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct clint *s = (struct clint *)d;
    if (size != 4)
        return -1;
    if (off == CLINT_MSIP) {
        s->msip_bit = val & 1;
        signal_set(&s->msip.sig, s->msip_bit);
    } else if (off == CLINT_MTIMECMP || off == CLINT_MTIMECMP + 4) {
        set64(&s->mtimecmp, off, val);
        clint_update(s);
    } else if (off == CLINT_MTIME || off == CLINT_MTIME + 4) {
        uint64_t t = clint_mtime(s);
        set64(&t, off, val);
        s->offset = t - sim_clock_to_cycles(&s->clk, sim_now(&d->m->sim));
        clint_update(s);
    }
    return 0;
}

static int clint_realize(struct device *d)
{
    struct clint *s = (struct clint *)d;
    sim_clock_init(&s->clk, s->timebase);
    sim_event_init(&s->ev, clint_match, "clint.mtimecmp");
    return 0;
}

/* The machine's time CSR reads this mtime: set once the machine is complete, so that a
 * CLINT whose creation failed never was the timebase. */
static void clint_finalize(struct device *d)
{
    d->m->timebase = d;
    d->m->timebase_read = clint_timebase_read;
}

static void clint_reset(struct device *d)
{
    struct clint *s = (struct clint *)d;
    s->mtimecmp = UINT64_MAX; /* no interrupt until firmware programs it */
    s->offset = -sim_clock_to_cycles(&s->clk, sim_now(&d->m->sim)); /* mtime restarts at 0 */
    s->msip_bit = false;
    signal_set(&s->msip.sig, false);
    clint_update(s);
}

static const struct dev_prop clint_props[] = {
    {.name = "timebase", .type = PROP_FREQ, .offset = offsetof(struct clint, timebase),
     .def = "10MHz", .help = "mtime frequency", .min = 1, .max = 10000000000ULL},
    {.name = "msip", .type = PROP_LINK, .offset = offsetof(struct clint, msip),
     .help = "software interrupt output (e.g. cpu0.msip)"},
    {.name = "mtip", .type = PROP_LINK, .offset = offsetof(struct clint, mtip),
     .help = "timer interrupt output (e.g. cpu0.mtip)"},
    {0},
};

static const struct dev_type clint_type = {
    .name = "clint", .desc = "core-local interruptor: msip, mtimecmp, mtime (SiFive layout)",
    .bus = BUS_SYSTEM, .size = sizeof(struct clint), .props = clint_props, .mmio_size = 0x10000,
    .realize = clint_realize, .finalize = clint_finalize, .reset = clint_reset, .read = clint_read, .write = clint_write,
    .peek = clint_read, /* reads have no side effects */
};
DEV_TYPE(clint_type)
