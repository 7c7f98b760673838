/* The E31 timing model (SiFive E31, the FE310's core: 5-stage single-issue in-order
 * pipeline IF, ID, EX, MEM, WB).
 *
 * The model keeps, for each instruction, the cycle it issues (enters EX).  An instruction
 * issues one cycle after its predecessor at the earliest, later when:
 *   - its fetch missed in the instruction cache (the line fill),
 *   - a source or its destination is not ready yet (the pipeline interlocks on RAW and WAW,
 *     E31 manual 3.3): result latencies LW 2, LH/LHU/LB/LBU 3, CSR read 3, MUL* 5,
 *     DIV* 2..33 cycles, everything else 1 (fully bypassed),
 *   - the multiplier/divider is still busy (one operation at a time, 3.3),
 *   - its predecessor redirected fetch: a mispredicted branch or jump costs 3 cycles (3.2),
 *     a pipeline flush (CSR write, fence.i, mret, trap) 5 cycles.
 * Branch prediction follows 3.2: a 40-entry BTB (targets of taken branches and jumps), a
 * 128-entry BHT of 2-bit counters (direction of conditional branches), a 2-entry return
 * address stack.  What the manual leaves open (indexing, replacement, the divider's early
 * out) is socsim's choice, documented in docs/timing-models.md, "e31".
 *
 * Cycle numbers are absolute, in the frame of c->cycle; after each instruction c->cycle is
 * the earliest cycle the next one can issue. */
#ifndef SOC_CPU_RISCV_TIMING_E31_H
#define SOC_CPU_RISCV_TIMING_E31_H

#include <string.h>

#include "soc/cpu/riscv/cpu.h"
#include "soc/cpu/riscv/pipe.h"

#define E31_MISPREDICT 3 /* cycles lost on a mispredicted control-flow instruction (3.2) */
#define E31_FLUSH 5      /* cycles lost on a pipeline flush (CSR write; 3.3) */
#define E31_STQ_HIT 5    /* a load to a word still in the store pipeline (3.4) */

/* ---- the model's state (c->tm): issue-cycle bookkeeping, branch predictor, I-cache,
 * store pipeline, and the properties ---- */
#define RV_E31_BTB 40
#define RV_E31_BTB_HASH 1024
#define RV_E31_BHT 128
#define RV_E31_RAS 2
#define RV_E31_STQ 4
#define RV_E31_IC_LINES 4096 /* at most size / line lines */

struct rv_e31_btb {
    uint32_t pc, target;
    uint8_t kind;        /* enum e31_cfi: branch, jump, return */
    bool valid;
};

/* The properties (run_e31.c's table): the memory system in front of the core. */
struct rv_e31_cfg {
    /* instruction cache in front of every executable region but the ITIM */
    uint64_t icache_size;  /* bytes; 0 = no cache (every fetch costs 1 + wait states) */
    uint64_t icache_ways;
    uint64_t icache_line;  /* bytes */
    uint64_t icache_miss;  /* line-fill cycles; 0 = from the region: words * (1 + wait) */
    uint64_t itim_base, itim_size;
    uint64_t hpm_counters; /* mhpmcounter3.. implemented (0: they read as zero) */
};

struct rv_e31 {
    struct rv_e31_cfg cfg; /* kept across resets (tm_reset) */
    uint64_t reg_ready[32]; /* cycle at which each register's value is available */
    uint64_t next; /* earliest cycle the next instruction can issue (enter EX); the run loop
                    * leaves it behind c->cycle (e31_time) */
    uint64_t muldiv_free; /* the multiplier/divider takes a new operation from this cycle */
    uint64_t last_mem;    /* issue cycle of the last load/store */
    /* The run loop's shortcut (e31_time): no register is ready, nor the multiplier/divider
     * free, after this cycle; UINT64_MAX while the event counters count.  Set where the
     * loop starts (e31_enter), raised by every later result (e31_result). */
    uint64_t busy;
    uint32_t stq[RV_E31_STQ]; /* word addresses in the store pipeline */
    uint8_t nstq;
    uint8_t ras_top, ras_n;
    uint8_t btb_next;     /* round-robin BTB replacement */
    uint32_t ras[RV_E31_RAS];
    uint8_t bht[RV_E31_BHT]; /* 2-bit counters */
    uint8_t btb_filter[RV_E31_BTB_HASH]; /* valid BTB entries per PC hash */
    uint8_t btb_where[RV_E31_BTB_HASH];  /* the entry, where btb_filter is 1 */
    uint8_t prod[32];        /* what produced each register's pending value (enum e31_prod) */
    struct rv_e31_btb btb[RV_E31_BTB];
    /* I-cache: tags (line address + 1, 0 = invalid) per set and way, LRU way per set */
    uint32_t ic_tag[RV_E31_IC_LINES];
    uint8_t ic_lru[RV_E31_IC_LINES];
    uint32_t ic_sets, ic_ways, ic_line_shift;
    /* Per set, line address + 1 of the line fetched last in it (0: none since a flush): a
     * fetch from it again is a hit that changes nothing (the hit fast path). */
    uint32_t ic_mru[RV_E31_IC_LINES];
    uint32_t ic_last; /* line address + 1 of the line fetched last (one of those) */
    /* The run loop's copy (e31_loop_fetch): the addresses [ic_lo, ic_lo + ic_win) of that
     * line, ic_win 0 for none; made again where the loop starts (e31_enter) and wherever
     * the loop's fetch or fence.i changes ic_last. */
    uint32_t ic_lo, ic_win;
    bool asleep;
};

/* The model's bit of struct rv_insn's fetch (its decoded hook, run_e31.c): fetched through
 * the instruction cache, and within one cache line. */
#define RV_F_IC_LINE 0x01

static inline struct rv_e31 *e31_of(const struct rv_cpu *c) { return c->tm; }

/* The instruction fetched from pc comes from the ITIM (not through the instruction cache). */
static inline bool e31_in_itim(const struct rv_e31_cfg *t, uint32_t pc)
{
    return pc - (uint32_t)t->itim_base < t->itim_size;
}

enum e31_cfi { E31_CFI_BRANCH = 1, E31_CFI_JUMP, E31_CFI_RET };

/* What produced a register's pending value: says which interlock a wait on it is. */
enum e31_prod { E31_P_ALU, E31_P_LOAD, E31_P_MUL, E31_P_DIV, E31_P_CSR };

/* mhpmevent classes and event bits (E31 manual, Table "mhpmevent Register Description"). */
enum {
    E31_EV_COMMIT = 0,
    E31_EV_EXC = 8, E31_EV_LOAD, E31_EV_STORE, E31_EV_AMO, E31_EV_SYSTEM, E31_EV_ARITH,
    E31_EV_BRANCH, E31_EV_JAL, E31_EV_JALR, E31_EV_MUL, E31_EV_DIV,
    E31_EV_UARCH = 1,
    E31_EV_LOAD_USE = 8, E31_EV_LONG_LAT, E31_EV_CSR_READ, E31_EV_ICACHE_BUSY,
    E31_EV_DCACHE_BUSY, E31_EV_BR_DIR, E31_EV_BR_TARGET, E31_EV_FLUSH_CSR, E31_EV_FLUSH_OTHER,
    E31_EV_MUL_INTERLOCK,
    E31_EV_MEM = 2,
    E31_EV_ICACHE_MISS = 8, E31_EV_MMIO,
};

/* Count n occurrences of event `bit` of class `cls` on every counter selecting it. */
static inline void e31_hpm(struct rv_cpu *c, unsigned cls, unsigned bit, uint64_t n)
{
    struct rv_hpm *h = &c->hpm;
    unsigned cnt = c->hpm_counters;
    for (unsigned i = 0; i < cnt; i++) {
        uint32_t e = h->event[i];
        if ((e & 0xff) == cls && ((e >> bit) & 1) && !((c->mcountinhibit >> (i + 3)) & 1))
            h->count[i] += n;
    }
}

#define E31_HPM(c, cls, bit, n)                                                                \
    do {                                                                                       \
        if (unlikely((c)->hpm.on))                                                             \
            e31_hpm((c), (cls), (bit), (n));                                                   \
    } while (0)

/* ---- instruction cache ---- */

/* Cycles to fill the line holding addr: the icache-miss property; else the region's own
 * burst timing (an XIP flash); else a burst of one word per beat, each beat costing the
 * region's read time (1 + wait states). */
static inline uint64_t e31_fill_cycles(const struct rv_cpu *c, const struct rv_e31 *t,
                                       uint32_t addr, uint8_t wait)
{
    if (t->cfg.icache_miss)
        return t->cfg.icache_miss;
    uint32_t line = (uint32_t)t->cfg.icache_line;
    const struct bus_region *r = bus_find(c->bus, addr);
    if (r && r->burst_cycles)
        return r->burst_cycles(r, addr & ~(line - 1), line, c->freq);
    return (line / 4) * (1u + wait);
}

/* Look the line up; on a miss (update: install it, LRU) return the fill cycles. */
static inline uint64_t e31_ic_access(struct rv_cpu *c, struct rv_e31 *t, uint32_t addr,
                                     uint8_t wait, bool update, unsigned *misses)
{
    uint32_t la = addr >> t->ic_line_shift;
    uint32_t set = la & (t->ic_sets - 1);
    uint32_t *tag = &t->ic_tag[set * t->ic_ways];
    for (uint32_t w = 0; w < t->ic_ways; w++) {
        if (tag[w] == la + 1) {
            if (update) { /* next victim: not w */
                t->ic_lru[set] = (uint8_t)(w + 1 < t->ic_ways ? w + 1 : 0);
                t->ic_mru[set] = t->ic_last = la + 1;
            }
            return 0;
        }
    }
    if (update) {
        uint32_t victim = t->ic_lru[set]; /* always below ic_ways */
        tag[victim] = la + 1;
        t->ic_lru[set] = (uint8_t)(victim + 1 < t->ic_ways ? victim + 1 : 0);
        t->ic_mru[set] = t->ic_last = la + 1;
    }
    (*misses)++;
    return e31_fill_cycles(c, t, addr, wait);
}


/* A fetch from a line not the last fetched in its set: look up (and with update, fill) its
 * lines. */
static __attribute__((noinline, unused)) uint64_t
e31_fetch_lines(struct rv_cpu *c, struct rv_e31 *t, const struct rv_insn *d, bool update)
{
    uint32_t pc = d->pc;
    uint32_t first = (pc >> t->ic_line_shift) + 1;
    uint32_t last = ((pc + d->len - 1) >> t->ic_line_shift) + 1;
    uint32_t mask = t->ic_sets - 1;
    /* Each line the last fetched in its set (an instruction across two lines, in a loop):
     * their lookups hit and change nothing but which line was fetched last (ic_touch). */
    if (t->ic_mru[(first - 1) & mask] == first && t->ic_mru[(last - 1) & mask] == last) {
        if (update)
            t->ic_last = last;
        return 0;
    }
    unsigned misses = 0;
    uint64_t n = e31_ic_access(c, t, pc, d->fetch_wait, update, &misses);
    if (last != first)
        n += e31_ic_access(c, t, pc + d->len - 1, d->fetch_wait, update, &misses);
    if (update && misses) {
        E31_HPM(c, E31_EV_MEM, E31_EV_ICACHE_MISS, misses);
        E31_HPM(c, E31_EV_UARCH, E31_EV_ICACHE_BUSY, n);
        c->stats.stall[RV_STALL_FETCH] += n;
    }
    return n;
}

/* Fetch cost of instruction d beyond the pipelined 1-cycle fetch. */
static inline __attribute__((always_inline)) uint64_t
e31_fetch(struct rv_cpu *c, struct rv_e31 *t, const struct rv_insn *d, bool update)
{
    uint32_t pc = d->pc;
    if (likely(d->fetch & RV_F_IC_LINE)) { /* cached, in one line (decoded once) */
        uint32_t la = pc >> t->ic_line_shift;
        if (likely(la + 1 == t->ic_last))
            return 0;
        if (t->ic_mru[la & (t->ic_sets - 1)] == la + 1) {
            if (update)
                t->ic_last = la + 1;
            return 0;
        }
        return e31_fetch_lines(c, t, d, update);
    }
    if (!t->cfg.icache_size || e31_in_itim(&t->cfg, pc))
        return d->fetch_wait; /* uncached: every fetch pays the region's wait states */
    return e31_fetch_lines(c, t, d, update);
}

static inline void e31_ic_flush(struct rv_e31 *t)
{
    memset(t->ic_tag, 0, sizeof(t->ic_tag));
    memset(t->ic_mru, 0, sizeof(t->ic_mru));
    t->ic_last = 0;
    t->ic_win = 0;
}

/* The run loop's copy of ic_last (struct rv_e31). */
static inline void e31_ic_window(struct rv_e31 *t)
{
    t->ic_lo = (t->ic_last - 1) << t->ic_line_shift;
    t->ic_win = t->ic_last ? 1u << t->ic_line_shift : 0;
}

/* e31_fetch with update for the run loop, where the instruction is not in the line fetched
 * last as the loop's copy of ic_last says (e31_loop_fetch); the copy made again where
 * ic_last changes. */
static inline __attribute__((always_inline)) uint64_t
e31_loop_fetch_other(struct rv_cpu *c, struct rv_e31 *t, const struct rv_insn *d)
{
    uint64_t n;
    if (likely(d->fetch & RV_F_IC_LINE)) {
        unsigned shift = t->ic_line_shift;
        uint32_t la = d->pc >> shift;
        if (t->ic_mru[la & (t->ic_sets - 1)] == la + 1) { /* (e31_fetch's second hit test) */
            t->ic_last = la + 1;
            t->ic_lo = la << shift;
            t->ic_win = 1u << shift;
            return 0;
        }
        n = e31_fetch_lines(c, t, d, true);
    } else {
        uint32_t last = t->ic_last;
        n = e31_fetch(c, t, d, true);
        if (t->ic_last == last)
            return n;
    }
    e31_ic_window(t);
    return n;
}

/* The run loop's fetch of instruction d from pc: *s moves on by e31_fetch's cycles; where
 * the instruction is in the line fetched last, a range check on its pc. */
static inline __attribute__((always_inline)) void
e31_loop_fetch(struct rv_cpu *c, struct rv_e31 *t, const struct rv_insn *d, uint32_t pc,
               uint64_t *s)
{
    if (unlikely(!(d->fetch & RV_F_IC_LINE) || pc - t->ic_lo >= t->ic_win))
        *s += e31_loop_fetch_other(c, t, d);
}

/* ---- issue ---- */

/* The stall counter of a wait on a register, by what produced its value. */
static const uint8_t e31_stall_of[] = {
    [E31_P_ALU] = RV_STALL_MULDIV, [E31_P_LOAD] = RV_STALL_LOAD_USE,
    [E31_P_MUL] = RV_STALL_MULDIV, [E31_P_DIV] = RV_STALL_MULDIV, [E31_P_CSR] = RV_STALL_CSR,
};

/* Statistics and counters for an instruction that waited: for operands from s to rr (the
 * producer of register `why` says which interlock), then for the multiplier to r. */
static __attribute__((noinline, unused)) void
e31_stalled(struct rv_cpu *c, const struct rv_e31 *t, uint64_t s, uint64_t rr, uint64_t r,
            unsigned why)
{
    static const uint8_t ev[] = {
        [E31_P_ALU] = E31_EV_LONG_LAT, [E31_P_LOAD] = E31_EV_LOAD_USE,
        [E31_P_MUL] = E31_EV_MUL_INTERLOCK, [E31_P_DIV] = E31_EV_LONG_LAT,
        [E31_P_CSR] = E31_EV_CSR_READ,
    };
    if (rr > s) {
        unsigned p = t->prod[why];
        c->stats.stall[e31_stall_of[p]] += rr - s;
        E31_HPM(c, E31_EV_UARCH, ev[p], rr - s);
    }
    if (r > rr) {
        c->stats.stall[RV_STALL_MULDIV] += r - rr;
        E31_HPM(c, E31_EV_UARCH, E31_EV_LONG_LAT, r - rr);
    }
}

/* The cycle instruction d (operation op) issues in when it could from cycle s (its fetch
 * included), on the pipeline state (no statistics unless update).  The registers it waits
 * for are the operation table's r1, r2 and wd. */
static inline __attribute__((always_inline)) uint64_t
e31_issue_from(struct rv_cpu *c, const struct rv_e31 *t, const struct rv_insn *d, unsigned op,
               uint64_t s, bool update)
{
    uint64_t r = s;
    const uint64_t *ready = t->reg_ready;
    unsigned why = 0; /* register whose value was awaited last */
    unsigned regs = rv_op_flags(op);
    if ((regs & RV_OF_R1) && ready[d->rs1] > r)
        r = ready[d->rs1], why = d->rs1;
    if ((regs & RV_OF_R2) && ready[d->rs2] > r)
        r = ready[d->rs2], why = d->rs2;
    if ((regs & RV_OF_WD) && ready[d->rd] > r)
        r = ready[d->rd], why = d->rd; /* write-after-write interlock */
    uint64_t rr = r;
    if (rv_tclass_in(rv_tclass(d, op), RV_TM_MULDIV) && t->muldiv_free > r)
        r = t->muldiv_free; /* the unit takes one operation at a time */
    if (update && unlikely(r > s)) {
        if (r == rr && !c->hpm.on) /* (most: on an operand, counters off) */
            c->stats.stall[e31_stall_of[t->prod[why]]] += r - s;
        else
            e31_stalled(c, t, s, rr, r, why);
    }
    return r;
}

/* The cycle instruction d (operation op) issues in, on the pipeline state (no statistics
 * unless update). */
static inline __attribute__((always_inline)) uint64_t
e31_issue(struct rv_cpu *c, struct rv_e31 *t, const struct rv_insn *d, unsigned op,
          bool update)
{
    /* From the cycle the next instruction can issue in: t->next, or later where time went
     * on without the pipeline (asleep in wfi); c->cycle, which is never below t->next. */
    uint64_t s = c->cycle;
    s += e31_fetch(c, t, d, update);
    return e31_issue_from(c, t, d, op, s, update);
}

/* Index of the highest set bit, -1 for 0. */
static inline int e31_msb(uint32_t v) { return v ? 31 - __builtin_clz(v) : -1; }

/* Divider result latency: 1 bit per cycle (3.3), with an early out that skips the quotient
 * bits known to be zero: 1 + the number of quotient bits, 2..33 (the manual's range). */
static inline unsigned e31_div_latency(unsigned op, uint32_t a, uint32_t b)
{
    if (b == 0)
        return 33;
    if (op == RV_DIV || op == RV_REM) {
        a = (int32_t)a < 0 ? 0u - a : a;
        b = (int32_t)b < 0 ? 0u - b : b;
    }
    int q = e31_msb(a) - e31_msb(b) + 1;
    if (q < 1)
        q = 1;
    return 1 + (unsigned)q;
}

/* ---- branch prediction ---- */

static inline unsigned e31_bht_index(uint32_t pc) { return (pc >> 1) & (RV_E31_BHT - 1); }
/* The BTB is fully associative; lookups go through a hash of the PC, which counts the
 * valid entries per hash value and, where there is one, says which: only a hash shared by
 * two entries needs the search. */
static inline unsigned e31_btb_hash(uint32_t pc) { return (pc >> 1) & (RV_E31_BTB_HASH - 1); }

static inline int e31_btb_search(const struct rv_e31 *t, uint32_t pc)
{
    for (int i = 0; i < RV_E31_BTB; i++)
        if (t->btb[i].valid && t->btb[i].pc == pc)
            return i;
    return -1;
}

static inline int e31_btb_find(const struct rv_e31 *t, uint32_t pc)
{
    unsigned h = e31_btb_hash(pc);
    if (likely(t->btb_filter[h] == 1)) {
        int i = t->btb_where[h];
        return t->btb[i].pc == pc ? i : -1;
    }
    return t->btb_filter[h] ? e31_btb_search(t, pc) : -1;
}

static inline void e31_btb_set(struct rv_e31 *t, int i, uint32_t pc, uint32_t target,
                               unsigned kind)
{
    struct rv_e31_btb *e;
    if (i < 0) {
        i = t->btb_next;
        t->btb_next = (uint8_t)((t->btb_next + 1) % RV_E31_BTB);
        e = &t->btb[i];
        if (e->valid) {
            unsigned old = e31_btb_hash(e->pc);
            e->valid = false;
            if (--t->btb_filter[old] == 1) /* one entry left with that hash: which? */
                for (int j = 0; j < RV_E31_BTB; j++)
                    if (t->btb[j].valid && e31_btb_hash(t->btb[j].pc) == old)
                        t->btb_where[old] = (uint8_t)j;
        }
        unsigned h = e31_btb_hash(pc);
        t->btb_filter[h]++;
        t->btb_where[h] = (uint8_t)i;
    }
    e = &t->btb[i];
    e->valid = true;
    e->pc = pc;
    e->target = target;
    e->kind = (uint8_t)kind;
}

static inline bool e31_is_link(unsigned r) { return r == 1 || r == 5; }

/* A control-flow instruction as the predictor sees it: where it is and what kind (enum
 * e31_cfi), and whether it is a call, a return, a jal (e31_flow_of). */
struct e31_flow {
    uint32_t pc, fall;
    uint8_t kind;
    bool call, ret, jal;
};

static inline __attribute__((always_inline)) struct e31_flow
e31_flow_of(const struct rv_insn *d, unsigned op, unsigned tc)
{
    /* Calls and returns by the link-register hints (Unpriv 2.5, Table 2.1). */
    bool jump = tc == RV_T_JUMP;
    bool ret = op == RV_JALR && e31_is_link(d->rs1) && !e31_is_link(d->rd);
    return (struct e31_flow){
        .pc = d->pc,
        .fall = d->pc + d->len,
        .kind = (uint8_t)(ret ? E31_CFI_RET : jump ? E31_CFI_JUMP : E31_CFI_BRANCH),
        .call = jump && e31_is_link(d->rd),
        .ret = ret,
        .jal = op == RV_JAL,
    };
}

/* Predict and resolve control-flow instruction f; returns the cycles lost.  Counted on the
 * event counters only where hpm (false where they are known off: e31_time's short path). */
static inline __attribute__((always_inline)) unsigned
e31_predict(struct rv_cpu *c, struct rv_e31 *t, const struct e31_flow *f,
            const struct rv_exec *x, bool hpm)
{
    uint32_t pc = f->pc, fall = f->fall;
    bool call = f->call, ret = f->ret;
    unsigned kind = f->kind;
    unsigned bi = e31_bht_index(pc);

    /* Prediction at fetch: only an instruction found in the BTB is predicted taken. */
    int hit = e31_btb_find(t, pc);
    bool ptaken = false;
    uint32_t ptarget = fall;
    if (hit >= 0) {
        const struct rv_e31_btb *e = &t->btb[hit];
        ptaken = e->kind == E31_CFI_BRANCH ? t->bht[bi] >= 2 : true;
        ptarget = e->target;
        if (e->kind == E31_CFI_RET && t->ras_n)
            ptarget = t->ras[t->ras_top];
    }
    /* Mispredicted: fetch did not go on where control went (a not-taken prediction of a
     * jump to the next instruction costs nothing). */
    bool taken = x->taken;
    uint32_t target = x->next_pc;
    uint32_t pnext = ptaken ? ptarget : fall;
    bool miss = pnext != target;

    /* Update: BHT counter, return address stack, BTB entry of a taken instruction whose
     * target was not predicted. */
    if (kind == E31_CFI_BRANCH) {
        if (taken && t->bht[bi] < 3)
            t->bht[bi]++;
        else if (!taken && t->bht[bi] > 0)
            t->bht[bi]--;
    }
    if (ret && t->ras_n) {
        t->ras_top = (uint8_t)((t->ras_top + RV_E31_RAS - 1) % RV_E31_RAS);
        t->ras_n--;
    }
    if (call) {
        t->ras_top = (uint8_t)((t->ras_top + 1) % RV_E31_RAS);
        t->ras[t->ras_top] = fall;
        if (t->ras_n < RV_E31_RAS)
            t->ras_n++;
    }
    if (taken && miss)
        e31_btb_set(t, hit, pc, target, kind);

    if (hpm && kind == E31_CFI_BRANCH)
        E31_HPM(c, E31_EV_COMMIT, E31_EV_BRANCH, 1);
    else if (hpm)
        E31_HPM(c, E31_EV_COMMIT, f->jal ? E31_EV_JAL : E31_EV_JALR, 1);
    if (miss) {
        if (hpm) /* (a direction miss, or a target miss) */
            E31_HPM(c, E31_EV_UARCH,
                    kind == E31_CFI_BRANCH && ptaken != taken ? E31_EV_BR_DIR : E31_EV_BR_TARGET,
                    1);
        c->stats.stall[RV_STALL_BRANCH] += E31_MISPREDICT;
        return E31_MISPREDICT;
    }
    return 0;
}

/* Predict and resolve control-flow instruction d (operation op, timing class tc); counted
 * as e31_predict. */
static inline __attribute__((always_inline)) unsigned
e31_branch(struct rv_cpu *c, struct rv_e31 *t, const struct rv_insn *d, unsigned op,
           unsigned tc, const struct rv_exec *x, bool hpm)
{
    struct e31_flow f = e31_flow_of(d, op, tc);
    return e31_predict(c, t, &f, x, hpm);
}

/* ---- data memory ---- */

/* Loads and stores.  Stores wait in the store pipeline and commit in a cycle the data
 * memory is otherwise idle (3.4): a load or store issued the cycle after another memory
 * access keeps them waiting; a load to a word still there pays E31_STQ_HIT.  Wait states
 * of the region hold the pipeline (the access blocks).  Returns the extra cycles.  Counted
 * on the event counters only where hpm (as e31_predict). */
static inline __attribute__((always_inline)) unsigned
e31_mem(struct rv_cpu *c, struct rv_e31 *t, unsigned tc, const struct rv_exec *x,
        uint64_t issue, bool hpm)
{
    unsigned extra = x->mem_wait + (x->mem_split ? 1u : 0u);
    uint32_t word = x->mem_addr >> 2;
    if (issue > t->last_mem + 1)
        t->nstq = 0; /* an idle cycle went by: the store pipeline drained */
    bool store = tc == RV_T_STORE;
    if (!store) {
        for (unsigned i = 0; i < t->nstq; i++) {
            if (t->stq[i] == word) {
                extra += E31_STQ_HIT;
                t->nstq = 0;
                break;
            }
        }
    }
    if (store || tc == RV_T_AMO) { /* sc and the AMOs store */
        if (t->nstq == RV_E31_STQ)
            memmove(t->stq, t->stq + 1, sizeof(t->stq[0]) * (RV_E31_STQ - 1)), t->nstq--;
        t->stq[t->nstq++] = word;
    }
    t->last_mem = issue + extra;
    if (hpm && unlikely(c->hpm.on)) {
        struct bus_region *r = bus_find(c->bus, x->mem_addr);
        if (r && !r->host)
            e31_hpm(c, E31_EV_MEM, E31_EV_MMIO, 1);
        if (extra)
            e31_hpm(c, E31_EV_UARCH, E31_EV_DCACHE_BUSY, extra);
        e31_hpm(c, E31_EV_COMMIT,
                store ? E31_EV_STORE : rv_tclass_in(tc, RV_TM_LOAD) ? E31_EV_LOAD : E31_EV_AMO, 1);
    }
    c->stats.stall[RV_STALL_MEM] += extra;
    return extra;
}

/* CSRs whose write does not flush the pipeline: mscratch, mepc, mcause, mtval. */
static inline bool e31_csr_flushes(const struct rv_insn *d)
{
    uint32_t csr = (uint32_t)d->imm & 0xfff;
    if (d->op != RV_CSRRW && d->op != RV_CSRRWI && d->rs1 == 0)
        return false; /* csrrs/csrrc with x0 / 0: a read */
    return !(csr >= 0x340 && csr <= 0x343);
}

static inline void e31_result(struct rv_e31 *t, const struct rv_insn *d, uint64_t at,
                              unsigned prod)
{
    if (d->rd) {
        t->reg_ready[d->rd] = at;
        t->prod[d->rd] = (uint8_t)prod;
    }
}

/* The run loop's t->busy (loop) past a result or the multiplier/divider ready in cycle at;
 * on the short path every result is later than t->busy. */
static inline void e31_busy_at(struct rv_e31 *t, uint64_t at, bool shortp, bool loop)
{
    if (shortp)
        t->busy = at;
    else if (loop && at > t->busy)
        t->busy = at;
}

/* The run loop holds the model's state in a local (t below). */
#define TM_STATE struct rv_e31
/* The E31 has no bit manipulation (run_template.h). */
#define TM_BITMANIP 0

/* --pipeline: how the instruction d went down the five stages.  It could issue from cycle
 * base, its fetch took f cycles more, it issued in cycle is (held in ID by the interlocks
 * st0 -> st1 counted), then the memory or a flush held the pipeline for the cycles
 * st1 -> c->stats counted, and the next instruction issues from t->next.  Its row: IF
 * up to the cycle before ID; ID until it issues; EX one cycle (plus the cycles a memory
 * access blocks), MEM and WB one each; the stalls after the issue drawn from the cycle
 * after it. */
static __attribute__((noinline, cold, unused)) void
e31_pipe(struct rv_cpu *c, const struct rv_e31 *t, const struct rv_insn *d, uint64_t base,
         uint64_t f, uint64_t is, const struct rv_stats *st0, const struct rv_stats *st1,
         bool flushed)
{
    static const uint8_t held[] = {RV_STALL_LOAD_USE, RV_STALL_CSR, RV_STALL_MULDIV};
    static const uint8_t after[] = {RV_STALL_MEM, RV_STALL_BRANCH, RV_STALL_CSR,
                                    RV_STALL_TRAP, RV_STALL_WFI};
    struct pipe_row r = {.seq = flushed ? c->instret : c->instret - 1, .flushed = flushed};
    uint64_t s = base + f; /* in ID from s - 1 */
    uint64_t f0 = base < 2 ? 0 : base - 2; /* fetched two cycles before it could issue */
    if (c->pipe_if < f0)
        f0 = c->pipe_if; /* or held in IF behind its predecessor since then */
    uint64_t mem = c->stats.stall[RV_STALL_MEM] - st1->stall[RV_STALL_MEM];
    rv_pipe_stage(&r, "IF", f0, s - 1);
    rv_pipe_stage(&r, "ID", s - 1, is);
    rv_pipe_stage(&r, "EX", is, is + 1 + mem);
    if (!flushed) {
        rv_pipe_stage(&r, "MEM", is + 1 + mem, is + 2 + mem);
        rv_pipe_stage(&r, "WB", is + 2 + mem, is + 3 + mem);
    }
    rv_pipe_stall(&r, RV_STALL_FETCH, s - 1 - f, s - 1);
    uint64_t at = s;
    for (unsigned i = 0; i < sizeof(held); i++) {
        uint64_t n = st1->stall[held[i]] - st0->stall[held[i]];
        rv_pipe_stall(&r, held[i], at, at + n);
        at += n;
    }
    at = is + 1;
    for (unsigned i = 0; i < sizeof(after); i++) {
        uint64_t n = c->stats.stall[after[i]] - st1->stall[after[i]];
        rv_pipe_stall(&r, after[i], at, at + n);
        at += n;
    }
    rv_pipe_insn(c, d, d->pc, flushed ? "(trap)" : NULL, &r);
    /* The next instruction is fetched behind this one, or after the flush. */
    c->pipe_if = at > is + 1 + mem ? t->next - 2 : s - 1;
}

/* The last cycle anything the next instruction may wait for can be busy until, where it can
 * issue from cycle now: a load's or a CSR read's result is ready at most 2 cycles after
 * that (e31_retire: LB 3 after it issued, the next one 1 after), a multiply's or divide's
 * when the multiplier/divider is free (muldiv_free: it takes one operation at a time, so
 * the last is ready last). */
static inline uint64_t e31_busy_bound(const struct rv_e31 *t, uint64_t now)
{
    return t->muldiv_free > now + 2 ? t->muldiv_free : now + 2;
}

/* The timing classes the run loop times on its short path (e31_time). */
#define E31_TM_SHORT                                                                           \
    (RV_TM(ALU) | RV_TM(BRANCH) | RV_TM(JUMP) | RV_TM_LOAD | RV_TM_STORE | RV_TM_MULDIV)

/* Where the run loop starts (run_template.h, TM_ENTER): t->busy from what holds whatever
 * ran before (translated blocks set ready cycles without it); with the event counters on,
 * none of the loop's instructions takes the short path. */
static inline void e31_enter(struct rv_cpu *c)
{
    struct rv_e31 *t = e31_of(c);
    t->busy = c->hpm.on ? UINT64_MAX : e31_busy_bound(t, c->cycle);
    e31_ic_window(t);
}

/* What --pipeline needs of an instruction's timing beside it (e31_pipe). */
struct e31_rec {
    uint64_t base, f;
    struct rv_stats st0, st1;
};

/* The rest of instruction d's timing once it issues in cycle is.  On the short path
 * (e31_time): the event counters are off, and every result is ready after t->busy. */
static inline __attribute__((always_inline)) void
e31_retire(struct rv_cpu *c, const struct rv_insn *d, const struct rv_exec *x, unsigned op,
           struct rv_e31 *t, uint64_t *cyc, uint64_t is, bool shortp, bool loop, bool rec,
           struct e31_rec *pr)
{
    unsigned tc = rv_tclass(d, op);
    bool hpm = !shortp; /* the counters may count */
    if (rec)
        pr->st1 = c->stats;
    uint64_t next = is + 1;
    /* (a switch: with op a constant it folds to one case, and block_time's, whose op is
     * not, jumps to it) */
    switch (tc) {
    case RV_T_ALU:
        /* Its result is ready for the next instruction, and what rd held before was ready
         * when it issued (the write-after-write interlock): no instruction can wait for
         * either, so reg_ready[rd] and prod[rd] need not change. */
        if (hpm)
            E31_HPM(c, E31_EV_COMMIT, E31_EV_ARITH, 1);
        break;
    case RV_T_LOAD: case RV_T_LOAD_W: case RV_T_STORE: {
        unsigned extra = e31_mem(c, t, tc, x, is, hpm);
        if (tc != RV_T_STORE) {
            uint64_t at = is + (tc == RV_T_LOAD_W ? 2 : 3) + extra;
            e31_result(t, d, at, E31_P_LOAD);
            e31_busy_at(t, at, shortp, loop);
        }
        next += extra;
        break;
    }
    case RV_T_MUL: case RV_T_MULH: case RV_T_DIV: {
        bool div = tc == RV_T_DIV;
        unsigned lat = div ? e31_div_latency(op, x->a, x->b) : 5;
        e31_result(t, d, is + lat, div ? E31_P_DIV : E31_P_MUL);
        t->muldiv_free = is + lat;
        e31_busy_at(t, is + lat, shortp, loop);
        if (hpm)
            E31_HPM(c, E31_EV_COMMIT, div ? E31_EV_DIV : E31_EV_MUL, 1);
        break;
    }
    case RV_T_JUMP: case RV_T_BRANCH:
        /* (a jump's link register: as an ALU result) */
        next += e31_branch(c, t, d, op, tc, x, hpm);
        break;
    case RV_T_CSR:
        e31_result(t, d, is + 3, E31_P_CSR);
        e31_busy_at(t, is + 3, false, loop);
        if (e31_csr_flushes(d)) {
            next += E31_FLUSH;
            c->stats.stall[RV_STALL_CSR] += E31_FLUSH;
            E31_HPM(c, E31_EV_UARCH, E31_EV_FLUSH_CSR, 1);
        }
        E31_HPM(c, E31_EV_COMMIT, E31_EV_SYSTEM, 1);
        /* It may have turned the counters on or off (e31_enter). */
        if (c->hpm.on)
            t->busy = UINT64_MAX;
        else if (t->busy == UINT64_MAX)
            t->busy = e31_busy_bound(t, next);
        break;
    case RV_T_LR: case RV_T_AMO: {
        unsigned extra = e31_mem(c, t, tc, x, is, true);
        e31_result(t, d, is + 2 + extra, E31_P_LOAD);
        e31_busy_at(t, is + 2 + extra, false, loop);
        next += extra;
        break;
    }
    case RV_T_FENCE:
        E31_HPM(c, E31_EV_COMMIT, E31_EV_ARITH, 1);
        break;
    case RV_T_FENCE_I:
        /* fence.i invalidates the instruction cache and refetches what follows. */
        e31_ic_flush(t);
        next += E31_FLUSH;
        c->stats.stall[RV_STALL_CSR] += E31_FLUSH;
        E31_HPM(c, E31_EV_UARCH, E31_EV_FLUSH_OTHER, 1);
        E31_HPM(c, E31_EV_COMMIT, E31_EV_ARITH, 1);
        break;
    default:
        /* mret, wfi, a semihosting ebreak: system instructions that flush. */
        next += E31_FLUSH;
        c->stats.stall[tc == RV_T_WFI ? RV_STALL_WFI : RV_STALL_TRAP] += E31_FLUSH;
        E31_HPM(c, E31_EV_UARCH, E31_EV_FLUSH_OTHER, 1);
        E31_HPM(c, E31_EV_COMMIT, E31_EV_SYSTEM, 1);
        break;
    }
    *cyc = next; /* (past the cycle: it issued at or after it) */
    if (!loop || rec)
        t->next = c->cycle = next; /* (the run loop's own leave t->next behind c->cycle:
                                    * tm_trap takes both) */
    if (rec && unlikely(OUTPUT_HOOK(c->pipe)))
        e31_pipe(c, t, d, pr->base, pr->f, is, &pr->st0, &pr->st1, false);
}

/* Time instruction d (operation op, a constant in the run loop's handlers: each keeps only
 * its own class's part).  The run loop's (loop) takes a short path where t->busy says no
 * operand and no unit can hold the instruction up and the event counters are off: it issues
 * as soon as fetched, and nothing is counted on the counters. */
static inline __attribute__((always_inline)) void
e31_time(struct rv_cpu *c, const struct rv_insn *d, uint32_t pc, uint64_t *cyc,
         const struct rv_exec *x, unsigned op, struct rv_e31 *t, bool rec, bool loop)
{
    struct e31_rec pr;
    if (rec && unlikely(OUTPUT_HOOK(c->pipe))) {
        pr.base = t->next > *cyc ? t->next : *cyc;
        pr.f = e31_fetch(c, t, d, false);
        pr.st0 = c->stats;
    }
    uint64_t s = *cyc;
    if (loop)
        e31_loop_fetch(c, t, d, pc, &s);
    else
        s += e31_fetch(c, t, d, true);
    if (loop && rv_tclass_in(rv_tclass(d, op), E31_TM_SHORT) && likely(t->busy <= s))
        e31_retire(c, d, x, op, t, cyc, s, true, loop, rec, &pr);
    else
        e31_retire(c, d, x, op, t, cyc, e31_issue_from(c, t, d, op, s, true), false, loop, rec,
                   &pr);
}

/* Time instruction d: what the run loop's handlers do (e31_loop_insn), without the short
 * path (its callers keep no t->busy). */
static inline __attribute__((always_inline)) void
tm_insn(struct rv_cpu *c, const struct rv_insn *d, const struct rv_exec *x, unsigned op,
        struct rv_e31 *t, bool rec)
{
    e31_time(c, d, d->pc, &c->cycle, x, op, t, rec, false);
}

/* The run loop's (run_template.h, TM_INSN_LOOP). */
static inline __attribute__((always_inline)) void
e31_loop_insn(struct rv_cpu *c, const struct rv_insn *d, uint32_t pc, uint64_t *cyc,
              const struct rv_exec *x, unsigned op, struct rv_e31 *t, bool rec)
{
    e31_time(c, d, pc, cyc, x, op, t, rec, true);
}

#define TM_INSN_LOOP e31_loop_insn
#define TM_ENTER(c) e31_enter(c)

/* --pipeline: the row of a trap's instruction d (as e31_pipe's, flushed after EX), or of
 * an interrupt (d NULL), taken in cycle at: the instruction it comes before is fetched
 * and thrown away by the flush. */
static __attribute__((noinline, cold, unused)) void
e31_pipe_trap(struct rv_cpu *c, const struct rv_e31 *t, const struct rv_insn *d,
              uint32_t cause, uint64_t base, uint64_t f, uint64_t at, const struct rv_stats *st0,
              const struct rv_stats *st1)
{
    if (d) {
        e31_pipe(c, t, d, base, f, at - 1, st0, st1, true);
        return;
    }
    struct pipe_row r = {.seq = c->instret, .flushed = true};
    rv_pipe_stage(&r, "IF", c->pipe_if < at - 1 ? c->pipe_if : at - 1, at);
    rv_pipe_stall(&r, RV_STALL_TRAP, at, at + E31_FLUSH);
    rv_pipe_irq(c, c->mepc, cause, &r);
    c->pipe_if = t->next - 2;
}

/* Trap entry.  d != NULL: d raised an exception; it issued like any instruction and the
 * pipeline is flushed when it reaches writeback.  d == NULL: an interrupt, taken at the
 * next instruction boundary (or at wake-up from wfi), also a flush. */
static inline void tm_trap(struct rv_cpu *c, const struct rv_insn *d, uint32_t cause)
{
    struct rv_e31 *t = e31_of(c);
    uint64_t at = t->next > c->cycle ? t->next : c->cycle;
    uint64_t base = at, f = 0;
    struct rv_stats st0 = c->stats, st1;
    if (d && unlikely(OUTPUT_HOOK(c->pipe)))
        f = e31_fetch(c, t, d, false);
    if (d) {
        at = e31_issue(c, t, d, d->op, true) + 1;
        e31_ic_window(t); /* (its fetch may have moved ic_last) */
    }
    st1 = c->stats;
    t->next = at + E31_FLUSH;
    c->stats.stall[RV_STALL_TRAP] += E31_FLUSH;
    E31_HPM(c, E31_EV_COMMIT, E31_EV_EXC, 1);
    E31_HPM(c, E31_EV_UARCH, E31_EV_FLUSH_OTHER, 1);
    if (t->next > c->cycle)
        c->cycle = t->next;
    if (unlikely(OUTPUT_HOOK(c->pipe)))
        e31_pipe_trap(c, t, d, cause, base, f, at, &st0, &st1);
}

/* mcycle as a CSR instruction at c->pc sees it: the cycle it issues in. */
static inline uint64_t tm_csr_cycle(const struct rv_cpu *c)
{
    struct rv_cpu *m = (struct rv_cpu *)c; /* e31_issue without update changes nothing */
    const struct rv_insn *d = &c->dcache[(c->pc >> 1) & (RV_DCACHE_SIZE - 1)];
    return e31_issue(m, e31_of(m), d, d->op, false);
}

/* Make state t, at cycle now, what any other state t times every instruction from now on
 * the same as is made (tests/unit/jit_diff.c compares them so): what the run loop leaves
 * behind (e31_time) that no instruction can read, a register's ready cycle and producer
 * once it is ready, the multiplier's and t->next once past, to 0; and its own shortcuts
 * (busy, the I-cache window), made again where it starts, to 0. */
static inline void e31_state_canon(struct rv_e31 *t, uint64_t now)
{
    for (unsigned r = 0; r < 32; r++)
        if (t->reg_ready[r] <= now)
            t->reg_ready[r] = 0, t->prod[r] = 0;
    if (t->muldiv_free <= now)
        t->muldiv_free = 0;
    if (t->next <= now)
        t->next = 0;
    t->busy = 0;
    t->ic_lo = t->ic_win = 0;
}

/* After reset: the first instruction issues once IF and ID have it. */
static inline void tm_reset(struct rv_cpu *c)
{
    struct rv_e31 *t = e31_of(c);
    struct rv_e31_cfg cfg = t->cfg;
    memset(t, 0, sizeof(*t));
    t->cfg = cfg;
    if (cfg.icache_size) {
        uint32_t lines = (uint32_t)(cfg.icache_size / cfg.icache_line);
        t->ic_ways = (uint32_t)cfg.icache_ways;
        t->ic_sets = lines / t->ic_ways;
        t->ic_line_shift = (uint32_t)__builtin_ctzll(cfg.icache_line);
    }
    for (unsigned i = 0; i < RV_E31_BHT; i++)
        t->bht[i] = 1; /* weakly not taken */
    t->busy = UINT64_MAX; /* (until the run loop starts: e31_enter) */
    t->next = c->cycle + 2;
    c->cycle = t->next;
}

#endif
