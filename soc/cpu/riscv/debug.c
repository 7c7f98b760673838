/* Debugger support in the RISC-V core: the breakpoint and watchpoint tables and the hooks
 * the core calls (see debug.h for the zero-cost design). */
#include "soc/cpu/riscv/debug.h"

#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/cpu/riscv/cpu.h"

struct rv_debug *rv_debug_attach(struct rv_cpu *c)
{
    if (!c->dbg)
        c->dbg = calloc(1, sizeof *c->dbg);
    return c->dbg;
}

void rv_debug_free(struct rv_cpu *c)
{
    free(c->dbg);
    c->dbg = NULL;
}

/* Drop any decoded instruction that could start at addr (a 16- or 32-bit one), so the
 * next fetch decodes again and sees the breakpoint table as it is now. */
static void invalidate_at(struct rv_cpu *c, uint32_t addr)
{
    rv_dcache_invalidate(c, addr, 4);
}

/* The fast data windows cover whole regions; drop them so the next access refills
 * through the slow path, which consults rv_debug_watched(). */
static void drop_windows(struct rv_cpu *c)
{
    c->rd_win.size = 0;
    c->wr_win.size = 0;
}

int rv_debug_insert_bp(struct rv_cpu *c, uint32_t addr, bool hw)
{
    struct rv_debug *d = rv_debug_attach(c);
    if (!d)
        return sim_err("gdb: out of memory");
    for (unsigned i = 0; i < d->nbp; i++)
        if (d->bp[i].addr == addr && d->bp[i].hw == hw)
            return 0; /* gdb may insert the same breakpoint again (E.4 Z0: idempotent) */
    if (d->nbp == RV_DEBUG_MAX_BP)
        return sim_err("gdb: too many breakpoints (%d)", RV_DEBUG_MAX_BP);
    d->bp[d->nbp++] = (struct rv_breakpoint){.addr = addr, .hw = hw};
    invalidate_at(c, addr);
    return 0;
}

int rv_debug_remove_bp(struct rv_cpu *c, uint32_t addr, bool hw)
{
    struct rv_debug *d = c->dbg;
    if (!d)
        return sim_err("gdb: no breakpoint at 0x%08x", addr);
    for (unsigned i = 0; i < d->nbp; i++)
        if (d->bp[i].addr == addr && d->bp[i].hw == hw) {
            d->bp[i] = d->bp[--d->nbp];
            invalidate_at(c, addr);
            return 0;
        }
    return sim_err("gdb: no breakpoint at 0x%08x", addr);
}

int rv_debug_insert_wp(struct rv_cpu *c, uint32_t addr, uint32_t len, unsigned kind)
{
    struct rv_debug *d = rv_debug_attach(c);
    if (!d)
        return sim_err("gdb: out of memory");
    if (d->nwp == RV_DEBUG_MAX_WP)
        return sim_err("gdb: too many watchpoints (%d)", RV_DEBUG_MAX_WP);
    d->wp[d->nwp++] = (struct rv_watchpoint){.addr = addr, .len = len, .kind = kind};
    drop_windows(c);
    return 0;
}

int rv_debug_remove_wp(struct rv_cpu *c, uint32_t addr, uint32_t len, unsigned kind)
{
    struct rv_debug *d = c->dbg;
    if (d)
        for (unsigned i = 0; i < d->nwp; i++)
            if (d->wp[i].addr == addr && d->wp[i].len == len && d->wp[i].kind == kind) {
                d->wp[i] = d->wp[--d->nwp];
                drop_windows(c); /* the page may be fast again */
                return 0;
            }
    return sim_err("gdb: no watchpoint at 0x%08x", addr);
}

void rv_debug_clear(struct rv_cpu *c)
{
    struct rv_debug *d = c->dbg;
    if (!d)
        return;
    while (d->nbp)
        invalidate_at(c, d->bp[--d->nbp].addr);
    d->nwp = 0;
    d->skip = false;
    d->hit = RV_HIT_NONE;
    drop_windows(c);
}

const struct rv_breakpoint *rv_debug_bp_at(const struct rv_cpu *c, uint32_t pc)
{
    const struct rv_debug *d = c->dbg;
    if (!d || (d->skip && d->skip_pc == pc))
        return NULL;
    for (unsigned i = 0; i < d->nbp; i++)
        if (d->bp[i].addr == pc)
            return &d->bp[i];
    return NULL;
}

bool rv_debug_watched(const struct rv_cpu *c, uint32_t base, uint32_t size)
{
    const struct rv_debug *d = c->dbg;
    if (!d)
        return false;
    for (unsigned i = 0; i < d->nwp; i++) {
        const struct rv_watchpoint *w = &d->wp[i];
        /* overlap of [base, base + size) and [w->addr, w->addr + w->len), wrap-safe */
        if (w->addr - base < size || base - w->addr < w->len)
            return true;
    }
    return false;
}

bool rv_debug_watch(struct rv_cpu *c, uint32_t addr, unsigned size, bool write)
{
    struct rv_debug *d = c->dbg;
    if (!d || !d->nwp)
        return false;
    unsigned want = write ? RV_WATCH_WRITE : RV_WATCH_READ;
    for (unsigned i = 0; i < d->nwp; i++) {
        const struct rv_watchpoint *w = &d->wp[i];
        if (!(w->kind & want))
            continue;
        if (w->addr - addr < size || addr - w->addr < w->len) {
            if (d->hit != RV_HIT_WATCH) { /* the first hit of an instruction is reported */
                d->hit = RV_HIT_WATCH;
                d->hit_addr = addr > w->addr ? addr : w->addr;
                d->hit_kind = want;
                d->hit_index = i;
            }
            return true;
        }
    }
    return false;
}
