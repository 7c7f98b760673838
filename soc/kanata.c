/* --pipeline FILE: a CPU's pipeline as a Kanata log (soc/kanata.h). */
#include "soc/kanata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "sim/heap.h"
#include "sim/opts.h"
#include "sim/outfile.h"
#include "soc/cpu.h"
#include "soc/machine.h"
#include "soc/pipeline.h"
#include "soc/trace.h"

/* A command waiting for its cycle: S, E or R of row `id`. */
struct kev {
    uint64_t cycle;
    uint64_t order; /* the order it was made in: a row's commands of one cycle stay in order */
    uint64_t id, retire;
    const char *name;
    char kind;    /* 'S', 'E', 'R' */
    uint8_t lane; /* S, E: 0 stage, 1 stall; R: 0 retired, 1 flushed */
};

struct kanata {
    struct trace_output out;
    struct pipe_sink sink;
    struct cpu *cpu;
    char *spec;
    struct sim_outfile file;
    FILE *f;
    bool started; /* the first cycle (C=) was written */
    uint64_t now; /* the cycle of the last command written */
    uint64_t ids; /* rows so far: the next row's id in the file */
    uint64_t retired;
    uint64_t order;
    struct heap q; /* of struct kev, on (cycle, order) */
};

/* ---- the file ---- */

/* The commands are written with putc_unlocked and a hand-made decimal, a dozen of them an
 * instruction: recording bench mix on ibex took 9.8 s of host time with fprintf, 5.3 s so. */
static void put_u64(FILE *f, uint64_t v)
{
    char buf[20];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        putc_unlocked(buf[--n], f);
}

/* "CMD\tA\tB\tTEXT\n" (text NULL: "CMD\tA\tB\n"). */
static void put_cmd(FILE *f, char cmd, uint64_t a, uint64_t b, const char *text)
{
    putc_unlocked(cmd, f);
    putc_unlocked('\t', f);
    put_u64(f, a);
    putc_unlocked('\t', f);
    put_u64(f, b);
    if (text) {
        putc_unlocked('\t', f);
        fputs(text, f);
    }
    putc_unlocked('\n', f);
}

/* Move the file's time to cycle c (never back: a row's commands wait until then). */
static void at(struct kanata *k, uint64_t c)
{
    if (!k->started) {
        fputs("C=\t", k->f);
        put_u64(k->f, c);
        putc_unlocked('\n', k->f);
        k->started = true;
        k->now = c;
    } else if (c > k->now) {
        fputs("C\t", k->f);
        put_u64(k->f, c - k->now);
        putc_unlocked('\n', k->f);
        k->now = c;
    }
}

static bool kev_before(const void *x, const void *y)
{
    const struct kev *a = x, *b = y;
    return a->cycle != b->cycle ? a->cycle < b->cycle : a->order < b->order;
}

static void push(struct kanata *k, uint64_t cycle, char kind, uint64_t id, uint8_t lane,
                 const char *name, uint64_t retire)
{
    struct kev e = {.cycle = cycle,
                    .order = k->order++,
                    .id = id,
                    .retire = retire,
                    .name = name,
                    .kind = kind,
                    .lane = lane};
    heap_push(&k->q, &e);
}

/* Write the commands of cycles up to `until` (inclusive). */
static void drain(struct kanata *k, uint64_t until)
{
    while (k->q.n && ((const struct kev *)heap_top(&k->q))->cycle <= until) {
        struct kev e;
        heap_pop(&k->q, &e);
        at(k, e.cycle);
        if (e.kind == 'R')
            put_cmd(k->f, 'R', e.id, e.retire, e.lane ? "1" : "0");
        else
            put_cmd(k->f, e.kind, e.id, e.lane, e.name);
    }
}

/* Spans start no earlier than what was written: a row is never drawn into the past. */
static void spans(struct kanata *k, uint64_t id, uint8_t lane, const struct pipe_span *s,
                  unsigned n, uint64_t *end)
{
    for (unsigned i = 0; i < n; i++) {
        uint64_t from = s[i].from > k->now ? s[i].from : k->now;
        if (s[i].to <= from)
            continue;
        push(k, from, 'S', id, lane, s[i].name, 0);
        push(k, s[i].to, 'E', id, lane, s[i].name, 0);
        if (s[i].to > *end)
            *end = s[i].to;
    }
}

/* A row from the model: its first cycle is no earlier than the last row's, so whatever
 * waits for a cycle up to it can be written. */
static void kanata_row(struct pipe_sink *s, const struct pipe_row *r)
{
    struct kanata *k = container_of(s, struct kanata, sink);
    uint64_t first = UINT64_MAX;
    for (unsigned i = 0; i < r->nstages; i++)
        if (r->stage[i].to > r->stage[i].from && r->stage[i].from < first)
            first = r->stage[i].from;
    if (first == UINT64_MAX)
        return; /* nothing to draw */
    drain(k, first);
    at(k, first);
    uint64_t id = k->ids++;
    put_cmd(k->f, 'I', id, r->seq, "0");
    put_cmd(k->f, 'L', id, 0, r->text);
    uint64_t end = k->now;
    spans(k, id, 0, r->stage, r->nstages, &end);
    spans(k, id, 1, r->stall, r->nstalls, &end);
    push(k, end, 'R', id, r->flushed, NULL, r->flushed ? k->retired : k->retired++);
}

/* ---- the trace output ---- */

static void kanata_start(struct trace_output *o)
{
    struct kanata *k = container_of(o, struct kanata, out);
    k->cpu->ops->pipeline(k->cpu, &k->sink);
}

static void kanata_stop(struct trace_output *o)
{
    struct kanata *k = container_of(o, struct kanata, out);
    k->cpu->ops->pipeline(k->cpu, NULL);
    drain(k, UINT64_MAX); /* every row is whole: nothing comes before their ends */
}

static int kanata_finish(struct trace_output *o)
{
    struct kanata *k = container_of(o, struct kanata, out);
    if (o->on)
        kanata_stop(o);
    return trace_file_close(&k->file, &k->f, "--pipeline", k->spec);
}

static void kanata_free(struct trace_output *o)
{
    struct kanata *k = container_of(o, struct kanata, out);
    /* Never finished (the run never began): the file stays as it was. */
    trace_file_discard(&k->file, &k->f);
    heap_free(&k->q);
    free(k->spec);
    free(k);
}

/* The CPU `cpu=` names, or the machine's first. */
static int pick_cpu(struct machine *m, const char *spec, const char *id, struct cpu **c)
{
    if (!m->ncpus)
        return sim_err("--pipeline %s: the machine has no CPU", spec);
    *c = id ? machine_find_cpu(m, id) : m->cpus[0];
    if (!*c)
        return sim_err("--pipeline %s: no CPU with id '%s'", spec, id);
    if (!(*c)->ops->pipeline || (*c)->ops->pipeline(*c, NULL))
        return sim_err_prefix("--pipeline %s", spec);
    return 0;
}

int kanata_open(struct machine *m, const char *spec)
{
    struct opts o;
    if (opts_parse(spec, &o))
        return sim_err_prefix("--pipeline %s", spec);
    struct kanata *k = calloc(1, sizeof(*k));
    if (!k)
        abort();
    k->spec = strdup(spec);
    heap_init(&k->q, sizeof(struct kev), kev_before);
    const char *cpu_id = NULL;
    int rc = 0;
    if (o.kv[0].value)
        rc = sim_err("--pipeline %s: expected FILE[,cpu=ID]", spec);
    for (size_t i = 1; rc == 0 && i < o.n; i++) {
        if (strcmp(o.kv[i].key, "cpu") != 0)
            rc = sim_err("--pipeline %s: unknown option '%s' (expected cpu=ID)", spec, o.kv[i].key);
        else if (!o.kv[i].value || !*o.kv[i].value)
            rc = sim_err("--pipeline %s: cpu= needs a CPU's id", spec);
        else
            cpu_id = o.kv[i].value;
    }
    if (rc == 0)
        rc = pick_cpu(m, spec, cpu_id, &k->cpu);
    if (rc == 0)
        rc = trace_file_open(&k->file, &k->f, o.kv[0].key, "--pipeline", spec);
    opts_free(&o);
    if (rc) {
        free(k->spec);
        free(k);
        return -1;
    }
    fputs("Kanata\t0004\n", k->f);
    k->sink.row = kanata_row;
    k->out = (struct trace_output){.name = "pipeline",
                                   .start = kanata_start,
                                   .stop = kanata_stop,
                                   .finish = kanata_finish,
                                   .free = kanata_free};
    trace_add(m, &k->out);
    return 0;
}
