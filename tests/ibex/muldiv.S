/* Ibex corner cases: multiplier and divider latencies (Ibex instruction_decode_execute,
 * MULT/DIV).  fast: MUL 3, MULH* 4; single-cycle: 1 / 2; slow: MUL 2 + msb(rs2) (2 for
 * rs2 < 2), MULH* 33.  Division 37 cycles, 2 when dividing by zero. */
#include "kmacros.h"
  .option norvc

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_mul_b2
  MEASURE k_mul_b3
  MEASURE k_mul_b7fffffff
  MEASURE k_mulhsu_small
  MEASURE k_divu_bmax
  MEASURE k_remu_zero
  MEASURE k_div_neg_small
  MEASURE k_mul_div_chain
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

.macro MDK name, op, a, b
KFUNC(\name)
  li t1, \a
  li t2, \b
  MSTART
  .rept 20
  \op t0, t1, t2
  .endr
  MSTOP
.endm

MDK k_mul_b2, mul, 0x12345678, 2
MDK k_mul_b3, mul, 0x12345678, 3
MDK k_mul_b7fffffff, mul, 3, 0x7fffffff
MDK k_mulhsu_small, mulhsu, -5, 3
MDK k_divu_bmax, divu, 0xfffffffe, 0xffffffff
MDK k_remu_zero, remu, 77, 0
MDK k_div_neg_small, div, -7, 2

/* 10 x (mul; div that uses its result): no extra stall, the result is ready */
KFUNC(k_mul_div_chain)
  li t1, 1000
  li t2, 3
  MSTART
  .rept 10
  mul t0, t1, t2
  div t3, t0, t2
  .endr
  MSTOP
