/* semihost-off: with --no-semihosting the semihosting sequence is just code: its EBREAK
 * raises a breakpoint exception (cause 3, mepc at the EBREAK) and a0 is untouched. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "semihost-off"
    li a0, 0x04                 /* SYS_WRITE0 */
    la a1, msg
    EXPECT_TRAP sh_r
    TEXT_ALIGN 16
    slli x0, x0, 0x1f
sh_i:
    ebreak
    srai x0, x0, 7
sh_r:
    lw t5, tm_trap_rec + TR_CAUSE
    CHECK t5, 3
    lw t5, tm_trap_rec + TR_EPC
    CHECK_ADDR t5, sh_i
    CHECK a0, 0x04
TEST_END

    .section .rodata
msg: .asciz "this must not be printed\n"
