/* The CPU interface's common part (soc/cpu.h): joining the machine, the core clock, code
 * invalidation, and the statistics formatter. */
#include "sim/error.h"
#include "soc/cpu.h"
#include "soc/machine.h"

static void cpu_clock_changed(struct sim_clock_listener *l, uint64_t hz)
{
    struct cpu *c = container_of(l, struct cpu, on_clock);
    c->ops->set_freq(c, hz);
}

/* The clock the core follows changed: so does the core clock, and whoever follows it.  A
 * generator re-announcing the same frequency (at reset) changes nothing here. */
static void cpu_src_changed(struct sim_clock_listener *l, uint64_t hz)
{
    struct cpu *c = container_of(l, struct cpu, on_src);
    if (c->clock.clk.hz != hz)
        sim_clock_domain_set(&c->clock, hz);
}

static void cpu_bus_written(struct bus_write_listener *l, uint32_t addr, uint32_t n)
{
    struct cpu *c = container_of(l, struct cpu, on_write);
    c->ops->code_written(c, addr, n);
}

int cpu_attach(struct cpu *c, struct device *d, const struct cpu_ops *ops, struct bus *bus,
               uint64_t hz)
{
    struct machine *m = d->m;
    if (m->ncpus == MACHINE_MAX_CPUS)
        return sim_err("too many CPUs (at most %d)", MACHINE_MAX_CPUS);
    c->dev = d;
    c->ops = ops;
    sim_clock_domain_init(&c->clock, hz);
    c->on_clock.changed = cpu_clock_changed;
    sim_clock_domain_listen(&c->clock, &c->on_clock);
    c->on_write.written = cpu_bus_written;
    bus_listen_writes(bus, &c->on_write);
    for (unsigned i = 0; ops->line_names && ops->line_names[i] && i < CPU_MAX_LINES; i++)
        signal_init(&c->lines[i], ops->line_names[i]);
    m->cpus[m->ncpus++] = c;
    return 0;
}

int cpu_follow_clock(struct cpu *c)
{
    if (!c->clock_src || !*c->clock_src)
        return 0;
    struct device *src = machine_find_device(c->dev->m, c->clock_src);
    struct sim_clock_domain *clk = src ? dev_clock(src) : NULL;
    if (!src)
        return sim_err("%s: clock '%s': no device has that id", dev_label(c->dev),
                       c->clock_src);
    if (!clk || clk == &c->clock)
        return sim_err("%s: clock '%s' is not a clock generator", dev_label(c->dev),
                       c->clock_src);
    c->on_src.changed = cpu_src_changed;
    cpu_src_changed(&c->on_src, sim_clock_domain_listen(clk, &c->on_src));
    return 0;
}

struct signal *cpu_line(struct cpu *c, unsigned i, const char **name)
{
    if (i >= CPU_MAX_LINES || !c->ops->line_names || !c->ops->line_names[i])
        return NULL;
    *name = c->ops->line_names[i];
    return &c->lines[i];
}

void cpu_free_lines(struct cpu *c)
{
    for (unsigned i = 0; i < CPU_MAX_LINES; i++)
        signal_free(&c->lines[i]);
}

const char *cpu_name(const struct cpu *c) { return c->dev->id ? c->dev->id : "cpu"; }

uint64_t cpu_pc(struct cpu *c)
{
    uint64_t pc = 0;
    c->ops->reg_read(c, c->ops->nregs, &pc);
    return pc;
}

void cpu_print_stats(FILE *f, struct machine *m, double host_s, bool full, bool summary)
{
    char t[64];
    sim_format_time(t, sizeof(t), sim_now(&m->sim));
    for (unsigned i = 0; i < m->ncpus; i++) {
        struct cpu_stats s;
        cpu_stats(m->cpus[i], &s);
        double mips = host_s > 0 ? (double)s.instructions / host_s / 1e6 : 0;
        if (full) {
            fprintf(f, "socsim stats (%s, model %s):\n", cpu_name(m->cpus[i]), s.model);
            fprintf(f, "  instructions %llu\n  cycles       %llu\n",
                    (unsigned long long)s.instructions, (unsigned long long)s.cycles);
            fprintf(f, "  CPI          %.3f\n",
                    s.instructions ? (double)s.cycles / (double)s.instructions : 0);
            fprintf(f, "  simulated    %s\n  host MIPS    %.1f\n", t, mips);
            for (unsigned k = 0; k < s.nstalls; k++)
                fprintf(f, "  stall %-10s %llu\n", s.stall_names[k],
                        (unsigned long long)s.stalls[k]);
            for (unsigned k = 0; k < s.ncounters; k++)
                fprintf(f, "  %-16s %llu\n", s.counter_names[k],
                        (unsigned long long)s.counters[k]);
        }
        if (summary)
            fprintf(f, "socsim: %llu instructions, %llu cycles, %s simulated, %.1f host MIPS\n",
                    (unsigned long long)s.instructions, (unsigned long long)s.cycles, t, mips);
    }
}
