/* Harness for the E31 timing tests (tests/e31/*.S), run on virt32 with -cpu-model e31.
 *
 * A kernel is measured as
 *   csrr a4, minstret ; csrr a5, mcycle ; <body> ; csrr a6, mcycle ; csrr a7, minstret
 * so its mcycle delta is 1 + the cycles of the body (the two csrr issue one cycle apart when
 * the body is empty).  MEASURE calls the kernel twice in a row and prints
 * "R,<kernel>,<minstret delta>,<cold cycles>,<warm cycles>" on the UART: the first call runs
 * with whatever the instruction cache and branch predictor hold, the second right after it
 * (warm).  Only straight-line code, one jal and one ret run between the two calls.
 * Every kernel starts on a 32-byte boundary (an I-cache line): the line holding the first
 * csrr is fetched before it issues, outside the measurement.  All code is uncompressed.
 * Registers a0-a7 belong to the harness. */
  .option norelax
  .option norvc

#define KFUNC(name) .text; .balign 32; .globl name; name:

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

.macro MEASURE k
  .section .rodata
1:
  .asciz "\k"
  .text
  la a0, result
  call \k
  la a0, result2
  call \k
  la a0, 1b
  lw a1, result
  lw a2, result + 4
  lw a3, result2 + 4
  call report
.endm

  .section .text.init, "ax"
  .globl _start
_start:
  la sp, stack_top
  la t0, trap_entry
  csrw mtvec, t0
  call tests
  li t0, 0x100000
  li t1, 0x5555
  sw t1, 0(t0)
1:
  j 1b

  .text
/* Exceptions resume after the (32-bit) trapping instruction.  Uses t6 only. */
  .balign 32
trap_entry:
  csrrw t6, mscratch, t6
  csrr t6, mepc
  addi t6, t6, 4
  csrw mepc, t6
  csrrw t6, mscratch, t6
  mret

/* print the NUL-terminated string at a0 */
puts:
  li t0, 0x10000000
1:
  lbu t1, 0(a0)
  beqz t1, 2f
  sb t1, 0(t0)
  addi a0, a0, 1
  j 1b
2:
  ret

/* print ",<a1 in decimal>" */
putdec:
  li t0, 0x10000000
  li t1, ','
  sb t1, 0(t0)
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
  sb t3, 0(t0)
  addi t2, t2, 1
  bne t2, t4, 2b
  addi sp, sp, 16
  ret

/* report(a0 = name, a1 = instructions, a2 = cold cycles, a3 = warm cycles) */
report:
  addi sp, sp, -16
  sw ra, 0(sp)
  sw a2, 4(sp)
  sw a3, 8(sp)
  sw a1, 12(sp)
  li t0, 0x10000000
  li t1, 'R'
  sb t1, 0(t0)
  li t1, ','
  sb t1, 0(t0)
  call puts
  lw a1, 12(sp)
  call putdec
  lw a1, 4(sp)
  call putdec
  lw a1, 8(sp)
  call putdec
  li t0, 0x10000000
  li t1, '\n'
  sb t1, 0(t0)
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

  .bss
  .balign 4
result: .word 0, 0
result2: .word 0, 0, 0
  .text
