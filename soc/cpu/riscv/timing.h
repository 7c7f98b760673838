/* The seam between the functional core and the timing models.
 *
 * The run loop executes an instruction, fills a struct rv_exec with what the pipeline
 * needs to know (where control went, the memory access, the operands of mul/div), and
 * calls the model's hooks, which are static inline functions of timing_<model>.h:
 *
 *   tm_reset(c)              after reset
 *   tm_insn(c, d, x)         after each retired instruction: add its cycles to c->cycle
 *   tm_trap(c, d, cause)     on trap or interrupt entry (d: the trapping instruction,
 *                            NULL for an interrupt): add the entry cycles
 *   tm_csr_cycle(c)          the mcycle value a CSR read inside the current instruction sees
 *
 * Models keep their pipeline state in struct rv_timing (one member per model) and count
 * stall cycles per cause in struct rv_stats for --stats. */
#ifndef SOC_CPU_RISCV_TIMING_H
#define SOC_CPU_RISCV_TIMING_H

#include <stdbool.h>
#include <stdint.h>

/* Configuration of the ibex model (its RTL parameters), set by -global ibex.PROP=VALUE. */
enum rv_mul_kind { RV_MUL_FAST, RV_MUL_SINGLE_CYCLE, RV_MUL_SLOW };

struct rv_timing_cfg {
    bool writeback_stage;
    bool branch_target_alu;
    int rv32m;             /* enum rv_mul_kind */
    uint64_t ifetch_delay; /* extra instruction-fetch latency, cycles */
};

/* What executing one instruction told the timing model. */
struct rv_exec {
    uint32_t next_pc;
    bool taken;            /* control left the sequential path (taken branch, jump, mret) */
    bool mem;              /* a load/store/AMO was made */
    bool mem_split;        /* misaligned: done as two bus accesses */
    uint8_t mem_wait;      /* wait states the memory region added */
    uint32_t mem_addr;
    uint32_t a, b;         /* rs1/rs2 values (mul/div latency depends on them) */
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
    RV_STALL_COUNT
};

struct rv_stats {
    uint64_t stall[RV_STALL_COUNT];
};

/* Ibex (timing_ibex.h): the prefetch buffer, simulated cycle by cycle, and the ID/EX stage. */
struct rv_ibex_fetch {
    uint64_t cycle;      /* next cycle to simulate */
    uint64_t ret[2];     /* return cycle of the outstanding word requests, oldest first */
    uint32_t pc;         /* address of the next instruction the FIFO hands to ID */
    uint32_t fetch_addr; /* next word to request */
    uint8_t nout;        /* outstanding requests (at most 2) */
    uint8_t nfifo;       /* words in the FIFO, the first one holds pc (at most 3) */
    uint8_t discard;     /* bit i: outstanding request i was cancelled by a branch */
    uint8_t lat;         /* request-to-data latency, cycles */
    uint64_t off_from, off_to; /* no new requests in [off_from, off_to] (sleep) */
};

struct rv_ibex_state {
    struct rv_ibex_fetch f;
    uint64_t ready_from; /* first cycle ID can take the next instruction */
    uint64_t wb_free;    /* writeback stage: cycle its load/store response arrives */
    uint64_t sleep_from; /* asleep in wfi: the first SLEEP cycle */
    uint8_t gap_cause;   /* enum rv_stall that the wait for the next instruction counts as */
    bool drained;        /* ID is already empty at ready_from (after a flush or trap) */
    bool asleep;
};

/* Pipeline state of each model. */
struct rv_timing {
    uint64_t reg_ready[32]; /* cycle at which each register's value is available */
    uint64_t fetch_ready;   /* cycle at which the next instruction can issue */
    uint64_t mem_free;
    uint64_t aux[8];        /* model-private scratch */
    struct rv_ibex_state ibex;
};

#endif
