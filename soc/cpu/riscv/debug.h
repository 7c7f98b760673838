/* Debugger support in the RISC-V core: breakpoint and watchpoint tables.
 *
 * Breakpoints cost nothing per instruction: when the decode cache fills an entry whose
 * address holds a breakpoint, the entry decodes to the pseudo-op RV_DEBUG_BREAK, which
 * stops the run before the instruction executes.  Inserting or removing a breakpoint
 * invalidates the entries at its address.  Watchpoints are checked on the slow data path
 * only; while any is set, the fast host windows are refused for the pages it covers. */
#ifndef SOC_CPU_RISCV_DEBUG_H
#define SOC_CPU_RISCV_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

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

/* Decode-time hook: the breakpoint at pc, or NULL. */
const struct rv_breakpoint *rv_debug_bp_at(const struct rv_cpu *c, uint32_t pc);
/* Slow-data-path hook: true when [addr, addr + size) hits a watchpoint of this kind of
 * access; records the hit and asks the run loop to stop after the instruction. */
bool rv_debug_watch(struct rv_cpu *c, uint32_t addr, unsigned size, bool write);
/* True when a watchpoint covers any byte of [base, base + size): no fast window there. */
bool rv_debug_watched(const struct rv_cpu *c, uint32_t base, uint32_t size);

#endif
