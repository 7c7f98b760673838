/* Shared macros for the virt32 assembly tests (the .S files in tests/firmware/virt32).
 *
 * A test is:
 *
 *     #include "test_macros.h"
 *     TEST_BEGIN "isa-rv32i"
 *         li a0, 1
 *         CHECK a0, 1             # check 1: a0 must be 1
 *         ...
 *     TEST_END                    # prints "isa-rv32i: N checks passed", exits 0
 *
 * Every CHECK gets the next number (assembly-time counter _chk).  On the first mismatch the
 * test prints "NAME: check N failed: got 0xVALUE" and exits through the sifive_test finisher
 * with status N (the shell sees N & 0xff; the printed line has the full number).
 *
 * Register conventions: CHECK* and the trap handler clobber t5 and t6 (x30, x31) only; a test
 * must not keep values in them across a CHECK or a trap.  TEST_BEGIN sets sp to _stack_top
 * and mtvec to tm_trap (direct mode), which handles traps announced with EXPECT_TRAP and
 * fails the test on any other trap (exit status 255).
 */
#ifndef TEST_MACROS_H
#define TEST_MACROS_H

#include "../common/crt0_macros.h" /* LOAD_GP */

#define UART0       0x10000000  /* ns16550a: THR +0, LSR +5 (bit 5 = THR empty) */
#define FINISHER    0x00100000  /* sifive_test: 0x5555 pass, (code << 16) | 0x3333 fail */
#define CLINT       0x02000000
#define CLINT_MSIP  (CLINT + 0x0)
#define CLINT_MTIMECMP (CLINT + 0x4000)
#define CLINT_MTIME (CLINT + 0xbff8)
#define PLIC        0x0c000000
#define PLIC_UART0_IRQ 10
#define PLIC_PRIO(src)  (PLIC + 4 * (src))      /* source priority */
#define PLIC_PENDING    (PLIC + 0x1000)         /* pending bits, 32 sources a word */
#define PLIC_ENABLE0    (PLIC + 0x2000)         /* context 0 (hart 0, M mode) enables */
#define PLIC_THRESH0    (PLIC + 0x200000)       /* context 0 priority threshold */
#define PLIC_CLAIM0     (PLIC + 0x200004)       /* context 0 claim / complete */

#define MSTATUS_MIE  0x8
#define MSTATUS_MPIE 0x80
#define MSTATUS_MPP  0x1800
#define MIP_MSIP     0x8
#define MIP_MTIP     0x80
#define MIP_MEIP     0x800
#define MCAUSE_INT   0x80000000

/* tm_trap_rec layout (words): cause, epc, tval, resume address (0 = none), trap count,
 * mstatus at handler entry */
#define TR_CAUSE  0
#define TR_EPC    4
#define TR_TVAL   8
#define TR_RESUME 12
#define TR_COUNT  16
#define TR_STATUS 20

.macro TEST_BEGIN name
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    LOAD_GP
    la sp, _stack_top
    la t0, tm_trap
    csrw mtvec, t0
    j tm_body
    .section .rodata
tm_name:
    .asciz "\name"
    .text
    TEXT_ALIGN 4
tm_body:
    .set _chk, 0
.endm

/* TEXT_ALIGN n: aligns code to n bytes.  (With ".option norvc", GAS skips a 4-byte alignment
 * when the location is 2 mod 4, which compressed code before it can cause; with rvc it pads
 * with C.NOP.) */
.macro TEXT_ALIGN n
    .option push
    .option rvc
    .balign \n
    .option pop
.endm

/* CHECK_REG reg, reg2: reg must equal reg2.  Every other check is this one with the expected
 * value loaded into t6 first, so a test's own reg2 must not be t6. */
.macro CHECK_REG reg, reg2
    .set _chk, _chk + 1
    beq \reg, \reg2, .Lok\@
    mv a1, \reg
    li a0, _chk
    j tm_fail
.Lok\@:
.endm

/* CHECK reg, value: reg must equal the 32-bit constant value. */
.macro CHECK reg, val
    li t6, \val
    CHECK_REG \reg, t6
.endm

/* CHECK_ADDR reg, label: reg must hold the address of label. */
.macro CHECK_ADDR reg, label
    la t6, \label
    CHECK_REG \reg, t6
.endm

/* CHECK_MEM label, value: the word at label must equal value. */
.macro CHECK_MEM label, val
    lw t5, \label
    CHECK t5, \val
.endm

/* EXPECT_TRAP resume: the next trap is expected; tm_trap records mcause, mepc and mtval in
 * tm_trap_rec and continues at resume. */
.macro EXPECT_TRAP resume
    la t6, \resume
    la t5, tm_trap_rec
    sw t6, TR_RESUME(t5)
    sw zero, TR_EPC(t5)         /* a stale record cannot pass for this trap */
    li t6, -1
    sw t6, TR_CAUSE(t5)
.endm

/* TRAP_INSN cause, insn...: the 32-bit instruction traps with cause and mtval = its bits. */
.macro TRAP_INSN cause, insn:vararg
    EXPECT_TRAP .Lr\@
    .option push
    .option norvc
.Li\@:
    \insn
    .option pop
.Lr\@:
    CHECK_TRAP_INSN \cause, .Li\@
.endm

/* TRAP_HALF cause, bits: the 16-bit encoding bits traps with cause and mtval = bits. */
.macro TRAP_HALF cause, bits
    EXPECT_TRAP .Lr\@
.Li\@:
    .half \bits
.Lr\@:
    CHECK_TRAP_INSN16 \cause, .Li\@
.endm

/* CHECK_TRAP_AT cause, epc_label: the last trap had this mcause and mepc; leaves its mtval
 * in t5 for the caller to check. */
.macro CHECK_TRAP_AT cause, epc
    lw t5, tm_trap_rec + TR_CAUSE
    CHECK t5, \cause
    lw t5, tm_trap_rec + TR_EPC
    CHECK_ADDR t5, \epc
    lw t5, tm_trap_rec + TR_TVAL
.endm

/* TRAP_KEEPS_A0 cause, insn...: insn, whose destination (if any) is a0, traps with cause at
 * its own address and leaves a0 as it was (a faulting access writes no register); mtval is
 * left in t5 for the caller to check. */
.macro TRAP_KEEPS_A0 cause, insn:vararg
    li a0, 0x77
    EXPECT_TRAP .Lr\@
.Li\@:
    \insn
.Lr\@:
    mv a2, a0
    CHECK a2, 0x77
    CHECK_TRAP_AT \cause, .Li\@
.endm

/* CHECK_TRAP cause, epc_label, tval: the last trap had these mcause, mepc, mtval. */
.macro CHECK_TRAP cause, epc, tval
    CHECK_TRAP_AT \cause, \epc
    CHECK t5, \tval
.endm

/* CHECK_TRAP_INSN cause, epc_label: mtval must hold the 32-bit instruction at epc_label. */
.macro CHECK_TRAP_INSN cause, epc
    CHECK_TRAP_AT \cause, \epc
    lw t6, \epc
    CHECK_REG t5, t6
.endm

/* CHECK_TRAP_INSN16 cause, epc_label: mtval must hold the 16-bit instruction at epc_label. */
.macro CHECK_TRAP_INSN16 cause, epc
    CHECK_TRAP_AT \cause, \epc
    lhu t6, \epc
    CHECK_REG t5, t6
.endm

/* TEST_RR op, expected, a, b: "op a3, a1, a2" with a1 = a, a2 = b gives expected. */
.macro TEST_RR op, exp, a, b
    li a1, \a
    li a2, \b
    \op a3, a1, a2
    CHECK a3, \exp
.endm

/* TEST_RI op, expected, a, imm: "op a3, a1, imm" with a1 = a gives expected. */
.macro TEST_RI op, exp, a, imm
    li a1, \a
    \op a3, a1, \imm
    CHECK a3, \exp
.endm

/* TEST_BR op, a, b, taken: "op a1, a2, target" is taken (1) or falls through (0). */
.macro TEST_BR op, a, b, taken
    li a1, \a
    li a2, \b
    li a3, 0
    \op a1, a2, .Lt\@
    li a3, 1
    j .Ld\@
.Lt\@:
    li a3, 2
.Ld\@:
    CHECK a3, 1 + \taken
.endm

/* PUTS "text": prints a string literal on the UART (clobbers a0, t0, t1, ra). */
.macro PUTS str
    .section .rodata
.Lstr\@:
    .asciz "\str"
    .text
    la a0, .Lstr\@
    jal tm_puts
.endm

/* TEST_END: prints "NAME: N checks passed" and exits 0; then the runtime routines. */
.macro TEST_END
    la a0, tm_name
    jal tm_puts
    PUTS ": "
    li a0, _chk
    jal tm_putdec
    PUTS " checks passed\n"
    li a0, 0
    j tm_exit
    TEST_RUNTIME
.endm

/* The runtime: tm_putc(a0), tm_puts(a0), tm_putdec(a0), tm_puthex(a0), tm_exit(a0),
 * tm_fail(a0 = check number, a1 = value seen) and the trap handler tm_trap. */
.macro TEST_RUNTIME
    .text
    TEXT_ALIGN 4
tm_putc:                        /* a0 = byte; clobbers t0, t1 */
    li t0, UART0
1:  lbu t1, 5(t0)
    andi t1, t1, 0x20
    beqz t1, 1b
    sb a0, 0(t0)
    ret

tm_puts:                        /* a0 = NUL-terminated string; clobbers a0, a2, a5, t0, t1 */
    mv a2, a0
    mv a5, ra
1:  lbu a0, 0(a2)
    beqz a0, 2f
    jal tm_putc
    addi a2, a2, 1
    j 1b
2:  mv ra, a5
    ret

tm_putdec:                      /* a0 = unsigned; clobbers a0-a5, t0-t2 */
    mv t2, ra
    addi sp, sp, -16
    mv a3, sp                   /* digits pushed backwards into the 16-byte buffer */
    addi a3, a3, 15
    sb zero, 0(a3)
    li a4, 10
1:  remu a2, a0, a4
    divu a0, a0, a4
    addi a2, a2, 48
    addi a3, a3, -1
    sb a2, 0(a3)
    bnez a0, 1b
    mv a0, a3
    jal tm_puts
    addi sp, sp, 16
    mv ra, t2
    ret

tm_puthex:                      /* a0 = value, printed as 0x%08x; clobbers a0-a4, t0-t2 */
    mv t2, ra
    mv a3, a0
    li a0, 48
    jal tm_putc
    li a0, 120
    jal tm_putc
    li a4, 28
1:  srl a0, a3, a4
    andi a0, a0, 15
    addi a0, a0, 48
    li t0, 57
    ble a0, t0, 2f
    addi a0, a0, 39              /* 'a' - '9' - 1 */
2:  jal tm_putc
    addi a4, a4, -4
    bgez a4, 1b
    mv ra, t2
    ret

tm_exit:                        /* a0 = exit status (0 = pass) */
    li t0, FINISHER
    bnez a0, 1f
    li t1, 0x5555
    sw t1, 0(t0)
    j .
1:  slli t1, a0, 16
    li a0, 0x3333
    or t1, t1, a0
    sw t1, 0(t0)
    j .

tm_fail:                        /* a0 = check number, a1 = value seen */
    mv s0, a0
    mv s1, a1
    la a0, tm_name
    jal tm_puts
    la a0, tm_s_check
    jal tm_puts
    mv a0, s0
    jal tm_putdec
    la a0, tm_s_failed
    jal tm_puts
    mv a0, s1
    jal tm_puthex
    li a0, 10
    jal tm_putc
    mv a0, s0
    j tm_exit

    TEXT_ALIGN 4
tm_trap:                        /* expected traps: record and resume; others fail (255) */
    la t5, tm_trap_rec
    csrr t6, mcause
    sw t6, TR_CAUSE(t5)
    csrr t6, mepc
    sw t6, TR_EPC(t5)
    csrr t6, mtval
    sw t6, TR_TVAL(t5)
    csrr t6, mstatus
    sw t6, TR_STATUS(t5)
    lw t6, TR_COUNT(t5)
    addi t6, t6, 1
    sw t6, TR_COUNT(t5)
    lw t6, TR_RESUME(t5)
    beqz t6, tm_unexpected
    sw zero, TR_RESUME(t5)
    csrw mepc, t6
    mret

tm_unexpected:
    la sp, _stack_top
    la a0, tm_name
    jal tm_puts
    la a0, tm_s_unexp
    jal tm_puts
    csrr a0, mcause
    jal tm_puthex
    la a0, tm_s_mepc
    jal tm_puts
    csrr a0, mepc
    jal tm_puthex
    la a0, tm_s_mtval
    jal tm_puts
    csrr a0, mtval
    jal tm_puthex
    li a0, 10
    jal tm_putc
    li a0, 255
    j tm_exit

    .section .rodata
tm_s_check:  .asciz ": check "
tm_s_failed: .asciz " failed: got "
tm_s_unexp:  .asciz ": unexpected trap: mcause="
tm_s_mepc:   .asciz " mepc="
tm_s_mtval:  .asciz " mtval="
    .data
    .balign 8
tm_trap_rec: .word 0, 0, 0, 0, 0, 0
    .text
.endm

/* ---- interrupt tests (irq_*.S) ----
 * TIMER_IN ticks: mtimecmp = mtime + ticks, written low = -1, high, low (Priv spec 3.2.1) so
 * no spurious match; assumes mtime < 2^32 (the first 7 minutes).  Leaves the target in t1.
 * TIMER_OFF: mtimecmp = 2^64 - 1.  Clobber t0-t2. */
.macro TIMER_IN ticks
    li t0, CLINT_MTIME
    lw t1, 0(t0)
    li t2, \ticks
    add t1, t1, t2
    li t0, CLINT_MTIMECMP
    li t2, -1
    sw t2, 0(t0)
    sw zero, 4(t0)
    sw t1, 0(t0)
.endm

.macro TIMER_OFF
    li t0, CLINT_MTIMECMP
    li t2, -1
    sw t2, 4(t0)
    sw t2, 0(t0)
.endm

/* irq_rec layout (words): mcause, mepc, mtval, count, vector id, mtime low, mstatus */
#define IR_CAUSE  0
#define IR_EPC    4
#define IR_TVAL   8
#define IR_COUNT  12
#define IR_VEC    16
#define IR_MTIME  20
#define IR_STATUS 24
#define IR_DIRECT 0xd1          /* vector id recorded by the direct-mode handler */

/* IRQ_RUNTIME: irq_direct (a direct-mode handler) and irq_vtable (a vectored table, 256-byte
 * aligned: entry 0 = exceptions -> tm_trap, entry N -> records id N).  Both record the trap in
 * irq_rec and silence the CLINT (mtimecmp = max, msip = 0), then MRET.  They clobber t5, t6. */
.macro IRQ_RUNTIME
    .text
    TEXT_ALIGN 4
irq_direct:
    li t6, IR_DIRECT
    j irq_common

    TEXT_ALIGN 256
irq_vtable:
    j tm_trap
    .irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    j irq_vec\n
    .endr
    .irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
irq_vec\n:
    li t6, \n
    j irq_common
    .endr

irq_common:
    la t5, irq_rec
    sw t6, IR_VEC(t5)
    csrr t6, mcause
    sw t6, IR_CAUSE(t5)
    csrr t6, mepc
    sw t6, IR_EPC(t5)
    csrr t6, mtval
    sw t6, IR_TVAL(t5)
    csrr t6, mstatus
    sw t6, IR_STATUS(t5)
    lw t6, IR_COUNT(t5)
    addi t6, t6, 1
    sw t6, IR_COUNT(t5)
    li t6, CLINT_MTIME
    lw t6, 0(t6)
    sw t6, IR_MTIME(t5)
    li t5, CLINT_MTIMECMP
    li t6, -1
    sw t6, 4(t5)
    sw t6, 0(t5)
    li t5, CLINT_MSIP
    sw zero, 0(t5)
    mret

    .data
    .balign 8
irq_rec: .word 0, 0, 0, 0, 0, 0, 0
    .text
.endm

/* CHECK_IRQ count, cause, vec, epc_label: the count-th interrupt so far had this mcause,
 * went through vector entry vec (IR_DIRECT for direct mode) with mepc = epc_label and
 * mtval = 0. */
.macro CHECK_IRQ count, cause, vec, epc
    lw t5, irq_rec + IR_COUNT
    CHECK t5, \count
    lw t5, irq_rec + IR_CAUSE
    CHECK t5, \cause
    lw t5, irq_rec + IR_VEC
    CHECK t5, \vec
    lw t5, irq_rec + IR_EPC
    CHECK_ADDR t5, \epc
    lw t5, irq_rec + IR_TVAL
    CHECK t5, 0
.endm

#endif
