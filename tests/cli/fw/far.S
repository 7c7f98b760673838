# Linked at 0x40000000, where virt32 has no memory: the loader must refuse it.
    .section .text.init
    .globl _start
_start:
    j _start
