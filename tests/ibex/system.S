/* Ibex corner cases: CSR pipeline flushes, trap return to a misaligned target, wfi. */
#include "kmacros.h"
  .option norvc

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_csrc_mstatus
  MEASURE k_csrsi_mie_zero
  MEASURE k_csrwi_mscratch
  MEASURE k_ecall_ret_mis
  MEASURE k_wfi_timer_wake
  li t1, 0x80
  csrc mie, t1
  MEASURE k_wfi_timer_irq
  csrci mstatus, 8
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* csrc with a register source writes (even a zero mask): DECODE + FLUSH, 3 cycles */
KFUNC(k_csrc_mstatus)
  li t0, 0
  MSTART
  .rept 20
  csrc mstatus, t0
  .endr
  MSTOP

/* csrsi with a zero immediate only reads: 1 cycle */
KFUNC(k_csrsi_mie_zero)
  MSTART
  .rept 20
  csrsi mie, 0
  .endr
  MSTOP

/* mscratch writes do not flush: 1 cycle */
KFUNC(k_csrwi_mscratch)
  MSTART
  .rept 20
  csrwi mscratch, 5
  .endr
  MSTOP

/* 10 x (c.nop; ecall at 2 mod 4; the handler returns to the 32-bit add after it, at
 * 2 mod 4: one cycle more than the aligned round trip of 15; c.nop) */
KFUNC(k_ecall_ret_mis)
  MSTART
  .rept 10
  .option rvc
  c.nop
  .option norvc
  ecall
  add t0, t1, t2
  .option rvc
  c.nop
  .option norvc
  .endr
  MSTOP

/* Sleep in wfi until the timer (mtimecmp = mtime + 40) wakes the core; mstatus.MIE is 0
 * so execution goes on after the wfi.  mcycle does not count the sleep (the core clock is
 * gated): wfi's DECODE, FLUSH and WAIT_SLEEP, then the cycle SLEEP sees the interrupt and
 * FIRST_FETCH, and the csrr after it: 6. */
KFUNC(k_wfi_timer_wake)
  li a1, 0x30000
  li t0, -1
  sw t0, 12(a1)
  lw t0, 0(a1)
  addi t0, t0, 40
  sw t0, 8(a1)
  sw zero, 12(a1)
  li t1, 0x80
  csrs mie, t1
  MSTART
  wfi
  MSTOP

/* The same with mstatus.MIE set: the interrupt is taken from the sleep, the handler
 * clears mie.MTIE and returns after the wfi. */
KFUNC(k_wfi_timer_irq)
  li a1, 0x30000
  li t0, -1
  sw t0, 12(a1)
  lw t0, 0(a1)
  addi t0, t0, 40
  sw t0, 8(a1)
  sw zero, 12(a1)
  li t1, 0x80
  csrs mie, t1
  csrsi mstatus, 8
  MSTART
  wfi
  MSTOP
