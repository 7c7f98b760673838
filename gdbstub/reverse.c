/* Reverse execution for the GDB stub (reverse.h). */
#include "gdbstub/reverse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdbstub/rv_target.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/checkpoint.h"
#include "soc/cpu.h"
#include "soc/machine.h"

struct rev_point {
    uint64_t at; /* instructions executed there */
    struct ckpt *cp;
};

struct gdb_rev {
    struct machine *m;
    struct cpu *cpu;
    struct rev_point *pts; /* oldest first */
    size_t n, cap;
    uint64_t interval; /* 0: no reverse execution */
    uint64_t user_max; /* the run's own instruction limit (--max-insns) */
    bool have_user_max;
    /* Per chardev (in the machine's order): the most bytes its front end ever wrote.
     * Going over the same ground again, the bytes below that were sent already. */
    uint64_t *tx_high;
    size_t nchr;
};

static uint64_t position(const struct gdb_rev *r)
{
    struct cpu_stats st;
    cpu_stats(r->cpu, &st);
    return st.executed;
}

struct gdb_rev *gdb_rev_new(struct machine *m, struct cpu *c, uint64_t interval)
{
    struct gdb_rev *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->m = m;
    r->cpu = c;
    r->interval = interval;
    for (struct chardev *ch = m->chardevs; ch; ch = ch->next)
        r->nchr++;
    r->tx_high = calloc(r->nchr ? r->nchr : 1, sizeof(*r->tx_high));
    if (!r->tx_high) {
        free(r);
        return NULL;
    }
    return r;
}

static void drop_from(struct gdb_rev *r, size_t k)
{
    while (r->n > k)
        ckpt_free(r->pts[--r->n].cp);
}

void gdb_rev_free(struct gdb_rev *r)
{
    if (!r)
        return;
    drop_from(r, 0);
    free(r->pts);
    free(r->tx_high);
    free(r);
}

/* Every other checkpoint goes (the first stays), the interval doubles. */
static void thin(struct gdb_rev *r)
{
    size_t k = 1;
    for (size_t i = 1; i < r->n; i++) {
        if (i % 2)
            ckpt_free(r->pts[i].cp);
        else
            r->pts[k++] = r->pts[i];
    }
    r->n = k;
    r->interval *= 2;
}

/* A checkpoint here.  One that cannot be taken ends reverse execution, with a warning. */
static void take(struct gdb_rev *r)
{
    if (r->n == REV_MAX_POINTS)
        thin(r);
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        struct rev_point *p = realloc(r->pts, cap * sizeof(*p));
        if (!p) {
            sim_warn("gdb: out of memory for reverse execution's checkpoints");
            r->interval = 0;
            return;
        }
        r->pts = p;
        r->cap = cap;
    }
    struct ckpt *cp = ckpt_take(r->m);
    if (!cp) {
        sim_err_prefix("gdb: no reverse execution");
        sim_err_print();
        r->interval = 0;
        drop_from(r, 0);
        return;
    }
    r->pts[r->n++] = (struct rev_point){.at = position(r), .cp = cp};
}

static uint64_t next_at(const struct gdb_rev *r)
{
    return r->pts[r->n - 1].at + r->interval;
}

void gdb_rev_arm(struct gdb_rev *r, bool record)
{
    struct sim *s = &r->m->sim;
    if (!r->have_user_max) {
        r->user_max = s->max_insns;
        r->have_user_max = true;
    }
    s->max_insns = r->user_max;
    if (!r->interval || !record)
        return;
    uint64_t pos = position(r);
    if (!r->n || (pos >= next_at(r) && pos > r->pts[r->n - 1].at))
        take(r);
    if (r->n && next_at(r) < s->max_insns)
        s->max_insns = next_at(r);
}

bool gdb_rev_forward_stop(struct gdb_rev *r, enum sim_stop_reason why)
{
    struct sim *s = &r->m->sim;
    if (why != SIM_STOP_INSN_LIMIT || !r->interval || position(r) >= r->user_max)
        return false;
    sim_resume(s);
    take(r);
    return true;
}

/* Put the machine at checkpoint k.  The output its devices write again up to where the
 * run had been is not sent again (chardev skip_out). */
static void restore(struct gdb_rev *r, size_t k)
{
    size_t i = 0;
    for (struct chardev *c = r->m->chardevs; c && i < r->nchr; c = c->next, i++)
        if (c->tx_bytes > r->tx_high[i])
            r->tx_high[i] = c->tx_bytes;
    if (ckpt_restore(r->m, r->pts[k].cp)) {
        /* The checkpoint is this machine's own: nothing can differ. */
        sim_err_prefix("gdb: reverse execution");
        sim_err_print();
        return;
    }
    i = 0;
    for (struct chardev *c = r->m->chardevs; c && i < r->nchr; c = c->next, i++)
        c->skip_out = r->tx_high[i] - c->tx_bytes;
    sim_resume(&r->m->sim);
}

/* The newest checkpoint at or before `at` (there is one: at >= the first's). */
static size_t point_before(const struct gdb_rev *r, uint64_t at)
{
    size_t k = r->n - 1;
    while (k && r->pts[k].at > at)
        k--;
    return k;
}

/* Back to instruction count `at` (at or after the first checkpoint). */
static enum sim_stop_reason go_to(struct gdb_rev *r, uint64_t at)
{
    restore(r, point_before(r, at));
    return position(r) < at ? rv_target_run_to(r->cpu, at) : SIM_RUNNING;
}

struct rev_hit {
    uint64_t at; /* where gdb is told the hit is */
    struct gdb_stop stop;
};

/* Run from checkpoint k to instruction count `end` with the points in place: the last
 * breakpoint or watchpoint hit before `end`, if any.  A breakpoint is reported where it
 * stops the run, before its instruction; a watchpoint after the access, where gdb, which
 * takes RISC-V watchpoints as stopping before the access, steps back over it.  Returns
 * -1 when gdb interrupted, 1 when it found a hit, 0 when none. */
static int last_hit(struct gdb_rev *r, size_t k, uint64_t end, struct rev_hit *h)
{
    struct sim *s = &r->m->sim;
    int found = 0;
    restore(r, k);
    struct gdb_stop st;
    if (rv_target_bp_here(r->cpu, &st)) {
        *h = (struct rev_hit){.at = position(r), .stop = st};
        found = 1;
    }
    uint64_t limit = s->max_insns;
    s->max_insns = end;
    for (;;) {
        enum sim_stop_reason why = rv_target_run(r->cpu, false);
        if (why != SIM_STOP_BREAKPOINT) {
            if (why == SIM_STOP_HOST)
                found = -1;
            break;
        }
        sim_resume(s);
        rv_target_debug_stop(r->cpu, &st);
        uint64_t at = position(r);
        bool watch = st.why == GDB_WHY_WATCH || st.why == GDB_WHY_RWATCH ||
                     st.why == GDB_WHY_AWATCH;
        *h = (struct rev_hit){.at = watch ? at + 1 : at, .stop = st};
        found = 1;
    }
    if (s->stop == SIM_STOP_INSN_LIMIT)
        sim_resume(s);
    s->max_insns = limit;
    return found;
}

void gdb_rev_back(struct gdb_rev *r, bool step, struct gdb_stop *st)
{
    uint64_t cur = position(r);
    *st = (struct gdb_stop){.kind = GDB_STOP_SIGNAL, .sig = GDB_SIGTRAP};
    if (!r->n || cur <= r->pts[0].at) {
        st->why = GDB_WHY_HISTORY_BEGIN;
        return;
    }
    if (step) {
        if (go_to(r, cur - 1) == SIM_STOP_HOST)
            st->sig = GDB_SIGINT;
        return;
    }
    for (size_t k = point_before(r, cur - 1);; k--) {
        uint64_t end = k + 1 < r->n && r->pts[k + 1].at < cur ? r->pts[k + 1].at : cur;
        struct rev_hit h;
        int found = last_hit(r, k, end, &h);
        if (found < 0) {
            st->sig = GDB_SIGINT; /* somewhere between the checkpoint and `end` */
            return;
        }
        if (found) {
            go_to(r, h.at);
            *st = h.stop;
            return;
        }
        if (!k)
            break;
    }
    restore(r, 0);
    st->why = GDB_WHY_HISTORY_BEGIN;
}

void gdb_rev_diverged(struct gdb_rev *r)
{
    uint64_t cur = position(r);
    size_t k = 0;
    while (k < r->n && r->pts[k].at < cur)
        k++;
    drop_from(r, k);
    size_t i = 0;
    for (struct chardev *c = r->m->chardevs; c && i < r->nchr; c = c->next, i++) {
        r->tx_high[i] = c->tx_bytes; /* what comes now is new */
        c->skip_out = 0;
    }
}

int gdb_rev_monitor(struct gdb_rev *r, const char *args, struct gdb_text *out)
{
    while (*args == ' ')
        args++;
    if (!strncmp(args, "interval", 8)) {
        char *end;
        unsigned long long v = strtoull(args + 8, &end, 0);
        while (*end == ' ')
            end++;
        if (end == args + 8 || *end) {
            gdb_printf(out, "monitor reverse interval N: N is a number of instructions "
                            "(0: no reverse execution)\n");
            return -1;
        }
        r->interval = v;
        if (!v)
            drop_from(r, 0);
        else if (r->n)
            drop_from(r, 1); /* the history's beginning stays */
    }
    size_t bytes = 0;
    for (size_t i = 0; i < r->n; i++)
        bytes += ckpt_size(r->pts[i].cp);
    if (!r->interval) {
        gdb_printf(out, "reverse execution: off\n");
        return 0;
    }
    gdb_printf(out, "reverse execution: a checkpoint every %llu instructions\n",
               (unsigned long long)r->interval);
    if (r->n)
        gdb_printf(out, "%zu checkpoint%s (%zu KiB) from instruction %llu to %llu; now at %llu\n",
                   r->n, r->n == 1 ? "" : "s", (bytes + 1023) / 1024,
                   (unsigned long long)r->pts[0].at,
                   (unsigned long long)r->pts[r->n - 1].at,
                   (unsigned long long)position(r));
    return 0;
}
