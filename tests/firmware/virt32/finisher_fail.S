/* finisher-fail: the sifive_test finisher's fail command (code << 16) | 0x3333 ends the run
 * with exit status code (here 5). */
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    li t0, 0x10000000
    li t1, 'f'
    sb t1, 0(t0)
    li t1, '\n'
    sb t1, 0(t0)
    li t0, 0x100000
    li t1, (5 << 16) | 0x3333
    sw t1, 0(t0)
    j .
