/* Helpers shared by the SiFive FE310 peripheral models (sifive_*.c).
 *
 * The FE310's peripherals sit on a TileLink bus that accepts 1-, 2- and 4-byte accesses
 * to their 32-bit registers (FE310-G002 manual, 4 "Memory Map").  The models decode whole
 * registers: a narrow access reads the containing word and a narrow write merges into it,
 * with a byte-lane mask for registers where only the written lanes matter. */
#ifndef PERIPHERALS_SIFIVE_COMMON_H
#define PERIPHERALS_SIFIVE_COMMON_H

#include <stdint.h>

/* How messages name a device: its id, else its type. */
#define SIFIVE_DEV_NAME(d) ((d)->id ? (d)->id : (d)->type->name)

/* The bytes [off, off + size) of a register word. */
static inline uint32_t sifive_reg_extract(uint32_t word, uint32_t off, unsigned size)
{
    uint32_t v = word >> (8 * (off & 3));
    return size >= 4 ? v : v & ((1u << (8 * size)) - 1);
}

/* Mask of the byte lanes an access of `size` at `off` writes, in word position. */
static inline uint32_t sifive_reg_lanes(uint32_t off, unsigned size)
{
    uint32_t m = size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
    return m << (8 * (off & 3));
}

/* The new value of a register after a write of `val` (size bytes at off) over `old`. */
static inline uint32_t sifive_reg_merge(uint32_t old, uint32_t off, unsigned size, uint32_t val)
{
    uint32_t lanes = sifive_reg_lanes(off, size);
    return (old & ~lanes) | ((val << (8 * (off & 3))) & lanes);
}

#endif
