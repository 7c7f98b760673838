/* SecureIbex's data-independent timing (cpuctrlsts.data_ind_timing, bit 1; Ibex reference,
 * "Security Features"): a branch not taken jumps to the next instruction like a taken one,
 * a divide by zero runs all of its cycles.  Each kernel sets the bit, which only a core
 * built with secure=on has (elsewhere the write changes nothing); `tests` clears it after. */
#include "kmacros.h"
  .option norvc


  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_dit_bnez_not_taken
  csrci 0x7c0, 2
  MEASURE k_dit_div_zero
  csrci 0x7c0, 2
  MEASURE k_dit_off_bnez
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* 20 branches not taken: 1 cycle each (21 with the window's csrr); with the bit, a taken
 * branch's 3 each (condition, target, refetch): 61 */
KFUNC(k_dit_bnez_not_taken)
  csrsi 0x7c0, 2
  MSTART
  .rept 20
  bnez zero, 1f
1:
  .endr
  MSTOP

/* 5 divides by zero: 2 cycles each (11); with the bit, 37 each (186) */
KFUNC(k_dit_div_zero)
  csrsi 0x7c0, 2
  li t1, 7
  MSTART
  .rept 5
  div t0, t1, zero
  .endr
  MSTOP

/* the same branches with the bit clear again: 21 in every configuration */
KFUNC(k_dit_off_bnez)
  MSTART
  .rept 20
  bnez zero, 1f
1:
  .endr
  MSTOP
