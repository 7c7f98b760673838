/* E31 hardware performance monitor (E31 manual, "Hardware Performance Monitor";
 * FE310-G002 manual 3.9): two 40-bit event counters mhpmcounter3/4, selected by
 * mhpmevent3/4: bits 7:0 the event class, the bits above a mask of events in it.  The
 * counters count what the timing model does, so the figures below are the same stalls,
 * mispredictions and fills the other tests time.  Each test prints
 * "R,<name>,<a>,<b>,<c>" (values named in its comment) from its last of n calls (n = 2: the
 * second call runs with its code in the I-cache and its branches in the BTB).  Runs on
 * virt32 -cpu-model e31. */
#include "emacros.h"

.macro HPMTEST k, n
  .section .rodata
1:
  .asciz "\k"
  .text
  .rept \n
  la a0, result
  call \k
  .endr
  la a0, 1b
  lw a1, result
  lw a2, result + 4
  lw a3, result2
  call report
.endm

/* store a1, a2, a3 as the three reported values */
.macro HPMDONE
  sw a1, 0(a0)
  sw a2, 4(a0)
  sw a3, 8(a0)
  ret
.endm

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  HPMTEST h_commit, 1
  HPMTEST h_uarch, 2
  HPMTEST h_mem, 1
  HPMTEST h_width, 1
  HPMTEST h_inhibit, 1
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* Instruction commit events (class 0): mhpmevent3 = 0x4200, the manual's example (loads
 * and conditional branches), mhpmevent4 = 0x2000 (integer arithmetic).  A 5-iteration
 * loop of lw, addi, bnez after li: counter 3 = 5 loads + 5 branches = 10, counter 4 =
 * li + 5 addi = 6; c = mhpmevent3 read back, 0x4200 = 16896. */
KFUNC(h_commit)
  li t0, 0x4200
  csrw mhpmevent3, t0
  li t0, 0x2000
  csrw mhpmevent4, t0
  csrw mhpmcounter3, zero
  csrw mhpmcounter4, zero
  li t0, 5
1:
  lw t1, 0(sp)
  addi t0, t0, -1
  bnez t0, 1b
  csrr a1, mhpmcounter3
  csrr a2, mhpmcounter4
  csrr a3, mhpmevent3
  HPMDONE

/* Microarchitectural events (class 1): mhpmevent3 = 0x101 (load-use interlock, cycles),
 * mhpmevent4 = 0x6001 (branch direction and target mispredictions); second call (warm).
 * 10 x (lw; use): 10 interlock cycles (pipeline.S k_lw_use); a 10-iteration loop: its exit
 * is mispredicted (branches.S k_loop10, warm); the forward jump is in the BTB.  a = 10,
 * b = 1; c = mhpmevent4 read back, 0x6001 = 24577.  (On the first call, line fills of the
 * new code overlap 3 of the interlock cycles, which are then not interlocks.) */
KFUNC(h_uarch)
  li t0, 0x101
  csrw mhpmevent3, t0
  li t0, 0x6001
  csrw mhpmevent4, t0
  csrw mhpmcounter3, zero
  csrw mhpmcounter4, zero
  .rept 10
  lw t0, 0(sp)
  addi t1, t0, 1
  .endr
  li t0, 10
1:
  addi t0, t0, -1
  bnez t0, 1b
  j 2f
  nop
2:
  csrr a1, mhpmcounter3
  csrr a2, mhpmcounter4
  csrr a3, mhpmevent4
  HPMDONE

/* Memory system events (class 2): mhpmevent3 = 0x102 (I-cache misses), mhpmevent4 = 0x202
 * (memory-mapped I/O accesses).  The code after the counter writes runs for the first time:
 * the last counter write is at offset 20 of the 32-byte-aligned function, 24 nops run from
 * 24 to 119, li t2 (lui, addi) at 120, two UART status reads (lbu from the ns16550a's LSR)
 * and the csrr reads from 128: lines 1, 2, 3 (offsets 32..127) and 4 (128..) miss: a = 4,
 * b = 2; c = the LSR value, 0x60 (transmitter empty) = 96. */
KFUNC(h_mem)
  li t0, 0x102
  csrw mhpmevent3, t0
  li t0, 0x202
  csrw mhpmevent4, t0
  csrw mhpmcounter3, zero
  csrw mhpmcounter4, zero
  .rept 24
  nop
  .endr
  li t2, 0x10000005
  lbu a3, 0(t2)
  lbu a3, 0(t2)
  csrr a1, mhpmcounter3
  csrr a2, mhpmcounter4
  HPMDONE

/* Counter width: 40 bits.  mhpmcounter3h keeps 8 bits (0x1ff written reads 0xff); with the
 * counter at 2^40 - 1, one counted event (a nop, arithmetic) wraps it to 0.
 * mhpmcounter5 is not implemented (two counters): writes are ignored, it reads 0.
 * a = mhpmcounter3h after writing 0x1ff (255), b = mhpmcounter3 + mhpmcounter3h after
 * the wrap (0), c = mhpmcounter5 after writing 7 (0). */
KFUNC(h_width)
  li t0, 0x2000
  csrw mhpmevent3, t0
  li t0, 0x1ff
  csrw mhpmcounter3h, t0
  csrr a1, mhpmcounter3h
  li t0, -1
  csrw mhpmcounter3, t0
  nop
  csrr a2, mhpmcounter3
  csrr t1, mhpmcounter3h
  add a2, a2, t1
  li t0, 7
  csrw mhpmcounter5, t0
  csrr a3, mhpmcounter5
  HPMDONE

/* mcountinhibit bits 3 and 4 stop the two counters (bits 5.. are not implemented).  Both
 * count arithmetic; 0x28 inhibits counter 3 (bit 5 is dropped): the li before the write
 * counts on both, the 10 nops after it on counter 4 only.  a = counter 3 (1), b = counter 4
 * (11), c = mcountinhibit after writing 0x28 (8). */
KFUNC(h_inhibit)
  li t0, 0x2000
  csrw mhpmevent3, t0
  csrw mhpmevent4, t0
  csrw mhpmcounter3, zero
  csrw mhpmcounter4, zero
  li t0, 0x28
  csrw mcountinhibit, t0
  .rept 10
  nop
  .endr
  csrr a3, mcountinhibit
  csrw mcountinhibit, zero
  csrr a1, mhpmcounter3
  csrr a2, mhpmcounter4
  HPMDONE
