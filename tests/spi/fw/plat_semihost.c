/* Output and exit through RISC-V semihosting, which works on every board socsim runs. */
#include "fw.h"

static uint32_t semihost(uint32_t op, uint32_t arg)
{
    register uint32_t a0 __asm__("a0") = op;
    register uint32_t a1 __asm__("a1") = arg;
    /* The three instructions must stay uncompressed and together (semihosting spec). */
    __asm__ volatile(".option push\n.option norvc\n"
                     ".balign 16\n"
                     "slli x0, x0, 0x1f\n"
                     "ebreak\n"
                     "srai x0, x0, 7\n"
                     ".option pop"
                     : "+r"(a0)
                     : "r"(a1)
                     : "memory");
    return a0;
}

void plat_putc(char c)
{
    semihost(0x03, (uint32_t)(uintptr_t)&c); /* SYS_WRITEC */
}

void plat_exit(int code)
{
    static uint32_t block[2];
    block[0] = 0x20026; /* ADP_Stopped_ApplicationExit */
    block[1] = (uint32_t)code;
    semihost(0x20, (uint32_t)(uintptr_t)block); /* SYS_EXIT_EXTENDED */
    for (;;)
        ;
}

uint32_t plat_cpu_hz(void)
{
    return semihost(0x31, 0); /* SYS_TICKFREQ */
}
