/* The trace outputs of a run (soc/trace.h). */
#include "soc/trace.h"

#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/machine.h"

struct trace {
    struct trace_output *outputs, **tail;
    bool armed, finished, failed;
};

void trace_add(struct machine *m, struct trace_output *o)
{
    if (!m->trace) {
        if (!(m->trace = calloc(1, sizeof(*m->trace))))
            abort();
        m->trace->tail = &m->trace->outputs;
    }
    o->m = m;
    o->on = false;
    o->next = NULL;
    *m->trace->tail = o;
    m->trace->tail = &o->next;
}

bool trace_enabled(const struct machine *m) { return m->trace && m->trace->outputs; }

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

int trace_arm(struct machine *m)
{
    struct trace *t = m->trace;
    if (!t)
        return 0;
    t->armed = true;
    for (struct trace_output *o = t->outputs; o; o = o->next)
        switch_one(o, true);
    return 0;
}

int trace_switch(struct machine *m, const char *name, bool on)
{
    struct trace *t = m->trace;
    if (!t || !t->outputs)
        return sim_err("no trace output: give one on the command line (--profile FILE, "
                       "--trace FILE, --log-commits FILE)");
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

void trace_finish(struct machine *m)
{
    struct trace *t = m->trace;
    if (!t || t->finished || !t->armed)
        return;
    t->finished = true;
    for (struct trace_output *o = t->outputs; o; o = o->next) {
        int rc = o->finish(o);
        o->on = false;
        if (rc) {
            sim_err_print();
            t->failed = true;
        }
    }
}

bool trace_failed(const struct machine *m) { return m->trace && m->trace->failed; }

void trace_free(struct machine *m)
{
    struct trace *t = m->trace;
    if (!t)
        return;
    trace_finish(m);
    for (struct trace_output *o = t->outputs, *next; o; o = next) {
        next = o->next;
        o->free(o);
    }
    free(t);
    m->trace = NULL;
}
