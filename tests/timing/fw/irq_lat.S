/* A timer interrupt taken in straight-line code on the Ibex simple system (-M ibex-simple),
 * for the interrupt latency figures (--stats, --profile, socsim.stats().latency).
 *
 * k_irq_nops sets mtimecmp = mtime + 40 with mie.MTIE and mstatus.MIE set, then runs 100
 * nops: the timer's line rises during them (the timer counts core cycles; its output
 * rises the cycle after mtime >= mtimecmp), the interrupt is taken at the next instruction
 * boundary and the harness's trap_entry (the reference's handler: 8 instructions, clears
 * mie.MTIE) returns into the nops.  The window (R line) holds the 100 nops, the entry and
 * the handler.  Built with tests/ibex/kmacros.h, the corner-case harness. */
#include "kmacros.h"
  .option norvc

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_irq_nops
  csrci mstatus, 8
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

KFUNC(k_irq_nops)
  TIMER_IRQ_IN 40
  csrsi mstatus, 8
  MSTART
  .rept 100
  nop
  .endr
  MSTOP
