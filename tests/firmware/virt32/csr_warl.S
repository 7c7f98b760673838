/* csr-warl: WARL fields of an RV32IMAC hart with M and U modes.  mstatus.MPP can hold only
 * implemented modes (Priv spec 3.1.6.1): it resets to M, holds U (0) and M (3), and a write
 * of S (1) or of the reserved 2 is legalized keeping its low bit, as Rocket-derived cores
 * (the E31) do: 1 reads M, 2 reads U; MRET leaves U in it (3.3.2); MPRV and TW are
 * writable; mepc[0] always reads zero when IALIGN = 16 (3.1.14); mie has only MSIE, MTIE
 * and MEIE and mip's MSIP, MTIP and MEIP are read-only (3.1.9).  (QEMU 7.2 keeps mepc[0],
 * lets MPP hold S with S mode disabled and has writable S-mode bits in mie, so this test is
 * socsim-only.) */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "csr-warl"
    li t1, MSTATUS_MPP
    csrr a0, mstatus            /* at reset */
    and a0, a0, t1
    CHECK a0, MSTATUS_MPP
    csrc mstatus, t1            /* write U (0) */
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, 0
    li t2, 0x0800               /* write S (1): M */
    csrc mstatus, t1
    csrs mstatus, t2
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, MSTATUS_MPP
    li t2, 0x1000               /* write H/reserved (2): U */
    csrc mstatus, t1
    csrs mstatus, t2
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, 0
    /* MRET with MPP = M stays in M (CSR access still works afterwards) and leaves MPP = U */
    csrs mstatus, t1
    la t2, mpp_after
    csrw mepc, t2
    mret
    j tm_unexpected
mpp_after:
    csrr a0, mhartid
    CHECK a0, 0
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, 0
    /* MPRV (bit 17) and TW (bit 21) hold what is written */
    li t1, 0x220000
    csrs mstatus, t1
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, 0x220000
    csrc mstatus, t1
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, 0
    /* mepc: bit 0 always reads zero (IALIGN = 16) */
    li t1, 0x80001235
    csrw mepc, t1
    csrr a0, mepc
    CHECK a0, 0x80001234
    li t1, 0x80001236
    csrw mepc, t1
    csrr a0, mepc
    CHECK a0, 0x80001236

    /* mie: only MSIE, MTIE, MEIE exist on an M-only hart */
    li t1, -1
    csrw mie, t1
    csrr a0, mie
    CHECK a0, 0x888
    csrw mie, zero
    csrr a0, mie
    CHECK a0, 0
    /* mip: nothing pending (mtimecmp far in the future, msip clear); MSIP/MTIP/MEIP are
     * read-only in mip, so writing ones changes nothing */
    li t1, CLINT_MTIMECMP
    li t2, -1
    sw t2, 4(t1)
    sw t2, 0(t1)
    csrr a0, mip
    CHECK a0, 0
    li t1, -1
    csrw mip, t1
    csrr a0, mip
    CHECK a0, 0
TEST_END
