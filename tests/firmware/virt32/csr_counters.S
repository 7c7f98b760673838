/* csr-counters: mcycle/minstret and their high halves, mcountinhibit, and the read-only
 * user aliases cycle/instret/time (Priv spec 3.1.10, 3.1.12; Unpriv "Zicntr").  A CSR
 * instruction that reads minstret sees the count before it retires; one that writes
 * minstret replaces that instruction's increment (Unpriv 9.1), so two reads separated by N
 * instructions differ by exactly N + 1.  (Writes to the aliases: trap_illegal.S.)
 * socsim-only: QEMU 7.2's minstret is exact only with -icount, ignores mcountinhibit and
 * counts the instruction that writes minstret. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "csr-counters"
    csrw mcountinhibit, zero
    /* minstret counts retired instructions exactly */
    csrr a0, minstret
    .rept 10
    nop
    .endr
    csrr a1, minstret
    sub a2, a1, a0
    CHECK a2, 11
    csrr a0, minstret
    csrr a1, minstret
    sub a2, a1, a0
    CHECK a2, 1
    csrr a0, minstret
    li t0, 3                    /* a loop: 3 x 2 instructions + li */
1:  addi t0, t0, -1
    bnez t0, 1b
    csrr a1, minstret
    sub a2, a1, a0
    CHECK a2, 8
    /* instret is the same counter as minstret */
    csrr a0, minstret
    csrr a1, instret
    sub a2, a1, a0
    CHECK a2, 1
    csrr a0, instret
    csrr a1, minstret
    sub a2, a1, a0
    CHECK a2, 1

    /* ECALL, EBREAK and an illegal instruction raise exceptions and do not retire (Priv spec
     * 3.3.1), so read, trap, 4-instruction handler (MRET retires), read: 1 + 0 + 4 = 5 */
    la t0, skip4
    csrw mtvec, t0
    csrr a0, minstret
    ecall
    csrr a1, minstret
    sub a2, a1, a0
    CHECK a2, 5
    csrr a0, minstret
    ebreak
    csrr a1, minstret
    sub a2, a1, a0
    CHECK a2, 5
    csrr a0, minstret
    .word 0xfe000033            /* illegal */
    csrr a1, minstret
    sub a2, a1, a0
    CHECK a2, 5
    la t0, tm_trap
    csrw mtvec, t0

    /* writing minstreth, then minstret: the 64-bit count carries into the high half */
    li t0, 5
    csrw minstreth, t0
    li t0, 0xfffffff0
    csrw minstret, t0
    .rept 20
    nop
    .endr
    csrr a1, minstret
    csrr a2, minstreth
    csrr a3, instreth
    CHECK a1, 4
    CHECK a2, 6
    CHECK a3, 6

    /* mcountinhibit.IR stops minstret */
    csrwi mcountinhibit, 4
    csrr a0, minstret
    .rept 10
    nop
    .endr
    csrr a1, minstret
    sub a2, a1, a0
    CHECK a2, 0
    csrwi mcountinhibit, 0
    csrr a0, minstret
    .rept 10
    nop
    .endr
    csrr a1, minstret
    sub a2, a1, a0
    CHECK a2, 11

    /* mcycle counts up; cycle reads the same counter */
    csrr a0, mcycle
    .rept 10
    nop
    .endr
    csrr a1, mcycle
    sltu a2, a0, a1
    CHECK a2, 1
    csrr a0, mcycle
    csrr a1, cycle
    sltu a2, a0, a1
    CHECK a2, 1
    /* mcountinhibit.CY stops mcycle: written values read back exactly */
    csrwi mcountinhibit, 1
    li t0, 7
    csrw mcycleh, t0
    li t0, 0xfffffff0
    csrw mcycle, t0
    .rept 5
    nop
    .endr
    csrr a1, mcycle
    csrr a2, mcycleh
    csrr a3, cycle
    csrr a4, cycleh
    CHECK a1, 0xfffffff0
    CHECK a2, 7
    CHECK a3, 0xfffffff0
    CHECK a4, 7
    /* counting again: at least one cycle per instruction, so 40 instructions carry */
    csrwi mcountinhibit, 0
    .rept 40
    nop
    .endr
    csrr a2, mcycleh
    CHECK a2, 8
    csrr a2, cycleh
    CHECK a2, 8
    /* both bits inhibit both counters */
    csrwi mcountinhibit, 5
    csrr a0, mcountinhibit
    andi a0, a0, 7
    CHECK a0, 5
    csrr a0, mcycle
    csrr a1, minstret
    .rept 10
    nop
    .endr
    csrr a2, mcycle
    csrr a3, minstret
    CHECK_REG a2, a0
    CHECK_REG a3, a1
    csrwi mcountinhibit, 0

    /* time reads the CLINT's mtime: low word between two reads of mtime, high word equal */
    li s0, CLINT_MTIME
    lw a0, 0(s0)
    csrr a1, time
    lw a2, 0(s0)
    sltu a3, a1, a0             /* time < first read: wrong */
    CHECK a3, 0
    sltu a3, a2, a1             /* second read < time: wrong */
    CHECK a3, 0
    lw a0, 4(s0)
    csrr a1, timeh
    CHECK_REG a1, a0
TEST_END

    TEXT_ALIGN 4
skip4:                          /* resume after the 4-byte trapping instruction */
    csrr t6, mepc
    addi t6, t6, 4
    csrw mepc, t6
    mret
