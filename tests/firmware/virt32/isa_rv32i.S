/* isa-rv32i: every RV32I base instruction with exact expected results (Unpriv spec ch. 2).
 * ecall/ebreak are covered by trap_ecall.S, fence.i by isa_zifencei.S. */
#include "test_macros.h"
    .option norvc               /* base encodings only: no automatic compression */

TEST_BEGIN "isa-rv32i"

    /* LUI, AUIPC (2.4) */
    lui a0, 0x12345
    CHECK a0, 0x12345000
    lui a0, 0xfffff
    CHECK a0, 0xfffff000
    lui a0, 0
    CHECK a0, 0
    lui x0, 0x12345
    CHECK x0, 0
auipc0:
    auipc a0, 0
    CHECK_ADDR a0, auipc0
auipc1:
    auipc a0, 0x1
    la a1, auipc1
    sub a0, a0, a1
    CHECK a0, 0x1000
auipc2:
    auipc a0, 0xfffff
    la a1, auipc2
    sub a0, a0, a1
    CHECK a0, 0xfffff000

    /* Register-immediate (2.4) */
    TEST_RI addi   0x00000000, 0x00000000, 0
    TEST_RI addi   0x00000002, 0x00000001, 1
    TEST_RI addi   0x0000000a, 0x00000003, 7
    TEST_RI addi   0xfffff800, 0x00000000, -2048
    TEST_RI addi   0x000007ff, 0x00000000, 2047
    TEST_RI addi   0x80000000, 0x7fffffff, 1
    TEST_RI addi   0x7fffffff, 0x80000000, -1
    TEST_RI addi   0x00000000, 0xffffffff, 1
    TEST_RI addi   0x12345677, 0x12345678, -1
    TEST_RI slti   0x00000000, 0x00000000, 0
    TEST_RI slti   0x00000000, 0x00000001, 1
    TEST_RI slti   0x00000001, 0x00000003, 7
    TEST_RI slti   0x00000000, 0x00000007, 3
    TEST_RI slti   0x00000001, 0x80000000, 0
    TEST_RI slti   0x00000000, 0x7fffffff, -1
    TEST_RI slti   0x00000000, 0xffffffff, -1
    TEST_RI slti   0x00000001, 0xffffffff, 0
    TEST_RI slti   0x00000000, 0x00000000, -1
    TEST_RI slti   0x00000000, 0xfffff800, -2048
    TEST_RI sltiu  0x00000000, 0x00000000, 0
    TEST_RI sltiu  0x00000000, 0x00000001, 1
    TEST_RI sltiu  0x00000001, 0x00000003, 7
    TEST_RI sltiu  0x00000000, 0x00000007, 3
    TEST_RI sltiu  0x00000001, 0x00000000, 1
    TEST_RI sltiu  0x00000000, 0x00000001, 1
    TEST_RI sltiu  0x00000001, 0xfffffffe, -1
    TEST_RI sltiu  0x00000000, 0xffffffff, -1
    TEST_RI sltiu  0x00000000, 0x80000000, 2047
    TEST_RI sltiu  0x00000001, 0x00000000, -2048
    TEST_RI xori   0xff00f00f, 0x00ff0f00, -241
    TEST_RI xori   0x0ff00f00, 0x0ff00ff0, 240
    TEST_RI xori   0xedcba987, 0x12345678, -1
    TEST_RI xori   0x00000000, 0x00000000, 0
    TEST_RI xori   0xfffff800, 0xffffffff, 2047
    TEST_RI ori    0xffffff0f, 0xff00ff00, -241
    TEST_RI ori    0x0ff00ff0, 0x0ff00ff0, 240
    TEST_RI ori    0x00ff07ff, 0x00ff00ff, 1807
    TEST_RI ori    0xffffffff, 0x00000000, -1
    TEST_RI ori    0x12345678, 0x12345678, 0
    TEST_RI andi   0xff00ff00, 0xff00ff00, -241
    TEST_RI andi   0x000000f0, 0x0ff00ff0, 240
    TEST_RI andi   0x0000000f, 0x00ff00ff, 1807
    TEST_RI andi   0x00000000, 0xf00ff00f, 240
    TEST_RI andi   0x12345678, 0x12345678, -1
    TEST_RI slli   0x00000001, 0x00000001, 0
    TEST_RI slli   0x00000002, 0x00000001, 1
    TEST_RI slli   0x00000080, 0x00000001, 7
    TEST_RI slli   0x00004000, 0x00000001, 14
    TEST_RI slli   0x80000000, 0x00000001, 31
    TEST_RI slli   0xffffffff, 0xffffffff, 0
    TEST_RI slli   0x80000000, 0xffffffff, 31
    TEST_RI slli   0x48484000, 0x21212121, 14
    TEST_RI srli   0x80000000, 0x80000000, 0
    TEST_RI srli   0x40000000, 0x80000000, 1
    TEST_RI srli   0x01000000, 0x80000000, 7
    TEST_RI srli   0x00000001, 0x80000000, 31
    TEST_RI srli   0x7fffffff, 0xffffffff, 1
    TEST_RI srli   0x00000001, 0xffffffff, 31
    TEST_RI srli   0x00008484, 0x21212121, 14
    TEST_RI srai   0x80000000, 0x80000000, 0
    TEST_RI srai   0xc0000000, 0x80000000, 1
    TEST_RI srai   0xff000000, 0x80000000, 7
    TEST_RI srai   0xffffffff, 0x80000000, 31
    TEST_RI srai   0x3fffffff, 0x7fffffff, 1
    TEST_RI srai   0x00000000, 0x7fffffff, 31
    TEST_RI srai   0xfffe0606, 0x81818181, 14
    TEST_RI srai   0xffffffff, 0x81818181, 31
    /* rd = rs1 and x0 destination */
    li a1, 13
    addi a1, a1, 11
    CHECK a1, 24
    addi x0, a1, 5
    CHECK x0, 0
    li a1, 0x80000000
    srai a1, a1, 4
    CHECK a1, 0xf8000000

    /* Register-register (2.4) */
    TEST_RR add    0x00000000, 0x00000000, 0x00000000
    TEST_RR add    0x00000002, 0x00000001, 0x00000001
    TEST_RR add    0x0000000a, 0x00000003, 0x00000007
    TEST_RR add    0xffff8000, 0x00000000, 0xffff8000
    TEST_RR add    0x80000000, 0x80000000, 0x00000000
    TEST_RR add    0x7fff8000, 0x80000000, 0xffff8000
    TEST_RR add    0x80000000, 0x7fffffff, 0x00000001
    TEST_RR add    0x00000000, 0xffffffff, 0x00000001
    TEST_RR add    0x00000000, 0x12345678, 0xedcba988
    TEST_RR sub    0x00000000, 0x00000000, 0x00000000
    TEST_RR sub    0x00000000, 0x00000001, 0x00000001
    TEST_RR sub    0xfffffffc, 0x00000003, 0x00000007
    TEST_RR sub    0x00008000, 0x00000000, 0xffff8000
    TEST_RR sub    0x7fffffff, 0x80000000, 0x00000001
    TEST_RR sub    0x80000000, 0x7fffffff, 0xffffffff
    TEST_RR sub    0xffffffff, 0x00000000, 0x00000001
    TEST_RR sub    0x00000000, 0xffffffff, 0xffffffff
    TEST_RR sll    0x00000001, 0x00000001, 0x00000000
    TEST_RR sll    0x00000002, 0x00000001, 0x00000001
    TEST_RR sll    0x80000000, 0x00000001, 0x0000001f
    TEST_RR sll    0xffffff80, 0xffffffff, 0x00000007
    TEST_RR sll    0x48484000, 0x21212121, 0x0000000e
    TEST_RR sll    0x21212121, 0x21212121, 0xffffffe0
    TEST_RR sll    0x42424242, 0x21212121, 0x00000021
    TEST_RR sll    0x80000000, 0x21212121, 0xffffffff
    TEST_RR slt    0x00000000, 0x00000000, 0x00000000
    TEST_RR slt    0x00000001, 0x00000000, 0x00000001
    TEST_RR slt    0x00000000, 0x00000001, 0x00000000
    TEST_RR slt    0x00000001, 0x00000003, 0x00000007
    TEST_RR slt    0x00000000, 0x00000007, 0x00000003
    TEST_RR slt    0x00000000, 0x00000000, 0xffff8000
    TEST_RR slt    0x00000001, 0x80000000, 0x00000000
    TEST_RR slt    0x00000000, 0x7fffffff, 0x80000000
    TEST_RR slt    0x00000001, 0x80000000, 0x7fffffff
    TEST_RR slt    0x00000000, 0xffffffff, 0xffffffff
    TEST_RR slt    0x00000001, 0xffffffff, 0x00000001
    TEST_RR sltu   0x00000000, 0x00000000, 0x00000000
    TEST_RR sltu   0x00000001, 0x00000000, 0x00000001
    TEST_RR sltu   0x00000000, 0x00000001, 0x00000000
    TEST_RR sltu   0x00000001, 0x00000003, 0x00000007
    TEST_RR sltu   0x00000000, 0x00000007, 0x00000003
    TEST_RR sltu   0x00000001, 0x00000000, 0xffff8000
    TEST_RR sltu   0x00000000, 0x80000000, 0x00000000
    TEST_RR sltu   0x00000001, 0x7fffffff, 0x80000000
    TEST_RR sltu   0x00000000, 0xffffffff, 0x00000001
    TEST_RR sltu   0x00000001, 0x00000001, 0xffffffff
    TEST_RR sltu   0x00000000, 0xffffffff, 0xffffffff
    TEST_RR xor    0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR xor    0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR xor    0x0ff00ff0, 0x00ff00ff, 0x0f0f0f0f
    TEST_RR xor    0x00ff00ff, 0xf00ff00f, 0xf0f0f0f0
    TEST_RR srl    0x80000000, 0x80000000, 0x00000000
    TEST_RR srl    0x40000000, 0x80000000, 0x00000001
    TEST_RR srl    0x00000001, 0x80000000, 0x0000001f
    TEST_RR srl    0x01ffffff, 0xffffffff, 0x00000007
    TEST_RR srl    0x00008484, 0x21212121, 0x0000000e
    TEST_RR srl    0x21212121, 0x21212121, 0xffffffe0
    TEST_RR srl    0x00000000, 0x21212121, 0xffffffff
    TEST_RR srl    0x40000000, 0x80000000, 0x00000021
    TEST_RR sra    0x80000000, 0x80000000, 0x00000000
    TEST_RR sra    0xc0000000, 0x80000000, 0x00000001
    TEST_RR sra    0xffffffff, 0x80000000, 0x0000001f
    TEST_RR sra    0x00ffffff, 0x7fffffff, 0x00000007
    TEST_RR sra    0xfffe0606, 0x81818181, 0x0000000e
    TEST_RR sra    0x81818181, 0x81818181, 0xffffffe0
    TEST_RR sra    0xffffffff, 0x81818181, 0xffffffff
    TEST_RR sra    0xc0c0c0c0, 0x81818181, 0x00000021
    TEST_RR or     0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR or     0xfff0fff0, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR or     0x0fff0fff, 0x00ff00ff, 0x0f0f0f0f
    TEST_RR or     0xf0fff0ff, 0xf00ff00f, 0xf0f0f0f0
    TEST_RR and    0x0f000f00, 0xff00ff00, 0x0f0f0f0f
    TEST_RR and    0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR and    0x000f000f, 0x00ff00ff, 0x0f0f0f0f
    TEST_RR and    0xf000f000, 0xf00ff00f, 0xf0f0f0f0
    /* source and destination registers aliased, x0 as operand and destination */
    li a1, 5
    add a1, a1, a1
    CHECK a1, 10
    li a1, 7
    li a2, 3
    sub a2, a1, a2
    CHECK a2, 4
    sub a1, x0, a1
    CHECK a1, 0xfffffff9
    add x0, a1, a1
    CHECK x0, 0
    sltu a3, x0, a1
    CHECK a3, 1
    li t0, 0x12345678
    li t1, 0x9abcdef0
    li t2, 0x0f0f0f0f
    add s2, t0, t1
    CHECK s2, 0xacf13568
    and s3, s2, t2
    CHECK s3, 0x0c010508
    li s4, 31
    sll s5, t0, s4
    CHECK s5, 0
    sra s6, t1, s4
    CHECK s6, 0xffffffff
    /* all 31 registers hold distinct values */
    li x1, 1
    li x2, 2
    li x3, 3
    li x4, 4
    li x5, 5
    li x6, 6
    li x7, 7
    li x8, 8
    li x9, 9
    li x10, 10
    li x11, 11
    li x12, 12
    li x13, 13
    li x14, 14
    li x15, 15
    li x16, 16
    li x17, 17
    li x18, 18
    li x19, 19
    li x20, 20
    li x21, 21
    li x22, 22
    li x23, 23
    li x24, 24
    li x25, 25
    li x26, 26
    li x27, 27
    li x28, 28
    li x29, 29
    li x30, 30
    li x31, 31
    add x30, x30, x31
    add x1, x1, x2
    add x1, x1, x3
    add x1, x1, x4
    add x1, x1, x5
    add x1, x1, x6
    add x1, x1, x7
    add x1, x1, x8
    add x1, x1, x9
    add x1, x1, x10
    add x1, x1, x11
    add x1, x1, x12
    add x1, x1, x13
    add x1, x1, x14
    add x1, x1, x15
    add x1, x1, x16
    add x1, x1, x17
    add x1, x1, x18
    add x1, x1, x19
    add x1, x1, x20
    add x1, x1, x21
    add x1, x1, x22
    add x1, x1, x23
    add x1, x1, x24
    add x1, x1, x25
    add x1, x1, x26
    add x1, x1, x27
    add x1, x1, x28
    add x1, x1, x29
    add x1, x1, x30
    CHECK x1, 496
    la gp, __global_pointer$
    la sp, _stack_top

    /* JAL, JALR (2.5) */
    li a0, 0
    jal ra, jal_fwd
    li a0, 99                   /* skipped */
jal_fwd:
    CHECK a0, 0
    la a1, jal_fwd - 4
    CHECK_REG ra, a1
    jal x0, jal_fwd2
    li a0, 98
jal_fwd2:
    CHECK a0, 0
    li a2, 0
    j jal_back_test
jal_back:
    addi a2, a2, 1
    j jal_back_done
jal_back_test:
    jal a4, jal_back            /* backward JAL, link in a4 */
jal_back_ret:
    li a0, 97
jal_back_done:
    CHECK a2, 1
    CHECK a0, 0
    CHECK_ADDR a4, jal_back_ret

    la a1, jalr_t1
    jalr ra, 0(a1)
jalr_r1:
    li a0, 96
jalr_t1:
    CHECK a0, 0
    CHECK_ADDR ra, jalr_r1
    la a1, jalr_t2 - 8
    jalr t0, 8(a1)              /* positive offset */
    li a0, 95
jalr_t2:
    CHECK a0, 0
    la a1, jalr_t3 + 16
    jalr t0, -16(a1)            /* negative offset */
    li a0, 94
jalr_t3:
    CHECK a0, 0
    la a1, jalr_t4 + 1
    jalr t0, 0(a1)              /* bit 0 of the target is cleared */
    li a0, 93
jalr_t4:
    CHECK a0, 0
    la a1, jalr_t5 - 1
    jalr t0, 1(a1)              /* bit 0 of rs1 + imm is cleared */
    li a0, 92
jalr_t5:
    CHECK a0, 0
    la a1, jalr_t6
    jalr a1, 0(a1)              /* rd = rs1: target from the old rs1 */
jalr_r6:
    li a0, 91
jalr_t6:
    CHECK a0, 0
    CHECK_ADDR a1, jalr_r6
    la a1, jalr_t7
    jalr x0, 0(a1)
    li a0, 90
jalr_t7:
    CHECK a0, 0
    call jal_func               /* auipc + jalr pair */
    CHECK a0, 0x5a
    j branches

jal_func:
    li a0, 0x5a
    ret

    /* Branches (2.5) */
branches:
    TEST_BR beq  0x00000000, 0x00000000, 1
    TEST_BR beq  0x00000001, 0x00000001, 1
    TEST_BR beq  0xffffffff, 0xffffffff, 1
    TEST_BR beq  0x00000000, 0x00000001, 0
    TEST_BR beq  0x00000001, 0x00000000, 0
    TEST_BR beq  0xffffffff, 0x00000001, 0
    TEST_BR bne  0x00000000, 0x00000001, 1
    TEST_BR bne  0x00000001, 0x00000000, 1
    TEST_BR bne  0xffffffff, 0x00000001, 1
    TEST_BR bne  0x00000000, 0x00000000, 0
    TEST_BR bne  0x00000001, 0x00000001, 0
    TEST_BR bne  0xffffffff, 0xffffffff, 0
    TEST_BR blt  0x00000000, 0x00000001, 1
    TEST_BR blt  0xffffffff, 0x00000001, 1
    TEST_BR blt  0xfffffffe, 0xffffffff, 1
    TEST_BR blt  0x00000001, 0x00000000, 0
    TEST_BR blt  0x00000001, 0xffffffff, 0
    TEST_BR blt  0xffffffff, 0xfffffffe, 0
    TEST_BR blt  0x00000001, 0x00000001, 0
    TEST_BR blt  0x80000000, 0x7fffffff, 1
    TEST_BR bge  0x00000000, 0x00000000, 1
    TEST_BR bge  0x00000001, 0x00000001, 1
    TEST_BR bge  0xffffffff, 0xffffffff, 1
    TEST_BR bge  0x00000001, 0x00000000, 1
    TEST_BR bge  0x00000001, 0xfffffffe, 1
    TEST_BR bge  0xffffffff, 0xfffffffe, 1
    TEST_BR bge  0x00000000, 0x00000001, 0
    TEST_BR bge  0xffffffff, 0x00000001, 0
    TEST_BR bge  0xfffffffe, 0xffffffff, 0
    TEST_BR bge  0x7fffffff, 0x80000000, 1
    TEST_BR bltu 0x00000000, 0x00000001, 1
    TEST_BR bltu 0xfffffffe, 0xffffffff, 1
    TEST_BR bltu 0x00000000, 0xffffffff, 1
    TEST_BR bltu 0x00000001, 0x00000000, 0
    TEST_BR bltu 0xffffffff, 0xfffffffe, 0
    TEST_BR bltu 0xffffffff, 0x00000000, 0
    TEST_BR bltu 0x80000000, 0x7fffffff, 0
    TEST_BR bltu 0x00000005, 0x00000005, 0
    TEST_BR bgeu 0x00000000, 0x00000000, 1
    TEST_BR bgeu 0x00000001, 0x00000001, 1
    TEST_BR bgeu 0xffffffff, 0xffffffff, 1
    TEST_BR bgeu 0x00000001, 0x00000000, 1
    TEST_BR bgeu 0xffffffff, 0xfffffffe, 1
    TEST_BR bgeu 0xffffffff, 0x00000000, 1
    TEST_BR bgeu 0x00000000, 0x00000001, 0
    TEST_BR bgeu 0xfffffffe, 0xffffffff, 0
    TEST_BR bgeu 0x7fffffff, 0x80000000, 0
    /* backward taken branch: a loop of 10 */
    li a0, 0
    li a1, 10
br_loop:
    addi a0, a0, 3
    addi a1, a1, -1
    bnez a1, br_loop
    CHECK a0, 30

    /* Loads (2.6) from ld_data: 7f ff 80 01 | ef be ad de | 00 80 ff 7f */
    la s0, ld_data
    lb a0, 0(s0)
    CHECK a0, 0x7f
    lb a0, 1(s0)
    CHECK a0, 0xffffffff
    lb a0, 2(s0)
    CHECK a0, 0xffffff80
    lb a0, 3(s0)
    CHECK a0, 0x01
    lbu a0, 1(s0)
    CHECK a0, 0xff
    lbu a0, 2(s0)
    CHECK a0, 0x80
    lh a0, 0(s0)
    CHECK a0, 0xffffff7f
    lh a0, 2(s0)
    CHECK a0, 0x0180
    lh a0, 6(s0)
    CHECK a0, 0xffffdead
    lh a0, 10(s0)
    CHECK a0, 0x7fff
    lhu a0, 0(s0)
    CHECK a0, 0xff7f
    lhu a0, 6(s0)
    CHECK a0, 0xdead
    lhu a0, 8(s0)
    CHECK a0, 0x8000
    lw a0, 0(s0)
    CHECK a0, 0x0180ff7f
    lw a0, 4(s0)
    CHECK a0, 0xdeadbeef
    lw a0, 8(s0)
    CHECK a0, 0x7fff8000
    addi s1, s0, 12
    lw a0, -8(s1)               /* negative offsets */
    CHECK a0, 0xdeadbeef
    lb a0, -11(s1)
    CHECK a0, 0xffffffff
    lhu a0, -2(s1)
    CHECK a0, 0x7fff
    lw s1, -4(s1)               /* rd = rs1 */
    CHECK s1, 0x7fff8000
    lw x0, 0(s0)                /* load to x0 is discarded */
    CHECK x0, 0

    /* Stores (2.6) */
    la s0, st_data
    li a0, 0x11223344
    sw a0, 0(s0)
    sw a0, 4(s0)
    li a1, 0xaabbccdd
    sb a1, 1(s0)
    lw a2, 0(s0)
    CHECK a2, 0x1122dd44
    sh a1, 2(s0)
    lw a2, 0(s0)
    CHECK a2, 0xccdddd44
    sb a1, 0(s0)
    lw a2, 0(s0)
    CHECK a2, 0xccdddddd
    sh a1, 4(s0)
    lw a2, 4(s0)
    CHECK a2, 0x1122ccdd
    sb a1, 7(s0)
    lw a2, 4(s0)
    CHECK a2, 0xdd22ccdd
    addi s1, s0, 16
    sw a1, -8(s1)
    lw a2, 8(s0)
    CHECK a2, 0xaabbccdd
    lw a2, 12(s0)               /* neighbour untouched */
    CHECK a2, 0x55555555
    sh x0, -6(s1)
    lw a2, 8(s0)
    CHECK a2, 0x0000ccdd
    sb x0, 0(s0)
    lbu a2, 0(s0)
    CHECK a2, 0
    lhu a2, 2(s0)
    CHECK a2, 0xccdd

    /* FENCE and hints: execute and fall through */
    li a0, 1
    fence
    fence rw, rw
    fence iorw, iorw
    fence r, w
    fence.tso
    nop
    addi x0, x0, 0
    CHECK a0, 1

TEST_END

    .data
    .balign 4
ld_data:
    .byte 0x7f, 0xff, 0x80, 0x01
    .word 0xdeadbeef
    .half 0x8000, 0x7fff
st_data:
    .word 0x55555555, 0x55555555, 0x55555555, 0x55555555
