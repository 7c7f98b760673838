/* For tests/systemc/platform.sh: semihosting prints a buffer that lies in an external
 * region, which socsim reads as the debugger does (bus_debug_read): through the host
 * program's peek handler, socsim_sc_module's transport_dbg on the region's socket.  The
 * SystemC memory at 0x90000000 answers it; the SystemC UART at 0x10000000 has no
 * transport_dbg, so a SYS_WRITE from there writes nothing and says so (it returns the
 * number of bytes not written). */
#include "lib.h"

#define EXTMEM 0x90000000u
#define SYS_WRITE 0x05
#define STDOUT 1

/* RISC-V semihosting: a0 = operation, a1 = parameter block; returns a0. */
static uint32_t semihost(uint32_t op, uint32_t arg)
{
    register uint32_t a0 __asm__("a0") = op;
    register uint32_t a1 __asm__("a1") = arg;
    __asm__ volatile(".option push\n .option norvc\n .balign 4\n"
                     " slli x0, x0, 0x1f\n ebreak\n srai x0, x0, 7\n .option pop"
                     : "+r"(a0)
                     : "r"(a1)
                     : "memory");
    return a0;
}

static void write_from(const char *what, uint32_t addr, uint32_t len)
{
    uint32_t blk[3] = {STDOUT, addr, len};
    uint32_t left = semihost(SYS_WRITE, (uint32_t)blk);
    uart_puts(what);
    uart_putdec(left);
    uart_puts(" bytes not written\n");
}

int main(void)
{
    static const char msg[] = "read through transport_dbg\n";
    volatile char *mem = (volatile char *)EXTMEM;
    for (uint32_t i = 0; i < sizeof msg - 1; i++)
        mem[i] = msg[i];
    write_from("memory: ", EXTMEM, sizeof msg - 1);
    write_from("uart: ", UART0_BASE, 4);
    return 0;
}
