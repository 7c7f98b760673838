/* The Ibex timing model (lowRISC Ibex, 2-stage IF + ID/EX, optional writeback stage).
 *
 * Two halves, as in the core:
 *
 *  IF: the prefetch buffer is simulated cycle by cycle (ibex_if_cycle): it keeps at most
 *      two word requests outstanding, issues a new one only while the FIFO (3 words) has
 *      room for everything outstanding, and counts both from the registered state of the
 *      cycle, so a slot freed by a response is usable one cycle later.  With a 1-cycle
 *      memory that streams one word per cycle; with INSTR_CYCLE_DELAY = 1 (ifetch-delay)
 *      two words per three cycles.  The FIFO hands ID one instruction per cycle; a 32-bit
 *      instruction at an address 2 mod 4 needs two words.  A branch (pc_set) clears the
 *      FIFO, marks requests in flight as discarded and requests the target word in the
 *      same cycle if fewer than two requests are outstanding.
 *
 *  ID/EX: each retired instruction enters ID the cycle after the FIFO hands it over,
 *      which happens in the instruction's predecessor's last cycle or later.  Its class
 *      gives its cycles in ID/EX, when it sets the PC, and from which cycle ID takes the
 *      next instruction (ready_from).  Documented in docs/timing-models.md, "ibex".
 *
 * Cycle numbers are absolute, in the frame of c->cycle. */
#ifndef SOC_CPU_RISCV_TIMING_IBEX_H
#define SOC_CPU_RISCV_TIMING_IBEX_H

#include <stdlib.h>
#include <string.h>

#include "soc/cpu/riscv/ibex_icache.h"
#include "soc/cpu/riscv/internal.h"
#include "soc/cpu/riscv/pipe.h"

/* What the run loop calls for every instruction is inlined whole, so that the loop's copy
 * of the pipeline state never escapes (the slow paths work on copies of it). */
#define IBEX_HOT __attribute__((always_inline))

/* ---- the model's state (c->tm) ---- */

/* rv32m: the multiplier (the RTL's RV32M parameter). */
enum rv_mul_kind { RV_MUL_FAST, RV_MUL_SINGLE_CYCLE, RV_MUL_SLOW };

/* rv32b: the bit-manipulation instructions (the RTL's RV32B parameter; run_ibex.c says which
 * extensions each has). */
enum rv_ibex_b { RV_IBEX_B_NONE, RV_IBEX_B_BALANCED, RV_IBEX_B_OTEARLGREY, RV_IBEX_B_FULL };

/* IF: the prefetch buffer, simulated cycle by cycle.  Its state is packed into st,
 * relative to cycle (layout below), so that a state and a question about it index a memo
 * of answers (struct rv_ibex_memo). */
struct rv_ibex_fetch {
    uint64_t cycle;      /* next cycle to simulate */
    uint64_t off_from, off_to; /* no new requests in [off_from, off_to] (sleep) */
    uint32_t pc;         /* address of the next instruction the FIFO hands to ID */
    uint32_t st;         /* FIFO words, requests outstanding and their return cycles */
    uint16_t lat;        /* request-to-data latency, cycles (at most 1 + 16 + 255) */
    uint8_t fetch_wait;  /* the wait states lat was worked out for */
    bool resync;         /* the pc was moved outside the pipeline (a debugger): refetch */
    uint32_t *tab;       /* the memo for lat (NULL: none yet, or lat too long) */
    /* With the instruction cache (icache=on), the cache replaces the prefetch buffer: the
     * slow paths simulate it instead (cycle keeps its next cycle; tab stays NULL). */
    struct ibex_icache *ic;
};

/* Answers of the prefetch buffer, one table per fetch latency below RV_IBEX_MEMO_LAT,
 * filled as states are met: a state's future depends only on the state, so an answer
 * worked out once by the cycle-by-cycle simulation holds for every later visit. */
#define RV_IBEX_MEMO_LAT 8
struct rv_ibex_memo {
    uint32_t *tab[RV_IBEX_MEMO_LAT];
};

/* The pipeline: the prefetch buffer and the ID/EX stage. */
struct rv_ibex_state {
    struct rv_ibex_fetch f;
    uint64_t ready_from; /* first cycle ID can take the next instruction */
    uint64_t wb_free;    /* writeback stage: cycle its load/store response arrives */
    uint64_t sleep_from; /* asleep in wfi: the first SLEEP cycle */
    uint8_t gap_cause;   /* enum rv_stall that the wait for the next instruction counts as */
    bool drained;        /* ID is already empty at ready_from (after a flush or trap) */
    bool asleep;
    uint8_t wb_load;     /* writeback stage: the register the last load writes (or 0) */
};

struct rv_ibex {
    /* Properties: the RTL's parameters (run_ibex.c's table) */
    bool writeback_stage;
    bool branch_target_alu;
    int rv32m;             /* enum rv_mul_kind */
    int rv32b;             /* enum rv_ibex_b */
    uint64_t ifetch_delay; /* extra instruction-fetch latency, cycles */
    bool icache;           /* ICache: cpuctrlsts.icache_enable exists (run_ibex.c) */
    bool icache_ecc;       /* ICacheECC */
    bool secure;           /* SecureIbex: cpuctrlsts's security bits exist */
    bool dbg_triggers;     /* DbgTriggerEn: the trigger CSRs exist */
    uint64_t mhpm_counters;      /* MHPMCounterNum */
    uint64_t mhpm_counter_width; /* MHPMCounterWidth */
    int config;            /* the preset chosen (run_ibex.c's ibex_presets) */
    struct ibex_icache *ic; /* the cache's state (icache=on), which st.f.ic points to */
    struct rv_ibex_memo *memo; /* kept across resets: it depends on nothing else */
    uint64_t reg_ready[32]; /* writeback stage: the cycle each register's value is ready */
    struct rv_ibex_state st;
};

/* The state fits in the CPU: at a constant offset, no load of c->tm (cpu.h). */
_Static_assert(sizeof(struct rv_ibex) <= RV_TM_INLINE, "the ibex state lives in the CPU");
static inline struct rv_ibex *ibex_of(const struct rv_cpu *c) { return rv_tm_inline(c); }

/* ---- IF: the prefetch buffer ---- */

/* The buffer as the cycle-by-cycle simulation sees it: cycle numbers absolute. */
struct ibex_if {
    uint64_t cycle;      /* next cycle to simulate */
    uint64_t ret[2];     /* return cycle of the outstanding word requests, oldest first */
    uint64_t off_from, off_to; /* no new requests in [off_from, off_to] (sleep) */
    uint32_t pc;         /* address of the next instruction the FIFO hands to ID */
    uint8_t nout;        /* outstanding requests (at most 2) */
    uint8_t nfifo;       /* words in the FIFO, the first one holds pc (at most 3) */
    uint8_t discard;     /* bit i: outstanding request i was cancelled by a branch */
    uint16_t lat;        /* request-to-data latency, cycles */
};

static inline bool ibex_if_req_on(const struct ibex_if *f, uint64_t now)
{
    return now < f->off_from || now > f->off_to;
}

/* Simulate one cycle.  want: length of the instruction at f->pc that ID takes this cycle
 * if it is complete (0: ID does not take one).  redirect: pc_set to target this cycle (no
 * hand-over then: the IF-ID register is not written on a PC change).  Returns true when
 * the instruction was handed over. */
static inline bool ibex_if_cycle(struct ibex_if *f, unsigned want, bool redirect,
                                 uint32_t target)
{
    uint64_t now = f->cycle++;
    unsigned nf0 = f->nfifo, no0 = f->nout;
    bool in = false;
    if (no0 && f->ret[0] == now) {
        in = !(f->discard & 1);
        f->ret[0] = f->ret[1];
        f->discard >>= 1;
        f->nout--;
    }
    unsigned nf = nf0 + in; /* the FIFO output sees a returning word the same cycle */
    bool handed = false;
    if (want && !redirect) {
        unsigned need = ((f->pc & 2) && want == 4) ? 2 : 1;
        if (nf >= need) {
            uint32_t next = f->pc + want;
            if ((next ^ f->pc) & ~3u)
                nf--; /* the instruction used up the first word */
            f->pc = next;
            handed = true;
        }
    }
    f->nfifo = (uint8_t)nf;
    if (redirect) {
        f->nfifo = 0;
        f->discard = (uint8_t)((1u << f->nout) - 1);
        f->pc = target;
    }
    /* New request: fewer than two outstanding, and room in the FIFO for all of them
     * (a branch has just emptied it), both as registered at the start of the cycle. */
    if (no0 < 2 && (redirect || nf0 + no0 < 3) && ibex_if_req_on(f, now))
        f->ret[f->nout++] = now + f->lat;
    return handed;
}

/* Simulate cycles up to (not including) `until` with ID not taking anything.  A cycle in
 * which no word returns and no request can be issued changes nothing, so the loop jumps
 * from event to event: the next response, or the end of a fetch stop. */
static inline void ibex_if_run_to(struct ibex_if *f, uint64_t until)
{
    while (f->cycle < until) {
        uint64_t now = f->cycle;
        bool req_on = ibex_if_req_on(f, now);
        if (!(f->nout && f->ret[0] == now) &&
            !(req_on && f->nout < 2 && f->nfifo + f->nout < 3)) {
            uint64_t next = until;
            if (f->nout && f->ret[0] < next)
                next = f->ret[0];
            if (!req_on && f->off_to < next - 1)
                next = f->off_to + 1;
            f->cycle = next;
            continue;
        }
        ibex_if_cycle(f, 0, false, 0);
    }
}

/* pc_set in cycle `at` (or now, if the buffer is already past it). */
static inline void ibex_if_redirect(struct ibex_if *f, uint64_t at, uint32_t target)
{
    ibex_if_run_to(f, at);
    ibex_if_cycle(f, 0, true, target);
}

/* Run until ID, ready from cycle `from`, takes the instruction at pc; returns the cycle
 * in which it is in ID. */
static inline uint64_t ibex_if_handover(struct ibex_if *f, uint64_t from, uint32_t pc,
                                        unsigned len)
{
    if (unlikely(f->pc != pc)) {
        /* The stream went somewhere the model did not redirect it (a debugger, a reset):
         * fetch from pc as a branch in ID would. */
        ibex_if_redirect(f, from, pc);
    }
    ibex_if_run_to(f, from);
    for (int i = 0; i < 1 << 16; i++) {
        if (ibex_if_cycle(f, len, false, 0))
            return f->cycle;
        if (f->nout == 0 && !ibex_if_req_on(f, f->cycle))
            f->off_to = f->cycle; /* never wait forever on a stopped fetch */
    }
    return f->cycle;
}

/* The packed state (struct rv_ibex_fetch.st), relative to the next cycle to simulate, in
 * bits 6 and up (bits 0-5 are 0, for the question in a memo index):
 *   bits 0-1 words in the FIFO, 2-3 requests outstanding, 4-5 their discard bits,
 *   6-8 and 9-11 the low three bits of each request's return cycle minus f->cycle
 *   (0 when there is no such request), 12-17 and 20-25 the bits above them (a request
 *   returns at most lat <= 272 cycles out, so bit 31 is the highest one used).
 * A state below 1 << IBEX_KEY_BITS (every request back within 7 cycles) is a memo key. */
#define IBEX_ST_SHIFT 6
#define IBEX_KEY_BITS 12
#define IBEX_KEY_LIMIT (1u << (IBEX_KEY_BITS + IBEX_ST_SHIFT)) /* f->st below it: a key */
#define IBEX_MEMO_WAIT 16                           /* ID ready 0..15 cycles ahead */
#define IBEX_MEMO_HANDOVER (1u << (IBEX_KEY_BITS + 6)) /* state, pc bit 1, 32-bit, wait */
#define IBEX_MEMO_REDIRECT (1u << (IBEX_KEY_BITS + 4)) /* state, wait */
#define IBEX_MEMO_SETTLE (1u << IBEX_KEY_BITS)         /* state */

static inline void ibex_if_unpack(struct ibex_if *u, const struct rv_ibex_fetch *f)
{
    uint32_t st = f->st >> IBEX_ST_SHIFT;
    u->cycle = f->cycle;
    u->nfifo = st & 3;
    u->nout = st >> 2 & 3;
    u->discard = st >> 4 & 3;
    u->ret[0] = f->cycle + ((st >> 6 & 7) | (st >> 12 & 0xff) << 3);
    u->ret[1] = f->cycle + ((st >> 9 & 7) | (st >> 20 & 0xff) << 3);
    u->off_from = f->off_from;
    u->off_to = f->off_to;
    u->pc = f->pc;
    u->lat = f->lat;
}

static inline void ibex_if_pack(struct rv_ibex_fetch *f, const struct ibex_if *u)
{
    uint32_t r0 = u->nout > 0 ? (uint32_t)(u->ret[0] - u->cycle) : 0;
    uint32_t r1 = u->nout > 1 ? (uint32_t)(u->ret[1] - u->cycle) : 0;
    f->cycle = u->cycle;
    f->st = (u->nfifo | u->nout << 2 | (u->discard & ((1u << u->nout) - 1)) << 4 |
             (r0 & 7) << 6 | (r1 & 7) << 9 | (r0 >> 3) << 12 | (r1 >> 3) << 20)
            << IBEX_ST_SHIFT;
    f->off_from = u->off_from;
    f->off_to = u->off_to;
    f->pc = u->pc;
    if (f->st >= IBEX_KEY_LIMIT || f->cycle <= f->off_to)
        f->tab = NULL; /* not a key: the memo is not asked until the state is one again */
}

/* No new fetch requests in cycles [from, to]; the memo is not asked meanwhile. */
static inline void ibex_fetch_stop(struct rv_ibex_fetch *f, uint64_t from, uint64_t to)
{
    f->off_from = from;
    f->off_to = to;
    f->tab = NULL;
}

/* The memo slot of a question (index: its bits beside the state), or NULL when the state
 * is not a key (a fetch stop ahead, returns too far out, a long wait or latency) or memory
 * is short.  Allocates the table for the buffer's latency when first needed. */
static inline uint32_t *ibex_memo_slot(struct rv_ibex_memo *m, struct rv_ibex_fetch *f,
                                       uint64_t wait, uint32_t index)
{
    if (!m || f->st >= IBEX_KEY_LIMIT || wait >= IBEX_MEMO_WAIT || f->lat >= RV_IBEX_MEMO_LAT ||
        f->cycle <= f->off_to)
        return NULL;
    if (!m->tab[f->lat])
        m->tab[f->lat] = calloc(IBEX_MEMO_HANDOVER + IBEX_MEMO_REDIRECT + IBEX_MEMO_SETTLE,
                                sizeof(uint32_t));
    f->tab = m->tab[f->lat];
    return f->tab ? &f->tab[index] : NULL;
}

/* A memo entry: the state after (f->st, below IBEX_KEY_LIMIT) and the cycles simulated
 * (never 0) above it; 0 = not worked out yet. */
#define IBEX_ENTRY_SHIFT (IBEX_KEY_BITS + IBEX_ST_SHIFT)
static inline void ibex_memo_put(uint32_t *slot, const struct rv_ibex_fetch *f, uint64_t start)
{
    if (slot && f->st < IBEX_KEY_LIMIT && f->cycle - start < 1u << (32 - IBEX_ENTRY_SHIFT))
        *slot = (uint32_t)(f->cycle - start) << IBEX_ENTRY_SHIFT | f->st;
}

/* The state and cycle an entry says the question leads to. */
static inline IBEX_HOT void ibex_memo_apply(struct rv_ibex_fetch *f, uint32_t e)
{
    f->st = e & (IBEX_KEY_LIMIT - 1);
    f->cycle += e >> IBEX_ENTRY_SHIFT;
}

/* The memo's answer for a question in the slot at index, if there is one. */
static inline IBEX_HOT bool ibex_memo_get(struct rv_ibex_fetch *f, uint64_t wait, uint32_t index)
{
    /* f->tab is NULL unless the state is a key and no fetch stop lies ahead */
    if (unlikely(!f->tab || wait >= IBEX_MEMO_WAIT))
        return false;
    uint32_t e = f->tab[index];
    if (unlikely(!e))
        return false;
    ibex_memo_apply(f, e);
    return true;
}

static inline IBEX_HOT uint64_t ibex_wait(const struct rv_ibex_fetch *f, uint64_t at)
{
    return at > f->cycle ? at - f->cycle : 0;
}

static inline IBEX_HOT uint32_t ibex_redirect_index(const struct rv_ibex_fetch *f, uint64_t wait)
{
    return IBEX_MEMO_HANDOVER + (f->st >> 2 | (uint32_t)wait);
}

static inline IBEX_HOT uint32_t ibex_settle_index(const struct rv_ibex_fetch *f)
{
    return IBEX_MEMO_HANDOVER + IBEX_MEMO_REDIRECT + (f->st >> IBEX_ST_SHIFT);
}

/* shape: rv_fetch_shape of the instruction (bits 4 and 5; the model sets no RV_F_MODEL bits,
 * so struct rv_insn's fetch is its shape) */
static inline IBEX_HOT uint32_t ibex_handover_index(const struct rv_ibex_fetch *f, uint64_t wait,
                                                    unsigned shape)
{
    return f->st | shape | (uint32_t)wait;
}

/* The memo's settle entry applied (see ibex_settle), when there is one. */
static inline IBEX_HOT uint64_t ibex_settled(struct rv_ibex_fetch *f, uint64_t at, uint64_t wait)
{
    uint32_t e = f->tab[ibex_settle_index(f)];
    if (!e || (e >> IBEX_ENTRY_SHIFT) - 1 + IBEX_MEMO_WAIT - 1 > wait)
        return wait;
    f->st = e & (IBEX_KEY_LIMIT - 1);
    f->cycle = at - (IBEX_MEMO_WAIT - 1);
    return IBEX_MEMO_WAIT - 1;
}

/* A wait of IBEX_MEMO_WAIT cycles or more (after a divide, say), too long for a memo key:
 * the buffer fills up and then stands still, so if it has settled by IBEX_MEMO_WAIT - 1
 * cycles before `at`, skip to there in the settled state.  The memo keeps, per state, the
 * settled state and one more than the cycles it takes.  Returns the wait left. */
static __attribute__((unused)) uint64_t ibex_settle(struct rv_ibex_memo *m,
                                                    struct rv_ibex_fetch *f, uint64_t at)
{
    uint64_t wait = ibex_wait(f, at);
    uint32_t *slot;
    if (wait < IBEX_MEMO_WAIT || !(slot = ibex_memo_slot(m, f, 0, ibex_settle_index(f))))
        return wait;
    if (!*slot) {
        struct ibex_if u;
        ibex_if_unpack(&u, f);
        while (u.nout || u.nfifo < 3) {
            if (u.cycle - f->cycle > 64)
                return wait; /* does not settle (it always does while fetching is on) */
            ibex_if_cycle(&u, 0, false, 0);
        }
        struct rv_ibex_fetch g = *f;
        ibex_if_pack(&g, &u);
        *slot = (uint32_t)(u.cycle - f->cycle + 1) << IBEX_ENTRY_SHIFT | g.st;
    }
    return ibex_settled(f, at, wait);
}

/* ---- IF with the instruction cache (ibex_icache.c) ---- */

static inline void ibex_ic_in(const struct rv_ibex_fetch *f)
{
    f->ic->off_from = f->off_from;
    f->ic->off_to = f->off_to;
}

static inline void ibex_ic_out(struct rv_ibex_fetch *f)
{
    f->cycle = f->ic->cycle;
    f->off_to = f->ic->off_to;
}

static __attribute__((noinline, unused)) void
ibex_ic_redirect(struct rv_ibex_fetch *f, uint64_t at, uint32_t target)
{
    ibex_ic_in(f);
    ibex_ic_run_to(f->ic, at);
    ibex_ic_cycle(f->ic, 0, true, target);
    f->pc = target;
    ibex_ic_out(f);
}

static __attribute__((noinline, unused)) uint64_t
ibex_ic_handover(struct rv_ibex_fetch *f, uint64_t from, uint32_t pc, unsigned len)
{
    struct ibex_icache *ic = f->ic;
    ibex_ic_in(f);
    if (ic->out_pc != pc) { /* moved outside the pipeline: fetch from pc as a branch would */
        ibex_ic_run_to(ic, from);
        ibex_ic_cycle(ic, 0, true, pc);
    }
    ic->next_len = (uint8_t)len;
    ibex_ic_run_to(ic, from);
    for (int i = 0; i < 1 << 16; i++) {
        if (ibex_ic_cycle(ic, len, false, 0))
            break;
        if (ic->cycle >= ic->off_from && ic->cycle <= ic->off_to)
            ic->off_to = ic->cycle; /* never wait forever on a stopped fetch */
    }
    f->pc = pc + len;
    ibex_ic_out(f);
    return ic->cycle;
}

/* The first cycle the cache is not busy from `from` on (a copy is simulated). */
static __attribute__((noinline, unused)) uint64_t ibex_ic_idle_from(const struct rv_ibex_fetch *f,
                                                                    uint64_t from)
{
    struct ibex_icache u = *f->ic;
    u.off_from = f->off_from;
    u.off_to = f->off_to;
    ibex_ic_run_to(&u, from);
    for (int i = 0; i < 1024 && ibex_ic_busy(&u); i++)
        ibex_ic_cycle(&u, 0, false, 0);
    return u.cycle;
}

/* The simulation behind the memo, which also fills it in. */
static __attribute__((noinline, unused)) void
ibex_redirect_slow(struct rv_ibex_memo *m, struct rv_ibex_fetch *f, uint64_t at, uint32_t target)
{
    if (f->ic) {
        ibex_ic_redirect(f, at, target);
        return;
    }
    uint64_t wait = ibex_settle(m, f, at);
    uint32_t index = ibex_redirect_index(f, wait);
    if (ibex_memo_get(f, wait, index)) {
        f->pc = target;
        return;
    }
    uint32_t *slot = ibex_memo_slot(m, f, wait, index);
    uint64_t start = f->cycle;
    struct ibex_if u;
    ibex_if_unpack(&u, f);
    ibex_if_redirect(&u, at, target);
    ibex_if_pack(f, &u);
    ibex_memo_put(slot, f, start);
}

static __attribute__((noinline, unused)) uint64_t
ibex_handover_slow(struct rv_ibex_memo *m, struct rv_ibex_fetch *f, uint64_t from, uint32_t pc,
                   unsigned len)
{
    if (f->ic)
        return ibex_ic_handover(f, from, pc, len);
    uint32_t *slot = NULL;
    if (f->pc == pc) { /* else the stream is redirected first: not a memo question */
        uint64_t wait = ibex_settle(m, f, from);
        uint32_t index = ibex_handover_index(f, wait, rv_fetch_shape(pc, len));
        if (ibex_memo_get(f, wait, index)) {
            f->pc = pc + len;
            return f->cycle;
        }
        slot = ibex_memo_slot(m, f, wait, index);
    }
    uint64_t start = f->cycle;
    struct ibex_if u;
    ibex_if_unpack(&u, f);
    uint64_t s = ibex_if_handover(&u, from, pc, len);
    ibex_if_pack(f, &u);
    ibex_memo_put(slot, f, start);
    return s;
}

/* ibex_if_redirect and ibex_if_handover on the packed state, answered by the memo where
 * it can. */
static inline IBEX_HOT void ibex_redirect(struct rv_ibex_memo *m, struct rv_ibex_fetch *f,
                                          uint64_t at, uint32_t target)
{
    uint64_t wait = ibex_wait(f, at);
    if (likely(ibex_memo_get(f, wait, ibex_redirect_index(f, wait)))) {
        f->pc = target;
    } else {
        struct rv_ibex_fetch g = *f; /* f stays a local of the run loop (not escaped) */
        ibex_redirect_slow(m, &g, at, target);
        *f = g;
    }
}

static inline IBEX_HOT uint64_t ibex_handover(struct rv_ibex_memo *m, struct rv_ibex_fetch *f,
                                              uint64_t from, uint32_t pc, unsigned len)
{
    uint64_t wait = ibex_wait(f, from);
    uint32_t index = ibex_handover_index(f, wait, rv_fetch_shape(pc, len));
    if (likely(f->pc == pc && ibex_memo_get(f, wait, index))) {
        f->pc = pc + len;
        return f->cycle;
    }
    struct rv_ibex_fetch g = *f;
    uint64_t s = ibex_handover_slow(m, &g, from, pc, len);
    *f = g;
    return s;
}

/* ---- ID/EX ---- */

/* The registers an instruction reads (the writeback configuration's operand stall): the
 * operation table's r1 and r2 columns.  An illegal instruction is taken to read the
 * register in its rs1 field, as most encodings do. */
static inline bool ibex_reads_rs1(unsigned op)
{
    return rv_op_is(op, RV_OF_R1) || op == RV_ILLEGAL;
}

static inline bool ibex_reads_rs2(unsigned op) { return rv_op_is(op, RV_OF_R2); }

/* A CSR write makes Ibex flush the pipeline: the controller then takes two more cycles
 * (DECODE, FLUSH) before ID takes the next instruction, whatever the value written.
 * Measured on the RTL (../shared/reference/ibex and ibex-ext, "Timing rules observed"):
 * every write, set or clear of mstatus, mie, mtvec, mcause, mcountinhibit, mcycle,
 * minstret, pmpcfg*, pmpaddr* and cpuctrlsts flushes, also when the value does not change;
 * writes to mscratch and mepc do not.  The CSRs no row writes (mtval, the hpm counters and
 * selectors, mseccfg, the debug CSRs) follow the rule all of the measured ones fit: every
 * write but those two. */
static inline bool ibex_csr_flushes(const struct rv_insn *d)
{
    uint32_t csr = (uint32_t)d->imm & 0xfff;
    /* csrrs/csrrc (and the immediate forms) with x0 / 0 only read. */
    if (d->op != RV_CSRRW && d->op != RV_CSRRWI && d->rs1 == 0)
        return false;
    return csr != 0x340 && csr != 0x341; /* mscratch, mepc */
}

/* Index of the highest set bit (v != 0). */
static inline unsigned ibex_msb(uint32_t v) { return 31u - (unsigned)__builtin_clz(v); }

/* Cycles in ID/EX of a multiply or divide (Ibex instruction_decode_execute: MULT/DIV). */
static inline IBEX_HOT unsigned ibex_muldiv_cycles(const struct rv_ibex *ib, unsigned tc,
                                                   uint32_t b)
{
    if (tc == RV_T_DIV)
        return b == 0 ? 2 : 37; /* long division; divide by zero finishes in cycle 1 */
    bool mulh = tc == RV_T_MULH;
    switch (ib->rv32m) {
    case RV_MUL_SINGLE_CYCLE: return mulh ? 2 : 1;
    case RV_MUL_SLOW:
        /* Shift-add over the bits of rs2: stops after its highest set bit; MULH* 33. */
        if (mulh)
            return 33;
        return b < 2 ? 2 : 2 + ibex_msb(b);
    default: return mulh ? 4 : 3;
    }
}

/* Cycles in ID/EX of an ALU operation: Ibex's multi-cycle bit manipulation (rotates, the
 * ternary operations, crc32, bcompress/bdecompress; its alu_multicycle) takes two, measured
 * on the RTL (shared/reference/ibex-ext: k_b_rol_*, k_b_cmov_*, k_b_crc32_*); the rest one. */
static inline IBEX_HOT unsigned ibex_alu_cycles(unsigned tc) { return tc == RV_T_ALU2 ? 2 : 1; }

/* Wake from wfi: the SLEEP state sees the interrupt in cycle W (the returned value);
 * fetching resumes in FIRST_FETCH, W + 1. */
static inline IBEX_HOT uint64_t ibex_wake(struct rv_ibex_state *t, uint64_t now)
{
    uint64_t w = now > t->sleep_from ? now : t->sleep_from;
    ibex_fetch_stop(&t->f, t->f.off_from, w);
    t->asleep = false;
    t->ready_from = w + 1;
    t->drained = true;
    return w;
}

/* Asleep in wfi, Ibex gates its core clock (ibex_top: the clock enable is the registered
 * busy signal of the controller, IF and LSU, or a pending interrupt): mcycle stops while
 * time goes on.  The controller is idle from WAIT_SLEEP (the cycle before sleep_from, the
 * first SLEEP cycle); IF is busy while a fetch request is outstanding, so a request made
 * in FLUSH keeps the clock on one cycle longer (measured: a wfi after a taken branch).
 * Returns the first cycle without a clock. */
static inline uint64_t ibex_gate_from(const struct rv_ibex_fetch *f, uint64_t sleep_from)
{
    if (f->ic) { /* the cache is busy while a request is in flight or it invalidates */
        uint64_t from = ibex_ic_idle_from(f, sleep_from - 1) + 1;
        return from > sleep_from ? from : sleep_from;
    }
    struct ibex_if u;
    ibex_if_unpack(&u, f);
    ibex_if_run_to(&u, sleep_from - 1); /* the requests made up to FLUSH */
    /* busy while outstanding (up to its response), enabling the cycle after */
    uint64_t from = u.nout ? u.ret[u.nout - 1] + 2 : 0;
    return from > sleep_from ? from : sleep_from;
}

/* Operand stall of the writeback configuration: a source that a load in writeback has not
 * delivered yet holds the instruction in ID.  Returns the cycle it can execute.  A ternary
 * operation reads rs3 in its second cycle (the RTL's read port A has rs1 first, then rs3):
 * derived from the RTL's register reads, not measured (no reference kernel has a load
 * before one). */
static inline IBEX_HOT uint64_t ibex_operands(const struct rv_ibex *ib, const struct rv_insn *d,
                                              unsigned op, uint64_t s, bool wb)
{
    if (!wb)
        return s;
    uint64_t r = s;
    if (ibex_reads_rs1(op) && ib->reg_ready[d->rs1] > r)
        r = ib->reg_ready[d->rs1];
    if (ibex_reads_rs2(op) && ib->reg_ready[d->rs2] > r)
        r = ib->reg_ready[d->rs2];
    if (rv_op_is(op, RV_OF_R3) && ib->reg_ready[rv_rs3(d->imm)] > r + 1)
        r = ib->reg_ready[rv_rs3(d->imm)] - 1;
    return r;
}

/* The cycle in which the instruction d at pc enters ID, on state t (no statistics).
 * Fetch latency: the memory's cycle, the simple system's extra delay, and the wait states
 * of the region the instruction comes from. */
static __attribute__((noinline, unused)) uint64_t
ibex_enter_slow(const struct rv_cpu *c, struct rv_ibex_state *t, uint32_t pc,
                const struct rv_insn *d)
{
    if (t->asleep)
        ibex_wake(t, c->cycle);
    /* The fast path does not keep f.pc: the stream has gone on to pc, unless the pc was
     * moved behind the pipeline's back (then ibex_handover refetches from pc). */
    if (!t->f.resync)
        t->f.pc = pc;
    t->f.resync = false;
    const struct rv_ibex *ib = ibex_of(c);
    uint16_t lat = (uint16_t)(1 + ib->ifetch_delay + d->fetch_wait);
    t->f.fetch_wait = d->fetch_wait;
    if (lat != t->f.lat) {
        t->f.lat = lat;
        t->f.tab = NULL; /* the next slow path finds lat's */
    }
    return ibex_handover(ib->memo, &t->f, t->ready_from, pc, d->len);
}

/* The common case first: same wait states as the instruction before, and the memo knows
 * the answer (it is not asked while asleep: a fetch stop keeps f.tab NULL). */
static inline IBEX_HOT uint64_t ibex_enter(const struct rv_cpu *c, struct rv_ibex_state *t,
                                           uint32_t pc, const struct rv_insn *d)
{
    struct rv_ibex_fetch *f = &t->f;
    uint64_t wait = ibex_wait(f, t->ready_from);
    if (unlikely(wait >= IBEX_MEMO_WAIT) && f->tab)
        wait = ibex_settled(f, t->ready_from, wait); /* after a divide, say */
    /* f.pc is left behind on a hit: ibex_enter_slow catches up */
    if (likely(d->fetch_wait == f->fetch_wait &&
               ibex_memo_get(f, wait, ibex_handover_index(f, wait, d->fetch))))
        return f->cycle;
    struct rv_ibex_state u = *t; /* t stays a local of the run loop (not escaped) */
    uint64_t s = ibex_enter_slow(c, &u, pc, d);
    *t = u;
    return s;
}

/* Enter ID for real: statistics for the wait since ID was ready. */
static inline IBEX_HOT uint64_t ibex_enter_stats(struct rv_cpu *c, struct rv_ibex_state *t,
                                        const struct rv_insn *d, uint32_t pc)
{
    uint64_t s = ibex_enter(c, t, pc, d);
    uint64_t earliest = t->ready_from + 1;
    if (s > earliest)
        c->stats.stall[t->gap_cause] += s - earliest;
    return s;
}

static inline IBEX_HOT void ibex_set_cycle(struct rv_cpu *c, uint64_t cyc)
{
    if (cyc > c->cycle)
        c->cycle = cyc;
}

/* The run loop keeps the pipeline state in a local between its calls out, apart from c,
 * which the loop's stores may alias; the hooks other than tm_insn see it in the model's
 * state (ibex_of: in the CPU, so the loop needs no TM_STATE). */
#define TM_LOCAL struct rv_ibex_state
static inline void tm_local_in(const struct rv_cpu *c, struct rv_ibex_state *t)
{
    *t = ibex_of(c)->st;
}
static inline void tm_local_out(struct rv_cpu *c, const struct rv_ibex_state *t)
{
    ibex_of(c)->st = *t;
}

/* --pipeline: the row of instruction d, which entered ID in cycle s, executed from ex and
 * left ID/EX after cycle `ready` (cause: what the cycles after ex count as); ID was ready
 * for it from cycle rf0 + 1 (the wait counting as gap); redirect: the cycle it set the PC
 * (UINT64_MAX: none); its writeback stage [wb_from, wb_to).  Stalls as --stats counts
 * them. */
static __attribute__((noinline, cold, unused)) void
ibex_pipe(struct rv_cpu *c, const struct rv_insn *d, uint64_t s, uint64_t ex, uint64_t ready,
          unsigned cause, uint64_t rf0, unsigned gap, uint64_t redirect, uint64_t wb_from,
          uint64_t wb_to)
{
    struct pipe_row r = {.seq = c->instret - 1};
    uint64_t f = c->pipe_if < s ? c->pipe_if : s - 1;
    rv_pipe_stage(&r, "IF", f, s);
    rv_pipe_stage(&r, "ID/EX", s, ready + 1);
    rv_pipe_stage(&r, "WB", wb_from, wb_to);
    rv_pipe_stall(&r, gap, rf0 + 1, s);
    rv_pipe_stall(&r, RV_STALL_LOAD_USE, s, ex);
    rv_pipe_stall(&r, cause, ex + 1, ready + 1);
    rv_pipe_insn(c, d, d->pc, NULL, &r);
    c->pipe_if = s;
    if (redirect != UINT64_MAX) {
        /* What IF held behind it is thrown away when the PC changes. */
        struct pipe_row n = {.seq = c->instret, .flushed = true};
        rv_pipe_stage(&n, "IF", s, redirect + 1);
        rv_pipe_insn(c, NULL, d->pc + d->len, "(flushed)", &n);
        c->pipe_if = redirect;
    }
}

/* Ibex's performance counters (mhpmcounter3 and up, hard-wired events; Ibex reference,
 * "Performance Counters"): 3 cycles waiting for data memory (a response, or a load's
 * result in the writeback configuration), 4 cycles ID waits for an instruction, 5 loads,
 * 6 stores, 7 jumps, 8 branches, 9 taken branches, 10 compressed instructions, 11 and 12
 * cycles waiting for a multiply or a divide.  `iwait` is the wait for this instruction,
 * `dwait` and `mwait` its own extra cycles for memory or mul/div. */
static __attribute__((noinline, unused)) void
ibex_hpm(struct rv_cpu *c, const struct rv_insn *d, unsigned tc, const struct rv_exec *x,
         uint64_t iwait, uint64_t dwait, uint64_t mwait)
{
    uint64_t ev[10] = {
        dwait,
        iwait,
        rv_tclass_in(tc, RV_TM_LOAD),
        rv_tclass_in(tc, RV_TM_STORE),
        tc == RV_T_JUMP || tc == RV_T_FENCE_I,
        tc == RV_T_BRANCH,
        tc == RV_T_BRANCH && x->taken,
        d->len == 2,
        rv_tclass_in(tc, RV_TM(MUL) | RV_TM(MULH)) ? mwait : 0,
        tc == RV_T_DIV ? mwait : 0,
    };
    unsigned n = c->hpm_counters < 10 ? c->hpm_counters : 10;
    for (unsigned i = 0; i < n; i++)
        if (!(c->mcountinhibit >> (3 + i) & 1))
            c->hpm.count[i] += ev[i];
}

/* After each retired instruction: it enters ID, then its cycles in ID/EX and what it does
 * to the rest of the pipeline (t: the run loop's copy of the pipeline state, ib->st).
 * Inlined into every
 * handler of the run loop, where op is a constant, so each keeps only its own class's
 * branch; wb and btalu (the writeback stage and the branch target ALU) are constants too,
 * run_ibex.c building one loop per setting, and rare (performance counters count,
 * SecureIbex's data-independent timing may be on, or --pipeline records (ibex_pipe): one
 * more loop, so that the others pay nothing for them). */
static inline __attribute__((always_inline)) void
tm_insn(struct rv_cpu *c, const struct rv_insn *d, const struct rv_exec *x, unsigned op,
        struct rv_ibex_state *t, bool wb, bool btalu, bool rare)
{
    unsigned tc = rv_tclass(d, op);
    uint64_t rf0 = t->ready_from;
    unsigned gap0 = t->gap_cause;
    uint64_t redirect = UINT64_MAX, wb_from = 0, wb_to = 0;
    uint64_t s = ibex_enter_stats(c, t, d, d->pc);
    uint64_t ex = ibex_operands(ibex_of(c), d, op, s, wb);
    uint64_t ready = ex; /* first cycle ID may take the next instruction */
    bool drained = false; /* ID is empty (DECODE) in cycle `ready` */
    uint8_t gap = RV_STALL_FETCH;
    int cause = RV_STALL_FETCH;
    if (ex > s)
        c->stats.stall[RV_STALL_LOAD_USE] += ex - s;

    if (wb && d->rd && rv_op_is(op, RV_OF_WD))
        ibex_of(c)->reg_ready[d->rd] = 0;
    if (rv_tclass_in(tc, RV_TM_MEM) && x->mem) {
        /* One request per word touched; the second of a split access follows the first. */
        uint64_t last_req = ex + (x->mem_split ? 1 : 0);
        uint64_t resp = last_req + 1 + x->mem_wait;
        if (wb) {
            /* The response is awaited in writeback: ID moves on after the last request,
             * and a load's consumer waits for the data. */
            ready = last_req;
            if (ready < t->wb_free)
                ready = t->wb_free;
            t->wb_free = resp;
            wb_from = last_req + 1;
            wb_to = resp + 1;
            if (d->rd && rv_op_is(op, RV_OF_WD))
                ibex_of(c)->reg_ready[d->rd] = resp + 1;
            t->wb_load = (uint8_t)(rv_op_is(op, RV_OF_WD) ? d->rd : 0);
        } else {
            ready = resp;
        }
        cause = RV_STALL_MEM;
    } else if (rv_tclass_in(tc, RV_TM_MULDIV)) {
        /* data-independent timing: no early end of a divide by zero */
        uint32_t b = rare && tc == RV_T_DIV && (c->cpuctrl & RV_CPUCTRL_DIT) ? 1 : x->b;
        ready = ex + ibex_muldiv_cycles(ibex_of(c), tc, b) - 1;
        cause = RV_STALL_MULDIV;
    } else if (tc == RV_T_ALU2) {
        ready = ex + ibex_alu_cycles(tc) - 1;
        cause = RV_STALL_ALU;
    } else if (tc == RV_T_JUMP || tc == RV_T_FENCE_I) {
        /* The jump target goes out the cycle the jump is in ID/EX; without the branch
         * target ALU the jump stays a second cycle in ID/EX.  fence.i is such a jump to
         * the next instruction (it flushes the prefetch buffer), which also starts the
         * cache's invalidation in that cycle. */
        if (unlikely(t->f.ic) && tc == RV_T_FENCE_I)
            t->f.ic->inval_at = ex;
        ibex_redirect(ibex_of(c)->memo, &t->f, ex, x->next_pc);
        redirect = ex;
        ready = btalu ? ex : ex + 1;
        cause = gap = RV_STALL_BRANCH;
    } else if (tc == RV_T_BRANCH) {
        /* Data-independent timing (SecureIbex, cpuctrlsts.data_ind_timing): a branch not
         * taken jumps to the next instruction, as long as a taken one. */
        if (x->taken || (rare && (c->cpuctrl & RV_CPUCTRL_DIT))) {
            /* Condition in the first cycle; without the branch target ALU the target is
             * computed (and requested) in the second. */
            uint64_t at = btalu ? ex : ex + 1;
            ibex_redirect(ibex_of(c)->memo, &t->f, at, x->next_pc);
            redirect = at;
            ready = at;
            cause = gap = RV_STALL_BRANCH;
        }
    } else if (tc == RV_T_MRET) {
        /* DECODE, then FLUSH sets the PC to mepc (after writeback is done). */
        uint64_t fl = ex + 1 > t->wb_free + 1 ? ex + 1 : t->wb_free + 1;
        ibex_redirect(ibex_of(c)->memo, &t->f, fl, x->next_pc);
        redirect = fl;
        ready = fl + 1;
        drained = true;
        cause = gap = RV_STALL_TRAP;
    } else if (tc == RV_T_CSR) {
        if (unlikely(t->f.ic) && ((uint32_t)d->imm & 0xfff) == 0x7c0) {
            /* cpuctrlsts.icache_enable reaches the cache the cycle after the write */
            t->f.ic->enable_next = c->cpuctrl & RV_CPUCTRL_ICACHE;
            t->f.ic->enable_at = ex + 1;
        }
        if (ibex_csr_flushes(d)) {
            /* DECODE, FLUSH (IF halted), then ID takes the next instruction. */
            uint64_t fl = ex + 1 > t->wb_free + 1 ? ex + 1 : t->wb_free + 1;
            ready = fl + 1;
            drained = true;
            cause = RV_STALL_CSR;
        }
    } else if (tc == RV_T_WFI) {
        /* DECODE, FLUSH, WAIT_SLEEP and SLEEP fetch nothing new; with an interrupt
         * pending SLEEP leaves at once and FIRST_FETCH takes the next instruction. */
        uint64_t fl = ex + 1 > t->wb_free + 1 ? ex + 1 : t->wb_free + 1;
        t->sleep_from = fl + 2;
        cause = RV_STALL_WFI;
        if (c->wfi) {
            ibex_fetch_stop(&t->f, fl + 1, UINT64_MAX);
            c->clock_gated_from = ibex_gate_from(&t->f, t->sleep_from);
            t->asleep = true;
            c->stats.stall[cause] += t->sleep_from - ex;
            t->ready_from = t->sleep_from;
            t->gap_cause = RV_STALL_WFI;
            ibex_set_cycle(c, t->sleep_from);
            if (rare && unlikely(OUTPUT_HOOK(c->pipe)))
                ibex_pipe(c, d, s, ex, t->sleep_from, cause, rf0, gap0, redirect, 0, 0);
            return;
        }
        ibex_fetch_stop(&t->f, fl + 1, fl + 2);
        ready = fl + 3;
        drained = true;
    }
    if (wb && !x->mem && ready < t->wb_free)
        ready = t->wb_free; /* writeback still waits for a response: ID cannot hand over */
    if (ready > ex)
        c->stats.stall[cause] += ready - ex;
    if (rare && unlikely(OUTPUT_HOOK(c->pipe))) {
        if (wb && !wb_to)
            wb_from = ready + 1, wb_to = ready + 2;
        ibex_pipe(c, d, s, ex, ready, (unsigned)cause, rf0, gap0, redirect, wb_from, wb_to);
    }
    if (rare && c->hpm_counters) {
        uint64_t extra = ready > ex ? ready - ex : 0, iwait = s - (t->ready_from + 1);
        ibex_hpm(c, d, tc, x, iwait,
                 (cause == RV_STALL_MEM ? extra : 0) + (ex - s), /* (ex > s: load-use) */
                 cause == RV_STALL_MULDIV ? extra : 0);
    }
    t->ready_from = ready;
    t->drained = drained;
    t->gap_cause = gap;
    ibex_set_cycle(c, ready + 1);
}

/* ---- privilege and PMP: what they add to a trap ---- */

/* PMP refused a data request (c->pmp_fault, cpu.h): the LSU reports it a cycle after a bus
 * error's response would come, and for the second request of a split access after that
 * one's: the fault arrives that many cycles later (measured on the RTL: k_pmp_u_store_r3
 * 194 cycles against k_u_storefault3's 191 for 3 faults; k_pmp_u_misaligned_cross, whose
 * second word is refused, 2 more).  Clears the note. */
static inline unsigned ibex_pmp_fault_cycles(struct rv_cpu *c)
{
    unsigned k = c->pmp_fault;
    c->pmp_fault = 0;
    return k;
}

/* mret, and wfi with mstatus.TW, are illegal in U mode; without the writeback stage
 * minstret counts them all the same (the RTL's count leaves out what the decoder finds
 * illegal, not what the controller does for the privilege level): k_u_mret5 178 and
 * k_u_wfi_tw3 124 instructions, 173 and 121 with the writeback stage. */
static inline void ibex_umode_illegal(struct rv_cpu *c, const struct rv_insn *d, uint32_t cause,
                                      bool wb)
{
    if (!wb && cause == RV_EXC_ILLEGAL && (d->op == RV_MRET || d->op == RV_WFI) &&
        c->priv == RV_PRIV_M && (c->mstatus & RV_MSTATUS_MPP) == 0)
        rv_minstret_add(c, 1);
}

/* --pipeline: the row of a trap's instruction d (it entered ID in cycle from), or of an
 * interrupt (d NULL; ID free from cycle from), the PC set to the handler in cycle at. */
static __attribute__((noinline, cold)) void ibex_pipe_trap(struct rv_cpu *c,
                                                           const struct rv_insn *d,
                                                           uint32_t cause, uint64_t from,
                                                           uint64_t at)
{
    struct pipe_row r = {.seq = c->instret, .flushed = true};
    uint64_t f = c->pipe_if <= from ? c->pipe_if : from;
    if (d) {
        rv_pipe_stage(&r, "IF", from > f ? f : from - 1, from);
        rv_pipe_stage(&r, "ID/EX", from, at + 1);
        rv_pipe_stall(&r, RV_STALL_TRAP, from, at + 1);
        rv_pipe_insn(c, d, c->mepc, "(trap)", &r);
    } else {
        rv_pipe_stage(&r, "IF", f, at + 1);
        rv_pipe_stall(&r, RV_STALL_TRAP, from, at + 1);
        rv_pipe_irq(c, c->mepc, cause, &r);
    }
    c->pipe_if = at;
}

/* Trap entry.  d != NULL: the instruction at mepc raised an exception in ID/EX; the
 * controller's FLUSH state sets the PC to the handler the next cycle.  d == NULL: an
 * interrupt, taken once ID is empty: IF halts while ID finishes its instruction, and the
 * first cycle ID is empty in DECODE moves to IRQ_TAKEN, which sets the PC.  After a
 * flush ID is already empty when it could take the next instruction. */
static inline void tm_trap(struct rv_cpu *c, const struct rv_insn *d, uint32_t cause)
{
    struct rv_ibex *ib = ibex_of(c);
    struct rv_ibex_state *t = &ib->st;
    uint64_t from, at;
    if (d) {
        uint64_t s = ibex_enter_stats(c, t, d, c->mepc);
        uint64_t ex = ibex_operands(ib, d, d->op, s, ib->writeback_stage);
        uint64_t last = ex;
        if (rv_tclass_in(d->tclass, RV_TM_LOAD | RV_TM_STORE))
            last = ex + 1 + ibex_pmp_fault_cycles(c); /* a fault comes with the response */
        ibex_umode_illegal(c, d, cause, ib->writeback_stage);
        at = last + 1 > t->wb_free + 1 ? last + 1 : t->wb_free + 1;
        from = s;
    } else if (t->asleep) {
        uint64_t w = ibex_wake(t, c->cycle);
        at = w + 2; /* SLEEP, FIRST_FETCH, IRQ_TAKEN */
        from = w;
    } else {
        at = t->ready_from + (t->drained ? 1 : 2);
        from = t->ready_from + 1;
    }
    if (at < t->f.cycle)
        at = t->f.cycle;
    ibex_redirect(ib->memo, &t->f, at, c->pc);
    t->ready_from = at + 1;
    t->drained = true;
    t->gap_cause = RV_STALL_TRAP;
    if (t->ready_from + 1 > from)
        c->stats.stall[RV_STALL_TRAP] += t->ready_from + 1 - from;
    ibex_set_cycle(c, t->ready_from + 1);
    if (unlikely(OUTPUT_HOOK(c->pipe)))
        ibex_pipe_trap(c, d, cause, from, at);
}

/* An interrupt whose line rose in cycle R is taken after the instruction that ID holds in
 * cycle R: the controller's DECODE state halts IF and lets that one finish (then, ID
 * empty, it moves to IRQ_TAKEN).  The run loop stops at the first instruction boundary at
 * or after R; when that is R itself and the next instruction enters ID in cycle R (it was
 * handed over in the cycle before), it runs first.  Worked out on a copy of the state. */
static inline bool ibex_irq_late(struct rv_cpu *c)
{
    if (c->wfi || c->cycle != c->irq_rise || !rv_irq_enabled(c))
        return false;
    struct rv_insn *d = &c->dcache[(c->pc >> 1) & (RV_DCACHE_SIZE - 1)];
    if (d->pc != c->pc)
        rv_fill(c, c->pc, d);
    struct rv_ibex_state t = ibex_of(c)->st;
    struct ibex_icache ic;
    if (t.f.ic) /* (asked on a copy of the cache too) */
        ic = *t.f.ic, t.f.ic = &ic;
    return ibex_enter(c, &t, c->pc, d) == c->cycle;
}
#define TM_IRQ_LATE ibex_irq_late

/* mcycle as a CSR instruction at c->pc sees it: the cycle it executes in ID/EX.  Worked
 * out on a copy of the state; tm_insn then finds the same cycle. */
static inline uint64_t tm_csr_cycle(const struct rv_cpu *c)
{
    const struct rv_ibex *ib = ibex_of(c);
    struct rv_ibex_state t = ib->st;
    struct ibex_icache ic;
    if (t.f.ic)
        ic = *t.f.ic, t.f.ic = &ic;
    const struct rv_insn *d = &c->dcache[(c->pc >> 1) & (RV_DCACHE_SIZE - 1)];
    uint64_t s = ibex_enter(c, &t, c->pc, d);
    return ibex_operands(ib, d, d->op, s, ib->writeback_stage);
}

/* After reset: fetching starts at the reset PC. */
static inline void tm_reset(struct rv_cpu *c)
{
    struct rv_ibex *ib = ibex_of(c);
    struct rv_ibex_state *t = &ib->st;
    memset(t, 0, sizeof(*t));
    memset(ib->reg_ready, 0, sizeof(ib->reg_ready));
    if (!ib->memo)
        ib->memo = calloc(1, sizeof(*ib->memo));
    t->f.cycle = c->cycle;
    t->f.lat = (uint16_t)(1 + ib->ifetch_delay);
    if (ib->ic) {
        ib->ic->enable = false; /* cpuctrlsts resets to 0 */
        ibex_ic_reset(ib->ic, c->cycle, t->f.lat);
        t->f.ic = ib->ic;
    }
    t->f.fetch_wait = 0;
    ibex_fetch_stop(&t->f, UINT64_MAX, 0);
    t->gap_cause = RV_STALL_FETCH;
    ibex_redirect(ib->memo, &t->f, c->cycle, c->pc);
    t->ready_from = c->cycle + 1;
}

#endif
