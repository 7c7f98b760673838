/* Ibex corner cases: control transfers to 16- and 32-bit targets at both alignments.
 * A target needs one fetched word unless it is a 32-bit instruction at 2 mod 4 (two). */
#include "kmacros.h"
  .option norvc

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_cj_c_target_mis
  MEASURE k_cj_32_target_mis
  MEASURE k_beq_c_target_mis
  MEASURE k_jalr_32_target_mis
  MEASURE k_loop_head_mis
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* 50 x (c.j to the next halfword: a 16-bit instruction at 2 mod 4): jump 2 + c.addi 1 */
KFUNC(k_cj_c_target_mis)
  MSTART
  .option rvc
  .rept 50
  c.j 1f
1:
  c.addi a2, 1
  .endr
  .option norvc
  MSTOP

/* 50 x (c.j to a 32-bit add at 2 mod 4; c.nop): jump 2 + 1 (second word) + add 1 + c.nop 1 */
KFUNC(k_cj_32_target_mis)
  MSTART
  .rept 50
  .option rvc
  c.j 1f
1:
  .option norvc
  add t0, t1, t2
  .option rvc
  c.nop
  .option norvc
  .endr
  MSTOP

/* 50 x (taken beq over a c.nop to a c.addi at 2 mod 4): branch 3 + c.addi 1 */
KFUNC(k_beq_c_target_mis)
  MSTART
  .rept 50
  beq zero, zero, 1f
  .option rvc
  c.nop
1:
  c.addi a2, 1
  .option norvc
  .endr
  MSTOP

/* 50 x (auipc; jalr to a 32-bit add at 2 mod 4 past a c.nop; c.nop):
 * auipc 1 + jalr 2 + 1 (second word) + add 1 + c.nop 1 */
KFUNC(k_jalr_32_target_mis)
  MSTART
  .rept 50
  auipc t0, 0
  jalr zero, 10(t0)
  .option rvc
  c.nop
  .option norvc
  add t0, t1, t2
  .option rvc
  c.nop
  .option norvc
  .endr
  MSTOP

/* A loop whose head is a 32-bit instruction at 2 mod 4: 50 x addi, 49 taken bnez
 * (3 + 1 each), one not taken, and the c.nop that misaligns the head. */
KFUNC(k_loop_head_mis)
  li t0, 50
  MSTART
  .option rvc
  c.nop
  .option norvc
1:
  addi t0, t0, -1
  bnez t0, 1b
  MSTOP
