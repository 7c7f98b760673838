/* Firmware for the gdb tests (tests/gdb/): globals and locals to print, a function to step
 * into, a variable the debugger sets and the firmware uses, a watched variable, a trap,
 * an endless loop to interrupt, and timer interrupts so the run has simulated events.
 * Without a debugger it runs mode 0 and passes; every mode prints its result. */
#include "mmio.h"

volatile int g_mode;        /* the debugger picks a scenario */
volatile int g_spin = 1;    /* mode 1 spins while this is set */
volatile int g_watched;     /* written once per loop round: a watchpoint target */
volatile int g_ticks;       /* timer interrupts taken */
volatile uint32_t g_last_cause;
int g_scale = 1;            /* the debugger changes it; the output shows the new value */
static int squares[8];

static void uart_putc(char c)
{
    while (!(UART[UART_LSR] & UART_LSR_THRE))
        ;
    UART[0] = (uint8_t)c;
}

static void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

static void uart_putu(unsigned v)
{
    char buf[12];
    int n = 0; /* L_PUTU */
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        uart_putc(buf[--n]);
}

void trap_handler(uint32_t cause)
{
    g_last_cause = cause; /* L_TRAP */
    if (cause & 0x80000000u) {
        /* machine timer interrupt: count it and schedule the next one */
        g_ticks++;
        *CLINT_MTIMECMP = *CLINT_MTIME + 50;
        return;
    }
    /* an exception (ecall): resume after the 4-byte instruction */
    uint32_t epc;
    __asm__ volatile("csrr %0, mepc" : "=r"(epc));
    __asm__ volatile("csrw mepc, %0" ::"r"(epc + 4));
}

int square(int x)
{
    int r = x * x * g_scale; /* L_SQUARE */
    return r;
}

static void timer_start(void)
{
    /* mtimecmp's reset value is unspecified (Priv spec 3.2.1): set both halves */
    *CLINT_MTIMECMPH = 0;
    *CLINT_MTIMECMP = *CLINT_MTIME + 50;
    __asm__ volatile("csrs mie, %0" ::"r"(1u << 7));
    __asm__ volatile("csrs mstatus, %0" ::"r"(1u << 3));
}

int main(void)
{
    int sum = 0;
    for (int i = 0; i < 8; i++) {
        squares[i] = square(i);
        sum += squares[i];
        g_watched = i + 1;
    }
    uart_puts("sum="); /* L_AFTER_LOOP */
    uart_putu((unsigned)sum);
    uart_puts("\n");
    if (g_mode == 1) { /* L_MODE */
        uart_puts("spinning\n");
        while (g_spin) /* L_SPIN */
            ;
        uart_puts("released\n");
    }
    if (g_mode == 2)
        __asm__ volatile("ecall");
    timer_start();
    while (g_ticks < 3)
        __asm__ volatile("wfi");
    __asm__ volatile("csrc mstatus, %0" ::"r"(1u << 3));
    uart_puts("mode=");
    uart_putu((unsigned)g_mode);
    uart_puts(" cause=");
    uart_putu(g_last_cause & 0xff);
    uart_puts("\n");
    if (g_mode == 0) {
        /* the firmware's own view of time: the same with and without a debugger */
        uint32_t cycles, insns;
        __asm__ volatile("csrr %0, mcycle" : "=r"(cycles));
        __asm__ volatile("csrr %0, minstret" : "=r"(insns));
        uart_puts("mcycle=");
        uart_putu(cycles);
        uart_puts(" minstret=");
        uart_putu(insns);
        uart_puts("\n");
    }
    return 0;
}
