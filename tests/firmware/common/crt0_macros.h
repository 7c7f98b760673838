/* Assembler macros shared by the start-up code of the test firmware (the crt0 of
 * tests/firmware/gdb, tests/firmware/hifive1, tests/bench, tests/firmware/virt32 and
 * tests/spi/fw, and TEST_BEGIN in tests/firmware/virt32/test_macros.h).  Include with the C
 * preprocessor from a .S file; the macros emit nothing until used, so including this does
 * not move any code.  What differs per board (link symbols, the .data copy from flash,
 * what the trap entry hands the C handler) stays in each board's crt0. */
#ifndef CRT0_MACROS_H
#define CRT0_MACROS_H

/* LOAD_GP: gp = __global_pointer$.  With linker relaxation on, the linker turns accesses
 * near gp into gp-relative ones; the load of gp itself must not be relaxed that way, so it
 * is assembled with norelax. */
.macro LOAD_GP
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
.endm

/* ZERO_BSS start, end, p, lim: clears the words from symbol `start` up to symbol `end`
 * (both word aligned), using registers p and lim. */
.macro ZERO_BSS start, end, p, lim
    la \p, \start
    la \lim, \end
.Lzero_bss_loop\@:
    bgeu \p, \lim, .Lzero_bss_done\@
    sw zero, 0(\p)
    addi \p, \p, 4
    j .Lzero_bss_loop\@
.Lzero_bss_done\@:
.endm

/* A machine-mode trap entry that calls a C handler saves the registers the psABI lets the
 * handler clobber (ra, t0-t6, a0-a7: the calling convention's caller-saved set); the handler
 * preserves the callee-saved ones itself.  TRAP_SAVE_CALLER_SAVED pushes them as a 64-byte
 * frame (a multiple of 16: the psABI stack alignment), TRAP_RESTORE_CALLER_SAVED pops it. */
.macro TRAP_SAVE_CALLER_SAVED
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
.endm

.macro TRAP_RESTORE_CALLER_SAVED
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
.endm

#endif
