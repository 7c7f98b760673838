/* Start-up for the SPI/I2C test firmware: stack, .data copied from its load address (the
 * image may sit in flash), .bss cleared, main(), then plat_exit(main's value). */
#include "../../firmware/common/crt0_macros.h"

    .section .text.start, "ax"
    .globl _start
_start:
    LOAD_GP
    la sp, __stack_top
    la t0, trap
    csrw mtvec, t0
    la a0, __data_load
    la a1, __data_start
    la a2, __data_end
1:  bgeu a1, a2, 2f
    lw t0, 0(a0)
    sw t0, 0(a1)
    addi a0, a0, 4
    addi a1, a1, 4
    j 1b
2:  ZERO_BSS __bss_start, __bss_end, a1, a2
    call main
    call plat_exit
5:  j 5b

/* Any trap is a test failure: report mcause and stop. */
    .align 2
trap:
    csrr a0, mcause
    call fw_trap
6:  j 6b
