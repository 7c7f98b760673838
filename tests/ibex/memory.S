/* Ibex corner cases: loads and stores.  One request and its response: 2 cycles; an
 * access that crosses a word boundary is split into two requests: 3 cycles.  The
 * simulator control and timer answer in one cycle like the RAM. */
#include "kmacros.h"
  .option norvc

  .data
  .balign 16
buf: .word 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_lh_off2
  MEASURE k_lb_off3
  MEASURE k_sh_off1
  MEASURE k_lhu_off3
  MEASURE k_sw_off3
  MEASURE k_lw_timer
  MEASURE k_sw_simctrl_unused
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

.macro MEMK name, insn, base
KFUNC(\name)
  la a1, \base
  li t0, 0
  MSTART
  .rept 50
  \insn
  .endr
  MSTOP
.endm

MEMK k_lh_off2, "lh t0, 2(a1)", buf
MEMK k_lb_off3, "lb t0, 3(a1)", buf
MEMK k_sh_off1, "sh t0, 5(a1)", buf
MEMK k_lhu_off3, "lhu t0, 3(a1)", buf
MEMK k_sw_off3, "sw t0, 7(a1)", buf
MEMK k_lw_timer, "lw t0, 0(a1)", 0x30000
MEMK k_sw_simctrl_unused, "sw t0, 0x10(a1)", 0x20000
