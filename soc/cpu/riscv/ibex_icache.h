/* Ibex's instruction cache (ICache = 1), simulated cycle by cycle in place of the prefetch
 * buffer (timing_ibex.h's IF half).  From the behaviour Ibex's reference documents
 * ("Instruction Cache"): 4 KiB, 2 ways, 8-byte lines (256 sets) on a 32-bit bus, so a line
 * is two beats; a two-stage lookup pipeline (IC0 reads the tag RAM, IC1 compares); four
 * fill buffers, one per lookup, which fetch the missing beats of their line in wrap order,
 * hand the beats to IF oldest first and write the line into the cache once all its beats
 * are in (a lookup has priority over that write); lookups go on one line ahead after
 * another while at most two fill buffers are busy with live requests; a branch marks the
 * busy buffers stale and looks its target up at once, asking the bus for the target's
 * beat in the same cycle (as every lookup does while the cache is disabled: then nothing is
 * cached and the cache streams like the prefetch buffer); fence.i (and reset) invalidates
 * the tags, one set a cycle, during which nothing hits or is allocated; a 16-bit skid
 * register holds the upper half of a beat for the instruction that starts in it.
 *
 * The data are not kept: the functional core fetches instructions itself; what the cache
 * keeps is which lines it holds, which decides the timing. */
#ifndef SOC_CPU_RISCV_IBEX_ICACHE_H
#define SOC_CPU_RISCV_IBEX_ICACHE_H

#include <stdbool.h>
#include <stdint.h>

#define IBEX_IC_SETS 256
#define IBEX_IC_WAYS 2
#define IBEX_IC_FB 4

struct ibex_ic_fb {
    bool busy, stale, cache, hit, ext_done, ram_done;
    uint8_t ext_cnt, rvd_cnt, out_cnt; /* beats requested, received, handed to IF */
    uint8_t older;                     /* the busy buffers allocated before this one */
    uint8_t way;                       /* the way it allocates to (one-hot) */
    uint32_t addr;                     /* the lookup's address (line and beat) */
};

struct ibex_icache {
    uint64_t cycle;                           /* next cycle to simulate */
    uint32_t tag[IBEX_IC_SETS][IBEX_IC_WAYS]; /* bit 31 valid, the line address above */
    struct ibex_ic_fb fb[IBEX_IC_FB];
    uint64_t ret[8]; /* return cycles of the bus requests in flight, oldest first */
    unsigned nret;
    uint32_t prefetch; /* the next lookup's address (not a branch) */
    bool ic1_valid;    /* IC1 holds a lookup that could hit (cache enabled, not blocked) */
    bool ic1_hit;
    uint8_t ic1_fb;      /* its fill buffer */
    uint8_t ic1_invalid; /* the ways its set had no valid line in */
    uint8_t rr;          /* round-robin victim (one-hot) */
    int inval;           /* 0 idle, 1 waiting for the key, 2 invalidating (index inval_index) */
    unsigned inval_index;
    uint64_t inval_at; /* the cycle a fence.i asks for an invalidation (UINT64_MAX: none) */
    uint32_t out_pc;   /* the address IF is handed next */
    uint8_t next_len;  /* the length of the instruction there, when known (else 4) */
    bool skid;         /* the skid register holds the upper half of out_pc's beat */
    bool enable;       /* cpuctrlsts.icache_enable */
    bool enable_next;  /* ... from cycle enable_at on (a CSR write) */
    uint64_t enable_at;
    uint64_t off_from, off_to; /* no lookups in [off_from, off_to] (asleep: req_i low) */
    uint16_t lat;              /* bus latency, cycles */
};

void ibex_ic_reset(struct ibex_icache *ic, uint64_t cycle, uint16_t lat);
/* One cycle: IF takes the instruction of `want` bytes at out_pc if it is complete (0:
 * ID takes none); `redirect`: branch to `target` (no hand-over).  Returns true when the
 * instruction was handed over. */
bool ibex_ic_cycle(struct ibex_icache *ic, unsigned want, bool redirect, uint32_t target);
/* Cycles up to (not including) `until` with ID taking nothing. */
void ibex_ic_run_to(struct ibex_icache *ic, uint64_t until);
/* Busy (keeps the core clock on in wfi): invalidating, or a bus request in flight. */
bool ibex_ic_busy(const struct ibex_icache *ic);

#endif
