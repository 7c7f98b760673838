/* Reverse execution for the GDB stub (docs/gdb.md, "Going backwards"): gdb's
 * reverse-stepi, reverse-step, reverse-continue and reverse-finish (the bs and bc
 * packets).
 *
 * While the target runs forward, the stub keeps in-memory checkpoints (soc/checkpoint.h)
 * of the machine every `interval` instructions; a place in the run is its count of
 * instructions executed.  Going back to count N restores the last checkpoint at or
 * before N and runs forward again, breakpoints and watchpoints out of the way, to N:
 * the run is deterministic, so that is the machine as it was there.  reverse-continue
 * runs each stretch between checkpoints, from the newest back, with the points in place
 * and stops at the last hit before where it started.  Output the firmware sent before is
 * not sent again while the run goes over the same ground.
 *
 * The cost: a checkpoint copies the machine's memory (virt32's 128 MiB: about 20 ms),
 * and a step back runs up to `interval` instructions again.  When there are more than
 * REV_MAX_POINTS checkpoints, every other one goes and the interval doubles. */
#ifndef GDBSTUB_REVERSE_H
#define GDBSTUB_REVERSE_H

#include <stdbool.h>
#include <stdint.h>

#include "gdbstub/gdb_proto.h"
#include "sim/sim.h"

#define REV_MAX_POINTS 256
#define REV_DEFAULT_INTERVAL 1000000

struct machine;
struct cpu;
struct gdb_rev;

/* NULL when out of memory. */
struct gdb_rev *gdb_rev_new(struct machine *m, struct cpu *c, uint64_t interval);
void gdb_rev_free(struct gdb_rev *r);

/* Before the target runs forward: with `record` (a debugger is attached), the kernel
 * stops it at the next checkpoint to take; without, it runs as it would without us. */
void gdb_rev_arm(struct gdb_rev *r, bool record);
/* The forward run stopped for `why`: true when that was a checkpoint of ours, now taken
 * (the caller runs on). */
bool gdb_rev_forward_stop(struct gdb_rev *r, enum sim_stop_reason why);
/* bs (step) or bc: the machine goes back; *st is the stop to report (a breakpoint, a
 * watchpoint, a step, the beginning of the history, or SIGINT when gdb interrupted it). */
void gdb_rev_back(struct gdb_rev *r, bool step, struct gdb_stop *st);
/* gdb changed a register or memory: the checkpoints ahead of here are of another run. */
void gdb_rev_diverged(struct gdb_rev *r);
/* monitor reverse [interval N]: 0, or -1 for a bad argument (the message in out). */
int gdb_rev_monitor(struct gdb_rev *r, const char *args, struct gdb_text *out);

#endif
