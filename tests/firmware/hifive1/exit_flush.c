/* A line printed and then, without waiting for the UART, an exit (issue 12 item 2): the
 * line is longer than the transmit FIFO and the shift register hold (8 + 1 bytes), so its
 * tail is still queued when the run ends.  Every way out must hand the whole line to the
 * back end.  Built once per way (EXIT_VIA_<way>, hifive1.mk):
 *   semihost  RISC-V semihosting SYS_EXIT_EXTENDED, status 3
 *   tohost    HTIF tohost, status 3
 *   finisher  a sifive-test finisher the test adds at 0x00100000: fail code 3
 *   park      the line slowed to 210 baud (div 0xffff), then parked() spins: the tail is
 *             queued for seconds, so --max-time, --max-insns, a scenario's end or gdb's
 *             kill stops the run while bytes are waiting
 *   wfi       slowed the same way, then wfi with every interrupt off: the run stops when
 *             the CPU can never wake, which is after the line drained */
#include "lib.h"

#define FINISHER_ADDR 0x00100000UL

extern volatile uint32_t tohost;
void parked(void);

/* noinline: gdb breaks here. */
__attribute__((noinline)) void parked(void)
{
    for (;;)
        __asm__ volatile("");
}

int main(void)
{
    uart_init(115200);
    printf("warm cycles=%08x\n", 0xc0ffee42u);
#if defined(EXIT_VIA_semihost)
    semihost_exit(3);
#elif defined(EXIT_VIA_tohost)
    tohost = (3u << 1) | 1;
#elif defined(EXIT_VIA_finisher)
    *(volatile uint32_t *)FINISHER_ADDR = (3u << 16) | 0x3333;
#elif defined(EXIT_VIA_park) || defined(EXIT_VIA_wfi)
    UART0_REG(UART_REG_DIV) = 0xffff;
#if defined(EXIT_VIA_park)
    parked();
#else
    __asm__ volatile("csrw mie, zero\n csrci mstatus, 8\n wfi");
#endif
#else
#error "define EXIT_VIA_semihost, _tohost, _finisher, _park or _wfi"
#endif
    for (;;)
        __asm__ volatile("wfi");
}
