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

/* The state as a key (false: it cannot be one now; the interpreter runs). */
static inline bool block_key(const struct rv_cpu *c, const struct rv_ibex_state *t,
                             uint8_t fetch_wait, uint64_t *key)
{
    const struct rv_ibex_fetch *f = &t->f;
    uint64_t rel = f->cycle - t->ready_from + 32; /* 0..63 */
    if (t->asleep || f->resync || !f->tab || f->st >= IBEX_KEY_LIMIT || rel >= 64 ||
        f->fetch_wait != fetch_wait || c->cycle != t->ready_from + 1)
        return false;
    *key = (uint64_t)(f->st >> IBEX_ST_SHIFT) | rel << IBEX_KEY_BITS |
           (uint64_t)t->gap_cause << (IBEX_KEY_BITS + 6) |
           (uint64_t)t->drained << (IBEX_KEY_BITS + 9);
    return true;
}

/* What the first k instructions of b did, as the run loop tells the model: loads and
 * stores through the windows (never split: a split access leaves the block), the operand of
 * a first divide or slow multiply, and where the last one went. */
static void block_exec(const struct rv_cpu *c, const struct jit_block *b, unsigned k,
                       bool taken, uint32_t operand, struct rv_exec *ex)
{
    for (unsigned i = 0; i < k; i++) {
        const struct rv_insn *d = &b->ins[i];
        struct rv_exec *x = &ex[i];
        memset(x, 0, sizeof(*x));
        x->next_pc = d->pc + d->len;
        if (ibex_is_mem(d->op)) {
            x->mem = true;
            x->mem_wait = d->op <= RV_LHU ? c->rd_win.read_wait : c->wr_win.write_wait;
        }
    }
    ex[0].b = operand;
    unsigned op = b->ins[k - 1].op;
    if (k == b->n && op >= RV_JAL && op <= RV_BGEU) {
        ex[k - 1].next_pc = c->pc;
        ex[k - 1].taken = taken;
    }
}

/* The stall counters a block can move, in the order of jit_tentry.stall. */
static const uint8_t block_stalls[4] = {RV_STALL_FETCH, RV_STALL_BRANCH, RV_STALL_MEM,
                                        RV_STALL_MULDIV};

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
        e->stall[i] = (uint32_t)(c->stats.stall[block_stalls[i]] - stall[block_stalls[i]]);
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
        c->stats.stall[block_stalls[i]] += e->stall[i];
}

/* The class of a first divide's or slow multiply's operand that its cycles depend on. */
static inline uint64_t operand_class(const struct rv_cpu *c, const struct rv_insn *d,
                                     uint32_t b)
{
    if (d->op >= RV_DIV)
        return b == 0;
    if (d->op == RV_MUL && c->tcfg.rv32m == RV_MUL_SLOW)
        return b < 2 ? 0 : ibex_msb(b);
    return 0;
}

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
        struct jit_block *b = e->blk;
        uint64_t skey;
        if (!e->code || !block_key(c, &c->tm.ibex, b->fetch_wait, &skey) ||
            c->cycle_limit - c->cycle <
                b->bound + (uint64_t)b->nmem * (3u + c->rd_win.read_wait + c->wr_win.write_wait)) {
            rv_jit_interpret(c, 1);
            continue;
        }
        const struct rv_insn *d0 = &b->ins[0];
        uint32_t operand = rv_jit_operand_timed(c, d0->op) ? c->x[d0->rs2] : 0;
        struct jit_ret r = j->enter(c->x, b->n, e->code);
        unsigned k = b->n - (unsigned)r.budget;
        if (k > 0) {
            bool taken = r.how == JIT_EXIT_TAKEN;
            uint64_t key = skey | (uint64_t)k << 22 | (uint64_t)taken << 29 |
                           operand_class(c, d0, operand) << 30 |
                           (uint64_t)c->rd_win.read_wait << 36 |
                           (uint64_t)c->wr_win.write_wait << 44 | 1ull << 63;
            c->instret += k;
            struct jit_tentry *t = NULL;
            for (unsigned i = 0; i < JIT_TMEMO; i++)
                if (b->memo[i].key == key)
                    t = &b->memo[i];
            if (t) {
                block_replay(c, &c->tm.ibex, t);
            } else {
                t = &b->memo[b->next++ % JIT_TMEMO];
                t->key = key;
                block_time(c, b, k, taken, operand, t);
            }
        }
        if (r.how == JIT_EXIT_INTERP)
            rv_jit_interpret(c, 1);
    }
}
