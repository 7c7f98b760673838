/* Debugger support in the RISC-V core: breakpoint and watchpoint tables.
 *
 * Breakpoints cost nothing per instruction: when the decode cache fills an entry whose
 * address holds a breakpoint (the core's dbg_is_breakpoint hook), the entry decodes to
 * the pseudo-op RV_DEBUG_BREAK, which stops the run before the instruction executes.
 * Inserting or removing a breakpoint invalidates the entries at its address.
 * Watchpoints are checked on the slow data path only, before the access, which a match
 * cancels: the run stops before the instruction (see watch_hit in debug.c).  A write
 * watchpoint marks its pages in the core's watched-page bitmap so stores there leave the
 * fast path (dbg_watch_store); a read watchpoint turns the read window off while it
 * exists (dbg_watch_load).  Device registers are always reached through the slow path,
 * so watchpoints work on them too.  Each hook is set only while a watchpoint of its kind
 * exists. */
#ifndef SOC_CPU_RISCV_DEBUG_H
#define SOC_CPU_RISCV_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"

struct rv_cpu;

#define RV_DEBUG_MAX_BP 64
#define RV_DEBUG_MAX_WP 16

/* Watchpoint kinds, as bits: a write, a read, or either. */
#define RV_WATCH_WRITE 1u
#define RV_WATCH_READ 2u
#define RV_WATCH_ACCESS 3u

/* Why the core stopped for the debugger (struct rv_debug.hit). */
enum rv_debug_hit {
    RV_HIT_NONE = 0,
    RV_HIT_SWBREAK,
    RV_HIT_HWBREAK,
    RV_HIT_WATCH, /* hit_addr, hit_kind say which access */
    RV_HIT_STEP,
};

struct rv_breakpoint {
    uint32_t addr;
    bool hw;
};

struct rv_watchpoint {
    uint32_t addr, len;
    unsigned kind; /* RV_WATCH_* */
};

struct rv_debug {
    struct rv_breakpoint bp[RV_DEBUG_MAX_BP];
    unsigned nbp;
    struct rv_watchpoint wp[RV_DEBUG_MAX_WP];
    unsigned nwp;
    /* Step over the breakpoint at skip_pc once (resuming from a breakpoint). */
    bool skip;
    uint32_t skip_pc;
    /* A watchpoint stopped the run before the instruction at watch_pc; resuming there
     * lets its accesses through once (watch_skip, while it executes). */
    bool watch_stopped, watch_skip;
    uint32_t watch_pc;
    enum rv_debug_hit hit;
    uint32_t hit_addr;  /* watchpoint: the data address accessed */
    unsigned hit_kind;  /* watchpoint: RV_WATCH_WRITE or RV_WATCH_READ */
    unsigned hit_index; /* watchpoint: which one */
};

/* Give the CPU a debug state (idempotent); NULL when out of memory. */
struct rv_debug *rv_debug_attach(struct rv_cpu *c);
void rv_debug_free(struct rv_cpu *c);

/* Return 0, or -1 with sim_err set (table full, not found). */
int rv_debug_insert_bp(struct rv_cpu *c, uint32_t addr, bool hw);
int rv_debug_remove_bp(struct rv_cpu *c, uint32_t addr, bool hw);
int rv_debug_insert_wp(struct rv_cpu *c, uint32_t addr, uint32_t len, unsigned kind);
int rv_debug_remove_wp(struct rv_cpu *c, uint32_t addr, uint32_t len, unsigned kind);
/* Remove every breakpoint and watchpoint (gdb detached). */
void rv_debug_clear(struct rv_cpu *c);

/* The debugger sets the privilege level (gdb's priv register): RV_PRIV_M or RV_PRIV_U; -1
 * for another. */
int rv_debug_set_priv(struct rv_cpu *c, uint64_t priv);

/* The breakpoint at pc, or NULL (the skipped one, while stepping over it, included). */
const struct rv_breakpoint *rv_debug_bp_at(const struct rv_cpu *c, uint32_t pc);

/* Let the CPU go for the debugger, through the kernel: one instruction (`step`) or until
 * a stop.  Resuming at a breakpoint, or where a watchpoint stopped the run, executes the
 * instruction there first.  A step ends
 * with SIM_STOP_BREAKPOINT and hit RV_HIT_STEP; a breakpoint or watchpoint with
 * SIM_STOP_BREAKPOINT and the hit recorded in struct rv_debug; anything else (exit,
 * limits, a host stop) is returned as the kernel's stop reason.  Events fire exactly when
 * they would without the debugger, so cycle counts do not change. */
enum sim_stop_reason rv_debug_run(struct rv_cpu *c, bool step);

#endif
