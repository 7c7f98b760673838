/* The trace outputs of a run and their window (soc/trace.h). */
#include "soc/trace.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/cpu.h"
#include "soc/device.h"
#include "soc/machine.h"

#define TRACE_MAX_HOLDS 16

/* An edge of the window. */
enum trace_at { TRACE_AT_NONE, TRACE_AT_TIME, TRACE_AT_INSNS, TRACE_AT_SYMBOL };

struct trace_point {
    enum trace_at kind;
    uint64_t n; /* picoseconds or instructions */
    uint32_t addr;
    const char *opt, *text; /* "--trace-from", "main": for messages */
};

enum trace_state { WINDOW_WAITING, WINDOW_OPEN, WINDOW_CLOSED };

struct trace {
    struct machine *m;
    struct trace_output *outputs, **tail;
    struct trace_point from, to;
    enum trace_state state;
    sim_time_t opened;   /* when the window opened */
    bool armed;          /* the run began (trace_arm): outputs are written at its end */
    struct sim_event ev; /* a time edge */
    bool armed_insns, armed_break;
    struct {
        const void *owner;
        sim_time_t from;
    } holds[TRACE_MAX_HOLDS];
    unsigned nholds;
    bool finished, failed;
};

static struct trace *trace_of(struct machine *m)
{
    if (!m->trace) {
        struct trace *t = calloc(1, sizeof(*t));
        if (!t)
            abort();
        t->m = m;
        t->tail = &t->outputs;
        m->trace = t;
    }
    return m->trace;
}

void trace_add(struct machine *m, struct trace_output *o)
{
    struct trace *t = trace_of(m);
    o->m = m;
    o->on = false;
    m->late_listeners = true; /* its window may open mid-run */
    o->next = NULL;
    *t->tail = o;
    t->tail = &o->next;
}

bool trace_enabled(const struct machine *m)
{
    return m->trace && m->trace->outputs;
}

/* ---- the window ---- */

struct trace_output *trace_find(struct machine *m, const char *name)
{
    for (struct trace_output *o = m->trace ? m->trace->outputs : NULL; o; o = o->next)
        if (strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

static int point_parse(struct machine *m, const char *opt, const char *text, struct trace_point *p)
{
    *p = (struct trace_point){.opt = opt, .text = text};
    if (!text)
        return 0;
    if (isdigit((unsigned char)text[0])) {
        size_t unit = ends_with(text, "insns") ? 5 : ends_with(text, "insn") ? 4 : 0;
        if (unit) {
            char num[32];
            size_t len = strlen(text) - unit;
            if (len >= sizeof(num) ||
                (snprintf(num, sizeof(num), "%.*s", (int)len, text), sim_parse_u64(num, &p->n)))
                return sim_err("%s %s: '%.*s' is not a number of instructions", opt, text, (int)len,
                               text);
            p->kind = TRACE_AT_INSNS;
            return 0;
        }
        if (sim_parse_time(text, &p->n)) {
            const char *why = sim_parse_why();
            return sim_err("%s %s: expected a time (10ms), an instruction count (5000insn) or "
                           "a symbol of the firmware (main)%s%s%s",
                           opt, text, why ? " (" : "", why ? why : "", why ? ")" : "");
        }
        p->kind = TRACE_AT_TIME;
        return 0;
    }
    if (!isalpha((unsigned char)text[0]) && text[0] != '_' && text[0] != '.' && text[0] != '$')
        return sim_err("%s %s: expected a time (10ms), an instruction count (5000insn) or a "
                       "symbol of the firmware (main)",
                       opt, text);
    if (!m->elf_loaded)
        return sim_err("%s %s: a symbol needs the firmware's symbols (-kernel)", opt, text);
    if (elf_symbol(&m->elf, text, &p->addr))
        return sim_err("%s %s: no symbol '%s' in %s", opt, text, text, m->elf.path);
    if (!m->ncpus || !m->cpus[0]->ops->break_at)
        return sim_err("%s %s: the CPU cannot stop at an address", opt, text);
    p->kind = TRACE_AT_SYMBOL;
    return 0;
}

int trace_window(struct machine *m, const char *from, const char *to)
{
    struct trace *t = trace_of(m);
    if (point_parse(m, "--trace-from", from, &t->from) || point_parse(m, "--trace-to", to, &t->to))
        return -1;
    if (t->from.kind == t->to.kind && t->from.kind != TRACE_AT_SYMBOL &&
        t->from.kind != TRACE_AT_NONE && t->to.n <= t->from.n)
        return sim_err("--trace-to %s: not after --trace-from %s", to, from);
    if (t->to.kind != TRACE_AT_NONE && t->to.n == 0 && t->to.kind != TRACE_AT_SYMBOL)
        return sim_err("--trace-to %s: the window would be empty", to);
    /* The end is looked for once the window is open, before the instruction it opened at
     * runs: the same address would close it at once. */
    if (t->from.kind == TRACE_AT_SYMBOL && t->to.kind == TRACE_AT_SYMBOL &&
        t->from.addr == t->to.addr)
        return sim_err("--trace-to %s: the window would be empty (--trace-from %s is the same "
                       "address)",
                       to, from);
    return 0;
}

static void switch_one(struct trace_output *o, bool on)
{
    if (o->on == on)
        return;
    o->on = on;
    if (on)
        o->start(o);
    else
        o->stop(o);
}

static void switch_all(struct trace *t, bool on)
{
    for (struct trace_output *o = t->outputs; o; o = o->next)
        switch_one(o, on);
}

static void arm(struct trace *t, const struct trace_point *p);

/* The window's edge came: it opens, or closes. */
static void edge(struct trace *t)
{
    if (t->state == WINDOW_WAITING) {
        t->state = WINDOW_OPEN;
        t->opened = sim_now(&t->m->sim);
        switch_all(t, true);
        arm(t, &t->to);
    } else if (t->state == WINDOW_OPEN) {
        t->state = WINDOW_CLOSED;
        switch_all(t, false);
        /* A CPU runs no instruction in no time: the end was due before the window opened
         * (an instruction count or a time of the past, with edges of different kinds). */
        if (sim_now(&t->m->sim) == t->opened && t->from.text)
            sim_warn("warning: --trace-to %s came before --trace-from %s: the window is "
                     "empty",
                     t->to.text, t->from.text);
        else if (sim_now(&t->m->sim) == t->opened)
            sim_warn("warning: --trace-to %s came as the run began: the window is empty",
                     t->to.text);
    }
}

static void time_edge(struct sim_event *ev)
{
    edge(container_of(ev, struct trace, ev));
}

static void insn_edge(struct sim *s, void *opaque)
{
    (void)s;
    struct trace *t = opaque;
    t->armed_insns = false;
    edge(t);
}

static void break_edge(struct cpu *c, void *opaque)
{
    (void)c;
    struct trace *t = opaque;
    t->armed_break = false;
    edge(t);
}

static void arm(struct trace *t, const struct trace_point *p)
{
    struct sim *s = &t->m->sim;
    switch (p->kind) {
    case TRACE_AT_NONE:
        if (p == &t->from)
            edge(t);
        break;
    case TRACE_AT_TIME: {
        sim_time_t now = sim_now(s);
        sim_schedule(s, &t->ev, p->n > now ? p->n : now);
        break;
    }
    case TRACE_AT_INSNS:
        s->insn_mark = p->n;
        s->insn_mark_fn = insn_edge;
        s->insn_mark_opaque = t;
        t->armed_insns = true;
        break;
    case TRACE_AT_SYMBOL: {
        struct cpu *c = t->m->cpus[0];
        if (c->ops->break_at(c, p->addr, break_edge, t) == 0)
            t->armed_break = true;
        break;
    }
    }
}

int trace_arm(struct machine *m)
{
    struct trace *t = m->trace;
    if (!t)
        return 0;
    sim_event_init(&t->ev, time_edge, "trace window");
    t->state = WINDOW_WAITING;
    t->armed = true;
    if (t->from.kind == TRACE_AT_SYMBOL) {
        struct cpu *c = m->cpus[0];
        if (c->ops->break_at(c, t->from.addr, break_edge, t))
            return sim_err_prefix("--trace-from %s", t->from.text);
        t->armed_break = true;
        return 0;
    }
    arm(t, &t->from);
    return 0;
}

int trace_switch(struct machine *m, const char *name, bool on)
{
    struct trace *t = m->trace;
    if (!t || !t->outputs)
        return sim_err("no trace output: give one on the command line (--vcd, --pipeline, "
                       "--profile, --trace or --log-commits FILE)");
    if (t->finished)
        return sim_err("the run is over: the trace outputs are written");
    int n = 0;
    for (struct trace_output *o = t->outputs; o; o = o->next) {
        if (name && strcmp(name, o->name) != 0)
            continue;
        n++;
        switch_one(o, on);
    }
    if (!n) {
        char names[128] = "";
        size_t len = 0;
        for (struct trace_output *o = t->outputs; o && len < sizeof(names); o = o->next)
            len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s", len ? ", " : "",
                                    o->name);
        return sim_err("no trace output '%s' (outputs: %s)", name, names);
    }
    return n;
}

/* ---- holds ---- */

sim_time_t trace_held_from(const struct machine *m)
{
    const struct trace *t = m->trace;
    sim_time_t min = SIM_TIME_MAX;
    for (unsigned i = 0; t && i < t->nholds; i++)
        if (t->holds[i].from < min)
            min = t->holds[i].from;
    return min;
}

static void released(struct trace *t)
{
    for (struct trace_output *o = t->outputs; o; o = o->next)
        if (o->released)
            o->released(o);
}

void trace_hold(struct machine *m, const void *owner, sim_time_t from)
{
    struct trace *t = m->trace;
    if (!t || t->finished)
        return;
    for (unsigned i = 0; i < t->nholds; i++) {
        if (t->holds[i].owner == owner) {
            bool later = from > t->holds[i].from;
            t->holds[i].from = from;
            if (later)
                released(t);
            return;
        }
    }
    if (t->nholds == TRACE_MAX_HOLDS)
        abort(); /* one per device that reports late: a handful */
    t->holds[t->nholds].owner = owner;
    t->holds[t->nholds++].from = from;
}

void trace_release(struct machine *m, const void *owner)
{
    struct trace *t = m->trace;
    if (!t)
        return;
    for (unsigned i = 0; i < t->nholds; i++) {
        if (t->holds[i].owner == owner) {
            t->holds[i] = t->holds[--t->nholds];
            released(t);
            return;
        }
    }
}

/* ---- the end ---- */

void trace_finish(struct machine *m)
{
    struct trace *t = m->trace;
    if (!t || t->finished || !t->armed)
        return; /* no run: trace_free discards the outputs */
    t->finished = true;
    t->nholds = 0; /* nothing reports later than the end */
    if (t->ev.fn)
        sim_cancel(&m->sim, &t->ev);
    if (t->armed_insns)
        m->sim.insn_mark = UINT64_MAX;
    if (t->armed_break)
        m->cpus[0]->ops->break_at(m->cpus[0], 0, NULL, NULL);
    if (t->state == WINDOW_WAITING && t->from.kind != TRACE_AT_NONE && t->outputs) {
        bool recorded = false;
        for (struct trace_output *o = t->outputs; o; o = o->next)
            recorded |= o->on;
        if (!recorded)
            sim_warn("warning: --trace-from %s: the run ended before the window opened; the "
                     "trace outputs hold no changes",
                     t->from.text);
    }
    for (struct trace_output *o = t->outputs; o; o = o->next) {
        int rc = o->finish(o);
        o->on = false;
        if (rc) {
            sim_err_print();
            t->failed = true;
        }
    }
}

bool trace_failed(const struct machine *m)
{
    return m->trace && m->trace->failed;
}

void trace_free(struct machine *m)
{
    struct trace *t = m->trace;
    if (!t)
        return;
    trace_finish(m);
    for (struct trace_output *o = t->outputs, *next; o; o = next) {
        next = o->next;
        o->free(o); /* one never finished (no run: a usage error) leaves nothing behind */
    }
    free(t);
    m->trace = NULL;
}

int trace_file_open(struct sim_outfile *file, FILE **f, const char *path, const char *option,
                    const char *spec)
{
    *f = NULL;
    if (sim_outfile_check(file, path) || !(*f = sim_outfile_open(file)))
        return sim_err_prefix("%s %s", option, spec);
    setvbuf(*f, NULL, _IOFBF, 1 << 20);
    return 0;
}

int trace_file_close(struct sim_outfile *file, FILE **f, const char *option, const char *spec)
{
    FILE *fp = *f;
    *f = NULL;
    if (sim_outfile_close(file, fp))
        return sim_err_prefix("%s %s", option, spec);
    return 0;
}

void trace_file_discard(struct sim_outfile *file, FILE **f)
{
    if (*f)
        sim_outfile_discard(file, *f);
    *f = NULL;
}

size_t trace_each_signal(struct machine *m,
                         void (*fn)(void *ctx, struct signal *s, const char *name), void *ctx)
{
    size_t n = 0;
    for (struct device *d = m->devices; d; d = d->next) {
        if (!d->id)
            continue;
        char part[64], name[TRACE_SIGNAL_NAME_MAX];
        struct signal *s;
        for (unsigned i = 0; (s = dev_signal(d, i, part, sizeof(part))); i++) {
            snprintf(name, sizeof(name), "%s.%s", d->id, part);
            fn(ctx, s, name);
            n++;
        }
    }
    return n;
}
