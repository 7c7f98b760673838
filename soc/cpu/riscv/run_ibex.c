/* The run loop for the Ibex timing model (timing_ibex.h), built once per setting of the two
 * configuration switches that change the per-instruction code (the writeback stage and the
 * branch target ALU), so that each loop has them as constants. */
#include "soc/cpu/riscv/timing_ibex.h"
#include "soc/cpu/riscv/jit.h"

#define RV_RUN_NAME rv_run_ibex_base
#define TM_INSN_CONFIG , false, false
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_btalu
#define TM_INSN_CONFIG , false, true
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_wb
#define TM_INSN_CONFIG , true, false
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_wb_btalu
#define TM_INSN_CONFIG , true, true
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

void rv_run_ibex(struct rv_cpu *c)
{
    if (c->tcfg.writeback_stage)
        (c->tcfg.branch_target_alu ? rv_run_ibex_wb_btalu : rv_run_ibex_wb)(c);
    else
        (c->tcfg.branch_target_alu ? rv_run_ibex_btalu : rv_run_ibex_base)(c);
}

void rv_timing_reset_ibex(struct rv_cpu *c) { tm_reset(c); }

void rv_timing_pc_set_ibex(struct rv_cpu *c)
{
    c->tm.ibex.f.resync = true;
    c->tm.ibex.f.tab = NULL; /* the next instruction takes ibex_enter_slow */
}

/* ---- translated blocks, timed (jit.c, jit.h) ----
 *
 * Without the writeback stage, what the model does over a run of instructions that stay in
 * the fast path (no trap, CSR, wfi or sleep) depends only on the pipeline state relative to
 * the current cycle (the prefetch buffer's packed state, when fetch next simulates, the
 * cause the wait for ID counts as, whether ID is empty) and on what the instructions did.
 * So a block's timing is worked out once through tm_insn, as the run loop would, and the
 * change of state, cycle and stall counters is replayed on later visits. */

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
    *key = (uint64_t)(f->st >> IBEX_ST_SHIFT) | rel << IBEX_KEY_BITS |
           (uint64_t)t->gap_cause << (IBEX_KEY_BITS + 6) |
           (uint64_t)t->drained << (IBEX_KEY_BITS + 9) | (uint64_t)f->fetch_wait << 52;
    return true;
}

/* A state key the memo of a block with these fetch wait states may use. */
static inline bool block_key(const struct rv_cpu *c, const struct rv_ibex_state *t,
                             uint8_t fetch_wait, uint64_t *key)
{
    return t->f.fetch_wait == fetch_wait && state_key(c, t, key);
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
        if (ibex_is_mem(d->op)) {
            x->mem = true;
            x->mem_wait = d->op <= RV_LHU ? c->rd_win.read_wait : c->wr_win.write_wait;
        }
        if (d->op >= RV_DIV && d->op <= RV_REMU)
            x->b = c->jit_divzero >> ndiv++ & 1 ? 0 : 1;
    }
    if (rv_jit_needs_dispatcher(c, b->ins[0].op))
        ex[0].b = operand;
    unsigned op = b->ins[k - 1].op;
    if (k == b->n && op >= RV_JAL && op <= RV_BGEU) {
        ex[k - 1].next_pc = c->pc;
        ex[k - 1].taken = taken;
    }
}

/* Work the timing of b's first k instructions out through tm_insn; record the change in e
 * (its key is left 0 if another counter moved: not replayable). */
static void block_time(struct rv_cpu *c, const struct jit_block *b, unsigned k, bool taken,
                       uint32_t operand, struct jit_tentry *e)
{
    struct rv_exec ex[JIT_MAX_INSNS];
    block_exec(c, b, k, taken, operand, ex);
    uint64_t base = c->cycle, stall[RV_STALL_COUNT];
    memcpy(stall, c->stats.stall, sizeof(stall));
    struct rv_ibex_state t;
    tm_local_in(c, &t);
    for (unsigned i = 0; i < k; i++) {
        if (c->tcfg.branch_target_alu)
            tm_insn(c, &b->ins[i], &ex[i], b->ins[i].op, &t, false, true);
        else
            tm_insn(c, &b->ins[i], &ex[i], b->ins[i].op, &t, false, false);
    }
    settle(&t);
    tm_local_out(c, &t);
    e->cycle = (uint32_t)(c->cycle - base);
    e->fetch_cycle = (int32_t)(int64_t)(t.f.cycle - base);
    e->ready_from = (uint32_t)(t.ready_from - base);
    e->st = t.f.st;
    e->gap_cause = t.gap_cause;
    e->drained = t.drained;
    uint64_t moved = 0;
    for (unsigned i = 0; i < RV_STALL_COUNT; i++)
        moved += c->stats.stall[i] - stall[i];
    for (unsigned i = 0; i < 4; i++) {
        e->stall[i] = (uint32_t)(c->stats.stall[jit_tstalls[i]] - stall[jit_tstalls[i]]);
        moved -= e->stall[i];
    }
    if (moved)
        e->key = 0;
}

static inline void block_replay(struct rv_cpu *c, struct rv_ibex_state *t,
                                const struct jit_tentry *e)
{
    uint64_t base = c->cycle;
    c->cycle = base + e->cycle;
    t->f.cycle = base + (uint64_t)(int64_t)e->fetch_cycle;
    t->ready_from = base + e->ready_from;
    t->f.st = e->st;
    t->gap_cause = e->gap_cause;
    t->drained = e->drained;
    for (unsigned i = 0; i < 4; i++)
        c->stats.stall[jit_tstalls[i]] += e->stall[i];
}

/* The class of a first slow multiply's operand that its cycles depend on. */
static inline uint64_t operand_class(const struct rv_cpu *c, const struct rv_insn *d,
                                     uint32_t b)
{
    if (d->op == RV_MUL && c->tcfg.rv32m == RV_MUL_SLOW)
        return b < 2 ? 0 : ibex_msb(b);
    return 0;
}

/* The timing of b's first k instructions, from the memo when the state is a key (returns
 * the entry, NULL otherwise: worked out directly). */
static struct jit_tentry *block_timing(struct rv_cpu *c, struct jit_block *b, unsigned k,
                                       bool taken, uint32_t operand)
{
    uint64_t skey;
    if (!block_key(c, &c->tm.ibex, b->fetch_wait, &skey)) {
        struct jit_tentry scratch;
        block_time(c, b, k, taken, operand, &scratch);
        return NULL;
    }
    uint64_t key = skey | (uint64_t)k << 22 | (uint64_t)taken << 29 |
                   operand_class(c, &b->ins[0], operand) << 30 |
                   (uint64_t)c->rd_win.read_wait << 36 | (uint64_t)c->wr_win.write_wait << 44;
    uint32_t divzero = b->ndiv ? c->jit_divzero : 0;
    for (unsigned i = 0; i < JIT_TMEMO; i++) {
        if (b->memo[i].key == key && b->memo[i].divzero == divzero) {
            block_replay(c, &c->tm.ibex, &b->memo[i]);
            return &b->memo[i];
        }
    }
    struct jit_tentry *t = &b->memo[b->next++ % JIT_TMEMO];
    t->key = key;
    t->divzero = divzero;
    block_time(c, b, k, taken, operand, t);
    return t->key ? t : NULL;
}

/* A block ran whole and left by exit x, whose entry did not hold: time it, and fill the
 * entry in for next time from the state it started in (skey) and the change. */
static void exit_miss(struct rv_cpu *c, struct jit_texit *x, uint32_t operand)
{
    struct jit_block *b = x->blk;
    uint64_t skey = 0;
    bool keyed = block_key(c, &c->tm.ibex, b->fetch_wait, &skey);
    uint32_t waits = c->rd_win.read_wait | (uint32_t)c->wr_win.write_wait << 8 |
                     (b->ndiv ? c->jit_divzero << 16 : 0);
    c->instret += b->n;
    struct jit_tentry *t = block_timing(c, b, b->n, x->taken, operand);
    if (!keyed || !t || rv_jit_needs_dispatcher(c, b->ins[0].op))
        return;
    for (unsigned i = 0; i < 4; i++)
        if (t->stall[i] && !(b->stall_mask >> i & 1))
            return; /* (the replay would not add it) */
    memmove(&x[1], &x[0], (JIT_TWAYS - 1) * sizeof(*x)); /* the older entry goes second */
    x->skey = skey;
    x->waits = waits;
    x->cycle = t->cycle;
    x->ready_from = t->ready_from;
    x->st = t->st;
    x->fetch_cycle = t->fetch_cycle;
    x->gap_cause = t->gap_cause;
    x->drained = t->drained;
    memcpy(x->stall, t->stall, sizeof(x->stall));
    if (!state_key(c, &c->tm.ibex, &x->next_skey))
        x->next_skey = JIT_SKEY_NONE;
}

/* The ibex model's run loop with translated blocks: a block runs when the state is a key
 * and the cycles left cover its worst case; the blocks replay their timing themselves and
 * go on from block to block while the entries hold. */
void rv_run_timed_jit(struct rv_cpu *c)
{
    struct rv_jit *j = c->jit;
    while (c->cycle < c->cycle_limit && !c->halted) {
        if (c->wfi || ((c->mip & c->mie) && (c->mstatus & RV_MSTATUS_MIE))) {
            rv_jit_interpret(c, 1); /* takes the interrupt, or wakes, or sleeps */
            if (c->wfi)
                return;
            continue;
        }
        struct jit_entry *e = rv_jit_find(c, c->pc);
        struct jit_block *b = jit_timed(e->head);
        uint64_t skey;
        settle(&c->tm.ibex);
        if (!e->code || !block_key(c, &c->tm.ibex, b->fetch_wait, &skey)) {
            rv_jit_interpret(c, 1);
            continue;
        }
        if (c->cycle_limit - c->cycle < b->bound) {
            j->interp(c); /* the few cycles left to the limit */
            continue;
        }
        const struct rv_insn *d0 = &b->ins[0];
        uint32_t operand = rv_jit_needs_dispatcher(c, d0->op) ? c->x[d0->rs2] : 0;
        uint64_t gen = j->gen;
        uint64_t left = c->cycle_limit - c->cycle; /* (the blocks count it signed) */
        struct jit_ret r = j->enter(c->x, left < INT64_MAX ? left : INT64_MAX, e->code, skey);
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
                !rv_jit_needs_dispatcher(c, jit_timed(t->head)->ins[0].op))
                rv_jit_link((struct jit_link *)(uintptr_t)(r.how - 1), t->head);
        } else {
            struct jit_texit *x = (struct jit_texit *)(uintptr_t)r.how;
            exit_miss(c, x, operand);
        }
    }
}
