/* The event heap and the run loop. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/host_signal.h"
#include "sim/sim.h"

#define SIM_POLL_QUANTUM (100 * SIM_US)

static const char *const stop_names[] = {
    [SIM_RUNNING] = "running",
    [SIM_STOP_EXIT] = "exit",
    [SIM_STOP_TIME_LIMIT] = "time limit",
    [SIM_STOP_INSN_LIMIT] = "instruction limit",
    [SIM_STOP_BREAKPOINT] = "breakpoint",
    [SIM_STOP_ERROR] = "error",
    [SIM_STOP_HOST] = "host request",
    [SIM_STOP_RESET] = "reset",
    [SIM_STOP_TRAP_LOOP] = "trap loop",
    [SIM_STOP_SIGNAL] = "signal",
};

const char *sim_stop_reason_name(enum sim_stop_reason r) { return stop_names[r]; }

void sim_init(struct sim *s)
{
    memset(s, 0, sizeof(*s));
    s->max_time = SIM_TIME_MAX;
    s->max_insns = UINT64_MAX;
    s->insn_mark = UINT64_MAX;
    s->horizon = s->overrun = SIM_TIME_MAX;
}

void sim_free(struct sim *s)
{
    free(s->heap);
    s->heap = NULL;
    s->heap_len = s->heap_cap = 0;
}

void sim_event_init(struct sim_event *ev, sim_event_fn fn, const char *name)
{
    ev->time = 0;
    ev->seq = 0;
    ev->index = -1;
    ev->fn = fn;
    ev->name = name;
}

sim_time_t sim_now(const struct sim *s)
{
    if (s->in_proc && s->proc)
        return s->proc->now(s->proc->ctx);
    return s->in_event ? s->event_time : s->now;
}

sim_time_t sim_change_time(const struct sim *s)
{
    return s->in_event ? s->event_time : sim_now(s);
}

static inline bool ev_before(const struct sim_event *a, const struct sim_event *b)
{
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void heap_place(struct sim *s, struct sim_event *ev, uint32_t i)
{
    s->heap[i] = ev;
    ev->index = (int32_t)i;
}

static void heap_up(struct sim *s, uint32_t i)
{
    struct sim_event *ev = s->heap[i];
    while (i > 0) {
        uint32_t parent = (i - 1) / 2;
        if (!ev_before(ev, s->heap[parent]))
            break;
        heap_place(s, s->heap[parent], i);
        i = parent;
    }
    heap_place(s, ev, i);
}

static void heap_down(struct sim *s, uint32_t i)
{
    struct sim_event *ev = s->heap[i];
    for (;;) {
        uint32_t l = 2 * i + 1, r = l + 1, m = i;
        struct sim_event *best = ev;
        if (l < s->heap_len && ev_before(s->heap[l], best))
            m = l, best = s->heap[l];
        if (r < s->heap_len && ev_before(s->heap[r], best))
            m = r;
        if (m == i)
            break;
        heap_place(s, s->heap[m], i);
        i = m;
    }
    heap_place(s, ev, i);
}

static void heap_remove(struct sim *s, struct sim_event *ev)
{
    uint32_t i = (uint32_t)ev->index;
    struct sim_event *last = s->heap[--s->heap_len];
    ev->index = -1;
    if (last == ev)
        return;
    heap_place(s, last, i);
    heap_down(s, i);
    heap_up(s, (uint32_t)last->index);
}

/* The heap grows only when more distinct events are pending at once than ever before;
 * scheduling, cancelling and rescheduling never allocate. */
static void heap_reserve(struct sim *s)
{
    if (s->heap_len < s->heap_cap)
        return;
    uint32_t cap = s->heap_cap ? s->heap_cap * 2 : 64;
    struct sim_event **h = realloc(s->heap, cap * sizeof(*h));
    if (!h)
        abort();
    s->heap = h;
    s->heap_cap = cap;
}

void sim_schedule(struct sim *s, struct sim_event *ev, sim_time_t when)
{
    if (ev->index >= 0)
        heap_remove(s, ev);
    heap_reserve(s);
    ev->time = when;
    ev->seq = s->seq++;
    heap_place(s, ev, s->heap_len++);
    heap_up(s, (uint32_t)ev->index);
    /* A running processor must stop at this event: it sees the new horizon at its next
     * instruction boundary. */
    if (s->in_proc && when < s->overrun) {
        if (when < s->horizon)
            s->horizon = when;
        s->overrun = s->horizon;
        s->proc->set_horizon(s->proc->ctx, s->horizon);
    }
}

void sim_schedule_seq(struct sim *s, struct sim_event *ev, sim_time_t when, uint64_t seq)
{
    if (ev->index >= 0)
        heap_remove(s, ev);
    heap_reserve(s);
    ev->time = when;
    ev->seq = seq;
    heap_place(s, ev, s->heap_len++);
    heap_up(s, (uint32_t)ev->index);
}

void sim_cancel(struct sim *s, struct sim_event *ev)
{
    if (ev->index >= 0)
        heap_remove(s, ev);
}

sim_time_t sim_next_event_time(const struct sim *s)
{
    return s->heap_len ? s->heap[0]->time : SIM_TIME_MAX;
}

void sim_stop(struct sim *s, enum sim_stop_reason why, int exit_code)
{
    if (s->stop != SIM_RUNNING)
        return;
    s->stop = why;
    s->exit_code = exit_code;
    if (s->in_proc)
        s->proc->set_horizon(s->proc->ctx, 0);
}

void sim_resume(struct sim *s)
{
    s->stop = SIM_RUNNING;
    s->exit_code = 0;
}

void sim_add_poller(struct sim *s, struct sim_poller *p)
{
    p->next = s->pollers;
    s->pollers = p;
}

void sim_fire_until(struct sim *s, sim_time_t t)
{
    while (s->heap_len && s->heap[0]->time <= t && s->stop == SIM_RUNNING) {
        struct sim_event *ev = s->heap[0];
        heap_remove(s, ev);
        if (ev->time > s->now)
            s->now = ev->time;
        s->in_event = true;
        s->event_time = ev->time;
        ev->fn(ev);
        s->in_event = false;
    }
}

/* Nothing the pollers could read from the host now (sim_poller.quiet). */
static bool pollers_quiet(const struct sim *s)
{
    for (const struct sim_poller *p = s->pollers; p; p = p->next)
        if (!p->quiet || !p->quiet(p->opaque))
            return false;
    return true;
}

static void poll_host(struct sim *s, bool block)
{
    for (struct sim_poller *p = s->pollers; p; p = p->next)
        p->poll(p->opaque, block);
}

enum sim_stop_reason sim_run(struct sim *s)
{
    while (s->stop == SIM_RUNNING) {
        if (unlikely(sim_signal_caught) && sim_stop_on_signal(s))
            break;
        sim_time_t next = sim_next_event_time(s);
        sim_time_t horizon = next < s->max_time ? next : s->max_time;
        if (s->proc) {
            bool idle = s->proc->idle(s->proc->ctx);
            if (idle && next == SIM_TIME_MAX && s->max_time == SIM_TIME_MAX) {
                /* Asleep with nothing scheduled: only the host can wake the machine. */
                if (!s->pollers) {
                    s->stop = SIM_STOP_ERROR;
                    s->exit_code = 1;
                    break;
                }
                poll_host(s, true);
                continue;
            }
            /* With host pollers (gdb, socket input) the processor returns now and then so the
             * host is heard; where it returns never changes what it computes but for input
             * a poll brings, which comes at that time.  Where none can come, it may return
             * a little late (translated code runs on past a quantum's end rather than
             * interpret up to it: sim.overrun). */
            sim_time_t firm = horizon;
            if (s->pollers && horizon - s->now > SIM_POLL_QUANTUM)
                horizon = s->now + SIM_POLL_QUANTUM;
            s->horizon = horizon;
            s->overrun = horizon < firm && pollers_quiet(s) ? firm : horizon;
            s->in_proc = true;
            s->proc->run(s->proc->ctx, horizon);
            s->in_proc = false;
            s->overrun = s->horizon;
            sim_time_t t = s->proc->now(s->proc->ctx);
            if (t > s->now)
                s->now = t;
        } else {
            if (next == SIM_TIME_MAX)
                break;
            if (next > s->now)
                s->now = next < s->max_time ? next : s->max_time;
        }
        if (s->stop != SIM_RUNNING)
            break;
        sim_fire_until(s, s->now);
        if (s->now >= s->max_time && s->stop == SIM_RUNNING)
            sim_stop(s, SIM_STOP_TIME_LIMIT, 0);
        if (s->pollers)
            poll_host(s, false);
    }
    return s->stop;
}

double sim_host_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
