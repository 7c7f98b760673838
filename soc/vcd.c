/* --vcd: a Value Change Dump of the machine's signals (soc/vcd.h). */
#include "soc/vcd.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "sim/heap.h"
#include "sim/opts.h"
#include "sim/outfile.h"
#include "soc/machine.h"
#include "soc/trace.h"

#define VCD_NAME_MAX TRACE_SIGNAL_NAME_MAX

struct vcd;

struct vcd_var {
    struct vcd *v;
    struct signal *sig;
    char name[VCD_NAME_MAX]; /* the tree name */
    char code[8];            /* the VCD identifier */
    int8_t written;          /* the level last written: 0, 1, or -1 (x: none yet, dumpoff) */
    sim_time_t since;        /* recording since: changes reported for earlier are dropped */
};

/* What goes into the file, in order of (time, seq): a change; a dump's marker, one of its
 * levels, its end; a $dumpoff. */
enum { E_CHANGE, E_DUMP, E_DUMP_VAR, E_DUMP_END, E_DUMPOFF };

struct vcd_entry {
    sim_time_t t;
    uint64_t seq;
    uint32_t var;
    uint8_t kind, level;
};

struct vcd {
    struct trace_output out;
    struct machine *m;
    char *spec;
    struct sim_outfile file;
    FILE *f;
    struct vcd_var *vars;
    size_t nvars;
    bool attaching;    /* signal_listen tells a high level at once: not a change */
    bool dumped;       /* $dumpvars written: later dumps are $dumpon */
    bool dumping;      /* between a dump and a $dumpoff */
    bool time_written; /* a #time line was written */
    sim_time_t time;   /* the last #time written */
    uint64_t seq;
    uint64_t late; /* changes reported for a time already written (none expected) */
    /* Entries held back while a device may still report changes for earlier times
     * (trace_hold): a binary heap on (t, seq). */
    struct heap q; /* of struct vcd_entry */
};

/* ---- writing ---- */

static void write_time(struct vcd *v, sim_time_t t)
{
    if (!v->time_written || t > v->time) {
        fprintf(v->f, "#%llu\n", (unsigned long long)t);
        v->time = t;
        v->time_written = true;
    }
}

static void write_level(struct vcd *v, struct vcd_var *x, int level)
{
    fprintf(v->f, "%c%s\n", level < 0 ? 'x' : '0' + level, x->code);
    x->written = (int8_t)level;
}

static void emit(struct vcd *v, const struct vcd_entry *e)
{
    sim_time_t t = e->t;
    if (v->time_written && t < v->time) {
        v->late++;
        t = v->time;
    }
    struct vcd_var *x = &v->vars[e->var];
    switch (e->kind) {
    case E_CHANGE:
        if (v->dumping && x->written != e->level) {
            write_time(v, t);
            write_level(v, x, e->level);
        }
        break;
    case E_DUMP:
        write_time(v, t);
        fputs(v->dumped ? "$dumpon\n" : "$dumpvars\n", v->f);
        v->dumped = true;
        break;
    case E_DUMP_VAR:
        write_level(v, x, e->level);
        break;
    case E_DUMP_END:
        fputs("$end\n", v->f);
        v->dumping = true;
        break;
    case E_DUMPOFF:
        write_time(v, t);
        fputs("$dumpoff\n", v->f);
        for (size_t i = 0; i < v->nvars; i++)
            write_level(v, &v->vars[i], -1);
        fputs("$end\n", v->f);
        v->dumping = false;
        break;
    }
}

static bool entry_before(const void *x, const void *y)
{
    const struct vcd_entry *a = x, *b = y;
    return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

/* Write what no held-back change can come before any more. */
static void drain(struct vcd *v, sim_time_t held)
{
    while (v->q.n && ((const struct vcd_entry *)heap_top(&v->q))->t <= held) {
        struct vcd_entry e;
        heap_pop(&v->q, &e);
        emit(v, &e);
    }
}

static void post(struct vcd *v, uint32_t var, unsigned kind, bool level, sim_time_t t)
{
    struct vcd_entry e = {
        .t = t, .seq = v->seq++, .var = var, .kind = (uint8_t)kind, .level = level};
    sim_time_t held = trace_held_from(v->m);
    if (held == SIM_TIME_MAX && !v->q.n) {
        emit(v, &e);
        return;
    }
    heap_push(&v->q, &e);
    drain(v, held);
}

/* ---- the trace output ---- */

static void changed(void *opaque, int n, bool level)
{
    (void)n;
    struct vcd_var *x = opaque;
    struct vcd *v = x->v;
    if (v->attaching)
        return;
    sim_time_t t = signal_time(x->sig, sim_now(&v->m->sim));
    if (t < x->since)
        return; /* reported late for a time before the recording began */
    post(v, (uint32_t)(x - v->vars), E_CHANGE, level, t);
}

static void vcd_start(struct trace_output *o)
{
    struct vcd *v = container_of(o, struct vcd, out);
    sim_time_t t = sim_now(&v->m->sim);
    v->attaching = true;
    for (size_t i = 0; i < v->nvars; i++) {
        v->vars[i].since = t;
        signal_listen(v->vars[i].sig, changed, &v->vars[i], 0);
    }
    v->attaching = false;
    /* Every level as it is now, between the dump's marker and its $end. */
    post(v, 0, E_DUMP, false, t);
    for (size_t i = 0; i < v->nvars; i++)
        post(v, (uint32_t)i, E_DUMP_VAR, v->vars[i].sig->level, t);
    post(v, 0, E_DUMP_END, false, t);
}

static void detach(struct vcd *v)
{
    for (size_t i = 0; i < v->nvars; i++)
        signal_unlisten(v->vars[i].sig, changed, &v->vars[i]);
}

static void vcd_stop(struct trace_output *o)
{
    struct vcd *v = container_of(o, struct vcd, out);
    detach(v);
    post(v, 0, E_DUMPOFF, false, sim_now(&v->m->sim));
}

static void vcd_released(struct trace_output *o)
{
    struct vcd *v = container_of(o, struct vcd, out);
    drain(v, trace_held_from(v->m));
}

/* The run ended: what was held back is final; the last time line is the end of the run,
 * so that a viewer shows the levels up to it. */
static int vcd_finish(struct trace_output *o)
{
    struct vcd *v = container_of(o, struct vcd, out);
    sim_time_t end = sim_now(&v->m->sim);
    if (o->on)
        detach(v);
    drain(v, SIM_TIME_MAX);
    if (v->dumped && end > v->time)
        write_time(v, end);
    if (trace_file_close(&v->file, &v->f, "--vcd", v->spec))
        return -1;
    if (v->late)
        sim_warn("warning: --vcd %s: %llu changes came for a time already written; they are "
                 "written at the later time",
                 v->spec, (unsigned long long)v->late);
    return 0;
}

static void vcd_free(struct trace_output *o)
{
    struct vcd *v = container_of(o, struct vcd, out);
    /* Never finished (the run never began): the file stays as it was. */
    trace_file_discard(&v->file, &v->f);
    free(v->vars);
    heap_free(&v->q);
    free(v->spec);
    free(v);
}

/* ---- the signals ---- */

/* Calls fn for every signal of every device with an id, in the machine's order. */
static void print_name(void *ctx, struct signal *s, const char *name)
{
    (void)s;
    fprintf(ctx, "%s\n", name);
}

void vcd_list(struct machine *m, FILE *f)
{
    trace_each_signal(m, print_name, f);
}

struct select {
    struct vcd *v;
    const char **pats;
    size_t npats;
    bool *matched;
};

static void select_one(void *ctx, struct signal *s, const char *name)
{
    struct select *sel = ctx;
    bool keep = sel->npats == 0;
    for (size_t i = 0; i < sel->npats; i++)
        if (fnmatch(sel->pats[i], name, 0) == 0)
            keep = sel->matched[i] = true;
    if (!keep)
        return;
    struct vcd *v = sel->v;
    struct vcd_var *x = &v->vars[v->nvars];
    size_t id = v->nvars++;
    *x = (struct vcd_var){.v = v, .sig = s, .written = -1};
    snprintf(x->name, sizeof(x->name), "%s", name);
    /* Identifiers: printable ASCII from '!' to '~', base 94. */
    char *c = x->code;
    do {
        *c++ = (char)('!' + id % 94);
        id /= 94;
    } while (id);
    *c = '\0';
}

/* ---- the header ---- */

/* A name as VCD wants it: no white space. */
static void put_name(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(s[i] == ' ' || s[i] == '\t' ? '_' : s[i], f);
}

/* Length of the scope part of a tree name: up to its last dot. */
static size_t scope_len(const char *name)
{
    return (size_t)(strrchr(name, '.') - name);
}

/* Scope paths compared component by component (a scope's own wires before its
 * sub-scopes), so that each scope's wires are together; then the machine's order (the
 * pointers' order in the array being sorted). */
static int cmp_var(const void *a, const void *b)
{
    const struct vcd_var *va = *(const struct vcd_var *const *)a;
    const struct vcd_var *vb = *(const struct vcd_var *const *)b;
    const char *x = va->name, *y = vb->name;
    size_t lx = scope_len(x), ly = scope_len(y), k = 0;
    while (k < lx && k < ly && x[k] == y[k])
        k++;
    if (k < lx || k < ly) {
        int cx = k < lx ? (x[k] == '.' ? 1 : (unsigned char)x[k] + 1) : 0;
        int cy = k < ly ? (y[k] == '.' ? 1 : (unsigned char)y[k] + 1) : 0;
        return cx - cy;
    }
    return va < vb ? -1 : va > vb;
}

static void sort_by_scope(struct vcd *v)
{
    struct vcd_var **ix = malloc(v->nvars * sizeof(*ix));
    struct vcd_var *sorted = malloc(v->nvars * sizeof(*sorted));
    if (!ix || !sorted)
        abort();
    for (size_t i = 0; i < v->nvars; i++)
        ix[i] = &v->vars[i];
    sort_array(ix, v->nvars, sizeof(*ix), cmp_var);
    for (size_t i = 0; i < v->nvars; i++)
        sorted[i] = *ix[i];
    memcpy(v->vars, sorted, v->nvars * sizeof(*sorted));
    free(sorted);
    free(ix);
}

/* Where the component of s that starts at i ends: at a dot or at len. */
static size_t comp_end(const char *s, size_t i, size_t len)
{
    while (i < len && s[i] != '.')
        i++;
    return i;
}

/* How many scope components scope parts a (la characters) and b (lb) share. */
static size_t common_scopes(const char *a, size_t la, const char *b, size_t lb)
{
    size_t n = 0;
    for (size_t i = 0; i <= la && i <= lb; n++) {
        size_t ea = comp_end(a, i, la), eb = comp_end(b, i, lb);
        if (ea != eb || memcmp(a + i, b + i, ea - i) != 0)
            break;
        i = ea + 1;
    }
    return n;
}

static size_t count_scopes(const char *s, size_t len)
{
    size_t n = 1;
    for (size_t k = 0; k < len; k++)
        n += s[k] == '.';
    return n;
}

static void write_header(struct vcd *v)
{
    FILE *f = v->f;
    const char *board = v->m->board ? v->m->board : "machine";
    const char *base = strrchr(board, '/');
    base = base ? base + 1 : board;
    size_t blen = strcspn(base, ".");
    fputs("$comment socsim: times are picoseconds of simulated time $end\n"
          "$timescale 1ps $end\n$scope module ",
          f);
    put_name(f, base, blen ? blen : strlen(base));
    fputs(" $end\n", f);
    /* "cpu0.mip.mtip" is wire mtip in scope mip in scope cpu0: close the scopes the last
     * wire was in beyond those this one shares, open this one's others. */
    const char *prev = NULL;
    size_t prev_len = 0, depth = 0;
    for (size_t i = 0; i < v->nvars; i++) {
        const char *name = v->vars[i].name;
        size_t len = scope_len(name);
        size_t keep = prev ? common_scopes(prev, prev_len, name, len) : 0;
        for (; depth > keep; depth--)
            fputs("$upscope $end\n", f);
        /* open the components after the first `keep` */
        size_t k = 0;
        for (size_t c = 0; c < keep; c++)
            k += strcspn(name + k, ".") + 1;
        while (k <= len && depth < count_scopes(name, len)) {
            size_t e = k + strcspn(name + k, ".");
            fputs("$scope module ", f);
            put_name(f, name + k, e - k);
            fputs(" $end\n", f);
            depth++;
            k = e + 1;
        }
        fprintf(f, "$var wire 1 %s ", v->vars[i].code);
        put_name(f, name + len + 1, strlen(name + len + 1));
        fputs(" $end\n", f);
        prev = name;
        prev_len = len;
    }
    for (; depth; depth--)
        fputs("$upscope $end\n", f);
    fputs("$upscope $end\n$enddefinitions $end\n", f);
}

static void count_one(void *ctx, struct signal *s, const char *name)
{
    (void)s, (void)name;
    ++*(size_t *)ctx;
}

int vcd_open(struct machine *m, const char *spec)
{
    struct opts o;
    if (opts_parse(spec, &o))
        return sim_err_prefix("--vcd %s", spec);
    struct vcd *v = calloc(1, sizeof(*v));
    if (v)
        heap_init(&v->q, sizeof(struct vcd_entry), entry_before);
    struct select sel = {.v = v};
    sel.pats = calloc(o.n, sizeof(*sel.pats));
    sel.matched = calloc(o.n, sizeof(*sel.matched));
    if (!v || !sel.pats || !sel.matched)
        abort();
    v->m = m;
    v->spec = strdup(spec);
    int rc = 0;
    if (o.kv[0].value)
        rc = sim_err("--vcd %s: expected FILE[,signals=PATTERN...]", spec);
    for (size_t i = 1; rc == 0 && i < o.n; i++) {
        if (strcmp(o.kv[i].key, "signals") != 0)
            rc = sim_err("--vcd %s: unknown option '%s' (expected signals=PATTERN)", spec,
                         o.kv[i].key);
        else if (!o.kv[i].value || !*o.kv[i].value)
            rc = sim_err("--vcd %s: signals= needs a pattern (--vcd help lists the signals)", spec);
        else
            sel.pats[sel.npats++] = o.kv[i].value;
    }
    size_t total = 0;
    if (rc == 0) {
        trace_each_signal(m, count_one, &total);
        v->vars = calloc(total ? total : 1, sizeof(*v->vars));
        if (!v->vars)
            abort();
        trace_each_signal(m, select_one, &sel);
        for (size_t i = 0; rc == 0 && i < sel.npats; i++)
            if (!sel.matched[i])
                rc = sim_err("--vcd %s: no signal matches '%s' (--vcd help lists them)", spec,
                             sel.pats[i]);
        if (rc == 0 && !v->nvars)
            rc = sim_err("--vcd %s: the machine has no signal to record", spec);
    }
    if (rc == 0)
        rc = trace_file_open(&v->file, &v->f, o.kv[0].key, "--vcd", spec);
    free(sel.pats);
    free(sel.matched);
    opts_free(&o);
    if (rc) {
        free(v->vars);
        free(v->spec);
        free(v);
        return -1;
    }
    sort_by_scope(v);
    for (size_t i = 0; i < v->nvars; i++)
        v->vars[i].v = v; /* (moved by the sort) */
    write_header(v);
    v->out = (struct trace_output){.name = "vcd",
                                   .start = vcd_start,
                                   .stop = vcd_stop,
                                   .released = vcd_released,
                                   .finish = vcd_finish,
                                   .free = vcd_free};
    trace_add(m, &v->out);
    return 0;
}
