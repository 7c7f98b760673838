/* htif: a program with a `tohost` symbol (section .tohost, 8-byte aligned, as riscv-tests
 * use it) ends the run by writing (code << 1) | 1 to it: exit status = code = 7.  If the
 * write is ignored the program spins until --max-time (exit 124).  socsim-only: QEMU's virt
 * machine has no HTIF. */
    .option norvc
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    la a0, msg
    li t0, 0x10000000
1:  lbu t1, 0(a0)
    beqz t1, 3f
2:  lbu t2, 5(t0)
    andi t2, t2, 0x20
    beqz t2, 2b
    sb t1, 0(t0)
    addi a0, a0, 1
    j 1b
3:  li t1, (7 << 1) | 1
    la t0, tohost
    sw t1, 0(t0)
    sw zero, 4(t0)
    j .

    .section .rodata
msg: .asciz "htif: exit 7 through tohost\n"

    .section .tohost, "aw", @progbits
    .balign 8
    .globl tohost
tohost: .dword 0
    .balign 8
    .globl fromhost
fromhost: .dword 0
