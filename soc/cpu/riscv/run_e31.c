/* The E31 timing model (timing_e31.h): its run loop, its properties (the memory system in
 * front of the core: the FE310-G002 manual 3.1, 3.9), and its declaration. */
#include "soc/cpu/riscv/timing_e31.h"
#include "sim/error.h"
#include "soc/cpu/riscv/jit.h"

#define RV_RUN_NAME rv_run_e31_fast
#define TM_INSN_CONFIG , false
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

/* The loop the observers watch (run_template.h, RV_OBSERVED), which reports to --pipeline
 * too when it records. */
#define RV_RUN_NAME rv_run_e31_observed
#define RV_OBSERVED 1
#define TM_INSN_CONFIG , c->pipe != NULL
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

/* The loop that reports to --pipeline. */
#define RV_RUN_NAME rv_run_e31_pipe
#define TM_INSN_CONFIG , true
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

static void rv_run_e31(struct rv_cpu *c)
{
    (unlikely(OUTPUT_HOOK(c->pipe)) ? rv_run_e31_pipe : rv_run_e31_fast)(c);
}

/* ---- translated blocks, traced (jit.c, jit.h) ----
 *
 * The model's state (the branch predictor, the I-cache, the store pipeline, the cycles
 * registers are ready in) is no small key, so its blocks do not replay timing: a block runs
 * the instructions on the host, writing down the addresses of its loads and stores and the
 * operands of its divides (c->jit_trace), and returns; the dispatcher then times the
 * instructions that ran, from the block's schedule where the run fits it (block_fast,
 * below), else through tm_insn as the run loop would (block_time), from what it wrote down
 * (their fetch, branch outcome and memory windows' wait states are known: a block's loads
 * and stores go through the windows, aligned, or leave it).  Two things must hold for that
 * to be the interpreter's timing: no instruction may start at or past the cycle limit
 * (where the interpreter stops: an event there may raise an interrupt), so a block runs
 * only when the cycles left cover its worst case (block_bound); and that worst case needs
 * the fetches' line fills, which depend on the flash's state for an XIP flash, so a block
 * runs only when every cache line it spans is in the cache (lines_cached): it then fills
 * none and evicts none.  Otherwise the interpreter runs one instruction (a miss fills the
 * line) or, near the limit, up to it. */

/* The cycles the block ins[0..n) cannot exceed: a register or the multiplier/divider busy
 * at the start holds an instruction at most 32 cycles after the cycle the block starts in
 * (a divide of 33, issued the cycle before); then per instruction, its issue, its fetch
 * when uncached, its result's latency (what a later one can wait for), its memory access
 * (wait states and a load from the store pipeline) and a mispredict.  UINT32_MAX: the
 * block is always interpreted (a fence.i, whose flush makes the fetches after it miss,
 * or fetches both from the ITIM and through the cache). */
static uint32_t block_bound(const struct rv_cpu *c, const struct rv_insn *ins, unsigned n,
                            unsigned max_wait)
{
    const struct rv_e31_cfg *t = &e31_of(c)->cfg;
    uint32_t b = 32;
    unsigned itim = 0;
    for (unsigned i = 0; i < n; i++) {
        const struct rv_insn *d = &ins[i];
        unsigned cl = rv_op_class(d->op);
        if (d->op == RV_FENCE_I)
            return UINT32_MAX;
        itim += e31_in_itim(t, d->pc);
        b += 1 + E31_MISPREDICT;
        if (!t->icache_size || e31_in_itim(t, d->pc))
            b += d->fetch_wait;
        if (cl == RV_CL_DIV)
            b += 33;
        else if (cl == RV_CL_MUL)
            b += 5;
        else if (cl == RV_CL_LOAD || cl == RV_CL_STORE)
            b += 3 + max_wait + E31_STQ_HIT;
        else
            b += 1;
    }
    if (t->icache_size && itim && itim != n)
        return UINT32_MAX;
    return b;
}

/* The cache lines a block is fetched from, worked out at its first run (they depend on the
 * configuration only): n lines from line address first - 1; n 0: not through the cache.
 * mru: the dispatcher's run of blocks (struct rv_jit traced_runs) in which each was the
 * line fetched last in its set (rv_run_e31_jit). */
struct e31_lines {
    uint64_t mru;
    uint32_t first;
    uint8_t n;
    bool known;
};

/* (first in what the model keeps in a traced block, struct e31_blk below) */
static struct e31_lines *lines_of(struct jit_block *b) { return (struct e31_lines *)b->traced; }

/* How many cache lines block b is fetched from, from line address *first - 1 (0: not
 * through the cache, *first untouched). */
static unsigned block_lines(const struct rv_e31 *t, const struct jit_block *b, uint32_t *first)
{
    if (!t->cfg.icache_size || e31_in_itim(&t->cfg, b->h.start))
        return 0;
    *first = (b->h.start >> t->ic_line_shift) + 1;
    return (b->h.last >> t->ic_line_shift) + 2 - *first;
}

static __attribute__((noinline)) void lines_init(const struct rv_e31 *t,
                                                 const struct jit_block *b,
                                                 struct e31_lines *ln)
{
    ln->known = true;
    ln->n = (uint8_t)block_lines(t, b, &ln->first);
}

/* Every cache line block b spans is in the instruction cache (or it is not fetched
 * through it): 0 if not; 2 if each is the line fetched last in its set (or the block is
 * not fetched through the cache), 1 otherwise. */
enum { E31_LINES_MISS, E31_LINES_CACHED, E31_LINES_MRU };
static unsigned lines_cached(const struct rv_e31 *t, struct jit_block *b)
{
    struct e31_lines *ln = lines_of(b);
    if (unlikely(!ln->known))
        lines_init(t, b, ln);
    unsigned how = E31_LINES_MRU;
    for (uint32_t la = ln->first, last = la + ln->n; la < last; la++) {
        uint32_t set = (la - 1) & (t->ic_sets - 1);
        if (la == t->ic_mru[set])
            continue;
        const uint32_t *tag = &t->ic_tag[set * t->ic_ways];
        uint32_t w = 0;
        while (w < t->ic_ways && tag[w] != la)
            w++;
        if (w == t->ic_ways)
            return E31_LINES_MISS;
        how = E31_LINES_CACHED;
    }
    return how;
}

/* The operations a block holds on this model (jit.c translatable; the e31 has no bit
 * manipulation), each timed by its own copy of tm_insn, where op is a constant as in the run
 * loop's handlers. */
#define E31_BLOCK_OPS(X)                                                                       \
    X(LUI) X(AUIPC) X(JAL) X(JALR) X(BEQ) X(BNE) X(BLT) X(BGE) X(BLTU) X(BGEU) X(LB) X(LH)     \
    X(LW) X(LBU) X(LHU) X(SB) X(SH) X(SW) X(ADDI) X(SLTI) X(SLTIU) X(XORI) X(ORI) X(ANDI)      \
    X(SLLI) X(SRLI) X(SRAI) X(ADD) X(SUB) X(SLL) X(SLT) X(SLTU) X(XOR) X(SRL) X(SRA) X(OR)     \
    X(AND) X(MUL) X(MULH) X(MULHSU) X(MULHU) X(DIV) X(DIVU) X(REM) X(REMU) X(FENCE)

/* Time d, a block's instruction i, operation op (a constant in each case of block_time):
 * what tm_insn reads of the exec record is what the block wrote down, a load's or store's
 * address and wait states, a divide's operands; where control went, for the block's last
 * instruction, block_time says. */
static inline __attribute__((always_inline)) void
time_insn(struct rv_cpu *c, struct rv_e31 *t, const struct rv_insn *d, unsigned i,
          unsigned op, struct rv_exec *x)
{
    if (rv_op_is_mem(op)) {
        x->mem_addr = c->jit_trace[2 * i];
        x->mem_wait = rv_op_class(op) == RV_CL_STORE ? c->wr_win.write_wait
                                                     : c->rd_win.read_wait;
    } else if (rv_op_class(op) == RV_CL_DIV) {
        x->a = c->jit_trace[2 * i];
        x->b = c->jit_trace[2 * i + 1];
    }
    tm_insn(c, d, x, op, t, false);
}

/* Time the first k instructions of block b, which ran (the last one went on to c->pc,
 * taken or not, when it ended the block), from what they wrote down. */
static void block_time(struct rv_cpu *c, const struct jit_block *b, unsigned k, bool taken)
{
    struct rv_e31 *t = e31_of(c);
    struct rv_exec x = {0};
    c->instret += k;
    for (unsigned i = 0; i < k; i++) {
        const struct rv_insn *d = &b->ins[i];
        x.next_pc = d->pc + d->len;
        if (rv_op_is(d->op, RV_OF_END)) { /* (only the last one of a block) */
            x.next_pc = c->pc;
            x.taken = taken;
        }
        switch (d->op) {
#define E31_TIME_OP(name)                                                                      \
    case RV_##name: time_insn(c, t, d, i, RV_##name, &x); break;
        E31_BLOCK_OPS(E31_TIME_OP)
#undef E31_TIME_OP
        default: time_insn(c, t, d, i, d->op, &x); break;
        }
    }
}

/* ---- a block's schedule: block_time without the replay ----
 *
 * Most runs of a block time alike: every register it reads is ready by the time it reads
 * it, its loads find nothing of theirs in the store pipeline, and its fetches hit (the
 * dispatcher saw its lines in the cache).  Then each instruction issues at a fixed offset
 * from the cycle the block starts in, and what the block does to the model's state is
 * fixed too but for the store pipeline, the I-cache's replacement state and the branch
 * predictor.  So the block's timing is worked out once (sched_make, at its first run) from
 * a start with every register and the multiplier ready, and each run checks that its
 * start is such a one (the registers the block reads before writing them, and the
 * multiplier, ready by the offset of their first use: then no interlock moves), runs the
 * store pipeline over the addresses the block wrote down (a load hitting a store there
 * holds the pipeline: not the schedule's), and then makes the schedule's changes, the
 * fetches that move the I-cache's state (e31_fetch, hits) and the last instruction's
 * prediction (e31_predict).  Of the registers it writes, only those ready after the block's
 * end are written down: every later look at a register's ready cycle compares it with an
 * issue cycle at or past that end, and a register the block wrote ready by then was ready
 * by then before too (an instruction issues only once its destination is ready, the
 * write-after-write interlock), so it compares alike either way, and so does what
 * produced it (read only for a wait on it); the multiplier the same.  The model's state
 * then differs from the interpreter's in ready cycles in the past only (jit_diff compares
 * them as such).  A divide's latency depends on its operands: the schedule
 * holds the latencies of the run it was made from; a run whose divides take others fits
 * it where each of its instructions still waits for what it waited for (sched_make notes
 * how far the divides' changes may move each wait against the others: sched_class), and
 * then each issue moves by the changes of the divides before what held it (its class;
 * muldiv's divide blocks, whose every divide's result or the divider holds the next one,
 * so run on most runs).  A run where a check fails, or with the event counters on, is timed by
 * block_time.  Offsets are 16-bit: a block whose schedule is longer, or one with more than
 * E31_SCHED_DIVS divides, has none. */
enum { E31_SCHED_UNMADE, E31_SCHED_MADE, E31_SCHED_NONE };
#define E31_SCHED_MAX 60000u
#define E31_SCHED_STORE 0x80 /* in mem[]: the instruction stores */
#define E31_SCHED_DIVS 8      /* divides in a block with a schedule */
#define E31_SCHED_CONS 16     /* (struct e31_sched cons) */

struct e31_sched {
    uint8_t state;                 /* E31_SCHED_* */
    uint8_t read_wait, write_wait; /* the memory windows' wait states it was made for */
    uint32_t waits;                /* state << 16 | write_wait << 8 | read_wait, those of
                                    * the wait states it depends on (it loads, it stores) */
    uint32_t waits_free;           /* the wait-state bits it does not depend on (e31_key) */
    uint8_t nlive, nout, nmem;
    bool mul;                      /* it multiplies or divides: muldiv_at, muldiv_free hold */
    uint8_t ndiv;                  /* its divides: */
    uint8_t div[E31_SCHED_DIVS];   /* the instruction */
    uint8_t div_lat[E31_SCHED_DIVS]; /* and the latency its operands gave (e31_div_latency) */
    uint16_t muldiv_at;            /* the multiplier must be free by then */
    uint16_t muldiv_free;          /* and is free from then after the block */
    uint16_t end;                  /* the cycle after the last instruction (no mispredict) */
    uint16_t stall_load_use, stall_muldiv, stall_mem;
    /* bit r: register r; bit 0: the multiplier */
    uint32_t live_mask;            /* live[] (and muldiv_at) */
    uint32_t written_mask;         /* registers written (and the multiplier used) */
    uint32_t late_mask;            /* those ready after end: out[] (and muldiv_free) */
    uint16_t late;                 /* and the last of them: the last cycle the block leaves
                                    * a register or the multiplier busy */
    uint8_t live[32];              /* registers read (or written after) before written */
    uint16_t live_at[32];          /* ready by then: the first such instruction's issue */
    uint32_t out[32];              /* registers ready after end: r | what wrote it last << 8
                                    * | when it is ready << 16 */
    uint8_t mem[JIT_MAX_INSNS];    /* loads and stores: the instruction | E31_SCHED_STORE */
    uint16_t mem_at[JIT_MAX_INSNS]; /* and its issue */
    bool flow;                     /* it ends in a branch or jump: */
    struct e31_flow last;          /* that one, for the predictor */
    /* Its timing as the divides' latencies move it (sched_shift): each issue offset above
     * moves by the sum of the first k divides' changes (class k) for the class its issue
     * took in sched_make, as long as each instruction's wait stays the one it was (cons) */
    bool shift;                    /* it has it: */
    uint8_t ncons;
    uint8_t end_cls, free_cls;     /* end's class, muldiv_free's */
    uint8_t nout_all;              /* out[nout..nout_all): registers ready by end, which a
                                    * change can leave ready after it */
    uint8_t out_cls[32];           /* out[]'s classes */
    struct e31_cons {              /* class a's change less class b's >= -slack */
        uint8_t a, b;
        uint16_t slack;
    } cons[E31_SCHED_CONS];
};
/* What the model keeps in a traced block (struct jit_block traced, zero when translated):
 * its cache lines, and two schedules, for two sets of the windows' wait states (the
 * second made when the block runs at others than the first's: sched_waits; sched_make
 * clears a schedule alone).  A schedule a tail was made from is never remade (the tail's
 * constants are its numbers, and the tail's calls read it: sched_now), so a block's way
 * out has at most two tails, one per schedule, and code that goes between two memories of
 * different wait states has its runs in each timed by a tail; at a third memory's, its
 * runs are timed by block_time where the second schedule holds a tail, else the second is
 * made anew. */
struct e31_blk {
    struct e31_lines lines;
    struct e31_sched s[2];
    uint8_t tails[2]; /* per schedule, the ways out (bit taken) with a tail made from it
                       * (struct jit_tail; tail_make) */
    bool none;        /* no schedule could be made for some wait states: none is made for
                       * others than those of s[] any more */
    bool untailed;    /* a tail could not be made (too many operations; rv_jit_tail: the
                       * state out of the code's reach, the code buffer about to be
                       * flushed): not tried again for it */
};
_Static_assert(sizeof(struct e31_blk) <= sizeof(((struct jit_block *)0)->traced),
               "e31_blk fits a traced block");

static struct e31_blk *blk_of(struct jit_block *b) { return (struct e31_blk *)b->traced; }

/* For sched_make, instruction d issuing in cycle is (e31_issue: from, or the last of
 * the registers regs (those of rs1, rs2, rd it uses) strictly later, or the multiplier,
 * free from mul_free where it waits for it (else 0), strictly later again): the class of
 * what held it that long (cf: from's), and for each other thing it waited for, in another
 * class, how much later it could be (slack: what those classes' changes must keep, so
 * that the same thing holds it).  *shift false: a stall the classes' changes could move
 * between the load-use and the multiplier counts (a load's result in another class than
 * from's, or ready after from where not all are in one class). */
static unsigned sched_class(const uint8_t regs[3], const uint32_t *ready, const uint8_t *cls,
                            const uint8_t *prod, uint32_t written, uint32_t from, unsigned cf,
                            uint32_t mul_free, unsigned mf_cls, uint32_t is,
                            uint16_t slack[E31_SCHED_DIVS + 1][E31_SCHED_DIVS + 1], bool *shift)
{
    /* (the registers it did not write: ready by from, the run's check says, in its class) */
    uint32_t v[5] = {from};
    unsigned q[5] = {cf}, n = 1, ic = cf, top = from;
    for (unsigned k = 0; k < 3; k++) {
        unsigned r = regs[k];
        if (!r || !(written >> r & 1))
            continue;
        v[n] = ready[r], q[n++] = cls[r];
        if (ready[r] > top)
            top = ready[r], ic = cls[r];
    }
    if (mul_free) {
        v[n] = mul_free, q[n++] = mf_cls;
        if (mul_free > top)
            top = mul_free, ic = mf_cls;
    }
    (void)is; /* (top == is) */
    bool one = true;
    for (unsigned k = 0; k < n; k++)
        one &= q[k] == cf;
    for (unsigned k = 0; k < 3; k++) {
        unsigned r = regs[k];
        if (r && (written >> r & 1) && prod[r] == E31_P_LOAD &&
            (cls[r] != cf || (ready[r] > from && !one)))
            *shift = false;
    }
    for (unsigned k = 0; k < n; k++)
        if (q[k] != ic && top - v[k] < slack[ic][q[k]])
            slack[ic][q[k]] = (uint16_t)(top - v[k]);
    return ic;
}

/* Work out block b's schedule (e31_issue and tm_insn from a start with every register
 * and the multiplier ready, offsets from the start) for the windows' present wait
 * states. */
static void sched_make(const struct rv_cpu *c, const struct jit_block *b, struct e31_sched *s)
{
    const struct rv_e31 *t = e31_of(c);
    memset(s, 0, sizeof(*s));
    s->state = E31_SCHED_NONE;
    s->read_wait = c->rd_win.read_wait;
    s->write_wait = c->wr_win.write_wait;
    uint32_t ready[32] = {0}, written = 0, seen = 0, cyc = 0, mul_free = 0;
    uint8_t prod[32] = {0};
    uint32_t stall_lu = 0, stall_md = 0, stall_mem = 0, mask = 0;
    /* (sched_shift: the classes of the registers' ready cycles, the next issue's and the
     * multiplier's; the least slack between each two classes) */
    uint8_t cls[32] = {0};
    unsigned cyc_cls = 0, free_cls = 0;
    bool shift = true;
    uint16_t slack[E31_SCHED_DIVS + 1][E31_SCHED_DIVS + 1];
    memset(slack, 0xff, sizeof(slack));
    for (unsigned i = 0; i < b->n; i++) {
        const struct rv_insn *d = &b->ins[i];
        unsigned tc = d->tclass, flags = rv_op_flags(d->op);
        uint32_t is = cyc;
        if (!t->cfg.icache_size || e31_in_itim(&t->cfg, d->pc))
            is += d->fetch_wait; /* (e31_fetch: uncached) */
        /* e31_issue: the registers in its order, a later one only if strictly later */
        const uint8_t regs[3] = {flags & RV_OF_R1 ? d->rs1 : 0, flags & RV_OF_R2 ? d->rs2 : 0,
                                 flags & RV_OF_WD ? d->rd : 0};
        uint32_t from = is;
        unsigned why = 0;
        for (unsigned k = 0; k < 3; k++) {
            unsigned r = regs[k];
            if (r && !((written | seen) >> r & 1)) {
                seen |= 1u << r;
                s->live_mask |= 1u << r;
                s->live[s->nlive] = (uint8_t)r;
                s->live_at[s->nlive++] = (uint16_t)from;
            }
            if (r && ready[r] > is)
                is = ready[r], why = r;
        }
        if (is > from)
            *(prod[why] == E31_P_LOAD ? &stall_lu : &stall_md) += is - from;
        bool unit = false;
        if (rv_tclass_in(tc, RV_TM_MULDIV)) {
            if (!s->mul)
                s->mul = true, s->muldiv_at = (uint16_t)is, s->live_mask |= 1;
            else if ((unit = true), mul_free > is)
                stall_md += mul_free - is, is = mul_free;
        }
        unsigned ic = sched_class(regs, ready, cls, prod, written, from, cyc_cls,
                                  unit ? mul_free : 0, free_cls, is, slack, &shift);
        if ((tc == RV_T_DIV && ic != s->ndiv) || (rv_tclass_in(tc, RV_TM_MEM) && ic))
            shift = false; /* (below) */
        uint32_t next = is + 1, lat = 0;
        unsigned p = E31_P_ALU;
        switch (tc) {
        case RV_T_ALU: case RV_T_JUMP:
            lat = 1;
            break;
        case RV_T_BRANCH: case RV_T_FENCE:
            break;
        case RV_T_LOAD: case RV_T_LOAD_W: case RV_T_STORE: {
            bool store = tc == RV_T_STORE;
            unsigned extra = store ? s->write_wait : s->read_wait;
            s->mem[s->nmem] = (uint8_t)(i | (store ? E31_SCHED_STORE : 0));
            mask |= store ? 0xff00 : 0xff;
            s->mem_at[s->nmem++] = (uint16_t)is;
            if (!store)
                lat = (tc == RV_T_LOAD_W ? 2 : 3) + extra, p = E31_P_LOAD;
            next += extra;
            stall_mem += extra;
            break;
        }
        case RV_T_MUL: case RV_T_MULH:
            lat = 5, p = E31_P_MUL;
            mul_free = is + lat;
            break;
        case RV_T_DIV: /* (as this run's operands give it) */
            if (s->ndiv == E31_SCHED_DIVS)
                return;
            lat = e31_div_latency(d->op, c->jit_trace[2 * i], c->jit_trace[2 * i + 1]);
            s->div[s->ndiv] = (uint8_t)i;
            s->div_lat[s->ndiv++] = (uint8_t)lat;
            p = E31_P_DIV;
            mul_free = is + lat;
            break;
        default:
            return;
        }
        /* A divide's result and the divider move by its own change too: class k for the kth,
         * where it issued in class k - 1 (not: no shift) */
        unsigned rc = tc == RV_T_DIV ? s->ndiv : ic;
        if (rv_tclass_in(tc, RV_TM_MULDIV))
            free_cls = rc;
        if (lat && d->rd) {
            ready[d->rd] = is + lat;
            prod[d->rd] = (uint8_t)p;
            cls[d->rd] = (uint8_t)rc;
            written |= 1u << d->rd;
        }
        cyc = next;
        cyc_cls = ic;
        if (cyc > E31_SCHED_MAX || ready[d->rd] > E31_SCHED_MAX)
            return;
    }
    ready[0] = mul_free;
    cls[0] = (uint8_t)free_cls;
    s->written_mask = written | s->mul;
    for (unsigned r = 0; r < 32; r++) {
        if (!(s->written_mask >> r & 1))
            continue;
        if (ready[r] <= cyc)
            continue; /* (ready by the next block's start: not written, above) */
        s->late_mask |= 1u << r;
        s->late = (uint16_t)(ready[r] > s->late ? ready[r] : s->late);
        if (r)
            s->out_cls[s->nout] = cls[r],
            s->out[s->nout++] = r | (uint32_t)prod[r] << 8 | ready[r] << 16;
    }
    s->nout_all = s->nout;
    for (unsigned r = 1; r < 32; r++) /* (ready by end, but in another class than end) */
        if ((written >> r & 1) && ready[r] <= cyc && cls[r] != cyc_cls)
            s->out_cls[s->nout_all] = cls[r],
            s->out[s->nout_all++] = r | (uint32_t)prod[r] << 8 | ready[r] << 16;
    for (unsigned a = 0; a <= s->ndiv && shift; a++)
        for (unsigned b2 = 0; b2 <= s->ndiv && shift; b2++)
            if (slack[a][b2] != UINT16_MAX) {
                if (s->ncons == E31_SCHED_CONS)
                    shift = false;
                else
                    s->cons[s->ncons++] = (struct e31_cons){(uint8_t)a, (uint8_t)b2,
                                                            slack[a][b2]};
            }
    s->shift = shift && s->ndiv;
    s->end_cls = (uint8_t)cyc_cls;
    s->free_cls = (uint8_t)free_cls;
    const struct rv_insn *d = &b->ins[b->n - 1];
    if ((s->flow = rv_op_is(d->op, RV_OF_END)))
        s->last = e31_flow_of(d, d->op, d->tclass);
    s->waits = (E31_SCHED_MADE << 16 | s->read_wait | s->write_wait << 8) & (mask | 0xff0000);
    s->waits_free = 0xffff & ~mask;
    s->muldiv_free = (uint16_t)mul_free;
    s->end = (uint16_t)cyc;
    s->stall_load_use = (uint16_t)stall_lu;
    s->stall_muldiv = (uint16_t)stall_md;
    s->stall_mem = (uint16_t)stall_mem;
    s->state = E31_SCHED_MADE;
}

/* What the dispatcher knows of the registers' ready cycles while blocks are timed from
 * their schedules (c->jit_late_mask, c->jit_late_until, which the blocks' compiled tails
 * keep too): only those in mask (bit r: register r; bit 0: the multiplier) may be ready
 * after c->cycle, none after until (so a block that reads none of them needs no check).
 * Where something else timed instructions, the dispatcher knows nothing (its known false)
 * until the next block: then every one may be, but none more than E31_LATE_MAX cycles after
 * c->cycle (late_unknown): a result is ready at most that long after the cycle the next
 * instruction can issue in (a divide's, issued the cycle before, 33 cycles; a load's 2
 * after; e31_div_latency, tm_insn), and so is the multiplier. */
#define E31_LATE_MAX 32
static void late_unknown(struct rv_cpu *c)
{
    c->jit_late_mask = UINT32_MAX;
    c->jit_late_until = c->cycle + E31_LATE_MAX;
}

/* What the fetches from line la (address >> line shift) of a block that ran do to the
 * I-cache: e31_fetch with update, for every instruction there in turn, where every line
 * is in the cache (lines_cached).  Its first looks the line up unless it was fetched last,
 * the others change nothing; and the lookup changes only which line was fetched last
 * where la was the last fetched in its set (its way is then the set's LRU one already). */
static inline void ic_touch(struct rv_cpu *c, struct rv_e31 *t, uint32_t la)
{
    if (la + 1 == t->ic_last)
        return;
    if (t->ic_mru[la & (t->ic_sets - 1)] == la + 1) {
        t->ic_last = la + 1;
        return;
    }
    unsigned misses = 0; /* (none) */
    e31_ic_access(c, t, la << t->ic_line_shift, 0, true, &misses);
}

/* Block b's divides took the latencies its schedule was made for. */
static bool divs_fit(const struct rv_cpu *c, const struct jit_block *b, const struct e31_sched *s)
{
    for (unsigned k = 0; k < s->ndiv; k++) {
        unsigned i = s->div[k];
        if (e31_div_latency(b->ins[i].op, c->jit_trace[2 * i], c->jit_trace[2 * i + 1]) !=
            s->div_lat[k])
            return false;
    }
    return true;
}

/* Block b's divides took other latencies than its schedule's: the moves of its classes
 * (struct e31_sched shift: dl[k], the first k divides' changes summed) where every
 * instruction still waits for what it did (its cons hold); false if not. */
static bool sched_shift(const struct rv_cpu *c, const struct jit_block *b,
                        const struct e31_sched *s, int32_t dl[E31_SCHED_DIVS + 1])
{
    dl[0] = 0;
    for (unsigned k = 0; k < s->ndiv; k++) {
        unsigned i = s->div[k];
        dl[k + 1] = dl[k] + (int32_t)e31_div_latency(b->ins[i].op, c->jit_trace[2 * i],
                                                     c->jit_trace[2 * i + 1]) -
                    s->div_lat[k];
    }
    for (unsigned k = 0; k < s->ncons; k++)
        if (dl[s->cons[k].a] - dl[s->cons[k].b] < -(int32_t)s->cons[k].slack)
            return false;
    return true;
}

/* The end of block b's run from start, and what it leaves busy after it (struct
 * e31_sched late_mask, late), where its divides took other latencies, moving its classes by
 * dl (sched_shift); its registers and the multiplier ready after the end so written down,
 * its stalls on the multiplier's results counted (those on a load's do not move). */
struct e31_moved {
    uint32_t end, late_mask, late;
};
static __attribute__((noinline)) struct e31_moved
sched_moved(struct rv_cpu *c, struct rv_e31 *t, const struct e31_sched *s, const int32_t *dl,
            uint64_t start)
{
    struct e31_moved m = {(uint32_t)((int32_t)s->end + dl[s->end_cls]), 0, 0};
    for (unsigned k = 0; k < s->nout_all; k++) {
        uint32_t o = s->out[k], at = (uint32_t)((int32_t)(o >> 16) + dl[s->out_cls[k]]);
        if (at <= m.end)
            continue;
        m.late_mask |= 1u << (o & 31), m.late = at > m.late ? at : m.late;
        t->reg_ready[o & 31] = start + at;
        t->prod[o & 31] = (uint8_t)(o >> 8);
    }
    uint32_t at = (uint32_t)((int32_t)s->muldiv_free + dl[s->free_cls]);
    if (s->mul && at > m.end) {
        m.late_mask |= 1, m.late = at > m.late ? at : m.late;
        t->muldiv_free = start + at;
    }
    c->stats.stall[RV_STALL_MULDIV] += (uint64_t)(int64_t)dl[s->end_cls];
    c->jit->nsched_moved++;
    return m;
}

/* e31_mem's store pipeline over the loads and stores of block b's run from start, kept only
 * if no load hits it (false: one did, the schedule does not hold; the pipeline put back as
 * it was).  A load looks only where the pipeline holds stores. */
static bool sched_mem(struct rv_cpu *c, struct rv_e31 *t, const struct e31_sched *s,
                      uint64_t start)
{
    uint32_t kept[RV_E31_STQ];
    memcpy(kept, t->stq, sizeof(kept));
    const uint32_t *trace = c->jit_trace;
    unsigned nstq = t->nstq, rw = s->read_wait, ww = s->write_wait;
    uint64_t last = t->last_mem;
    for (unsigned k = 0, n = s->nmem; k < n; k++) {
        unsigned m = s->mem[k];
        uint64_t is = start + s->mem_at[k];
        if (is > last + 1)
            nstq = 0;
        if (m & E31_SCHED_STORE) {
            if (nstq == RV_E31_STQ) { /* (a pipeline of four: three moves) */
                _Static_assert(RV_E31_STQ == 4, "sched_mem shifts a store pipeline of four");
                t->stq[0] = t->stq[1], t->stq[1] = t->stq[2], t->stq[2] = t->stq[3];
                nstq--;
            }
            t->stq[nstq++] = trace[2 * (m & ~E31_SCHED_STORE)] >> 2;
            last = is + ww;
            continue;
        }
        if (nstq) {
            uint32_t word = trace[2 * m] >> 2;
            for (unsigned q = 0; q < nstq; q++) {
                if (t->stq[q] == word) {
                    memcpy(t->stq, kept, sizeof(kept));
                    return false;
                }
            }
        }
        last = is + rw;
    }
    t->nstq = (uint8_t)nstq;
    t->last_mem = last;
    return true;
}

/* What a schedule made for the memory windows' present wait states has in its waits
 * (struct e31_sched) where it depends on them. */
static uint32_t e31_key(const struct rv_cpu *c)
{
    return E31_SCHED_MADE << 16 | c->rd_win.read_wait | c->wr_win.write_wait << 8;
}

/* A block's last instruction l, which went on to c->pc (taken or not), predicted and
 * resolved: the cycles lost (a conditional branch through the predictor's own case for
 * them, its kind a constant). */
static inline __attribute__((always_inline)) unsigned
last_predict(struct rv_cpu *c, struct rv_e31 *t, const struct e31_flow *l, bool taken)
{
    struct rv_exec x = {.next_pc = c->pc, .taken = taken};
    if (l->kind == E31_CFI_BRANCH) {
        const struct e31_flow f = {.pc = l->pc, .fall = l->fall, .kind = E31_CFI_BRANCH};
        return e31_predict(c, t, &f, &x, true);
    }
    return e31_predict(c, t, l, &x, true);
}

/* block_fast's run of block b from its schedule s once the schedule is the run's (dl: its
 * divides took other latencies, which move its classes so, sched_shift; NULL: not). */
static inline __attribute__((always_inline)) bool
block_sched(struct rv_cpu *c, struct jit_block *b, const struct e31_sched *s, bool taken,
            bool mru, const int32_t *dl)
{
    const bool moved = dl != NULL;
    if (unlikely(c->hpm.on))
        return false;
    struct rv_e31 *t = e31_of(c);
    uint64_t start = c->cycle;
    if (s->live_mask & c->jit_late_mask) {
        /* (moved: each register by the first use's issue as the least move leaves it) */
        uint64_t early = 0;
        for (unsigned k = 1; unlikely(moved) && k <= s->ndiv; k++)
            early = dl[k] < 0 && (uint64_t)-dl[k] > early ? (uint64_t)-dl[k] : early;
        for (unsigned k = 0; k < s->nlive; k++)
            if (t->reg_ready[s->live[k]] + early > start + s->live_at[k])
                return c->jit->nsched_late++, false;
        if (s->mul && t->muldiv_free > start + s->muldiv_at)
            return c->jit->nsched_late++, false;
    }
    if (s->nmem && !sched_mem(c, t, s, start))
        return c->jit->nsched_stq++, false;
    const struct e31_lines *ln = lines_of(b);
    if (mru && ln->n) /* (ic_touch on each line: the last is the last fetched) */
        t->ic_last = ln->first + ln->n - 1;
    else
        for (unsigned k = 0; k < ln->n; k++)
            ic_touch(c, t, ln->first - 1 + k);
    struct e31_moved m = {s->end, s->late_mask, s->late};
    if (likely(!moved)) {
        for (const uint32_t *o = s->out, *e = o + s->nout; o < e; o++) {
            t->reg_ready[*o & 31] = start + (*o >> 16);
            t->prod[*o & 31] = (uint8_t)(*o >> 8);
        }
        if (s->late_mask & 1)
            t->muldiv_free = start + s->muldiv_free;
    } else {
        m = sched_moved(c, t, s, dl, start);
    }
    c->stats.stall[RV_STALL_LOAD_USE] += s->stall_load_use;
    c->stats.stall[RV_STALL_MULDIV] += s->stall_muldiv;
    c->stats.stall[RV_STALL_MEM] += s->stall_mem;
    c->instret += b->n;
    uint64_t next = start + m.end;
    if (s->flow)
        next += last_predict(c, t, &s->last, taken);
    t->next = c->cycle = next;
    c->jit->nsched++;
    uint64_t until = c->jit_late_until;
    bool stay = until > next; /* the late ones of before still may be */
    c->jit_late_mask = m.late_mask | (stay ? c->jit_late_mask & ~s->written_mask : 0);
    c->jit_late_until = m.late_mask && start + m.late > (stay ? until : 0) ? start + m.late
                        : stay ? until : 0;
    return true;
}

/* Schedule s was made for the wait states of key (e31_key), or does not depend on those
 * that differ. */
static inline bool sched_fits(const struct e31_sched *s, uint32_t key)
{
    return !((key ^ s->waits) & ~s->waits_free); /* (unmade, none: waits 0, never) */
}

/* The schedule for the windows' present wait states of a compiled tail's block (the tail
 * checked them: one of the block's two fits). */
static const struct e31_sched *sched_now(const struct rv_cpu *c, struct jit_block *b)
{
    const struct e31_sched *s = blk_of(b)->s;
    return sched_fits(s, e31_key(c)) ? s : s + 1;
}

/* Block b's first schedule was not made for the wait states of key: its second where that
 * one was (its number, 1), else one made now, the first if it was never made, else the
 * second where no tail was made from it (a block that ran at the first schedule's wait
 * states and goes on at others: j->nsched_waits), E31_SCHED_FRESH added; -1 if there is
 * none (the second holds tails, or none could be made).  (The first, once made, is kept:
 * its last instruction is the tails' calls', last_of.) */
#define E31_SCHED_FRESH 2
static __attribute__((noinline)) int sched_waits(struct rv_cpu *c, struct jit_block *b,
                                                 uint32_t key)
{
    struct e31_blk *eb = blk_of(b);
    if (sched_fits(&eb->s[1], key))
        return 1;
    unsigned k = 0;
    if (eb->s[0].state != E31_SCHED_UNMADE) {
        if (eb->none || eb->tails[1])
            return -1;
        k = 1;
        c->jit->nsched_waits++;
    }
    sched_make(c, b, &eb->s[k]);
    if (eb->s[k].state != E31_SCHED_MADE)
        return eb->none = true, -1;
    return (int)k + E31_SCHED_FRESH;
}

/* Time block b, which ran whole (its last instruction taken or not), from its schedule for
 * the windows' present wait states (mru: each of its cache lines was the line fetched last
 * in its set; key: e31_key), or where its divides took other latencies than the
 * schedule's, from the schedule as they move it (sched_shift) if they leave each wait as it
 * was: which of its two schedules (struct e31_blk); -1: this run is not the schedule's
 * (above), block_time times it. */
static int block_fast(struct rv_cpu *c, struct jit_block *b, bool taken, bool mru,
                      uint32_t key)
{
    struct e31_sched *s = blk_of(b)->s;
    int32_t dl[E31_SCHED_DIVS + 1];
    const int32_t *moved = NULL;
    int k = 0;
    if (unlikely(!sched_fits(s, key))) {
        if ((k = sched_waits(c, b, key)) < 0)
            return -1;
        s += k & 1;
    }
    if (k < E31_SCHED_FRESH && s->ndiv && !divs_fit(c, b, s)) {
        c->jit->nsched_div++;
        if (!s->shift || !sched_shift(c, b, s, dl))
            return -1;
        moved = dl;
    }
    return block_sched(c, b, s, taken, mru, moved) ? k & 1 : -1;
}

/* ---- compiled tails (jit.h, struct jit_tail) ----
 *
 * Once a block's run from one way out was timed from its schedule, what block_fast does
 * for such a run is a fixed list of checks and changes, the schedule's numbers in them:
 * the block gets it as code after that way out (tail_make), so that its runs are timed
 * there and the code goes on to the next block, through that block's entry check (the
 * cycles left cover its bound, each of its cache lines the one fetched last in its set:
 * entry_words), without the dispatcher.  A check that fails leaves for the dispatcher
 * with nothing changed, which then times the run as before (block_fast, block_time).  The
 * store pipeline, the divides' latencies and the predictor are C, called from the code. */
/* The divides' latencies (JIT_TAIL_ALT): 1 where they are the schedule's; where they
 * moved it, block_fast's run from the schedule so moved, where it holds (each of the
 * block's lines the last fetched in its set: the tail checked): 2 once done, 0 if not.
 * (With moves, sched_shift's changes all 0 are the schedule's latencies.) */
static unsigned tail_divs(struct rv_cpu *c, struct jit_block *b, unsigned taken)
{
    const struct e31_sched *s = sched_now(c, b);
    int32_t dl[E31_SCHED_DIVS + 1];
    if (!s->shift)
        return divs_fit(c, b, s);
    if (!sched_shift(c, b, s, dl))
        return 0;
    bool moved = false;
    for (unsigned k = 1; k <= s->ndiv; k++)
        moved |= dl[k] != 0;
    if (!moved)
        return 1;
    if (!block_sched(c, b, s, taken, true, dl))
        return 0;
    c->jit->nsched_div++;
    return 2;
}

static bool tail_mem(struct rv_cpu *c, struct jit_block *b, unsigned taken)
{
    (void)taken;
    c->jit->ntail_mem++;
    return sched_mem(c, e31_of(c), sched_now(c, b), c->cycle);
}

/* The block's last instruction as its schedules have it (the same in both: the first's,
 * made and kept where a tail was made, sched_waits). */
static const struct e31_flow *last_of(struct jit_block *b) { return &blk_of(b)->s[0].last; }

/* The block's last instruction predicted and resolved (JIT_TAIL_BRANCH's cases the code
 * does not do itself). */
static unsigned tail_predict(struct rv_cpu *c, struct jit_block *b, unsigned taken)
{
    return last_predict(c, e31_of(c), last_of(b), taken);
}

/* The store pipeline in a tail (sched_mem): where it drained before the block's first load
 * or store (its last access more than a cycle before that one issues), what it holds
 * after each of them is known but for the words, which the block wrote down: the loads'
 * words are compared with those of the stores before them there, and what it holds after
 * the block is written; otherwise, sched_mem.  Appends to op[0..n), returns the new n. */
static unsigned tail_stq(struct rv_cpu *c, const struct e31_sched *s, struct jit_tail *op,
                         unsigned n)
{
    struct rv_e31 *t = e31_of(c);
    unsigned n0 = n++; /* (the drained check) */
    int slot[RV_E31_STQ]; /* each entry: the instruction whose word it holds; -1 as before */
    unsigned nstq = 0;
    uint32_t last = 0;
    for (unsigned q = 0; q < RV_E31_STQ; q++)
        slot[q] = -1;
    for (unsigned k = 0; k < s->nmem; k++) {
        unsigned m = s->mem[k], i = m & ~E31_SCHED_STORE, at = s->mem_at[k];
        if (k && at > last + 1)
            nstq = 0;
        if (m & E31_SCHED_STORE) {
            if (nstq == RV_E31_STQ) {
                for (unsigned q = 0; q + 1 < RV_E31_STQ; q++)
                    slot[q] = slot[q + 1];
                nstq--;
            }
            slot[nstq++] = (int)i;
            last = at + s->write_wait;
        } else {
            for (unsigned q = 0; q < nstq; q++)
                op[n++] = (struct jit_tail){.kind = JIT_TAIL_NEWORD, .p = &c->jit_trace[2 * i],
                                            .q = &c->jit_trace[2 * slot[q]]};
            last = at + s->read_wait;
        }
    }
    for (unsigned q = 0; q < RV_E31_STQ; q++)
        if (slot[q] >= 0)
            op[n++] = (struct jit_tail){.kind = JIT_TAIL_SETWORD, .p = &t->stq[q],
                                        .q = &c->jit_trace[2 * slot[q]]};
    op[n++] = (struct jit_tail){.kind = JIT_TAIL_SET8, .p = &t->nstq, .v = nstq};
    op[n++] = (struct jit_tail){.kind = JIT_TAIL_SET64, .p = &t->last_mem, .v = last};
    op[n0] = (struct jit_tail){.kind = JIT_TAIL_ELSE, .p = &t->last_mem,
                               .v = (uint32_t)((int32_t)s->mem_at[0] - 2),
                               .fn = (void *)tail_mem, .n = n - n0 - 1};
    return n;
}

/* Block b's tail for its way out taken, from its schedule k, which timed this run (c->pc:
 * where the run went); block_sched's steps in its order.  Where the way out has a tail from
 * its other schedule, this one goes on to that one where a check fails (jit.h
 * rv_jit_tail): the wait states' checks come first. */
static void tail_make(struct rv_cpu *c, struct jit_block *b, bool taken, unsigned k)
{
    struct rv_e31 *t = e31_of(c);
    const struct e31_sched *s = &blk_of(b)->s[k];
    const struct e31_lines *ln = lines_of(b);
    struct jit_tail op[JIT_TAIL_MAX];
    unsigned n = 0;
    /* (the most it can take: the checks, the pipeline's compares and entries, the outputs,
     * the counters, the end) */
    if (6 + s->nlive + ln->n + 4u * s->nmem + 7 + 2u * s->nout + 8 > JIT_TAIL_MAX) {
        blk_of(b)->untailed = true;
        return;
    }
#define TAIL_OP(...) (op[n++] = (struct jit_tail){__VA_ARGS__})
    TAIL_OP(.kind = JIT_TAIL_EQ8, .p = &c->hpm.on, .v = 0);
    /* (it loads, it stores: block_fast's key, sched_fits; where the windows' wait states
     * can change) */
    if ((~s->waits_free & 0xff) && (c->jit->waits_vary & 1))
        TAIL_OP(.kind = JIT_TAIL_EQ8, .p = &c->rd_win.read_wait, .v = s->read_wait);
    if ((~s->waits_free & 0xff00) && (c->jit->waits_vary & 2))
        TAIL_OP(.kind = JIT_TAIL_EQ8, .p = &c->wr_win.write_wait, .v = s->write_wait);
    if (s->nlive || s->mul) {
        unsigned skip = n++;
        for (unsigned k = 0; k < s->nlive; k++)
            TAIL_OP(.kind = JIT_TAIL_READY, .p = &t->reg_ready[s->live[k]], .v = s->live_at[k]);
        if (s->mul)
            TAIL_OP(.kind = JIT_TAIL_READY, .p = &t->muldiv_free, .v = s->muldiv_at);
        op[skip] = (struct jit_tail){.kind = JIT_TAIL_SKIP, .mask = s->live_mask,
                                     .v = n - skip - 1};
    }
    for (unsigned k = 0; k < ln->n; k++) { /* (block_sched's mru case; else it leaves) */
        uint32_t la = ln->first + k;
        TAIL_OP(.kind = JIT_TAIL_EQ32, .p = &t->ic_mru[(la - 1) & (t->ic_sets - 1)], .v = la);
    }
    if (s->ndiv) /* (block_sched's checks for a moved schedule are its own) */
        TAIL_OP(.kind = JIT_TAIL_ALT, .fn = (void *)tail_divs);
    /* (the last check, as it changes the state where it holds) */
    if (s->nmem)
        n = tail_stq(c, s, op, n);
    if (ln->n)
        TAIL_OP(.kind = JIT_TAIL_SET32, .p = &t->ic_last, .v = ln->first + ln->n - 1);
    for (unsigned k = 0; k < s->nout; k++) {
        uint32_t o = s->out[k];
        TAIL_OP(.kind = JIT_TAIL_SET64, .p = &t->reg_ready[o & 31], .v = o >> 16);
        TAIL_OP(.kind = JIT_TAIL_SET8, .p = &t->prod[o & 31], .v = (uint8_t)(o >> 8));
    }
    if (s->late_mask & 1)
        TAIL_OP(.kind = JIT_TAIL_SET64, .p = &t->muldiv_free, .v = s->muldiv_free);
    static const uint8_t stall[3] = {RV_STALL_LOAD_USE, RV_STALL_MULDIV, RV_STALL_MEM};
    const uint16_t stalls[3] = {s->stall_load_use, s->stall_muldiv, s->stall_mem};
    for (unsigned k = 0; k < 3; k++)
        if (stalls[k])
            TAIL_OP(.kind = JIT_TAIL_ADD64, .p = &c->stats.stall[stall[k]], .v = stalls[k]);
    TAIL_OP(.kind = JIT_TAIL_ADD64, .p = &c->instret, .v = b->n);
    unsigned h = e31_btb_hash(s->last.pc);
    struct jit_tail_bp bp = {
        .filter = &t->btb_filter[h], .where = &t->btb_where[h],
        .counter = &t->bht[e31_bht_index(s->last.pc)], .btb = t->btb,
        .stride = sizeof(t->btb[0]), .pc_off = offsetof(struct rv_e31_btb, pc),
        .kind_off = offsetof(struct rv_e31_btb, kind),
        .target_off = offsetof(struct rv_e31_btb, target),
        .kind = s->last.kind, .stall = &c->stats.stall[RV_STALL_BRANCH],
        .penalty = E31_MISPREDICT, .pc = s->last.pc, .fall = s->last.fall, .target = c->pc,
        .taken = taken, .jump = s->last.kind != E31_CFI_BRANCH, .call = s->last.call,
        .ret = s->last.ret, .indirect = b->ins[b->n - 1].op == RV_JALR, .ras = t->ras,
        .ras_size = RV_E31_RAS, .ras_top = &t->ras_top, .ras_n = &t->ras_n};
    if (s->flow) /* (e31_predict's common cases) */
        TAIL_OP(.kind = JIT_TAIL_BRANCH, .p = &bp, .fn = (void *)tail_predict);
    TAIL_OP(.kind = JIT_TAIL_END, .p = &t->next, .v = s->end, .mask = s->late_mask,
            .written = s->written_mask, .late = s->late);
#undef TAIL_OP
    bool indirect = b->ins[b->n - 1].op == RV_JALR;
    if (rv_jit_tail(c, b, taken, op, n, c->pc, indirect))
        blk_of(b)->tails[k] |= (uint8_t)(1u << taken);
    else
        blk_of(b)->untailed = true;
}

/* The words a block's entry from a tail checks (struct jit_timing entry_words): each of its
 * cache lines the one fetched last in its set (ic_mru). */
static unsigned entry_words(const struct rv_cpu *c, const struct jit_block *b, uint32_t *off,
                            uint32_t *val)
{
    const struct rv_e31 *t = e31_of(c);
    uint32_t first = 0, n = block_lines(t, b, &first);
    for (uint32_t k = 0; k < n && k < JIT_ENTRY_WORDS; k++) {
        off[k] = (uint32_t)(offsetof(struct rv_e31, ic_mru) +
                            sizeof(uint32_t) * ((first + k - 1) & (t->ic_sets - 1)));
        val[k] = first + k;
    }
    return n;
}

/* The cycles the interpreter runs for after a block left for it (a load or store outside
 * the memory windows, a device's mostly): code that touches a device goes on doing so (a
 * poll loop), and interpreting it costs less than entering blocks that leave at once
 * (make bench-profile e31 uart: 147.7 host instructions per guest instruction with one
 * instruction interpreted, 112.8 with 32 cycles; mix, irq and memcpy unchanged). */
#define E31_INTERP_AFTER_EXIT 32

/* The model's run loop with translated blocks. */
static void rv_run_e31_jit(struct rv_cpu *c)
{
    struct rv_jit *j = c->jit;
    const struct rv_e31 *t = e31_of(c);
    bool known = false; /* c->jit_late_mask and until (late_unknown) */
    while (c->cycle < c->cycle_limit && !c->halted) {
        struct jit_entry *e;
        if (!rv_jit_next(c, &e))
            return; /* asleep */
        /* A block that ran whole touched no device, CSR or interrupt and its loads and
         * stores stayed in the memory windows (jit.c: the others leave it), so neither the
         * interrupts pending and enabled, nor halted, nor the windows changed: the next
         * block is looked up straight away (or gone on to by a block's tail). */
        uint32_t key = e31_key(c);
        /* Nor does the I-cache fill or evict a line (every line such a block spans is in
         * it), and which line was fetched last in a set changes only where a block's was
         * not (lines_cached) or one was timed by block_time: until then, a block that found
         * its lines so finds them so again (lines_of mru; this run of blocks: run). */
        uint64_t run = ++j->traced_runs;
        for (;;) {
            struct jit_block *b = e ? jit_timed(e->head) : NULL; /* (NULL: no code there) */
            unsigned lines = 0;
            if (b && lines_of(b)->mru == run)
                lines = E31_LINES_MRU;
            else if (!e || !b || b->bound == UINT32_MAX || !(lines = lines_cached(t, b))) {
                if (e)
                    rv_jit_interpret(c, 1); /* (else the interpreter ran) */
                known = false;
                break;
            }
            if (c->cycle_limit - c->cycle < b->bound) {
                j->interp(c); /* the few cycles left to the limit */
                known = false;
                break;
            }
            if (!known)
                late_unknown(c), known = true;
            struct jit_ret r = j->enter(c->x, UINT64_MAX / 2, b->unchecked, 0);
            if (r.how == JIT_EXIT_INTERP) {
                block_time(c, c->jit_blk, c->jit_k, false); /* it left before instruction k */
                rv_jit_interpret(c, E31_INTERP_AFTER_EXIT);
                known = false;
                break;
            }
            if (r.how == JIT_EXIT_JUMP || r.how == JIT_EXIT_TAKEN) {
                /* b, or a block a tail went on to (whose entry found its lines each the
                 * last fetched in its set), ran whole: timed here */
                struct jit_block *x = c->jit_blk;
                bool taken = r.how == JIT_EXIT_TAKEN, mru = x != b || lines == E31_LINES_MRU;
                if (unlikely(!lines_of(x)->known))
                    lines_init(t, x, lines_of(x));
                int k = block_fast(c, x, taken, mru, key);
                if (k < 0) {
                    block_time(c, x, x->n, taken);
                    j->ntimed++;
                    known = false;
                    run = ++j->traced_runs;
                } else {
                    if (x == b && mru)
                        lines_of(b)->mru = run;
                    else
                        run = ++j->traced_runs;
                    if (!(blk_of(x)->tails[k] >> taken & 1) && x->tail_at[taken] &&
                        !blk_of(x)->untailed)
                        tail_make(c, x, taken, (unsigned)k);
                }
            } else { /* tails timed their blocks; a link to make (c->pc: its target) */
                run = ++j->traced_runs;
                if (r.how != JIT_EXIT_TIMED) {
                    uint64_t gen = j->gen;
                    struct jit_entry *to = rv_jit_find(c, c->pc);
                    if (to->code && j->gen == gen)
                        rv_jit_link((struct jit_link *)(uintptr_t)r.how, to->head);
                }
            }
            if (c->cycle >= c->cycle_limit)
                break;
            e = rv_jit_find(c, c->pc);
        }
    }
}

static const struct jit_timing e31_jit = {.bound = block_bound, .entry_words = entry_words,
                                          .traced = true};

/* The cache geometry the model can hold, checked once the properties are set; the
 * counters' number goes to the core, whose CSRs they are. */
static int realize(struct rv_cpu *c)
{
    const struct rv_e31_cfg *t = &e31_of(c)->cfg;
    const char *id = c->dev.id ? c->dev.id : "cpu";
    c->hpm_counters = (unsigned)t->hpm_counters;
    if (!t->icache_size)
        return 0;
    uint64_t line = t->icache_line, ways = t->icache_ways;
    if (line < 4 || (line & (line - 1)))
        return sim_err("%s: icache-line %llu: must be a power of two, at least 4", id,
                       (unsigned long long)line);
    if (ways < 1 || ways > 8)
        return sim_err("%s: icache-ways %llu: 1 to 8 ways", id, (unsigned long long)ways);
    uint64_t lines = t->icache_size / line, sets = lines / ways;
    if (t->icache_size % (line * ways) || (sets & (sets - 1)) || lines > RV_E31_IC_LINES)
        return sim_err("%s: icache-size %llu: must be a power-of-two number of sets of "
                       "%llu-byte lines times %llu ways, at most %u lines",
                       id, (unsigned long long)t->icache_size, (unsigned long long)line,
                       (unsigned long long)ways, RV_E31_IC_LINES);
    return 0;
}

/* Decoded once: whether the instruction is fetched through the cache, within one line
 * (e31_fetch's hit test then needs nothing else). */
static void decoded(const struct rv_cpu *c, struct rv_insn *d)
{
    const struct rv_e31_cfg *t = &e31_of(c)->cfg;
    uint32_t pc = d->pc;
    if (t->icache_size && !e31_in_itim(t, pc) &&
        !((pc ^ (pc + d->len - 1)) & ~(uint32_t)(t->icache_line - 1)))
        d->fetch |= RV_F_IC_LINE;
}

/* The FE310's E31: a 16 KiB 2-way I-cache with 32-byte lines, the 8 KiB ITIM at 0x08000000,
 * two event counters. */
static const struct opt_desc e31_props[] = {
    {.name = "icache-size", .type = OPT_SIZE, .offset = offsetof(struct rv_e31, cfg.icache_size),
     .def = "16K", .help = "instruction cache size (0: no cache)", .max = 1u << 20},
    {.name = "icache-ways", .type = OPT_INT, .offset = offsetof(struct rv_e31, cfg.icache_ways),
     .def = "2", .help = "instruction cache ways", .min = 1, .max = 8},
    {.name = "icache-line", .type = OPT_INT, .offset = offsetof(struct rv_e31, cfg.icache_line),
     .def = "32", .help = "instruction cache line, bytes", .min = 4, .max = 256},
    {.name = "icache-miss", .type = OPT_INT, .offset = offsetof(struct rv_e31, cfg.icache_miss),
     .def = "0", .help = "line fill cycles (0: line/4 words of 1 + the region's wait states)",
     .max = 1u << 20},
    {.name = "itim-base", .type = OPT_INT, .offset = offsetof(struct rv_e31, cfg.itim_base),
     .def = "0x08000000", .help = "ITIM base: fetches there bypass the cache", .max = UINT32_MAX},
    {.name = "itim-size", .type = OPT_SIZE, .offset = offsetof(struct rv_e31, cfg.itim_size),
     .def = "8K", .help = "ITIM size", .max = UINT32_MAX},
    {.name = "hpm-counters", .type = OPT_INT, .offset = offsetof(struct rv_e31, cfg.hpm_counters),
     .def = "2", .help = "event counters mhpmcounter3.. (E31: 2, 40 bits)", .max = RV_HPM_MAX},
    {0},
};

static const struct rv_model e31_model = {
    .name = "e31",
    .desc = "SiFive E31 (the FE310's core), 5-stage pipeline, from its manuals",
    .props = e31_props,
    .size = sizeof(struct rv_e31),
    .realize = realize,
    .reset = tm_reset,
    .decoded = decoded,
    .run = rv_run_e31,
    .run_translated = rv_run_e31_jit,
    .jit = &e31_jit,
    .run_observed = rv_run_e31_observed,
    .pipeline = true,
};
RV_MODEL(e31_model)
