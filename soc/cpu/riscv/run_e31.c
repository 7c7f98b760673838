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
 * instructions that ran through tm_insn, as the run loop would, from what it wrote down
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
 * through it). */
static bool lines_cached(const struct rv_e31 *t, const struct jit_block *b)
{
    if (!t->cfg.icache_size || e31_in_itim(&t->cfg, b->h.start))
        return true;
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
            return false;
    }
    return true;
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

/* The model's run loop with translated blocks. */
static void rv_run_e31_jit(struct rv_cpu *c)
{
    struct rv_jit *j = c->jit;
    const struct rv_e31 *t = e31_of(c);
    while (c->cycle < c->cycle_limit && !c->halted) {
        struct jit_entry *e;
        if (!rv_jit_next(c, &e))
            return; /* asleep */
        struct jit_block *b = e ? jit_timed(e->head) : NULL; /* (NULL: no code there) */
        if (!e)
            continue; /* (the interpreter ran) */
        if (!b || b->bound == UINT32_MAX || !lines_cached(t, b)) {
            rv_jit_interpret(c, 1);
            continue;
        }
        if (c->cycle_limit - c->cycle < b->bound) {
            j->interp(c); /* the few cycles left to the limit */
            continue;
        }
        struct jit_ret r = j->enter(c->x, UINT64_MAX / 2, e->code, 0);
        if (r.how == JIT_EXIT_INTERP) {
            block_time(c, c->jit_blk, c->jit_k, false); /* it left before instruction k */
            rv_jit_interpret(c, 1);
        } else {
            block_time(c, b, b->n, r.how == JIT_EXIT_TAKEN);
        }
    }
}

static const struct jit_timing e31_jit = {.bound = block_bound, .traced = true};

/* Translated only when asked (-accel jit): timing the blocks afterwards costs more than the
 * interpreter saves by running them on the host (make bench-profile on mix: 96 host
 * instructions per guest instruction translated, 79 interpreted), so by default the model
 * interprets. */
static bool translatable(const struct rv_cpu *c) { return c->dev.m->accel == MACHINE_ACCEL_JIT; }

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
    .translatable = translatable,
    .jit = &e31_jit,
    .run_observed = rv_run_e31_observed,
    .pipeline = true,
};
RV_MODEL(e31_model)
