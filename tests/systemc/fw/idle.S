/* Spins with interrupts off: the background for tests/systemc/signals.lua, which drives the
 * SystemC models from a scenario. */
  .section .vectors, "ax"
  .option norvc
  .rept 32
  j .
  .endr
  .globl reset_entry
reset_entry:
  j reset_entry
