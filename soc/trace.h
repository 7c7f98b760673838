/* The trace outputs of a run (docs/timing-analysis.md): a profile, a timeline, a commit
 * log.  An output is a struct trace_output given to the machine with trace_add; it records
 * from trace_arm (the run begins) until trace_finish (the run ended, machine_stop), and a
 * Lua scenario may stop and start it between.  Nothing exists while no output is asked
 * for: a machine without outputs has no struct trace, so outputs that are off cost
 * nothing.  (The shape of the shared window module the VCD output brings: --trace-from and
 * --trace-to replace this file's plain start and end when it lands.) */
#ifndef SOC_TRACE_H
#define SOC_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"

struct machine;

struct trace_output {
    const char *name; /* "profile": what socsim.trace_start(name) and messages call it */
    /* Recording starts (again) at sim_now: listen, and note the state as it is. */
    void (*start)(struct trace_output *o);
    /* Recording pauses at sim_now: stop listening. */
    void (*stop)(struct trace_output *o);
    /* NULL: the output keeps nothing back (the window module's holds). */
    void (*released)(struct trace_output *o);
    /* The run is over, at sim_now: stop listening if recording (o->on), and write
     * everything out.  0, or -1 with sim_err set (a full disk). */
    int (*finish)(struct trace_output *o);
    void (*free)(struct trace_output *o);
    struct machine *m;
    bool on; /* recording */
    struct trace_output *next;
};

/* Give output o (its callbacks and name set) to machine m, which frees it at the end. */
void trace_add(struct machine *m, struct trace_output *o);
bool trace_enabled(const struct machine *m);
/* The run begins: every output starts recording.  0, or -1 with sim_err set. */
int trace_arm(struct machine *m);
/* Start (on) or stop every output, or the one called `name`: the number of outputs it
 * applied to; -1 with sim_err set when there is none (by that name). */
int trace_switch(struct machine *m, const char *name, bool on);
/* The run ended (machine_stop): every output stops and writes itself out, once, and only
 * after trace_arm (a machine that never ran leaves the files as they were). */
void trace_finish(struct machine *m);
bool trace_failed(const struct machine *m);
void trace_free(struct machine *m);

#endif
