/* Harness for the Ibex corner-case programs (tests/ibex/*.S).
 *
 * Each kernel is measured like the reference programs do (../shared/reference/ibex):
 *   csrr a4, minstret ; csrr a5, mcycle ; <body> ; csrr a6, mcycle ; csrr a7, minstret
 * and MEASURE prints "R,<kernel>,<minstret delta>,<mcycle delta>" on the simulator
 * control's character output.  Registers a0, a4-a7 and t6 belong to the harness.
 * A program defines `tests` (a function calling MEASURE for each kernel) and the kernels. */
  .option norelax

#define KFUNC(name) \
  .text; .option push; .option rvc; .balign 4; .option pop; .globl name; name:

.macro MSTART
  csrr a4, minstret
  csrr a5, mcycle
.endm

.macro MSTOP
  csrr a6, mcycle
  csrr a7, minstret
  sub a7, a7, a4
  sub a6, a6, a5
  sw a7, 0(a0)
  sw a6, 4(a0)
  ret
.endm

/* Arm the simple system's timer (0x30000) to fire n cycles from now (mtimecmp = mtime + n,
 * the high word written last so that no earlier match fires) and set mie.MTIE.  Uses a1,
 * t0 and t1. */
.macro TIMER_IRQ_IN n
  li a1, 0x30000
  li t0, -1
  sw t0, 12(a1)
  lw t0, 0(a1)
  addi t0, t0, \n
  sw t0, 8(a1)
  sw zero, 12(a1)
  li t1, 0x80
  csrs mie, t1
.endm

/* Call kernel `k` and print its R line. */
.macro MEASURE k
  .section .rodata
1:
  .asciz "\k"
  .text
  la a0, result
  call \k
  la a0, 1b
  lw a1, result
  lw a2, result + 4
  call report
.endm

  .section .vectors, "ax"
  .option push
  .option norvc
  .rept 32
  j trap_entry
  .endr
  .globl reset_entry
reset_entry:
  j start
  .option pop

  .text
start:
  la sp, stack_top
  call tests
  li t0, 0x20008
  sw t0, 0(t0)
1:
  j 1b

/* Exceptions resume after the (32-bit) trapping instruction; an interrupt (only the timer
 * is ever enabled) is acknowledged by clearing mie.MTIE.  Uses t6 only (saved in mscratch). */
  .balign 4
trap_entry:
  csrrw t6, mscratch, t6
  csrr t6, mcause
  bltz t6, 1f
  csrr t6, mepc
  addi t6, t6, 4
  csrw mepc, t6
  csrrw t6, mscratch, t6
  mret
1:
  li t6, 0x80
  csrc mie, t6
  csrrw t6, mscratch, t6
  mret

/* print the NUL-terminated string at a0 */
puts:
  li t0, 0x20000
1:
  lbu t1, 0(a0)
  beqz t1, 2f
  sw t1, 0(t0)
  addi a0, a0, 1
  j 1b
2:
  ret

/* print a1 in decimal */
putdec:
  li t0, 0x20000
  li t1, 10
  mv t2, sp
  mv t4, sp
  addi sp, sp, -16
1:
  remu t3, a1, t1
  divu a1, a1, t1
  addi t3, t3, '0'
  addi t2, t2, -1
  sb t3, 0(t2)
  bnez a1, 1b
2:
  lbu t3, 0(t2)
  sw t3, 0(t0)
  addi t2, t2, 1
  bne t2, t4, 2b
  addi sp, sp, 16
  ret

/* report(a0 = name, a1 = instructions, a2 = cycles): "R,name,insns,cycles\n" */
report:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw a1, 4(sp)
  sw a2, 8(sp)
  sw a0, 12(sp)
  li t0, 0x20000
  li t1, 'R'
  sw t1, 0(t0)
  li t1, ','
  sw t1, 0(t0)
  lw a0, 12(sp)
  call puts
  li t0, 0x20000
  li t1, ','
  sw t1, 0(t0)
  lw a1, 4(sp)
  call putdec
  li t0, 0x20000
  li t1, ','
  sw t1, 0(t0)
  lw a1, 8(sp)
  call putdec
  li t0, 0x20000
  li t1, '\n'
  sw t1, 0(t0)
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

  .bss
  .balign 4
result: .word 0, 0
  .text
