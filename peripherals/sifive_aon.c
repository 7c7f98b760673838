/* SiFive FE310 always-on block (FE310-G002 manual, 7 "Always-On (AON) Domain", 8 "Watchdog
 * Timer", 9 "Power-Management Unit", 10 "Real-Time Clock"; the lfrosc of 6.7).
 *
 * Both counters run from lfclk (32768 Hz on the HiFive1 Rev B).  They are not ticked:
 * each keeps (base count, base lfclk cycle) and is computed from sim_now() on access; one
 * event per counter is scheduled for its next compare match only.
 *
 * Watchdog: wdogcount (31 bits) counts while wdogenalways or wdogcoreawake is set (the
 * core never sleeps here, so both mean "always"); wdogs = wdogcount >> wdogscale (16
 * bits); when wdogs >= wdogcmp0 the sticky wdogip0 sets (interrupt) and, with
 * wdogrsten, the whole SoC resets (machine_reset) with pmucause.resetcause = watchdog;
 * with wdogzerocmp the count restarts from 0 the cycle after a match.  Every watchdog
 * register write must be preceded by writing 0x51F15E to wdogkey; a write clears the
 * unlock.  Writing 0xD09F00D to wdogfeed (unlocked) restarts the count.
 *
 * RTC: rtccount is 48 bits (rtccountlo/hi); rtcs = rtccount >> rtcscale (32 bits); rtcip0
 * is rtcs >= rtccmp0, a level.
 *
 * PMU: the wakeup/sleep programs, pmuie, pmucause and the pmukey unlock are registers;
 * the backup registers keep their contents across a watchdog reset.  Not modelled:
 * pmusleep (sleep and wake-up sequencing; a write is ignored), lfclkmux switching and the
 * lfrosc divider/trim (lfclk is the lfclk-freq property), and the wdogcoreawake/
 * wdogenalways distinction during sleep. */
#include <string.h>

#include "peripherals/sifive_common.h"
#include "sim/error.h"
#include "soc/machine.h"

enum {
    AON_WDOGCFG = 0x000,
    AON_WDOGCOUNT = 0x008,
    AON_WDOGS = 0x010,
    AON_WDOGFEED = 0x018,
    AON_WDOGKEY = 0x01c,
    AON_WDOGCMP0 = 0x020,
    AON_RTCCFG = 0x040,
    AON_RTCCOUNTLO = 0x048,
    AON_RTCCOUNTHI = 0x04c,
    AON_RTCS = 0x050,
    AON_RTCCMP0 = 0x060,
    AON_LFROSCCFG = 0x070,
    AON_LFCLKMUX = 0x07c,
    AON_BACKUP0 = 0x080,
    AON_PMUWAKEUPI0 = 0x100,
    AON_PMUSLEEPI0 = 0x120,
    AON_PMUIE = 0x140,
    AON_PMUCAUSE = 0x144,
    AON_PMUSLEEP = 0x148,
    AON_PMUKEY = 0x14c,
};

#define AON_BACKUP_REGS 16
#define AON_KEY 0x51f15eu
#define AON_FEED 0xd09f00du

#define CFG_SCALE(v) ((v) & 0xf)
#define WDOG_RSTEN (1u << 8)
#define WDOG_ZEROCMP (1u << 9)
#define CFG_ENALWAYS (1u << 12)
#define WDOG_ENCOREAWAKE (1u << 13)
#define CFG_IP0 (1u << 28)
#define WDOGCFG_MASK (0xfu | WDOG_RSTEN | WDOG_ZEROCMP | CFG_ENALWAYS | WDOG_ENCOREAWAKE | CFG_IP0)
#define RTCCFG_MASK (0xfu | CFG_ENALWAYS)
#define WDOG_COUNT_MASK 0x7fffffffu
#define RTC_COUNT_MASK 0xffffffffffffull

#define RESETCAUSE_POWERON 0u
#define RESETCAUSE_WDOG 2u

/* Reset values of the PMU programs (manual 9.3, "PMU Instructions" defaults). */
static const uint32_t pmu_wakeup_reset[8] = { 0x1f0, 0x0f8, 0x030, 0x030,
                                              0x030, 0x030, 0x030, 0x030 };
static const uint32_t pmu_sleep_reset[8] = { 0x0f0, 0x1f0, 0x1d0, 0x1c0,
                                             0x1c0, 0x1c0, 0x1c0, 0x1c0 };

/* A counter computed from lfclk cycles: count(t) = base + lfcycles(t) - base_cycle. */
struct aon_counter {
    uint64_t base;
    uint64_t base_cycle;
    bool running;
};

struct sifive_aon {
    struct device dev;
    /* properties */
    struct irq_out wdog_irq, rtc_irq;
    uint64_t lfclk_hz;
    /* state */
    struct sim_clock lfclk;
    uint32_t wdogcfg, wdogcmp0;
    bool unlocked, pmu_unlocked;
    struct aon_counter wdog;
    struct sim_event wdog_ev;
    uint32_t rtccfg, rtccmp0;
    struct aon_counter rtc;
    struct sim_event rtc_ev;
    uint32_t lfrosccfg, lfclkmux;
    uint32_t backup[AON_BACKUP_REGS];
    uint32_t pmuwakeup[8], pmusleep[8], pmuie, pmucause;
    bool wdog_reset;       /* the reset in progress was requested by the watchdog */
    uint64_t wdog_resets;
};

static const struct dev_prop aon_props[] = {
    DEV_PROP(struct sifive_aon, wdog_irq, PROP_LINK, "wdog-irq", NULL,
             "watchdog interrupt (wdogip0), plic.1 on the FE310"),
    DEV_PROP(struct sifive_aon, rtc_irq, PROP_LINK, "rtc-irq", NULL,
             "RTC interrupt (rtcip0), plic.2 on the FE310"),
    DEV_PROP(struct sifive_aon, lfclk_hz, PROP_FREQ, "lfclk-freq", "32768Hz",
             "low-frequency clock of the watchdog and the RTC"),
    { 0 },
};

static struct sim *aon_sim(struct sifive_aon *a) { return &a->dev.m->sim; }

static uint64_t aon_lfcycle(struct sifive_aon *a)
{
    return sim_clock_to_cycles(&a->lfclk, sim_now(aon_sim(a)));
}

static uint64_t counter_raw(struct sifive_aon *a, const struct aon_counter *c)
{
    return c->running ? c->base + (aon_lfcycle(a) - c->base_cycle) : c->base;
}

/* Restart the counter's bookkeeping at value v, now, running or not. */
static void counter_set(struct sifive_aon *a, struct aon_counter *c, uint64_t v, bool run)
{
    c->base = v;
    c->base_cycle = aon_lfcycle(a);
    c->running = run;
}

/* ---- watchdog ---- */

static bool wdog_enabled(const struct sifive_aon *a)
{
    return (a->wdogcfg & (CFG_ENALWAYS | WDOG_ENCOREAWAKE)) != 0;
}

/* The count at which wdogs first reaches wdogcmp0. */
static uint64_t wdog_match_count(const struct sifive_aon *a)
{
    return (uint64_t)a->wdogcmp0 << CFG_SCALE(a->wdogcfg);
}

/* The count value folded into its cycle: with zerocmp the count runs 0..match and
 * restarts (8.4); without it the 31-bit counter wraps. */
static uint64_t wdog_fold(const struct sifive_aon *a, uint64_t raw)
{
    uint64_t match = wdog_match_count(a);
    if ((a->wdogcfg & WDOG_ZEROCMP) && raw > match)
        return (raw - match - 1) % (match + 1);
    return raw & WDOG_COUNT_MASK;
}

static uint32_t wdog_count(struct sifive_aon *a)
{
    return (uint32_t)wdog_fold(a, counter_raw(a, &a->wdog));
}

static void wdog_update_irq(struct sifive_aon *a)
{
    signal_set(&a->wdog_irq.sig, (a->wdogcfg & CFG_IP0) != 0);
}

/* Schedule the event for the next match, if the watchdog can still act. */
static void wdog_schedule(struct sifive_aon *a)
{
    struct sim *s = aon_sim(a);
    sim_cancel(s, &a->wdog_ev);
    if (!a->wdog.running)
        return;
    if ((a->wdogcfg & CFG_IP0) && !(a->wdogcfg & WDOG_RSTEN))
        return; /* nothing more happens until software clears wdogip0 */
    uint64_t now = aon_lfcycle(a);
    uint64_t cnt = wdog_fold(a, counter_raw(a, &a->wdog));
    uint64_t match = wdog_match_count(a);
    uint64_t at;
    if (cnt <= match)
        at = now + (match - cnt);
    else /* past the compare value without zerocmp: the next match follows the wrap */
        at = now + ((uint64_t)WDOG_COUNT_MASK + 1 - cnt) + match;
    sim_schedule(s, &a->wdog_ev, sim_clock_to_time_ceil(&a->lfclk, at));
}

static void wdog_fire(struct sim_event *ev)
{
    struct sifive_aon *a = container_of(ev, struct sifive_aon, wdog_ev);
    a->wdogcfg |= CFG_IP0;
    wdog_update_irq(a);
    if (a->wdogcfg & WDOG_RSTEN) {
        /* 8.2: the watchdog resets the SoC; pmucause tells firmware why it restarted. */
        a->wdog_reset = true;
        a->wdog_resets++;
        machine_reset(a->dev.m);
        return;
    }
    wdog_schedule(a);
}

/* The watchdog will reset the SoC: its match is scheduled and resets are enabled. */
static bool aon_reset_armed(struct device *d)
{
    struct sifive_aon *a = (struct sifive_aon *)d;
    return (a->wdogcfg & WDOG_RSTEN) && sim_event_pending(&a->wdog_ev);
}

/* ---- RTC ---- */

static uint32_t rtc_s(struct sifive_aon *a)
{
    uint64_t cnt = counter_raw(a, &a->rtc) & RTC_COUNT_MASK;
    return (uint32_t)(cnt >> CFG_SCALE(a->rtccfg));
}

static void rtc_update(struct sifive_aon *a)
{
    bool ip = rtc_s(a) >= a->rtccmp0;
    signal_set(&a->rtc_irq.sig, ip);
    struct sim *s = aon_sim(a);
    sim_cancel(s, &a->rtc_ev);
    if (ip || !a->rtc.running)
        return;
    uint64_t target = (uint64_t)a->rtccmp0 << CFG_SCALE(a->rtccfg);
    uint64_t at = a->rtc.base_cycle + (target - a->rtc.base);
    sim_schedule(s, &a->rtc_ev, sim_clock_to_time_ceil(&a->lfclk, at));
}

static void rtc_fire(struct sim_event *ev)
{
    rtc_update(container_of(ev, struct sifive_aon, rtc_ev));
}

/* ---- registers ---- */

static uint32_t aon_reg(struct sifive_aon *a, uint32_t reg)
{
    switch (reg) {
    case AON_WDOGCFG: return a->wdogcfg;
    case AON_WDOGCOUNT: return wdog_count(a);
    case AON_WDOGS: return (wdog_count(a) >> CFG_SCALE(a->wdogcfg)) & 0xffff;
    case AON_WDOGFEED: return 0;
    case AON_WDOGKEY: return a->unlocked ? 1 : 0;
    case AON_WDOGCMP0: return a->wdogcmp0;
    case AON_RTCCFG: return a->rtccfg | (rtc_s(a) >= a->rtccmp0 ? CFG_IP0 : 0);
    case AON_RTCCOUNTLO: return (uint32_t)counter_raw(a, &a->rtc);
    case AON_RTCCOUNTHI: return (uint32_t)(counter_raw(a, &a->rtc) >> 32) & 0xffff;
    case AON_RTCS: return rtc_s(a);
    case AON_RTCCMP0: return a->rtccmp0;
    case AON_LFROSCCFG: return a->lfrosccfg | ((a->lfrosccfg & (1u << 30)) ? 1u << 31 : 0);
    case AON_LFCLKMUX: return a->lfclkmux;
    case AON_PMUIE: return a->pmuie;
    case AON_PMUCAUSE: return a->pmucause;
    case AON_PMUSLEEP: return 0;
    case AON_PMUKEY: return a->pmu_unlocked ? 1 : 0;
    }
    if (reg >= AON_BACKUP0 && reg < AON_BACKUP0 + 4 * AON_BACKUP_REGS)
        return a->backup[(reg - AON_BACKUP0) / 4];
    if (reg >= AON_PMUWAKEUPI0 && reg < AON_PMUWAKEUPI0 + 32)
        return a->pmuwakeup[(reg - AON_PMUWAKEUPI0) / 4];
    if (reg >= AON_PMUSLEEPI0 && reg < AON_PMUSLEEPI0 + 32)
        return a->pmusleep[(reg - AON_PMUSLEEPI0) / 4];
    return 0;
}

static int aon_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct sifive_aon *a = (struct sifive_aon *)d;
    *val = sifive_reg_extract(aon_reg(a, off & ~3u), off, size);
    return BUS_OK;
}

static void aon_write_wdog(struct sifive_aon *a, uint32_t reg, uint32_t v)
{
    if (reg == AON_WDOGKEY) {
        a->unlocked = (v == AON_KEY);
        return;
    }
    if (!a->unlocked)
        return; /* 8.3: writes without the key are ignored */
    a->unlocked = false;
    switch (reg) {
    case AON_WDOGCFG: {
        uint32_t cnt = wdog_count(a);
        a->wdogcfg = v & WDOGCFG_MASK;
        counter_set(a, &a->wdog, cnt, wdog_enabled(a));
        break;
    }
    case AON_WDOGCOUNT:
        counter_set(a, &a->wdog, v & WDOG_COUNT_MASK, wdog_enabled(a));
        break;
    case AON_WDOGFEED:
        if (v == AON_FEED)
            counter_set(a, &a->wdog, 0, wdog_enabled(a));
        break;
    case AON_WDOGCMP0: {
        uint32_t cnt = wdog_count(a);
        a->wdogcmp0 = v & 0xffff;
        counter_set(a, &a->wdog, cnt, wdog_enabled(a));
        break;
    }
    default:
        return;
    }
    wdog_update_irq(a);
    wdog_schedule(a);
}

static int aon_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct sifive_aon *a = (struct sifive_aon *)d;
    uint32_t reg = off & ~3u;
    uint32_t v = sifive_reg_merge(aon_reg(a, reg), off, size, val);
    if (reg <= AON_WDOGCMP0) {
        aon_write_wdog(a, reg, v);
        return BUS_OK;
    }
    switch (reg) {
    case AON_RTCCFG: {
        uint64_t cnt = counter_raw(a, &a->rtc);
        a->rtccfg = v & RTCCFG_MASK;
        counter_set(a, &a->rtc, cnt, (a->rtccfg & CFG_ENALWAYS) != 0);
        rtc_update(a);
        return BUS_OK;
    }
    case AON_RTCCOUNTLO:
    case AON_RTCCOUNTHI: {
        uint64_t cnt = counter_raw(a, &a->rtc);
        if (reg == AON_RTCCOUNTLO)
            cnt = (cnt & ~0xffffffffull) | v;
        else
            cnt = (cnt & 0xffffffffull) | ((uint64_t)(v & 0xffff) << 32);
        counter_set(a, &a->rtc, cnt, a->rtc.running);
        rtc_update(a);
        return BUS_OK;
    }
    case AON_RTCCMP0:
        a->rtccmp0 = v;
        rtc_update(a);
        return BUS_OK;
    case AON_LFROSCCFG:
        a->lfrosccfg = v & ((1u << 30) | (0x1fu << 16) | 0x3f);
        return BUS_OK;
    case AON_LFCLKMUX:
        a->lfclkmux = v & 1;
        return BUS_OK;
    case AON_PMUKEY:
        a->pmu_unlocked = (v == AON_KEY);
        return BUS_OK;
    }
    if (reg >= AON_BACKUP0 && reg < AON_BACKUP0 + 4 * AON_BACKUP_REGS) {
        a->backup[(reg - AON_BACKUP0) / 4] = v;
        return BUS_OK;
    }
    /* 9.4: PMU registers take a write only right after the pmukey unlock. */
    bool pmu = (reg >= AON_PMUWAKEUPI0 && reg <= AON_PMUSLEEP);
    if (!pmu || !a->pmu_unlocked)
        return BUS_OK;
    a->pmu_unlocked = false;
    if (reg < AON_PMUSLEEPI0)
        a->pmuwakeup[(reg - AON_PMUWAKEUPI0) / 4] = v & 0x1ff;
    else if (reg < AON_PMUIE)
        a->pmusleep[(reg - AON_PMUSLEEPI0) / 4] = v & 0x1ff;
    else if (reg == AON_PMUIE)
        a->pmuie = v & 0x3;
    /* pmucause is read-only; pmusleep (entering sleep) is not modelled. */
    return BUS_OK;
}

static int aon_realize(struct device *d)
{
    struct sifive_aon *a = (struct sifive_aon *)d;
    if (!a->lfclk_hz)
        return sim_err("%s: lfclk-freq must not be 0", SIFIVE_DEV_NAME(d));
    sim_clock_init(&a->lfclk, a->lfclk_hz);
    sim_event_init(&a->wdog_ev, wdog_fire, "sifive-aon watchdog");
    sim_event_init(&a->rtc_ev, rtc_fire, "sifive-aon rtc");
    return 0;
}

static void aon_reset(struct device *d)
{
    struct sifive_aon *a = (struct sifive_aon *)d;
    struct sim *s = aon_sim(a);
    bool by_wdog = a->wdog_reset;
    a->wdog_reset = false;
    /* The watchdog's own registers reset either way (so a reset cannot loop forever). */
    sim_cancel(s, &a->wdog_ev);
    a->wdogcfg = 0;
    a->wdogcmp0 = 0xffff;
    a->unlocked = a->pmu_unlocked = false;
    counter_set(a, &a->wdog, 0, false);
    wdog_update_irq(a);
    if (by_wdog) {
        /* The rest of the always-on domain survives a watchdog reset (7.1). */
        a->pmucause = RESETCAUSE_WDOG << 8;
        return;
    }
    sim_cancel(s, &a->rtc_ev);
    a->rtccfg = 0;
    a->rtccmp0 = 0xffffffffu;
    counter_set(a, &a->rtc, 0, false);
    a->lfrosccfg = (1u << 30) | (16u << 16) | 4u;
    a->lfclkmux = 0;
    memset(a->backup, 0, sizeof a->backup);
    memcpy(a->pmuwakeup, pmu_wakeup_reset, sizeof a->pmuwakeup);
    memcpy(a->pmusleep, pmu_sleep_reset, sizeof a->pmusleep);
    a->pmuie = 0;
    a->pmucause = RESETCAUSE_POWERON << 8;
    rtc_update(a);
}

static void aon_info(struct device *d, FILE *f, int indent)
{
    struct sifive_aon *a = (struct sifive_aon *)d;
    fprintf(f, "%*swdogcount %u rtccount %llu, %llu watchdog resets\n", indent, "",
            wdog_count(a), (unsigned long long)counter_raw(a, &a->rtc),
            (unsigned long long)a->wdog_resets);
}

static const struct dev_state aon_state[] = {
    DEV_STATE_RANGE(struct sifive_aon, wdogcfg, wdog),
    DEV_STATE_RANGE(struct sifive_aon, rtccfg, rtc),
    DEV_STATE_RANGE(struct sifive_aon, lfrosccfg, wdog_resets),
    {0},
};

static const struct dev_type sifive_aon_type = {
    .name = "sifive-aon",
    .desc = "SiFive FE310 always-on block: watchdog (resets the SoC), RTC, PMU, backup registers",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct sifive_aon),
    .props = aon_props,
    .mmio_size = 0x1000,
    .realize = aon_realize,
    .reset = aon_reset,
    .read = aon_read,
    .write = aon_write,
    .info = aon_info,
    .peek = aon_read, /* reads have no side effects */
    .reset_armed = aon_reset_armed,
    .state = aon_state,
};
DEV_TYPE(sifive_aon_type)
