/* Start-up code like the freedom-e-sdk's: global pointer, stack, copy .data from flash to
 * the DTIM, zero .bss, install the trap vector, call main, then exit with its status.
 * The boot path hands over t0 = 0x20010000 (the flash bootloader's jump) and t1 =
 * MSEL << 2 (the gate ROM's table index); they are kept in boot_t0/boot_t1 so a test can
 * show the program was reached through the reset vector and not entered directly. */
    .section .init, "ax"
    .globl _start
_start:
    mv s0, t0
    mv s1, t1
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
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
    la a1, _bss
    la a2, _ebss
3:  bgeu a1, a2, 4f
    sw zero, 0(a1)
    addi a1, a1, 4
    j 3b
4:
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
    addi sp, sp, -64
    sw ra, 0(sp)
    sw t0, 4(sp)
    sw t1, 8(sp)
    sw t2, 12(sp)
    sw a0, 16(sp)
    sw a1, 20(sp)
    sw a2, 24(sp)
    sw a3, 28(sp)
    sw a4, 32(sp)
    sw a5, 36(sp)
    sw a6, 40(sp)
    sw a7, 44(sp)
    sw t3, 48(sp)
    sw t4, 52(sp)
    sw t5, 56(sp)
    sw t6, 60(sp)
    csrr a0, mcause
    csrr a1, mepc
    call trap_handler
    csrw mepc, a0
    lw ra, 0(sp)
    lw t0, 4(sp)
    lw t1, 8(sp)
    lw t2, 12(sp)
    lw a0, 16(sp)
    lw a1, 20(sp)
    lw a2, 24(sp)
    lw a3, 28(sp)
    lw a4, 32(sp)
    lw a5, 36(sp)
    lw a6, 40(sp)
    lw a7, 44(sp)
    lw t3, 48(sp)
    lw t4, 52(sp)
    lw t5, 56(sp)
    lw t6, 60(sp)
    addi sp, sp, 64
    mret
