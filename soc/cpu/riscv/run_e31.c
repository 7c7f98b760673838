/* The E31 timing model (timing_e31.h): its run loop, its properties (the memory system in
 * front of the core: the FE310-G002 manual 3.1, 3.9), and its declaration. */
#include "soc/cpu/riscv/timing_e31.h"
#include "sim/error.h"

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
    .run_observed = rv_run_e31_observed,
    .pipeline = true,
};
RV_MODEL(e31_model)
