# 64 multiplies by 0xffff, then exit 0 through the finisher.  On the ibex model a mul
# stays 3 cycles in ID/EX with rv32m=fast and 2 + 15 (the index of rs2's highest set bit)
# = 17 with rv32m=slow (docs/timing-models.md, "ibex"): the slow multiplier's run takes
# 64 * 14 = 896 cycles more.
    .section .text.init
    .globl _start
_start:
    li t1, 0xffff
    li t2, 3
    .rept 64
    mul t0, t2, t1
    .endr
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b
