/* E31 pipeline: result latencies, interlocks, the multiplier/divider, CSR flushes and the
 * store pipeline (E31 manual 3.3 "Execution Pipeline", 3.4 data memory; FE310-G002 manual
 * chapter 3).  Warm numbers (second call) are the figures below; the cold ones add the
 * line fills of lines past the first (a 32-byte line from 0-wait RAM: 8 words, one cycle
 * each, 8 cycles).  A fill starts when the instruction before the missing one issues, so
 * the missing one issues 1 + 8 cycles after it, or when its operands are ready if that is
 * later (a fill overlaps an interlock).  The measured delta is 1 + the body's cycles.
 * Kernels using the multiplier/divider end by reading its last result, so the unit is idle
 * when the next call starts. */
#include "emacros.h"

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_alu
  MEASURE k_lw_use
  MEASURE k_lb_use
  MEASURE k_lw_nouse
  MEASURE k_mul_use
  MEASURE k_mul_waw
  MEASURE k_divu
  MEASURE k_divu_small
  MEASURE k_divu_zero
  MEASURE k_csr_use
  MEASURE k_csr_noflush
  MEASURE k_csr_flush
  li t0, -1
  csrw pmpaddr0, t0 /* entry 0, once NAPOT: all of memory */
  MEASURE k_csr_pmp
  MEASURE k_st_ld_same
  MEASURE k_st_nop_ld
  MEASURE k_st_ld_other
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* 20 independent ALU instructions, one per cycle: 1 + 20 = 21.  Cold: the body spans
 * bytes 8..87 and the stop csrr is at 88: lines 1 and 2 miss: 21 + 16 = 37. */
KFUNC(k_alu)
  MSTART
  .rept 20
  addi t1, t2, 1
  .endr
  MSTOP

/* 10 x (lw; use): LW has a 2-cycle result latency, the consumer waits 1: 10 x 3 + 1 = 31.
 * Cold: 80 bytes of body from offset 8: lines 1, 2 miss: 31 + 16 = 47. */
KFUNC(k_lw_use)
  MSTART
  .rept 10
  lw t0, 0(sp)
  addi t1, t0, 1
  .endr
  MSTOP

/* 10 x (lb; use): byte loads have a 3-cycle result latency: 10 x 4 + 1 = 41; cold 57. */
KFUNC(k_lb_use)
  MSTART
  .rept 10
  lb t0, 0(sp)
  addi t1, t0, 1
  .endr
  MSTOP

/* 10 x (lw; independent addi): no interlock: 10 x 2 + 1 = 21; cold 37. */
KFUNC(k_lw_nouse)
  MSTART
  .rept 10
  lw t0, 0(sp)
  addi t1, t2, 1
  .endr
  MSTOP

/* 10 x (mul; use): 5-cycle result latency, the consumer waits 4: 10 x 6 + 1 = 61.
 * Cold: body at 16..95, the stop csrr at 96: lines 1, 2, 3 miss: 61 + 24 = 85. */
KFUNC(k_mul_use)
  li t1, 1000
  li t2, 3
  MSTART
  .rept 10
  mul t0, t1, t2
  addi t3, t0, 1
  .endr
  MSTOP

/* 10 x mul to the same register, then a use: write-after-write interlock and one
 * operation at a time: the muls issue 5 cycles apart, the mv 5 after the last:
 * 1 + 9 x 5 + 5 + 1 = 52.  Cold: the mul at offset 32 misses; its fetch starts when the mul
 * before it issues (cycle M), it issues at M + 9 instead of M + 5: 52 + 4 = 56. */
KFUNC(k_mul_waw)
  li t1, 1000
  li t2, 3
  MSTART
  .rept 10
  mul t0, t1, t2
  .endr
  mv t3, t0
  MSTOP

/* 5 x divu 0x12345678 / 3, then a use: quotient bits = msb(a) - msb(b) + 1 = 28 - 1 + 1
 * = 28, latency 1 + 28 = 29 (the manual's 2..33 range); each waits for the previous:
 * 1 + 4 x 29 + 29 + 1 = 147.  Cold: the divu at offset 32 misses, its fill hides under the
 * wait for the divu before it: 147. */
KFUNC(k_divu)
  li t1, 0x12345678
  li t2, 3
  MSTART
  .rept 5
  divu t0, t1, t2
  .endr
  mv t3, t0
  MSTOP

/* 5 x divu 3 / 7, then a use: dividend below divisor, one quotient bit: latency 2:
 * 1 + 4 x 2 + 2 + 1 = 12.  Cold: the divu at offset 32 misses: it issues 9 cycles after the
 * divu before it instead of 2: 12 + 7 = 19. */
KFUNC(k_divu_small)
  li t1, 3
  li t2, 7
  MSTART
  .rept 5
  divu t0, t1, t2
  .endr
  mv t3, t0
  MSTOP

/* 5 x divu by zero, then a use: no early out, the full 33: 1 + 4 x 33 + 33 + 1 = 167;
 * cold: the fill of line 1 hides under a divide: 167. */
KFUNC(k_divu_zero)
  li t1, 77
  li t2, 0
  MSTART
  .rept 5
  divu t0, t1, t2
  .endr
  mv t3, t0
  MSTOP

/* 10 x (csrr mscratch; use): CSR reads have a 3-cycle result latency: 10 x 4 + 1 = 41;
 * cold 57. */
KFUNC(k_csr_use)
  MSTART
  .rept 10
  csrr t0, mscratch
  addi t1, t0, 1
  .endr
  MSTOP

/* 10 x csrw mscratch: one of the CSRs whose write does not flush: 10 + 1 = 11.
 * Cold: body at 8..47, line 1 misses: 19. */
KFUNC(k_csr_noflush)
  MSTART
  .rept 10
  csrw mscratch, t1
  .endr
  MSTOP

/* 10 x csrc mstatus (clears MIE, already clear): a CSR write flushes the pipeline, 5 cycles
 * lost each: 10 x 6 + 1 = 61; cold: body at 12..51, line 1 misses: 69. */
KFUNC(k_csr_flush)
  li t0, 8
  MSTART
  .rept 10
  csrc mstatus, t0
  .endr
  MSTOP

/* 10 x csrw pmpcfg0, U-mode execute on all of memory given and taken away in turn: each
 * write flushes the pipeline as any CSR write, 10 x 6 + 1 = 61 (socsim throws away what it
 * decoded, the write's own instruction too: the write is still timed as itself, not as a
 * fetch from nowhere); cold: body at 12..51, line 1 misses: 69. */
KFUNC(k_csr_pmp)
  li t0, 0x1f /* NAPOT RWX */
  MSTART
  .rept 5
  csrw pmpcfg0, t0
  csrw pmpcfg0, zero
  .endr
  MSTOP

/* 5 x (sw; lw of the same word): the store waits in the store pipeline (no idle cycle of
 * the data memory between the two), the load pays 5: 5 x (1 + 1 + 5) + 1 = 36.
 * Cold: body at 8..47, line 1 misses: 44. */
KFUNC(k_st_ld_same)
  MSTART
  .rept 5
  sw t0, 4(sp)
  lw t1, 4(sp)
  .endr
  MSTOP

/* 5 x (sw; nop; lw of the same word): the nop's cycle leaves the data memory idle, the
 * store commits, the load pays nothing: 5 x 3 + 1 = 16; cold: body 8..67, lines 1, 2: 32. */
KFUNC(k_st_nop_ld)
  MSTART
  .rept 5
  sw t0, 4(sp)
  nop
  lw t1, 4(sp)
  .endr
  MSTOP

/* 5 x (sw; lw of another word): no conflict: 5 x 2 + 1 = 11; cold 19. */
KFUNC(k_st_ld_other)
  MSTART
  .rept 5
  sw t0, 4(sp)
  lw t1, 8(sp)
  .endr
  MSTOP
