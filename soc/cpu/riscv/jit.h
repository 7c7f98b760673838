/* The block translator's tables, shared by jit.c (which fills them and runs the functional
 * model) and run_ibex.c (which runs the ibex model's blocks and times them).  Not public. */
#ifndef SOC_CPU_RISCV_JIT_H
#define SOC_CPU_RISCV_JIT_H

#include "soc/cpu/riscv/internal.h"

#define JIT_MAX_INSNS 64
#define JIT_MAP_BITS 15      /* direct-mapped pc -> block table */
#define JIT_PAGE_SLOTS 4096  /* pages holding translated code; full, it is flushed */
#define JIT_GRANULE_BITS 4   /* 16-byte granules, where stores into code are counted */
#define JIT_HOT_WRITES 8     /* such stores before a granule is left to the interpreter */

/* Why a block returned to the dispatcher (rdx); any larger value is a link to make (struct
 * jit_link), or for a timed block (below) an exit whose entries did not hold (even) or a
 * link + 1 (odd). */
enum { JIT_EXIT_JUMP = 0, JIT_EXIT_INTERP = 1, JIT_EXIT_BUDGET = 2 };
/* A traced block (struct jit_timing traced) that ran whole leaves with JIT_EXIT_JUMP, or
 * with this when its last instruction was a taken branch or a jump, c->jit_blk saying which
 * block (the dispatcher times it); or, where its compiled tail (struct jit_tail) timed it
 * and went on, with JIT_EXIT_TIMED (or a link to make) before a block whose entry check
 * did not hold, which has not run, at c->pc. */
enum { JIT_EXIT_TAKEN = 3, JIT_EXIT_TIMED = 4 };

/* Running a block: enter(&c->x[0], budget, code, skey) returns the budget left and why
 * (skey: a timed block's starting pipeline state, below). */
struct jit_ret {
    uint64_t budget;
    uint64_t how;
};
typedef struct jit_ret (*jit_enter_fn)(uint32_t *x, uint64_t budget, const uint8_t *code,
                                       uint64_t skey);

struct jit_head;

/* One of a block's exits to a known pc: its stub goes back to the dispatcher, which makes
 * it a direct jump to the block there once that is translated ("links" it); a store that
 * throws that block away turns the stub back. */
struct jit_link {
    uint8_t *stub;                  /* set_pc(target); lea rdx, [this link]; jmp exit */
    uint32_t target;
    struct jit_head *to;            /* linked to; NULL: the stub leaves for the dispatcher */
    struct jit_link *next, **pprev; /* in to->in */
};

/* What every block has, in the code buffer before its code: the guest bytes it was made
 * from, and its links, so that a store into those bytes throws it away, unlinking the
 * jumps into it, and nothing else. */
struct jit_head {
    uint32_t start, last;   /* guest bytes [start, last] */
    const uint8_t *code;
    struct jit_head *next;  /* the next block starting on the same page (struct jit_page) */
    struct jit_link *in;    /* the links jumping to it */
    struct jit_link out[2]; /* its exits to known pcs */
    unsigned nout;
};

struct jit_entry {
    /* pc | 1 (pcs are even), and above it the privilege level it was translated for (cpu.h
     * jit_key); 0 when empty, as calloc leaves it */
    uint64_t key;
    const uint8_t *code;   /* NULL: the first instruction is interpreted */
    struct jit_head *head; /* its block (a timed one: jit_timed) */
    uint32_t direct;       /* code may be jumped to from another block's code (an indirect
                            * jump looks the map up itself) */
};

/* For a timing model (ibex), a block's timing is replayed: the change it makes depends only
 * on the pipeline state it starts in (a key, run_ibex.c) and on what it did (how many
 * instructions ran, a branch taken or not, which divisors were 0, the operand class of a
 * first slow multiply, the memory windows' wait states).  The dispatcher keeps a small memo
 * of such changes in the block: cycles on from the start, the model's state after it
 * (struct jit_timing says which fields), and the stall counters such a run can move
 * (fetch, branch, memory, multiply/divide, multi-cycle ALU, load-use). */
#define JIT_TMEMO 4
#define JIT_SKEY_NONE (1ull << 63) /* "the state is not a key" */
#define JIT_TWAYS 4
#define JIT_MAX_DIVS 16 /* in a timed block */
#define JIT_TSTALLS 6   /* the stall counters a timed block can move (jit_tstalls) */
#define JIT_TRACED_WORDS 156 /* a traced block's model's own bytes / 8 */
#define JIT_ENTRY_WORDS 4   /* state words a traced block's entry check compares
                             * (struct jit_timing entry_words) */
struct jit_tentry {
    uint64_t key;     /* the state key */
    uint64_t what;    /* with key: what the block did (run_ibex.c); 0: empty */
    uint32_t divzero; /* with key: which of its divisors were 0 */
    uint32_t cycle;  /* cycles from the block's start */
    uint32_t time_b, word; /* the replayed fields (struct jit_timing) */
    int32_t time_a;
    uint8_t bytes[2];
    uint8_t wb_reg;          /* writeback: the register whose load is outstanding (or 0) */
    uint32_t wb_a, reg_a;    /* writeback: its end and that register's ready cycle, from
                              * the start */
    uint32_t stall[JIT_TSTALLS]; /* jit_tstalls' counters */
};
/* Timed blocks also replay in the translated code itself, with one entry per way out of a
 * block that runs it whole (taken, not taken): the code compares the key it was entered
 * with (r13: of the pipeline's state and the windows' wait states) with JIT_TWAYS entries'
 * (a loop whose pipeline state goes round four values needs four: muldiv's block after its
 * edge cases, entered from four paths in turn), and on a match makes
 * the change,
 * takes the next key and goes on to the next block (r12: the cycles left); on a miss it
 * returns the entry (JIT_EXIT_* below 4096 otherwise), and the dispatcher
 * times the block from the memo above and fills the entry in.  While the state is a key
 * the code carries it in the key alone: the model's fields are written only where the
 * state after a block is no key, and the dispatcher makes them from the key the code left
 * with (rv_jit.skey; run_ibex.c's from_key) otherwise.  The layout is the
 * translated code's: keep the back end's offsets in step. */
struct jit_texit {
    uint64_t skey;      /* JIT_SKEY_NONE: empty; the key of the state and the windows' wait
                         * states (run_ibex.c block_key) */
    uint64_t cycle;     /* (64 bits: the code takes it off the budget in one instruction) */
    uint32_t divzero;   /* c->jit_divzero, compared when the block has divides */
    uint32_t time_b, word;
    int32_t time_a;
    uint8_t bytes[2];   /* stored together */
    uint8_t taken;
    uint8_t wb_reg;     /* writeback (struct jit_tentry) */
    uint32_t wb_a, reg_a;
    uint32_t stall[JIT_TSTALLS]; /* jit_tstalls' counters */
    uint64_t next_skey; /* the key of the state after; JIT_SKEY_NONE: not a key */
    struct jit_block *blk;
};
/* The stall counters a timed block can move, in the order of the entries' stall[]: fetch,
 * branch, memory, multiply/divide, multi-cycle ALU, load-use (the writeback stage's). */
static const uint8_t jit_tstalls[JIT_TSTALLS] = {RV_STALL_FETCH, RV_STALL_BRANCH, RV_STALL_MEM,
                                                 RV_STALL_MULDIV, RV_STALL_ALU,
                                                 RV_STALL_LOAD_USE};

/* A replay may count its stalls in c->jit_stall (in jit_tstalls' order: the back end adds
 * an entry's counters there four at a time where the host can) rather than in the stats:
 * the dispatcher moves them to the stats when the code returns, before anything reads
 * them. */
static inline void rv_jit_fold_stalls(struct rv_cpu *c)
{
    for (unsigned i = 0; i < JIT_TSTALLS; i++) {
        c->stats.stall[jit_tstalls[i]] += c->jit_stall[i];
        c->jit_stall[i] = 0;
    }
}

/* What the translator needs of a model whose blocks replay its timing (struct rv_model
 * jit; the ibex model's is in run_ibex.c).  A replay takes the entry's cycles off the
 * budget (so that c->cycle, while the code runs, is c->jit_cycle_end minus the budget,
 * and the dispatcher sets it when the code returns) and sets four fields of the model's
 * state (c->tm), at these offsets: two 64-bit cycles, the block's start cycle plus time_a
 * (signed) and plus time_b; a 32-bit word; and two bytes.  Where the model has a writeback
 * stage (writeback(c)), two more: the 64-bit cycle at wb_free, the start plus wb_a, and of
 * the 64-bit cycles at reg_ready, one per register, register wb_reg's, the start plus
 * reg_a. */
struct jit_timing {
    uint32_t time_a, time_b, word, bytes;
    uint32_t wb_free, reg_ready;
    bool (*writeback)(const struct rv_cpu *c);
    /* The cycles the block ins[0..n) cannot exceed, whatever state it starts in, with
     * memory accesses of at most max_wait wait states. */
    uint32_t (*bound)(const struct rv_cpu *c, const struct rv_insn *ins, unsigned n,
                      unsigned max_wait);
    /* An operation whose cycles depend on an operand's value: it only starts a block,
     * which the dispatcher enters itself having read the operand (never linked to);
     * NULL: none. */
    bool (*first_only)(const struct rv_cpu *c, unsigned op);
    /* Traced: the block may be entered from another block's tail (struct jit_tail) only
     * where the 32-bit words of the model's state at offsets off[0..k) hold val[0..k)
     * (returns k; written to off and val up to JIT_ENTRY_WORDS; more: never so entered),
     * and the cycles left cover its bound; NULL: no other check. */
    unsigned (*entry_words)(const struct rv_cpu *c, const struct jit_block *b, uint32_t *off,
                            uint32_t *val);
    /* The blocks do not replay: they are traced.  A traced block (the e31 model's,
     * run_e31.c) writes down what its timing depends on beyond the instructions
     * themselves: for instruction i, a load's or store's address in c->jit_trace[2 i], a
     * divide's operands in c->jit_trace[2 i] and [2 i + 1]; the dispatcher then times the
     * instructions that ran from that, with the model's own hooks, after the block, or
     * the block's tail does (struct jit_tail) and goes on to the next block.  Only bound,
     * entry_words and traced are used. */
    bool traced;
};

struct jit_block {
    struct jit_head h;  /* first: a timed block's head is its block (jit_timed) */
    uint32_t n;         /* instructions */
    uint32_t bound;     /* cycles it cannot exceed, whatever the state (block_bound, jit.c) */
    uint8_t fetch_wait; /* of every instruction in it */
    uint8_t ndiv;       /* divides in it */
    uint8_t stall_mask; /* the counters its replay adds (stall_mask, jit.c) */
    bool wb;            /* it replays the writeback stage's state too (struct jit_timing) */
    uint8_t next;       /* memo entry to replace next */
    union {
        struct { /* a timed block's */
            struct jit_tentry memo[JIT_TMEMO];
            struct jit_texit exits[2][JIT_TWAYS]; /* not taken (or on), taken; most
                                                   * recent first */
        };
        struct { /* a traced block's: */
            /* the model's own, zero when translated (run_e31.c keeps its schedule there) */
            uint64_t traced[JIT_TRACED_WORDS];
            /* per way out (not taken, taken), the jump to patch to its tails (struct
             * jit_tail; NULL: no such way out) */
            uint8_t *tail_at[2];
        };
    };
    const uint8_t *unchecked; /* its code after the check of the cycles left (the
                               * dispatcher enters there when the exits' entries say the
                               * block fits) */
    struct rv_insn ins[];
};

static inline struct jit_block *jit_timed(struct jit_head *h) { return (struct jit_block *)h; }

/* One page with translated code: the blocks that start on it (a block is shorter than a
 * page, so the blocks overlapping a page start on it or on the one before), and per
 * granule how many stores threw blocks away there; a granule written JIT_HOT_WRITES times
 * is hot, and the instructions in it are interpreted from then on. */
#define JIT_PAGE_GRANULES (1u << (RV_PAGE_BITS - JIT_GRANULE_BITS))
struct jit_page {
    uint32_t page; /* page number + 1; 0 = empty slot */
    struct jit_head *blocks;
    uint64_t hot[JIT_PAGE_GRANULES / 64];
    uint8_t writes[JIT_PAGE_GRANULES];
};

struct rv_jit {
    uint8_t *buf, *p, *blocks; /* code buffer, emit point, first block */
    const uint8_t *exit;       /* the common exit */
    jit_enter_fn enter;
    uint64_t gen;              /* bumped by every flush: stale stubs are not linked */
    bool timed;                /* blocks for the ibex model, timed (above) */
    bool traced;               /* blocks for the e31 model, traced (struct jit_timing) */
    uint64_t skey;             /* timed: the state key the code left with (from r13) */
    int max_wait;              /* the largest wait state of a RAM/ROM region; -1: not yet */
    uint8_t waits_vary;        /* with it: bit 0, the RAM/ROM regions' read wait states
                                * differ (a memory window's can change); bit 1, the RAM
                                * regions' write wait states */
    void (*interp)(struct rv_cpu *c); /* the model's interpreter loop */
    unsigned npages, nhot; /* page slots in use; hot granules */
    /* blocks translated, thrown away by stores or the debugger, whole flushes (the tests
     * read them: their counts say that data beside code costs no translations) */
    uint64_t ntranslated, nremoved, nflushes;
    /* traced runs timed from their block's schedule (run_e31.c), and runs it did not fit: a
     * register or the multiplier not ready, a load hitting the store pipeline, a divide
     * taking another latency (the tests read them: random programs meet all four); of the
     * first, those whose divides took other latencies than the schedule's (run_e31.c
     * sched_shift) */
    uint64_t nsched, nsched_late, nsched_stq, nsched_div, nsched_moved;
    uint64_t traced_runs; /* runs of traced blocks the dispatcher made (run_e31.c) */
    /* traced blocks' runs timed by their compiled tails (struct jit_tail), tails made; of
     * the runs, those whose store pipeline the tail left to C (run_e31.c tail_stq) */
    uint64_t ntail, ntails, ntail_mem;
    /* traced runs the dispatcher timed instruction by instruction (run_e31.c block_time), and
     * schedules made for a block's other wait states than its first schedule's (run_e31.c
     * sched_waits) */
    uint64_t ntimed, nsched_waits;
    struct jit_page pages[JIT_PAGE_SLOTS];
    struct jit_entry map[1u << JIT_MAP_BITS];
};

static inline struct jit_entry *jit_slot(struct rv_jit *j, uint32_t pc)
{
    return &j->map[(pc >> 1) & ((1u << JIT_MAP_BITS) - 1)];
}

/* The key of the block at pc for the current privilege level: a block translated for the
 * other one (whose fetch permissions differ) is not found. */
static inline uint64_t jit_key(const struct rv_cpu *c, uint32_t pc) { return c->jit_key | pc; }

/* Translate the block at pc (a miss in the map) and enter it there. */
struct jit_entry *rv_jit_translate_at(struct rv_cpu *c, uint32_t pc);

/* The block at pc, translated on a miss (its code is NULL where the interpreter runs). */
static inline struct jit_entry *rv_jit_find(struct rv_cpu *c, uint32_t pc)
{
    struct jit_entry *e = jit_slot(c->jit, pc);
    if (e->key == jit_key(c, pc))
        return e;
    return rv_jit_translate_at(c, pc);
}

/* A traced block's compiled tail: what the dispatcher does after a run of the block whole
 * from one way out (not taken, taken), where that is a fixed list of checks and changes,
 * emitted as code the block jumps to (rv_jit_tail).  With start the cycle the block
 * started in (c->cycle), the tail does its operations in order; a check that fails leaves
 * as the block would without the tail (the dispatcher times the run, nothing changed), and
 * after the last operation (JIT_TAIL_END) c->cycle and the model's next cycle are start +
 * v + what JIT_TAIL_PREDICT returned, the dispatcher's record of late registers
 * (c->jit_late_mask, c->jit_late_until) is brought up to date as run_e31.c's block_sched
 * does, j->ntail counts the run, and the code goes on to the block at the next pc through
 * its entry check (linked where the target is known).  p: a field of the CPU's or of the
 * model's state. */
enum jit_tail_kind {
    JIT_TAIL_EQ8,   /* check: the byte at p is v */
    JIT_TAIL_EQ32,  /* check: the 32-bit word at p is v */
    JIT_TAIL_SKIP,  /* the next v operations (checks) are skipped when c->jit_late_mask
                     * and mask share no bit or c->jit_late_until is at most start */
    JIT_TAIL_READY, /* check: the 64-bit cycle at p is at most start + v */
    JIT_TAIL_CALL,  /* check: fn(c, block) returns true (it may change state then) */
    JIT_TAIL_ALT,   /* fn(c, block, taken) (unsigned): 1, go on; 2, it timed the run itself
                     * instead, on to the next block as after JIT_TAIL_END; 0, leave */
    JIT_TAIL_ELSE,  /* where the 64-bit cycle at p is after start + v (signed), fn(c, block)
                     * as JIT_TAIL_CALL instead of the next n operations */
    JIT_TAIL_NEWORD, /* check: the 32-bit words at p and q differ in more than their low two
                      * bits (other word addresses) */
    JIT_TAIL_SETWORD, /* the 32-bit word at p = the one at q >> 2 (a word address) */
    JIT_TAIL_SET8,  /* the byte at p = v */
    JIT_TAIL_SET32, /* the 32-bit word at p = v */
    JIT_TAIL_SET64, /* the 64-bit cycle at p = start + v */
    JIT_TAIL_ADD64, /* the 64-bit word at p += v */
    JIT_TAIL_PREDICT, /* the cycles fn(c, block, taken) returns go on the end */
    JIT_TAIL_BRANCH, /* JIT_TAIL_PREDICT for a conditional branch or a jump, its common cases
                      * in the code: p is a struct jit_tail_bp */
    JIT_TAIL_END,   /* last: c->cycle and the 64-bit cycle at p = start + v (+ PREDICT);
                     * late registers: mask (those ready after it), written (those it
                     * writes), late (the last cycle one is busy, from start) */
};
struct jit_tail {
    uint8_t kind;
    uint8_t n;
    uint32_t v;
    void *p, *q;
    void *fn;
    uint32_t mask, written, late;
};
#define JIT_TAIL_MAX 160 /* operations in a tail */
/* A conditional branch at pc (falling through to fall), taken or not, on to target, as a
 * predictor of a branch target buffer (BTB) and 2-bit counters sees it: the BTB is looked
 * up through a hash whose count of entries (*filter) says, where 1, which entry (*where:
 * entries of stride bytes from btb, their pc, kind and target at these offsets); found
 * with kind `kind`, the branch is predicted taken to the entry's target where *counter is
 * 2 or more, else not taken.  Predicted where it went, no cycles; else penalty, counted in
 * *stall.  Then *counter moves towards taken or not (0 to 3).  Elsewhere (the hash shared,
 * an entry of another kind, a taken branch to write to the BTB), fn(c, block, taken) does
 * it all and returns the cycles.  A jump (jump): found with kind `kind`, predicted taken to
 * the entry's target, or for a return (ret) to the top of the return address stack (ras,
 * ras_size entries, a power of two; *ras_top, *ras_n), which it pops; a call pushes fall
 * there; an indirect one goes on to the pc the block stored, not target.  Code does only
 * the jump predicted where it went; fn the rest. */
struct jit_tail_bp {
    const uint8_t *filter, *where, *counter;
    const void *btb;
    uint32_t stride, pc_off, kind_off, target_off;
    uint8_t kind;
    uint64_t *stall;
    uint32_t penalty, pc, fall, target;
    bool taken;
    bool jump, call, ret, indirect;
    uint32_t *ras, ras_size;
    uint8_t *ras_top, *ras_n;
};

/* Emit the tail ops[0..n) of traced block b's way out taken (0 or 1), going on to target
 * (indirect: to the pc the block stored), and patch the block's exit to jump there.  Where
 * the way out has a tail already, a check of the new one that fails goes on to that one
 * (whose checks then decide) rather than to the dispatcher: so a check that fails must
 * leave everything as it found it.  false: not made (no room, or a field out of the code's
 * reach). */
bool rv_jit_tail(struct rv_cpu *c, struct jit_block *b, unsigned taken,
                 const struct jit_tail *ops, unsigned n, uint32_t target, bool indirect);

/* Make a block's exit jump straight to block `to` from now on. */
void rv_jit_link(struct jit_link *l, struct jit_head *to);

/* Interpret up to k instructions with the model's own loop (fewer at the cycle limit or a
 * kick, which it leaves standing). */
void rv_jit_interpret(struct rv_cpu *c, uint64_t k);

/* A dispatcher of timed or traced blocks, before the next one: with an interrupt pending
 * and enabled, or the hart asleep in wfi, the interpreter runs one instruction (which takes
 * the interrupt, or wakes, or sleeps) and *e is NULL; else *e is the block at c->pc (as
 * rv_jit_find).  false: the hart sleeps, the dispatcher returns. */
static inline bool rv_jit_next(struct rv_cpu *c, struct jit_entry **e)
{
    if (c->wfi || ((c->mip & c->mie) && rv_irq_enabled(c))) {
        *e = NULL;
        rv_jit_interpret(c, 1);
        return !c->wfi;
    }
    *e = rv_jit_find(c, c->pc);
    return true;
}

/* The model's timing says op only starts a block (struct jit_timing first_only). */
static inline bool rv_jit_first_only(const struct rv_cpu *c, unsigned op)
{
    const struct jit_timing *t = c->tm_model->jit;
    return t && t->first_only && t->first_only(c, op);
}

/* The model's timing has a writeback stage to replay (struct jit_timing writeback). */
static inline bool rv_jit_writeback(const struct rv_cpu *c)
{
    const struct jit_timing *t = c->tm_model->jit;
    return t && t->writeback && t->writeback(c);
}

#endif
