/* E31 branch prediction (E31 manual 3.2 "Instruction Fetch Unit"): a 40-entry BTB, a
 * 128-entry BHT of 2-bit counters, a 2-entry return-address stack; a correctly predicted
 * control-flow instruction costs nothing, a mispredicted one 3 cycles.  socsim's reading
 * (docs/timing-models.md, "e31"): only an instruction found in the BTB is predicted taken
 * (a branch when its BHT counter is 2 or 3, a jump always, a return to the RAS top); a
 * taken instruction whose next PC was not predicted is (re)written into the BTB; BHT
 * counters start at 1 (weakly not taken).  The cold column is the first call (nothing of
 * the kernel in the BTB, BHT counters at 1, I-cache lines not filled), warm the second.
 * Each kernel's first line is filled before the measurement starts. */
#include "emacros.h"

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_loop10
  MEASURE k_jumps
  MEASURE k_call_ret
  MEASURE k_alternate
  MEASURE k_two_sites
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* A 10-iteration loop: li + 10 x (addi; bnez) = 21 instructions.
 * Cold: the first bnez misses the BTB (predicted not taken): 3; iterations 2-9 hit the BTB
 * with the counter at 2, then 3: 0; the exit is predicted taken: 3.  1 + 21 + 6 = 28.
 * Warm: the counter is 2 after the exit: the first iteration is predicted: 1 + 21 + 3 = 25. */
KFUNC(k_loop10)
  MSTART
  li t0, 10
1:
  addi t0, t0, -1
  bnez t0, 1b
  MSTOP

/* 5 forward jumps over a nop.  Cold: every jump misses the BTB (predicted to fall through
 * to the nop): 5 x 3; the fourth jump, at offset 32, is in line 1: its fill follows the
 * third jump's redirect: 8.  1 + 5 + 15 + 8 = 29.  Warm: all in the BTB: 1 + 5 = 6. */
KFUNC(k_jumps)
  MSTART
  .rept 5
  j 1f
  nop
1:
  .endr
  MSTOP

/* 3 calls of a leaf function that returns at once; ra is kept in t5 meanwhile.
 * 7 instructions (3 jal, 3 ret, mv).  Cold: each jal misses the BTB: 3 x 3; the first ret
 * misses it too: 3; later rets hit (kind: return) and take the RAS top, pushed by the jal:
 * 0.  The leaf, at offset 56, sits in line 1: its fill (8) follows the first jal's
 * redirect.  1 + 7 + 12 + 8 = 28.  Warm: everything predicted: 1 + 7 = 8. */
KFUNC(k_call_ret)
  mv t5, ra
  MSTART
  jal ra, leaf
  jal ra, leaf
  jal ra, leaf
  mv ra, t5
  MSTOP
leaf:
  ret

/* A loop of 8 whose body's branch alternates taken / not taken (t0 even: taken), so the
 * 2-bit counter swings between 1 and 2 and is always wrong.  Instructions: li + 4 taken
 * iterations x 4 (andi, beqz, addi, bnez) + 4 not-taken x 5 (with the nop) = 37.
 * Mispredictions: beqz 8 times (cold: first a BTB miss, then the counter; warm: the
 * counter, back at 1); the loop branch as in k_loop10: cold 2, warm 1.
 * The stop csrr is at offset 32, line 1: cold, its fill follows the last bnez's
 * misprediction: 8.  Cold 1 + 37 + 30 + 8 = 76, warm 1 + 37 + 27 = 65. */
KFUNC(k_alternate)
  MSTART
  li t0, 8
1:
  andi t1, t0, 1
  beqz t1, 2f
  nop
2:
  addi t0, t0, -1
  bnez t0, 1b
  MSTOP

/* A function called from two call sites, whose return can only come from the BTB: it calls
 * a second function, which calls a leaf: three return addresses overflow the 2-entry RAS
 * (the outer one is overwritten).  Per outer call 10 instructions (jal outer; mv, jal mid;
 * mv, jal leaf; ret; mv, ret; mv, ret), twice, and mv ra: 21.
 * Warm: the outer return takes the BTB target, the other call site's return address:
 * wrong both times: 2 x 3; the rest hit (the RAS has the two inner returns): 1 + 21 + 6 = 28.
 * Cold: BTB misses for the first outer jal, the jal to mid, the jal to the leaf, the three
 * returns (first time each), the second outer jal (another call site); the second outer
 * return hits the BTB with the first site's address: wrong.  8 x 3 = 24.  Fills: leaf2 and
 * outer (offsets 52..75, lines 1 and 2) and mid (offset 76..91, line 2): lines 1 and 2,
 * each right after a jal's redirect: 16.  1 + 21 + 24 + 16 = 62. */
KFUNC(k_two_sites)
  mv t5, ra
  MSTART
  jal ra, outer
  jal ra, outer
  mv ra, t5
  MSTOP
leaf2:
  ret
outer:
  mv t4, ra
  jal ra, mid
  mv ra, t4
  ret
mid:
  mv t3, ra
  jal ra, leaf2
  mv ra, t3
  ret
