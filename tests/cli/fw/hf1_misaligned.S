# HiFive1 (linked at 0x20010000, where the boot path enters the flash): a misaligned load
# on the E31, which traps on them, with no trap handler: mtvec is 0 from reset and nothing
# is mapped at 0, so the fetch there faults and enters 0 again, forever.
    .section .text.init
    .globl _start
_start:
    li a0, 0x80000001
    lw a1, 0(a0)
