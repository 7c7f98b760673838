/* Functions shared by the CPU's sources and its per-model run loops; not public. */
#ifndef SOC_CPU_RISCV_INTERNAL_H
#define SOC_CPU_RISCV_INTERNAL_H

#include <string.h>

#include "soc/cpu/riscv/cpu.h"
#include "soc/machine.h"

/* Fetch and decode the instruction at pc into d (a decode-cache slot). */
void rv_fill(struct rv_cpu *c, uint32_t pc, struct rv_insn *d);
/* Enter the trap handler: cause (bit 31 set for interrupts), tval; c->pc is the epc. */
void rv_trap(struct rv_cpu *c, uint32_t cause, uint32_t tval);
/* mret: restore MIE and return the address to go on at. */
uint32_t rv_mret(struct rv_cpu *c);
/* The highest-priority enabled pending interrupt's mcause, 0 if none (Priv 3.1.9). */
uint32_t rv_irq_cause(const struct rv_cpu *c);

/* The privilege level, mstatus.MPRV or MPP changed, or PMP's entries did (pmp): the decode
 * cache, the key of translated blocks and the data windows follow (cpu.c).  Nothing to do
 * on a hart without PMP. */
void rv_priv_changed(struct rv_cpu *c, bool pmp);

/* PMP binds accesses made at privilege priv: a U-mode access, or an M-mode one where an
 * entry is locked (Priv 3.7.1) or mseccfg's MML or MMWP is set (Smepmp). */
static inline bool rv_pmp_binds(const struct rv_cpu *c, unsigned priv)
{
    return c->pmp.n && (priv != RV_PRIV_M || c->pmp.binds_m);
}
/* PMP (pmp.c): the access of size bytes at addr, made at privilege priv, needs permissions
 * perm (RV_PMP_R, _W, _X) and has them. */
bool rv_pmp_allows(const struct rv_cpu *c, uint32_t addr, unsigned size, unsigned priv,
                   unsigned perm);
/* The bytes [*lo, *hi) around addr that the same entry (or none) decides for privilege
 * priv; returns whether that decision allows perm. */
bool rv_pmp_span(const struct rv_cpu *c, uint32_t addr, unsigned priv, unsigned perm,
                 uint64_t *lo, uint64_t *hi);
/* pmpcfg0-3, pmpaddr0-15, and mseccfg/mseccfgh where the hart has Smepmp: 0, or -1 when
 * the hart has no PMP or csr is none of them. */
int rv_pmp_read(const struct rv_cpu *c, uint32_t csr, uint32_t *val);
int rv_pmp_write(struct rv_cpu *c, uint32_t csr, uint32_t val);
void rv_pmp_reset(struct rv_cpu *c);

/* Slow memory paths: return -1 on success, the exception cause, or RV_MEM_WATCH_STOP: a
 * watchpoint matched the access, which was not made; the run stops before the
 * instruction (sim_stop set, the CPU kicked). */
#define RV_MEM_WATCH_STOP 0x100
int rv_load_slow(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t *val, struct rv_exec *ex);
int rv_store_slow(struct rv_cpu *c, uint32_t addr, unsigned size, uint32_t val, struct rv_exec *ex);
int rv_amo(struct rv_cpu *c, int op, uint32_t addr, uint32_t src, uint32_t *old, struct rv_exec *ex);
/* M extension; inline so each operation's handler folds the switch away. */
static inline uint32_t rv_muldiv(int op, uint32_t a, uint32_t b)
{
    int32_t sa = (int32_t)a, sb = (int32_t)b;
    switch (op) {
    case RV_MUL: return a * b;
    case RV_MULH: return (uint32_t)(((int64_t)sa * sb) >> 32);
    case RV_MULHSU: return (uint32_t)(((int64_t)sa * (int64_t)(uint64_t)b) >> 32);
    case RV_MULHU: return (uint32_t)(((uint64_t)a * b) >> 32);
    /* Division by zero and overflow give the results of Unpriv spec table 13.1. */
    case RV_DIV:
        if (b == 0)
            return UINT32_MAX;
        if (sa == INT32_MIN && sb == -1)
            return a;
        return (uint32_t)(sa / sb);
    case RV_DIVU: return b ? a / b : UINT32_MAX;
    case RV_REM:
        if (b == 0)
            return a;
        if (sa == INT32_MIN && sb == -1)
            return 0;
        return (uint32_t)(sa % sb);
    default: return b ? a % b : a;
    }
}

/* Zicsr: returns 0, or -1 for an illegal access. `cycle` is mcycle as the model sees it. */
int rv_csr_op(struct rv_cpu *c, const struct rv_insn *d, uint32_t rs1v, uint32_t *old,
              uint64_t cycle, struct rv_exec *ex);
/* An ebreak inside the semihosting sequence: perform the call; false if not semihosting. */
bool rv_semihosting(struct rv_cpu *c);
/* A debugger breakpoint was reached at c->pc. */
void rv_debug_break(struct rv_cpu *c);
/* The run loop reached RV_DEBUG_BREAK at c->pc: when it is the one-time break of
 * cpu_ops.break_at, forget it (the instruction decodes as itself again), call its function
 * and return true: the run goes on at the same pc.  Both rv_debug_break call it first. */
bool rv_break_once(struct rv_cpu *c);

/* Pages whose stores need a look: a byte per page (and one past the last, so that a fast
 * path reads a page's byte and the next one's at once, and sees a store reaching into the
 * next page).  RV_PAGE_WATCHED: every store goes the slow way (tohost, watchpoints).
 * RV_PAGE_CODE: the page holds decoded or translated instructions, and a store goes the
 * slow way only where it overlaps their bytes, which the code map says: a bit per halfword
 * (instructions are whole halfwords), in a bitmap per 64 KiB allocated when code is first
 * decoded there.  The slow way throws away what the store overlaps (store_watched, cpu.c)
 * and clears its bits; the next decode sets them again. */
#define RV_PAGE_WATCHED 0x01
#define RV_PAGE_CODE 0x02
#define RV_CODE_CHUNK_BITS 16
#define RV_CODE_CHUNK_WORDS (1u << (RV_CODE_CHUNK_BITS - 1 - 6)) /* uint64_t per bitmap */

static inline void rv_page_watch(struct rv_cpu *c, uint32_t addr)
{
    c->code_pages[addr >> RV_PAGE_BITS] |= RV_PAGE_WATCHED;
}

/* The bit of the halfword at addr in its 64 KiB's bitmap. */
static inline uint32_t rv_code_index(uint32_t addr)
{
    return (addr & ((1u << RV_CODE_CHUNK_BITS) - 1)) >> 1;
}

/* The halfword at addr (even) holds an instruction that is decoded or translated; its
 * page is marked RV_PAGE_CODE. */
static inline bool rv_code_bit(const struct rv_cpu *c, uint32_t addr)
{
    uint32_t h = rv_code_index(addr);
    return c->code_bits[addr >> RV_CODE_CHUNK_BITS][h >> 6] >> (h & 63) & 1;
}

/* No page a store at addr can reach (that one and the next) is watched or holds code:
 * the store needs nothing but the write. */
static inline bool rv_pages_plain(const struct rv_cpu *c, uint32_t addr)
{
    uint16_t pages;
    memcpy(&pages, &c->code_pages[addr >> RV_PAGE_BITS], 2);
    return likely(pages == 0);
}

/* A store of size bytes at addr is on a page with code (and not watched) but overlaps no
 * decoded or translated instruction, as one uint64_t of the code map (128 bytes) tells:
 * the run loops' second test, inline; false where it cannot tell (rv_store_plain looks
 * further).  Translated code does the same (emit_code_check, jit_x86_64.c). */
static inline bool rv_store_beside_code(const struct rv_cpu *c, uint32_t addr, unsigned size)
{
    uint32_t last = addr + size - 1;
    if ((addr ^ last) >> 7 || c->code_pages[addr >> RV_PAGE_BITS] != RV_PAGE_CODE)
        return false;
    const uint64_t *bits = c->code_bits[addr >> RV_CODE_CHUNK_BITS];
    uint64_t w = bits[addr >> 7 & (RV_CODE_CHUNK_WORDS - 1)] >> (addr >> 1 & 63);
    return !(w & ((2ull << ((last >> 1) - (addr >> 1))) - 1));
}

/* A store of size bytes at addr needs nothing but the write: no byte of it is on a watched
 * page or in a decoded or translated instruction (data beside code). */
bool rv_store_plain(const struct rv_cpu *c, uint32_t addr, unsigned size);

/* Machine interrupts are enabled: by mstatus.MIE in M mode, always in U mode (Priv
 * 3.1.6.1: a less privileged mode cannot mask them). */
static inline bool rv_irq_enabled(const struct rv_cpu *c)
{
    return (c->mstatus & RV_MSTATUS_MIE) || c->priv != RV_PRIV_M;
}

/* The core leaves wfi at c->cycle: if its clock was gated, the cycles from
 * clock_gated_from to now leave mcycle for good. */
static inline void rv_clock_ungate(struct rv_cpu *c)
{
    if (c->clock_gated_from == UINT64_MAX)
        return;
    if (c->cycle > c->clock_gated_from)
        c->mcycle_base += c->cycle - c->clock_gated_from;
    c->clock_gated_from = UINT64_MAX;
}

/* Take a pending enabled interrupt (entry to a run loop: whatever makes one pending kicks
 * the loop); returns its cause, 0 if none.  A pending one wakes wfi even when disabled. */
static inline uint32_t rv_irq_take(struct rv_cpu *c)
{
    if (!(c->mip & c->mie))
        return 0;
    c->wfi = false;
    rv_clock_ungate(c);
    if (!rv_irq_enabled(c))
        return 0;
    uint32_t cause = rv_irq_cause(c);
    rv_trap(c, cause, 0);
    return cause;
}

/* Observers and interrupt latency (observe.c).  rv_obs_insn: the observed loop retired the
 * instruction d at pc (a and b: rs1's and rs2's values before it); rv_obs_trap: it entered
 * a trap for d; rv_obs_sleep: the hart slept in wfi up to c->cycle.  rv_irq_entered: an
 * interrupt's entry is done (the handler's first instruction is next), from every loop.
 * rv_lat_line: a line rose at cycle; rv_lat_trap: a trap is entered (rv_trap);
 * rv_lat_mret: mret (rv_mret), measured by rv_lat_returned once it retired (after the
 * loop: mret kicks it). */
void rv_obs_insn(struct rv_cpu *c, uint32_t pc, const struct rv_insn *d, uint32_t npc,
                 uint32_t a, uint32_t b);
void rv_obs_trap(struct rv_cpu *c, const struct rv_insn *d);
void rv_obs_sleep(struct rv_cpu *c);
int rv_observe(struct cpu *cpu);
void rv_irq_entered(struct rv_cpu *c, uint32_t cause);
void rv_lat_line(struct rv_cpu *c, uint32_t bit, uint64_t cycle);
void rv_lat_trap(struct rv_cpu *c);
void rv_lat_mret(struct rv_cpu *c);
void rv_lat_returned(struct rv_cpu *c);
void rv_lat_reset(struct rv_cpu *c);
void rv_lat_free(struct rv_cpu *c);
void rv_lat_stats(const struct rv_cpu *c, struct cpu_stats *st);

/* The block translator (jit.c).  rv_jit_new gives one to the CPU (-1 where the host has
 * none: rv_jit_available); the model's run_translated runs with it (the functional
 * model's is rv_run_functional_jit), interpreting what it does not translate with the
 * model's run. */
bool rv_jit_available(void);
int rv_jit_new(struct rv_cpu *c);
void rv_jit_free(struct rv_cpu *c);
void rv_run_functional_jit(struct rv_cpu *c);
/* Translated blocks made from bytes in [addr, addr + n) are thrown away (the others
 * stay, and stay linked); store: a guest store did it, which the translator counts. */
void rv_jit_invalidate(struct rv_cpu *c, uint32_t addr, uint32_t n, bool store);
void rv_jit_flush(struct rv_cpu *c);

#endif
