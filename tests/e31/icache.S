/* E31 instruction cache (FE310-G002 manual 3.1: 16 KiB, 2-way set-associative, 32-byte
 * lines; ITIM fetches are as fast as a hit and never miss).  socsim's reading: a line fill
 * from a region costs line/4 words of (1 + the region's wait states) cycles, here 0-wait
 * RAM: 8 cycles (or the icache-miss property); replacement is LRU; 256 sets, so addresses
 * 8 KiB apart share a set.  Run on tests/e31/e31-virt.lua (e31 CPU, ITIM at 0x08000000).
 * Cold and warm columns as in branches.S.
 * Variants (icache@V.args): miss20 (-global e31.icache-miss=20): every fill 20 cycles:
 * k_nops64 1 + 64 + 8 x 20 = 225 / 65, k_itim unchanged, k_thrash 1 + 25 + 6 x 20 = 146
 * warm, 146 + 27 + 2 x 20 = 213 cold.  nocache (icache-size=0): no fills, fetches cost
 * 1 + 0 wait states: 65 / 65, 21 / 15, 1 + 25 + 27 = 53 / 26.  wait2 (ram.read-wait=2,
 * the ITIM is a ram too): fills 8 x 3 = 24: 1 + 64 + 8 x 24 = 257 / 65; the 11 ITIM
 * instructions (uncached) pay 2 each: 21 + 22 = 43 / 37; k_thrash 1 + 25 + 6 x 24 = 170
 * warm, 170 + 27 + 2 x 24 = 245 cold. */
#include "emacros.h"

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  /* copy itim_code (16 words) to the ITIM; fence.i makes it visible to fetch */
  la t0, itim_code
  li t1, 0x08000000
  li t2, 16
1:
  lw t3, 0(t0)
  sw t3, 0(t1)
  addi t0, t0, 4
  addi t1, t1, 4
  addi t2, t2, -1
  bnez t2, 1b
  fence.i
  MEASURE k_nops64
  MEASURE k_itim
  MEASURE k_thrash
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

/* 64 nops: 8 lines after the first (offsets 8..263 and the stop csrr at 264): cold
 * 1 + 64 + 8 x 8 = 129, warm 65. */
KFUNC(k_nops64)
  MSTART
  .rept 64
  nop
  .endr
  MSTOP

/* A call to 10 nops and a ret in the ITIM: no fills ever.  lui, jalr (BTB miss cold: 3),
 * 10 nops, ret (BTB miss cold: 3), mv: 14 instructions.  Cold 1 + 14 + 6 = 21, warm
 * 1 + 14 = 15. */
KFUNC(k_itim)
  mv t5, ra
  MSTART
  li t0, 0x08000000
  jalr ra, 0(t0)
  mv ra, t5
  MSTOP

/* Three functions 8 KiB apart (one cache set, two ways), called in turn twice: with LRU
 * every call evicts the line the next call needs: 6 fills of 8 cycles, cold and warm.
 * Instructions: 6 x (la = auipc + addi, jalr, ret) + mv = 25.  Warm: 1 + 25 + 48 = 74 (the
 * six jalr sites are in the BTB, the returns take the RAS top).  Cold: the six jalr sites
 * and the three returns miss the BTB (9 x 3), and the kernel's lines 1 and 2 (body at
 * offsets 12..87) are filled on the way (16): 74 + 27 + 16 = 117. */
KFUNC(k_thrash)
  mv t5, ra
  MSTART
  .rept 2
  la t0, far0
  jalr ra, 0(t0)
  la t0, far1
  jalr ra, 0(t0)
  la t0, far2
  jalr ra, 0(t0)
  .endr
  mv ra, t5
  MSTOP

/* copied to the ITIM */
  .balign 4
itim_code:
  .rept 10
  nop
  .endr
  ret
  .rept 5
  nop
  .endr

  .section .text.far, "ax"
  .balign 8192
far0:
  ret
  .balign 8192
far1:
  ret
  .balign 8192
far2:
  ret
