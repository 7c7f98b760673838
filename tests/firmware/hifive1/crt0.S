/* Start-up code like the freedom-e-sdk's: global pointer, stack, copy .data from flash to
 * the DTIM, zero .bss, install the trap vector, call main, then exit with its status.
 * The boot path hands over t0 = 0x20010000 (the flash bootloader's jump) and t1 =
 * MSEL << 2 (the gate ROM's table index); they are kept in boot_t0/boot_t1 so a test can
 * show the program was reached through the reset vector and not entered directly. */
#include "../common/crt0_macros.h"

    .section .init, "ax"
    .globl _start
_start:
    mv s0, t0
    mv s1, t1
    LOAD_GP
    la sp, _sp

    la a0, _data_lma
    la a1, _data
    la a2, _edata
1:  bgeu a1, a2, 2f
    lw a3, 0(a0)
    sw a3, 0(a1)
    addi a0, a0, 4
    addi a1, a1, 4
    j 1b
2:
    ZERO_BSS _bss, _ebss, a1, a2

    la a0, boot_t0
    sw s0, 0(a0)
    la a0, boot_t1
    sw s1, 0(a0)

    la t0, trap_entry
    csrw mtvec, t0
    call main
    call exit
5:  wfi
    j 5b

/* Machine-mode trap entry (direct mode): save the caller-saved registers, let
 * trap_handler(mcause, mepc) dispatch, resume at the mepc it returns. */
    .text
    .balign 4
    .globl trap_entry
trap_entry:
    TRAP_SAVE_CALLER_SAVED
    csrr a0, mcause
    csrr a1, mepc
    call trap_handler
    csrw mepc, a0
    TRAP_RESTORE_CALLER_SAVED
    mret
