/* SiFive PWM (FE310-G002 manual, 14 "Pulse Width Modulator").
 *
 * A counter (cmp-width + 15 bits) counts bus-clock cycles while pwmenalways (or, for one
 * run up to the next reset of the count, pwmenoneshot) is set; pwms = (pwmcount >>
 * pwmscale) truncated to cmp-width bits (8 on PWM0, 16 on PWM1/2).  Comparator X is true
 * while pwms >= pwmcmpX (in center mode, pwms folded about its midpoint); pwmcmpXip
 * follows it, or only ever sets with pwmsticky.  With pwmzerocmp the count restarts the
 * cycle after comparator 0 matches.  pwmcmpXgang makes output X = ip[X] & !ip[X+1].
 * The four ip bits drive the four interrupt outputs and the four output pins (signals,
 * routed to GPIO pads through the IOF links).
 *
 * The counter is computed from simulated time; one event is scheduled for the next count
 * at which a comparator can change or the count restarts.  A PLL change rebases it.
 * Not modelled: pwmdeglitch (ip is the comparator each cycle, so a zerocmp reset
 * cannot glitch it anyway) and the exact center-mode comparator width. */
#include <stdio.h>
#include <string.h>

#include "peripherals/sifive_common.h"
#include "peripherals/sifive_prci.h"
#include "sim/error.h"
#include "soc/machine.h"

enum {
    PWM_CFG = 0x00,
    PWM_COUNT = 0x08,
    PWM_S = 0x10,
    PWM_CMP0 = 0x20,
};

#define CFG_SCALE(v) ((v) & 0xf)
#define CFG_STICKY (1u << 8)
#define CFG_ZEROCMP (1u << 9)
#define CFG_DEGLITCH (1u << 10)
#define CFG_ENALWAYS (1u << 12)
#define CFG_ENONESHOT (1u << 13)
#define CFG_CENTER(x) (1u << (16 + (x)))
#define CFG_GANG(x) (1u << (24 + (x)))
#define CFG_IP_SHIFT 28
#define CFG_MASK (0xfu | CFG_STICKY | CFG_ZEROCMP | CFG_DEGLITCH | CFG_ENALWAYS | \
                  CFG_ENONESHOT | (0xfu << 16) | (0xfu << 24))

struct sifive_pwm {
    struct device dev;
    /* properties */
    struct irq_out irq[4];
    struct irq_out out[4];
    uint64_t cmp_width;
    char *clock;
    uint64_t fixed_hz;
    /* clock */
    struct sim_clock_listener clk_user;
    struct sim_clock clk;
    /* registers */
    uint32_t cfg;     /* without the ip bits */
    uint32_t ip;      /* 4 bits */
    uint32_t cmp[4];
    /* counter: count = base + cycles since base_time (then folded), while running */
    uint64_t base;
    sim_time_t base_time;
    bool running;
    struct sim_event ev;
};

#define PWM_LINK(f, n, name, what) \
    DEV_PROP(struct sifive_pwm, f[n], PROP_LINK, name #n, NULL, what)

static const struct dev_prop pwm_props[] = {
    PWM_LINK(irq, 0, "irq", "interrupt of comparator 0 (pwmcmp0ip)"),
    PWM_LINK(irq, 1, "irq", "interrupt of comparator 1"),
    PWM_LINK(irq, 2, "irq", "interrupt of comparator 2"),
    PWM_LINK(irq, 3, "irq", "interrupt of comparator 3"),
    PWM_LINK(out, 0, "out", "output pin 0 (to a GPIO IOF input, e.g. gpio0.64)"),
    PWM_LINK(out, 1, "out", "output pin 1"),
    PWM_LINK(out, 2, "out", "output pin 2"),
    PWM_LINK(out, 3, "out", "output pin 3"),
    { .name = "cmp-width", .type = PROP_INT, .offset = offsetof(struct sifive_pwm, cmp_width),
      .def = "16", .help = "comparator width in bits (8 on PWM0, 16 on PWM1 and PWM2)",
      .min = 1, .max = 16 },
    DEV_PROP(struct sifive_pwm, clock, PROP_STRING, "clock", "",
             "id of the sifive-prci whose hfclk drives the counter"),
    DEV_PROP(struct sifive_pwm, fixed_hz, PROP_FREQ, "clk-freq", "16MHz",
             "bus clock when no clock device is given"),
    { 0 },
};

static struct sim *pwm_sim(struct sifive_pwm *p) { return &p->dev.m->sim; }
static unsigned pwm_scale(const struct sifive_pwm *p) { return CFG_SCALE(p->cfg); }
static uint32_t pwm_mask(const struct sifive_pwm *p) { return (1u << p->cmp_width) - 1; }
static uint64_t pwm_wrap(const struct sifive_pwm *p) { return 1ull << (p->cmp_width + 15); }

/* The count at which pwms first reaches cmp0 (where zerocmp restarts the count). */
static uint64_t pwm_zero_at(const struct sifive_pwm *p)
{
    return (uint64_t)p->cmp[0] << pwm_scale(p);
}

/* Raw cycles counted since the base. */
static uint64_t pwm_elapsed(struct sifive_pwm *p, sim_time_t t)
{
    return p->running ? sim_clock_to_cycles(&p->clk, t - p->base_time) : 0;
}

/* The count `n` cycles after the base, and whether the count restarted on the way
 * (which ends a one-shot run). */
static uint64_t pwm_count_after(const struct sifive_pwm *p, uint64_t n, bool *restarted)
{
    uint64_t c = p->base + n;
    *restarted = false;
    if (p->cfg & CFG_ZEROCMP) {
        uint64_t l = pwm_zero_at(p);
        uint64_t first = p->base >= l ? 1 : l - p->base + 1; /* cycles to the first restart */
        if (n >= first) {
            *restarted = true;
            c = (n - first) % (l + 1);
        }
    } else if (c >= pwm_wrap(p)) {
        *restarted = true;
        c %= pwm_wrap(p);
    }
    return c;
}

static bool pwm_oneshot_only(const struct sifive_pwm *p)
{
    return !(p->cfg & CFG_ENALWAYS) && (p->cfg & CFG_ENONESHOT);
}

static uint64_t pwm_count(struct sifive_pwm *p)
{
    bool restarted;
    uint64_t c = pwm_count_after(p, pwm_elapsed(p, sim_now(pwm_sim(p))), &restarted);
    return (restarted && pwm_oneshot_only(p)) ? 0 : c;
}

static uint32_t pwm_s_of(const struct sifive_pwm *p, uint64_t count)
{
    return (uint32_t)(count >> pwm_scale(p)) & pwm_mask(p);
}

/* Comparator outputs at `count`. */
static uint32_t pwm_compare(const struct sifive_pwm *p, uint64_t count)
{
    uint32_t s = pwm_s_of(p, count), top = 1u << (p->cmp_width - 1), r = 0;
    for (unsigned x = 0; x < 4; x++) {
        uint32_t v = s;
        if ((p->cfg & CFG_CENTER(x)) && (s & top))
            v = s ^ pwm_mask(p);
        if (v >= p->cmp[x])
            r |= 1u << x;
    }
    return r;
}

/* Bring ip to the present and drive the interrupt and output signals. */
static void pwm_refresh(struct sifive_pwm *p)
{
    uint32_t c = pwm_compare(p, pwm_count(p));
    p->ip = (p->cfg & CFG_STICKY) ? p->ip | c : c;
    for (unsigned x = 0; x < 4; x++) {
        bool ipx = (p->ip >> x) & 1;
        bool o = ipx;
        if (p->cfg & CFG_GANG(x))
            o = ipx && !((p->ip >> ((x + 1) & 3)) & 1);
        signal_set(&p->irq[x].sig, ipx);
        signal_set(&p->out[x].sig, o);
    }
}

/* Cycles from `count` to the next count at which a comparator may change or the
 * count restarts (>= 1). */
static uint64_t pwm_next_change(const struct sifive_pwm *p, uint64_t count)
{
    unsigned sc = pwm_scale(p);
    uint64_t q = 1ull << (p->cmp_width + sc); /* pwms repeats every q counts */
    uint64_t pos = count % q, best = q - pos;  /* the pwms wrap */
    for (unsigned x = 0; x < 4; x++) {
        uint64_t cand[2] = { (uint64_t)p->cmp[x] << sc, 0 };
        if (p->cfg & CFG_CENTER(x))
            cand[1] = ((uint64_t)(p->cmp[x] ^ pwm_mask(p)) + 1) << sc;
        for (unsigned i = 0; i < 2; i++)
            if (cand[i] > pos && cand[i] - pos < best)
                best = cand[i] - pos;
    }
    if (p->cfg & CFG_ZEROCMP) {
        uint64_t l = pwm_zero_at(p);
        uint64_t to_restart = count >= l ? 1 : l - count + 1;
        if (to_restart < best)
            best = to_restart;
    } else if (pwm_wrap(p) - count < best) {
        best = pwm_wrap(p) - count;
    }
    return best ? best : 1;
}

static void pwm_schedule(struct sifive_pwm *p)
{
    struct sim *s = pwm_sim(p);
    sim_cancel(s, &p->ev);
    if (!p->running)
        return;
    sim_time_t now = sim_now(s);
    uint64_t n = pwm_elapsed(p, now);
    bool restarted;
    uint64_t c = pwm_count_after(p, n, &restarted);
    uint64_t target = n + pwm_next_change(p, c);
    /* The first instant at which `target` cycles have elapsed. */
    sim_schedule(s, &p->ev, p->base_time + sim_clock_to_time_ceil(&p->clk, target));
}

/* Restart the bookkeeping at count c, now. */
static void pwm_rebase(struct sifive_pwm *p, uint64_t c)
{
    p->base = c;
    p->base_time = sim_now(pwm_sim(p));
    p->running = (p->cfg & (CFG_ENALWAYS | CFG_ENONESHOT)) != 0;
}

static void pwm_event(struct sim_event *ev)
{
    struct sifive_pwm *p = container_of(ev, struct sifive_pwm, ev);
    bool restarted;
    uint64_t c = pwm_count_after(p, pwm_elapsed(p, sim_now(pwm_sim(p))), &restarted);
    if (restarted && pwm_oneshot_only(p)) {
        /* 14.4: a one-shot run ends when the count resets; enoneshot clears. */
        p->cfg &= ~CFG_ENONESHOT;
        c = 0;
    }
    pwm_rebase(p, c);
    pwm_refresh(p);
    pwm_schedule(p);
}

static uint32_t pwm_reg(struct sifive_pwm *p, uint32_t reg)
{
    switch (reg) {
    case PWM_CFG:
        pwm_refresh(p);
        return p->cfg | (p->ip << CFG_IP_SHIFT);
    case PWM_COUNT:
        return (uint32_t)pwm_count(p);
    case PWM_S:
        return pwm_s_of(p, pwm_count(p));
    case PWM_CMP0:
    case PWM_CMP0 + 4:
    case PWM_CMP0 + 8:
    case PWM_CMP0 + 12:
        return p->cmp[(reg - PWM_CMP0) / 4];
    }
    return 0;
}

static int pwm_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct sifive_pwm *p = (struct sifive_pwm *)d;
    *val = sifive_reg_extract(pwm_reg(p, off & ~3u), off, size);
    return BUS_OK;
}

static int pwm_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct sifive_pwm *p = (struct sifive_pwm *)d;
    uint32_t reg = off & ~3u;
    uint32_t v = sifive_reg_merge(pwm_reg(p, reg), off, size, val);
    uint64_t c = pwm_count(p);
    switch (reg) {
    case PWM_CFG:
        p->cfg = v & CFG_MASK;
        p->ip = (v >> CFG_IP_SHIFT) & 0xf;
        break;
    case PWM_COUNT:
        c = v & (pwm_wrap(p) - 1);
        break;
    case PWM_CMP0:
    case PWM_CMP0 + 4:
    case PWM_CMP0 + 8:
    case PWM_CMP0 + 12:
        p->cmp[(reg - PWM_CMP0) / 4] = v & pwm_mask(p);
        break;
    default:
        return BUS_OK; /* pwms and reserved words are read-only */
    }
    pwm_rebase(p, c);
    /* ip written by software stands only where the comparator agrees (or, sticky, where
     * it is not cleared): the hardware re-evaluates it every cycle (14.5). */
    pwm_refresh(p);
    pwm_schedule(p);
    return BUS_OK;
}

static void pwm_clk_changed(struct sim_clock_listener *cu, uint64_t hz)
{
    struct sifive_pwm *p = container_of(cu, struct sifive_pwm, clk_user);
    uint64_t c = pwm_count(p);
    sim_clock_init(&p->clk, hz);
    bool run = p->running;
    pwm_rebase(p, c);
    p->running = run;
    pwm_schedule(p);
}

static int pwm_realize(struct device *d)
{
    struct sifive_pwm *p = (struct sifive_pwm *)d;
    if (p->cmp_width < 1 || p->cmp_width > 16)
        return sim_err("%s: cmp-width must be 1..16", SIFIVE_DEV_NAME(d));
    sim_clock_init(&p->clk, p->fixed_hz ? p->fixed_hz : 1);
    sim_event_init(&p->ev, pwm_event, "sifive-pwm");
    return 0;
}

static void pwm_finalize(struct device *d)
{
    struct sifive_pwm *p = (struct sifive_pwm *)d;
    struct sim_clock_domain *clk = sifive_clock_lookup(d, p->clock);
    if (clk) {
        p->clk_user.changed = pwm_clk_changed;
        sim_clock_init(&p->clk, sim_clock_domain_listen(clk, &p->clk_user));
    }
}

static void pwm_reset(struct device *d)
{
    struct sifive_pwm *p = (struct sifive_pwm *)d;
    sim_cancel(pwm_sim(p), &p->ev);
    /* 14.3: pwmcfg's enable bits and ip reset to 0; count and comparators are undefined
     * at reset and start at 0 here. */
    p->cfg = 0;
    p->ip = 0;
    memset(p->cmp, 0, sizeof p->cmp);
    pwm_rebase(p, 0);
    pwm_refresh(p);
}

static void pwm_info(struct device *d, FILE *f, int indent)
{
    struct sifive_pwm *p = (struct sifive_pwm *)d;
    fprintf(f, "%*scount %llu, cfg 0x%08x at %llu Hz\n", indent, "",
            (unsigned long long)pwm_count(p), p->cfg | (p->ip << CFG_IP_SHIFT),
            (unsigned long long)p->clk.hz);
}

static const struct dev_type sifive_pwm_type = {
    .name = "sifive-pwm",
    .desc = "SiFive PWM: counter, 4 comparators, interrupts and output pins",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct sifive_pwm),
    .props = pwm_props,
    .mmio_size = 0x1000,
    .realize = pwm_realize,
    .reset = pwm_reset,
    .finalize = pwm_finalize,
    .read = pwm_read,
    .write = pwm_write,
    .info = pwm_info,
    .peek = pwm_read, /* reads only bring ip and the outputs to the present */
};
DEV_TYPE(sifive_pwm_type)
