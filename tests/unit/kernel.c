/* The simulation kernel: exact clocks, the event heap's order, cancel/reschedule without
 * allocation, and the run loop's horizon seen by a processor. */
#include <string.h>

#include "sim/sim.h"
#include "tests/unit/check.h"

static void test_clocks(void)
{
    struct sim_clock c;
    sim_clock_init(&c, 320000000);
    CHECK_EQ("clock.320MHz.period", sim_clock_to_time(&c, 1), 3125);
    CHECK_EQ("clock.320MHz.1e9cycles", sim_clock_to_time(&c, 1000000000), 3125000000000ULL);
    CHECK_EQ("clock.320MHz.back", sim_clock_to_cycles(&c, 3125ULL * 777), 777);
    sim_clock_init(&c, 16000000);
    CHECK_EQ("clock.16MHz.period", sim_clock_to_time(&c, 1), 62500);
    CHECK_EQ("clock.16MHz.1s", sim_clock_to_cycles(&c, SIM_S), 16000000);
    sim_clock_init(&c, 32768);
    /* 32768 Hz has no whole-ps period; conversions do not drift over a day. */
    CHECK_EQ("clock.32768Hz.1s", sim_clock_to_cycles(&c, SIM_S), 32768);
    CHECK_EQ("clock.32768Hz.day", sim_clock_to_cycles(&c, 86400 * SIM_S), 86400ULL * 32768);
    CHECK_EQ("clock.32768Hz.1tick", sim_clock_to_time(&c, 1), 30517578);
    CHECK_EQ("clock.32768Hz.1tick.ceil", sim_clock_to_time_ceil(&c, 1), 30517579);
    CHECK_EQ("clock.32768Hz.ceil.cycles", sim_clock_to_cycles_ceil(&c, 30517579), 2);
    CHECK_EQ("clock.32768Hz.exact.cycles", sim_clock_to_cycles_ceil(&c, SIM_S), 32768);
}

struct rec {
    struct sim_event ev;
    int id;
};

static int order[16], norder;
static void record(struct sim_event *ev) { order[norder++] = container_of(ev, struct rec, ev)->id; }

/* A clock domain: listeners hear every set (the latest to listen first), also one that
 * leaves the frequency as it was, and listening returns the frequency now. */
struct domain_probe {
    struct sim_clock_listener l;
    char name;
};

static char heard[8];
static unsigned nheard;
static uint64_t heard_hz;

static void domain_changed(struct sim_clock_listener *l, uint64_t hz)
{
    if (nheard < sizeof(heard))
        heard[nheard++] = ((struct domain_probe *)l)->name;
    heard_hz = hz;
}

static void test_clock_domain(void)
{
    struct sim_clock_domain d;
    struct domain_probe a = {{domain_changed, NULL}, 'a'}, b = {{domain_changed, NULL}, 'b'};
    sim_clock_domain_init(&d, 13800000);
    CHECK_EQ("domain.listen.returns.hz", sim_clock_domain_listen(&d, &a.l), 13800000);
    sim_clock_domain_listen(&d, &b.l);
    CHECK_EQ("domain.nothing.heard.yet", nheard, 0);
    sim_clock_domain_set(&d, 320000000);
    CHECK_EQ("domain.both.heard", nheard, 2);
    CHECK("domain.latest.first", heard[0] == 'b' && heard[1] == 'a');
    CHECK_EQ("domain.hz.heard", heard_hz, 320000000);
    CHECK_EQ("domain.period", sim_clock_to_time(&d.clk, 1), 3125);
    sim_clock_domain_set(&d, 320000000);
    CHECK_EQ("domain.same.hz.heard.again", nheard, 4);
    sim_clock_domain_set(&d, 0);
    CHECK_EQ("domain.0Hz.is.1Hz", heard_hz, 1);
}

static void test_ordering(void)
{
    struct sim s;
    struct rec r[6];
    sim_init(&s);
    for (int i = 0; i < 6; i++) {
        sim_event_init(&r[i].ev, record, "rec");
        r[i].id = i;
    }
    /* Equal times fire in scheduling order; earlier times first. */
    sim_schedule(&s, &r[0].ev, 100);
    sim_schedule(&s, &r[1].ev, 50);
    sim_schedule(&s, &r[2].ev, 100);
    sim_schedule(&s, &r[3].ev, 100);
    sim_schedule(&s, &r[4].ev, 10);
    sim_schedule(&s, &r[5].ev, 100);
    sim_cancel(&s, &r[3].ev);         /* cancelled: never fires */
    sim_schedule(&s, &r[2].ev, 100);  /* rescheduled: now after 5 */
    CHECK_EQ("events.next", sim_next_event_time(&s), 10);
    norder = 0;
    sim_fire_until(&s, 1000);
    int want[] = {4, 1, 0, 5, 2};
    CHECK_EQ("events.count", norder, 5);
    CHECK("events.order", memcmp(order, want, sizeof(want)) == 0);
    CHECK("events.cancelled.not.pending", !sim_event_pending(&r[3].ev));
    CHECK_EQ("events.now", s.now, 100);
    sim_free(&s);
}

static void test_no_allocation(void)
{
    struct sim s;
    struct rec r[40];
    sim_init(&s);
    for (int i = 0; i < 40; i++) {
        sim_event_init(&r[i].ev, record, "rec");
        sim_schedule(&s, &r[i].ev, (sim_time_t)(i * 7 % 13));
    }
    struct sim_event **heap = s.heap;
    uint32_t cap = s.heap_cap;
    for (int k = 0; k < 100000; k++) {
        sim_schedule(&s, &r[k % 40].ev, (sim_time_t)(k * 31 % 1000));
        if (k % 3 == 0)
            sim_cancel(&s, &r[(k + 7) % 40].ev);
    }
    CHECK("events.no.realloc", s.heap == heap && s.heap_cap == cap);
    /* The heap still yields events in (time, seq) order. */
    sim_time_t last = 0;
    int bad = 0;
    while (s.heap_len) {
        struct sim_event *ev = s.heap[0];
        if (ev->time < last)
            bad++;
        last = ev->time;
        sim_cancel(&s, ev);
    }
    CHECK_EQ("events.heap.order", bad, 0);
    sim_free(&s);
}

/* A fake processor: one "instruction" per 10 ps; its device access at t=35 schedules an
 * event at t=40, earlier than the horizon it was given. */
struct fake {
    struct sim *s;
    sim_time_t t, horizon;
    struct rec early;
    bool scheduled;
    sim_time_t fired_at;
    int runs;
};

static sim_time_t fake_now(void *ctx) { return ((struct fake *)ctx)->t; }
static bool fake_idle(void *ctx) { (void)ctx; return false; }
static void fake_set_horizon(void *ctx, sim_time_t h) { ((struct fake *)ctx)->horizon = h; }
static struct fake *the_fake;
static void fake_event(struct sim_event *ev)
{
    (void)ev;
    the_fake->fired_at = the_fake->s->now;
    sim_stop(the_fake->s, SIM_STOP_EXIT, 7);
}

static void fake_run(void *ctx, sim_time_t horizon)
{
    struct fake *f = ctx;
    f->horizon = horizon;
    f->runs++;
    while (f->t < f->horizon) {
        if (f->t == 30 && !f->scheduled) {
            f->scheduled = true;
            sim_schedule(f->s, &f->early.ev, 40);
        }
        f->t += 10;
    }
}

static void test_run_loop(void)
{
    struct sim s;
    struct fake f = {.s = &s};
    struct sim_processor p = {&f, fake_now, fake_run, fake_set_horizon, fake_idle};
    struct rec late;
    sim_init(&s);
    the_fake = &f;
    s.proc = &p;
    sim_event_init(&f.early.ev, fake_event, "early");
    sim_event_init(&late.ev, record, "late");
    sim_schedule(&s, &late.ev, 1000);
    enum sim_stop_reason r = sim_run(&s);
    CHECK_EQ("run.stop.reason", r, SIM_STOP_EXIT);
    CHECK_EQ("run.exit.code", s.exit_code, 7);
    CHECK_EQ("run.processor.stopped.at.new.horizon", f.t, 40);
    CHECK_EQ("run.event.fired.at", f.fired_at, 40);
    CHECK("run.late.still.pending", sim_event_pending(&late.ev));
    sim_free(&s);

    /* A time limit stops the run at exactly that time. */
    struct fake g = {.s = &s};
    struct sim_processor q = {&g, fake_now, fake_run, fake_set_horizon, fake_idle};
    sim_init(&s);
    s.proc = &q;
    g.scheduled = true;
    s.max_time = 500;
    CHECK_EQ("run.time.limit", sim_run(&s), SIM_STOP_TIME_LIMIT);
    CHECK_EQ("run.time.limit.at", g.t, 500);
    sim_free(&s);
}

static void test_parsing(void)
{
    uint64_t v;
    CHECK("parse.time.10ms", sim_parse_time("10ms", &v) == 0 && v == 10 * SIM_MS);
    CHECK("parse.time.2s", sim_parse_time("2s", &v) == 0 && v == 2 * SIM_S);
    CHECK("parse.time.86.8us", sim_parse_time("86.8us", &v) == 0 && v == 86800000);
    CHECK("parse.time.bad", sim_parse_time("10 parsecs", &v) == -1);
    CHECK("parse.freq.320MHz", sim_parse_freq("320MHz", &v) == 0 && v == 320000000);
    CHECK("parse.freq.32768Hz", sim_parse_freq("32768Hz", &v) == 0 && v == 32768);
    CHECK("parse.size.16K", sim_parse_size("16K", &v) == 0 && v == 16384);
    CHECK("parse.size.hex", sim_parse_size("0x4000", &v) == 0 && v == 0x4000);
    CHECK("parse.u64.bin", sim_parse_u64("0b101", &v) == 0 && v == 5);
    CHECK("parse.u64.neg", sim_parse_u64("-1", &v) == -1);
    CHECK("parse.u64.junk", sim_parse_u64("12abc", &v) == -1);
}

/* The poll quantum and sim.overrun: a processor that, in its first run, schedules an event
 * just past its horizon (a device access), then runs to the horizon. */
struct ofake {
    struct sim *s;
    sim_time_t t, horizon, horizon_in, overrun_in, overrun_after;
    struct rec soon;
    int runs, kicks, kicks_after;
};

static sim_time_t ofake_now(void *ctx) { return ((struct ofake *)ctx)->t; }
static void ofake_set_horizon(void *ctx, sim_time_t h)
{
    struct ofake *f = ctx;
    f->horizon = h;
    f->kicks++;
}

static void ofake_run(void *ctx, sim_time_t horizon)
{
    struct ofake *f = ctx;
    f->horizon = horizon;
    if (f->runs++ == 0) {
        f->horizon_in = horizon;
        f->overrun_in = f->s->overrun;
        sim_schedule(f->s, &f->soon.ev, horizon + 5);
        f->overrun_after = f->s->overrun;
        f->kicks_after = f->kicks;
    }
    f->t = f->horizon;
    sim_stop(f->s, SIM_STOP_HOST, 0);
}

static bool quiet_yes(void *opaque) { (void)opaque; return true; }
static bool quiet_no(void *opaque) { (void)opaque; return false; }
static void poll_none(void *opaque, bool block) { (void)opaque, (void)block; }

/* quiet: the poller's answer (NULL: it has none); the overrun the processor sees. */
static void overrun_case(const char *name, bool (*quiet)(void *), sim_time_t overrun)
{
    struct sim s;
    struct ofake f = {.s = &s};
    struct sim_processor p = {&f, ofake_now, ofake_run, ofake_set_horizon, fake_idle};
    struct sim_poller poller = {.poll = poll_none, .quiet = quiet};
    struct rec later;
    char what[64];
    sim_init(&s);
    s.proc = &p;
    sim_add_poller(&s, &poller);
    sim_event_init(&f.soon.ev, record, "soon");
    sim_event_init(&later.ev, record, "later");
    sim_schedule(&s, &later.ev, SIM_S);
    sim_run(&s);
    snprintf(what, sizeof(what), "overrun.%s.horizon", name);
    CHECK_EQ(what, f.horizon_in, 100 * SIM_US); /* the poll quantum */
    snprintf(what, sizeof(what), "overrun.%s.in", name);
    CHECK_EQ(what, f.overrun_in, overrun);
    /* An event scheduled before the overrun ends it, and the processor hears of it only
     * if it may have run on (its horizon stands). */
    snprintf(what, sizeof(what), "overrun.%s.cut", name);
    CHECK_EQ(what, f.overrun_after, 100 * SIM_US);
    snprintf(what, sizeof(what), "overrun.%s.kicks", name);
    CHECK_EQ(what, f.kicks_after, overrun > 100 * SIM_US);
    snprintf(what, sizeof(what), "overrun.%s.after", name);
    CHECK_EQ(what, s.overrun, s.horizon);
    sim_free(&s);
}

static void test_overrun(void)
{
    overrun_case("quiet", quiet_yes, SIM_S); /* up to the next event */
    overrun_case("not.quiet", quiet_no, 100 * SIM_US);
    overrun_case("no.answer", NULL, 100 * SIM_US);
}

int main(void)
{
    test_clocks();
    test_clock_domain();
    test_ordering();
    test_no_allocation();
    test_run_loop();
    test_overrun();
    test_parsing();
    return check_failures != 0;
}
