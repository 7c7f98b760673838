/* --trace: the run's timeline as trace-event JSON (soc/timeline.h). */
#include "soc/timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "sim/outfile.h"
#include "soc/bus.h"
#include "soc/cpu.h"
#include "soc/functions.h"
#include "soc/machine.h"
#include "soc/trace.h"

/* Tracks (the format's thread ids): a CPU's functions, a back end's bytes, an SPI bus's
 * frames, the scenario. */
#define TID_CPU 1
#define TID_CHARDEV 100
#define TID_SPI 200
#define TID_LUA 1000

struct tl_frame {
    int fn;       /* -1: a trap's span */
    uint32_t ret; /* the return address of its call (0: not a call) */
};

struct timeline;
struct tl_hart {
    struct cpu_observer obs;
    struct timeline *t;
    unsigned idx;
    struct tl_frame *stack;
    size_t depth, cap;
    sim_time_t last; /* the time of its last event */
};

struct tl_signal { /* a line the timeline draws as a counter */
    struct timeline *t;
    struct signal *s;
    char name[TRACE_SIGNAL_NAME_MAX];
};

struct timeline {
    struct trace_output out;
    struct machine *m;
    struct tl_signal *sigs;
    size_t nsigs;
    char *path;
    struct sim_outfile file;
    FILE *f;
    bool any; /* an event was written: the next needs a comma */
    struct code_fns code;
    struct tl_hart harts[MACHINE_MAX_CPUS];
};

/* ---- writing ---- */

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20 || ch >= 0x7f)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

/* The start of an event: phase, name, category, track, time (microseconds, exact to the
 * picosecond).  The caller may add fields, then closes it with end_event. */
static void begin_event(struct timeline *t, char ph, const char *name, const char *cat, int tid,
                        sim_time_t ts)
{
    FILE *f = t->f;
    fputs(t->any ? ",\n{\"ph\":\"" : "{\"ph\":\"", f);
    t->any = true;
    fputc(ph, f);
    fputs("\",\"name\":", f);
    json_str(f, name);
    fprintf(f, ",\"cat\":\"%s\",\"pid\":1,\"tid\":%d,\"ts\":%llu.%06llu", cat, tid,
            (unsigned long long)(ts / 1000000), (unsigned long long)(ts % 1000000));
}

static void end_event(struct timeline *t)
{
    fputc('}', t->f);
}

static void event(struct timeline *t, char ph, const char *name, const char *cat, int tid,
                  sim_time_t ts)
{
    begin_event(t, ph, name, cat, tid, ts);
    end_event(t);
}

/* A track's name (a metadata event). */
static void track_name(struct timeline *t, int tid, const char *name)
{
    fputs(t->any ? ",\n" : "", t->f);
    t->any = true;
    fprintf(t->f,
            "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":%d,\"args\":{\"name\":", tid);
    json_str(t->f, name);
    fputs("}}", t->f);
}

/* ---- a CPU's spans ---- */

static struct tl_frame *push(struct tl_hart *h, int fn, uint32_t ret)
{
    if (h->depth == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 64;
        h->stack = realloc(h->stack, h->cap * sizeof(*h->stack));
        if (!h->stack)
            abort();
    }
    h->stack[h->depth] = (struct tl_frame){.fn = fn, .ret = ret};
    return &h->stack[h->depth++];
}

static void begin_fn(struct tl_hart *h, int fn, uint32_t ret, sim_time_t ts)
{
    event(h->t, 'B', h->t->code.fn[fn].name, "function", TID_CPU + (int)h->idx, ts);
    push(h, fn, ret);
}

/* End the top span at ts. */
static void pop(struct tl_hart *h, sim_time_t ts)
{
    h->depth--;
    event(h->t, 'E', "", h->stack[h->depth].fn >= 0 ? "function" : "trap", TID_CPU + (int)h->idx,
          ts);
}

static void on_insn(struct cpu_observer *o, const struct cpu_insn *i)
{
    struct tl_hart *h = container_of(o, struct tl_hart, obs);
    const struct code_fns *code = &h->t->code;
    int fn = code_fns_at(code, (uint32_t)i->pc);
    if (!h->depth || h->stack[h->depth - 1].fn < 0) {
        begin_fn(h, fn, 0, h->last); /* the first instruction seen, or a handler's */
    } else if (h->stack[h->depth - 1].fn != fn) {
        /* Reached other than by a call or return (a jump, a tail call): the span ends
         * and one of the function reached takes its place (and its return address). */
        uint32_t ret = h->stack[h->depth - 1].ret;
        pop(h, h->last);
        begin_fn(h, fn, ret, h->last);
    }
    switch (i->flow) {
    case CPU_FLOW_CALL:
        begin_fn(h, code_fns_at(code, (uint32_t)i->next_pc), (uint32_t)(i->pc + i->len), i->time);
        break;
    case CPU_FLOW_RETURN:
        /* To the frame whose call returns there, never past a trap's span; none (a
         * longjmp, a hand-made return): left to the jump above at the next instruction. */
        for (size_t k = h->depth; k-- > 0 && h->stack[k].fn >= 0;) {
            if (h->stack[k].ret == (uint32_t)i->next_pc) {
                while (h->depth > k)
                    pop(h, i->time);
                break;
            }
        }
        break;
    case CPU_FLOW_TRAP_RETURN:
        for (size_t k = h->depth; k-- > 0;) {
            if (h->stack[k].fn < 0) {
                while (h->depth > k)
                    pop(h, i->time);
                break;
            }
        }
        break;
    case CPU_FLOW_NEXT:
        break;
    }
    h->last = i->time;
}

/* A trap: its span (the cause's name) from its entry to its mret, around the handler's. */
static void on_trap(struct cpu_observer *o, const struct cpu_trap *t)
{
    struct tl_hart *h = container_of(o, struct tl_hart, obs);
    struct timeline *tl = h->t;
    begin_event(tl, 'B', t->name, t->irq ? "interrupt" : "exception", TID_CPU + (int)h->idx,
                t->time);
    fprintf(tl->f, ",\"args\":{\"mcause\":\"0x%llx\",\"epc\":\"0x%llx\",\"cycle\":%llu}",
            (unsigned long long)t->cause, (unsigned long long)t->epc, (unsigned long long)t->cycle);
    end_event(tl);
    push(h, -1, 0);
    h->last = t->time;
}

/* ---- interrupt lines and back ends ---- */

static void on_line(void *opaque, int n, bool level)
{
    (void)n;
    struct tl_signal *ts = opaque;
    struct timeline *t = ts->t;
    begin_event(t, 'C', ts->name, "signal", TID_CPU, signal_time(ts->s, sim_now(&t->m->sim)));
    fprintf(t->f, ",\"args\":{\"level\":%d}", level);
    end_event(t);
}

/* The machine's lines (trace_each_signal): interrupt lines at the devices and at the CPUs,
 * a timer's compare, GPIO pads, PWM outputs, SPI lines.  A UART's tx and rx are left out:
 * their bytes are on the back end's track, and a line drawn from them costs events per
 * bit only while something listens (uart_wave.h). */
static void add_signal(void *ctx, struct signal *s, const char *name)
{
    struct timeline *t = ctx;
    if (s->first_listener)
        return;
    t->sigs = realloc(t->sigs, (t->nsigs + 1) * sizeof(*t->sigs));
    if (!t->sigs)
        abort();
    struct tl_signal *ts = &t->sigs[t->nsigs++];
    ts->t = t;
    ts->s = s;
    snprintf(ts->name, sizeof(ts->name), "%s", name);
}

static void on_bytes(void *opaque, struct chardev *c, const uint8_t *buf, size_t n)
{
    struct timeline *t = opaque;
    int tid = TID_CHARDEV;
    for (struct chardev *x = *machine_chardevs(t->m); x && x != c; x = x->next)
        tid++;
    sim_time_t now = sim_now(&t->m->sim);
    for (size_t k = 0; k < n; k++) {
        char name[16];
        if (buf[k] >= 0x20 && buf[k] < 0x7f)
            snprintf(name, sizeof(name), "'%c'", buf[k]);
        else
            snprintf(name, sizeof(name), "0x%02x", buf[k]);
        begin_event(t, 'i', name, "uart", tid, now);
        fprintf(t->f, ",\"s\":\"t\",\"args\":{\"byte\":%u}", buf[k]);
        end_event(t);
    }
}

/* An SPI frame: a span over its bits on the bus's track, named by the bytes out and in. */
static void on_spi(void *opaque, struct bus *b, unsigned cs, uint64_t from, uint64_t to,
                   uint8_t out, uint8_t in)
{
    struct timeline *t = opaque;
    int tid = TID_SPI;
    for (struct bus *x = t->m->buses; x && x != b; x = x->next)
        tid += x->kind == BUS_SPI;
    char name[32];
    snprintf(name, sizeof(name), "0x%02x > 0x%02x", out, in);
    begin_event(t, 'B', name, "spi", tid, from);
    fprintf(t->f, ",\"args\":{\"cs\":%u,\"out\":%u,\"in\":%u}", cs, out, in);
    end_event(t);
    event(t, 'E', "", "spi", tid, to);
}

/* ---- recording on and off ---- */

static struct timeline *of_out(struct trace_output *o)
{
    return container_of(o, struct timeline, out);
}

static void start(struct trace_output *o)
{
    struct timeline *t = of_out(o);
    sim_time_t now = sim_now(&t->m->sim);
    for (unsigned k = 0; k < t->m->ncpus; k++) {
        struct cpu *c = t->m->cpus[k];
        struct tl_hart *h = &t->harts[k];
        h->last = now;
        if (cpu_observe(c, &h->obs))
            sim_err_print(); /* (checked at timeline_open) */
    }
    for (size_t k = 0; k < t->nsigs; k++) {
        /* Every line's level from the start (a high one is told by signal_listen). */
        if (!t->sigs[k].s->level)
            on_line(&t->sigs[k], 0, false);
        signal_listen(t->sigs[k].s, on_line, &t->sigs[k], 0);
    }
    for (struct chardev *c = *machine_chardevs(t->m); c; c = c->next) {
        c->trace_tap = on_bytes;
        c->trace_tap_opaque = t;
    }
    for (struct bus *b = t->m->buses; b; b = b->next) {
        if (b->kind == BUS_SPI) {
            b->spi_tap = on_spi;
            b->spi_tap_opaque = t;
        }
    }
}

static void stop(struct trace_output *o)
{
    struct timeline *t = of_out(o);
    sim_time_t now = sim_now(&t->m->sim);
    for (unsigned k = 0; k < t->m->ncpus; k++) {
        struct cpu *c = t->m->cpus[k];
        struct tl_hart *h = &t->harts[k];
        cpu_unobserve(c, &h->obs);
        sim_time_t end = h->last > now ? h->last : now;
        while (h->depth)
            pop(h, end);
    }
    for (size_t k = 0; k < t->nsigs; k++)
        signal_unlisten(t->sigs[k].s, on_line, &t->sigs[k]);
    for (struct chardev *c = *machine_chardevs(t->m); c; c = c->next)
        c->trace_tap = NULL;
    for (struct bus *b = t->m->buses; b; b = b->next)
        b->spi_tap = NULL;
}

static int finish(struct trace_output *o)
{
    struct timeline *t = of_out(o);
    if (o->on)
        stop(o);
    fputs("\n]}\n", t->f);
    return trace_file_close(&t->file, &t->f, "--trace", t->path);
}

static void free_timeline(struct trace_output *o)
{
    struct timeline *t = of_out(o);
    trace_file_discard(&t->file, &t->f);
    for (unsigned k = 0; k < MACHINE_MAX_CPUS; k++)
        free(t->harts[k].stack);
    code_fns_free(&t->code);
    free(t->sigs);
    free(t->path);
    free(t);
}

int timeline_open(struct machine *m, const char *path)
{
    if (cpu_check_observable(m))
        return sim_err_prefix("--trace %s", path);
    struct timeline *t = calloc(1, sizeof(*t));
    if (!t)
        abort();
    if (trace_file_open(&t->file, &t->f, path, "--trace", path)) {
        free(t);
        return -1;
    }
    t->m = m;
    t->path = strdup(path);
    code_fns_build(&t->code, &m->elf);
    trace_each_signal(m, add_signal, t);
    for (unsigned k = 0; k < MACHINE_MAX_CPUS; k++)
        t->harts[k] = (struct tl_hart){.obs = {.insn = on_insn, .trap = on_trap}, .t = t, .idx = k};
    /* Seconds would do for the viewers; "ns" shows simulated nanoseconds. */
    fputs("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"creator\":\"socsim\"},\"traceEvents\":[\n",
          t->f);
    fputs("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,\"args\":{\"name\":\"socsim\"}}",
          t->f);
    t->any = true;
    for (unsigned k = 0; k < m->ncpus; k++)
        track_name(t, TID_CPU + (int)k, cpu_name(m->cpus[k]));
    int tid = TID_CHARDEV;
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next, tid++)
        track_name(t, tid, c->id);
    tid = TID_SPI;
    for (struct bus *b = m->buses; b; b = b->next)
        if (b->kind == BUS_SPI)
            track_name(t, tid++, b->id);
    track_name(t, TID_LUA, "scenario");
    t->out = (struct trace_output){
        .name = "trace", .start = start, .stop = stop, .finish = finish, .free = free_timeline};
    trace_add(m, &t->out);
    return 0;
}

int timeline_mark(struct machine *m, const char *name)
{
    struct trace_output *o = trace_find(m, "trace");
    if (!o)
        return sim_err("no timeline: give --trace FILE on the command line");
    if (!o->on)
        return 0;
    event(of_out(o), 'i', name, "mark", TID_LUA, sim_now(&m->sim));
    return 1;
}
