/* SiFive FE310-G002 PRCI: oscillators, PLL and the hfclk mux (FE310-G002 manual, 6 "Clock
 * Generation").  The model keeps the registers, computes hfclk from them after every write
 * and sets its clock domain (sim/sim.h) to the new rate: the CPUs whose clock property names
 * the PRCI and the peripherals clocked from hfclk follow it, so the time a cycle takes
 * changes exactly when firmware switches the mux.  The ready and
 * lock bits firmware polls come true after a start-up delay measured in simulated time.
 *
 * Not modelled: the HFROSC trim (the oscillator runs at hfrosc-freq whatever the trim),
 * procmoncfg (kept as a plain register), stopping the core when its clock source is
 * disabled, and PLL jitter or range limits (out-of-range settings still give the formula). */
#include <string.h>

#include "peripherals/sifive_common.h"
#include "peripherals/sifive_prci.h"
#include "sim/error.h"
#include "soc/machine.h"

enum {
    PRCI_HFROSCCFG = 0x00,
    PRCI_HFXOSCCFG = 0x04,
    PRCI_PLLCFG = 0x08,
    PRCI_PLLOUTDIV = 0x0c,
    PRCI_PROCMONCFG = 0xf0,
};

#define HFROSC_DIV(v) ((v) & 0x3f)
#define HFROSC_TRIM_MASK (0x1fu << 16)
#define OSC_EN (1u << 30)
#define OSC_RDY (1u << 31)
#define PLL_R(v) ((v) & 0x7)
#define PLL_F(v) (((v) >> 4) & 0x3f)
#define PLL_Q(v) (((v) >> 10) & 0x3)
#define PLL_SEL (1u << 16)
#define PLL_REFSEL (1u << 17)
#define PLL_BYPASS (1u << 18)
#define PLL_LOCK (1u << 31)
#define PLL_CFG_MASK (0x7u | (0x3fu << 4) | (0x3u << 10) | PLL_SEL | PLL_REFSEL | PLL_BYPASS)
#define OUTDIV_DIV(v) ((v) & 0x3f)
#define OUTDIV_BY1 (1u << 8)

/* Reset values, FE310-G002 manual 6.3-6.6: hfrosc on, div 4, trim 16; hfxosc on; PLL
 * r=1 f=31 q=3, referenced to hfxosc and bypassed, not selected; output divider by 1. */
#define HFROSCCFG_RESET (OSC_EN | (16u << 16) | 4u)
#define HFXOSCCFG_RESET OSC_EN
#define PLLCFG_RESET (1u | (31u << 4) | (3u << 10) | PLL_REFSEL | PLL_BYPASS)
#define PLLOUTDIV_RESET OUTDIV_BY1

struct sifive_prci {
    struct device dev;
    /* properties */
    uint64_t hfrosc_hz;   /* undivided ring oscillator */
    uint64_t hfxosc_hz;   /* external crystal (16 MHz on the HiFive1 Rev B) */
    sim_time_t xosc_startup, pll_lock_time;
    /* registers */
    uint32_t hfrosccfg, hfxosccfg, pllcfg, plloutdiv, procmoncfg;
    sim_time_t xosc_ready_at, pll_lock_at;
    struct sim_clock_domain hfclk; /* 0 Hz until first computed */
};

static const struct dev_prop prci_props[] = {
    DEV_PROP(struct sifive_prci, hfrosc_hz, PROP_FREQ, "hfrosc-freq", "69MHz",
             "ring oscillator before hfroscdiv (13.8 MHz hfclk at reset, div 4)"),
    DEV_PROP(struct sifive_prci, hfxosc_hz, PROP_FREQ, "hfxosc-freq", "16MHz",
             "external crystal oscillator"),
    DEV_PROP(struct sifive_prci, xosc_startup, PROP_TIME, "xosc-startup", "0ps",
             "time from hfxoscen to hfxoscrdy"),
    DEV_PROP(struct sifive_prci, pll_lock_time, PROP_TIME, "pll-lock-time", "100us",
             "time from a PLL reconfiguration to plllock"),
    { 0 },
};

static struct sim *prci_sim(struct sifive_prci *p) { return &p->dev.m->sim; }

static uint64_t prci_hfrosc(const struct sifive_prci *p)
{
    return p->hfrosc_hz / (HFROSC_DIV(p->hfrosccfg) + 1);
}

/* hfclk from the registers (manual 6.4 PLL, 6.5 PLL output divider, 6.2 clock mux):
 * pllout = ref / (r+1) * 2(f+1) / 2^q, or ref when bypassed; then the final divider. */
static uint64_t prci_compute_hfclk(const struct sifive_prci *p)
{
    if (!(p->pllcfg & PLL_SEL))
        return prci_hfrosc(p);
    uint64_t ref = (p->pllcfg & PLL_REFSEL) ? p->hfxosc_hz : prci_hfrosc(p);
    uint64_t num = ref, den = 1;
    if (!(p->pllcfg & PLL_BYPASS)) {
        unsigned q = PLL_Q(p->pllcfg) ? PLL_Q(p->pllcfg) : 1; /* q=0 is not a valid setting */
        num *= 2 * (PLL_F(p->pllcfg) + 1);
        den *= (uint64_t)(PLL_R(p->pllcfg) + 1) << q;
    }
    if (!(p->plloutdiv & OUTDIV_BY1))
        den *= 2 * (OUTDIV_DIV(p->plloutdiv) + 1);
    return num / den;
}

/* Announce hfclk to whoever follows it when it changed (or `force`). */
static void prci_apply(struct sifive_prci *p, bool force)
{
    uint64_t hz = prci_compute_hfclk(p);
    if (hz == 0)
        hz = 1;
    if (hz == p->hfclk.clk.hz && !force)
        return;
    sim_clock_domain_set(&p->hfclk, hz);
}

static uint32_t prci_reg(struct sifive_prci *p, uint32_t off)
{
    sim_time_t now = sim_now(prci_sim(p));
    switch (off) {
    case PRCI_HFROSCCFG:
        return p->hfrosccfg | ((p->hfrosccfg & OSC_EN) ? OSC_RDY : 0);
    case PRCI_HFXOSCCFG:
        return p->hfxosccfg |
               (((p->hfxosccfg & OSC_EN) && now >= p->xosc_ready_at) ? OSC_RDY : 0);
    case PRCI_PLLCFG:
        return p->pllcfg | (now >= p->pll_lock_at ? PLL_LOCK : 0);
    case PRCI_PLLOUTDIV:
        return p->plloutdiv;
    case PRCI_PROCMONCFG:
        return p->procmoncfg;
    }
    return 0;
}

static int prci_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct sifive_prci *p = (struct sifive_prci *)d;
    *val = sifive_reg_extract(prci_reg(p, off & ~3u), off, size);
    return BUS_OK;
}

static int prci_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct sifive_prci *p = (struct sifive_prci *)d;
    uint32_t reg = off & ~3u;
    uint32_t v = sifive_reg_merge(prci_reg(p, reg), off, size, val);
    sim_time_t now = sim_now(prci_sim(p));
    switch (reg) {
    case PRCI_HFROSCCFG:
        p->hfrosccfg = v & (OSC_EN | HFROSC_TRIM_MASK | 0x3f);
        break;
    case PRCI_HFXOSCCFG:
        if ((v & OSC_EN) && !(p->hfxosccfg & OSC_EN))
            p->xosc_ready_at = now + p->xosc_startup;
        p->hfxosccfg = v & OSC_EN;
        break;
    case PRCI_PLLCFG: {
        uint32_t old = p->pllcfg;
        p->pllcfg = v & PLL_CFG_MASK;
        /* The PLL relocks after any change of its reference, dividers or bypass (6.4). */
        uint32_t relock = PLL_CFG_MASK & ~PLL_SEL;
        if ((old ^ p->pllcfg) & relock)
            p->pll_lock_at = now + p->pll_lock_time;
        break;
    }
    case PRCI_PLLOUTDIV:
        p->plloutdiv = v & (OUTDIV_BY1 | 0x3f);
        break;
    case PRCI_PROCMONCFG:
        p->procmoncfg = v;
        break;
    default:
        return BUS_OK; /* reserved: writes ignored */
    }
    prci_apply(p, false);
    return BUS_OK;
}

static void prci_reset(struct device *d)
{
    struct sifive_prci *p = (struct sifive_prci *)d;
    p->hfrosccfg = HFROSCCFG_RESET;
    p->hfxosccfg = HFXOSCCFG_RESET;
    p->pllcfg = PLLCFG_RESET;
    p->plloutdiv = PLLOUTDIV_RESET;
    p->procmoncfg = 0;
    sim_time_t now = sim_now(prci_sim(p));
    p->xosc_ready_at = now + p->xosc_startup;
    p->pll_lock_at = now + p->pll_lock_time;
    prci_apply(p, true);
}

static void prci_finalize(struct device *d)
{
    prci_apply((struct sifive_prci *)d, true);
}

static void prci_info(struct device *d, FILE *f, int indent)
{
    struct sifive_prci *p = (struct sifive_prci *)d;
    fprintf(f, "%*shfclk %llu Hz\n", indent, "", (unsigned long long)p->hfclk.clk.hz);
}

static struct sim_clock_domain *prci_clock(struct device *d)
{
    struct sifive_prci *p = (struct sifive_prci *)d;
    if (p->hfclk.clk.hz == 0) /* asked before finalize: from the registers as they are */
        p->hfclk.clk.hz = prci_compute_hfclk(p);
    return &p->hfclk;
}

static const struct dev_type sifive_prci_type = {
    .name = "sifive-prci",
    .desc = "SiFive FE310 PRCI: HFROSC, HFXOSC, PLL and the hfclk mux (sets the core clock)",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct sifive_prci),
    .props = prci_props,
    .mmio_size = 0x1000,
    .reset = prci_reset,
    .finalize = prci_finalize,
    .read = prci_read,
    .write = prci_write,
    .info = prci_info,
    .peek = prci_read, /* reads have no side effects */
    .clock = prci_clock,
};
DEV_TYPE(sifive_prci_type)

struct sim_clock_domain *sifive_clock_lookup(struct device *d, const char *clock_id)
{
    if (!clock_id || !*clock_id)
        return NULL;
    struct device *c = machine_find_device(d->m, clock_id);
    struct sim_clock_domain *clk = c ? dev_clock(c) : NULL;
    if (!clk)
        sim_warn("%s: clock '%s' is not a device that generates a clock; using the fixed "
                 "clk-freq", SIFIVE_DEV_NAME(d), clock_id);
    return clk;
}
