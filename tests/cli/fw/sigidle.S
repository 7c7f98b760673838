# For tests/cli/signals.sh: says "ready" on stderr (semihosting SYS_WRITE to handle 2,
# unbuffered), then sleeps in wfi with every interrupt disabled: only the host can end the
# run, and socsim waits on it (poll(2) on its back ends) until a signal comes.
#define SYS_WRITE 0x05
    .option norvc
    .section .text.init
    .globl _start
_start:
    csrw mie, zero
    li a0, SYS_WRITE
    la a1, block
    slli x0, x0, 0x1f
    ebreak
    srai x0, x0, 7
1:  wfi
    j 1b

    .section .rodata
msg:    .ascii "ready\n"
msg_end:
    .balign 4
block:  .word 2, msg, msg_end - msg
