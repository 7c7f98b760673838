/* misaligned: virt32's default handles misaligned loads and stores in hardware (as QEMU's
 * virt does): every halfword and word access at every byte offset gives the little-endian
 * value, stores change exactly the addressed bytes, including across a word boundary. */
#include "test_macros.h"
    .option norvc

TEST_BEGIN "misaligned"
    la s0, mdata
    lw a0, 1(s0)
    CHECK a0, 0x04030201
    lw a0, 2(s0)
    CHECK a0, 0x05040302
    lw a0, 3(s0)
    CHECK a0, 0x06050403
    lw a0, 7(s0)
    CHECK a0, 0x0a090807
    lh a0, 1(s0)
    CHECK a0, 0x0201
    lh a0, 3(s0)
    CHECK a0, 0x0403
    lh a0, 13(s0)
    CHECK a0, 0xffff8e8d
    lhu a0, 13(s0)
    CHECK a0, 0x8e8d
    lw a0, 13(s0)
    CHECK a0, 0x908f8e8d
    li t0, 0xa1b2c3d4
    sw t0, 3(s0)
    lw a0, 0(s0)
    CHECK a0, 0xd4020100
    lw a0, 4(s0)
    CHECK a0, 0x07a1b2c3
    li t0, 0xeeff
    sh t0, 7(s0)
    lw a0, 4(s0)
    CHECK a0, 0xffa1b2c3
    lw a0, 8(s0)
    CHECK a0, 0x0b0a09ee
    sw t0, 1(s0)
    lw a0, 0(s0)
    CHECK a0, 0x00eeff00
    lw a0, 4(s0)
    CHECK a0, 0xffa1b200
TEST_END

    .data
    .balign 8
mdata:
    .byte 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x8d, 0x8e, 0x8f, 0x90, 0x91
