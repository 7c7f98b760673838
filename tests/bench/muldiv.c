/* muldiv: the M extension in a loop.  Each step runs mul, mulh, mulhsu, mulhu, div, divu,
 * rem and remu on pseudo-random operands, and every eighth step on the edge cases the ISA
 * defines results for: division by zero and INT32_MIN / -1 (Unprivileged spec 13.2). */
#include "benchlib.h"

#define MULDIV_BASE_ITERS 15400000

#define RR(insn, a, b) ({ uint32_t r_; \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"(a), "r"(b)); r_; })

int main(void)
{
    const uint32_t iters = BENCH_ITERS(MULDIV_BASE_ITERS);
    uint32_t x = 0x13579bdfu, y = 0x2468ace0u, acc = 0;
    for (uint32_t it = 0; it < iters; it++) {
        x = x * 1664525u + 1013904223u;
        y = y ^ (y << 13);
        y = y ^ (y >> 17);
        y = y ^ (y << 5);
        uint32_t a = x, b = y >> (x & 15);
        if ((it & 7) == 0) {
            b = it & 8 ? 0 : 0xffffffffu; /* by zero, or by -1 */
            a = it & 16 ? 0x80000000u : a;
        }
        acc += RR("mul", a, b);
        acc ^= RR("mulh", a, b);
        acc += RR("mulhsu", a, b);
        acc ^= RR("mulhu", a, b);
        acc += RR("div", a, b);
        acc ^= RR("divu", a, b);
        acc += RR("rem", a, b);
        acc ^= RR("remu", a, b);
        acc = acc << 1 | acc >> 31;
    }
    bench_report("muldiv", iters, acc);
    return 0;
}
