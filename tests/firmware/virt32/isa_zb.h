/* The harness of the bit-manipulation tests (isa_zb.c, isa_zbk.c): an instruction wrapped as
 * a function of two operands (R: rd, rs1, rs2; U: rd, rs1; I: rd, rs1, one of five
 * immediates picked by the second operand), run on twelve edge operands: per instruction,
 * its results for twelve operand pairs and a hash over all 144 pairs. */
#ifndef VIRT32_ISA_ZB_H
#define VIRT32_ISA_ZB_H

#include "lib.h"

static const uint32_t vals[12] = {0,          1,          0xffffffffu, 0x80000000u,
                                  0x7fffffffu, 0x12345678u, 0x0000ff00u, 0x80000001u,
                                  31,         32,         0xfedcba98u, 0x00010000u};

#define R(insn)                                                                                \
    static uint32_t op_##insn(uint32_t a, uint32_t b)                                          \
    {                                                                                          \
        uint32_t r;                                                                            \
        __asm__ volatile(#insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));                     \
        return r;                                                                              \
    }
#define U(name, insn)                                                                          \
    static uint32_t op_##name(uint32_t a, uint32_t b)                                          \
    {                                                                                          \
        uint32_t r;                                                                            \
        (void)b;                                                                               \
        __asm__ volatile(insn " %0, %1" : "=r"(r) : "r"(a));                                  \
        return r;                                                                              \
    }
/* an immediate form: b selects one of five shift amounts */
#define I(insn)                                                                                \
    static uint32_t op_##insn(uint32_t a, uint32_t b)                                          \
    {                                                                                          \
        uint32_t r;                                                                            \
        switch (b % 5) {                                                                       \
        case 0: __asm__ volatile(#insn " %0, %1, 0" : "=r"(r) : "r"(a)); break;               \
        case 1: __asm__ volatile(#insn " %0, %1, 1" : "=r"(r) : "r"(a)); break;               \
        case 2: __asm__ volatile(#insn " %0, %1, 7" : "=r"(r) : "r"(a)); break;               \
        case 3: __asm__ volatile(#insn " %0, %1, 16" : "=r"(r) : "r"(a)); break;              \
        default: __asm__ volatile(#insn " %0, %1, 31" : "=r"(r) : "r"(a)); break;             \
        }                                                                                      \
        return r;                                                                              \
    }

struct zb_op {
    const char *name;
    uint32_t (*fn)(uint32_t, uint32_t);
};

static uint32_t mix(uint32_t h, uint32_t v) { return (h << 5 | h >> 27) ^ v ^ 0x9e3779b9u; }

static void zb_run(const struct zb_op *ops, unsigned n)
{
    for (unsigned k = 0; k < n; k++) {
        uint32_t h = 0;
        uart_puts(ops[k].name);
        for (unsigned i = 0; i < 12; i++) {
            uart_puts(i % 6 ? " " : "\n  ");
            uart_puthex(ops[k].fn(vals[i], vals[(i * 5 + 3) % 12]));
        }
        for (unsigned i = 0; i < 12; i++)
            for (unsigned j = 0; j < 12; j++)
                h = mix(h, ops[k].fn(vals[i], vals[j]));
        uart_puts("\n  hash ");
        uart_puthex(h);
        uart_puts("\n");
    }
}

#endif
