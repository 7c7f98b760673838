/* --profile on a machine of two CPUs (soc/profile.h): each CPU has its own part, charged
 * by its own observer.  socsim runs one RISC-V hart per machine (a second is refused), so
 * the machine here has two CPUs of a type of this file's, whose timing models ("alpha" and
 * "beta") count different stall causes, and the test tells each CPU's observer what its
 * instructions did, as a run loop would.  The firmware is two functions, f at 0x100 and g
 * at 0x200.
 *
 * cpu0 runs f: 0x100 retires at cycle 1, 0x104 at cycle 4 after 2 load-use stall cycles.
 * cpu1 runs g: 0x200 retires at cycle 5 after 4 mul/div stall cycles, 0x204 at cycle 7
 * after 1 branch stall cycle.  The callgrind file has an object per CPU, the events of both
 * models (Branch once), and totals over both; the folded stacks begin with the CPU's id;
 * the text has a list per CPU; socsim.profile's figures add up over the CPUs. */
#define _GNU_SOURCE /* strdup */
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/error.h"
#include "soc/cpu.h"
#include "soc/elf.h"
#include "soc/machine.h"
#include "soc/profile.h"
#include "soc/trace.h"
#include "tests/unit/check.h"

struct unit_cpu {
    struct device dev;
    struct cpu cpu;
    uint64_t cycles, insns, stalls[3];
};

static const char *const alpha_stalls[] = {"load-use", "branch"};
static const char *const beta_stalls[] = {"branch", "mul/div"};

static struct unit_cpu *of(const struct cpu *c)
{
    return container_of(c, struct unit_cpu, cpu);
}

static bool is_beta(const struct cpu *c)
{
    return strcmp(c->dev->id, "cpu1") == 0;
}

static void stats(const struct cpu *c, struct cpu_stats *s)
{
    memset(s, 0, sizeof(*s));
    s->model = is_beta(c) ? "beta" : "alpha";
    s->cycles = of(c)->cycles;
    s->instructions = of(c)->insns;
    s->nstalls = 2;
    s->stall_names = is_beta(c) ? beta_stalls : alpha_stalls;
    s->stalls = of(c)->stalls;
}

static int observe(struct cpu *c)
{
    (void)c;
    return 0;
}

static sim_time_t now(const struct cpu *c)
{
    (void)c;
    return 0;
}

static const struct cpu_ops unit_ops = {.stats = stats, .observe = observe, .now = now};

static int unit_realize(struct device *d)
{
    struct unit_cpu *c = (struct unit_cpu *)d;
    return cpu_attach(&c->cpu, d, &unit_ops, d->m->sysbus, 1000000);
}

static const struct dev_type unit_cpu_type = {
    .name = "unit-cpu",
    .desc = "unit test: a CPU the test drives",
    .size = sizeof(struct unit_cpu),
    .realize = unit_realize,
};
DEV_TYPE(unit_cpu_type)

/* Instruction pc of CPU k retired at `cycle` with the stall counters `st`. */
static void retire(struct machine *m, unsigned k, uint32_t pc, uint64_t cycle, uint64_t a,
                   uint64_t b)
{
    struct unit_cpu *u = of(m->cpus[k]);
    u->cycles = cycle;
    u->insns++;
    u->stalls[0] = a;
    u->stalls[1] = b;
    struct cpu_insn e = {.pc = pc,
                         .next_pc = pc + 4,
                         .cycle = cycle,
                         .instret = u->insns,
                         .stalls = u->stalls,
                         .len = 4,
                         .flow = CPU_FLOW_NEXT,
                         .rd = -1,
                         .csr = -1};
    for (struct cpu_observer *o = m->cpus[k]->observers; o; o = o->next)
        o->insn(o, &e);
}

static void add_fn(struct elf_image *img, const char *name, uint32_t at)
{
    img->syms = realloc(img->syms, (img->nsyms + 1) * sizeof(*img->syms));
    img->syms[img->nsyms++] =
        (struct elf_symbol){.name = strdup(name), .value = at, .size = 0x10, .type = STT_FUNC};
}

static char stall_names[4][16];

/* A machine of two unit CPUs, profiled into path in format fmt, run through the
 * instructions above; the file's text, or NULL.  *fig: f's figures, or g's with beta. */
static char *run(const char *path, const char *fmt, const char *fn, struct profile_figures *fig)
{
    struct machine m;
    machine_init(&m);
    static const struct kv cpu0[] = {{"id", "cpu0"}}, cpu1[] = {{"id", "cpu1"}};
    if (!dev_create(&m, "unit-cpu", cpu0, 1, "unit") ||
        !dev_create(&m, "unit-cpu", cpu1, 1, "unit"))
        return NULL;
    add_fn(&m.elf, "f", 0x100);
    add_fn(&m.elf, "g", 0x200);
    if (profile_open(&m, path, fmt) || trace_window(&m, NULL, NULL) || trace_arm(&m))
        return NULL;
    retire(&m, 0, 0x100, 1, 0, 0);
    retire(&m, 1, 0x200, 5, 0, 4);
    retire(&m, 0, 0x104, 4, 2, 0);
    retire(&m, 1, 0x204, 7, 1, 4);
    if (fn && profile_function(&m, fn, fig))
        return NULL;
    /* (the names are the profile's: kept past the machine) */
    for (unsigned k = 0; fn && k < fig->nstalls && k < 4; k++)
        snprintf(stall_names[k], sizeof(stall_names[k]), "%s", fig->stall_names[k]);
    trace_finish(&m);
    machine_free(&m);
    FILE *f = fopen(path, "r");
    char *text = calloc(1, 8192);
    if (!f || !text)
        abort();
    size_t n = fread(text, 1, 8191, f);
    text[n] = 0;
    fclose(f);
    return text;
}

int main(void)
{
    char dir[] = "/tmp/socsim-unit-prof.XXXXXX", path[64];
    if (!mkdtemp(dir))
        abort();
    snprintf(path, sizeof(path), "%s/p", dir);

    struct profile_figures fig;
    char *t = run(path, "folded", "f", &fig);
    if (!t)
        printf("FAIL profile_cpus.run: %s\n", sim_err_msg());
    CHECK("profile_cpus.folded", t && strcmp(t, "cpu0;f 4\ncpu1;g 7\n") == 0);
    CHECK_EQ("profile_cpus.fig.self", fig.self_cycles, 4);
    CHECK_EQ("profile_cpus.fig.insns", fig.instructions, 2);
    /* The file's events: load-use, branch (alpha's), mul/div (beta's, after its branch). */
    CHECK_EQ("profile_cpus.fig.nstalls", fig.nstalls, 3);
    CHECK("profile_cpus.fig.names", !strcmp(stall_names[0], "load-use") &&
                                        !strcmp(stall_names[1], "branch") &&
                                        !strcmp(stall_names[2], "mul/div"));
    CHECK_EQ("profile_cpus.fig.load-use", fig.stalls[0], 2);
    free(t);

    t = run(path, "folded", "g", &fig);
    CHECK_EQ("profile_cpus.fig.g.self", fig.self_cycles, 7);
    CHECK_EQ("profile_cpus.fig.g.branch", fig.stalls[1], 1);
    CHECK_EQ("profile_cpus.fig.g.muldiv", fig.stalls[2], 4);
    CHECK_EQ("profile_cpus.fig.g.load-use", fig.stalls[0], 0);
    free(t);

    t = run(path, "callgrind", NULL, NULL);
    const char *want_cg =
        "# callgrind format\nversion: 1\ncreator: socsim\ncmd: firmware\n"
        "desc: CPU: cpu0, timing model alpha\ndesc: CPU: cpu1, timing model beta\n"
        "positions: instr\nevents: Cycles Instructions LoadUse Branch MulDiv\n"
        "summary: 11 4 2 1 4\n"
        "\nob=firmware (cpu0)\nfl=???\nfn=f\n0x100 1 1 0 0 0\n0x104 3 1 2 0 0\n"
        "\nob=firmware (cpu1)\nfl=???\nfn=g\n0x200 5 1 0 0 4\n0x204 2 1 0 1 0\n"
        "totals: 11 4 2 1 4\n";
    CHECK("profile_cpus.callgrind", t && strcmp(t, want_cg) == 0);
    if (t && strcmp(t, want_cg) != 0)
        printf("%s", t);
    free(t);

    t = run(path, "text", NULL, NULL);
    CHECK("profile_cpus.text.cpu0",
          t && strstr(t, "socsim profile (cpu0, model alpha): 4 cycles, 2 instructions\n"));
    CHECK("profile_cpus.text.cpu1",
          t && strstr(t, "socsim profile (cpu1, model beta): 7 cycles, 2 instructions\n"));
    CHECK("profile_cpus.text.g", t && strstr(t, "mul/div 4, branch 1"));
    free(t);

    unlink(path);
    rmdir(dir);
    return check_failures != 0;
}
