/* Support library for the HiFive1 test firmware (see lib.h). */
#include <stdarg.h>

#include "lib.h"

uint32_t boot_t0, boot_t1;
uint32_t cpu_hz = 13800000; /* HFROSC at reset: ~13.8 MHz (manual 6.3) */

/* ---- clocks ---- */

static void pll_bypass_to_xosc(void)
{
    PRCI_REG(PRCI_HFXOSCCFG) = XOSC_EN(1);
    while (!(PRCI_REG(PRCI_HFXOSCCFG) & XOSC_RDY(1)))
        ;
    /* Run from the HFROSC while the PLL is reconfigured, as the SDK does. */
    PRCI_REG(PRCI_PLLCFG) &= ~PLL_SEL(1);
}

void clock_reset_rosc(void)
{
    PRCI_REG(PRCI_PLLCFG) &= ~PLL_SEL(1);
    cpu_hz = 13800000;
}

void clock_use_hfxosc(void)
{
    pll_bypass_to_xosc();
    PRCI_REG(PRCI_PLLCFG) = PLL_REFSEL(1) | PLL_BYPASS(1);
    PRCI_REG(PRCI_PLLDIV) = PLL_FINAL_DIV_BY_1(1);
    PRCI_REG(PRCI_PLLCFG) |= PLL_SEL(1);
    cpu_hz = 16000000;
}

void clock_use_pll(unsigned r, unsigned f, unsigned q)
{
    pll_bypass_to_xosc();
    PRCI_REG(PRCI_PLLCFG) = PLL_REFSEL(1) | PLL_R(r) | PLL_F(f) | PLL_Q(q);
    PRCI_REG(PRCI_PLLDIV) = PLL_FINAL_DIV_BY_1(1);
    while (!(PRCI_REG(PRCI_PLLCFG) & PLL_LOCK(1)))
        ;
    PRCI_REG(PRCI_PLLCFG) |= PLL_SEL(1);
    cpu_hz = 16000000u / (r + 1) * 2 * (f + 1) >> q;
}

uint32_t cycles_per_mtime_ticks(uint32_t ticks)
{
    uint32_t t0 = CLINT_REG(CLINT_MTIME);
    while (CLINT_REG(CLINT_MTIME) == t0) /* align to a tick edge */
        ;
    uint32_t start_c = mcycle();
    uint32_t start_t = CLINT_REG(CLINT_MTIME);
    while (CLINT_REG(CLINT_MTIME) - start_t < ticks)
        ;
    return mcycle() - start_c;
}

/* ---- UART0 ---- */

void uart_init(uint32_t baud)
{
    GPIO_REG(GPIO_IOF_SEL) &= ~IOF0_UART0_MASK;
    GPIO_REG(GPIO_IOF_EN) |= IOF0_UART0_MASK;
    /* baud = f_in / (div + 1) (manual 18.9), rounded to the nearest divisor */
    UART0_REG(UART_REG_DIV) = (cpu_hz + baud / 2) / baud - 1;
    UART0_REG(UART_REG_TXCTRL) = UART_TXEN;
    UART0_REG(UART_REG_RXCTRL) = UART_RXEN;
}

void uart_putc(char c)
{
    while (UART0_REG(UART_REG_TXFIFO) & UART_TXFIFO_FULL)
        ;
    UART0_REG(UART_REG_TXFIFO) = (uint8_t)c;
}

int uart_getc(void)
{
    uint32_t v = UART0_REG(UART_REG_RXFIFO);
    return (v & UART_RXFIFO_EMPTY) ? -1 : (int)(v & 0xff);
}

void uart_puts(const char *s)
{
    while (*s) {
        if (*s == '\n')
            uart_putc('\r');
        uart_putc(*s++);
    }
}

void uart_drain(void)
{
    /* txwm with txcnt = 1 means "FIFO empty"; then one more frame time for the shifter
     * (4 mtime ticks = 122 us, longer than a 115200-baud frame). */
    uint32_t ctrl = UART0_REG(UART_REG_TXCTRL);
    UART0_REG(UART_REG_TXCTRL) = (ctrl & ~UART_TXWM(7)) | UART_TXWM(1);
    while (!(UART0_REG(UART_REG_IP) & UART_IP_TXWM))
        ;
    UART0_REG(UART_REG_TXCTRL) = ctrl;
    uint32_t t = CLINT_REG(CLINT_MTIME);
    while (CLINT_REG(CLINT_MTIME) - t < 4)
        ;
}

static void put_uint(uint32_t v, unsigned base, int width, char pad)
{
    char buf[12];
    int n = 0;
    do {
        unsigned d = v % base;
        buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    while (n < width--)
        uart_putc(pad);
    while (n)
        uart_putc(buf[--n]);
}

void printf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            if (*fmt == '\n')
                uart_putc('\r');
            uart_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0;
        if (*fmt == '0')
            pad = '0';
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'd': {
            int v = va_arg(ap, int);
            if (v < 0) {
                uart_putc('-');
                v = -v;
            }
            put_uint((uint32_t)v, 10, width, pad);
            break;
        }
        case 'u': put_uint(va_arg(ap, uint32_t), 10, width, pad); break;
        case 'x': put_uint(va_arg(ap, uint32_t), 16, width, pad); break;
        case 's': uart_puts(va_arg(ap, const char *)); break;
        case 'c': uart_putc((char)va_arg(ap, int)); break;
        case '%': uart_putc('%'); break;
        default: uart_putc('?'); break;
        }
    }
    va_end(ap);
}

/* ---- CLINT ---- */

uint64_t mtime(void)
{
    uint32_t hi, lo;
    do {
        hi = CLINT_REG(CLINT_MTIME + 4);
        lo = CLINT_REG(CLINT_MTIME);
    } while (hi != CLINT_REG(CLINT_MTIME + 4));
    return ((uint64_t)hi << 32) | lo;
}

void mtimecmp_set(uint64_t t)
{
    /* Privileged spec 3.2.1: avoid a spurious match while the halves are written. */
    CLINT_REG(CLINT_MTIMECMP) = 0xffffffff;
    CLINT_REG(CLINT_MTIMECMP + 4) = (uint32_t)(t >> 32);
    CLINT_REG(CLINT_MTIMECMP) = (uint32_t)t;
}

/* ---- PLIC ---- */

void plic_init(void)
{
    for (unsigned w = 0; w < 2; w++)
        PLIC_REG(PLIC_ENABLE_OFFSET + 4 * w) = 0;
    for (unsigned s = 1; s <= PLIC_NUM_INTERRUPTS; s++)
        PLIC_REG(PLIC_PRIORITY_OFFSET + 4 * s) = 0;
    PLIC_REG(PLIC_THRESHOLD_OFFSET) = 0;
}

void plic_enable(unsigned src, unsigned prio)
{
    PLIC_REG(PLIC_PRIORITY_OFFSET + 4 * src) = prio;
    PLIC_REG(PLIC_ENABLE_OFFSET + 4 * (src / 32)) |= 1u << (src % 32);
}

void plic_disable(unsigned src)
{
    PLIC_REG(PLIC_ENABLE_OFFSET + 4 * (src / 32)) &= ~(1u << (src % 32));
}

uint32_t plic_claim(void) { return PLIC_REG(PLIC_CLAIM_OFFSET); }
void plic_complete(uint32_t src) { PLIC_REG(PLIC_CLAIM_OFFSET) = src; }

void interrupts_enable(unsigned mie_bits)
{
    __asm__ volatile("csrs mie, %0" ::"r"(mie_bits));
    __asm__ volatile("csrsi mstatus, 8");
}

void gpio_irq_enable(unsigned pad, unsigned ie)
{
    uint32_t bit = 1u << pad;
    GPIO_REG(GPIO_INPUT_EN) |= bit;
    GPIO_REG(GPIO_RISE_IP) = bit; /* write 1 to clear */
    GPIO_REG(GPIO_FALL_IP) = bit;
    if (ie & GPIO_IE_RISE)
        GPIO_REG(GPIO_RISE_IE) |= bit;
    if (ie & GPIO_IE_FALL)
        GPIO_REG(GPIO_FALL_IE) |= bit;
    plic_enable(INT_GPIO_BASE + pad, 1);
    interrupts_enable(MIE_MEIE);
}

/* ---- traps ---- */

__attribute__((weak)) void handle_timer_interrupt(void)
{
    mtimecmp_set(~0ull);
}

__attribute__((weak)) void handle_sw_interrupt(void)
{
    CLINT_REG(CLINT_MSIP) = 0;
}

__attribute__((weak)) void handle_plic_interrupt(uint32_t src)
{
    printf("unexpected PLIC source %u\n", src);
    exit(3);
}

__attribute__((weak)) uint32_t handle_exception(uint32_t mcause, uint32_t mepc)
{
    printf("exception mcause %u at 0x%x\n", mcause, mepc);
    exit(2);
}

uint32_t trap_handler(uint32_t mcause, uint32_t mepc)
{
    if (!(mcause & 0x80000000u))
        return handle_exception(mcause, mepc);
    switch (mcause & 0x3ff) {
    case 3:
        handle_sw_interrupt();
        break;
    case 7:
        handle_timer_interrupt();
        break;
    case 11: {
        uint32_t src;
        while ((src = plic_claim()) != 0) {
            handle_plic_interrupt(src);
            plic_complete(src);
        }
        break;
    }
    }
    return mepc;
}

/* ---- exit ---- */

/* HTIF-style exit word: the simulator stops when (code << 1) | 1 is written here. */
volatile uint32_t tohost __attribute__((section(".tohost"), aligned(8)));
volatile uint32_t fromhost __attribute__((section(".tohost"), aligned(8)));

/* RISC-V semihosting SYS_EXIT_EXTENDED (for QEMU -semihosting; socsim stops at tohost). */
void semihost_exit(int code)
{
    static volatile uint32_t block[2];
    block[0] = 0x20026; /* ADP_Stopped_ApplicationExit */
    block[1] = (uint32_t)code;
    register uint32_t a0 __asm__("a0") = 0x20;
    register volatile uint32_t *a1 __asm__("a1") = block;
    __asm__ volatile(".option push\n.option norvc\n"
                     "slli x0, x0, 0x1f\nebreak\nsrai x0, x0, 7\n.option pop"
                     : "+r"(a0) : "r"(a1) : "memory");
}

void exit(int code)
{
    uart_drain();
    tohost = ((uint32_t)code << 1) | 1;
    semihost_exit(code);
    for (;;)
        __asm__ volatile("wfi");
}
