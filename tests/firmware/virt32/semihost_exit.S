/* semihost-exit: SYS_EXIT_EXTENDED (0x20) with ADP_Stopped_ApplicationExit and subcode 42
 * ends the run with exit status 42 (the parameter block is {reason, subcode}). */
    .option norvc

#define SYS_WRITE0 0x04
#define SYS_EXIT_EXTENDED 0x20
#define ADP_Stopped_ApplicationExit 0x20026

    .section .text.init, "ax", @progbits
    .globl _start
_start:
    li a0, SYS_WRITE0
    la a1, msg
    call semihost
    li a0, SYS_EXIT_EXTENDED
    la a1, exit_block
    call semihost
    li t0, 0x100000             /* SYS_EXIT_EXTENDED returned: fail with 1 */
    li t1, (1 << 16) | 0x3333
    sw t1, 0(t0)
    j .

    .text
    .balign 16
semihost:
    slli x0, x0, 0x1f
    ebreak
    srai x0, x0, 7
    ret

    .section .rodata
msg: .asciz "semihost: SYS_EXIT_EXTENDED 42\n"
    .data
    .balign 4
exit_block: .word ADP_Stopped_ApplicationExit, 42
