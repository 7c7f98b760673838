/* The Ibex timing model (timing_ibex.h): its run loop, built once per setting of the two
 * configuration switches that change the per-instruction code (the writeback stage and the
 * branch target ALU), so that each loop has them as constants; the dispatcher of its
 * translated blocks, which replay their timing; its properties (the RTL's parameters) and
 * its declaration. */
#include "soc/cpu/riscv/timing_ibex.h"
#include "sim/error.h"
#include "soc/cpu/riscv/jit.h"

#define RV_RUN_NAME rv_run_ibex_base
#define TM_INSN_CONFIG , false, false, false
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_btalu
#define TM_INSN_CONFIG , false, true, false
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_wb
#define TM_INSN_CONFIG , true, false, false
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_wb_btalu
#define TM_INSN_CONFIG , true, true, false
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

/* With performance counters (mhpm-counters) or SecureIbex, or while --pipeline records,
 * one loop for every setting: the counters count per instruction, data-independent timing
 * changes branches and divides, the pipeline log gets each instruction's stages (pipe.h);
 * the other loops leave them out. */
#define RV_RUN_NAME rv_run_ibex_rare
#define TM_INSN_CONFIG , ibex_of(c)->writeback_stage, ibex_of(c)->branch_target_alu, true
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

/* The loops the observers watch (run_template.h, RV_OBSERVED), one per setting too; each
 * also counts what the rare settings need (performance counters, SecureIbex), as
 * rv_run_ibex_rare does, since an observed run is interpreted anyway. */
#define RV_RUN_NAME rv_run_ibex_base_observed
#define TM_INSN_CONFIG , false, false, true
#define RV_OBSERVED 1
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_btalu_observed
#define TM_INSN_CONFIG , false, true, true
#define RV_OBSERVED 1
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_wb_observed
#define TM_INSN_CONFIG , true, false, true
#define RV_OBSERVED 1
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_wb_btalu_observed
#define TM_INSN_CONFIG , true, true, true
#define RV_OBSERVED 1
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

static void run_ibex(struct rv_cpu *c)
{
    const struct rv_ibex *ib = ibex_of(c);
    if (unlikely(OUTPUT_HOOK(c->pipe)) || c->hpm_counters || ib->secure)
        rv_run_ibex_rare(c);
    else if (ib->writeback_stage)
        (ib->branch_target_alu ? rv_run_ibex_wb_btalu : rv_run_ibex_wb)(c);
    else
        (ib->branch_target_alu ? rv_run_ibex_btalu : rv_run_ibex_base)(c);
}

static void run_ibex_observed(struct rv_cpu *c)
{
    const struct rv_ibex *ib = ibex_of(c);
    if (ib->writeback_stage)
        (ib->branch_target_alu ? rv_run_ibex_wb_btalu_observed : rv_run_ibex_wb_observed)(c);
    else
        (ib->branch_target_alu ? rv_run_ibex_btalu_observed : rv_run_ibex_base_observed)(c);
}

static void set_pc(struct rv_cpu *c)
{
    struct rv_ibex_fetch *f = &ibex_of(c)->st.f;
    f->resync = true;
    f->tab = NULL; /* the next instruction takes ibex_enter_slow */
}

static void free_ibex(struct rv_cpu *c)
{
    struct rv_ibex *ib = ibex_of(c);
    free(ib->ic);
    ib->ic = NULL;
    if (!ib->memo)
        return;
    for (unsigned i = 0; i < RV_IBEX_MEMO_LAT; i++)
        free(ib->memo->tab[i]);
    free(ib->memo);
}

/* ---- translated blocks, timed (jit.c, jit.h) ----
 *
 * What the model does over a run of instructions that stay in the fast path (no trap, CSR,
 * wfi or sleep) depends only on the pipeline state relative to the current cycle (the
 * prefetch buffer's packed state, when fetch next simulates, the cause the wait for ID
 * counts as, whether ID is empty; with the writeback stage, how far the response it awaits
 * and the register of an outstanding load lie ahead: wb_key) and on what the instructions
 * did.  So a block's timing is worked out once through tm_insn, as the run loop would, and
 * the change of state, cycle and stall counters is replayed on later visits. */

/* A multiply on the slow multiplier takes cycles that follow its operand's highest set bit:
 * it only starts a block, whose operand the dispatcher reads before it enters it itself.
 * (A divide's cycles depend only on whether the divisor is 0, which the block notes as it
 * runs: c->jit_divzero.) */
static bool first_only(const struct rv_cpu *c, unsigned op)
{
    return rv_op_class(op) == RV_CL_MUL && ibex_of(c)->rv32m == RV_MUL_SLOW;
}

/* Cycles a block cannot exceed, however it starts and whatever it does: per instruction,
 * a fetch from an empty buffer behind two cancelled requests (three fetch latencies), then
 * its longest stay in ID/EX (a divide, a memory response, a branch). */
static uint32_t block_bound(const struct rv_cpu *c, const struct rv_insn *ins, unsigned n,
                            unsigned max_wait)
{
    uint32_t lat = 1 + (uint32_t)ibex_of(c)->ifetch_delay + ins[0].fetch_wait;
    uint32_t b = 64;
    for (unsigned i = 0; i < n; i++) {
        unsigned cl = rv_op_class(ins[i].op);
        b += 3 * lat + 4;
        if (ibex_of(c)->writeback_stage)
            b += 4 + 2 * max_wait; /* a load's result, or writeback's response, awaited */
        if (cl == RV_CL_LOAD || cl == RV_CL_STORE)
            b += 4 + 2 * max_wait;
        else if (cl == RV_CL_MUL || cl == RV_CL_DIV)
            b += 40;
        else
            b += 3;
    }
    return b;
}

/* After a long stay in ID/EX (a divide) the prefetch buffer has filled and stands still:
 * skip it to that settled state now, as entering ID next would (ibex_enter), so that the
 * state is a key (fetch not more than 15 cycles behind). */
static inline void settle(struct rv_ibex_state *t)
{
    struct rv_ibex_fetch *f = &t->f;
    uint64_t wait = ibex_wait(f, t->ready_from);
    if (unlikely(wait >= IBEX_MEMO_WAIT) && f->tab && !t->asleep)
        ibex_settled(f, t->ready_from, wait);
}

/* With the writeback stage: the state's part past ID.  An instruction enters ID at
 * ready_from + 1 at the earliest, so a response (wb_free) or a register's value
 * (reg_ready) due by then holds nothing up; the part is how far past that writeback's
 * response and the register of the last load (wb_load) lie (too far: not a key).  Only
 * that register can be late: an older load's value came with its response, which the
 * next load or store waited for in writeback before ID moved on, as every other
 * instruction waits for the last response (tm_insn); block_time checks it.  *reg: that
 * register, 0 when it is not late, and its ready cycle in *ready. */
#define IBEX_WB_KEY_SHIFT 22 /* (key bits 22-34: free in state_key's) */
static inline bool wb_key(const struct rv_ibex *ib, const struct rv_ibex_state *t,
                          uint64_t *key, unsigned *reg, uint64_t *ready)
{
    uint64_t from = t->ready_from + 1;
    uint64_t wb = t->wb_free > from ? t->wb_free - from : 0;
    unsigned r = ib->reg_ready[t->wb_load] > from ? t->wb_load : 0;
    uint64_t rel = r ? ib->reg_ready[r] - from : 0;
    *reg = r;
    *ready = ib->reg_ready[r];
    *key = (wb | rel << 4 | (uint64_t)r << 8) << IBEX_WB_KEY_SHIFT;
    return wb < 16 && rel < 16;
}

/* No register but the last load's is late after a block (wb_key). */
static bool wb_one_late(const struct rv_ibex *ib, const struct rv_ibex_state *t)
{
    for (unsigned r = 1; r < 32; r++)
        if (r != t->wb_load && ib->reg_ready[r] > t->ready_from + 1)
            return false;
    return true;
}

/* The state as a key (false: it cannot be one, and the interpreter runs or the timing is
 * worked out without the memo).  It holds the fetch wait states too, so a key that matches
 * one recorded for a block says they are the block's. */
static inline bool state_key(const struct rv_cpu *c, const struct rv_ibex_state *t,
                             uint64_t *key)
{
    const struct rv_ibex_fetch *f = &t->f;
    uint64_t rel = f->cycle - t->ready_from + 32; /* 0..63 */
    if (t->asleep || f->resync || !f->tab || f->st >= IBEX_KEY_LIMIT || rel >= 64 ||
        c->cycle != t->ready_from + 1)
        return false;
    uint64_t wb = 0, ready;
    unsigned reg;
    if (ibex_of(c)->writeback_stage && !wb_key(ibex_of(c), t, &wb, &reg, &ready))
        return false;
    *key = (uint64_t)(f->st >> IBEX_ST_SHIFT) | rel << IBEX_KEY_BITS |
           (uint64_t)t->gap_cause << (IBEX_KEY_BITS + 6) |
           (uint64_t)t->drained << (IBEX_KEY_BITS + 9) | wb | (uint64_t)f->fetch_wait << 52;
    return true;
}

/* The memory windows' wait states, which a block's timing depends on too, in the key the
 * translated code carries: they change only where the interpreter runs (an access outside
 * a window moves it), never in translated code, so the key a block leaves with holds them
 * as they were when it was entered, and a block's exit entries need not compare them. */
#define IBEX_WIN_KEY_SHIFT 35 /* (bits 35-50: free in state_key's) */
static inline uint64_t window_key(const struct rv_cpu *c)
{
    return ((uint64_t)c->rd_win.read_wait | (uint64_t)c->wr_win.write_wait << 8)
           << IBEX_WIN_KEY_SHIFT;
}

/* A key of the state and the windows that a block with these fetch wait states may use. */
static inline bool block_key(const struct rv_cpu *c, const struct rv_ibex_state *t,
                             uint8_t fetch_wait, uint64_t *key)
{
    if (t->f.fetch_wait != fetch_wait || !state_key(c, t, key))
        return false;
    *key |= window_key(c);
    return true;
}

/* What the first k instructions of b did, as the run loop tells the model: loads and
 * stores through the windows (never split: a split access leaves the block), a divisor of
 * 0 or not (bit n of c->jit_divzero for the block's divide n), the operand of a first slow
 * multiply, and where the last one went. */
static void block_exec(const struct rv_cpu *c, const struct jit_block *b, unsigned k,
                       bool taken, uint32_t operand, struct rv_exec *ex)
{
    unsigned ndiv = 0;
    for (unsigned i = 0; i < k; i++) {
        const struct rv_insn *d = &b->ins[i];
        struct rv_exec *x = &ex[i];
        memset(x, 0, sizeof(*x));
        x->next_pc = d->pc + d->len;
        if (rv_op_is_mem(d->op)) {
            x->mem = true;
            x->mem_wait = rv_op_class(d->op) == RV_CL_LOAD ? c->rd_win.read_wait
                                                           : c->wr_win.write_wait;
        }
        if (rv_op_class(d->op) == RV_CL_DIV)
            x->b = c->jit_divzero >> ndiv++ & 1 ? 0 : 1;
    }
    if (first_only(c, b->ins[0].op))
        ex[0].b = operand;
    if (k == b->n && rv_op_is(b->ins[k - 1].op, RV_OF_END)) {
        ex[k - 1].next_pc = c->pc;
        ex[k - 1].taken = taken;
    }
}

/* Work the timing of b's first k instructions out through tm_insn; record the change in e
 * (e->what is set to 0 if another counter moved, or the state after has no key: not
 * replayable). */
static void block_time(struct rv_cpu *c, const struct jit_block *b, unsigned k, bool taken,
                       uint32_t operand, struct jit_tentry *e)
{
    struct rv_exec ex[JIT_MAX_INSNS];
    block_exec(c, b, k, taken, operand, ex);
    uint64_t base = c->cycle, stall[RV_STALL_COUNT];
    memcpy(stall, c->stats.stall, sizeof(stall));
    struct rv_ibex *ib = ibex_of(c);
    struct rv_ibex_state t;
    tm_local_in(c, &t);
    for (unsigned i = 0; i < k; i++) {
        const struct rv_insn *d = &b->ins[i];
        if (ib->writeback_stage) {
            if (ib->branch_target_alu)
                tm_insn(c, d, &ex[i], d->op, &t, true, true, false);
            else
                tm_insn(c, d, &ex[i], d->op, &t, true, false, false);
        } else {
            if (ib->branch_target_alu)
                tm_insn(c, d, &ex[i], d->op, &t, false, true, false);
            else
                tm_insn(c, d, &ex[i], d->op, &t, false, false, false);
        }
    }
    settle(&t);
    tm_local_out(c, &t);
    e->cycle = (uint32_t)(c->cycle - base);
    e->time_a = (int32_t)(int64_t)(t.f.cycle - base);
    e->time_b = (uint32_t)(t.ready_from - base);
    e->word = t.f.st;
    e->bytes[0] = t.gap_cause;
    e->bytes[1] = t.drained;
    e->wb_reg = 0;
    e->wb_a = e->reg_a = 0;
    bool keyed = true;
    if (ib->writeback_stage) {
        /* (a response or register ready before the start is as good as the start) */
        uint64_t key, ready;
        unsigned reg;
        keyed = wb_key(ib, &t, &key, &reg, &ready) && wb_one_late(ib, &t);
        e->wb_a = (uint32_t)(t.wb_free > base ? t.wb_free - base : 0);
        e->wb_reg = (uint8_t)reg;
        e->reg_a = (uint32_t)(ready > base ? ready - base : 0);
    }
    uint64_t moved = 0;
    for (unsigned i = 0; i < RV_STALL_COUNT; i++)
        moved += c->stats.stall[i] - stall[i];
    for (unsigned i = 0; i < JIT_TSTALLS; i++) {
        e->stall[i] = (uint32_t)(c->stats.stall[jit_tstalls[i]] - stall[jit_tstalls[i]]);
        moved -= e->stall[i];
    }
    if (moved || !keyed)
        e->what = 0;
}

/* The state a key stands for, at c->cycle (state_key backwards; the fields a key leaves
 * out, such as the memo table and the fetch stop, are as they were: a replay in the
 * translated code does not change them). */
static void from_key(struct rv_cpu *c, uint64_t key)
{
    struct rv_ibex *ib = ibex_of(c);
    struct rv_ibex_state *t = &ib->st;
    t->ready_from = c->cycle - 1;
    t->f.cycle = t->ready_from + (key >> IBEX_KEY_BITS & 63) - 32;
    t->f.st = (uint32_t)(key & ((1u << IBEX_KEY_BITS) - 1)) << IBEX_ST_SHIFT;
    t->gap_cause = (uint8_t)(key >> (IBEX_KEY_BITS + 6) & 7);
    t->drained = key >> (IBEX_KEY_BITS + 9) & 1;
    if (ib->writeback_stage) {
        uint64_t w = key >> IBEX_WB_KEY_SHIFT;
        t->wb_free = c->cycle + (w & 15);
        t->wb_load = (uint8_t)(w >> 8 & 31);
        ib->reg_ready[t->wb_load] = c->cycle + (w >> 4 & 15);
    }
}

static inline void block_replay(struct rv_cpu *c, struct rv_ibex_state *t,
                                const struct jit_tentry *e)
{
    uint64_t base = c->cycle;
    c->cycle = base + e->cycle;
    t->f.cycle = base + (uint64_t)(int64_t)e->time_a;
    t->ready_from = base + e->time_b;
    t->f.st = e->word;
    t->gap_cause = e->bytes[0];
    t->drained = e->bytes[1];
    if (ibex_of(c)->writeback_stage) {
        t->wb_free = base + e->wb_a;
        ibex_of(c)->reg_ready[e->wb_reg] = base + e->reg_a;
    }
    for (unsigned i = 0; i < JIT_TSTALLS; i++)
        c->stats.stall[jit_tstalls[i]] += e->stall[i];
}

/* The class of a first slow multiply's operand that its cycles depend on. */
static inline uint64_t operand_class(const struct rv_cpu *c, const struct rv_insn *d,
                                     uint32_t b)
{
    if (d->op == RV_MUL && ibex_of(c)->rv32m == RV_MUL_SLOW)
        return b < 2 ? 0 : ibex_msb(b);
    return 0;
}

/* The timing of b's first k instructions, from the memo when the state is a key (returns
 * the entry, NULL otherwise: worked out directly). */
static struct jit_tentry *block_timing(struct rv_cpu *c, struct jit_block *b, unsigned k,
                                       bool taken, uint32_t operand)
{
    uint64_t skey;
    struct rv_ibex_state *st = &ibex_of(c)->st;
    if (!block_key(c, st, b->fetch_wait, &skey)) {
        struct jit_tentry scratch;
        block_time(c, b, k, taken, operand, &scratch);
        return NULL;
    }
    uint64_t what = (uint64_t)k | (uint64_t)taken << 7 |
                    operand_class(c, &b->ins[0], operand) << 8 |
                    (uint64_t)c->rd_win.read_wait << 16 | (uint64_t)c->wr_win.write_wait << 24;
    uint32_t divzero = b->ndiv ? c->jit_divzero : 0;
    for (unsigned i = 0; i < JIT_TMEMO; i++) {
        struct jit_tentry *m = &b->memo[i];
        if (m->key == skey && m->what == what && m->divzero == divzero) {
            block_replay(c, st, m);
            return m;
        }
    }
    struct jit_tentry *t = &b->memo[b->next++ % JIT_TMEMO];
    t->key = skey;
    t->what = what;
    t->divzero = divzero;
    block_time(c, b, k, taken, operand, t);
    return t->what ? t : NULL;
}

/* A block ran whole and left by exit x, whose entry did not hold: time it, and fill the
 * entry in for next time from the state it started in (skey) and the change. */
static void exit_miss(struct rv_cpu *c, struct jit_texit *x, uint32_t operand)
{
    struct jit_block *b = x->blk;
    uint64_t skey = 0;
    struct rv_ibex_state *st = &ibex_of(c)->st;
    bool keyed = block_key(c, st, b->fetch_wait, &skey);
    uint32_t divzero = b->ndiv ? c->jit_divzero : 0;
    c->instret += b->n;
    struct jit_tentry *t = block_timing(c, b, b->n, x->taken, operand);
    if (!keyed || !t || first_only(c, b->ins[0].op))
        return;
    for (unsigned i = 0; i < JIT_TSTALLS; i++)
        if (t->stall[i] && !(b->stall_mask >> i & 1))
            return; /* (the replay would not add it) */
    memmove(&x[1], &x[0], (JIT_TWAYS - 1) * sizeof(*x)); /* the older entries go down one */
    x->skey = skey;
    x->divzero = divzero;
    x->cycle = t->cycle;
    x->time_b = t->time_b;
    x->word = t->word;
    x->time_a = t->time_a;
    memcpy(x->bytes, t->bytes, sizeof(x->bytes));
    x->wb_reg = t->wb_reg;
    x->wb_a = t->wb_a;
    x->reg_a = t->reg_a;
    memcpy(x->stall, t->stall, sizeof(x->stall));
    if (state_key(c, st, &x->next_skey))
        x->next_skey |= window_key(c);
    else
        x->next_skey = JIT_SKEY_NONE;
}

/* Near the cycle limit, where the cycles left do not cover block b's worst case (its
 * bound): whether its exits' entries for the key (of the state and the windows) say it
 * fits anyway, every way out it has being known.  A run that leaves the block before
 * its end takes fewer cycles than either way through it (its prefix), so the largest is a
 * bound for this state; not for a block with divides (the entries hold the divisors' zero
 * bits found then) or one the dispatcher reads an operand for. */
static bool block_fits(const struct rv_cpu *c, const struct jit_block *b, uint64_t skey,
                       uint64_t left)
{
    unsigned last = b->ins[b->n - 1].op;
    if (b->ndiv || first_only(c, b->ins[0].op))
        return false;
    uint32_t most = 0;
    for (unsigned idx = 0; idx < 2; idx++) {
        /* exits: 0 not taken (or on past a block cut short), 1 taken (jal, jalr too) */
        bool used = rv_op_class(last) == RV_CL_BRANCH ||
                    (rv_op_is(last, RV_OF_END) ? idx == 1 : idx == 0);
        bool found = false;
        for (unsigned w = 0; used && w < JIT_TWAYS; w++) {
            const struct jit_texit *x = &b->exits[idx][w];
            if (x->skey == skey) {
                found = true;
                most = x->cycle > most ? x->cycle : most;
            }
        }
        if (used && !found)
            return false;
    }
    return most <= left;
}

/* The ibex model's run loop with translated blocks: a block runs when the state is a key
 * and the cycles left cover its worst case (or, near the limit, block_fits); the blocks replay their timing themselves and
 * go on from block to block while the entries hold. */
static void run_timed_jit(struct rv_cpu *c)
{
    struct rv_jit *j = c->jit;
    struct rv_ibex_state *st = &ibex_of(c)->st;
    while (c->cycle < c->cycle_limit && !c->halted) {
        struct jit_entry *e;
        if (!rv_jit_next(c, &e))
            return; /* asleep */
        if (!e)
            continue;
        struct jit_block *b = jit_timed(e->head);
        uint64_t skey;
        settle(st);
        if (!e->code || !block_key(c, st, b->fetch_wait, &skey)) {
            rv_jit_interpret(c, 1);
            continue;
        }
        const uint8_t *code = e->code;
        uint64_t left = c->cycle_limit - c->cycle; /* (the blocks count it signed) */
        if (left < b->bound) {
            if (c->cycle_over > c->cycle_limit && c->cycle_over - c->cycle >= b->bound) {
                /* Only the host's polling set the limit (sim.overrun): run on past it, a
                 * block's worth at most, rather than interpret up to it. */
                left += b->bound;
                if (left > c->cycle_over - c->cycle)
                    left = c->cycle_over - c->cycle;
            } else if (block_fits(c, b, skey, left)) {
                code = b->unchecked;
            } else {
                j->interp(c); /* the few cycles left to the limit */
                continue;
            }
        }
        const struct rv_insn *d0 = &b->ins[0];
        uint32_t operand = first_only(c, d0->op) ? c->x[d0->rs2] : 0;
        uint64_t gen = j->gen;
        if (left > INT64_MAX)
            left = INT64_MAX;
        c->jit_cycle_end = c->cycle + left;
        struct jit_ret r = j->enter(c->x, left, code, skey);
        c->cycle = c->jit_cycle_end - r.budget; /* (the replays counted the budget down) */
        rv_jit_fold_stalls(c);
        if (j->skey != JIT_SKEY_NONE)
            from_key(c, j->skey); /* (the code carried the state in the key) */
        if (r.how == JIT_EXIT_JUMP || r.how == JIT_EXIT_BUDGET)
            continue; /* timing done; or the next block does not fit before the limit */
        if (r.how == JIT_EXIT_INTERP) {
            /* The block left before instruction jit_k (operands are read only by a block
             * the loop entered itself, the first). */
            struct jit_block *sb = c->jit_blk;
            if (c->jit_k) {
                c->instret += c->jit_k;
                block_timing(c, sb, c->jit_k, false, operand); /* (only b starts with one) */
            }
            rv_jit_interpret(c, 1);
        } else if (r.how & 1) { /* timing done: link the exit to the next block */
            struct jit_entry *t = rv_jit_find(c, c->pc);
            if (t->code && j->gen == gen &&
                !first_only(c, jit_timed(t->head)->ins[0].op))
                rv_jit_link((struct jit_link *)(uintptr_t)(r.how - 1), t->head);
        } else {
            struct jit_texit *x = (struct jit_texit *)(uintptr_t)r.how;
            exit_miss(c, x, operand);
        }
    }
}

/* ---- the model's declaration ---- */

static const char *const rv32m_names[] = {"fast", "single-cycle", "slow", NULL};
static const char *const rv32b_names[] = {"none", "balanced", "otearlgrey", "full", NULL};

/* The bit-manipulation extensions of each RV32B setting (Ibex's decoder; docs/timing-models.md,
 * "Bit manipulation"): RV32BBalanced is Zba, Zbb, Zbs and the draft Zbf, Zbt;
 * RV32BOTEarlGrey adds Zbc and the draft Zbp, Zbr; RV32BFull adds the draft Zbe. */
#define IBEX_B_BALANCED (RV_EXT_ZBA | RV_EXT_ZBB | RV_EXT_ZBS | RV_EXT_ZBF | RV_EXT_ZBT | RV_EXT_IBEX)
#define IBEX_B_OTEARLGREY (IBEX_B_BALANCED | RV_EXT_ZBC | RV_EXT_ZBP | RV_EXT_ZBR)
static const uint32_t rv32b_ext[] = {
    [RV_IBEX_B_NONE] = 0,
    [RV_IBEX_B_BALANCED] = IBEX_B_BALANCED,
    [RV_IBEX_B_OTEARLGREY] = IBEX_B_OTEARLGREY,
    [RV_IBEX_B_FULL] = IBEX_B_OTEARLGREY | RV_EXT_ZBE,
};

/* The configurations of Ibex's ibex_configs.yaml (its parameters as properties), with
 * the parameters OpenTitan's instantiation adds (DbgTriggerEn, MHPMCounterNum and
 * MHPMCounterWidth); a parameter a configuration leaves out has its default.  PMPEnable,
 * PMPNumRegions and PMPGranularity are the CPU's properties pmp-regions (0: PMPEnable =
 * 0) and pmp-granularity, which the preset sets unless the board or -global gave them. */
#define IBEX_BASE "rv32b=none,icache=off,icache-ecc=off,secure=off,dbg-triggers=off,"        \
                  "mhpm-counters=0,mhpm-counter-width=40"
#define IBEX_NO_PMP "pmp-regions=0,pmp-granularity=0"
static const struct rv_model_preset ibex_presets[] = {
    {"none", "", "no preset: the properties' own defaults", NULL},
    {"small", "rv32m=fast,writeback-stage=off,branch-target-alu=off," IBEX_BASE,
     "2-stage pipeline, 3-cycle multiplier", IBEX_NO_PMP},
    {"opentitan",
     "rv32m=single-cycle,writeback-stage=on,branch-target-alu=on,rv32b=otearlgrey,icache=on,"
     "icache-ecc=on,secure=on,dbg-triggers=on,mhpm-counters=10,mhpm-counter-width=32",
     "OpenTitan's Earl Grey", "pmp-regions=16,pmp-granularity=0"},
    {"maxperf", "rv32m=single-cycle,writeback-stage=on,branch-target-alu=on," IBEX_BASE,
     "experimental-maxperf: 3 stages, branch target ALU, 1-cycle multiplier", IBEX_NO_PMP},
    {NULL, NULL, NULL, NULL},
};
static const char *const ibex_preset_names[] = {"none", "small", "opentitan", "maxperf", NULL};
_Static_assert(sizeof(ibex_presets) / sizeof(ibex_presets[0]) ==
                   sizeof(ibex_preset_names) / sizeof(ibex_preset_names[0]),
               "a name for every preset");

static const struct opt_desc ibex_props[] = {
    {.name = "writeback-stage", .type = OPT_BOOL,
     .offset = offsetof(struct rv_ibex, writeback_stage), .def = "off",
     .help = "3-stage pipeline (WritebackStage)"},
    {.name = "branch-target-alu", .type = OPT_BOOL,
     .offset = offsetof(struct rv_ibex, branch_target_alu), .def = "off",
     .help = "separate branch target adder (BranchTargetALU)"},
    {.name = "rv32m", .type = OPT_ENUM, .offset = offsetof(struct rv_ibex, rv32m), .def = "fast",
     .help = "multiplier implementation (RV32M)", .choices = rv32m_names},
    {.name = "ifetch-delay", .type = OPT_INT, .offset = offsetof(struct rv_ibex, ifetch_delay),
     .def = "0", .help = "extra instruction-fetch latency, cycles", .max = 16},
    {.name = "rv32b", .type = OPT_ENUM, .offset = offsetof(struct rv_ibex, rv32b), .def = "none",
     .help = "bit manipulation (RV32B)", .choices = rv32b_names},
    {.name = "icache", .type = OPT_BOOL, .offset = offsetof(struct rv_ibex, icache),
     .def = "off",
     .help = "instruction cache, 4 KiB, 2 ways, 8-byte lines (ICache)"},
    {.name = "icache-ecc", .type = OPT_BOOL, .offset = offsetof(struct rv_ibex, icache_ecc),
     .def = "off", .help = "ECC on the cache's RAMs (ICacheECC; needs icache)"},
    {.name = "secure", .type = OPT_BOOL, .offset = offsetof(struct rv_ibex, secure),
     .def = "off",
     .help = "security hardening (SecureIbex): data-independent timing, cpuctrlsts bits 1-5"},
    {.name = "dbg-triggers", .type = OPT_BOOL, .offset = offsetof(struct rv_ibex, dbg_triggers),
     .def = "off", .help = "debug trigger CSRs tselect, tdata1-3, mcontext, scontext "
                          "(DbgTriggerEn)"},
    {.name = "mhpm-counters", .type = OPT_INT,
     .offset = offsetof(struct rv_ibex, mhpm_counters), .def = "0", .max = 29,
     .help = "performance counters mhpmcounter3.. (MHPMCounterNum)"},
    {.name = "mhpm-counter-width", .type = OPT_INT,
     .offset = offsetof(struct rv_ibex, mhpm_counter_width), .def = "40", .min = 1, .max = 64,
     .help = "their width in bits (MHPMCounterWidth)"},
    {.name = "config", .type = OPT_ENUM, .offset = offsetof(struct rv_ibex, config),
     .def = "none", .help = "a configuration of ibex_configs.yaml (presets below)",
     .choices = ibex_preset_names},
    {0},
};

/* Blocks replay their timing except with performance counters, which count per
 * instruction (ibex_hpm), the instruction cache, whose state is no key, or SecureIbex,
 * whose data-independent timing software switches on and off. */
static bool translatable(const struct rv_cpu *c)
{
    const struct rv_ibex *ib = ibex_of(c);
    return !ib->mhpm_counters && !ib->icache && !ib->secure;
}

/* The parameters the properties stand for go to the core: its CSRs (csr.c). */
static int realize(struct rv_cpu *c)
{
    struct rv_ibex *ib = ibex_of(c);
    if (ib->icache && !ib->ic && !(ib->ic = calloc(1, sizeof(*ib->ic))))
        return sim_err("out of memory");
    if (ib->icache_ecc && !ib->icache)
        return sim_err("%s: ibex property icache-ecc=on needs icache=on (-global ibex.icache=on)",
                       c->dev.id ? c->dev.id : "cpu");
    c->cpuctrl_wmask = RV_CPUCTRL_SYNC_EXC | RV_CPUCTRL_DOUBLE_FAULT |
                       (ib->icache ? RV_CPUCTRL_ICACHE : 0) |
                       (ib->secure ? RV_CPUCTRL_SECURE : 0);
    c->cpuctrl_ones = ib->icache ? RV_CPUCTRL_KEY_VALID : 0; /* (no scrambling key to wait for) */
    c->has_triggers = ib->dbg_triggers;
    c->hpm_counters = (unsigned)ib->mhpm_counters;
    c->hpm_width = (unsigned)ib->mhpm_counter_width;
    c->hpm_fixed = true;
    c->isa_ext = rv32b_ext[ib->rv32b]; /* the instructions the core decodes */
    return 0;
}

static bool writeback(const struct rv_cpu *c) { return ibex_of(c)->writeback_stage; }

static const struct jit_timing ibex_jit = {
    .time_a = offsetof(struct rv_ibex, st.f.cycle),
    .time_b = offsetof(struct rv_ibex, st.ready_from),
    .word = offsetof(struct rv_ibex, st.f.st),
    .bytes = offsetof(struct rv_ibex, st.gap_cause), /* and drained, the byte after it */
    .wb_free = offsetof(struct rv_ibex, st.wb_free),
    .reg_ready = offsetof(struct rv_ibex, reg_ready),
    .writeback = writeback,
    .bound = block_bound,
    .first_only = first_only,
};
_Static_assert(offsetof(struct rv_ibex_state, drained) ==
                   offsetof(struct rv_ibex_state, gap_cause) + 1,
               "a replay stores gap_cause and drained together");

/* What a checkpoint leaves out: the memo (answers that hold in any state) and the fetch
 * state's pointer into it, which the next slow path finds again for the restored latency. */
static const struct rv_model_derived ibex_derived[] = {
    RV_MODEL_DERIVED(struct rv_ibex, memo),
    RV_MODEL_DERIVED(struct rv_ibex, st.f.tab),
    RV_MODEL_DERIVED(struct rv_ibex, ic), /* (its contents: ibex_extra) */
    RV_MODEL_DERIVED(struct rv_ibex, st.f.ic),
    {0, 0},
};

static void ibex_restored(struct rv_cpu *c) { ibex_of(c)->st.f.tab = NULL; }

/* The instruction cache's state (icache=on), plain data. */
static void *ibex_extra(struct rv_cpu *c, size_t *n)
{
    *n = sizeof(struct ibex_icache);
    return ibex_of(c)->ic;
}

static const struct rv_model ibex_model = {
    .name = "ibex",
    .desc = "lowRISC Ibex, 2-stage pipeline (3 with writeback-stage), checked against its RTL",
    .props = ibex_props,
    .size = sizeof(struct rv_ibex),
    .realize = realize,
    .free = free_ibex,
    .reset = tm_reset,
    .set_pc = set_pc,
    .run = run_ibex,
    .run_translated = run_timed_jit,
    .run_observed = run_ibex_observed,
    .translatable = translatable,
    .jit = &ibex_jit,
    .derived = ibex_derived,
    .restored = ibex_restored,
    .extra_state = ibex_extra,
    .presets = ibex_presets,
    .preset_prop = "config",
    .pipeline = true,
};
RV_MODEL(ibex_model)
