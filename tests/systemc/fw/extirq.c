/* For tests/systemc/platform.sh: the interrupt generator (tests/systemc/irqgen.h) at
 * 0x90010000 raises PLIC source 11 3 us after it is told to, while the core sleeps in wfi;
 * prints the cycles from the request to the handler's entry.  The generator is a SystemC
 * model both times: behind tlm-target in socsim, or in the SystemC platform around
 * socsim_sc_module; the count must be the same. */
#include "lib.h"

#define IRQGEN 0x90010000u
#define PLIC 0x0c000000u
#define SOURCE 11

static volatile uint32_t entry, done;

__attribute__((interrupt("machine"), aligned(4))) static void handler(void)
{
    entry = csr_read(mcycle);
    uint32_t id = mmio_read32(PLIC + 0x200004); /* claim */
    mmio_write32(IRQGEN + 4, 0);                /* lower the line */
    mmio_write32(PLIC + 0x200004, id);          /* complete */
    if (id) /* 0: nothing to claim, the line was still high from the last one */
        done = id;
}

int main(void)
{
    mmio_write32(PLIC + 4 * SOURCE, 1);                /* priority */
    mmio_write32(PLIC + 0x2000, 1u << SOURCE);         /* enable for hart 0 M-mode */
    mmio_write32(PLIC + 0x200000, 0);                  /* threshold */
    csr_write(mtvec, (uint32_t)handler);
    csr_set(mie, 1u << 11);
    uint32_t c0 = csr_read(mcycle);
    mmio_write32(IRQGEN, 3000);
    csr_set(mstatus, 8);
    while (!done)
        __asm__ volatile("wfi");
    csr_clear(mstatus, 8);
    uart_puts("irq ");
    uart_putdec(done);
    uart_puts(" after ");
    uart_putdec(entry - c0);
    uart_puts(" cycles\n");
    return 0;
}
