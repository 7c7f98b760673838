/* For tests/systemc/platform.sh: runs on virt32 with a memory at 0x90000000 (socsim's own
 * RAM with wait states, or a SystemC memory behind socsim_sc_module), prints through the
 * UART at 0x10000000 (socsim's ns16550a, or a SystemC UART) and prints its own cycle
 * count, which must be the same both ways. */
#include "lib.h"

#define EXTMEM ((volatile uint32_t *)0x90000000u)

int main(void)
{
    uint32_t c0 = csr_read(mcycle);
    uart_puts("socsim in a SystemC platform\n");
    for (uint32_t i = 0; i < 256; i++)
        EXTMEM[i] = i * 2654435761u;
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 256; i++)
        sum = (sum << 1 | sum >> 31) ^ EXTMEM[i];
    uint32_t c1 = csr_read(mcycle);
    uart_puts("checksum ");
    uart_puthex(sum);
    uart_puts("\ncycles ");
    uart_putdec(c1 - c0);
    uart_putc('\n');
    return 0;
}
