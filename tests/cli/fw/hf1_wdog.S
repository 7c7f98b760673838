# HiFive1: a trap loop the watchdog ends, as it would on the chip.  First boot (pmucause
# resetcause 0): arm the watchdog to reset the SoC when wdogs reaches 20 (20 lfclk cycles,
# 610 us, scale 0), then a misaligned load with no handler (mtvec 0, nothing mapped there):
# the fetch at 0 faults again and again until the reset.  Second boot (resetcause 2, the
# watchdog): exit 0 through semihosting.
    .section .text.init
    .globl _start
_start:
    li t0, 0x10000000       # AON
    lw t1, 0x144(t0)        # pmucause
    srli t1, t1, 8
    andi t1, t1, 3
    li t2, 2
    beq t1, t2, rebooted
    li t2, 0x51F15E         # wdogkey before every watchdog register write
    sw t2, 0x1c(t0)
    li t1, 20
    sw t1, 0x20(t0)         # wdogcmp0
    sw t2, 0x1c(t0)
    li t1, 0x1100           # wdogcfg: enalways | rsten
    sw t1, 0(t0)
    li a0, 0x80000001
    lw a1, 0(a0)
rebooted:
    li a0, 0x18             # SYS_EXIT, ADP_Stopped_ApplicationExit: status 0
    li a1, 0x20026
    .option push
    .option norvc
    slli zero, zero, 0x1f
    ebreak
    srai zero, zero, 7
    .option pop
