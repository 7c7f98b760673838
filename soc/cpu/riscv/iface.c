/* The RISC-V hart behind the CPU interface (soc/cpu.h): registers in gdb's RISC-V
 * numbering (x0-x31, then pc), the CSRs as system registers, the statistics, and the
 * hooks the machine calls.  Nothing here is on the per-instruction path. */
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/cpu/riscv/debug.h"
#include "soc/cpu/riscv/internal.h"
#include "soc/cpu/riscv/model.h"
#include "soc/cpu/riscv/pipe.h"

/* What --stats calls each stall cause (enum rv_stall). */
const char *const rv_stall_names[RV_STALL_COUNT] = {
    [RV_STALL_FETCH] = "fetch",       [RV_STALL_BRANCH] = "branch",
    [RV_STALL_LOAD_USE] = "load-use", [RV_STALL_MEM] = "memory",
    [RV_STALL_MULDIV] = "mul/div",    [RV_STALL_CSR] = "csr/fence",
    [RV_STALL_TRAP] = "trap",         [RV_STALL_WFI] = "wfi",
    [RV_STALL_ALU] = "alu",
};

#define REG_PC 32

static int reg_read(struct cpu *cpu, unsigned n, uint64_t *val)
{
    struct rv_cpu *c = rv_cpu_from(cpu);
    if (n > REG_PC)
        return -1;
    *val = n == REG_PC ? c->pc : n ? c->x[n] : 0;
    return 0;
}

static int reg_write(struct cpu *cpu, unsigned n, uint64_t val)
{
    struct rv_cpu *c = rv_cpu_from(cpu);
    if (n > REG_PC)
        return -1;
    if (n == REG_PC)
        rv_cpu_set_pc(c, (uint32_t)val);
    else if (n)
        c->x[n] = (uint32_t)val;
    return 0;
}

/* "pc", "fp", the ABI names (a0, sp, s0), or x0..x31. */
static int reg_find(const char *name)
{
    if (strcmp(name, "pc") == 0)
        return REG_PC;
    if (strcmp(name, "fp") == 0)
        return 8;
    for (int i = 0; i < 32; i++)
        if (strcmp(name, rv_reg_names[i]) == 0)
            return i;
    if (name[0] == 'x' && name[1]) {
        char *end;
        long n = strtol(name + 1, &end, 10);
        if (!*end && n >= 0 && n < 32)
            return (int)n;
    }
    return -1;
}

static int sysreg_read(struct cpu *cpu, uint32_t n, uint64_t *val)
{
    uint32_t v;
    if (rv_csr_read(rv_cpu_from(cpu), n, &v) < 0)
        return -1;
    *val = v;
    return 0;
}

static int sysreg_write(struct cpu *cpu, uint32_t n, uint64_t val)
{
    return rv_csr_write(rv_cpu_from(cpu), n, (uint32_t)val);
}

static sim_time_t now(const struct cpu *cpu)
{
    return rv_cpu_now(container_of(cpu, const struct rv_cpu, cpu));
}

static void stats(const struct cpu *cpu, struct cpu_stats *s)
{
    const struct rv_cpu *c = container_of(cpu, const struct rv_cpu, cpu);
    *s = (struct cpu_stats){
        .model = rv_cpu_model_name(c),
        .instructions = c->instret - c->stats_instret,
        .executed = c->instret + c->exceptions,
        .cycles = c->cycle - c->stats_cycle,
        .nstalls = RV_STALL_COUNT,
        .stall_names = rv_stall_names,
        .stalls = c->stats.stall,
    };
    for (const struct rv_model_stat *ms = c->tm_model->stats;
         ms && ms->name && s->ncounters < CPU_STATS_COUNTERS; ms++) {
        s->counter_names[s->ncounters] = ms->name;
        s->counters[s->ncounters++] = rv_model_stat(c->tm, ms);
    }
    rv_lat_stats(c, s);
}

static void kick(struct cpu *cpu) { rv_cpu_kick(rv_cpu_from(cpu)); }

static void set_freq(struct cpu *cpu, uint64_t hz) { rv_cpu_set_freq(rv_cpu_from(cpu), hz); }

static void code_written(struct cpu *cpu, uint32_t addr, uint32_t n)
{
    rv_dcache_invalidate(rv_cpu_from(cpu), addr, n);
}

static bool reset_vector(const struct cpu *cpu, uint64_t *pc)
{
    const struct rv_cpu *c = container_of(cpu, const struct rv_cpu, cpu);
    *pc = c->reset_pc;
    return c->boot != 0; /* "reset"; "entry" starts at the ELF's entry point */
}

static void describe_stop(const struct cpu *cpu, char *buf, size_t n)
{
    rv_trap_loop_describe(container_of(cpu, const struct rv_cpu, cpu), buf, n);
}

/* HTIF (Spike's host interface): stores to the firmware's tohost take the slow store path,
 * which ends the run on a write of (code << 1) | 1 (cpu.c, store_watched). */
static void finalize(struct cpu *cpu)
{
    struct rv_cpu *c = rv_cpu_from(cpu);
    c->lat.on = c->dev.m->irq_latency;
    if (c->dev.m->tohost)
        rv_page_watch(c, c->dev.m->tohost);
}

/* The debugger's breakpoint (debug.h), which costs nothing per instruction; removing it
 * lets the hart go on from where it stopped. */
static int stop_at(struct cpu *cpu, uint64_t pc, bool on)
{
    struct rv_cpu *c = rv_cpu_from(cpu);
    if (pc > UINT32_MAX)
        return sim_err("0x%llx is not an address of the hart", (unsigned long long)pc);
    if (on)
        return rv_debug_insert_bp(c, (uint32_t)pc, true);
    c->halted = false;
    return rv_debug_remove_bp(c, (uint32_t)pc, true);
}

static int break_at(struct cpu *cpu, uint64_t pc, void (*fn)(struct cpu *c, void *opaque),
                    void *opaque)
{
    struct rv_cpu *c = rv_cpu_from(cpu);
    if (fn && (pc > UINT32_MAX || (pc & 1)))
        return sim_err("0x%llx is not an instruction address", (unsigned long long)pc);
    if (c->brk_fn)
        rv_dcache_invalidate(c, c->brk_pc, 4);
    c->brk_fn = fn;
    c->brk_pc = (uint32_t)pc;
    c->brk_opaque = opaque;
    if (fn)
        rv_dcache_invalidate(c, c->brk_pc, 4); /* it decodes to the break from now on */
    return 0;
}

/* --pipeline (soc/pipeline.h): the model's recording run loop takes over at the next
 * instruction boundary (its run function picks it while c->pipe is set; translated blocks
 * do not report, so the CPU interprets meanwhile). */
static int pipeline(struct cpu *cpu, struct pipe_sink *s)
{
    struct rv_cpu *c = rv_cpu_from(cpu);
    if (!c->tm_model->pipeline && !c->tm_model->pipeline_one_cycle)
        return sim_err("%s runs the %s timing model, which has no pipeline to show "
                       "(-cpu-model ibex, e31 or functional)",
                       cpu_name(cpu), c->tm_model->name);
    c->pipe = s;
    c->pipe_if = UINT64_MAX; /* the first row's fetch began before the recording */
    rv_cpu_kick(c);
    return 0;
}

/* mip's bits the lines set (cpu_set_input's input order: msip, mtip, meip). */
static const char *const line_names[] = {"mip.msip", "mip.mtip", "mip.meip", NULL};

static int end_fast_forward(struct cpu *cpu) { return rv_cpu_end_fast_forward(rv_cpu_from(cpu)); }
static void restart_stats(struct cpu *cpu) { rv_cpu_restart_stats(rv_cpu_from(cpu)); }

const struct cpu_ops rv_cpu_ops = {
    .nregs = 32,
    .reg_read = reg_read,
    .reg_write = reg_write,
    .reg_find = reg_find,
    .nsysregs = 4096,
    .sysreg_read = sysreg_read,
    .sysreg_write = sysreg_write,
    .sysreg_find = rv_csr_number,
    .now = now,
    .stats = stats,
    .kick = kick,
    .set_freq = set_freq,
    .code_written = code_written,
    .reset_vector = reset_vector,
    .describe_stop = describe_stop,
    .finalize = finalize,
    .observe = rv_observe,
    .stop_at = stop_at,
    .end_fast_forward = end_fast_forward,
    .restart_stats = restart_stats,
    .break_at = break_at,
    .pipeline = pipeline,
    .line_names = line_names,
};
