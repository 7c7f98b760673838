/* Register accesses through a bridge: the generic device key wait=N gives a device's
 * register window N wait states (tests/e31/e31-virt.lua puts the UART behind wait = 4).
 * The E31 model holds the pipeline for them and delays a load's result as much.
 * Cold and warm columns as in branches.S. */
#include "emacros.h"

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_lbu
  MEASURE k_lbu_use
  MEASURE k_sb
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* li, then 5 x lbu of the UART's LSR into one register: an lbu issued at x holds the
 * pipeline to x + 5 and its result comes at x + 3 + 4 = x + 7: the next lbu, writing the
 * same register, waits for it (write after write): 7 apart.  1 + 1 + 4 x 7 + 5 = 35.
 * Cold: body at 8..31, the stop csrr at 32 starts line 1: its fill (8) begins when the last
 * lbu is done: 43. */
KFUNC(k_lbu)
  MSTART
  li t0, 0x10000000
  .rept 5
  lbu t1, 5(t0)
  .endr
  MSTOP

/* li, then 5 x (lbu; use): the lbu issues at x, holds until x + 5; its result (byte load,
 * 3 cycles) comes at x + 7, where the addi issues: 8 per pair: 1 + 1 + 40 = 42.  Cold: the
 * addi at offset 32 starts line 1: fetched from x + 5, it issues at x + 13: + 6 = 48. */
KFUNC(k_lbu_use)
  MSTART
  li t0, 0x10000000
  .rept 5
  lbu t1, 5(t0)
  addi t2, t1, 1
  .endr
  MSTOP

/* li, then 5 x sb to the UART's scratch register: 1 + 4 each: 1 + 1 + 25 = 27; cold: the
 * stop csrr's fill follows the last sb: 35. */
KFUNC(k_sb)
  MSTART
  li t0, 0x10000000
  .rept 5
  sb t1, 7(t0)
  .endr
  MSTOP
