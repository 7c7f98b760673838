/* Firmware for the profile, timeline and commit-log tests (tests/timing/NAME.sh) on virt32:
 * main calls divide() (64 divisions: the most cycles on every timing model with a
 * divider that takes them), then sum() and a string through the UART, while the CLINT
 * timer interrupts 3 times into tick(), a handler of its own (mtvec).  Each function is
 * kept apart (noinline) so that the profile names it. */
#include "lib.h"

volatile uint32_t ticks;
volatile uint32_t sink;

#define PERIOD 20 /* mtime ticks (10 MHz): 2 us, 200 cycles at 100 MHz */

__attribute__((interrupt("machine"), aligned(4))) void tick(void)
{
    ticks++;
    if (ticks < 3)
        clint_set_mtimecmp(clint_mtime() + PERIOD);
    else
        clint_set_mtimecmp(UINT64_MAX);
}

__attribute__((noinline)) uint32_t divide(uint32_t n)
{
    uint32_t acc = 0;
    for (uint32_t i = 1; i <= n; i++)
        acc += 0x7fffffffu / (i * 7u + sink);
    return acc;
}

__attribute__((noinline)) uint32_t sum(uint32_t n)
{
    uint32_t acc = 0;
    for (uint32_t i = 0; i < n; i++)
        acc += i;
    return acc;
}

int main(void)
{
    csr_write(mtvec, (uint32_t)tick);
    clint_set_mtimecmp(clint_mtime() + PERIOD);
    csr_set(mie, 1u << 7);
    csr_set(mstatus, 1u << 3);
    uint32_t r = divide(64);
    r += sum(100);
    while (ticks < 3)
        __asm__ volatile("wfi");
    csr_clear(mstatus, 1u << 3);
    uart_puts("prof ");
    uart_puthex(r);
    uart_putc('\n');
    return 0;
}
