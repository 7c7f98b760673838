# A trap handler whose first instruction traps: prints "t", installs the handler, calls
# ecall.  The handler's csrrw writes cycle, which is read-only, so it raises an illegal-
# instruction exception that enters the handler again, with nothing retired between:
# socsim stops it as a trap loop (mcause 2, mepc = mtvec = handler = 0x80000040, mtval =
# the instruction, 0xc0001073).
    .section .text.init
    .globl _start
_start:
    li t0, 0x10000000
    li t1, 't'
    sb t1, 0(t0)
    li t1, '\n'
    sb t1, 0(t0)
    la t0, handler
    csrw mtvec, t0
    ecall
    .org 0x40
handler:
    .4byte 0xc0001073       # csrrw zero, cycle, zero
