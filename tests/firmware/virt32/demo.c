/* The `make run` demo: a greeting, then three CLINT timer interrupts at known mtime values
 * (every 1 ms of the 10 MHz timebase), then exit 0 through the finisher.  The output does not
 * depend on timing: it prints the programmed compare values, and checks that each interrupt
 * arrived no earlier than its compare value. */
#include "lib.h"

#define PERIOD  (CLINT_HZ / 1000) /* 1 ms */
#define MIE_MTIE (1u << 7)
#define MSTATUS_MIE (1u << 3)

static volatile uint32_t ticks;
static volatile uint32_t last_mcause;
static volatile uint64_t fired_at[4];
static uint64_t next_compare;

__attribute__((interrupt("machine"), aligned(4))) static void trap_handler(void)
{
    uint32_t cause = csr_read(mcause);
    if (cause != 0x80000007u)
        fw_unexpected_trap();
    last_mcause = cause;
    fired_at[ticks & 3] = clint_mtime();
    ticks++;
    next_compare += PERIOD;
    clint_set_mtimecmp(ticks < 3 ? next_compare : ~0ull);
}

int main(void)
{
    uart_puts("Hello from socsim: virt32 demo (RV32IMAC, M-mode)\n");
    uart_puts("CLINT timer: mtimecmp every ");
    uart_putdec(PERIOD);
    uart_puts(" ticks (1 ms at 10 MHz)\n");

    csr_write(mtvec, (uint32_t)trap_handler);
    next_compare = PERIOD;
    clint_set_mtimecmp(next_compare);
    csr_set(mie, MIE_MTIE);
    csr_set(mstatus, MSTATUS_MIE);

    for (uint32_t i = 1; i <= 3; i++) {
        /* Wait with interrupts masked, so that the tick cannot slip in between the test and
         * the wfi (after the last one nothing would wake it): wfi wakes on the pending
         * timer interrupt all the same (Priv 3.3.3), and unmasking takes it. */
        csr_clear(mstatus, MSTATUS_MIE);
        while (ticks < i) {
            __asm__ volatile("wfi");
            csr_set(mstatus, MSTATUS_MIE);
            csr_clear(mstatus, MSTATUS_MIE);
        }
        csr_set(mstatus, MSTATUS_MIE);
        uint64_t due = (uint64_t)PERIOD * i;
        uart_puts("tick ");
        uart_putdec(i);
        uart_puts(": timer interrupt, mcause ");
        uart_puthex(last_mcause);
        uart_puts(", mtimecmp ");
        uart_putdec((uint32_t)due);
        uart_puts(fired_at[(i - 1) & 3] >= due ? ", mtime >= mtimecmp\n"
                                               : ", EARLY\n");
    }
    csr_clear(mstatus, MSTATUS_MIE);
    uart_puts("done: 3 interrupts, exit 0\n");
    return 0;
}
