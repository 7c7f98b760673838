/* isa-c: every RV32C instruction (Unpriv spec ch. 16), written with explicit c. mnemonics so
 * each is the 16-bit encoding; 32-bit instructions at 2 mod 4 addresses; c.ebreak's trap. */
#include "test_macros.h"
    .option rvc

TEST_BEGIN "isa-c"
    /* CI: c.li, c.lui, c.addi, c.nop, c.slli */
    c.li a0, 0
    CHECK a0, 0
    c.li a0, 31
    CHECK a0, 31
    c.li a0, -32
    CHECK a0, 0xffffffe0
    c.li t0, -1                 /* full register range: x5 */
    CHECK t0, 0xffffffff
    c.lui a1, 1
    CHECK a1, 0x1000
    c.lui a1, 31
    CHECK a1, 0x1f000
    c.lui a1, 0xfffe0           /* sign-extended from bit 17 */
    CHECK a1, 0xfffe0000
    c.lui s9, 0xfffff
    CHECK s9, 0xfffff000
    c.li a2, 10
    c.addi a2, 5
    CHECK a2, 15
    c.addi a2, -32
    CHECK a2, 0xffffffef
    c.addi a2, 31
    CHECK a2, 14
    c.li t2, 1
    c.nop
    c.addi t2, 1
    CHECK t2, 2
    c.li a0, 1
    c.slli a0, 31
    CHECK a0, 0x80000000
    li s2, 0x12345678
    c.slli s2, 4
    CHECK s2, 0x23456780
    c.slli s2, 1
    CHECK s2, 0x468acf00

    /* CR: c.mv, c.add */
    c.li a2, 14
    c.mv a3, a2
    CHECK a3, 14
    c.mv s10, a3
    CHECK s10, 14
    c.add a3, a2
    CHECK a3, 28
    li t3, 0x7fffffff
    c.add t3, t3
    CHECK t3, 0xfffffffe

    /* CA: c.sub, c.xor, c.or, c.and */
    li s0, 0xff00ff00
    li s1, 0x0ff00ff0
    mv a0, s0
    c.sub a0, s1
    CHECK a0, 0xef10ef10
    mv a0, s1
    c.sub a0, s0
    CHECK a0, 0x10ef10f0
    mv a0, s0
    c.xor a0, s1
    CHECK a0, 0xf0f0f0f0
    mv a0, s0
    c.or a0, s1
    CHECK a0, 0xfff0fff0
    mv a0, s0
    c.and a0, s1
    CHECK a0, 0x0f000f00
    mv a5, s0
    c.and a5, a5
    CHECK a5, 0xff00ff00

    /* CB: c.srli, c.srai, c.andi */
    li a0, 0x80000000
    c.srli a0, 1
    CHECK a0, 0x40000000
    li a0, 0x80000000
    c.srli a0, 31
    CHECK a0, 1
    li a4, 0x80000000
    c.srai a4, 1
    CHECK a4, 0xc0000000
    li a4, 0x80000000
    c.srai a4, 31
    CHECK a4, 0xffffffff
    li a4, 0x7ffffff0
    c.srai a4, 4
    CHECK a4, 0x07ffffff
    li a0, 0xffffffff
    c.andi a0, -32
    CHECK a0, 0xffffffe0
    c.andi a0, 31
    CHECK a0, 0
    li s1, 0x1234
    c.andi s1, 0x0f
    CHECK s1, 4

    /* stack-pointer forms: c.addi16sp, c.addi4spn, c.lwsp, c.swsp */
    la s11, _stack_top
    c.addi16sp sp, -512
    addi t0, s11, -512
    CHECK_REG sp, t0
    c.addi16sp sp, 496
    addi t0, s11, -16
    CHECK_REG sp, t0
    c.addi16sp sp, -16
    c.addi16sp sp, -256
    addi t0, s11, -288
    CHECK_REG sp, t0
    c.addi4spn a0, sp, 4
    addi t0, sp, 4
    CHECK_REG a0, t0
    c.addi4spn s1, sp, 1020
    addi t0, sp, 1020
    CHECK_REG s1, t0
    li a0, 0x11111111
    li t1, 0x22222222
    c.swsp a0, 0(sp)
    c.swsp t1, 252(sp)
    c.lwsp a2, 0(sp)
    CHECK a2, 0x11111111
    c.lwsp t4, 252(sp)
    CHECK t4, 0x22222222
    lw a2, 252(sp)
    CHECK a2, 0x22222222
    li a1, 0x33333333
    c.swsp a1, 4(sp)
    lw a2, 4(sp)
    CHECK a2, 0x33333333
    lw a2, 0(sp)                /* neighbour untouched */
    CHECK a2, 0x11111111
    c.lwsp ra, 4(sp)
    CHECK ra, 0x33333333
    mv sp, s11

    /* CL/CS: c.lw, c.sw */
    la s0, cdata
    c.lw a0, 0(s0)
    CHECK a0, 0xdeadbeef
    c.lw a1, 124(s0)
    CHECK a1, 0xcafef00d
    c.lw s0, 4(s0)              /* rd = rs1 */
    CHECK s0, 0x01234567
    la s0, cdata
    li a2, 0x5a5aa5a5
    c.sw a2, 8(s0)
    c.sw a2, 120(s0)
    lw a3, 8(s0)
    CHECK a3, 0x5a5aa5a5
    lw a3, 120(s0)
    CHECK a3, 0x5a5aa5a5
    lw a3, 12(s0)
    CHECK a3, 0

    /* CJ: c.j, c.jal; CR: c.jr, c.jalr */
    c.li a0, 0
    c.j cj_fwd
    c.li a0, 1
cj_fwd:
    CHECK a0, 0
    c.li a5, 0
    c.jal cfunc
cjal_ret:
    CHECK a5, 9
    CHECK_ADDR ra, cjal_ret
    la a3, cjr_target
    c.jr a3
    c.li a0, 2
cjr_target:
    CHECK a0, 0
    la a3, cfunc
    c.li a5, 0
    c.jalr a3
cjalr_ret:
    CHECK a5, 9
    CHECK_ADDR ra, cjalr_ret
    la ra, cfunc
    c.jalr ra                   /* rs1 = ra: target from the old ra, link pc + 2 */
cjalr_ra_ret:
    CHECK_ADDR ra, cjalr_ra_ret
    c.li a2, 3
    c.j cj_back_test
cj_back:
    c.addi a2, 1
    c.j cj_back_done
cj_back_test:
    c.j cj_back
cj_back_done:
    CHECK a2, 4

    /* CB: c.beqz, c.bnez */
    c.li a0, 0
    c.li a1, 0
    c.beqz a1, cb1
    c.li a0, 1
cb1:
    CHECK a0, 0
    c.li a1, 5
    c.beqz a1, cb2
    c.li a0, 2
cb2:
    CHECK a0, 2
    c.li a0, 0
    c.li a1, -1
    c.bnez a1, cb3
    c.li a0, 3
cb3:
    CHECK a0, 0
    c.li a1, 0
    c.bnez a1, cb4
    c.li a0, 4
cb4:
    CHECK a0, 4
    c.li a4, 6                  /* backward c.bnez loop */
    c.li a5, 0
cb_loop:
    c.addi a5, 2
    c.addi a4, -1
    c.bnez a4, cb_loop
    CHECK a5, 12
    c.li a4, 0
    c.li a5, 0
cb_loop2:
    c.addi a5, 1
    c.beqz a4, cb_exit
    c.j cb_loop2
cb_exit:
    CHECK a5, 1

    /* a 32-bit instruction at an address that is 2 mod 4 */
    TEXT_ALIGN 4
    c.nop
odd32:
    lui a0, 0x12345
    la a1, odd32
    andi a1, a1, 3
    CHECK a1, 2
    CHECK a0, 0x12345000
    TEXT_ALIGN 4
    c.nop
    jal ra, cfunc               /* 32-bit JAL at 2 mod 4 into a 16-bit function */
odd32_ret:
    CHECK_ADDR ra, odd32_ret

    /* c.ebreak: breakpoint exception (cause 3) with mepc at the 16-bit instruction */
    EXPECT_TRAP cebreak_resume
cebreak:
    c.ebreak
    c.li a0, 7                  /* skipped: the handler resumes at cebreak_resume */
cebreak_resume:
    lw t5, tm_trap_rec + TR_CAUSE
    CHECK t5, 3
    lw t5, tm_trap_rec + TR_EPC
    CHECK_ADDR t5, cebreak
    CHECK a0, 0x12345000

TEST_END

    TEXT_ALIGN 2
cfunc:
    c.li a5, 9
    c.jr ra

    .data
    .balign 4
cdata:
    .word 0xdeadbeef, 0x01234567
    .fill 29, 4, 0
    .word 0xcafef00d
