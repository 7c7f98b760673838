/* Start-up and trap entry for the benchmark firmware (machine mode only). */
#include "../firmware/common/crt0_macros.h"

    .section .text.start, "ax"
    .globl _start
_start:
    csrw    mie, zero
    la      sp, __stack_top
    /* .bss is NOLOAD: a loader need not zero it, so do it here. */
    ZERO_BSS __bss_start, __bss_end, t0, t1
    la      t0, bench_trap_entry
    csrw    mtvec, t0          /* direct mode: the address is 4-byte aligned */
    call    main
    call    bench_exit

/* Saves the caller-saved registers, calls bench_trap(mcause, mepc), returns with mret.
 * Callee-saved registers are preserved by the C handler itself. */
    .text
    .balign 4
    .globl bench_trap_entry
bench_trap_entry:
    TRAP_SAVE_CALLER_SAVED
    csrr    a0, mcause
    csrr    a1, mepc
    call    bench_trap
    TRAP_RESTORE_CALLER_SAVED
    mret
