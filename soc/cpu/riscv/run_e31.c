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

/* Every cache line block b spans is in the instruction cache (or it is not fetched
 * through it): 0 if not; 2 if each is the line fetched last in its set (or the block is
 * not fetched through the cache), 1 otherwise. */
enum { E31_LINES_MISS, E31_LINES_CACHED, E31_LINES_MRU };
static unsigned lines_cached(const struct rv_e31 *t, const struct jit_block *b)
{
    if (!t->cfg.icache_size || e31_in_itim(&t->cfg, b->h.start))
        return E31_LINES_MRU;
    unsigned how = E31_LINES_MRU;
    uint32_t last = (b->h.last >> t->ic_line_shift) + 1;
    for (uint32_t la = (b->h.start >> t->ic_line_shift) + 1; la <= last; la++) {
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
 * prediction (e31_predict).  A divide's latency depends on its operands: the schedule
 * holds the latencies of the run it was made from, and a run whose divides take others
 * does not fit it.  A run where a check fails, or with the event counters on, is timed by
 * block_time.  Offsets are 16-bit: a block whose schedule is longer, or one with more than
 * E31_SCHED_DIVS divides, has none. */
enum { E31_SCHED_UNMADE, E31_SCHED_MADE, E31_SCHED_NONE };
#define E31_SCHED_MAX 60000u
#define E31_SCHED_STORE 0x80 /* in mem[]: the instruction stores */
#define E31_SCHED_DIVS 8      /* divides in a block with a schedule */

struct e31_sched {
    uint8_t state;                 /* E31_SCHED_* */
    uint8_t read_wait, write_wait; /* the memory windows' wait states it was made for */
    uint16_t waits, waits_mask;    /* those it depends on (it loads, it stores): read_wait
                                    * | write_wait << 8, of the bits in waits_mask */
    uint8_t nlive, nout, nmem, nlines;
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
    uint32_t written_mask;         /* out[] (and muldiv_free) */
    uint32_t late_mask;            /* those ready after end */
    uint16_t late;                 /* and the last of them */
    uint8_t live[32];              /* registers read (or written after) before written */
    uint16_t live_at[32];          /* ready by then: the first such instruction's issue */
    uint32_t out[32];              /* registers written: r | what wrote it last << 8 | when
                                    * it is ready << 16 */
    uint8_t mem[JIT_MAX_INSNS];    /* loads and stores: the instruction | E31_SCHED_STORE */
    uint16_t mem_at[JIT_MAX_INSNS]; /* and its issue */
    uint32_t line;                 /* the first of the nlines cache lines it is fetched
                                    * from (none: not through the cache) */
    bool flow;                     /* it ends in a branch or jump: */
    struct e31_flow last;          /* that one, for the predictor */
};
_Static_assert(sizeof(struct e31_sched) <= sizeof(((struct jit_block *)0)->traced),
               "e31_sched fits a traced block");

static struct e31_sched *sched_of(struct jit_block *b) { return (struct e31_sched *)b->traced; }

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
    uint32_t stall_lu = 0, stall_md = 0, stall_mem = 0;
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
        if (rv_tclass_in(tc, RV_TM_MULDIV)) {
            if (!s->mul)
                s->mul = true, s->muldiv_at = (uint16_t)is, s->live_mask |= 1;
            else if (mul_free > is)
                stall_md += mul_free - is, is = mul_free;
        }
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
            s->waits_mask |= store ? 0xff00 : 0xff;
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
        if (lat && d->rd) {
            ready[d->rd] = is + lat;
            prod[d->rd] = (uint8_t)p;
            written |= 1u << d->rd;
        }
        cyc = next;
        if (cyc > E31_SCHED_MAX || ready[d->rd] > E31_SCHED_MAX)
            return;
    }
    ready[0] = mul_free;
    s->written_mask = written | s->mul;
    for (unsigned r = 0; r < 32; r++) {
        if (!(s->written_mask >> r & 1))
            continue;
        if (ready[r] > cyc) {
            s->late_mask |= 1u << r;
            s->late = (uint16_t)(ready[r] > s->late ? ready[r] : s->late);
        }
        if (r)
            s->out[s->nout++] = r | (uint32_t)prod[r] << 8 | ready[r] << 16;
    }
    if (t->cfg.icache_size && !e31_in_itim(&t->cfg, b->h.start)) {
        s->line = b->h.start >> t->ic_line_shift;
        s->nlines = (uint8_t)((b->h.last >> t->ic_line_shift) - s->line + 1);
    }
    const struct rv_insn *d = &b->ins[b->n - 1];
    if ((s->flow = rv_op_is(d->op, RV_OF_END)))
        s->last = e31_flow_of(d, d->op, d->tclass);
    s->waits = (uint16_t)((s->read_wait | s->write_wait << 8) & s->waits_mask);
    s->muldiv_free = (uint16_t)mul_free;
    s->end = (uint16_t)cyc;
    s->stall_load_use = (uint16_t)stall_lu;
    s->stall_muldiv = (uint16_t)stall_md;
    s->stall_mem = (uint16_t)stall_mem;
    s->state = E31_SCHED_MADE;
}

/* What the dispatcher knows of the registers' ready cycles while blocks are timed from
 * their schedules: only those in mask (bit r: register r; bit 0: the multiplier) may be
 * ready after c->cycle, none after until (so a block that reads none of them needs no
 * check); known false: nothing, since something else timed instructions.  Then every one
 * may be, but none more than E31_LATE_MAX cycles after c->cycle: a result is ready at most
 * that long after the cycle the next instruction can issue in (a divide's, issued the
 * cycle before, 33 cycles; a load's 2 after; e31_div_latency, tm_insn), and so is the
 * multiplier. */
#define E31_LATE_MAX 32
struct e31_late {
    uint32_t mask;
    uint64_t until;
    bool known;
};

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

/* Time block b, which ran whole (its last instruction taken or not), from its schedule
 * (mru: each of its cache lines was the line fetched last in its set); false: this run is
 * not the schedule's (above), block_time times it. */
static bool block_fast(struct rv_cpu *c, struct jit_block *b, bool taken, bool mru,
                       struct e31_late *l)
{
    struct e31_sched *s = sched_of(b);
    if (unlikely(s->state != E31_SCHED_MADE ||
                 ((c->rd_win.read_wait | c->wr_win.write_wait << 8) & s->waits_mask) !=
                     s->waits)) {
        if (s->state == E31_SCHED_NONE)
            return false;
        sched_make(c, b, s);
        if (s->state != E31_SCHED_MADE)
            return false;
    } else if (s->ndiv && !divs_fit(c, b, s)) {
        return c->jit->nsched_div++, false; /* (made again, it would rarely fit the next) */
    }
    if (unlikely(c->hpm.on))
        return false;
    struct rv_e31 *t = e31_of(c);
    uint64_t start = c->cycle;
    if (!l->known)
        *l = (struct e31_late){.mask = UINT32_MAX, .until = start + E31_LATE_MAX, .known = true};
    if (s->live_mask & l->mask) {
        for (unsigned k = 0; k < s->nlive; k++)
            if (t->reg_ready[s->live[k]] > start + s->live_at[k])
                return c->jit->nsched_late++, false;
        if (s->mul && t->muldiv_free > start + s->muldiv_at)
            return c->jit->nsched_late++, false;
    }
    /* e31_mem's store pipeline, on a copy kept only if no load hits it */
    uint32_t stq[RV_E31_STQ];
    memcpy(stq, t->stq, sizeof(stq));
    unsigned nstq = t->nstq;
    uint64_t last = t->last_mem;
    for (unsigned k = 0; k < s->nmem; k++) {
        unsigned m = s->mem[k];
        uint64_t is = start + s->mem_at[k];
        uint32_t word = c->jit_trace[2 * (m & ~E31_SCHED_STORE)] >> 2;
        if (is > last + 1)
            nstq = 0;
        if (m & E31_SCHED_STORE) {
            if (nstq == RV_E31_STQ)
                memmove(stq, stq + 1, sizeof(stq[0]) * (RV_E31_STQ - 1)), nstq--;
            stq[nstq++] = word;
            last = is + s->write_wait;
        } else {
            for (unsigned q = 0; q < nstq; q++)
                if (stq[q] == word)
                    return c->jit->nsched_stq++, false;
            last = is + s->read_wait;
        }
    }
    memcpy(t->stq, stq, sizeof(stq));
    t->nstq = (uint8_t)nstq;
    t->last_mem = last;
    if (mru && s->nlines) /* (ic_touch on each line: the last is the last fetched) */
        t->ic_last = s->line + s->nlines;
    else
        for (unsigned k = 0; k < s->nlines; k++)
            ic_touch(c, t, s->line + k);
    for (const uint32_t *o = s->out, *end = o + s->nout; o < end; o++) {
        t->reg_ready[*o & 31] = start + (*o >> 16);
        t->prod[*o & 31] = (uint8_t)(*o >> 8);
    }
    if (s->mul)
        t->muldiv_free = start + s->muldiv_free;
    c->stats.stall[RV_STALL_LOAD_USE] += s->stall_load_use;
    c->stats.stall[RV_STALL_MULDIV] += s->stall_muldiv;
    c->stats.stall[RV_STALL_MEM] += s->stall_mem;
    c->instret += b->n;
    uint64_t next = start + s->end;
    if (s->flow) {
        struct rv_exec x = {.next_pc = c->pc, .taken = taken};
        next += e31_predict(c, t, &s->last, &x);
    }
    t->next = c->cycle = next;
    c->jit->nsched++;
    bool stay = l->until > next; /* the late ones of before still may be */
    l->mask = s->late_mask | (stay ? l->mask & ~s->written_mask : 0);
    l->until = s->late_mask && start + s->late > (stay ? l->until : 0) ? start + s->late
               : stay ? l->until : 0;
    return true;
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
    struct e31_late late = {0};
    while (c->cycle < c->cycle_limit && !c->halted) {
        struct jit_entry *e;
        if (!rv_jit_next(c, &e))
            return; /* asleep */
        struct jit_block *b = e ? jit_timed(e->head) : NULL; /* (NULL: no code there) */
        unsigned lines = 0;
        if (!e || !b || b->bound == UINT32_MAX || !(lines = lines_cached(t, b))) {
            if (e)
                rv_jit_interpret(c, 1); /* (else the interpreter ran) */
            late.known = false;
            continue;
        }
        if (c->cycle_limit - c->cycle < b->bound) {
            j->interp(c); /* the few cycles left to the limit */
            late.known = false;
            continue;
        }
        struct jit_ret r = j->enter(c->x, UINT64_MAX / 2, e->code, 0);
        if (r.how == JIT_EXIT_INTERP) {
            block_time(c, c->jit_blk, c->jit_k, false); /* it left before instruction k */
            rv_jit_interpret(c, E31_INTERP_AFTER_EXIT);
            late.known = false;
        } else if (!block_fast(c, b, r.how == JIT_EXIT_TAKEN, lines == E31_LINES_MRU, &late)) {
            block_time(c, b, b->n, r.how == JIT_EXIT_TAKEN);
            late.known = false;
        }
    }
}

static const struct jit_timing e31_jit = {.bound = block_bound, .traced = true};

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
