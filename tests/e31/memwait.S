/* Wait states of a memory region (the ram device's read-wait / write-wait), as the E31
 * model applies them: a load or store to the region holds the pipeline for its wait states
 * (the access blocks) and a load's result comes that much later; an I-cache line fill from
 * the region takes line/4 words of 1 + read-wait cycles.  Run with -global ram.read-wait=2
 * -global ram.write-wait=1 (memwait.args): fills take 8 x 3 = 24 cycles.  Cold and warm
 * columns as in branches.S. */
#include "emacros.h"

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_lw_use
  MEASURE k_lw_nouse
  MEASURE k_sw
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* 10 x (lw; use): the lw issues at x and blocks until x + 3; its result is ready at
 * x + 2 + 2 = x + 4, where the addi issues: 5 per pair: 1 + 50 = 51.  Cold: two lw (offsets
 * 32 and 64) start new lines: each issues 1 + 24 cycles after the addi before it instead of
 * 1: 51 + 48 = 99. */
KFUNC(k_lw_use)
  MSTART
  .rept 10
  lw t0, 0(sp)
  addi t1, t0, 1
  .endr
  MSTOP

/* 10 x (lw; independent addi): 3 + 1 per pair: 1 + 40 = 41; cold 41 + 48 = 89. */
KFUNC(k_lw_nouse)
  MSTART
  .rept 10
  lw t0, 0(sp)
  addi t1, t2, 1
  .endr
  MSTOP

/* 10 x sw: 1 + 1 write wait state each: 1 + 20 = 21.  Cold: the sw at offset 32 starts
 * line 1: + 24 = 45. */
KFUNC(k_sw)
  MSTART
  .rept 10
  sw t0, 4(sp)
  .endr
  MSTOP
