/* The RISC-V hart: device types, reset, clock, the outer run loop, traps, CSRs and the
 * slow memory paths.  The instruction loop itself is run_template.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "sim/log.h"
#include "soc/checkpoint.h"
#include "soc/cpu/riscv/debug.h"
#include "soc/cpu/riscv/internal.h"

static const char *const misaligned_names[] = {"trap", "split", NULL};
static const char *const boot_names[] = {"entry", "reset", NULL};

struct rv_cpu *rv_cpu_of(struct device *d) { return (struct rv_cpu *)d; }

const char *rv_cpu_model_name(const struct rv_cpu *c) { return c->tm_model->name; }

/* The model's run loop: with translated blocks when the CPU has a translator and no
 * --pipeline records (translated blocks do not report stages); the observed one while an
 * observer listens, or --pipeline records a model that reports from there. */
typedef void (*rv_runner_fn)(struct rv_cpu *c);
static rv_runner_fn runner_for(const struct rv_cpu *c)
{
    if (unlikely(OUTPUT_HOOK(c->cpu.observers != NULL))) /* (rv_observe checked: one) */
        return c->tm_model->run_observed;
    if (unlikely(OUTPUT_HOOK(c->pipe)) && c->tm_model->pipeline_one_cycle)
        return c->tm_model->run_observed;
    return c->jit && !OUTPUT_HOOK(c->pipe) ? c->tm_model->run_translated : c->tm_model->run;
}

/* ---- clock and time ---- */

sim_time_t rv_cpu_now(const struct rv_cpu *c)
{
    return c->clk_base_time + sim_clock_to_time(&c->clk, c->cycle - c->clk_base_cycle);
}

void rv_cpu_set_freq(struct rv_cpu *c, uint64_t hz)
{
    c->clk_base_time = rv_cpu_now(c);
    c->clk_base_cycle = c->cycle;
    sim_clock_init(&c->clk, hz);
    c->freq = hz;
    rv_cpu_kick(c); /* the cycle limit for the horizon changed */
}

/* First cycle that starts at or after time t. */
static uint64_t cycle_at(const struct rv_cpu *c, sim_time_t t)
{
    if (t == SIM_TIME_MAX)
        return UINT64_MAX;
    if (t <= c->clk_base_time)
        return c->clk_base_cycle;
    return c->clk_base_cycle + sim_clock_to_cycles_ceil(&c->clk, t - c->clk_base_time);
}

/* ---- the outer run loop ---- */

static sim_time_t proc_now(void *ctx) { return rv_cpu_now(ctx); }
static bool proc_idle(void *ctx)
{
    struct rv_cpu *c = ctx;
    return c->wfi && !(c->mip & c->mie);
}

static void proc_set_horizon(void *ctx, sim_time_t h)
{
    struct rv_cpu *c = ctx;
    c->horizon = h;
    c->cycle_limit = c->cycle_over = 0;
}

/* ---- -d exec, -d cpu ---- */

static void log_registers(const struct rv_cpu *c)
{
    char buf[640];
    int n = snprintf(buf, sizeof(buf), "cpu: cycle %llu pc 0x%08x", (unsigned long long)c->cycle,
                     c->pc);
    for (unsigned i = 0; i < 32; i++)
        n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%s %-4s %08x", i % 8 ? "" : "\n",
                      rv_reg_names[i], c->x[i]);
    snprintf(buf + n, sizeof(buf) - (size_t)n,
             "\n mstatus %08x mie %08x mip %08x mtvec %08x mepc %08x mcause %08x mtval %08x",
             c->mstatus, c->mie, c->mip, c->mtvec, c->mepc, c->mcause, c->mtval);
    sim_log("%s", buf);
}

static void log_insn(struct rv_cpu *c)
{
    struct rv_insn d;
    rv_fill(c, c->pc, &d); /* as the run loop will: is there an instruction at all? */
    if (d.op == RV_FETCH_FAULT) {
        sim_log("exec: cycle %llu pc 0x%08x: (no instruction: fetch fault)",
                (unsigned long long)c->cycle, c->pc);
        return;
    }
    uint32_t raw = rv_insn_bits(c, c->pc);
    /* the bits again: rv_fill shows a gdb breakpoint as debug-break */
    rv_decode(raw, c->isa_ext, &d);
    char text[80];
    rv_disasm(&d, c->pc, text, sizeof(text));
    sim_log("exec: cycle %llu pc 0x%08x: %0*x%*s %s", (unsigned long long)c->cycle, c->pc,
            d.len * 2, raw, 10 - d.len * 2, "", text);
}

/* One instruction, logged before it runs (-d exec, -d cpu), by running the model's loop
 * with a limit one cycle ahead: every instruction takes at least one.  A call with no
 * cycle to run first takes a pending interrupt, so that what is logged is what runs; a
 * debugger's step (trap_is_step) ends there when it took one. */
static void run_logged(struct rv_cpu *c, rv_runner_fn run, bool trap_is_step)
{
    struct sim *s = &c->dev.m->sim;
    uint64_t limit = c->cycle_limit;
    uint32_t pc = c->pc;
    c->cycle_limit = c->cycle;
    run(c);
    if (c->wfi || c->halted || s->stop != SIM_RUNNING || c->cycle >= limit ||
        (trap_is_step && c->pc != pc))
        return;
    if (c->brk_fn && c->pc == c->brk_pc) {
        /* A one-time break (break_at) fires first; the instruction is logged as it runs. */
        c->cycle_limit = c->cycle + 1;
        run(c);
        return;
    }
    if (sim_log_on(SIM_LOG_CPU))
        log_registers(c);
    if (sim_log_on(SIM_LOG_EXEC))
        log_insn(c);
    c->cycle_limit = c->cycle + 1;
    run(c);
}

void rv_cpu_run(struct rv_cpu *c, sim_time_t horizon)
{
    struct sim *s = &c->dev.m->sim;
    c->horizon = horizon;
    while (s->stop == SIM_RUNNING && !c->halted) {
        /* (observers come and go between runs; a trace window's edge may have started or
         * stopped --pipeline) */
        rv_runner_fn run = runner_for(c);
        /* --max-insns counts instructions executed: retired, or ended by an exception, so a
         * loop of faults ends too. */
        uint64_t done = c->instret + c->exceptions;
        if (OUTPUT_HOOK(done >= s->insn_mark)) { /* a trace window's edge: the run goes on */
            s->insn_mark = UINT64_MAX;
            s->insn_mark_fn(s, s->insn_mark_opaque);
            continue;
        }
        if (done >= s->max_insns) {
            sim_stop(s, SIM_STOP_INSN_LIMIT, 0);
            break;
        }
        uint64_t hc = cycle_at(c, c->horizon);
        if (c->cycle >= hc)
            break;
        uint64_t until = OUTPUT_HOOK(s->insn_mark < s->max_insns) ? s->insn_mark : s->max_insns;
        uint64_t left = until - done; /* every instruction takes >= 1 cycle */
        c->cycle_limit = hc - c->cycle > left ? c->cycle + left : hc;
        if (sim_log_on(SIM_LOG_EXEC | SIM_LOG_CPU)) {
            run_logged(c, run, false);
        } else {
            if (s->in_proc && s->overrun > c->horizon) {
                uint64_t over = cycle_at(c, s->overrun);
                c->cycle_over = over - c->cycle > left ? c->cycle + left : over;
            }
            run(c);
            c->cycle_over = 0;
        }
        if (unlikely(OUTPUT_HOOK(c->lat.returned)))
            rv_lat_returned(c);
        if (proc_idle(c)) {
            /* Asleep in wfi: time passes to the horizon, where an event may wake us. */
            hc = cycle_at(c, c->horizon);
            if (hc != UINT64_MAX && c->cycle < hc) {
                c->stats.stall[RV_STALL_WFI] += hc - c->cycle;
                c->cycle = hc;
                if (OUTPUT_HOOK(c->cpu.observers))
                    rv_obs_sleep(c);
            }
            break;
        }
    }
    c->cycle_limit = 0;
}

void rv_cpu_step(struct rv_cpu *c)
{
    struct sim *s = &c->dev.m->sim;
    rv_runner_fn run = runner_for(c);
    uint64_t before = c->instret;
    uint32_t pc = c->pc;
    /* One instruction, or one trap entry: stop as soon as either happened. */
    for (int tries = 0; tries < 4 && c->instret == before && c->pc == pc && !c->wfi; tries++) {
        c->cycle_limit = c->cycle + 1;
        c->single_step = true;
        if (sim_log_on(SIM_LOG_EXEC | SIM_LOG_CPU))
            run_logged(c, run, true);
        else
            run(c);
        if (OUTPUT_HOOK(c->lat.returned))
            rv_lat_returned(c);
        if (s->stop != SIM_RUNNING)
            break;
    }
    c->single_step = false;
    c->cycle_limit = 0;
}

void rv_cpu_set_line(struct rv_cpu *c, uint32_t bit, bool level)
{
    if (level && !(c->mip & bit)) {
        c->irq_rise = cycle_at(c, sim_change_time(&c->dev.m->sim));
        if (unlikely(OUTPUT_HOOK(c->lat.on)))
            rv_lat_line(c, bit, c->irq_rise);
    }
    if (level)
        c->mip |= bit;
    else
        c->mip &= ~bit;
    if (c->mip & c->mie)
        rv_cpu_kick(c);
}

/* Every slot of a decode cache empty. */
static void dcache_clear(struct rv_insn *dc)
{
    for (uint32_t i = 0; i < RV_DCACHE_SIZE; i++)
        dc[i].pc = RV_TAG_INVALID;
}

/* ---- traps ---- */

/* -d guest_errors: why an access raised an access fault.  The instruction at mepc says how
 * wide it was; the bus says what lies at the address. */
static void log_access_fault(struct rv_cpu *c, uint32_t cause, uint32_t addr)
{
    struct bus_region *r = bus_find(c->bus, addr);
    const char *what = cause == RV_EXC_INSN_FAULT   ? "fetch from"
                       : cause == RV_EXC_LOAD_FAULT ? "load from"
                                                    : "store to";
    char why[160];
    /* named as --info-tree's memory map names it */
    const char *name = !r           ? NULL
                       : r->dev && r->dev->id ? r->dev->id
                       : r->name    ? r->name
                                    : dev_label(r->dev);
    struct rv_insn d = {0};
    if (cause != RV_EXC_INSN_FAULT)
        rv_decode(rv_insn_bits(c, c->pc), c->isa_ext, &d);
    unsigned size = rv_op_size(d.op) ? rv_op_size(d.op) : 4;
    if (!r)
        snprintf(why, sizeof(why), "nothing is mapped there");
    else if (cause == RV_EXC_INSN_FAULT && (!r->host || !r->executable))
        snprintf(why, sizeof(why), "%s is not executable memory", name);
    else if (cause == RV_EXC_STORE_FAULT && r->host && r->readonly)
        snprintf(why, sizeof(why), "%s is read-only", name);
    else if (r->host || addr - r->base > r->size - size)
        snprintf(why, sizeof(why), "it runs past the end of %s", name);
    else if (addr & (size - 1))
        snprintf(why, sizeof(why), "%s takes aligned accesses only", name);
    else
        snprintf(why, sizeof(why), "%s refused the %u-byte access at offset 0x%x", name, size,
                 addr - r->base);
    sim_log("guest_errors: cycle %llu pc 0x%08x: %s 0x%08x: %s", (unsigned long long)c->cycle,
            c->pc, what, addr, why);
}

/* The same trap again at the same pc with nothing retired since the last one: the
 * instruction at the handler traps itself.  Nothing can end that but a reset (mstatus.MIE
 * is 0 from the first trap on, so no interrupt comes either), so after RV_TRAP_LOOP_REPEATS
 * the run stops, unless a device will reset the machine (an armed watchdog), as it would
 * on the chip.  On the trap path only: compares with the previous trap. */
static void trap_loop_check(struct rv_cpu *c, uint32_t cause, uint32_t epc)
{
    if (cause != c->loop_cause || epc != c->loop_pc || c->instret != c->loop_instret) {
        c->loop_cause = cause;
        c->loop_pc = epc;
        c->loop_instret = c->instret;
        c->loop_count = 1;
        return;
    }
    if (++c->loop_count < RV_TRAP_LOOP_REPEATS)
        return;
    c->loop_count = 0; /* a debugger that lets it go on sees the next round */
    if (!machine_reset_armed(c->dev.m))
        sim_stop(&c->dev.m->sim, SIM_STOP_TRAP_LOOP, 0);
}

void rv_trap_loop_describe(const struct rv_cpu *c, char *buf, size_t n)
{
    snprintf(buf, n,
             "firmware stuck in a trap loop: mcause=0x%x (%s) mepc=0x%08x mtval=0x%08x "
             "(pc 0x%08x, mtvec 0x%08x)",
             c->mcause, rv_cause_name(c->mcause), c->mepc, c->mtval, c->pc, c->mtvec);
}

void rv_trap(struct rv_cpu *c, uint32_t cause, uint32_t tval)
{
    bool irq = cause >> 31;
    if (!irq)
        c->exceptions++;
    if (sim_log_on(SIM_LOG_GUEST_ERRORS) &&
        (cause == RV_EXC_INSN_FAULT || cause == RV_EXC_LOAD_FAULT || cause == RV_EXC_STORE_FAULT))
        log_access_fault(c, cause, tval);
    c->mepc = c->pc;
    c->mcause = cause;
    c->mtval = tval;
    if (c->has_cpuctrl && !irq) {
        /* Ibex's cpuctrlsts: sync_exc_seen until mret; double_fault_seen on a synchronous
         * exception while it is set (Ibex reference, "Double Fault Detection") */
        if (c->cpuctrl & RV_CPUCTRL_SYNC_EXC)
            c->cpuctrl |= RV_CPUCTRL_DOUBLE_FAULT;
        c->cpuctrl |= RV_CPUCTRL_SYNC_EXC;
    }
    /* Priv 3.1.6.1: MPIE <- MIE, MIE <- 0, MPP <- the level trapped from; to M mode */
    uint32_t mie = (c->mstatus & RV_MSTATUS_MIE) ? RV_MSTATUS_MPIE : 0;
    unsigned from = c->priv;
    c->mstatus = (c->mstatus & ~(RV_MSTATUS_MIE | RV_MSTATUS_MPIE | RV_MSTATUS_MPP)) | mie |
                 from << RV_MSTATUS_MPP_SHIFT;
    c->priv = RV_PRIV_M;
    if (from != RV_PRIV_M || (c->mstatus & RV_MSTATUS_MPRV)) /* (else the rules stay M's) */
        rv_priv_changed(c, false);
    uint32_t base = c->mtvec & ~3u;
    c->pc = (irq && (c->mtvec & 1)) ? base + 4 * (cause & 0x7fffffff) : base;
    c->resv_valid = false;
    c->wfi = false;
    rv_clock_ungate(c);
    if (unlikely(OUTPUT_HOOK(c->lat.on)))
        rv_lat_trap(c);
    if (sim_log_on(SIM_LOG_INT))
        sim_log("int: cycle %llu: mcause=0x%x (%s) mepc=0x%08x mtval=0x%08x -> 0x%08x",
                (unsigned long long)c->cycle, cause, rv_cause_name(cause), c->mepc, tval, c->pc);
    trap_loop_check(c, cause, c->mepc);
}

/* Priv 3.3.2: MIE <- MPIE, MPIE <- 1, the level <- MPP, MPP <- U (the least privileged
 * level), and MPRV <- 0 when that level is not M. */
uint32_t rv_mret(struct rv_cpu *c)
{
    uint32_t st = c->mstatus;
    unsigned priv = (st & RV_MSTATUS_MPP) >> RV_MSTATUS_MPP_SHIFT;
    uint32_t mie = (st & RV_MSTATUS_MPIE) ? RV_MSTATUS_MIE : 0;
    st = (st & ~(RV_MSTATUS_MIE | RV_MSTATUS_MPP)) | mie | RV_MSTATUS_MPIE;
    if (priv != RV_PRIV_M)
        st &= ~RV_MSTATUS_MPRV;
    c->mstatus = st;
    c->resv_valid = false;
    c->priv = (uint8_t)priv;
    if (priv != RV_PRIV_M || (st & RV_MSTATUS_MPRV)) /* (else the rules stay M's) */
        rv_priv_changed(c, false);
    c->cpuctrl &= ~RV_CPUCTRL_SYNC_EXC;
    if (unlikely(OUTPUT_HOOK(c->lat.on)))
        rv_lat_mret(c);
    return c->mepc;
}

/* ---- privilege and PMP: which rules fetch and data accesses follow ---- */

void rv_priv_changed(struct rv_cpu *c, bool pmp)
{
    if (!c->pmp.n)
        return; /* one set of rules for both levels: nothing moves */
    bool user = c->priv != RV_PRIV_M;
    if (user && c->dcache_u_unused) {
        dcache_clear(c->dcache_u);
        c->dcache_u_unused = false;
    }
    c->dcache = user ? c->dcache_u : c->dcache_m;
    c->jit_key = (uint64_t)user << 32 | 1;
    /* The data windows were granted under the old rules: taken back where either binds. */
    uint32_t st = c->mstatus;
    uint8_t dpriv = c->priv == RV_PRIV_M && (st & RV_MSTATUS_MPRV)
                        ? (uint8_t)((st & RV_MSTATUS_MPP) >> RV_MSTATUS_MPP_SHIFT)
                        : c->priv;
    bool binds = rv_pmp_binds(c, dpriv);
    if ((binds || c->pmp_data) && (pmp || dpriv != c->data_priv || binds != c->pmp_data))
        c->rd_win.lim = c->wr_win.lim = 0;
    c->pmp_data = binds;
    c->data_priv = dpriv;
}

uint32_t rv_irq_cause(const struct rv_cpu *c)
{
    uint32_t p = c->mip & c->mie;
    if (p & RV_MIP_MEIP)
        return 0x80000000u | RV_IRQ_MEI;
    if (p & RV_MIP_MSIP)
        return 0x80000000u | RV_IRQ_MSI;
    if (p & RV_MIP_MTIP)
        return 0x80000000u | RV_IRQ_MTI;
    return 0;
}

/* ---- decode cache ---- */

/* The halfwords of [pc, pc + len) hold a decoded instruction (internal.h: the code map). */
static void code_mark(struct rv_cpu *c, uint32_t pc, unsigned len)
{
    uint64_t *map = c->code_bits[pc >> RV_CODE_CHUNK_BITS];
    if (map && !((pc ^ (pc + len - 1)) >> 7)) { /* the usual case: one uint64_t of a bitmap */
        uint32_t h = rv_code_index(pc);
        map[h >> 6] |= (len == 4 ? 3ull : 1ull) << (h & 63);
        c->code_pages[pc >> RV_PAGE_BITS] |= RV_PAGE_CODE;
        return;
    }
    for (uint32_t a = pc; a - pc < len; a += 2) {
        uint32_t chunk = a >> RV_CODE_CHUNK_BITS;
        uint64_t **bits = &c->code_bits[chunk];
        if (!*bits) {
            if (!(*bits = calloc(RV_CODE_CHUNK_WORDS, sizeof(**bits)))) {
                rv_page_watch(c, a); /* no room for the map: all stores there go the slow way */
                continue;
            }
            c->code_lo = chunk < c->code_lo ? chunk : c->code_lo;
            c->code_hi = chunk > c->code_hi ? chunk : c->code_hi;
        }
        uint32_t h = rv_code_index(a);
        (*bits)[h >> 6] |= 1ull << (h & 63);
        c->code_pages[a >> RV_PAGE_BITS] |= RV_PAGE_CODE;
    }
}

/* Nothing decoded or translated overlaps [addr, addr + n) any more: its halfwords are
 * code no longer. */
static void code_clear(struct rv_cpu *c, uint32_t addr, uint32_t n)
{
    for (uint32_t a = addr & ~1u; a - (addr & ~1u) < (addr & 1) + n; a += 2) {
        uint64_t *bits = c->code_bits[a >> RV_CODE_CHUNK_BITS];
        uint32_t h = rv_code_index(a);
        if (bits)
            bits[h >> 6] &= ~(1ull << (h & 63));
    }
}

/* PMP lets the current level execute the instruction at pc (each halfword: a fetch is
 * checked as the core requests it); else d becomes a fetch fault at the first halfword
 * that may not be executed. */
static bool fetch_allowed(struct rv_cpu *c, uint32_t pc, struct rv_insn *d)
{
    for (uint32_t a = pc; a - pc < d->len; a += 2) {
        if (!rv_pmp_allows(c, a, 2, c->priv, RV_PMP_X)) {
            memset(d, 0, sizeof(*d));
            d->op = RV_FETCH_FAULT;
            d->imm = (int32_t)a;
            d->pc = RV_TAG_INVALID;
            d->len = 2;
            d->fetch = rv_fetch_shape(pc, 2);
            return false;
        }
    }
    return true;
}

void rv_fill(struct rv_cpu *c, uint32_t pc, struct rv_insn *d)
{
    struct bus_region *r = bus_find(c->bus, pc);
    memset(d, 0, sizeof(*d));
    d->pc = pc;
    d->len = 2;
    d->fetch = rv_fetch_shape(pc, 2);
    if (!r || !r->host || !r->executable || pc - r->base > r->size - 2) {
        d->op = RV_FETCH_FAULT; /* not cached: memory may appear there (XIP enable) */
        d->imm = (int32_t)pc;
        d->pc = RV_TAG_INVALID;
        return;
    }
    const uint8_t *p = r->host + (pc - r->base);
    uint32_t raw = (uint32_t)p[0] | (uint32_t)p[1] << 8;
    if ((raw & 3) == 3) {
        uint32_t pc2 = pc + 2;
        struct bus_region *r2 = bus_find(c->bus, pc2);
        if (!r2 || !r2->host || !r2->executable || pc2 - r2->base > r2->size - 2) {
            d->op = RV_FETCH_FAULT;
            d->imm = (int32_t)pc2;
            d->pc = RV_TAG_INVALID;
            return;
        }
        const uint8_t *q = r2->host + (pc2 - r2->base);
        raw |= ((uint32_t)q[0] | (uint32_t)q[1] << 8) << 16;
    }
    rv_decode(raw, c->isa_ext, d);
    if (unlikely(rv_pmp_binds(c, c->priv)) && !fetch_allowed(c, pc, d))
        return;
    d->pc = pc;
    d->fetch_wait = r->read_wait;
    d->fetch = rv_fetch_shape(pc, d->len);
    if (c->tm_model->decoded)
        c->tm_model->decoded(c, d);
    code_mark(c, pc, d->len);
    if ((c->dbg_is_breakpoint && c->dbg_is_breakpoint(c, pc)) || (c->brk_fn && pc == c->brk_pc)) {
        d->op = RV_DEBUG_BREAK;
        d->tclass = RV_T_NONE;
    }
}

uint32_t rv_insn_bits(struct rv_cpu *c, uint32_t pc)
{
    uint16_t h[2] = {0, 0};
    bus_debug_read(c->bus, pc, &h[0], 2);
    if ((h[0] & 3) != 3)
        return h[0];
    bus_debug_read(c->bus, pc + 2, &h[1], 2);
    return (uint32_t)h[0] | (uint32_t)h[1] << 16;
}

/* The instruction decoded from h in cache dc, if any, is dropped when it reaches addr. */
static void dcache_drop(struct rv_insn *dc, uint32_t h, uint32_t addr)
{
    struct rv_insn *d = &dc[(h >> 1) & (RV_DCACHE_SIZE - 1)];
    if (d->pc == h && (int32_t)(h - addr) + d->len > 0)
        d->pc = RV_TAG_INVALID;
}

/* Drop the decoded and translated instructions overlapping [addr, addr + n); store: a
 * guest store wrote there. */
static void code_invalidate(struct rv_cpu *c, uint32_t addr, uint32_t n, bool store)
{
    if (n == 0)
        return;
    /* an instruction overlapping the bytes starts at most 2 bytes before them */
    for (uint32_t h = (addr & ~1u) - 2; h != ((addr + n + 1) & ~1u); h += 2) {
        dcache_drop(c->dcache_m, h, addr);
        if (c->dcache_u && !c->dcache_u_unused)
            dcache_drop(c->dcache_u, h, addr);
    }
    rv_jit_invalidate(c, addr, n, store);
    code_clear(c, addr, n);
}

void rv_dcache_invalidate(struct rv_cpu *c, uint32_t addr, uint32_t n)
{
    /* Page by page: one that holds no halfword of a decoded or translated instruction (its
     * byte in code_pages is 0: an instruction reaching into it from the page before marks
     * it too) has nothing to drop, as the data a PMP change covers mostly is. */
    while (n) {
        uint64_t end = ((uint64_t)addr | ((1u << RV_PAGE_BITS) - 1)) + 1;
        uint32_t k = end - addr < n ? (uint32_t)(end - addr) : n;
        if (c->code_pages[addr >> RV_PAGE_BITS])
            code_invalidate(c, addr, k, false);
        addr += k, n -= k;
    }
}

bool rv_store_plain(const struct rv_cpu *c, uint32_t addr, unsigned size)
{
    if (rv_pages_plain(c, addr) || rv_store_beside_code(c, addr, size))
        return true;
    for (uint32_t a = addr & ~1u; a - (addr & ~1u) < (addr & 1) + size; a += 2) {
        uint8_t f = c->code_pages[a >> RV_PAGE_BITS];
        if ((f & RV_PAGE_WATCHED) || ((f & RV_PAGE_CODE) && rv_code_bit(c, a)))
            return false;
    }
    return true;
}

void rv_dcache_flush(struct rv_cpu *c)
{
    dcache_clear(c->dcache_m);
    if (c->dcache_u && !c->dcache_u_unused)
        dcache_clear(c->dcache_u);
    for (uint32_t i = c->code_lo; i <= c->code_hi; i++)
        if (c->code_bits[i])
            memset(c->code_bits[i], 0, RV_CODE_CHUNK_WORDS * sizeof(uint64_t));
    rv_jit_flush(c);
}

void rv_page_watch_public(struct rv_cpu *c, uint32_t addr) { rv_page_watch(c, addr); }

/* ---- memory slow paths ---- */

/* The window for accesses like the one just made at addr in host region r: the region, or
 * where PMP binds data accesses, the part of it around addr that one PMP entry decides and
 * allows (none if it does not: the accesses there take the slow path and fault). */
static void set_window(struct rv_cpu *c, struct rv_window *w, const struct bus_region *r,
                       uint32_t addr, bool store)
{
    uint64_t lo = r->base, hi = (uint64_t)r->base + r->size;
    if (unlikely(c->pmp_data)) {
        uint64_t plo, phi;
        if (!rv_pmp_span(c, addr, c->data_priv, store ? RV_PMP_W : RV_PMP_R, &plo, &phi)) {
            w->lim = 0;
            return;
        }
        lo = plo > lo ? plo : lo;
        hi = phi < hi ? phi : hi;
    }
    w->base = (uint32_t)lo;
    w->lim = hi - lo >= 4 ? (uint32_t)(hi - lo - 3) : 0;
    w->host = r->host + (lo - r->base);
    w->read_wait = r->read_wait;
    w->write_wait = r->write_wait;
    w->writable = store;
}

/* PMP lets the current data privilege (mstatus.MPRV) make the access: each of the aligned
 * words it touches is checked alone, as the core requests them. */
static bool data_allowed(struct rv_cpu *c, uint32_t addr, unsigned size, unsigned perm)
{
    unsigned first = 4 - (addr & 3); /* bytes of the access in its first word */
    if (!rv_pmp_allows(c, addr, first < size ? first : size, c->data_priv, perm)) {
        c->pmp_fault = 1;
        return false;
    }
    if (first < size && !rv_pmp_allows(c, addr + first, size - first, c->data_priv, perm)) {
        c->pmp_fault = 2;
        return false;
    }
    return true;
}

static int access_size_ok(struct rv_cpu *c, uint32_t addr, unsigned size)
{
    return !(addr & (size - 1)) || c->misaligned == RV_MISALIGNED_SPLIT;
}

/* The latency a device added to the access just made (bus access_delay, picoseconds), in
 * whole cycles of this CPU's clock, rounded up: the access cannot complete before it. */
static uint32_t device_latency(struct rv_cpu *c)
{
    uint64_t ps = c->bus->access_delay;
    if (likely(!ps))
        return 0;
    uint64_t n = sim_clock_to_cycles_ceil(&c->clk, ps);
    return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

/* One access that does not cross a region boundary; misaligned ones within RAM are fine. */
static int load_one(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t *val, uint32_t *wait)
{
    struct bus_region *r = bus_find(c->bus, addr);
    if (!r || addr - r->base > r->size - size)
        return -1;
    *wait = r->read_wait;
    if (r->host) {
        const uint8_t *p = r->host + (addr - r->base);
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint32_t)p[i] << (8 * i);
        *val = v;
        if (!c->no_read_window)
            set_window(c, &c->rd_win, r, addr, false);
        return 0;
    }
    if (addr & (size - 1))
        return -1; /* devices take aligned accesses only */
    c->bus->access_delay = 0;
    int rc = bus_read(c->bus, addr, size, val);
    *wait += device_latency(c);
    return rc;
}

/* The watchpoint hooks (debug.c) are set only while a watchpoint of their kind exists;
 * they run before the access, which a match cancels. */
static bool watch_load(struct rv_cpu *c, uint32_t addr, unsigned size)
{
    if (likely(!c->dbg_watch_load) || !c->dbg_watch_load(c, addr, size))
        return false;
    rv_cpu_kick(c);
    return true;
}

static bool watch_store(struct rv_cpu *c, uint32_t addr, unsigned size)
{
    if (likely(!c->dbg_watch_store) || !c->dbg_watch_store(c, addr, size))
        return false;
    rv_cpu_kick(c);
    return true;
}

/* A load past the alignment and watchpoint checks. */
static inline int load_access(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t *val,
                              struct rv_exec *ex)
{
    uint32_t wait = 0;
    if (unlikely(c->pmp_data) && !data_allowed(c, addr, size, RV_PMP_R))
        return RV_EXC_LOAD_FAULT;
    if (load_one(c, addr, size, val, &wait) == 0) {
        ex->mem_wait = wait;
        ex->mem_split = (addr & (size - 1)) && (addr & 3) + size > 4;
        return -1;
    }
    if (!(addr & (size - 1)))
        return RV_EXC_LOAD_FAULT;
    /* Misaligned across a region boundary or into a device: byte by byte. */
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t b;
        if (load_one(c, addr + i, 1, &b, &wait))
            return RV_EXC_LOAD_FAULT;
        v |= b << (8 * i);
    }
    *val = v;
    ex->mem_wait = wait;
    ex->mem_split = (addr & 3) + size > 4;
    return -1;
}

/* With a watchpoint hook set, the slow paths go through these (the hook sees the access
 * first, a match cancels it); out of line, so that without a hook a slow path pays one
 * test and its code stays as it was. */
static __attribute__((noinline)) int load_with_watch(struct rv_cpu *c, uint32_t addr, unsigned size,
                                                     uint32_t *val, struct rv_exec *ex)
{
    if (!access_size_ok(c, addr, size))
        return RV_EXC_LOAD_MISALIGNED;
    if (watch_load(c, addr, size))
        return RV_MEM_WATCH_STOP;
    return load_access(c, addr, size, val, ex);
}

int rv_load_slow(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t *val, struct rv_exec *ex)
{
    if (unlikely(c->dbg_watch_load))
        return load_with_watch(c, addr, size, val, ex);
    if (!access_size_ok(c, addr, size))
        return RV_EXC_LOAD_MISALIGNED;
    return load_access(c, addr, size, val, ex);
}

static void store_watched(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t val)
{
    code_invalidate(c, addr, size, true);
    struct machine *m = c->dev.m;
    /* HTIF (Spike): a write of (code << 1) | 1 to tohost ends the run with `code`. */
    if (m->tohost && addr == m->tohost && (val & 1))
        sim_stop(&m->sim, SIM_STOP_EXIT, (int)(val >> 1));
}

static int store_one(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t val, uint32_t *wait)
{
    struct bus_region *r = bus_find(c->bus, addr);
    if (!r || addr - r->base > r->size - size)
        return -1;
    *wait = r->write_wait;
    if (r->host) {
        if (r->readonly)
            return -1;
        uint8_t *p = r->host + (addr - r->base);
        for (unsigned i = 0; i < size; i++)
            p[i] = (uint8_t)(val >> (8 * i));
        set_window(c, &c->wr_win, r, addr, true);
        if (!rv_store_plain(c, addr, size))
            store_watched(c, addr, size, val);
        return 0;
    }
    if (addr & (size - 1))
        return -1;
    c->bus->access_delay = 0;
    int rc = bus_write(c->bus, addr, size, val);
    *wait += device_latency(c);
    return rc;
}

/* A store past the alignment and watchpoint checks. */
static inline int store_access(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t val,
                               struct rv_exec *ex)
{
    uint32_t wait = 0;
    if (unlikely(c->pmp_data) && !data_allowed(c, addr, size, RV_PMP_W))
        return RV_EXC_STORE_FAULT;
    if (store_one(c, addr, size, val, &wait) == 0) {
        ex->mem_wait = wait;
        ex->mem_split = (addr & (size - 1)) && (addr & 3) + size > 4;
        return -1;
    }
    if (!(addr & (size - 1)))
        return RV_EXC_STORE_FAULT;
    /* Check every byte is writable before writing any. */
    for (unsigned i = 0; i < size; i++) {
        struct bus_region *r = bus_find(c->bus, addr + i);
        if (!r || !r->host || r->readonly)
            return RV_EXC_STORE_FAULT;
    }
    for (unsigned i = 0; i < size; i++)
        store_one(c, addr + i, 1, val >> (8 * i), &wait);
    ex->mem_wait = wait;
    ex->mem_split = (addr & 3) + size > 4;
    return -1;
}

static __attribute__((noinline)) int
store_with_watch(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t val, struct rv_exec *ex)
{
    if (!access_size_ok(c, addr, size))
        return RV_EXC_STORE_MISALIGNED;
    if (watch_store(c, addr, size))
        return RV_MEM_WATCH_STOP;
    return store_access(c, addr, size, val, ex);
}

int rv_store_slow(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t val, struct rv_exec *ex)
{
    c->slow_stores++;
    if (unlikely(c->dbg_watch_store))
        return store_with_watch(c, addr, size, val, ex);
    if (!access_size_ok(c, addr, size))
        return RV_EXC_STORE_MISALIGNED;
    return store_access(c, addr, size, val, ex);
}

int rv_amo(struct rv_cpu *c, int op, uint32_t addr, uint32_t src, uint32_t *old, struct rv_exec *ex)
{
    uint32_t wait;
    /* A-extension: misaligned LR faults as a load, SC and AMOs as a store (Unpriv 8.2). */
    if (addr & 3)
        return op == RV_LR_W ? RV_EXC_LOAD_MISALIGNED : RV_EXC_STORE_MISALIGNED;
    /* PMP: LR reads, SC writes, an AMO does both (its fault is a store fault) */
    unsigned perm = op == RV_LR_W ? RV_PMP_R : op == RV_SC_W ? RV_PMP_W : RV_PMP_R | RV_PMP_W;
    if (unlikely(c->pmp_data) && !data_allowed(c, addr, 4, perm) &&
        (op != RV_SC_W || (c->resv_valid && c->resv_addr == addr)))
        return op == RV_LR_W ? RV_EXC_LOAD_FAULT : RV_EXC_STORE_FAULT;
    if (op == RV_SC_W) {
        if (!c->resv_valid || c->resv_addr != addr) {
            c->resv_valid = false;
            *old = 1;
            return -1;
        }
        if (watch_store(c, addr, 4))
            return RV_MEM_WATCH_STOP;
        c->resv_valid = false;
        if (store_one(c, addr, 4, src, &wait))
            return RV_EXC_STORE_FAULT;
        ex->mem_wait = wait;
        *old = 0;
        return -1;
    }
    uint32_t v;
    if (watch_load(c, addr, 4) || (op != RV_LR_W && watch_store(c, addr, 4)))
        return RV_MEM_WATCH_STOP;
    if (load_one(c, addr, 4, &v, &wait))
        return op == RV_LR_W ? RV_EXC_LOAD_FAULT : RV_EXC_STORE_FAULT;
    ex->mem_wait = wait;
    *old = v;
    if (op == RV_LR_W) {
        c->resv_valid = true;
        c->resv_addr = addr;
        return -1;
    }
    uint32_t n;
    switch (op) {
    case RV_AMOSWAP_W: n = src; break;
    case RV_AMOADD_W: n = v + src; break;
    case RV_AMOXOR_W: n = v ^ src; break;
    case RV_AMOAND_W: n = v & src; break;
    case RV_AMOOR_W: n = v | src; break;
    case RV_AMOMIN_W: n = (int32_t)v < (int32_t)src ? v : src; break;
    case RV_AMOMAX_W: n = (int32_t)v > (int32_t)src ? v : src; break;
    case RV_AMOMINU_W: n = v < src ? v : src; break;
    default: n = v > src ? v : src; break;
    }
    if (store_one(c, addr, 4, n, &wait))
        return RV_EXC_STORE_FAULT;
    return -1;
}

/* ---- debugger access ---- */

uint32_t rv_debug_read(struct rv_cpu *c, uint32_t addr, void *buf, uint32_t n)
{
    return bus_debug_read(c->bus, addr, buf, n);
}

uint32_t rv_debug_write(struct rv_cpu *c, uint32_t addr, const void *buf, uint32_t n)
{
    return bus_debug_write(c->bus, addr, buf, n);
}

bool rv_break_once(struct rv_cpu *c)
{
    if (!c->brk_fn || c->pc != c->brk_pc)
        return false;
    void (*fn)(struct cpu *, void *) = c->brk_fn;
    c->brk_fn = NULL;
    rv_dcache_invalidate(c, c->brk_pc, 4);
    fn(&c->cpu, c->brk_opaque);
    return true;
}

__attribute__((weak)) void rv_debug_break(struct rv_cpu *c)
{
    if (rv_break_once(c))
        return;
    c->halted = true;
    sim_stop(&c->dev.m->sim, SIM_STOP_BREAKPOINT, 0);
}

/* ---- the device types: rv32, ibex, e31 ---- */

static const struct dev_type ibex_type, e31_type;

/* A key that is not the CPU's own: a property of a timing model, kept as text until the
 * CPU is realized and knows which model runs (model_setup). */
static int cpu_extra_prop(struct device *d, const char *key, const char *value)
{
    struct rv_cpu *c = rv_cpu_of(d);
    struct kv *v = realloc(c->model_props, (c->nmodel_props + 1) * sizeof(*v));
    if (!v)
        return sim_err("out of memory");
    c->model_props = v;
    v[c->nmodel_props].key = strdup(key);
    v[c->nmodel_props].value = strdup(value);
    c->nmodel_props++;
    return 0;
}

/* The board's keys beyond the CPU's own properties must be properties of the model it
 * gave the CPU ("'ibex' has no property 'x' (did you mean ...)" over both). */
static int check_board_model_props(const struct rv_cpu *c, const struct rv_model *board)
{
    const struct dev_type *t = c->dev.type;
    for (size_t i = 0; i < c->nmodel_props; i++) {
        const char *key = c->model_props[i].key;
        if (board->props && opt_find(board->props, key))
            continue;
        char help[96];
        snprintf(help, sizeof(help), "-device %s,help", t->name);
        return dev_err_no_prop_in(t->name, key, board->props, t->props, help);
    }
    return 0;
}

/* A -global or -cpu-model value's error is the option's, whichever board line made the
 * CPU. */
static int option_err(const char *spec)
{
    sim_err_prefix("%s", spec);
    sim_err_mark_option();
    return -1;
}

/* The preset the model's properties choose (model.h: the last value of its preset
 * property from the board, -global and -cpu-model, in the order they are applied), NULL
 * for none ("none", the first). */
static const char *model_preset(const struct rv_cpu *c, const struct rv_model *mod,
                                const struct rv_model *board, const struct opts *spec)
{
    const char *name = NULL, *key = mod->preset_prop;
    if (!mod->presets || !key)
        return NULL;
    for (size_t i = 0; mod == board && i < c->nmodel_props; i++)
        if (strcmp(c->model_props[i].key, key) == 0)
            name = c->model_props[i].value;
    for (const struct global_prop *g = c->dev.m->globals; g; g = g->next)
        if (g->set && strcmp(g->driver, mod->name) == 0 && strcmp(g->prop, key) == 0)
            name = g->value;
    for (size_t i = 1; i < spec->n; i++)
        if (strcmp(spec->kv[i].key, key) == 0 && spec->kv[i].value)
            name = spec->kv[i].value;
    /* (an unknown name is the preset property's error, when it is set in turn) */
    for (const struct rv_model_preset *p = mod->presets + 1; name && p->name; p++)
        if (strcmp(p->name, name) == 0)
            return name;
    return NULL;
}

/* The CPU's own properties that preset `name` of model mod sets (model.h cpu_values, e.g.
 * Ibex's PMP regions), in place of their defaults: a value the board or -global gave the
 * CPU by name wins, whichever comes first on the command line.  0, or -1 with sim_err. */
static int cpu_preset(struct rv_cpu *c, const struct rv_model *mod, const char *name)
{
    const struct rv_model_preset *p = rv_model_preset(mod, name);
    if (!p)
        return -1;
    if (!p->cpu_values)
        return 0;
    struct opts o = {0};
    if (opts_parse(p->cpu_values, &o))
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < o.n; i++)
        rc = dev_set_prop_default(&c->dev, o.kv[i].key, o.kv[i].value ? o.kv[i].value : "");
    opts_free(&o);
    if (rc)
        sim_err_prefix("preset %s=%s", mod->preset_prop, name);
    return rc;
}

/* The model that runs (model.h): the CPU's model property, or -cpu-model's; its state with
 * the model's defaults, its preset's values (and the CPU properties it sets, cpu_preset),
 * then the board's values (when its model is the one that runs), -global
 * MODEL.PROP=VALUE, and -cpu-model MODEL,PROP=VALUE. */
static int model_setup(struct rv_cpu *c)
{
    struct machine *m = c->dev.m;
    const struct rv_model *board = rv_models()[c->model], *mod = board;
    if (check_board_model_props(c, board))
        return -1;
    struct opts spec = {0};
    char where[256];
    if (m->cpu_model) {
        snprintf(where, sizeof(where), "-cpu-model %s", m->cpu_model);
        if (rv_model_parse_spec(m->cpu_model, &spec, &mod))
            return option_err(where);
        for (c->model = 0; rv_models()[c->model] != mod; c->model++)
            ;
    }
    c->tm_model = mod;
    int rc = 0;
    if (mod->size <= sizeof(c->tm_inline))
        c->tm = mod->size ? c->tm_inline : NULL;
    else if (!(c->tm = calloc(1, mod->size)))
        rc = sim_err("out of memory");
    for (const struct opt_desc *p = mod->props; rc == 0 && p && p->name; p++)
        if (p->def)
            rc = rv_model_set(mod, c->tm, p->name, p->def);
    const char *preset = model_preset(c, mod, board, &spec);
    if (rc == 0 && preset &&
        ((rc = rv_model_apply_preset(mod, c->tm, preset)) != 0 ||
         (rc = cpu_preset(c, mod, preset)) != 0))
        sim_err_prefix("%s", c->dev.id ? c->dev.id : "cpu");
    for (size_t i = 0; rc == 0 && mod == board && i < c->nmodel_props; i++)
        rc = rv_model_set(mod, c->tm, c->model_props[i].key, c->model_props[i].value);
    for (struct global_prop *g = m->globals; rc == 0 && g; g = g->next) {
        if (!g->set || strcmp(g->driver, mod->name) != 0)
            continue;
        g->used = true;
        if (rv_model_set(mod, c->tm, g->prop, g->value))
            rc = option_err(g->spec);
    }
    for (size_t i = 1; rc == 0 && i < spec.n; i++) {
        struct kv e = spec.kv[i];
        opt_short_bool(mod->props, &e); /* (checked: the model has properties) */
        if (rv_model_set(mod, c->tm, e.key, e.value))
            rc = option_err(where);
    }
    if (spec.buf)
        opts_free(&spec);
    if (rc == 0 && mod->realize)
        rc = mod->realize(c);
    const struct rv_model *fn = rv_model_find("functional");
    if (rc == 0 && m->fast_forward && fn && mod != fn) {
        /* Fast-forward: functional first, on a state of its own (zeroed: its properties
         * only choose extensions, and the hart keeps mod's, isa_ext); mod waits, realized. */
        void *st = fn->size ? calloc(1, fn->size) : NULL;
        if (fn->size && !st)
            return sim_err("out of memory");
        c->ff_model = mod;
        c->ff_tm = c->tm;
        c->tm_model = fn;
        c->tm = st;
    }
    return rc;
}

int rv_cpu_end_fast_forward(struct rv_cpu *c)
{
    if (!c->ff_model)
        return 0;
    struct machine *m = c->dev.m;
    rv_jit_free(c); /* blocks made for the functional model's timing */
    free(c->tm);
    c->tm_model = c->ff_model;
    c->tm = c->ff_tm;
    c->ff_model = NULL;
    c->ff_tm = NULL;
    const struct rv_model *mod = c->tm_model;
    rv_dcache_flush(c); /* decoded without the model's marks (e31's I-cache bit) */
    if (mod->reset)
        mod->reset(c); /* the pipeline from empty at this cycle */
    if (mod->set_pc)
        mod->set_pc(c);
    bool translatable = mod->run_translated && (!mod->translatable || mod->translatable(c)) &&
                        !sim_log_on(SIM_LOG_EXEC | SIM_LOG_CPU);
    if (translatable && m->accel != MACHINE_ACCEL_INTERP)
        rv_jit_new(c); /* (none: the model interprets) */
    rv_cpu_kick(c);
    return 0;
}

void rv_cpu_restart_stats(struct rv_cpu *c)
{
    c->stats_cycle = c->cycle;
    c->stats_instret = c->instret;
    memset(&c->stats, 0, sizeof(c->stats));
}

static int cpu_realize(struct device *d)
{
    struct rv_cpu *c = rv_cpu_of(d);
    struct machine *m = d->m;
    if (model_setup(c))
        return -1;
    if (m->ncpus > 0)
        return sim_err("socsim runs one hart per machine for now");
    c->bus = m->sysbus;
    /* Ibex (RV32IMC) has no atomics and only vectored mtvec (Ibex reference, CSRs). */
    bool ibex = d->type == &ibex_type;
    c->has_a = !ibex;
    c->mtvec_vectored = ibex;
    c->has_cpuctrl = ibex; /* (the ibex model says which bits it has) */
    /* What the privileged spec leaves open (cpu.h): as the Ibex RTL has it (its CSR file:
     * no user counters, mcounteren reading 0, MPP to U on a bad write, mstatus resetting to
     * MPIE = 1, MPP = U); as Rocket-derived cores (the E31) have it for the others (MPP's
     * low bit kept, MPP resetting to M), with TW read-only 0 on the E31 (Priv 1.10, no S
     * mode) and writable on rv32 (Priv 1.12). */
    c->user_counters = !ibex;
    c->mcounteren_rw = !ibex;
    c->mpp_warl = ibex ? RV_MPP_WARL_U : RV_MPP_WARL_LOW_BIT;
    c->mstatus_reset = ibex ? RV_MSTATUS_MPIE : RV_MSTATUS_MPP;
    c->tw_writable = d->type != &e31_type;
    c->pmp.n = (unsigned)c->pmp_regions;
    c->pmp.g = (unsigned)c->pmp_granularity;
    /* Ibex with PMP always has Smepmp's mseccfg (its reference, "PMP Enhancements") */
    c->pmp.smepmp = ibex && c->pmp.n;
    c->dcache = c->dcache_m = calloc(RV_DCACHE_SIZE, sizeof(*c->dcache));
    if (c->pmp.n) { /* U mode's own decode cache (cpu.h), cleared when first used */
        c->dcache_u = calloc(RV_DCACHE_SIZE, sizeof(*c->dcache));
        c->dcache_u_unused = true;
    }
    c->code_pages = calloc((1u << (32 - RV_PAGE_BITS)) + 1, 1); /* (+1: internal.h) */
    c->code_bits = calloc(1u << (32 - RV_CODE_CHUNK_BITS), sizeof(*c->code_bits));
    if (!c->dcache || (c->pmp.n && !c->dcache_u) || !c->code_pages || !c->code_bits)
        return sim_err("out of memory for the decode cache");
    c->code_lo = UINT32_MAX, c->code_hi = 0; /* no bitmap yet */
    c->jit_key = 1; /* M mode's (rv_priv_changed) */
    rv_dcache_flush(c);
    const struct rv_model *mod = c->tm_model;
    bool translatable = mod->run_translated && (!mod->translatable || mod->translatable(c));
    /* -d exec and -d cpu log each instruction from the interpreter (run_logged). */
    if (sim_log_on(SIM_LOG_EXEC | SIM_LOG_CPU))
        translatable = false;
    if (translatable && m->accel != MACHINE_ACCEL_INTERP && rv_jit_new(c) &&
        m->accel == MACHINE_ACCEL_JIT)
        return sim_err("-accel jit: %s", rv_jit_available()
                                            ? "cannot map memory for translated code"
                                            : "no block translator for this host (x86-64 only)");
    sim_clock_init(&c->clk, c->freq);
    c->proc.ctx = c;
    c->proc.now = proc_now;
    c->proc.run = (void (*)(void *, sim_time_t))rv_cpu_run;
    c->proc.set_horizon = proc_set_horizon;
    c->proc.idle = proc_idle;
    if (cpu_attach(&c->cpu, d, &rv_cpu_ops, c->bus, c->freq))
        return -1;
    m->sim.proc = &c->proc;
    return 0;
}

static void cpu_free(struct device *d)
{
    struct rv_cpu *c = rv_cpu_of(d);
    cpu_free_lines(&c->cpu);
    rv_debug_free(c); /* (a run point's breakpoint when no debugger detached it) */
    free(c->dcache_m);
    free(c->dcache_u);
    free(c->code_pages);
    for (uint32_t i = c->code_lo; c->code_bits && i <= c->code_hi; i++)
        free(c->code_bits[i]);
    free(c->code_bits);
    rv_jit_free(c);
    if (c->ff_model) { /* never left the fast-forward: free the model that waited */
        free(c->tm);
        c->tm_model = c->ff_model;
        c->tm = c->ff_tm;
    }
    if (c->tm_model && c->tm_model->free && c->tm)
        c->tm_model->free(c);
    if (c->tm_model && c->tm_model->props && c->tm)
        opt_free_strings(c->tm_model->props, c->tm);
    if (c->tm != c->tm_inline)
        free(c->tm);
    for (size_t i = 0; i < c->nmodel_props; i++) {
        free((char *)c->model_props[i].key);
        free((char *)c->model_props[i].value);
    }
    free(c->model_props);
    rv_lat_free(c);
}

void rv_cpu_set_pc(struct rv_cpu *c, uint32_t pc)
{
    c->pc = pc;
    if (c->tm_model->set_pc)
        c->tm_model->set_pc(c);
}

void rv_cpu_reset(struct rv_cpu *c)
{
    struct machine *m = c->dev.m;
    memset(c->x, 0, sizeof(c->x));
    c->pc = (uint32_t)c->reset_pc;
    if (c->boot == 0 && m->elf_loaded)
        c->pc = m->elf.entry;
    c->mstatus = c->mstatus_reset;
    c->priv = RV_PRIV_M;
    c->mcounteren = 0;
    /* MXL=1 (RV32), [A,] C, I, M, U */
    c->misa = (c->has_a ? 0x40001105 : 0x40001104) | 1u << ('U' - 'A');
    if (c->isa_ext & RV_EXT_IBEX)
        c->misa |= 1u << 23; /* X: Ibex's bit manipulation includes draft, non-standard parts */
    c->mie = 0;
    c->mip = c->mip & (RV_MIP_MSIP | RV_MIP_MTIP | RV_MIP_MEIP);
    c->mtvec = (uint32_t)c->mtvec_reset;
    c->mepc = c->mcause = c->mtval = c->mscratch = 0;
    c->mhartid = (uint32_t)c->hartid;
    c->mcountinhibit = 0;
    c->cpuctrl = 0;
    /* mcycle/minstret restart at 0; the cycle count that drives time never goes back. */
    c->mcycle_base = c->cycle;
    c->clock_gated_from = UINT64_MAX;
    c->minstret_base = c->instret;
    memset(&c->hpm, 0, sizeof(c->hpm));
    c->resv_valid = false;
    c->wfi = false;
    c->loop_count = 0;
    rv_lat_reset(c);
    c->rd_win.lim = c->wr_win.lim = 0;
    /* PMP entries off, unlocked (Priv 3.7.1: L and A reset to 0) */
    rv_pmp_reset(c);
    rv_priv_changed(c, true);
    if (c->tm_model->reset)
        c->tm_model->reset(c);
}

static void cpu_reset(struct device *d) { rv_cpu_reset(rv_cpu_of(d)); }

static const uint32_t line_bits[] = {RV_MIP_MSIP, RV_MIP_MTIP, RV_MIP_MEIP};

static void cpu_set_input(struct device *d, int n, bool level)
{
    struct rv_cpu *c = rv_cpu_of(d);
    rv_cpu_set_line(c, line_bits[n], level);
    if (OUTPUT_HOOK(true))
        cpu_line_set(&c->cpu, (unsigned)n, level); /* the mip bit, for the trace outputs */
}

/* --info-tree: the ISA (A where the core has it, the bit-manipulation extensions the model
 * gives it), the model that runs and its properties' values. */
static void cpu_info(struct device *d, FILE *f, int indent)
{
    static const char *const ext_names[] = {"zba", "zbb", "zbc", "zbs", "zbf",
                                            "zbp", "zbr", "zbt", "zbe"};
    struct rv_cpu *c = rv_cpu_of(d);
    const struct rv_model *mod = c->tm_model;
    fprintf(f, "%*sisa: rv32im%sc_zicsr_zifencei", indent, "", c->has_a ? "a" : "");
    for (unsigned i = 0; i < ARRAY_SIZE(ext_names); i++)
        if (c->isa_ext >> i & 1)
            fprintf(f, "_%s", ext_names[i]);
    fprintf(f, ", timing model %s%s\n", mod->name,
            c->jit ? ", translated to host code (-accel jit)" : "");
    for (const struct opt_desc *p = mod->props; p && p->name; p++) {
        char v[128];
        opt_format(c->tm, p, v, sizeof(v));
        fprintf(f, "%*s  %s = %s\n", indent, "", p->name, v);
    }
}

/* -device CPU,help: the properties of the type's model follow the CPU's own. */
static void cpu_help(FILE *f, const struct dev_type *t)
{
    const struct dev_prop *p = dev_find_prop(t, "model");
    const struct rv_model *mod = p ? rv_model_find(p->def) : NULL;
    if (!mod)
        return;
    fprintf(f, "  timing model %s (properties of every CPU that runs it; "
               "-cpu-model help lists the models):\n", mod->name);
    rv_model_print_table(f, mod);
}

/* ---- checkpoints (soc/checkpoint.h) ----
 *
 * The hart's state is the struct from x to state_end (the table below) and its core
 * clock; the timing model's is its state whole, but for the ranges the model says are
 * derived, after its name and its properties' values, which must be the loading
 * machine's. */

static const struct dev_state cpu_state[] = {
    DEV_STATE_RANGE(struct rv_cpu, x, state_end),
    DEV_STATE(struct rv_cpu, cpu.clock.clk),
    DEV_STATE_SIGNAL(struct rv_cpu, cpu.lines), /* (mip's lines, for traces) */
    {0},
};

static bool model_derived(const struct rv_model *mod, size_t i)
{
    for (const struct rv_model_derived *r = mod->derived; r && r->size; r++)
        if (i - r->offset < r->size)
            return true;
    return false;
}

static void cpu_save(struct device *d, struct ckpt_out *w)
{
    struct rv_cpu *c = rv_cpu_of(d);
    const struct rv_model *mod = c->tm_model;
    ckpt_put_str(w, mod->name);
    uint32_t n = 0;
    for (const struct opt_desc *p = mod->props; p && p->name; p++)
        n++;
    ckpt_put_u32(w, n);
    for (const struct opt_desc *p = mod->props; p && p->name; p++) {
        char v[128];
        opt_format(c->tm, p, v, sizeof(v));
        ckpt_put_str(w, p->name);
        ckpt_put_str(w, v);
    }
    ckpt_put_u64(w, mod->size);
    const unsigned char *st = c->tm;
    for (size_t i = 0; i < mod->size; i++)
        ckpt_put_u8(w, model_derived(mod, i) ? 0 : st[i]); /* (pointers: not the file's) */
    size_t en = 0;
    void *extra = mod->extra_state ? mod->extra_state(c, &en) : NULL;
    ckpt_put_u64(w, extra ? en : 0);
    ckpt_put(w, extra, extra ? en : 0);
}

static int cpu_load(struct device *d, struct ckpt_in *r, bool apply)
{
    struct rv_cpu *c = rv_cpu_of(d);
    const struct rv_model *mod = c->tm_model;
    char name[64];
    ckpt_get_str(r, name, sizeof(name));
    if (!r->bad && strcmp(name, mod->name) != 0)
        return sim_err("timing model '%s' in the checkpoint, '%s' here", name, mod->name);
    uint32_t n = ckpt_get_u32(r);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        char key[64], value[128], mine[128];
        ckpt_get_str(r, key, sizeof(key));
        ckpt_get_str(r, value, sizeof(value));
        const struct opt_desc *p = mod->props ? opt_find(mod->props, key) : NULL;
        if (r->bad)
            break;
        if (!p)
            return sim_err("timing model %s has property %s in the checkpoint, not here", name,
                           key);
        opt_format(c->tm, p, mine, sizeof(mine));
        if (strcmp(value, mine) != 0)
            return sim_err("timing model %s: property %s is '%s' in the checkpoint, '%s' here",
                           name, key, value, mine);
    }
    uint64_t size = ckpt_get_u64(r);
    if (!r->bad && size != mod->size)
        return sim_err("timing model %s keeps %llu bytes of state in the checkpoint, %zu here "
                       "(a checkpoint is for the socsim that made it)",
                       name, (unsigned long long)size, mod->size);
    const unsigned char *p = ckpt_get(r, mod->size);
    size_t mine = 0;
    void *extra = mod->extra_state ? mod->extra_state(c, &mine) : NULL;
    uint64_t en = ckpt_get_u64(r);
    if (!r->bad && en != (extra ? mine : 0))
        return sim_err("timing model %s keeps %llu bytes of state beside it in the checkpoint, "
                       "%zu here",
                       name, (unsigned long long)en, extra ? mine : 0);
    const void *e = ckpt_get(r, (size_t)en);
    unsigned char *st = c->tm;
    for (size_t i = 0; apply && p && i < mod->size; i++)
        if (!model_derived(mod, i))
            st[i] = p[i];
    if (apply && e && en)
        memcpy(extra, e, (size_t)en);
    return 0;
}

/* Decoded and translated code, the memory windows and the model's caches were made from
 * what the hart and memory held before: made again from what they hold now. */
static void cpu_restored(struct device *d)
{
    struct rv_cpu *c = rv_cpu_of(d);
    c->rd_win.lim = c->wr_win.lim = 0;
    rv_dcache_flush(c);
    rv_priv_changed(c, true); /* the restored level's decode cache, keys and data rules */
    if (c->tm_model->restored)
        c->tm_model->restored(c);
    rv_cpu_kick(c);
}

static const char *const cpu_inputs[] = {"msip", "mtip", "meip", NULL};

/* The CPU's own properties: the core's, whichever timing model runs. */
#define CPU_PROPS(model_def, misaligned_def, reset_def, vendor_def, arch_def, pmp_def)         \
    {.name = "freq", .type = PROP_FREQ, .offset = offsetof(struct rv_cpu, freq),               \
     .def = "100MHz", .help = "core clock", .min = 1, .max = 100000000000ULL},                 \
    CPU_CLOCK_PROP(struct rv_cpu, cpu),                                                        \
    {.name = "model", .type = PROP_ENUM, .offset = offsetof(struct rv_cpu, model),             \
     .def = model_def, .help = "timing model (-cpu-model help)", .choices = rv_model_names},   \
    {.name = "reset-pc", .type = PROP_INT, .offset = offsetof(struct rv_cpu, reset_pc),        \
     .def = reset_def, .help = "reset vector", .max = UINT32_MAX},                             \
    {.name = "boot", .type = PROP_ENUM, .offset = offsetof(struct rv_cpu, boot),               \
     .def = "entry", .help = "start at the ELF entry, or at reset-pc", .choices = boot_names}, \
    {.name = "mtvec", .type = PROP_INT, .offset = offsetof(struct rv_cpu, mtvec_reset),        \
     .def = "0", .help = "mtvec reset value", .max = UINT32_MAX},                              \
    {.name = "hartid", .type = PROP_INT, .offset = offsetof(struct rv_cpu, hartid), .def = "0", \
     .help = "mhartid", .max = 1023},                                                          \
    {.name = "mvendorid", .type = PROP_INT, .offset = offsetof(struct rv_cpu, mvendorid),      \
     .def = vendor_def, .help = "mvendorid: the vendor's JEDEC ID (0: none)",                  \
     .max = UINT32_MAX},                                                                       \
    {.name = "marchid", .type = PROP_INT, .offset = offsetof(struct rv_cpu, marchid),          \
     .def = arch_def, .help = "marchid: the microarchitecture's ID (0: none)",                 \
     .max = UINT32_MAX},                                                                       \
    {.name = "mimpid", .type = PROP_INT, .offset = offsetof(struct rv_cpu, mimpid),            \
     .def = "0", .help = "mimpid: the implementation's version (0: none)", .max = UINT32_MAX}, \
    {.name = "misaligned", .type = PROP_ENUM, .offset = offsetof(struct rv_cpu, misaligned),   \
     .def = misaligned_def, .help = "misaligned loads/stores: trap, or split in hardware",      \
     .choices = misaligned_names},                                                             \
    {.name = "pmp-regions", .type = PROP_INT, .offset = offsetof(struct rv_cpu, pmp_regions),  \
     .def = pmp_def, .help = "PMP entries (0: no PMP; its CSRs are illegal)",                  \
     .max = RV_PMP_MAX},                                                                       \
    {.name = "pmp-granularity", .type = PROP_INT,                                              \
     .offset = offsetof(struct rv_cpu, pmp_granularity), .def = "0",                           \
     .help = "PMP grain G: regions of 2^(G+2) bytes at least (0: 4 bytes)", .max = 29},        \
    {0}

static const struct dev_prop rv32_props[] = {
    CPU_PROPS("functional", "split", "0x80000000", "0", "0", "16"),
};

/* Ibex's marchid is its open-source architecture ID, 22 (RISC-V marchid list; the RTL's
 * CSR_MARCHID_VALUE); its mvendorid and mimpid are 0. */
static const struct dev_prop ibex_props[] = {
    CPU_PROPS("ibex", "split", "0x100080", "0", "22", "0"),
};

/* SiFive's JEDEC manufacturer ID: bank 10 (9 continuation codes), code 0x09. */
static const struct dev_prop e31_props[] = {
    CPU_PROPS("e31", "trap", "0x1000", "0x489", "0", "8"),
};

#define CPU_TYPE(var, name_, desc_, props_)                                                    \
    static const struct dev_type var = {                                                       \
        .name = name_, .desc = desc_, .bus = BUS_NONE, .size = sizeof(struct rv_cpu),          \
        .props = props_, .inputs = cpu_inputs, .realize = cpu_realize, .reset = cpu_reset,     \
        .free = cpu_free, .set_input = cpu_set_input, .info = cpu_info,                        \
        .extra_prop = cpu_extra_prop, .help = cpu_help, .state = cpu_state, .save = cpu_save,  \
        .load = cpu_load, .restored = cpu_restored,                                            \
    };                                                                                         \
    DEV_TYPE(var)

CPU_TYPE(rv32_type, "rv32",
         "RISC-V RV32IMAC hart (M and U modes, PMP), functional timing by default", rv32_props);
CPU_TYPE(ibex_type, "ibex", "lowRISC Ibex RV32IMC core with its pipeline timing model", ibex_props);
CPU_TYPE(e31_type, "e31", "SiFive E31 RV32IMAC core (FE310) with its pipeline timing model",
         e31_props);
