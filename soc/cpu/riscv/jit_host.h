/* The block translator's host back end: the one part of the translator that knows the
 * host's instruction set.  jit.c (host-neutral: which instructions make a block, the code
 * buffer, the map from pc to block, the pages and granules that invalidation goes by,
 * links between blocks, the dispatchers) calls it to emit a block's code and to patch a
 * block's exit into a jump and back; jit_x86_64.c implements it.  A back end for another
 * host is one more file implementing these functions for its instruction set, with its
 * line below.
 *
 * What the code of a block must do (jit.c and jit.h say why):
 *   - run the guest instructions ins[0..n) on the registers in c->x, and nothing else of
 *     the CPU's but the fields named below; the back end may keep registers in host
 *     registers from the entry (j->enter) to the exit (j->exit), which loads and stores
 *     them: c->x is current whenever the code has left (not within a traced block's tail,
 *     whose calls into the model's C code read no guest register);
 *   - on entry, give up (JIT_EXIT_BUDGET, c->pc the block's start, budget unchanged) when
 *     the budget cannot cover the block: n instructions, or for a timed block (j->timed)
 *     b->bound cycles; else take n from the budget (untimed);
 *   - leave before an instruction it cannot do on its fast path (a load or store outside
 *     the memory windows c->rd_win/c->wr_win, a store on a page with code that overlaps
 *     code (the code map, internal.h) or that is watched, a misaligned access where the
 *     model times or traps it) with c->pc that instruction's address and JIT_EXIT_INTERP,
 *     the instructions before it retired (untimed: the rest of the budget given back;
 *     timed: c->jit_k and c->jit_blk say how far which block ran);
 *   - at its end, store the next pc in c->pc and leave with JIT_EXIT_JUMP, or through one
 *     of its links (h->out: jit_host_link makes a link a direct jump to the next block);
 *     a timed block first replays an exit entry that matches (struct jit_texit) or leaves
 *     with the entry for the dispatcher to fill in;
 *   - timed: carry the pipeline state's key from block to block, writing the model's
 *     fields only when the state after a block is not a key;
 *   - traced (j->traced, jit.h struct jit_timing traced): write each load's and store's
 *     address and each divide's operands to c->jit_trace, leave on a misaligned access
 *     as a timed block does (c->jit_k, c->jit_blk), and at its end store the next pc and
 *     leave with JIT_EXIT_JUMP, or JIT_EXIT_TAKEN after a taken branch or a jump (c->jit_blk
 *     the block), through a jump that jit_host_tail patches to the way out's tail once
 *     the model has one (struct jit_tail); enter only where the entry words and the
 *     cycles left allow (struct jit_timing entry_words; else JIT_EXIT_TIMED, not run),
 *     b->unchecked past that check, where the dispatcher enters;
 *   - leave through j->exit, which returns struct jit_ret to the dispatcher (j->enter) and,
 *     timed, puts the key of the state the code leaves in (or JIT_SKEY_NONE) in j->skey. */
#ifndef SOC_CPU_RISCV_JIT_HOST_H
#define SOC_CPU_RISCV_JIT_HOST_H

#include "soc/cpu/riscv/jit.h"

/* The back end this build has for its host; none: the models interpret. */
#if defined(__x86_64__)
#define JIT_HOST "x86-64"
#define JIT_BLOCK_ROOM (64u << 10) /* more than the largest block with its stubs */
#endif

/* The back end emits code for operation op (enum rv_op); the others end a block before
 * them and the interpreter runs them.  A new operation is interpreted until its back end
 * says so. */
bool jit_host_can_emit(unsigned op);

/* The code buffer is new, empty at j->p: emit the entry and exit sequences there and set
 * j->enter and j->exit (and look at what the host has, for the code to come); j->timed is
 * set. */
void jit_host_init(struct rv_jit *j);

/* Emit the code of block h at j->p (h->code), advancing j->p: ins[0..n), from guest
 * address h->start; a timed block's record is jit_timed(h) (its bound, divides, stall
 * mask and exits are set or to be set here, and `unchecked`, where its code goes on after
 * the check of the cycles left against its bound). */
void jit_host_emit(struct rv_cpu *c, struct rv_jit *j, struct jit_head *h,
                   const struct rv_insn *ins, unsigned n);

/* A traced block's tail (jit.h, struct jit_tail) at j->p, patched into b's way out taken;
 * false: a field out of reach, nothing emitted. */
bool jit_host_tail(struct rv_cpu *c, struct rv_jit *j, struct jit_block *b, unsigned taken,
                   const struct jit_tail *ops, unsigned n, uint32_t target, bool indirect);

/* Link l's exit stub becomes a direct jump to `code`; and back into an exit to the
 * dispatcher (to l->target). */
void jit_host_link(struct jit_link *l, const uint8_t *code);
void jit_host_unlink(struct jit_link *l);

/* Translators made from now on use the host's baseline instruction set only, not what it
 * may have beyond (x86-64: lzcnt, tzcnt, popcnt), when on: the tests' way to run the
 * fallbacks on a host that has them. */
void jit_host_baseline(bool on);

#endif
