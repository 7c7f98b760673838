/* trap-nested: a trap taken inside a trap handler (Priv spec 3.1.6.1, 3.3.2): the nested
 * trap overwrites mepc/mcause/mtval and pushes MIE (0) into MPIE; its MRET returns into the
 * handler with MIE = 0, MPIE = 1; the outer handler restores mepc and its MRET returns to
 * the program with MIE = 1 (from the MPIE that the nested MRET set).  The nested trap is an illegal instruction in the handler. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "trap-nested"
    la t0, nest_handler
    csrw mtvec, t0
    csrw mie, zero
    li s1, 0                    /* trap depth counter */
    csrsi mstatus, MSTATUS_MIE
outer_i:
    ecall
    /* back in the program */
    CHECK s1, 2
    CHECK s2, 11                /* outer mcause */
    CHECK_ADDR s3, outer_i      /* outer mepc */
    CHECK s4, 2                 /* nested mcause */
    CHECK_ADDR s5, nested_i     /* nested mepc */
    CHECK s6, 0xfe000033        /* nested mtval: the instruction */
    CHECK s7, 0                 /* MIE/MPIE in the nested handler: MPIE <- MIE = 0 */
    CHECK s8, MSTATUS_MPIE      /* MIE/MPIE after the nested MRET */
    CHECK s9, 2                 /* mcause after the nested MRET */
    csrr a0, mstatus
    andi a0, a0, MSTATUS_MIE | MSTATUS_MPIE
    CHECK a0, MSTATUS_MIE | MSTATUS_MPIE
    csrci mstatus, MSTATUS_MIE
TEST_END

    TEXT_ALIGN 4
nest_handler:
    addi s1, s1, 1
    li t0, 1
    bne s1, t0, inner
    /* outer: record, save mepc, trap again */
    csrr s2, mcause
    csrr s3, mepc
    mv t3, s3
nested_i:
    .word 0xfe000033            /* illegal: nested trap */
    csrr a0, mstatus
    andi s8, a0, MSTATUS_MIE | MSTATUS_MPIE
    csrr s9, mcause             /* the nested trap's cause stays in mcause */
    addi t3, t3, 4
    csrw mepc, t3
    li t0, MSTATUS_MPP          /* (already M on an M-only hart; QEMU 7.2 needs it) */
    csrs mstatus, t0
    mret
inner:
    csrr s4, mcause
    csrr s5, mepc
    csrr s6, mtval
    csrr a0, mstatus
    andi s7, a0, MSTATUS_MIE | MSTATUS_MPIE
    addi t0, s5, 4
    csrw mepc, t0
    mret
