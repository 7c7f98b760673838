# Five instructions, two of them compressed (c.li, c.lui), the last one a store to the
# finisher that exits 0: for -d exec and -d cpu.
    .section .text.init
    .globl _start
_start:
    li a0, 7                # c.li
    li t0, 0x100000         # lui
    li t1, 0x5555           # c.lui + addi
    sw t1, 0(t0)
