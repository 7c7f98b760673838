# For the signal tests (tests/cli/signals.sh): prints "line 01" to "line 34" through
# semihosting (SYS_WRITE0 to socsim's stdout), fills its signature with 0x00000022 (34) and
# 0x5a5a5a5a, says "ready" on the UART and spins forever: the test sends the signal once
# "ready" has reached the UART's back end.
#define SYS_WRITE0 0x04
    .option norvc
    .section .text.init
    .globl _start
_start:
    la s0, line
    li s1, 1                    # line number
    li s2, 10
1:  divu t0, s1, s2
    remu t1, s1, s2
    addi t0, t0, '0'
    addi t1, t1, '0'
    sb t0, 5(s0)
    sb t1, 6(s0)
    li a0, SYS_WRITE0
    mv a1, s0
    slli x0, x0, 0x1f
    ebreak
    srai x0, x0, 7
    addi s1, s1, 1
    li t0, 35
    bne s1, t0, 1b
    la t0, begin_signature
    li t1, 34
    sw t1, 0(t0)
    li t1, 0x5a5a5a5a
    sw t1, 4(t0)
    li t0, 0x10000000           # virt32's UART
    la t2, ready
2:  lbu t1, 0(t2)
    beqz t1, 3f
    sb t1, 0(t0)
    addi t2, t2, 1
    j 2b
3:  addi t3, t3, 1
    j 3b

    .data
line:   .asciz "line XX\n"
ready:  .asciz "ready\n"
    .balign 4
    .globl begin_signature
begin_signature:
    .word 0, 0
    .globl end_signature
end_signature:
