/* E31 system instructions: trap entry and mret, fence, fence.i (E31 manual 3.3: "most CSR
 * writes result in a pipeline flush with a five-cycle penalty").  socsim's reading
 * (docs/timing-models.md, "e31"): a trap, mret, fence.i and wfi flush the pipeline like a
 * CSR write (5 cycles lost); fence.i also invalidates the instruction cache; fence costs
 * its issue cycle (the store pipeline drains on its own).  Cold and warm columns as in
 * branches.S; each kernel's first line is filled before the measurement starts. */
#include "emacros.h"

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_ecall
  MEASURE k_fence
  MEASURE k_fence_i
  MEASURE k_mcycle_pair
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* ecall, handled by trap_entry (emacros.h: csrrw t6, mscratch; csrr t6, mepc;
 * addi t6, 4; csrw mepc, t6; csrrw t6, mscratch; mret), back to the stop csrr.
 * Warm, the ecall issues at E = start + 1: the trap flushes, the handler's first csrrw
 * issues at E + 1 + 5; csrr t6, mepc waits for the csrrw's t6 (write after write, CSR
 * result latency 3): +3; addi waits for mepc's t6: +3; csrw mepc +1 (mscratch, mepc: no
 * flush); csrrw +1; mret +1, then flushes: the stop csrr 1 + 5 later.
 * start + 1 + 6 + 3 + 3 + 1 + 1 + 1 + 6 = start + 22: 22.  Cold: trap_entry's line is
 * filled after the trap: + 8 = 30. */
KFUNC(k_ecall)
  MSTART
  ecall
  MSTOP

/* 5 fences: 1 cycle each: 1 + 5 = 6 (cold and warm). */
KFUNC(k_fence)
  MSTART
  .rept 5
  fence
  .endr
  MSTOP

/* fence.i: flush (1 + 5), and the I-cache is invalidated: the nop after it refills the
 * kernel's line (8) before it issues: 1 + 6 + 8 + 1 = 16, cold and warm. */
KFUNC(k_fence_i)
  MSTART
  fence.i
  nop
  MSTOP

/* Two mcycle reads in a row, the second's result used at once: the reads issue 1 cycle
 * apart (start + 1, start + 2); a CSR read's result is ready 3 cycles after it issues, so
 * the sub issues at start + 5 and the stop csrr at start + 6: 6 (cold and warm). */
KFUNC(k_mcycle_pair)
  MSTART
  csrr t0, mcycle
  csrr t1, mcycle
  sub t2, t1, t0
  MSTOP
