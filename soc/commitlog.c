/* --log-commits (soc/commitlog.h). */
#include "soc/commitlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "sim/opts.h"
#include "sim/outfile.h"
#include "soc/cpu.h"
#include "soc/machine.h"
#include "soc/trace.h"

struct commitlog;
struct cl_hart { /* the observer of one hart */
    struct cpu_observer obs;
    struct commitlog *l;
    unsigned hart;
};

struct commitlog {
    struct trace_output out;
    struct cl_hart harts[MACHINE_MAX_CPUS];
    struct machine *m;
    char *spec;
    struct sim_outfile file;
    FILE *f;
    bool cycles;
};

struct commitlog_opts {
    bool cycles;
};

static const struct opt_desc commitlog_table[] = {
    OPT(struct commitlog_opts, cycles, OPT_BOOL, "cycles", "off",
        "add the cycle each instruction retired in"),
    {0},
};

static struct cl_hart *of_obs(struct cpu_observer *o)
{
    return container_of(o, struct cl_hart, obs);
}

/* A value as wide as its register or access: 0x and 2 hex digits per byte. */
static void value(FILE *f, uint64_t v, unsigned bytes)
{
    fprintf(f, "0x%0*llx", (int)(2 * bytes), (unsigned long long)v);
}

static void on_insn(struct cpu_observer *o, const struct cpu_insn *i)
{
    struct cl_hart *h = of_obs(o);
    struct commitlog *l = h->l;
    FILE *f = l->f;
    fprintf(f, "core %3u: %u ", h->hart, i->priv);
    value(f, i->pc, 4);
    fputs(" (", f);
    value(f, i->bits, i->len);
    fputc(')', f);
    if (i->rd >= 0) {
        fprintf(f, " x%-2d ", i->rd);
        value(f, i->rd_value, 4);
    }
    if (i->csr >= 0) {
        fprintf(f, " c%d_%s ", i->csr, i->csr_name);
        value(f, i->csr_value, 4);
    }
    for (unsigned k = 0; k < i->nmem; k++) { /* a read, then a write (an AMO has both) */
        fputs(" mem ", f);
        value(f, i->mem[k].addr, 4);
        if (i->mem[k].store) {
            fputc(' ', f);
            value(f, i->mem[k].value, i->mem[k].size);
        }
    }
    if (l->cycles)
        fprintf(f, " cycle %llu", (unsigned long long)i->cycle);
    fputc('\n', f);
}

/* Spike's names of the exceptions (the Priv spec's table 3.6, as its trap classes call
 * them); an interrupt is "interrupt #N". */
static const char *const exception_names[16] = {
    [0] = "trap_instruction_address_misaligned",
    [1] = "trap_instruction_access_fault",
    [2] = "trap_illegal_instruction",
    [3] = "trap_breakpoint",
    [4] = "trap_load_address_misaligned",
    [5] = "trap_load_access_fault",
    [6] = "trap_store_address_misaligned",
    [7] = "trap_store_access_fault",
    [8] = "trap_user_ecall",
    [9] = "trap_supervisor_ecall",
    [11] = "trap_machine_ecall",
    [12] = "trap_instruction_page_fault",
    [13] = "trap_load_page_fault",
    [15] = "trap_store_page_fault",
};

static void on_trap(struct cpu_observer *o, const struct cpu_trap *t)
{
    struct commitlog *l = of_obs(o)->l;
    unsigned hart = of_obs(o)->hart;
    unsigned code = (unsigned)(t->cause & 0xff);
    if (t->irq)
        fprintf(l->f, "core %3u: exception interrupt #%u, epc ", hart, code);
    else if (code < 16 && exception_names[code])
        fprintf(l->f, "core %3u: exception %s, epc ", hart, exception_names[code]);
    else
        fprintf(l->f, "core %3u: exception trap #%u, epc ", hart, code);
    value(l->f, t->epc, 4);
    fputc('\n', l->f);
    /* The causes whose trap carries a value (mtval): the faults and the breakpoint. */
    bool has_tval = !t->irq && code != 8 && code != 9 && code != 11;
    if (has_tval) {
        fprintf(l->f, "core %3u:           tval ", hart);
        value(l->f, t->tval, 4);
        fputc('\n', l->f);
    }
}

static struct commitlog *of_out(struct trace_output *o)
{
    return container_of(o, struct commitlog, out);
}

static void start(struct trace_output *o)
{
    struct commitlog *l = of_out(o);
    for (unsigned k = 0; k < l->m->ncpus; k++)
        if (cpu_observe(l->m->cpus[k], &l->harts[k].obs))
            sim_err_print(); /* (checked at commitlog_open) */
}

static void stop(struct trace_output *o)
{
    struct commitlog *l = of_out(o);
    for (unsigned k = 0; k < l->m->ncpus; k++)
        cpu_unobserve(l->m->cpus[k], &l->harts[k].obs);
}

static int finish(struct trace_output *o)
{
    struct commitlog *l = of_out(o);
    if (o->on)
        stop(o);
    return trace_file_close(&l->file, &l->f, "--log-commits", l->spec);
}

static void free_log(struct trace_output *o)
{
    struct commitlog *l = of_out(o);
    trace_file_discard(&l->file, &l->f);
    free(l->spec);
    free(l);
}

int commitlog_open(struct machine *m, const char *spec)
{
    struct opts o;
    if (opts_parse(spec, &o))
        return sim_err_prefix("--log-commits %s", spec);
    struct commitlog_opts co;
    uint64_t given;
    const struct opt_owner owner = {.noun = "option"};
    int rc = 0;
    if (o.kv[0].value)
        rc = sim_err("--log-commits %s: expected FILE[,cycles=on]", spec);
    else if (opts_apply(&owner, commitlog_table, &co, o.kv + 1, o.n - 1, NULL,
                        "--log-commits FILE[,cycles=on]", &given))
        rc = sim_err_prefix("--log-commits %s", spec);
    else if (cpu_check_observable(m))
        rc = sim_err_prefix("--log-commits %s", spec);
    struct commitlog *l = calloc(1, sizeof(*l));
    if (!l)
        abort();
    if (rc == 0)
        rc = trace_file_open(&l->file, &l->f, o.kv[0].key, "--log-commits", spec);
    opts_free(&o);
    if (rc) {
        free(l);
        return -1;
    }
    l->m = m;
    l->spec = strdup(spec);
    l->cycles = co.cycles;
    for (unsigned k = 0; k < MACHINE_MAX_CPUS; k++)
        l->harts[k] = (struct cl_hart){
            .obs = {.insn = on_insn, .trap = on_trap, .detail = true}, .l = l, .hart = k};
    l->out = (struct trace_output){
        .name = "log-commits", .start = start, .stop = stop, .finish = finish, .free = free_log};
    trace_add(m, &l->out);
    return 0;
}
