# Two PT_LOAD segments at one physical address (overlap.ld puts .data's load address on
# .text's, as a linker script with a wrong AT() does): the loader must refuse the ELF,
# not let the later segment overwrite the earlier one's code.
    .section .text.init
    .globl _start
_start:
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)

    .data
    .word 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef
