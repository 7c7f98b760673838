/* The seam between the functional core and the timing models.
 *
 * A timing model is declared in the registry (model.h) and lives in two files: its hooks
 * and state in timing_<model>.h, its run loop in run_<model>.c, which includes the hooks
 * and then run_template.h.  The run loop executes an instruction, fills a struct rv_exec
 * with what the pipeline needs to know (where control went, the memory access, the
 * operands of mul/div), and calls the model's hooks, static inline functions the loop
 * inlines:
 *
 *   tm_insn(c, d, x, op...)  after each retired instruction: add its cycles to c->cycle
 *                            (op is d->op, a constant where the handler has one operation;
 *                            rv_tclass(d, op) is its timing class, ops.h).  A model that
 *                            defines TM_STATE (its state's type) gets c->tm as one more
 *                            argument, held by the loop in a local
 *   tm_trap(c, d, cause)     on trap or interrupt entry (d: the trapping instruction,
 *                            NULL for an interrupt): add the entry cycles
 *   tm_csr_cycle(c)          the mcycle value a CSR read inside the current instruction sees
 *
 * (run_template.h lists the other switches a model may define: TM_EXEC_INFO, TM_ONE_CYCLE,
 * TM_LOCAL, TM_INSN_CONFIG.)  Each model keeps its properties and pipeline state in its own
 * struct (c->tm, the registry's size) and counts stall cycles per cause in struct rv_stats
 * for --stats. */
#ifndef SOC_CPU_RISCV_TIMING_H
#define SOC_CPU_RISCV_TIMING_H

#include <stdbool.h>
#include <stdint.h>

/* What executing one instruction told the timing model. */
struct rv_exec {
    uint32_t next_pc;
    uint32_t mem_addr;
    uint32_t a, b;         /* rs1/rs2 values (mul/div latency depends on them) */
    /* Wait states the memory region added, plus a device's own latency for this access
     * (struct bus access_delay, in cycles of this CPU): wider than a region's 8 bits. */
    uint32_t mem_wait;
    bool taken;            /* control left the sequential path (taken branch, jump, mret) */
    bool mem;              /* a load/store/AMO was made */
    bool mem_split;        /* misaligned: done as two bus accesses */
    bool csr_flush;        /* the CSR write flushes the pipeline (mstatus, mie, ...) */
};

enum rv_stall {
    RV_STALL_FETCH,     /* waiting for instruction fetch (branch target, wait states) */
    RV_STALL_BRANCH,    /* taken branch / jump penalty */
    RV_STALL_LOAD_USE,  /* a result not ready for its consumer */
    RV_STALL_MEM,       /* load/store data-port cycles */
    RV_STALL_MULDIV,    /* multiplier / divider busy */
    RV_STALL_CSR,       /* CSR / fence flushes */
    RV_STALL_TRAP,      /* trap entry and return */
    RV_STALL_WFI,       /* asleep in wfi */
    RV_STALL_ALU,       /* a multi-cycle ALU operation (Ibex's two-cycle bit manipulation) */
    RV_STALL_COUNT
};

struct rv_stats {
    uint64_t stall[RV_STALL_COUNT];
};

/* Hardware performance monitor (mhpmcounter3.., mhpmevent3..): the CSRs (csr.c); the
 * timing model counts the events (the e31 model: class in mhpmevent[7:0], mask above) and
 * says how many counters there are (struct rv_cpu hpm_counters). */
#define RV_HPM_MAX 29
struct rv_hpm {
    uint32_t event[RV_HPM_MAX];
    uint64_t count[RV_HPM_MAX];
    bool on; /* some event selector is non-zero: the model counts */
};

#endif
