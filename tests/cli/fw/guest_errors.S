# One of each invalid access -d guest_errors explains; the handler steps over each faulting
# instruction (all 4 bytes: no compressed ones here), then the finisher exits 0.  Run with
# -device rom,id=rom0,addr=0x1000,size=4K for the read-only memory.
    .section .text.init
    .globl _start
    .option norvc
_start:
    la t0, handler
    csrw mtvec, t0
    li a0, 0x40000000
    lw a1, 0(a0)            # nothing mapped
    li a0, 0x1000
    sw a1, 0(a0)            # the ROM
    li a0, 0x87fffffe
    lw a1, 0(a0)            # across the end of the RAM
    li a0, 0x2000000
    lb a1, 0(a0)            # the CLINT takes 32-bit accesses only
    csrr a1, 0x7c0          # no such CSR
    csrw mvendorid, a1      # read-only
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)

    .balign 4
handler:
    csrr t2, mepc
    addi t2, t2, 4
    csrw mepc, t2
    mret
