/* Ibex's configuration-dependent CSRs, read back: each kernel leaves a value where the
 * others leave instructions and 0 where they leave cycles, so its line is
 * R,<kernel>,<value>,0.  An access to a CSR the configuration lacks traps (illegal
 * instruction) and the handler resumes after it, leaving the register as it was. */
#include "kmacros.h"
  .option norvc

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)
  MEASURE k_cpuctrlsts_ones
  MEASURE k_tdata1
  MEASURE k_tselect_5
  MEASURE k_mhpmevent5
  MEASURE k_mhpmcounter3h_ones
  MEASURE k_pmpaddr15_ones
  MEASURE k_mseccfg_rlb
  lw ra, 0(sp)
  addi sp, sp, 16
  ret

.macro VALUE reg
  sw \reg, 0(a0)
  sw zero, 4(a0)
  ret
.endm

/* cpuctrlsts after writing all ones: sync_exc_seen and double_fault_seen (0xc0) always,
 * icache_enable (1) with the cache, whose ic_scr_key_valid (0x100) reads 1, the security
 * bits 1-5 (0x3e) with secure=on */
KFUNC(k_cpuctrlsts_ones)
  li t0, -1
  csrw 0x7c0, t0
  csrr t0, 0x7c0
  csrw 0x7c0, zero
  VALUE t0

/* tdata1 with debug triggers: an execute address match for M and U (0x28001048); else the
 * read traps and t0 keeps 1 */
KFUNC(k_tdata1)
  li t0, 1
  csrr t0, 0x7a1
  VALUE t0

/* tselect after selecting trigger 5: one trigger, so 0; else both accesses trap (5) */
KFUNC(k_tselect_5)
  li t0, 5
  csrw 0x7a0, t0
  csrr t0, 0x7a0
  VALUE t0

/* mhpmevent5 is hard-wired to event bit 2 where counter 5 exists (4); else it reads 0 */
KFUNC(k_mhpmevent5)
  csrr t0, 0x325
  VALUE t0

/* mhpmcounter3h after writing all ones to the counter: the bits above 32 its width keeps
 * (255 at 40 bits, 0 at 32), 0 where the counter does not exist */
KFUNC(k_mhpmcounter3h_ones)
  li t0, -1
  csrw 0xb03, t0
  csrw 0xb83, t0
  csrr t0, 0xb83
  csrw 0xb03, zero
  csrw 0xb83, zero
  VALUE t0

/* pmpaddr15 after writing all ones: every bit with 16 PMP regions and a 4-byte grain
 * (4294967295), 0 with fewer regions (an entry not implemented reads 0), and without PMP
 * the accesses trap and t0 keeps 7.  Run in the opentitan configuration, whose preset
 * gives 16 regions, and with -global ibex.pmp-regions given before or after it. */
KFUNC(k_pmpaddr15_ones)
  li t0, 7
  li t1, -1
  csrw 0x3bf, t1
  csrr t0, 0x3bf
  csrw 0x3bf, zero
  VALUE t0

/* mseccfg (Smepmp, CSR 0x747), which Ibex has whenever it has PMP: RLB (4) reads back
 * while no PMP entry is locked, and is cleared again (MML and MMWP would stay set until
 * reset); without PMP the accesses trap and t0 keeps 7. */
KFUNC(k_mseccfg_rlb)
  li t0, 7
  csrwi 0x747, 4
  csrr t0, 0x747
  csrwi 0x747, 0
  VALUE t0
