/* What a CPU's timing model tells --pipeline about each instruction (soc/kanata.h writes
 * it as a Kanata log; docs/timing-analysis.md, "The pipeline").
 *
 * A model that can (cpu_ops.pipeline) reports, while a sink is set, one row per retired
 * instruction in retirement order, and a row for each instruction it throws away (a trap's
 * instruction, the one behind a branch that IF had fetched, an interrupt's entry): the
 * cycles each stage held it and the cycles it stalled, with the cause, as the model works
 * them out.  Cycles are the CPU's, absolute (its cycle counter since reset).  A row's first
 * cycle is never earlier than the first cycle of the row before it. */
#ifndef SOC_PIPELINE_H
#define SOC_PIPELINE_H

#include <stdbool.h>
#include <stdint.h>

#define PIPE_MAX_STAGES 5
#define PIPE_MAX_STALLS 6

/* Cycles [from, to) of a stage or a stall; name: the stage ("IF"), or the stall's cause as
 * --stats names it ("load-use").  A span with from == to is left out. */
struct pipe_span {
    uint64_t from, to;
    const char *name;
};

struct pipe_row {
    uint64_t seq; /* the instruction's number in the run (instructions retired before it) */
    bool flushed; /* thrown away, not retired */
    unsigned nstages, nstalls;
    struct pipe_span stage[PIPE_MAX_STAGES]; /* in pipeline order */
    struct pipe_span stall[PIPE_MAX_STALLS];
    char text[96]; /* "0x80000010: lw a1, 0(a0)" */
};

struct pipe_sink {
    void (*row)(struct pipe_sink *s, const struct pipe_row *r);
};

#endif
