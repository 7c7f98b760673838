/* semihost: RISC-V semihosting (the Arm semihosting operations behind the sequence
 * "slli x0, x0, 0x1f; ebreak; srai x0, x0, 7", a0 = operation, a1 = parameter): SYS_WRITEC
 * (0x03), SYS_WRITE0 (0x04), SYS_OPEN (0x01) of ":tt" for writing, SYS_WRITE (0x05) to that
 * handle (returns the number of bytes NOT written: 0), SYS_EXIT (0x18) with
 * ADP_Stopped_ApplicationExit (0x20026, passed directly in a1 on 32-bit targets): exit 0.
 * The test assumes no fixed handle numbers: it writes to the handle SYS_OPEN returns
 * (":tt" with mode 4 = "w" is the console's output, per the semihosting spec).  A failed
 * check exits through the finisher with its number. */
    .option norvc

#define SYS_OPEN   0x01
#define SYS_WRITEC 0x03
#define SYS_WRITE0 0x04
#define SYS_WRITE  0x05
#define SYS_EXIT   0x18
#define ADP_Stopped_ApplicationExit 0x20026

    .section .text.init, "ax", @progbits
    .globl _start
_start:
    la sp, _stack_top
    /* SYS_WRITEC, one character at a time */
    la s0, msg_writec
1:  lbu t0, 0(s0)
    beqz t0, 2f
    li a0, SYS_WRITEC
    mv a1, s0                   /* a1 points to the character */
    call semihost
    addi s0, s0, 1
    j 1b
2:  /* SYS_WRITE0 */
    li a0, SYS_WRITE0
    la a1, msg_write0
    call semihost
    /* SYS_OPEN(":tt", mode 4 = "w", length 3) */
    la a1, open_block
    li a0, SYS_OPEN
    call semihost
    li t0, -1
    li s1, 1
    beq a0, t0, fail
    mv s2, a0                   /* the handle */
    /* SYS_WRITE(handle, buffer, length) returns the number of bytes not written */
    la a1, write_block
    sw s2, 0(a1)
    li a0, SYS_WRITE
    call semihost
    li s1, 2
    bnez a0, fail
    /* a zero-length SYS_WRITE0 string writes nothing */
    li a0, SYS_WRITE0
    la a1, msg_empty
    call semihost
    /* SYS_EXIT: application exit = status 0 */
    li a0, SYS_EXIT
    li a1, ADP_Stopped_ApplicationExit
    call semihost
    li s1, 3                    /* SYS_EXIT returned */
fail:
    li t0, 0x100000
    slli t1, s1, 16
    li t2, 0x3333
    or t1, t1, t2
    sw t1, 0(t0)
    j .

    .text
    .balign 16                  /* the three instructions stay in one page */
semihost:
    slli x0, x0, 0x1f
    ebreak
    srai x0, x0, 7
    ret

    .section .rodata
msg_writec: .asciz "semihost: SYS_WRITEC\n"
msg_write0: .asciz "semihost: SYS_WRITE0\n"
msg_write:  .ascii "semihost: SYS_WRITE to :tt\n"
msg_write_end:
msg_empty:  .asciz ""
tt_name:    .asciz ":tt"
    .data
    .balign 4
open_block:  .word tt_name, 4, 3
write_block: .word 0, msg_write, msg_write_end - msg_write
