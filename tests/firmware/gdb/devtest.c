/* Firmware for tests/gdb/devices.sh: device registers seen from gdb (virt32).  It writes
 * the UART's transmit register and the CLINT's mtimecmp (targets for write watchpoints),
 * then waits for one byte on the UART and echoes it in brackets; the debugger looks at
 * the receive register before the firmware reads it.  Built with -g -O0, like gdbtest.c. */
#include "mmio.h"

void trap_handler(uint32_t cause)
{
    (void)cause; /* interrupts stay off: nothing traps */
}

static void uart_putc(char c)
{
    while (!(UART[UART_LSR] & UART_LSR_THRE))
        ;
    UART[0] = (uint8_t)c; /* L_THR */
}

int main(void)
{
    uart_putc('o');
    uart_putc('k');
    uart_putc('\n');
    *CLINT_MTIMECMP = 1000;
    *CLINT_MTIMECMP = 2000; /* L_CMP2 */
    while (!(UART[UART_LSR] & UART_LSR_DR))
        ;
    char c = (char)UART[0]; /* L_RX */
    uart_putc('[');
    uart_putc(c);
    uart_putc(']');
    uart_putc('\n');
    return 0;
}
