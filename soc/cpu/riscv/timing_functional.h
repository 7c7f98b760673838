/* The functional timing model: one cycle per instruction, traps and interrupts included
 * as one cycle of the handler's first instruction (nothing extra). */
#ifndef SOC_CPU_RISCV_TIMING_FUNCTIONAL_H
#define SOC_CPU_RISCV_TIMING_FUNCTIONAL_H

#include "soc/cpu/riscv/cpu.h"

static inline void tm_insn(struct rv_cpu *c, const struct rv_insn *d, const struct rv_exec *x)
{
    (void)d, (void)x;
    c->cycle++;
}

static inline void tm_trap(struct rv_cpu *c, const struct rv_insn *d, uint32_t cause)
{
    (void)c, (void)d, (void)cause;
}

static inline uint64_t tm_csr_cycle(const struct rv_cpu *c) { return c->cycle; }

#endif
