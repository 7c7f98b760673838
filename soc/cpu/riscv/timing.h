/* The seam between the functional core and the timing models.
 *
 * The run loop executes an instruction, fills a struct rv_exec with what the pipeline
 * needs to know (where control went, the memory access, the operands of mul/div), and
 * calls the model's hooks, which are static inline functions of timing_<model>.h:
 *
 *   tm_reset(c)              after reset
 *   tm_insn(c, d, x, op)     after each retired instruction: add its cycles to c->cycle
 *                            (op is d->op, a constant where the handler has one operation)
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
    /* e31: instruction cache in front of every executable region but the ITIM */
    uint64_t icache_size;  /* bytes; 0 = no cache (every fetch costs 1 + wait states) */
    uint64_t icache_ways;
    uint64_t icache_line;  /* bytes */
    uint64_t icache_miss;  /* line-fill cycles; 0 = from the region: words * (1 + wait) */
    uint64_t itim_base, itim_size;
    uint64_t hpm_counters; /* mhpmcounter3.. implemented (0: they read as zero) */
};

/* The instruction fetched from pc comes from the ITIM (not through the instruction cache). */
static inline bool rv_cfg_in_itim(const struct rv_timing_cfg *t, uint32_t pc)
{
    return pc - (uint32_t)t->itim_base < t->itim_size;
}

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
    RV_STALL_COUNT
};

struct rv_stats {
    uint64_t stall[RV_STALL_COUNT];
};

/* Ibex (timing_ibex.h): the prefetch buffer, simulated cycle by cycle, and the ID/EX stage.
 * The buffer's state is packed into st, relative to cycle (layout in timing_ibex.h), so
 * that a state and a question about it index a memo of answers (struct rv_ibex_memo). */
struct rv_ibex_fetch {
    uint64_t cycle;      /* next cycle to simulate */
    uint64_t off_from, off_to; /* no new requests in [off_from, off_to] (sleep) */
    uint32_t pc;         /* address of the next instruction the FIFO hands to ID */
    uint32_t st;         /* FIFO words, requests outstanding and their return cycles */
    uint16_t lat;        /* request-to-data latency, cycles (at most 1 + 16 + 255) */
    uint8_t fetch_wait;  /* the wait states lat was worked out for */
    bool resync;         /* the pc was moved outside the pipeline (a debugger): refetch */
    uint32_t *tab;       /* the memo for lat (NULL: none yet, or lat too long) */
};

/* Answers of the prefetch buffer, one table per fetch latency below RV_IBEX_MEMO_LAT,
 * filled as states are met: a state's future depends only on the state, so an answer
 * worked out once by the cycle-by-cycle simulation holds for every later visit. */
#define RV_IBEX_MEMO_LAT 8
struct rv_ibex_memo {
    uint32_t *tab[RV_IBEX_MEMO_LAT];
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

/* E31 (timing_e31.h): issue-cycle bookkeeping, branch predictor, I-cache, store pipeline. */
#define RV_E31_BTB 40
#define RV_E31_BTB_HASH 1024
#define RV_E31_BHT 128
#define RV_E31_RAS 2
#define RV_E31_STQ 4
#define RV_E31_IC_LINES 4096 /* at most size / line lines */

struct rv_e31_btb {
    uint32_t pc, target;
    uint8_t kind;        /* enum e31_cfi: branch, jump, return */
    bool valid;
};

struct rv_e31_state {
    uint64_t next;        /* earliest cycle the next instruction can issue (enter EX) */
    uint64_t muldiv_free; /* the multiplier/divider takes a new operation from this cycle */
    uint64_t last_mem;    /* issue cycle of the last load/store */
    uint32_t stq[RV_E31_STQ]; /* word addresses in the store pipeline */
    uint8_t nstq;
    uint8_t ras_top, ras_n;
    uint8_t btb_next;     /* round-robin BTB replacement */
    uint32_t ras[RV_E31_RAS];
    uint8_t bht[RV_E31_BHT]; /* 2-bit counters */
    uint8_t btb_filter[RV_E31_BTB_HASH]; /* valid BTB entries per PC hash */
    uint8_t btb_where[RV_E31_BTB_HASH];  /* the entry, where btb_filter is 1 */
    uint8_t prod[32];        /* what produced each register's pending value (enum e31_prod) */
    struct rv_e31_btb btb[RV_E31_BTB];
    /* I-cache: tags (line address + 1, 0 = invalid) per set and way, LRU way per set */
    uint32_t ic_tag[RV_E31_IC_LINES];
    uint8_t ic_lru[RV_E31_IC_LINES];
    uint32_t ic_sets, ic_ways, ic_line_shift;
    uint32_t ic_last;     /* line address + 1 of the last line fetched (hit fast path) */
    uint32_t ic_prev;     /* the line fetched before it, in another set (0: none) */
    bool asleep;
};

/* Hardware performance monitor (mhpmcounter3.., mhpmevent3..): event counts kept by the
 * timing model, read by csr.c.  Events are the E31's: class in mhpmevent[7:0], mask above. */
#define RV_HPM_MAX 29
struct rv_hpm {
    uint32_t event[RV_HPM_MAX];
    uint64_t count[RV_HPM_MAX];
    bool on; /* some event selector is non-zero: the model counts */
};

/* Pipeline state of each model. */
struct rv_timing {
    uint64_t reg_ready[32]; /* cycle at which each register's value is available */
    uint64_t fetch_ready;   /* cycle at which the next instruction can issue */
    uint64_t mem_free;
    uint64_t aux[8];        /* model-private scratch */
    struct rv_ibex_state ibex;
    struct rv_e31_state e31;
    struct rv_hpm hpm;
};

#endif
