/* Firmware for tests/systemc/tlm.sh, on tests/systemc/ibex-sc.lua (Ibex at 50 MHz: 20 ns a
 * cycle) with SystemC models behind tlm-target; prints R,<name>,<instructions>,<cycles>
 * for each measured kernel and R,<check>,<value>,0 for values (kmacros.h).
 *
 * Annotated delays become wait cycles, rounded up to the core clock: a load or store on
 * Ibex takes 2 cycles plus its wait states (docs/timing-models.md), so
 *   crc_read   lw RESULT, latency 110 ns -> ceil(110 / 20) = 6 waits: 8 cycles (+ harness)
 *   wait6_read lw from a native device behind wait=6: the same count as crc_read
 *   crc_write  sw DATA, 110 ns: 8 cycles
 *   mem_first  lw, b_transport latency 50 ns -> 3 waits; the model sets the DMI hint
 *   mem_dmi    lw through the DMI pointer: dmi-latency 20 ns -> 1 wait
 * The harness around a kernel (call, csrr, ret) adds the same cycles to each, so the rows
 * differ by exactly the waits. */
#include "kmacros.h"
  .option norvc

#define CRC 0x40000
#define MEM 0x60000
#define TIMER 0x30000

  .text
tests:
  addi sp, sp, -16
  sw ra, 0(sp)

  MEASURE k_plain_read
  MEASURE k_crc_read
  MEASURE k_wait6_read
  MEASURE k_crc_write
  MEASURE k_mem_first
  MEASURE k_mem_dmi
  MEASURE k_timer_wfi
  MEASURE k_timer_poll

  /* CRC-32 of "123456789" (the standard check value 0xcbf43926 = 3421780262) */
  li s0, CRC
  sw zero, 8(s0)
  li t0, 0x34333231
  sw t0, 0(s0)
  li t0, 0x38373635
  sw t0, 0(s0)
  li t0, 0x39
  sb t0, 0(s0)
  lw a1, 4(s0)
  la a0, n_crc
  li a2, 0
  call report
  lw a1, 8(s0)
  la a0, n_fed
  li a2, 0
  call report

  /* bus faults from the models' error responses */
  csrw mcause, zero
  lw t0, 0x40(s0)          /* TLM_ADDRESS_ERROR_RESPONSE: load access fault */
  csrr a1, mcause
  la a0, n_addr_err
  li a2, 0
  call report
  csrw mcause, zero
  lw t0, 0(s0)             /* TLM_GENERIC_ERROR_RESPONSE: load access fault */
  csrr a1, mcause
  la a0, n_gen_err
  li a2, 0
  call report
  csrw mcause, zero
  sw t0, 4(s0)             /* TLM_GENERIC_ERROR_RESPONSE on a store: store access fault */
  csrr a1, mcause
  la a0, n_store_err
  li a2, 0
  call report

  /* DMI: memory contents, and how many b_transport calls the model saw */
  li s1, MEM
  li t0, 0x12345678
  sw t0, 0x100(s1)         /* through DMI (granted by k_mem_first) */
  lw a1, 0x100(s1)
  la a0, n_mem_value
  li a2, 0
  call report
  li s2, MEM + 0xff0
  lw a1, 0(s2)             /* size - 16: b_transport calls before this one */
  la a0, n_calls
  li a2, 0
  call report
  li s1, MEM
  li s2, MEM + 0xff0
  sw zero, 4(s2)           /* size - 12: the model revokes DMI */
  lw t0, 0x100(s1)         /* b_transport again, and DMI granted again */
  lw t0, 0x104(s1)         /* DMI */
  li s2, MEM + 0xff0
  lw a1, 0(s2)
  la a0, n_calls_after
  li a2, 0
  call report

  lw ra, 0(sp)
  addi sp, sp, 16
  ret

KFUNC(k_plain_read)
  li t0, TIMER
  MSTART
  lw t1, 8(t0)
  MSTOP

KFUNC(k_crc_read)
  li t0, CRC
  MSTART
  lw t1, 4(t0)
  MSTOP

KFUNC(k_wait6_read)
  li t0, 0x50000
  MSTART
  lw t1, 8(t0)
  MSTOP

KFUNC(k_crc_write)
  li t0, CRC
  MSTART
  sw t0, 0(t0)
  MSTOP

KFUNC(k_mem_first)
  li t0, MEM
  MSTART
  lw t1, 0(t0)
  MSTOP

KFUNC(k_mem_dmi)
  li t0, MEM
  MSTART
  lw t1, 0(t0)
  MSTOP

/* The timer's interrupt 200 cycles after the compare is written, asleep in wfi; the
 * handler (kmacros.h) clears mie.MTIE and returns after the wfi.  mcycle does not count
 * the sleep (Ibex gates its clock in wfi): 28 of the 210 cycles. */
KFUNC(k_timer_wfi)
  li t0, TIMER
  li t2, -1
  sw t2, 12(t0)            /* mtimecmp high first: no early match */
  lw t1, 0(t0)
  addi t1, t1, 200
  li t2, 0x80
  csrs mie, t2
  csrsi mstatus, 8
  MSTART
  sw t1, 8(t0)
  sw zero, 12(t0)
  wfi
  MSTOP

/* The same by polling mip.MTIP with interrupts off. */
KFUNC(k_timer_poll)
  csrci mstatus, 8
  li t0, TIMER
  li t2, -1
  sw t2, 12(t0)
  lw t1, 0(t0)
  addi t1, t1, 100
  MSTART
  sw t1, 8(t0)
  sw zero, 12(t0)
1:
  csrr t2, mip
  andi t2, t2, 0x80
  beqz t2, 1b
  MSTOP

  .section .rodata
n_crc: .asciz "crc_123456789"
n_fed: .asciz "crc_bytes_fed"
n_addr_err: .asciz "address_error_mcause"
n_gen_err: .asciz "generic_error_mcause"
n_store_err: .asciz "store_error_mcause"
n_mem_value: .asciz "dmi_value"
n_calls: .asciz "transport_calls"
n_calls_after: .asciz "transport_calls_after_invalidate"
