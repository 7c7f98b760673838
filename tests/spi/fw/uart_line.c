/* Serial pass-through: the firmware programs its UART's baud rate and frame format three
 * times; after each it sends "line N" and waits for a byte from the other end, which
 * checks the host line's termios settings meanwhile (tests/backends/serial.sh).  virt32's
 * ns16550a (3.6864 MHz clock: divisor = 230400 / baud) takes every format; the HiFive1's
 * sifive-uart (div = hfclk / baud - 1) has 8 data bits, no parity, 1 or 2 stop bits. */
#include "fw.h"

static void uputs(const char *s);
static uint8_t ugetc(void);

#ifdef UART_NS16550A
#define U ((volatile uint8_t *)0x10000000)
enum { THR = 0, RBR = 0, DLL = 0, DLM = 1, LCR = 3, LSR = 5 };
static void setup(unsigned baud, uint8_t lcr)
{
    unsigned div = 230400 / baud;
    U[LCR] = 0x80; /* DLAB */
    U[DLL] = (uint8_t)div;
    U[DLM] = (uint8_t)(div >> 8);
    U[LCR] = lcr;
}
static void uputc(char c)
{
    while (!(U[LSR] & 0x20))
        ;
    U[THR] = (uint8_t)c;
}
static uint8_t ugetc(void)
{
    while (!(U[LSR] & 0x01))
        ;
    return U[RBR];
}
#else
#define UART 0x10013000u
enum { TXDATA = 0x00, RXDATA = 0x04, TXCTRL = 0x08, RXCTRL = 0x0c, DIV = 0x18 };
static void setup(unsigned baud, uint8_t two_stop)
{
    REG(UART, DIV) = (plat_cpu_hz() + baud / 2) / baud - 1;
    REG(UART, TXCTRL) = 1 | (two_stop ? 2 : 0);
    REG(UART, RXCTRL) = 1;
}
static void uputc(char c)
{
    while (REG(UART, TXDATA) & 0x80000000u)
        ;
    REG(UART, TXDATA) = (uint8_t)c;
}
static uint8_t ugetc(void)
{
    uint32_t v;
    while ((v = REG(UART, RXDATA)) & 0x80000000u)
        ;
    return (uint8_t)v;
}
#endif

static void uputs(const char *s)
{
    while (*s)
        uputc(*s++);
}

int main(void)
{
#ifdef UART_NS16550A
    static const struct {
        unsigned baud;
        uint8_t lcr;
    } cfg[] = {
        {9600, 0x03},   /* 8N1 */
        {115200, 0x1a}, /* 7E1: word length 7, parity, even */
        {57600, 0x0f},  /* 8O2 */
        {19200, 0x29},  /* 6M1: parity, stick, odd -> mark */
    };
#else
    static const struct {
        unsigned baud;
        uint8_t lcr;
    } cfg[] = {{9600, 0}, {115200, 1}, {57600, 0}};
#endif
    for (unsigned i = 0; i < sizeof cfg / sizeof cfg[0]; i++) {
        setup(cfg[i].baud, cfg[i].lcr);
        uputs("line ");
        uputc((char)('1' + i));
        uputs("\n");
        ugetc();
    }
    uputs("done\n");
    puts_("exit after ");
    putdec(sizeof cfg / sizeof cfg[0]);
    puts_(" line changes\n");
    return 0;
}
