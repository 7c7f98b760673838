/* signature: `--signature FILE` dumps the words from begin_signature to end_signature as
 * 8-digit lowercase hex, one per line (the riscv-arch-test convention); the program fills
 * them with computed results and exits 0 through the finisher. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "signature"
    la s0, begin_signature
    li a1, 1
    li a2, 2
    add a3, a1, a2
    sw a3, 0(s0)                /* 00000003 */
    sub a3, a1, a2
    sw a3, 4(s0)                /* ffffffff */
    li a1, 0x12345678
    slli a3, a1, 4
    sw a3, 8(s0)                /* 23456780 */
    lui a3, 0xabcde
    sw a3, 12(s0)               /* abcde000 */
    li a2, 0xff00ff00
    xor a3, a1, a2
    sw a3, 16(s0)               /* ed34a978 */
    li a3, 0xcafebabe
    sw a3, 20(s0)
    li a1, -7
    li a2, 2
    div a3, a1, a2
    sw a3, 24(s0)               /* fffffffd */
    rem a3, a1, a2
    sw a3, 28(s0)               /* ffffffff */
    li a0, 8
    CHECK a0, 8
TEST_END

    .data
    .balign 16
    .globl begin_signature
begin_signature:
    .fill 8, 4, 0xdeadbeef
    .globl end_signature
end_signature:
    .word 0x5555aaaa            /* after the end: not dumped */
