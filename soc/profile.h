/* --profile FILE: where the cycles go, per function of the firmware (docs/timing-analysis.md).
 *
 * Every retired instruction's cycles, its count and the stall cycles per cause the timing
 * model counted for it are charged to its address; the addresses fall into the functions
 * of the ELF's symbol table.  Calls and returns (RISC-V psABI: jal/jalr linking ra or t0,
 * ret) keep a call stack, which gives each call's inclusive cost and the call graph; a
 * trap's handler starts a stack of its own (a root), which its mret ends.  The self cycles
 * add up to the cycles the profile recorded, exactly: an exception's entry counts at the
 * instruction that raised it, an interrupt's entry at the handler's first instruction, a
 * wfi's sleep at the wfi.
 *
 * Written at the end of the run as a callgrind file (callgrind_annotate, KCachegrind),
 * as folded stacks (flame graphs, speedscope), or as a plain-text top list. */
#ifndef SOC_PROFILE_H
#define SOC_PROFILE_H

#include <stdint.h>

struct machine;

/* --profile PATH [--profile-format FORMAT]: format "callgrind", "folded" or "text"; NULL:
 * text when PATH is "-" (stderr), else callgrind.  0, or -1 with sim_err set (naming the
 * option). */
int profile_open(struct machine *m, const char *path, const char *format);

/* What the profile holds for one function so far (Lua's socsim.profile). */
#define PROFILE_MAX_STALLS 16
struct profile_figures {
    uint64_t self_cycles, incl_cycles, calls, instructions;
    unsigned nstalls;
    const char *const *stall_names;
    uint64_t stalls[PROFILE_MAX_STALLS]; /* self stall cycles per cause */
};
/* The figures of function `name`: 0; -1 with sim_err set when there is no profile or the
 * firmware has no such function. */
int profile_function(struct machine *m, const char *name, struct profile_figures *f);

#endif
