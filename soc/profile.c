/* --profile: per-function cycles, stalls and the call graph (soc/profile.h). */
#define _GNU_SOURCE /* asprintf */
#include "soc/profile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "sim/outfile.h"
#include "sim/sim.h"
#include "soc/cpu.h"
#include "soc/functions.h"
#include "soc/machine.h"
#include "soc/srclines.h"
#include "soc/trace.h"

/* Events: cycles, instructions, then one per stall cause of the CPU. */
#define EV_CYCLES 0
#define EV_INSNS 1
#define EV_MAX (2 + PROFILE_MAX_STALLS)
#define PF_LEVELS 8 /* trap levels told apart; deeper ones count as the last */

enum pf_format { PF_CALLGRIND, PF_FOLDED, PF_TEXT };

struct pf_fn { /* what the profile holds per function of p->code */
    uint64_t calls;
    uint64_t incl[EV_MAX]; /* outermost calls' inclusive cost */
};

struct pf_rec { /* one instruction address */
    uint32_t pc;
    int fn;
    uint64_t cost[EV_MAX];
};

struct pf_arc { /* calls from a call site to a function */
    uint32_t site;
    int caller, callee;
    uint64_t calls;
    uint64_t incl[EV_MAX];
};

struct pf_node { /* a call path: the calling-context tree */
    int parent, fn;
    uint64_t self;
};

struct pf_frame {
    int fn, node, arc; /* arc -1: a root (the run's, a trap handler's) */
    uint32_t ret;      /* the return address of its call */
    bool marker;       /* a trap's entry: returns stop here, mret ends it */
    bool outer;        /* the outermost frame of fn: its cost is fn's inclusive cost */
    unsigned level;    /* traps entered below it: its cost is what is charged at this level */
    uint64_t enter[EV_MAX];
};

/* Open addressing, keys never 0 (stored + 1). */
struct pf_map {
    uint64_t *keys;
    int *vals;
    size_t cap, n;
};

/* What the profile holds per CPU: each CPU has its own call stack, costs and counters. */
struct pf_cpu {
    struct cpu_observer obs;
    struct cpu *cpu;
    const struct code_fns *code; /* the profile's */
    unsigned nev;                /* its events: cycles, instructions, its model's stalls */
    const char *const *stall_names;
    unsigned col[EV_MAX]; /* its event k is the file's event col[k] */

    struct pf_fn *fns; /* one per function of code */
    struct pf_rec *recs;
    size_t nrecs, caprecs;
    struct pf_map rec_map;
    struct pf_arc *arcs;
    size_t narcs, caparcs;
    struct pf_map arc_map;
    struct pf_node *nodes;
    size_t nnodes, capnodes;
    struct pf_map node_map;
    struct pf_frame *stack;
    size_t depth, capstack;

    uint64_t last[EV_MAX];  /* the counters at the last charge: cycle, instret, stalls */
    uint64_t total[EV_MAX]; /* everything charged */
    /* What was charged at each trap level (0: outside any trap handler, 1: in a handler,
     * 2: in one that interrupted a handler, ...): a frame's cost leaves out the handlers
     * that ran on top of it, which are roots of their own. */
    unsigned level;
    uint64_t at_level[PF_LEVELS][EV_MAX];
    int last_rec;
};

struct profile {
    struct trace_output out;
    struct machine *m;
    struct sim_outfile file;
    const char *path;
    bool to_stderr;
    enum pf_format format;
    /* The file's events: Cycles, Instructions, then every stall cause of the CPUs' models
     * (the same list for CPUs of one model). */
    unsigned nev;
    const char *ev_stall[EV_MAX]; /* the stall cause of event k >= 2, as --stats names it */
    char ev_names[EV_MAX][24];

    struct code_fns code;   /* the firmware's functions */
    struct src_lines lines; /* their source lines (empty: none) */
    size_t nfns;
    struct pf_cpu cpus[MACHINE_MAX_CPUS]; /* one per CPU of the machine, in its order */
    unsigned ncpus;
};

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(p, n * size);
    if (!q)
        abort(); /* (a profile's tables: out of memory is the end of the run anyway) */
    *cap = n;
    return q;
}

static uint64_t map_hash(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    return k ^ (k >> 33);
}

static int *map_slot(struct pf_map *m, uint64_t key, bool *found)
{
    if (2 * (m->n + 1) > m->cap) {
        struct pf_map old = *m;
        m->cap = old.cap ? 2 * old.cap : 1024;
        m->keys = calloc(m->cap, sizeof(*m->keys));
        m->vals = calloc(m->cap, sizeof(*m->vals));
        if (!m->keys || !m->vals)
            abort();
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++) {
            if (!old.keys[i])
                continue;
            bool f;
            *map_slot(m, old.keys[i] - 1, &f) = old.vals[i];
            m->n++;
        }
        free(old.keys);
        free(old.vals);
    }
    size_t mask = m->cap - 1, i = map_hash(key) & mask;
    while (m->keys[i] && m->keys[i] != key + 1)
        i = (i + 1) & mask;
    *found = m->keys[i] != 0;
    if (!*found) {
        m->keys[i] = key + 1;
        m->n++;
    }
    return &m->vals[i];
}

/* ---- charging ---- */

static int rec_of(struct pf_cpu *p, uint32_t pc)
{
    bool found;
    int *v = map_slot(&p->rec_map, pc, &found);
    if (!found) {
        p->recs = grow(p->recs, &p->caprecs, p->nrecs + 1, sizeof(*p->recs));
        p->recs[p->nrecs] = (struct pf_rec){.pc = pc, .fn = code_fns_at(p->code, pc)};
        *v = (int)p->nrecs++;
    }
    return *v;
}

static int node_of(struct pf_cpu *p, int parent, int fn)
{
    bool found;
    int *v = map_slot(&p->node_map, (uint64_t)(uint32_t)parent << 32 | (uint32_t)fn, &found);
    if (!found) {
        p->nodes = grow(p->nodes, &p->capnodes, p->nnodes + 1, sizeof(*p->nodes));
        p->nodes[p->nnodes] = (struct pf_node){.parent = parent, .fn = fn};
        *v = (int)p->nnodes++;
    }
    return *v;
}

static int arc_of(struct pf_cpu *p, uint32_t site, int caller, int callee)
{
    bool found;
    int *v = map_slot(&p->arc_map, (uint64_t)site << 32 | (uint32_t)callee, &found);
    if (!found) {
        p->arcs = grow(p->arcs, &p->caparcs, p->narcs + 1, sizeof(*p->arcs));
        p->arcs[p->narcs] = (struct pf_arc){.site = site, .caller = caller, .callee = callee};
        *v = (int)p->narcs++;
    }
    return *v;
}

/* The counters moved from p->last to (cycle, instret, stalls): charge it to record r and
 * the current call path. */
static void charge(struct pf_cpu *p, int r, uint64_t cycle, uint64_t instret,
                   const uint64_t *stalls)
{
    uint64_t now[EV_MAX];
    now[EV_CYCLES] = cycle;
    now[EV_INSNS] = instret;
    for (unsigned k = 2; k < p->nev; k++)
        now[k] = stalls[k - 2];
    struct pf_rec *rec = &p->recs[r];
    p->nodes[p->stack[p->depth - 1].node].self += now[EV_CYCLES] - p->last[EV_CYCLES];
    for (unsigned k = 0; k < p->nev; k++) {
        uint64_t d = now[k] - p->last[k];
        rec->cost[k] += d;
        p->total[k] += d;
        p->at_level[p->level < PF_LEVELS ? p->level : PF_LEVELS - 1][k] += d;
        p->last[k] = now[k];
    }
    p->last_rec = r;
}

static unsigned level_of(const struct pf_cpu *p)
{
    return p->level < PF_LEVELS ? p->level : PF_LEVELS - 1;
}

static struct pf_frame *push(struct pf_cpu *p, int fn, int node, int arc)
{
    p->stack = grow(p->stack, &p->capstack, p->depth + 1, sizeof(*p->stack));
    struct pf_frame *f = &p->stack[p->depth++];
    *f = (struct pf_frame){.fn = fn, .node = node, .arc = arc, .level = level_of(p)};
    memcpy(f->enter, p->at_level[f->level], sizeof(f->enter));
    if (fn >= 0) {
        /* Outermost: no frame of fn below it at its trap level. */
        f->outer = true;
        for (size_t k = p->depth - 1; k-- > 0 && !p->stack[k].marker;)
            if (p->stack[k].fn == fn) {
                f->outer = false;
                break;
            }
    }
    return f;
}

/* Frame f ends now: its cost since it began goes to its arc and, outermost, to its
 * function's inclusive cost. */
static void close_frame(struct pf_cpu *p, struct pf_frame *f)
{
    if (f->marker)
        p->level--;
    if (f->fn < 0)
        return;
    for (unsigned k = 0; k < p->nev; k++) {
        uint64_t d = p->at_level[f->level][k] - f->enter[k];
        if (f->arc >= 0)
            p->arcs[f->arc].incl[k] += d;
        if (f->outer)
            p->fns[f->fn].incl[k] += d;
    }
}

static void pop(struct pf_cpu *p)
{
    close_frame(p, &p->stack[--p->depth]);
}

static void call(struct pf_cpu *p, uint32_t site, int fn, uint32_t ret)
{
    struct pf_frame *top = &p->stack[p->depth - 1];
    int arc = arc_of(p, site, top->fn, fn);
    p->arcs[arc].calls++;
    p->fns[fn].calls++;
    int node = node_of(p, top->node, fn);
    push(p, fn, node, arc)->ret = ret;
}

/* Control reached function fn other than by a call or return (a tail call, a jump, the
 * run's first instruction): the top frame becomes fn's, called from where it was. */
static void jump(struct pf_cpu *p, int fn)
{
    struct pf_frame *top = &p->stack[p->depth - 1];
    struct pf_frame f = *top;
    close_frame(p, top);
    int parent = f.arc >= 0 ? p->stack[p->depth - 2].node : 0;
    int arc = -1;
    if (f.arc >= 0) {
        arc = arc_of(p, p->arcs[f.arc].site, p->arcs[f.arc].caller, fn);
        p->arcs[arc].calls++;
        p->fns[fn].calls++;
    }
    p->depth--;
    push(p, fn, node_of(p, parent, fn), arc)->ret = f.ret;
}

/* A return to target: pop to the frame whose call returns there, never past a trap's
 * entry (none matches: a longjmp or a hand-made return, left to jump()). */
static void ret(struct pf_cpu *p, uint32_t target)
{
    for (size_t k = p->depth; k-- > 1;) {
        if (p->stack[k].marker)
            return;
        if (p->stack[k].arc >= 0 && p->stack[k].ret == target) {
            while (p->depth > k)
                pop(p);
            return;
        }
    }
}

static void trap_return(struct pf_cpu *p)
{
    for (size_t k = p->depth; k-- > 1;) {
        if (p->stack[k].marker) {
            while (p->depth > k)
                pop(p);
            return;
        }
    }
}

static struct pf_cpu *of_obs(struct cpu_observer *o)
{
    return container_of(o, struct pf_cpu, obs);
}

static void on_insn(struct cpu_observer *o, const struct cpu_insn *i)
{
    struct pf_cpu *p = of_obs(o);
    int r = rec_of(p, (uint32_t)i->pc);
    int fn = p->recs[r].fn;
    if (fn != p->stack[p->depth - 1].fn)
        jump(p, fn);
    charge(p, r, i->cycle, i->instret, i->stalls);
    switch (i->flow) {
    case CPU_FLOW_CALL:
        call(p, (uint32_t)i->pc, code_fns_at(p->code, (uint32_t)i->next_pc),
             (uint32_t)(i->pc + i->len));
        break;
    case CPU_FLOW_RETURN:
        ret(p, (uint32_t)i->next_pc);
        break;
    case CPU_FLOW_TRAP_RETURN:
        trap_return(p);
        break;
    case CPU_FLOW_NEXT:
        break;
    }
}

/* A trap: an exception's entry counts at the instruction that raised it; the handler
 * then runs as a root of its own, which an interrupt's entry cycles start. */
static void on_trap(struct cpu_observer *o, const struct cpu_trap *t)
{
    struct pf_cpu *p = of_obs(o);
    if (!t->irq)
        charge(p, rec_of(p, (uint32_t)t->epc), t->cycle, t->instret, t->stalls);
    push(p, -1, p->stack[p->depth - 1].node, -1)->marker = true;
    p->level++;
    int fn = code_fns_at(p->code, (uint32_t)t->handler);
    p->fns[fn].calls++;
    push(p, fn, node_of(p, 0, fn), -1);
    if (t->irq)
        charge(p, rec_of(p, (uint32_t)t->handler), t->cycle, t->instret, t->stalls);
}

static void on_sleep(struct cpu_observer *o, uint64_t cycle, const uint64_t *stalls)
{
    struct pf_cpu *p = of_obs(o);
    if (p->last_rec >= 0)
        charge(p, p->last_rec, cycle, p->last[EV_INSNS], stalls);
}

/* ---- recording on and off ---- */

static struct profile *of_out(struct trace_output *o)
{
    return container_of(o, struct profile, out);
}

static void start_cpu(struct profile *prof, struct pf_cpu *p)
{
    struct cpu_stats s;
    cpu_stats(p->cpu, &s);
    p->last[EV_CYCLES] = s.cycles;
    p->last[EV_INSNS] = s.instructions;
    for (unsigned k = 2; k < p->nev; k++)
        p->last[k] = s.stalls[k - 2];
    /* At the start of the run, what the core counted before its first instruction (a
     * pipeline filling after reset) counts at that instruction: the profile holds every
     * cycle of the run. */
    if (sim_now(&prof->m->sim) == 0)
        memset(p->last, 0, sizeof(p->last));
    p->last_rec = -1;
    p->depth = 0;
    push(p, -2, 0, -1); /* the root: the first instruction names its function (jump) */
    if (cpu_observe(p->cpu, &p->obs))
        sim_err_print(); /* (checked at profile_open: cannot happen) */
}

static void stop_cpu(struct pf_cpu *p)
{
    cpu_unobserve(p->cpu, &p->obs);
    struct cpu_stats s;
    cpu_stats(p->cpu, &s);
    if (p->last_rec >= 0) /* a sleep up to the end */
        charge(p, p->last_rec, s.cycles, s.instructions, s.stalls);
    while (p->depth)
        pop(p);
}

static void start(struct trace_output *o)
{
    struct profile *p = of_out(o);
    for (unsigned k = 0; k < p->ncpus; k++)
        start_cpu(p, &p->cpus[k]);
}

static void stop(struct trace_output *o)
{
    struct profile *p = of_out(o);
    for (unsigned k = 0; k < p->ncpus; k++)
        stop_cpu(&p->cpus[k]);
}

/* ---- writing ---- */

/* A CPU's costs c in the file's events. */
static void write_costs(FILE *f, const struct profile *p, const struct pf_cpu *u, const uint64_t *c)
{
    uint64_t col[EV_MAX] = {0};
    for (unsigned k = 0; k < u->nev; k++)
        col[u->col[k]] = c[k];
    for (unsigned k = 0; k < p->nev; k++)
        fprintf(f, " %llu", (unsigned long long)col[k]);
    fputc('\n', f);
}

/* Everything the CPUs charged, in the file's events. */
static void write_total(FILE *f, const struct profile *p)
{
    uint64_t col[EV_MAX] = {0};
    for (unsigned i = 0; i < p->ncpus; i++)
        for (unsigned k = 0; k < p->cpus[i].nev; k++)
            col[p->cpus[i].col[k]] += p->cpus[i].total[k];
    for (unsigned k = 0; k < p->nev; k++)
        fprintf(f, " %llu", (unsigned long long)col[k]);
    fputc('\n', f);
}

static int cmp_rec(const void *a, const void *b)
{
    const struct pf_rec *x = a, *y = b;
    if (x->fn != y->fn)
        return x->fn < y->fn ? -1 : 1;
    return x->pc < y->pc ? -1 : x->pc > y->pc;
}

static int cmp_arc(const void *a, const void *b)
{
    const struct pf_arc *x = a, *y = b;
    if (x->caller != y->caller)
        return x->caller < y->caller ? -1 : 1;
    if (x->site != y->site)
        return x->site < y->site ? -1 : 1;
    return x->callee < y->callee ? -1 : x->callee > y->callee;
}

static void latency_lines(FILE *f, const struct pf_cpu *u, const char *prefix)
{
    struct cpu_stats s;
    cpu_stats(u->cpu, &s);
    for (unsigned k = 0; k < s.nlatency; k++) {
        fputs(prefix, f);
        cpu_print_latency(f, &s.latency[k]);
    }
}

/* A position: the address, and its source line where the ELF has line tables (0: none). */
static void position(FILE *f, const struct profile *p, uint32_t pc)
{
    fprintf(f, "0x%x", pc);
    if (p->lines.n) {
        const struct src_line *l = src_lines_at(&p->lines, pc);
        fprintf(f, " %u", l ? l->line : 0);
    }
}

/* The source file of pc, "???" when unknown (callgrind's word for it). */
static const char *file_of(const struct profile *p, uint32_t pc)
{
    const struct src_line *l = p->lines.n ? src_lines_at(&p->lines, pc) : NULL;
    return l ? l->file : "???";
}

static void fn_line(FILE *f, const struct profile *p, int fn, const char *file)
{
    fprintf(f, "fl=%s\nfn=%s\n", file, p->code.fn[fn].name);
}

/* One CPU's part of the callgrind file: per function its instructions' self costs, then
 * per call site the calls it made and their inclusive cost. */
static void write_callgrind_cpu(FILE *f, struct profile *p, struct pf_cpu *u, const char *elf)
{
    if (p->ncpus > 1) /* each CPU's functions in an object of their own */
        fprintf(f, "\nob=%s (%s)\n", elf, cpu_name(u->cpu));
    else
        fprintf(f, "\nob=%s\n", elf);
    sort_array(u->recs, u->nrecs, sizeof(*u->recs), cmp_rec);
    sort_array(u->arcs, u->narcs, sizeof(*u->arcs), cmp_arc);
    size_t r = 0, a = 0;
    for (int fn = 0; fn < (int)p->nfns; fn++) {
        bool named = false;
        const char *file = NULL; /* the file of the cost lines that follow */
        for (; r < u->nrecs && u->recs[r].fn == fn; r++) {
            const char *at = file_of(p, u->recs[r].pc);
            if (!named) {
                fn_line(f, p, fn, at);
                named = true;
                file = at;
            } else if (at != file) {
                fprintf(f, "fi=%s\n", at); /* (an inlined function's lines) */
                file = at;
            }
            position(f, p, u->recs[r].pc);
            write_costs(f, p, u, u->recs[r].cost);
        }
        for (; a < u->narcs && u->arcs[a].caller < fn; a++)
            ;
        for (; a < u->narcs && u->arcs[a].caller == fn; a++) {
            const struct pf_arc *c = &u->arcs[a];
            uint32_t target = p->code.fn[c->callee].lo;
            if (!named) {
                fn_line(f, p, fn, file_of(p, c->site));
                named = true;
            }
            fprintf(f, "cfi=%s\ncfn=%s\ncalls=%llu", file_of(p, target), p->code.fn[c->callee].name,
                    (unsigned long long)c->calls);
            fputc(' ', f);
            position(f, p, target);
            fputc('\n', f);
            position(f, p, c->site);
            write_costs(f, p, u, c->incl);
        }
    }
}

/* The callgrind format (valgrind's "Callgrind Format Specification"): positions are
 * instruction addresses, with source lines where the ELF has them. */
static void write_callgrind(FILE *f, struct profile *p)
{
    const char *elf = p->m->elf.path ? p->m->elf.path : "firmware";
    fprintf(f, "# callgrind format\nversion: 1\ncreator: socsim\ncmd: %s\n", elf);
    for (unsigned i = 0; i < p->ncpus; i++) {
        struct cpu_stats s;
        cpu_stats(p->cpus[i].cpu, &s);
        fprintf(f, "desc: CPU: %s, timing model %s\n", cpu_name(p->cpus[i].cpu), s.model);
        for (unsigned k = 0; k < s.nlatency; k++) {
            const struct cpu_latency *l = &s.latency[k];
            fprintf(f,
                    "desc: Interrupt %s%s%s: %llu taken, entry cycles min %llu median %llu max "
                    "%llu, return min %llu median %llu max %llu\n",
                    l->source, p->ncpus > 1 ? " on " : "",
                    p->ncpus > 1 ? cpu_name(p->cpus[i].cpu) : "", (unsigned long long)l->count,
                    (unsigned long long)l->entry_min, (unsigned long long)l->entry_median,
                    (unsigned long long)l->entry_max, (unsigned long long)l->ret_min,
                    (unsigned long long)l->ret_median, (unsigned long long)l->ret_max);
        }
    }
    bool lines = p->lines.n > 0;
    fputs(lines ? "positions: instr line\nevents:" : "positions: instr\nevents:", f);
    for (unsigned k = 0; k < p->nev; k++)
        fprintf(f, " %s", p->ev_names[k]);
    fputs("\nsummary:", f);
    write_total(f, p);
    for (unsigned i = 0; i < p->ncpus; i++)
        write_callgrind_cpu(f, p, &p->cpus[i], elf);
    fputs("totals:", f);
    write_total(f, p);
}

/* A call path as frames from the root, ';' between (the folded stack format). */
static void path_of(const struct profile *p, const struct pf_cpu *u, int node, char *buf, size_t n)
{
    int chain[256];
    unsigned k = 0;
    for (int x = node; x > 0 && k < 256; x = u->nodes[x].parent)
        chain[k++] = x;
    size_t len = 0;
    buf[0] = 0;
    if (p->ncpus > 1) /* each CPU's stacks under its id */
        len += (size_t)snprintf(buf, n, "%s", cpu_name(u->cpu));
    while (k-- && len < n) {
        const struct pf_node *d = &u->nodes[chain[k]];
        len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ";" : "",
                                d->fn >= 0 ? p->code.fn[d->fn].name : "?");
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void write_folded(FILE *f, struct profile *p)
{
    size_t nodes = 0;
    for (unsigned i = 0; i < p->ncpus; i++)
        nodes += p->cpus[i].nnodes;
    char **lines = calloc(nodes + 1, sizeof(*lines));
    size_t n = 0;
    for (unsigned c = 0; lines && c < p->ncpus; c++) {
        const struct pf_cpu *u = &p->cpus[c];
        for (size_t i = 1; i < u->nnodes; i++) {
            if (!u->nodes[i].self)
                continue;
            char path[4096];
            path_of(p, u, (int)i, path, sizeof(path));
            if (asprintf(&lines[n], "%s %llu", path, (unsigned long long)u->nodes[i].self) < 0)
                abort();
            n++;
        }
    }
    sort_array(lines, n, sizeof(*lines), cmp_str);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s\n", lines[i]);
        free(lines[i]);
    }
    free(lines);
}

struct fn_row {
    int fn;
    uint64_t self[EV_MAX];
};

static int cmp_row(const void *a, const void *b)
{
    const struct fn_row *x = a, *y = b;
    if (x->self[EV_CYCLES] != y->self[EV_CYCLES])
        return x->self[EV_CYCLES] > y->self[EV_CYCLES] ? -1 : 1;
    return x->fn - y->fn;
}

/* A CPU's self costs per function, largest first; the number of rows. */
static size_t fn_rows(const struct profile *p, const struct pf_cpu *u, struct fn_row *rows)
{
    for (size_t i = 0; i < p->nfns; i++)
        rows[i] = (struct fn_row){.fn = (int)i};
    for (size_t r = 0; r < u->nrecs; r++)
        for (unsigned k = 0; k < u->nev; k++)
            rows[u->recs[r].fn].self[k] += u->recs[r].cost[k];
    size_t n = 0;
    for (size_t i = 0; i < p->nfns; i++)
        if (rows[i].self[EV_CYCLES] || rows[i].self[EV_INSNS] || u->fns[i].calls)
            rows[n++] = rows[i];
    sort_array(rows, n, sizeof(*rows), cmp_row);
    return n;
}

#define TEXT_ROWS 20

/* One CPU's top list. */
static void write_text_cpu(FILE *f, struct profile *p, const struct pf_cpu *u)
{
    struct cpu_stats s;
    cpu_stats(u->cpu, &s);
    fprintf(f, "socsim profile (%s, model %s): %llu cycles, %llu instructions\n", cpu_name(u->cpu),
            s.model, (unsigned long long)u->total[EV_CYCLES],
            (unsigned long long)u->total[EV_INSNS]);
    fprintf(f, "  %10s %6s %10s %8s %10s  %-24s %s\n", "self", "%", "inclusive", "calls", "instrs",
            "stalls (largest)", "function");
    struct fn_row *rows = calloc(p->nfns, sizeof(*rows));
    if (!rows)
        abort();
    size_t n = fn_rows(p, u, rows);
    for (size_t i = 0; i < n && i < TEXT_ROWS; i++) {
        const struct fn_row *w = &rows[i];
        const struct pf_fn *fn = &u->fns[w->fn];
        unsigned best = 0, second = 0;
        for (unsigned k = 2; k < u->nev; k++) {
            if (!best || w->self[k] > w->self[best])
                second = best, best = k;
            else if (!second || w->self[k] > w->self[second])
                second = k;
        }
        char st[64] = "";
        if (best && w->self[best])
            snprintf(st, sizeof(st), "%s %llu", u->stall_names[best - 2],
                     (unsigned long long)w->self[best]);
        if (second && w->self[second])
            snprintf(st + strlen(st), sizeof(st) - strlen(st), ", %s %llu",
                     u->stall_names[second - 2], (unsigned long long)w->self[second]);
        double pct = u->total[EV_CYCLES]
                         ? 100.0 * (double)w->self[EV_CYCLES] / (double)u->total[EV_CYCLES]
                         : 0;
        fprintf(f, "  %10llu %5.1f%% %10llu %8llu %10llu  %-24s %s\n",
                (unsigned long long)w->self[EV_CYCLES], pct,
                (unsigned long long)fn->incl[EV_CYCLES], (unsigned long long)fn->calls,
                (unsigned long long)w->self[EV_INSNS], st, p->code.fn[w->fn].name);
    }
    if (n > TEXT_ROWS)
        fprintf(f, "  (%zu more functions)\n", n - TEXT_ROWS);
    free(rows);
    latency_lines(f, u, "");
}

static void write_text(FILE *f, struct profile *p)
{
    for (unsigned i = 0; i < p->ncpus; i++)
        write_text_cpu(f, p, &p->cpus[i]);
}

static void write_profile(FILE *f, struct profile *p)
{
    if (p->format == PF_CALLGRIND)
        write_callgrind(f, p);
    else if (p->format == PF_FOLDED)
        write_folded(f, p);
    else
        write_text(f, p);
}

static int finish(struct trace_output *o)
{
    struct profile *p = of_out(o);
    if (o->on)
        stop(o);
    if (p->to_stderr) {
        write_profile(stderr, p);
        fflush(stderr);
        return 0;
    }
    FILE *f = sim_outfile_open(&p->file);
    if (!f)
        return sim_err_prefix("--profile %s", p->path);
    write_profile(f, p);
    return trace_file_close(&p->file, &f, "--profile", p->path);
}

static void free_profile(struct trace_output *o)
{
    struct profile *p = of_out(o);
    code_fns_free(&p->code);
    src_lines_free(&p->lines);
    for (unsigned i = 0; i < p->ncpus; i++) {
        struct pf_cpu *u = &p->cpus[i];
        free(u->fns);
        free(u->recs);
        free(u->rec_map.keys);
        free(u->rec_map.vals);
        free(u->arcs);
        free(u->arc_map.keys);
        free(u->arc_map.vals);
        free(u->nodes);
        free(u->node_map.keys);
        free(u->node_map.vals);
        free(u->stack);
    }
    free(p);
}

/* "load-use" -> "LoadUse": an event name callgrind's readers take. */
static void event_name(char *out, size_t n, const char *stall)
{
    size_t k = 0;
    bool up = true;
    for (const char *s = stall; *s && k + 1 < n; s++) {
        if (!isalnum((unsigned char)*s)) {
            up = true;
            continue;
        }
        out[k++] = up ? (char)toupper((unsigned char)*s) : *s;
        up = false;
    }
    out[k] = 0;
}

/* The file's event of stall cause `name`, added when new; -1 when the file has no room. */
static int stall_event(struct profile *p, const char *name)
{
    for (unsigned k = 2; k < p->nev; k++)
        if (strcmp(p->ev_stall[k], name) == 0)
            return (int)k;
    if (p->nev == EV_MAX)
        return -1;
    p->ev_stall[p->nev] = name;
    event_name(p->ev_names[p->nev], sizeof(p->ev_names[p->nev]), name);
    return (int)p->nev++;
}

/* CPU c gets its part of profile p: its events among the file's, its tables. */
static void add_cpu(struct profile *p, struct pf_cpu *u, struct cpu *c)
{
    struct cpu_stats s;
    cpu_stats(c, &s);
    u->cpu = c;
    u->code = &p->code;
    u->stall_names = s.stall_names;
    u->col[EV_CYCLES] = EV_CYCLES;
    u->col[EV_INSNS] = EV_INSNS;
    u->nev = 2;
    for (unsigned k = 0; k < s.nstalls && u->nev < EV_MAX; k++) {
        int e = stall_event(p, s.stall_names[k]);
        if (e < 0)
            break; /* (more causes than the file has room for: the last ones go uncounted) */
        u->col[u->nev++] = (unsigned)e;
    }
    u->fns = calloc(p->nfns ? p->nfns : 1, sizeof(*u->fns));
    if (!u->fns)
        abort();
    u->nodes = grow(u->nodes, &u->capnodes, 1, sizeof(*u->nodes));
    u->nodes[u->nnodes++] = (struct pf_node){.parent = -1, .fn = -1}; /* the roots' parent */
    u->obs = (struct cpu_observer){.insn = on_insn, .trap = on_trap, .sleep = on_sleep};
}

int profile_open(struct machine *m, const char *path, const char *format)
{
    enum pf_format fmt = strcmp(path, "-") == 0 ? PF_TEXT : PF_CALLGRIND;
    if (format) {
        if (strcmp(format, "callgrind") == 0)
            fmt = PF_CALLGRIND;
        else if (strcmp(format, "folded") == 0)
            fmt = PF_FOLDED;
        else if (strcmp(format, "text") == 0)
            fmt = PF_TEXT;
        else
            return sim_err("--profile-format %s: callgrind, folded or text", format);
    }
    if (cpu_check_observable(m))
        return sim_err_prefix("--profile %s", path);
    struct profile *p = calloc(1, sizeof(*p));
    if (!p)
        abort();
    p->m = m;
    p->path = path;
    p->format = fmt;
    p->to_stderr = strcmp(path, "-") == 0;
    if (!p->to_stderr && sim_outfile_check(&p->file, path)) {
        free(p);
        return sim_err_prefix("--profile %s", path);
    }
    snprintf(p->ev_names[0], sizeof(p->ev_names[0]), "Cycles");
    snprintf(p->ev_names[1], sizeof(p->ev_names[1]), "Instructions");
    p->nev = 2;
    code_fns_build(&p->code, &m->elf);
    if (fmt == PF_CALLGRIND && m->elf.path)
        src_lines_load(&p->lines, m->elf.path);
    p->nfns = p->code.n;
    p->ncpus = m->ncpus;
    for (unsigned i = 0; i < p->ncpus; i++)
        add_cpu(p, &p->cpus[i], m->cpus[i]);
    p->out = (struct trace_output){
        .name = "profile", .start = start, .stop = stop, .finish = finish, .free = free_profile};
    trace_add(m, &p->out);
    return 0;
}

int profile_function(struct machine *m, const char *name, struct profile_figures *fig)
{
    struct trace_output *o = trace_find(m, "profile");
    struct profile *p = o ? of_out(o) : NULL;
    if (!p)
        return sim_err("no profile: give --profile FILE (or --profile -) on the command line");
    int fn = code_fns_named(&p->code, name);
    if (fn < 0)
        return sim_err("no function '%s' in the firmware's symbols", name);
    *fig = (struct profile_figures){.nstalls = p->nev - 2, .stall_names = p->ev_stall + 2};
    /* Every CPU's part: the function's cycles on all of them. */
    for (unsigned i = 0; i < p->ncpus; i++) {
        const struct pf_cpu *u = &p->cpus[i];
        fig->calls += u->fns[fn].calls;
        fig->incl_cycles += u->fns[fn].incl[EV_CYCLES];
        for (size_t r = 0; r < u->nrecs; r++) {
            if (u->recs[r].fn != fn)
                continue;
            fig->self_cycles += u->recs[r].cost[EV_CYCLES];
            fig->instructions += u->recs[r].cost[EV_INSNS];
            for (unsigned k = 2; k < u->nev; k++)
                fig->stalls[u->col[k] - 2] += u->recs[r].cost[k];
        }
        /* Frames still open count up to now. */
        for (size_t k = 0; k < u->depth; k++)
            if (u->stack[k].fn == fn && u->stack[k].outer)
                fig->incl_cycles +=
                    u->at_level[u->stack[k].level][EV_CYCLES] - u->stack[k].enter[EV_CYCLES];
    }
    return 0;
}
