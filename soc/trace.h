/* The trace outputs of a run and the window they record (docs/timing-analysis.md).
 *
 * An output (a VCD file, a pipeline log now; a profile, a Perfetto trace later) is a
 * struct trace_output given to the machine with trace_add.  Nothing exists while no output
 * is asked for: a machine without outputs has no struct trace, and an output listens to
 * nothing while it is not recording, so outputs that are off cost nothing.
 *
 * The window says when every output records: from --trace-from (default: the start of the
 * run) to --trace-to (default: its end), each a simulated time ("10ms"), an instruction
 * count as --max-insns counts them ("5000insn"), or a symbol of the firmware, meaning the
 * first time the CPU is about to execute it ("main").  The edges are exact: a time edge is
 * an event at that time, an instruction count stops the CPU's run at that count
 * (struct sim.insn_mark), a symbol is a one-time break (cpu_ops.break_at); none changes a
 * cycle of the run.  The end is armed when the window opens: one already passed closes it
 * at once (a warning says it is empty).  A Lua scenario starts and stops outputs itself
 * (socsim.trace_start, socsim.trace_stop); each edge and each call acts when it comes.
 * When the run ends (machine_stop), every output writes itself out.
 *
 * Adding an output (a profile, a commit log): embed a struct trace_output, set its name and
 * callbacks, and trace_add it where sim/main.c's open_traces opens --vcd's, after the
 * machine is built and before trace_arm.  It observes only between start and stop: hook
 * the CPU's or the signals' observers in start and unhook them in stop (or test o->on),
 * so that while it is off it costs nothing; open the file with trace_file_open, complete it
 * in finish with trace_file_close (sim/outfile.h replaces it only once complete), and free
 * everything in free.  The window, the Lua calls, the end of the run on every way out and
 * the usage errors come with it.
 *
 * Changes are recorded at the time they happen (sim_now).  A device that learns a
 * wire's levels only after the fact (signal_set_past) holds the outputs back from the
 * earliest time it may still report (trace_hold) until it has (trace_release): outputs
 * write what lies before the earliest hold and keep the rest. */
#ifndef SOC_TRACE_H
#define SOC_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include <stdio.h>

#include "sim/outfile.h"
#include "sim/sim.h"

struct machine;

struct trace_output {
    const char *name; /* "vcd": what socsim.trace_start(name) and messages call it */
    /* Recording starts (again) at sim_now: listen, and note the state as it is. */
    void (*start)(struct trace_output *o);
    /* Recording pauses at sim_now: stop listening. */
    void (*stop)(struct trace_output *o);
    /* The last hold was released, or one moved later: write what may be written now.
     * NULL when the output keeps nothing back. */
    void (*released)(struct trace_output *o);
    /* The run is over, at sim_now: stop listening if recording (o->on), and write
     * everything out.  0, or -1 with
     * sim_err set (a full disk); the trace says so and the run's exit status shows it. */
    int (*finish)(struct trace_output *o);
    void (*free)(struct trace_output *o);
    struct machine *m;
    bool on; /* recording */
    struct trace_output *next;
};

/* Give output o (its callbacks and name set) to machine m, which frees it at the end.
 * Recording begins when the window opens (trace_arm). */
void trace_add(struct machine *m, struct trace_output *o);
/* True when m has trace outputs. */
bool trace_enabled(const struct machine *m);
/* The output called name ("profile"), NULL when the command line asked for none. */
struct trace_output *trace_find(struct machine *m, const char *name);

/* Set the window from the options' text (NULL: the start, the end of the run): a time
 * ("10ms"), an instruction count ("5000insn") or a symbol of the loaded firmware ("main").
 * 0, or -1 with sim_err set, naming the option ("--trace-from foo: no symbol 'foo' in the
 * firmware"). */
int trace_window(struct machine *m, const char *from, const char *to);
/* The run begins: open the window now, or arm its first edge.  0, or -1 with sim_err set. */
int trace_arm(struct machine *m);
/* Start (on) or stop every output, or the one called `name`: what Lua's trace_start and
 * trace_stop do.  The number of outputs it applied to; -1 with sim_err set when there is
 * no output, or none called `name`. */
int trace_switch(struct machine *m, const char *name, bool on);

/* A device that reports a wire's levels after the fact (signal_set_past): changes from
 * `from` on may still come from `owner` until trace_release(m, owner).  Nothing happens
 * when m has no outputs.  An owner holds once at a time; holding again moves its hold. */
void trace_hold(struct machine *m, const void *owner, sim_time_t from);
void trace_release(struct machine *m, const void *owner);
/* The earliest time a held-back change may still come for; SIM_TIME_MAX when no hold. */
sim_time_t trace_held_from(const struct machine *m);

/* The run ended (machine_stop): every output stops and writes itself out; what failed or
 * never recorded is said on stderr.  Done once, and only after trace_arm: outputs of a
 * machine that never ran (a usage error) are discarded by trace_free, their files left as
 * they were. */
void trace_finish(struct machine *m);
/* Call fn for every signal of m's devices with its tree name ("<device-id>.<name>", as
 * dev_signal gives them: --vcd help's list), in the devices' order; how many. */
#define TRACE_SIGNAL_NAME_MAX 96
struct signal;
size_t trace_each_signal(struct machine *m,
                         void (*fn)(void *ctx, struct signal *s, const char *name), void *ctx);

/* An output's file when it is opened (trace_add's caller): check `path` and open it into
 * *f, fully buffered (an output writes many short records).  0, or -1 with sim_err set
 * naming the option ("--trace FILE: ..."), *f NULL. */
int trace_file_open(struct sim_outfile *file, FILE **f, const char *path, const char *option,
                    const char *spec);
/* An output's file at the end of the run: close *f (NULL after it) and put the file in
 * place.  0, or -1 with sim_err set naming the option ("--trace FILE: ...").  When the run
 * never began, trace_file_discard drops it and the old file stays as it was. */
int trace_file_close(struct sim_outfile *file, FILE **f, const char *option, const char *spec);
void trace_file_discard(struct sim_outfile *file, FILE **f);
/* An output could not be written (trace_finish said why). */
bool trace_failed(const struct machine *m);
void trace_free(struct machine *m);

#endif
