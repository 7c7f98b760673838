/* The simple-system timer and simulator control as the firmware sees them (values printed
 * as R,<check>,<value>,0):
 *   mtime_step    two back-to-back mtime reads are 2 cycles apart (a load takes 2)
 *   mtime_write   mtime written with 1000 reads 1001 two cycles later (the write lands on
 *                 the next edge, then mtime counts on)
 *   mtip_reset    mtimecmp resets to 0, so the interrupt is pending after reset: mip.MTIP
 *   mtip_cleared  writing mtimecmp drops the (sticky) interrupt
 *   mtip_again    mtimecmp = mtime + 10: pending again after 20 nops
 *   bad_offset    a load from timer +0x10 is a load access fault: mcause 5
 *   simctrl_read  the simulator control reads 0 */
#include "kmacros.h"
  .option norvc

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  li s0, 0x30000

  lw t0, 0(s0)
  lw t1, 0(s0)
  sub a1, t1, t0
  la a0, n_step
  li a2, 0
  call report

  li t0, 1000
  sw t0, 0(s0)
  lw a1, 0(s0)
  la a0, n_write
  li a2, 0
  call report

  csrr a1, mip
  andi a1, a1, 0x80
  la a0, n_reset
  li a2, 0
  call report

  li t0, -1
  sw t0, 12(s0)
  csrr a1, mip
  andi a1, a1, 0x80
  la a0, n_cleared
  li a2, 0
  call report

  lw t0, 0(s0)
  addi t0, t0, 10
  sw t0, 8(s0)
  sw zero, 12(s0)
  .rept 20
  nop
  .endr
  csrr a1, mip
  andi a1, a1, 0x80
  la a0, n_again
  li a2, 0
  call report

  lw t0, 0x10(s0)
  csrr a1, mcause
  la a0, n_bad
  li a2, 0
  call report

  li t0, 0x20000
  lw a1, 4(t0)
  la a0, n_simctrl
  li a2, 0
  call report

  lw ra, 0(sp)
  addi sp, sp, 16
  ret

  .section .rodata
n_step: .asciz "mtime_step"
n_write: .asciz "mtime_write"
n_reset: .asciz "mtip_reset"
n_cleared: .asciz "mtip_cleared"
n_again: .asciz "mtip_again"
n_bad: .asciz "bad_offset"
n_simctrl: .asciz "simctrl_read"
