/* uart-regs: the ns16550a registers at reset and their read/write behaviour (as QEMU's
 * 16550A model): LSR = THRE | TEMT, IIR = no interrupt, LCR and SCR read back, DLAB
 * switches offsets 0 and 1 to the divisor latch, FCR enables the FIFOs (IIR bits 7:6). */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "uart-regs"
    li s0, UART0
    lbu a0, 5(s0)               /* LSR */
    CHECK a0, 0x60
    lbu a0, 2(s0)               /* IIR: no interrupt pending */
    CHECK a0, 0x01
    lbu a0, 1(s0)               /* IER */
    CHECK a0, 0
    li t0, 0x5a
    sb t0, 7(s0)                /* SCR */
    lbu a0, 7(s0)
    CHECK a0, 0x5a
    li t0, 0x83                 /* LCR: DLAB, 8 data bits */
    sb t0, 3(s0)
    lbu a0, 3(s0)
    CHECK a0, 0x83
    li t0, 0x12
    sb t0, 0(s0)                /* DLL */
    li t0, 0x34
    sb t0, 1(s0)                /* DLM */
    lbu a0, 0(s0)
    CHECK a0, 0x12
    lbu a0, 1(s0)
    CHECK a0, 0x34
    li t0, 0x03                 /* DLAB off */
    sb t0, 3(s0)
    lbu a0, 3(s0)
    CHECK a0, 0x03
    lbu a0, 1(s0)               /* IER again, untouched by the DLM write */
    CHECK a0, 0
    li t0, 0x01                 /* FCR: FIFO enable */
    sb t0, 2(s0)
    lbu a0, 2(s0)
    CHECK a0, 0xc1
    /* THR-empty interrupt: IIR reports it (0x02) and reading IIR acknowledges it */
    li t0, 0x02
    sb t0, 1(s0)
    lbu a0, 2(s0)
    CHECK a0, 0xc2
    lbu a0, 2(s0)
    CHECK a0, 0xc1
    sb zero, 1(s0)
    lbu a0, 5(s0)
    CHECK a0, 0x60
TEST_END
