/* Debugger support in the RISC-V core: the breakpoint and watchpoint tables, the hooks
 * the core calls (see debug.h for the zero-cost design) and run control for the stub. */
#include "soc/cpu/riscv/debug.h"

#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/cpu/riscv/cpu.h"
#include "soc/cpu/riscv/internal.h"

static struct rv_debug *dbg_of(const struct rv_cpu *c) { return c->dbg; }

const struct rv_breakpoint *rv_debug_bp_at(const struct rv_cpu *c, uint32_t pc)
{
    const struct rv_debug *d = dbg_of(c);
    if (!d)
        return NULL;
    for (unsigned i = 0; i < d->nbp; i++)
        if (d->bp[i].addr == pc)
            return &d->bp[i];
    return NULL;
}

/* Decode-time hook (rv_fill): the instruction at pc decodes to RV_DEBUG_BREAK. */
static bool hook_is_breakpoint(struct rv_cpu *c, uint32_t pc)
{
    const struct rv_debug *d = dbg_of(c);
    if (d->skip && d->skip_pc == pc)
        return false; /* stepping over it: decode the real instruction this once */
    return rv_debug_bp_at(c, pc) != NULL;
}

/* The run loop reached RV_DEBUG_BREAK at c->pc; the instruction has not executed.  This
 * strong definition replaces the core's weak one to record which kind of breakpoint. */
void rv_debug_break(struct rv_cpu *c)
{
    struct rv_debug *d = dbg_of(c);
    if (rv_break_once(c) && !(d && hook_is_breakpoint(c, c->pc)))
        return; /* a trace window's break alone: the run goes on */
    if (d) {
        const struct rv_breakpoint *b = rv_debug_bp_at(c, c->pc);
        d->hit = b && b->hw ? RV_HIT_HWBREAK : RV_HIT_SWBREAK;
    }
    c->halted = true;
    sim_stop(&c->dev.m->sim, SIM_STOP_BREAKPOINT, 0);
}

/* A load or store of [addr, addr + size) is about to be made: true (and the run stops)
 * when it touches a watchpoint of kind `want`.  The access is then not made: the run
 * stops before the instruction, because gdb's RISC-V port takes watchpoints as triggering
 * before the access (its have_nonsteppable_watchpoint): it removes them, single-steps the
 * instruction and then compares the old and new values. */
static bool watch_hit(struct rv_cpu *c, uint32_t addr, unsigned size, unsigned want)
{
    struct rv_debug *d = dbg_of(c);
    if (d->watch_skip)
        return false; /* resuming at the instruction that stopped: it goes ahead */
    for (unsigned i = 0; i < d->nwp; i++) {
        const struct rv_watchpoint *w = &d->wp[i];
        if (!(w->kind & want))
            continue;
        /* [addr, addr + size) overlaps [w->addr, w->addr + w->len), wrap-safe */
        if (w->addr - addr < size || addr - w->addr < w->len) {
            d->hit = RV_HIT_WATCH;
            d->hit_addr = addr > w->addr ? addr : w->addr; /* inside the watched range */
            d->hit_kind = want;
            d->hit_index = i;
            sim_stop(&c->dev.m->sim, SIM_STOP_BREAKPOINT, 0);
            return true;
        }
    }
    return false;
}

static bool hook_watch_load(struct rv_cpu *c, uint32_t addr, unsigned size)
{
    return watch_hit(c, addr, size, RV_WATCH_READ);
}

static bool hook_watch_store(struct rv_cpu *c, uint32_t addr, unsigned size)
{
    return watch_hit(c, addr, size, RV_WATCH_WRITE);
}

struct rv_debug *rv_debug_attach(struct rv_cpu *c)
{
    if (!c->dbg) {
        struct rv_debug *d = calloc(1, sizeof *d);
        if (!d)
            return NULL;
        c->dbg = d;
        c->dbg_is_breakpoint = hook_is_breakpoint;
    }
    return c->dbg;
}

void rv_debug_free(struct rv_cpu *c)
{
    if (!c->dbg)
        return;
    rv_debug_clear(c);
    free(c->dbg);
    c->dbg = NULL;
    c->dbg_is_breakpoint = NULL;
    c->dbg_watch_load = NULL;
    c->dbg_watch_store = NULL;
}

/* Drop any decoded instruction that could start at addr (16- or 32-bit), so the next
 * fetch decodes again and sees the breakpoint table as it is now. */
static void invalidate_at(struct rv_cpu *c, uint32_t addr)
{
    rv_dcache_invalidate(c, addr, 4);
}

int rv_debug_insert_bp(struct rv_cpu *c, uint32_t addr, bool hw)
{
    struct rv_debug *d = rv_debug_attach(c);
    if (!d)
        return sim_err("gdb: out of memory");
    for (unsigned i = 0; i < d->nbp; i++)
        if (d->bp[i].addr == addr && d->bp[i].hw == hw)
            return 0; /* gdb may insert the same one again (GDB docs E.4 Z0: idempotent) */
    if (d->nbp == RV_DEBUG_MAX_BP)
        return sim_err("gdb: too many breakpoints (%d)", RV_DEBUG_MAX_BP);
    d->bp[d->nbp++] = (struct rv_breakpoint){.addr = addr, .hw = hw};
    invalidate_at(c, addr);
    return 0;
}

int rv_debug_remove_bp(struct rv_cpu *c, uint32_t addr, bool hw)
{
    struct rv_debug *d = dbg_of(c);
    for (unsigned i = 0; d && i < d->nbp; i++)
        if (d->bp[i].addr == addr && d->bp[i].hw == hw) {
            d->bp[i] = d->bp[--d->nbp];
            invalidate_at(c, addr);
            return 0;
        }
    return sim_err("gdb: no breakpoint at 0x%08x", addr);
}

/* Read watchpoints need every load on the slow path (the core's read window is one big
 * region); write watchpoints only their pages.  Device accesses always take the slow
 * path; the hooks are set only while a watchpoint of their kind exists, so without one a
 * device access pays nothing but the test of a NULL hook. */
static void update_watch_paths(struct rv_cpu *c)
{
    struct rv_debug *d = dbg_of(c);
    unsigned kinds = 0;
    for (unsigned i = 0; i < d->nwp; i++)
        kinds |= d->wp[i].kind;
    bool reads = (kinds & RV_WATCH_READ) != 0;
    c->no_read_window = reads;
    c->dbg_watch_load = reads ? hook_watch_load : NULL;
    c->dbg_watch_store = (kinds & RV_WATCH_WRITE) ? hook_watch_store : NULL;
    if (reads)
        c->rd_win.lim = 0;
}

int rv_debug_insert_wp(struct rv_cpu *c, uint32_t addr, uint32_t len, unsigned kind)
{
    struct rv_debug *d = rv_debug_attach(c);
    if (!d)
        return sim_err("gdb: out of memory");
    if (!len)
        return sim_err("gdb: empty watchpoint at 0x%08x", addr);
    if (d->nwp == RV_DEBUG_MAX_WP)
        return sim_err("gdb: too many watchpoints (%d)", RV_DEBUG_MAX_WP);
    d->wp[d->nwp++] = (struct rv_watchpoint){.addr = addr, .len = len, .kind = kind};
    if (kind & RV_WATCH_WRITE) {
        /* Stores to these pages leave the fast path from now on (the mark stays; it
         * only costs the slow path on those pages). */
        for (uint64_t a = addr & ~((1u << RV_PAGE_BITS) - 1); a < (uint64_t)addr + len;
             a += 1u << RV_PAGE_BITS)
            rv_page_watch_public(c, (uint32_t)a);
    }
    update_watch_paths(c);
    return 0;
}

int rv_debug_remove_wp(struct rv_cpu *c, uint32_t addr, uint32_t len, unsigned kind)
{
    struct rv_debug *d = dbg_of(c);
    for (unsigned i = 0; d && i < d->nwp; i++)
        if (d->wp[i].addr == addr && d->wp[i].len == len && d->wp[i].kind == kind) {
            d->wp[i] = d->wp[--d->nwp];
            update_watch_paths(c);
            return 0;
        }
    return sim_err("gdb: no watchpoint at 0x%08x", addr);
}

void rv_debug_clear(struct rv_cpu *c)
{
    struct rv_debug *d = dbg_of(c);
    if (!d)
        return;
    while (d->nbp)
        invalidate_at(c, d->bp[--d->nbp].addr);
    d->nwp = 0;
    d->skip = false;
    d->watch_stopped = false;
    d->hit = RV_HIT_NONE;
    update_watch_paths(c);
    c->halted = false;
}

/* ---- run control ---- */

/* One instruction (or one trap entry), with the kernel's events fired exactly as a free
 * run would fire them: those due at the CPU's time go first, then the CPU executes with
 * sim_now() showing its local time to the devices it touches.  Returns SIM_RUNNING when
 * the instruction ran and nothing asked to stop. */
static enum sim_stop_reason step_one(struct rv_cpu *c)
{
    struct sim *s = &c->dev.m->sim;
    if (c->wfi && !(c->mip & c->mie)) {
        /* Asleep: only events can wake it.  Let the kernel run up to the first
         * instruction retired after the wake-up. */
        uint64_t saved = s->max_insns;
        s->max_insns = c->instret + 1;
        enum sim_stop_reason r = sim_run(s);
        s->max_insns = saved;
        if (r == SIM_STOP_INSN_LIMIT && c->instret < saved) {
            sim_resume(s);
            return SIM_RUNNING;
        }
        return r;
    }
    sim_time_t t = rv_cpu_now(c);
    if (t > s->now)
        s->now = t;
    sim_fire_until(s, s->now);
    if (s->stop != SIM_RUNNING)
        return s->stop;
    s->in_proc = true;
    rv_cpu_step(c);
    s->in_proc = false;
    t = rv_cpu_now(c);
    if (t > s->now)
        s->now = t;
    return s->stop;
}

static enum sim_stop_reason run(struct rv_cpu *c, bool step)
{
    struct sim *s = &c->dev.m->sim;
    struct rv_debug *d = dbg_of(c);
    /* Resuming where a breakpoint or a watchpoint stopped the run: that instruction
     * executes first, once, as a step with the breakpoint or watchpoints out of its way. */
    bool over = rv_debug_bp_at(c, c->pc) != NULL;
    bool watch_over = d->watch_stopped && d->watch_pc == c->pc;
    d->watch_stopped = false;
    if (step || over || watch_over) {
        uint32_t pc = c->pc;
        if (over) {
            d->skip = true;
            d->skip_pc = pc;
            invalidate_at(c, pc);
        }
        d->watch_skip = watch_over;
        enum sim_stop_reason r = step_one(c);
        d->watch_skip = false;
        if (over) {
            d->skip = false;
            invalidate_at(c, pc); /* decode the breakpoint again next time */
        }
        if (r != SIM_RUNNING)
            return r;
        if (step) {
            d->hit = RV_HIT_STEP;
            sim_stop(s, SIM_STOP_BREAKPOINT, 0);
            return SIM_STOP_BREAKPOINT;
        }
    }
    return sim_run(s);
}

enum sim_stop_reason rv_debug_run(struct rv_cpu *c, bool step)
{
    struct rv_debug *d = rv_debug_attach(c);
    if (!d) {
        sim_err("gdb: out of memory");
        return SIM_STOP_ERROR;
    }
    c->halted = false;
    d->hit = RV_HIT_NONE;
    enum sim_stop_reason r = run(c, step);
    if (d->hit == RV_HIT_WATCH) {
        d->watch_stopped = true; /* before the instruction at c->pc */
        d->watch_pc = c->pc;
    }
    return r;
}

int rv_debug_set_priv(struct rv_cpu *c, uint64_t priv)
{
    if (priv != RV_PRIV_M && priv != RV_PRIV_U)
        return -1;
    c->priv = (uint8_t)priv;
    rv_priv_changed(c, false); /* the fetch and data rules of the new level */
    rv_cpu_kick(c);               /* (a run loop holds the decode cache of the old one) */
    return 0;
}
