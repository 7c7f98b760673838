/* Interrupt-driven UART echo: the receive watermark (rxcnt 0: "at least one byte")
 * interrupts through PLIC source 3; the handler drains the FIFO and echoes each byte in
 * upper case; a '.' ends the program. */
#include "lib.h"

static volatile int done;
static volatile unsigned received;

void handle_plic_interrupt(uint32_t src)
{
    if (src != INT_UART0_BASE) {
        printf("unexpected source %u\n", src);
        exit(3);
    }
    int c;
    while ((c = uart_getc()) >= 0) {
        received++;
        if (c >= 'a' && c <= 'z')
            c -= 'a' - 'A';
        uart_putc((char)c);
        if (c == '.')
            done = 1;
    }
}

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    plic_init();
    /* The prompt is queued before the echo can start: input may be waiting already (the
     * start-up from the flash takes milliseconds, longer than a few bytes at 115200). */
    uart_puts("echo>");
    UART0_REG(UART_REG_RXCTRL) = UART_RXEN | UART_RXWM(0);
    UART0_REG(UART_REG_IE) = UART_IP_RXWM;
    plic_enable(INT_UART0_BASE, 2);
    interrupts_enable(MIE_MEIE);
    while (!done)
        __asm__ volatile("wfi");
    printf("\n%u bytes\n", received);
    return 0;
}
