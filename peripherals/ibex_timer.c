/* The Ibex simple system's timer (1 KiB window, 0x30000 on ibex-simple).
 *
 * +0x0 mtime low, +0x4 mtime high, +0x8 mtimecmp low, +0xc mtimecmp high; any other
 * offset is a bus error.  mtime counts every cycle of the system clock (`freq`, the same
 * clock as the core in the simple system) and is computed from simulated time on read,
 * never ticked.
 *
 * The interrupt output is a register: it rises on the clock edge after a cycle in which
 * mtime >= mtimecmp, and then stays high until mtimecmp (either half) is written, whatever
 * happens to mtime.  A write takes effect on the next edge, so after writing mtimecmp the
 * line is low for at least one cycle.  Both are modelled exactly by scheduling the rising
 * edge as one event. */
#include <stdint.h>

#include "sim/error.h"
#include "sim/sim.h"
#include "soc/device.h"
#include "soc/machine.h"

#define TIMER_MTIME_LO 0x0
#define TIMER_MTIME_HI 0x4
#define TIMER_MTIMECMP_LO 0x8
#define TIMER_MTIMECMP_HI 0xc

struct ibex_timer {
    struct device dev;
    struct irq_out irq;
    uint64_t freq;

    struct sim_clock clk;
    uint64_t base_cycle; /* mtime == base_val at clock cycle base_cycle */
    uint64_t base_val;
    uint64_t cmp;
    uint64_t arm_cycle;  /* first cycle whose compare can raise the line (after a write) */
    bool level;
    struct sim_event rise;
};

static uint64_t timer_now_cycle(struct ibex_timer *t)
{
    return sim_clock_to_cycles(&t->clk, sim_now(&t->dev.m->sim));
}

static uint64_t timer_mtime_at(const struct ibex_timer *t, uint64_t cycle)
{
    return t->base_val + (cycle - t->base_cycle); /* modular: fine across writes */
}

static void timer_set_level(struct ibex_timer *t, bool level)
{
    t->level = level;
    signal_set(&t->irq.sig, level);
}

/* Schedule the rising edge for the current mtime/mtimecmp, unless the line is already up. */
static void timer_arm(struct ibex_timer *t)
{
    struct sim *s = &t->dev.m->sim;
    sim_cancel(s, &t->rise);
    if (t->level)
        return;
    uint64_t now = timer_now_cycle(t);
    uint64_t from = now > t->arm_cycle ? now : t->arm_cycle;
    uint64_t m = timer_mtime_at(t, from);
    uint64_t hit; /* first cycle >= from whose mtime >= cmp */
    if (m >= t->cmp)
        hit = from;
    else
        hit = from + (t->cmp - m);
    uint64_t edge = hit + 1;
    /* A compare so far away that its time does not fit in 64-bit picoseconds never fires. */
    uint64_t ps_per_cycle = (1000000000000ULL + t->clk.hz - 1) / t->clk.hz;
    if (edge < hit || edge > UINT64_MAX / (ps_per_cycle + 1))
        return;
    sim_time_t when = sim_clock_to_time(&t->clk, edge);
    if (when < sim_now(s))
        when = sim_now(s);
    sim_schedule(s, &t->rise, when);
}

static void timer_rise(struct sim_event *ev)
{
    struct ibex_timer *t = container_of(ev, struct ibex_timer, rise);
    timer_set_level(t, true);
}

static int timer_realize(struct device *d)
{
    struct ibex_timer *t = (struct ibex_timer *)d;
    if (!t->freq)
        return sim_err_prefix("%s: freq must not be 0", d->id);
    sim_clock_init(&t->clk, t->freq);
    sim_event_init(&t->rise, timer_rise, "ibex-timer");
    return 0;
}

static void timer_reset(struct device *d)
{
    struct ibex_timer *t = (struct ibex_timer *)d;
    t->base_cycle = timer_now_cycle(t);
    t->base_val = 0;
    t->cmp = 0;
    t->arm_cycle = t->base_cycle;
    timer_set_level(t, false);
    timer_arm(t);
}

static int timer_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct ibex_timer *t = (struct ibex_timer *)d;
    uint64_t v;
    switch (off & ~3u) {
    case TIMER_MTIME_LO:
    case TIMER_MTIME_HI: v = timer_mtime_at(t, timer_now_cycle(t)); break;
    case TIMER_MTIMECMP_LO:
    case TIMER_MTIMECMP_HI: v = t->cmp; break;
    default: return BUS_FAULT;
    }
    if (off & 4)
        v >>= 32;
    uint32_t w = (uint32_t)v >> (8 * (off & 3));
    *val = size == 4 ? w : w & ((1u << (8 * size)) - 1);
    return BUS_OK;
}

/* Merge a 1/2/4-byte write at byte offset `off` into the 64-bit register value `old`. */
static uint64_t merge(uint64_t old, uint32_t off, unsigned size, uint32_t val)
{
    unsigned shift = 8 * (off & 7);
    uint64_t mask = (size == 4 ? 0xffffffffULL : (1ULL << (8 * size)) - 1) << shift;
    return (old & ~mask) | (((uint64_t)val << shift) & mask);
}

static int timer_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct ibex_timer *t = (struct ibex_timer *)d;
    uint64_t now = timer_now_cycle(t);
    switch (off & ~3u) {
    case TIMER_MTIME_LO:
    case TIMER_MTIME_HI: {
        /* The written half replaces the incremented value on the next edge. */
        uint64_t next = timer_mtime_at(t, now) + 1;
        t->base_val = merge(next, off, size, val);
        t->base_cycle = now + 1;
        break;
    }
    case TIMER_MTIMECMP_LO:
    case TIMER_MTIMECMP_HI:
        t->cmp = merge(t->cmp, off, size, val);
        t->arm_cycle = now + 1;
        timer_set_level(t, false);
        break;
    default: return BUS_FAULT;
    }
    timer_arm(t);
    return BUS_OK;
}

static void timer_info(struct device *d, FILE *f, int indent)
{
    struct ibex_timer *t = (struct ibex_timer *)d;
    fprintf(f, "%*smtime = %llu, mtimecmp = %llu, irq %s\n", indent, "",
            (unsigned long long)timer_mtime_at(t, timer_now_cycle(t)),
            (unsigned long long)t->cmp, t->level ? "high" : "low");
}

static const struct dev_prop timer_props[] = {
    DEV_PROP(struct ibex_timer, irq, PROP_LINK, "irq", NULL,
             "timer interrupt output (e.g. cpu0.mtip)"),
    DEV_PROP(struct ibex_timer, freq, PROP_FREQ, "freq", "50MHz",
             "clock that increments mtime (the core clock in the simple system)"),
    { .name = NULL },
};

static const struct dev_state timer_state[] = {
    DEV_STATE_RANGE(struct ibex_timer, base_cycle, level),
    {0},
};

static const struct dev_type ibex_timer_type = {
    .name = "ibex-timer",
    .desc = "Ibex simple-system timer: 64-bit mtime/mtimecmp, level interrupt",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct ibex_timer),
    .props = timer_props,
    .mmio_size = 0x400,
    .realize = timer_realize,
    .reset = timer_reset,
    .read = timer_read,
    .write = timer_write,
    .info = timer_info,
    .peek = timer_read, /* reads have no side effects */
    .state = timer_state,
};
DEV_TYPE(ibex_timer_type)
