/* The simulation kernel: picosecond time, clock domains, the event heap, the run loop.
 *
 * Time is a 64-bit count of picoseconds.  Events live inside the objects that own them
 * and sit in one binary heap ordered by (time, sequence), so events scheduled for the
 * same time fire in the order they were scheduled.  A processor runs ahead of the
 * kernel up to the next event time (the horizon); a device it touches sees the
 * processor's exact local time through sim_now(). */
#ifndef SIM_SIM_H
#define SIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef uint64_t sim_time_t;

#define SIM_PS 1ULL
#define SIM_NS 1000ULL
#define SIM_US 1000000ULL
#define SIM_MS 1000000000ULL
#define SIM_S 1000000000000ULL
#define SIM_TIME_MAX UINT64_MAX

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* A condition only a trace output makes true (--vcd, --trace, --profile, --pipeline,
 * --log-commits, their window, the interrupt latency figures): the hooks they have on the
 * run's paths test it.  `make bench` builds socsim once more with -DSOCSIM_NO_OUTPUTS,
 * where it is false at compile time and the hook's code goes away, and measures what the
 * hooks cost a run that asks for no output (docs/performance.md, "Outputs off"). */
#ifdef SOCSIM_NO_OUTPUTS
#define OUTPUT_HOOK(x) (0 && (x))
#else
#define OUTPUT_HOOK(x) (x)
#endif

/* qsort for arrays that may be empty with a NULL base (qsort wants a pointer even for
 * none: UBSan reports the NULL). */
static inline void sort_array(void *base, size_t n, size_t size,
                              int (*cmp)(const void *, const void *))
{
    if (n)
        qsort(base, n, size, cmp);
}

/* In an array of n elements of `size` bytes sorted by a uint32_t at byte `offset` of each,
 * how many have it at or below key: the index of the first above key (an upper bound), so
 * that the one before it, if any, is the last at or below key (a symbol, function or line
 * table's row for an address).  UPPER_BOUND_U32 names the field (which must be a
 * uint32_t) rather than its offset. */
static inline size_t upper_bound_u32(const void *base, size_t n, size_t size, size_t offset,
                                     uint32_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (*(const uint32_t *)((const char *)base + mid * size + offset) <= key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
#define UPPER_BOUND_U32(base, n, type, field, key)                                                 \
    upper_bound_u32((base), (n), sizeof(type),                                                     \
                    _Generic(((type *)0)->field, uint32_t: offsetof(type, field)), (key))

/* A clock: a frequency in Hz.  Conversions are exact (128-bit arithmetic), so 320 MHz
 * gives 3125 ps per cycle and 32768 Hz accumulates no rounding drift. */
struct sim_clock {
    uint64_t hz;
};

void sim_clock_init(struct sim_clock *c, uint64_t hz);
/* Time at which cycle number `cycles` begins: floor(cycles * 1e12 / hz). */
sim_time_t sim_clock_to_time(const struct sim_clock *c, uint64_t cycles);
/* First instant at which `cycles` whole cycles have completed: ceil(cycles * 1e12 / hz);
 * SIM_TIME_MAX when that lies beyond the representable future. */
sim_time_t sim_clock_to_time_ceil(const struct sim_clock *c, uint64_t cycles);
/* Number of whole cycles completed by time t: floor(t * hz / 1e12). */
uint64_t sim_clock_to_cycles(const struct sim_clock *c, sim_time_t t);
/* First cycle number whose start time is >= t: ceil(t * hz / 1e12). */
uint64_t sim_clock_to_cycles_ceil(const struct sim_clock *c, sim_time_t t);

/* A clock domain: a clock whose frequency may change while the machine runs (a PLL's
 * output, a CPU's core clock), and whoever it clocks.  The device generating it sets it;
 * the CPUs and devices it drives listen, and each works out its own timing from the
 * change on (a CPU starts a new time base, a UART recomputes its baud rate).  Nothing
 * here runs per cycle: a listener is called at the simulated time of the change only. */
struct sim_clock_listener {
    void (*changed)(struct sim_clock_listener *l, uint64_t hz);
    struct sim_clock_listener *next;
};

struct sim_clock_domain {
    struct sim_clock clk; /* the current frequency */
    struct sim_clock_listener *listeners;
};

void sim_clock_domain_init(struct sim_clock_domain *d, uint64_t hz);
/* Set the frequency and call every listener, the latest to listen first (also when the
 * frequency is the one it was: a generator re-announces its clock at reset). */
void sim_clock_domain_set(struct sim_clock_domain *d, uint64_t hz);
/* Listen to d's changes from now on; returns the current frequency. */
uint64_t sim_clock_domain_listen(struct sim_clock_domain *d, struct sim_clock_listener *l);

struct sim;
struct sim_event;
typedef void (*sim_event_fn)(struct sim_event *ev);

/* Embed in the owner; recover the owner with container_of in the callback. */
struct sim_event {
    sim_time_t time;
    uint64_t seq;
    int32_t index; /* position in the heap, -1 when not scheduled */
    sim_event_fn fn;
    const char *name;
};

void sim_event_init(struct sim_event *ev, sim_event_fn fn, const char *name);
static inline bool sim_event_pending(const struct sim_event *ev) { return ev->index >= 0; }

/* Why the run loop stopped. */
enum sim_stop_reason {
    SIM_RUNNING = 0,
    SIM_STOP_EXIT,       /* the firmware exited (finisher, semihosting, tohost) */
    SIM_STOP_TIME_LIMIT, /* --max-time reached */
    SIM_STOP_INSN_LIMIT, /* --max-insns reached */
    SIM_STOP_BREAKPOINT, /* a debugger breakpoint, watchpoint or step */
    SIM_STOP_ERROR,      /* the simulator cannot go on */
    SIM_STOP_HOST,       /* the host asked (gdb Ctrl-C, a Lua scenario) */
    SIM_STOP_RESET,      /* a whole-system reset was requested */
    SIM_STOP_TRAP_LOOP,  /* the CPU traps at its trap handler, over and over */
    SIM_STOP_SIGNAL,     /* the host's SIGINT, SIGTERM or SIGHUP (sim/host_signal.h) */
};

const char *sim_stop_reason_name(enum sim_stop_reason r);

/* Something that runs ahead of the kernel (a CPU).  The kernel drives it with run(),
 * which must return once the processor's local time reaches `horizon`, a stop is
 * requested, or set_horizon() moved the horizon to where it already is. */
struct sim_processor {
    void *ctx;
    sim_time_t (*now)(void *ctx);
    void (*run)(void *ctx, sim_time_t horizon);
    void (*set_horizon)(void *ctx, sim_time_t horizon);
    /* True while the processor waits for an interrupt and only an event can wake it. */
    bool (*idle)(void *ctx);
};

/* Called by the kernel between events to poll the host (gdb socket, chardev input).
 * `block` is true when nothing can happen in simulated time until the host acts. */
struct sim_poller {
    void (*poll)(void *opaque, bool block);
    /* Optional: true when no poll could bring the simulation anything from the host now
     * (no input can come), so that where the processor returns for the poll changes
     * nothing; NULL stands for false. */
    bool (*quiet)(void *opaque);
    void *opaque;
    struct sim_poller *next;
};

struct sim {
    struct sim_event **heap;
    uint32_t heap_len, heap_cap;
    uint64_t seq;
    sim_time_t now; /* kernel time: the latest of the processor's and the events' */
    struct sim_processor *proc;
    bool in_proc;   /* the processor is inside run() */
    bool in_event;  /* an event's callback runs (sim_fire_until) */
    sim_time_t event_time; /* that event's time */
    sim_time_t horizon;
    /* How far past the horizon the processor may run, where only the host's polling (the
     * quantum) set the horizon and every poller is quiet: nothing it computes depends on
     * where it returns, and the next event or the time limit lies there; horizon when it
     * may not.  An event scheduled before it moves it back to the horizon. */
    sim_time_t overrun;

    enum sim_stop_reason stop;
    int exit_code;
    sim_time_t max_time;  /* SIM_TIME_MAX when unlimited */
    uint64_t max_insns;   /* UINT64_MAX when unlimited (enforced by the processor) */
    /* An instruction count, as max_insns counts them, at which the processor calls
     * insn_mark_fn before it goes on (a trace window's edge, soc/trace.h); UINT64_MAX when
     * none.  The mark is cleared before the call, which may set the next one. */
    uint64_t insn_mark;
    void (*insn_mark_fn)(struct sim *s, void *opaque);
    void *insn_mark_opaque;
    struct sim_poller *pollers;
};

void sim_init(struct sim *s);
void sim_free(struct sim *s);

/* Current time: the running processor's local time while it runs; the event's time while
 * an event fires (the kernel's `now` may be later: the processor, which runs whole
 * instructions, ran past it); else the kernel's time. */
sim_time_t sim_now(const struct sim *s);
/* When the change being made happens: the time of the event being fired, also while the
 * processor runs (sim_now is then the processor's time, which may be past it); else
 * sim_now.  For a processor that must know when an input changed (the cycle an interrupt
 * line rose). */
sim_time_t sim_change_time(const struct sim *s);

/* Schedule ev at absolute time `when` (>= sim_now); reschedules if already pending. */
void sim_schedule(struct sim *s, struct sim_event *ev, sim_time_t when);
static inline void sim_schedule_in(struct sim *s, struct sim_event *ev, sim_time_t delay)
{
    sim_schedule(s, ev, sim_now(s) + delay);
}
void sim_cancel(struct sim *s, struct sim_event *ev);
/* Put ev in the heap as a checkpoint saved it: at `when` with sequence number `seq`, so
 * that events due at the same time fire in the order they had (the counter s->seq is the
 * checkpoint's to set).  Reschedules if already pending. */
void sim_schedule_seq(struct sim *s, struct sim_event *ev, sim_time_t when, uint64_t seq);
/* Time of the earliest pending event, SIM_TIME_MAX if none. */
sim_time_t sim_next_event_time(const struct sim *s);

/* Ask the run loop to stop; the first reason given wins. */
void sim_stop(struct sim *s, enum sim_stop_reason why, int exit_code);

void sim_add_poller(struct sim *s, struct sim_poller *p);

/* The host's monotonic clock in seconds, for reports only (host MIPS): simulated time
 * never depends on it. */
double sim_host_seconds(void);

/* Run until a stop.  Returns the stop reason; it is cleared with sim_resume(). */
enum sim_stop_reason sim_run(struct sim *s);
void sim_resume(struct sim *s);

/* Fire every event due at or before t (used by the run loop and by unit tests). */
void sim_fire_until(struct sim *s, sim_time_t t);

/* Parsing of human-written quantities, shared by the command line, properties and back-end
 * options (one syntax: sim/parse.c).  Each returns 0 on success, -1 on a malformed value;
 * then sim_parse_why() says why when there is more to say than "malformed" (a leading 0, a
 * time without its unit, too large), else NULL. */
int sim_parse_time(const char *s, sim_time_t *out);   /* "10ms", "2s", "150ns", "42ps" */
int sim_parse_freq(const char *s, uint64_t *out);     /* "320MHz", "32768Hz", "16M" */
int sim_parse_size(const char *s, uint64_t *out);     /* "16K", "1M", "0x4000" */
int sim_parse_u64(const char *s, uint64_t *out);      /* 42, 0x2a, 0b101010, 64K */
int sim_parse_bool(const char *s, bool *out);         /* on/off, yes/no, true/false, 1/0 */
const char *sim_parse_why(void);
void sim_format_time(char *buf, size_t n, sim_time_t t); /* "86.805 us" */

#endif
