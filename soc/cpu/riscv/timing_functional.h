/* The functional timing model: one cycle per instruction.  An instruction that traps
 * takes its cycle too (it did not retire, but it was attempted), so even a loop of
 * faults advances time and ends at --max-time; interrupt entry costs nothing. */
#ifndef SOC_CPU_RISCV_TIMING_FUNCTIONAL_H
#define SOC_CPU_RISCV_TIMING_FUNCTIONAL_H

#include "soc/cpu/riscv/cpu.h"

/* The model's properties: the ratified bit-manipulation extensions the hart decodes (off by
 * default, as the rv32 CPU had none before them).  Nothing in the run loop reads them. */
struct rv_functional {
    bool zba, zbb, zbc, zbs;
};

/* Nothing here reads struct rv_exec. */
#define TM_EXEC_INFO 0
/* Every retired instruction is one cycle: the loop may count them in a local. */
#define TM_ONE_CYCLE 1

static inline void tm_insn(struct rv_cpu *c, const struct rv_insn *d, const struct rv_exec *x,
                           unsigned op)
{
    (void)d, (void)x, (void)op;
    c->cycle++;
}

static inline void tm_trap(struct rv_cpu *c, const struct rv_insn *d, uint32_t cause)
{
    (void)cause;
    if (d)
        c->cycle++;
}

static inline uint64_t tm_csr_cycle(const struct rv_cpu *c) { return c->cycle; }

#endif
