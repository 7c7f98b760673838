/* A point of a run: a simulated time ("10ms"), a number of instructions executed, retired
 * or faulting ("250000i"), or the first execution of a symbol of the firmware ("main").
 * Where --save-checkpoint saves and --fast-forward switches models (docs/checkpoints.md).
 *
 * Armed points make the kernel stop there: a time through its time limit, a count through
 * its instruction limit (both the lower of the user's limit and the points'), a symbol
 * through the CPU's stop_at.  The run loop asks run_point_reached() of each stop. */
#ifndef SOC_RUNPOINT_H
#define SOC_RUNPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/sim.h"

struct machine;

enum run_point_kind { RUN_POINT_TIME, RUN_POINT_INSNS, RUN_POINT_SYMBOL };

struct run_point {
    enum run_point_kind kind;
    uint64_t value;     /* picoseconds, or instructions */
    const char *symbol; /* RUN_POINT_SYMBOL (the text parsed, not copied) */
    uint32_t addr;      /* the symbol's, once armed */
    bool armed, done;
};

/* "10ms", "250000i", "main": 0, or -1 with sim_err set (unprefixed). */
int run_point_parse(const char *text, struct run_point *p);
/* The point as the user wrote it ("250000i", "main at 0x80000104"). */
void run_point_describe(const struct run_point *p, char *buf, size_t n);

/* Make the machine's run stop at every point of pts[0..n) not yet done; the time and
 * instruction limits become the lower of the user's (max_time, max_insns) and the points'.
 * 0, or -1 with sim_err set (no such symbol). */
int run_points_arm(struct machine *m, struct run_point *pts, size_t n, sim_time_t max_time,
                   uint64_t max_insns);
/* The run stopped for `why`: true when it is at point p, which is then done (disarmed: the
 * caller arms the rest again and resumes). */
bool run_point_reached(struct machine *m, struct run_point *p, enum sim_stop_reason why);

#endif
