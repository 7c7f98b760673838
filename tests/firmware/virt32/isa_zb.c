/* isa-zb: every instruction of Zba, Zbb, Zbc and Zbs (Bitmanip 1.0.0) on edge operands,
 * and C that GCC compiles to them (-march=..._zba_zbb_zbc_zbs, firmware.mk).  Per
 * instruction: its results for twelve operand pairs and a hash over all 144 pairs (an
 * immediate form: over the operands and five immediates).  The expected output is QEMU's
 * (-cpu rv32,zba=true,zbb=true,zbc=true,zbs=true, isa_zb.qemu); socsim runs it with
 * -cpu-model functional,zba=on,zbb=on,zbc=on,zbs=on (isa_zb.args). */
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

/* Zba */
R(sh1add) R(sh2add) R(sh3add)
/* Zbb */
R(andn) R(orn) R(xnor) R(max) R(maxu) R(min) R(minu) R(rol) R(ror) I(rori)
U(clz, "clz") U(ctz, "ctz") U(cpop, "cpop") U(sext_b, "sext.b") U(sext_h, "sext.h")
U(zext_h, "zext.h") U(orc_b, "orc.b") U(rev8, "rev8")
/* Zbc */
R(clmul) R(clmulh) R(clmulr)
/* Zbs */
R(bclr) R(bext) R(binv) R(bset) I(bclri) I(bexti) I(binvi) I(bseti)

static const struct {
    const char *name;
    uint32_t (*fn)(uint32_t, uint32_t);
} ops[] = {
    {"sh1add", op_sh1add}, {"sh2add", op_sh2add}, {"sh3add", op_sh3add},
    {"andn", op_andn},     {"orn", op_orn},       {"xnor", op_xnor},
    {"clz", op_clz},       {"ctz", op_ctz},       {"cpop", op_cpop},
    {"max", op_max},       {"maxu", op_maxu},     {"min", op_min},
    {"minu", op_minu},     {"sext.b", op_sext_b}, {"sext.h", op_sext_h},
    {"zext.h", op_zext_h}, {"rol", op_rol},       {"ror", op_ror},
    {"rori", op_rori},     {"orc.b", op_orc_b},   {"rev8", op_rev8},
    {"clmul", op_clmul},   {"clmulh", op_clmulh}, {"clmulr", op_clmulr},
    {"bclr", op_bclr},     {"bclri", op_bclri},   {"bext", op_bext},
    {"bexti", op_bexti},   {"binv", op_binv},     {"binvi", op_binvi},
    {"bset", op_bset},     {"bseti", op_bseti},
};

static uint32_t mix(uint32_t h, uint32_t v) { return (h << 5 | h >> 27) ^ v ^ 0x9e3779b9u; }

/* C that -O2 turns into Zb* instructions (clz, ctz, cpop, rev8, rol/ror, andn, min/max,
 * sh2add, zext.h, bset, bext): a word count of set bits and the like over a table. */
static uint32_t compiled(const uint32_t *v, unsigned n)
{
    uint32_t h = 0;
    for (unsigned i = 0; i < n; i++) {
        uint32_t x = v[i], y = v[(i + 5) % n];
        h += (uint32_t)__builtin_popcount(x) + (x ? (uint32_t)__builtin_clz(x) : 99) +
             (y ? (uint32_t)__builtin_ctz(y) : 77);
        h ^= __builtin_bswap32(x) + ((x << (y & 31)) | (x >> (-y & 31)));
        h += (x & ~y) + ((int32_t)x < (int32_t)y ? x : y) + (x > y ? x : y);
        h += v[(x & 7) % n] + (uint16_t)(x + y) + (h | 1u << (y & 31)) + (x >> (y & 31) & 1);
    }
    return h;
}

int main(void)
{
    for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
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
    uart_puts("compiled ");
    uart_puthex(compiled(vals, 12));
    uart_puts("\n");
    return 0;
}
