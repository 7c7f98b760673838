/* uart-rx: UART receive from the host (stdin): one line by polling LSR.DR, one line through
 * the received-data interrupt (IER bit 0) via PLIC source 10 and WFI; each echoed in upper
 * case.  The test feeds uart_rx.stdin. */
#include "lib.h"

#define UART_RBR  0
#define UART_IER  1
#define UART_LSR  5
#define LSR_DR    0x01
#define PLIC_BASE 0x0c000000u
#define UART_IRQ  10
#define MIE_MEIE  (1u << 11)

static volatile uint8_t *const uart = (volatile uint8_t *)UART0_BASE;

static int read_line_polled(char *buf, int max)
{
    int n = 0;
    for (;;) {
        while (!(uart[UART_LSR] & LSR_DR))
            ;
        char c = (char)uart[UART_RBR];
        if (c == '\n' || n == max - 1)
            break;
        buf[n++] = c;
    }
    buf[n] = 0;
    return n;
}

static volatile int irq_count;

/* Drains the receive FIFO into line[] from the interrupt handler. */
static char line[64];
static volatile int line_len;
static volatile int line_done;

__attribute__((interrupt("machine"), aligned(4))) static void trap_handler(void)
{
    if (csr_read(mcause) != 0x8000000bu)
        fw_unexpected_trap();
    uint32_t src = mmio_read32(PLIC_BASE + 0x200004);
    while (uart[UART_LSR] & LSR_DR) {
        char c = (char)uart[UART_RBR];
        if (c == '\n' || line_len == (int)sizeof(line) - 1)
            line_done = 1;
        else if (!line_done)
            line[line_len++] = c;
        if (line_done)
            break;
    }
    if (line_done)
        uart[UART_IER] = 0;
    irq_count++;
    mmio_write32(PLIC_BASE + 0x200004, src);
}

static void put_upper(const char *s)
{
    for (; *s; s++)
        uart_putc(*s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
}

int main(void)
{
    char buf[64];
    int n = read_line_polled(buf, sizeof(buf));
    uart_puts("polled: ");
    uart_putdec((uint32_t)n);
    uart_puts(" bytes: ");
    put_upper(buf);
    uart_putc('\n');

    csr_write(mtvec, (uint32_t)trap_handler);
    mmio_write32(PLIC_BASE + 4 * UART_IRQ, 1);
    mmio_write32(PLIC_BASE + 0x2000, 1u << UART_IRQ);
    mmio_write32(PLIC_BASE + 0x200000, 0);
    uart[UART_IER] = 0x01; /* received data available */
    csr_set(mie, MIE_MEIE);
    csr_set(mstatus, 8);
    while (!line_done)
        __asm__ volatile("wfi");
    csr_clear(mstatus, 8);
    uart_puts("interrupt: ");
    uart_putdec((uint32_t)line_len);
    uart_puts(" bytes: ");
    put_upper(line);
    uart_puts(irq_count > 0 ? " (interrupt-driven)\n" : " (no interrupt?)\n");
    return 0;
}
