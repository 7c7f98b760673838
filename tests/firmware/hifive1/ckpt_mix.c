/* Interrupt- and UART-heavy work for the checkpoint round trips (tests/checkpoint/):
 * every byte goes out through a ring that the UART's transmit watermark interrupt drains
 * (PLIC source 3, txcnt 4), a CLINT timer interrupt every 3 mtime ticks (92 us) raises a
 * software interrupt, the red LED toggles each round (a gpio-led reports it), and between
 * them the core multiplies, divides and runs a CRC over a table in the DTIM; each round
 * prints its results and the interrupt counts, so a resumed run that differs in any of
 * these shows in the output. */
#include "lib.h"

#define RING 64
#define PERIOD 3
#define ROUNDS 24

static volatile char ring[RING];
static volatile unsigned rhead, rtail; /* the handler reads at rhead, main writes at rtail */
static volatile unsigned timer_irqs, soft_irqs, tx_irqs;
static uint64_t next_cmp;
static uint32_t table[64];

void handle_plic_interrupt(uint32_t src)
{
    if (src != INT_UART0_BASE)
        exit(3);
    tx_irqs++;
    while (rhead != rtail && !(UART0_REG(UART_REG_TXFIFO) & UART_TXFIFO_FULL))
        UART0_REG(UART_REG_TXFIFO) = (uint8_t)ring[rhead++ % RING];
    if (rhead == rtail)
        UART0_REG(UART_REG_IE) = 0; /* nothing left: main enables it again */
}

void handle_timer_interrupt(void)
{
    timer_irqs++;
    CLINT_REG(CLINT_MSIP) = 1;
    next_cmp += PERIOD;
    mtimecmp_set(next_cmp);
}

void handle_sw_interrupt(void)
{
    soft_irqs++;
    CLINT_REG(CLINT_MSIP) = 0;
}

static void out_c(char c)
{
    while (rtail - rhead == RING)
        __asm__ volatile("wfi"); /* full: the transmit interrupt makes room */
    ring[rtail % RING] = c;
    rtail++;
    UART0_REG(UART_REG_IE) = UART_IP_TXWM;
}

static void out_s(const char *s)
{
    while (*s)
        out_c(*s++);
}

static void out_u(uint32_t v, unsigned base)
{
    char buf[12];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n)
        out_c(buf[--n]);
}

static uint32_t crc32_table(uint32_t crc)
{
    for (unsigned i = 0; i < 64; i++) {
        crc ^= table[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return crc;
}

int main(void)
{
    clock_use_pll(1, 39, 1); /* 320 MHz */
    uart_init(921600);
    plic_init();
    UART0_REG(UART_REG_TXCTRL) = UART_TXEN | UART_TXWM(4);
    plic_enable(INT_UART0_BASE, 1);
    GPIO_REG(GPIO_IOF_EN) &= ~(1u << RED_LED_OFFSET);
    GPIO_REG(GPIO_OUTPUT_EN) |= 1u << RED_LED_OFFSET;
    for (unsigned i = 0; i < 64; i++)
        table[i] = i * 0x9e3779b9u;
    next_cmp = mtime() + PERIOD;
    mtimecmp_set(next_cmp);
    interrupts_enable(MIE_MTIE | MIE_MSIE | MIE_MEIE);

    uint32_t crc = ~0u, acc = 1;
    for (unsigned r = 0; r < ROUNDS; r++) {
        GPIO_REG(GPIO_OUTPUT_VAL) ^= 1u << RED_LED_OFFSET;
        crc = crc32_table(crc);
        for (unsigned i = 0; i < 64; i++) {
            acc = acc * 2654435761u + table[i];
            table[i] = acc / (i + 3) + acc % (i + 7);
        }
        out_s("round ");
        out_u(r, 10);
        out_s(" crc ");
        out_u(crc, 16);
        out_s(" acc ");
        out_u(acc, 16);
        out_s(" timer ");
        out_u(timer_irqs, 10);
        out_s(" soft ");
        out_u(soft_irqs, 10);
        out_s(" tx ");
        out_u(tx_irqs, 10);
        out_s("\r\n");
    }
    while (rhead != rtail)
        __asm__ volatile("wfi");
    mtimecmp_set(~0ull);
    out_s("done\r\n");
    while (rhead != rtail)
        __asm__ volatile("wfi");
    return 0;
}
