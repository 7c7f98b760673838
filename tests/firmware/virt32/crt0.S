/* C start-up for virt32 firmware: gp, sp, .bss cleared, a catch-all trap vector, then
 * fw_exit(main()).  main() may install its own mtvec. */
#include "../common/crt0_macros.h"

    .section .text.init, "ax", @progbits
    .globl _start
_start:
    LOAD_GP
    la sp, _stack_top
    la t0, crt_trap
    csrw mtvec, t0
    ZERO_BSS _bss_start, _bss_end, t0, t1
    li a0, 0
    li a1, 0
    call main
    tail fw_exit

    .text
    .balign 4
crt_trap:
    la sp, _stack_top
    tail fw_unexpected_trap
