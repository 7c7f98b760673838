/* csr-machine: the machine-mode CSRs of an RV32IMAC hart with M and U modes (Priv spec
 * ch. 3): misa, mhartid, mstatus.MIE/MPIE/MPP across a trap and MRET (3.1.6.1, 3.3.2),
 * mtvec direct and vectored (3.1.7: exceptions go to BASE in both modes), mscratch.  (The
 * WARL behaviour of MPP, mepc, mie and mip: csr_warl.S; U mode: umode_*.S.) */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "csr-machine"
    /* misa: MXL = 1 (32-bit), extensions A, C, I, M, U */
    csrr a0, misa
    CHECK a0, 0x40101105
    csrr a0, mhartid
    CHECK a0, 0

    /* mstatus (MPP is M in the trap handler, a trap from M mode; what MRET leaves in it
     * and what it can hold: csr_warl.S) */
    csrw mie, zero
    li t0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
    li t1, MSTATUS_MPIE | MSTATUS_MIE
    csrc mstatus, t1
    csrr a0, mstatus
    andi a0, a0, MSTATUS_MPIE | MSTATUS_MIE
    CHECK a0, 0
    /* trap with MIE = 1: MPIE <- 1, MIE <- 0, MPP <- M */
    csrsi mstatus, MSTATUS_MIE
    EXPECT_TRAP st1_r
st1_i:
    ecall
st1_r:
    lw a0, tm_trap_rec + TR_STATUS
    and a0, a0, t0
    CHECK a0, MSTATUS_MPP | MSTATUS_MPIE
    /* MRET: MIE <- MPIE (1), MPIE <- 1 */
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, MSTATUS_MPIE | MSTATUS_MIE
    /* trap with MIE = 0: MPIE <- 0 */
    csrci mstatus, MSTATUS_MIE
    EXPECT_TRAP st2_r
    ecall
st2_r:
    lw a0, tm_trap_rec + TR_STATUS
    and a0, a0, t0
    CHECK a0, MSTATUS_MPP
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, MSTATUS_MPIE
    /* MRET by hand: MIE = 1, MPIE = 0 -> MIE = 0, MPIE = 1, continues at mepc */
    csrw mie, zero
    li t2, MSTATUS_MPP          /* MRET back to M mode (it left MPP = U) */
    csrs mstatus, t2
    csrsi mstatus, MSTATUS_MIE
    li t2, MSTATUS_MPIE
    csrc mstatus, t2
    la t2, mret1_target
    csrw mepc, t2
    mret
    j tm_unexpected
mret1_target:
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, MSTATUS_MPIE
    /* MRET with MPIE = 1 -> MIE = 1 */
    li t2, MSTATUS_MPP
    csrs mstatus, t2
    la t2, mret2_target
    csrw mepc, t2
    mret
    j tm_unexpected
mret2_target:
    csrr a0, mstatus
    and a0, a0, t1
    CHECK a0, MSTATUS_MPIE | MSTATUS_MIE
    csrci mstatus, MSTATUS_MIE

    /* mtvec: direct mode, then vectored mode: exceptions still go to BASE */
    csrr a0, mtvec
    CHECK_ADDR a0, tm_trap
    la t1, vec_table
    ori t1, t1, 1
    csrw mtvec, t1
    csrr a0, mtvec
    CHECK_REG a0, t1
    li s0, 0
    EXPECT_TRAP vec_r
vec_i:
    ecall
vec_r:
    CHECK s0, 0x5a              /* came through vec_table + 0 */
    CHECK_TRAP 11, vec_i, 0
    la t1, tm_trap
    csrw mtvec, t1
    csrr a0, mtvec
    CHECK_ADDR a0, tm_trap

    /* mscratch holds any value */
    li t1, 0xfedcba98
    csrw mscratch, t1
    csrr a0, mscratch
    CHECK a0, 0xfedcba98

TEST_END

    TEXT_ALIGN 256
vec_table:                      /* entry 0: exceptions */
    li s0, 0x5a
    j tm_trap
