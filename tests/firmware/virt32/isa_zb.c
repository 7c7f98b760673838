/* isa-zb: every instruction of Zba, Zbb, Zbc and Zbs (Bitmanip 1.0.0) on edge operands,
 * and C that GCC compiles to them (-march=..._zba_zbb_zbc_zbs, firmware.mk).  Per
 * instruction: its results for twelve operand pairs and a hash over all 144 pairs
 * (isa_zb.h).  The expected output is QEMU's (-cpu rv32,zba=true,zbb=true,zbc=true,zbs=true,
 * isa_zb.qemu); socsim runs it with -cpu-model functional,zba=on,zbb=on,zbc=on,zbs=on
 * (isa_zb.args). */
#include "isa_zb.h"

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

static const struct zb_op ops[] = {
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
    zb_run(ops, sizeof(ops) / sizeof(ops[0]));
    uart_puts("compiled ");
    uart_puthex(compiled(vals, 12));
    uart_puts("\n");
    return 0;
}
