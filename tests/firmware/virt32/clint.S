/* clint: the CLINT registers (SiFive CLINT layout as on QEMU's virt): msip reads back bit 0;
 * mtimecmp's two words read back; mtime counts up at 10 MHz, is writable, and carries from its
 * low word into its high word; MTIP compares all 64 bits.  qemu-diff runs it with -icount
 * (clint.qemu): without it QEMU's mtime follows host time, and a descheduled QEMU thread can
 * miss the 25.6 us window the carry check reads the low word in. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "clint"
    li s0, CLINT_MSIP
    li s1, CLINT_MTIMECMP
    li s2, CLINT_MTIME
    csrw mie, zero
    li t0, 1
    sw t0, 0(s0)
    lw a0, 0(s0)
    CHECK a0, 1
    sw zero, 0(s0)
    lw a0, 0(s0)
    CHECK a0, 0
    /* mtimecmp read back */
    li t0, 0x89abcdef
    sw t0, 0(s1)
    li t0, 0x01234567
    sw t0, 4(s1)
    lw a0, 0(s1)
    CHECK a0, 0x89abcdef
    lw a0, 4(s1)
    CHECK a0, 0x01234567
    /* mtime counts up: 1000 loop iterations take at least one 100 ns tick */
    lw a0, 0(s2)
    li t0, 1000
1:  addi t0, t0, -1
    bnez t0, 1b
    lw a1, 0(s2)
    sltu a2, a0, a1
    CHECK a2, 1
    /* write mtime just below a 32-bit boundary and watch the carry */
    li t0, -1
    sw t0, 4(s1)                /* mtimecmp far away */
    sw t0, 0(s1)
    sw zero, 0(s2)
    li t0, 1
    sw t0, 4(s2)
    li t0, 0xffffff00
    sw t0, 0(s2)
    lw a0, 4(s2)
    CHECK a0, 1
    lw a0, 0(s2)
    li t0, 0xffffff00
    sltu a1, a0, t0             /* low word below what was written: wrong */
    CHECK a1, 0
2:  lw a0, 4(s2)                /* 256 ticks = 25.6 us later the high word is 2 */
    li t0, 2
    bne a0, t0, 2b
    lw a1, 0(s2)
    sltiu a2, a1, 0x100         /* and the low word restarted from 0 */
    CHECK a2, 1
    /* MTIP compares 64 bits: a compare value with a larger high word is not reached */
    sw zero, 0(s1)
    li t0, 3
    sw t0, 4(s1)
    csrr a0, mip
    andi a0, a0, MIP_MTIP
    CHECK a0, 0
    li t0, 0x400                /* 0x2_00000400: reached a few ticks later */
    sw t0, 0(s1)
    li t0, 2
    sw t0, 4(s1)
3:  csrr a0, mip
    andi a0, a0, MIP_MTIP
    beqz a0, 3b
    lw a0, 4(s2)
    CHECK a0, 2
    lw a0, 0(s2)
    sltiu a1, a0, 0x400
    CHECK a1, 0
    TIMER_OFF
    csrr a0, mip
    andi a0, a0, MIP_MTIP
    CHECK a0, 0
TEST_END
