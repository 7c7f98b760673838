/* Firmware for tests/gdb/reverse.sh (reverse execution): a guard word that an off-by-one
 * loop overwrites, found late by a check; an ecall whose trap the debugger steps back
 * across; CLINT timer interrupts all along, so the run has events to replay; and a
 * function to finish backwards.  Prints what the check found and exits 0. */
#include "mmio.h"

#define GOOD 0x600dc0deu

struct area {
    uint32_t buf[8];
    volatile uint32_t guard; /* right after buf: buf[8] is the guard */
};

struct area g_area;
volatile int g_ticks;
volatile int g_traps;

static void uart_puts(const char *s)
{
    for (; *s; s++) {
        while (!(UART[UART_LSR] & UART_LSR_THRE))
            ;
        UART[0] = (uint8_t)*s;
    }
}

static void uart_puthex(uint32_t v)
{
    char buf[11] = "0x";
    for (int i = 0; i < 8; i++)
        buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    buf[10] = 0;
    uart_puts(buf);
}

void trap_handler(uint32_t cause)
{
    if (cause & 0x80000000u) {
        g_ticks++;
        *CLINT_MTIMECMP = *CLINT_MTIME + 20;
        return;
    }
    g_traps++; /* the ecall: resume after it */
    uint32_t epc;
    __asm__ volatile("csrr %0, mepc" : "=r"(epc));
    __asm__ volatile("csrw mepc, %0" ::"r"(epc + 4));
}

/* Sums of squares: work between the events worth finding. */
int work(int n)
{
    int sum = 0; /* L_WORK */
    for (int i = 0; i < n; i++)
        sum += i * i;
    return sum; /* L_WORK_END */
}

/* Fills n + 1 words: one too many. */
void fill(uint32_t *p, int n)
{
    for (int i = 0; i <= n; i++)
        p[i] = (uint32_t)i * 3; /* L_CORRUPT */
}

void report(uint32_t guard)
{
    uart_puts("guard overwritten: ");
    uart_puthex(guard);
    uart_puts("\n");
}

int main(void)
{
    *CLINT_MTIMECMPH = 0;
    *CLINT_MTIMECMP = *CLINT_MTIME + 20;
    __asm__ volatile("csrs mie, %0" ::"r"(1u << 7));
    __asm__ volatile("csrs mstatus, %0" ::"r"(1u << 3));
    g_area.guard = GOOD; /* L_GUARD_SET */
    int total = work(20);
    __asm__ volatile("ecall"); /* L_ECALL */
    total += work(30); /* L_AFTER_TRAP */
    fill(g_area.buf, 8); /* L_FILL */
    /* No more ticks: the test steps back by lines below. */
    *CLINT_MTIMECMP = 0xffffffffu; /* L_TICKS_OFF */
    total += work(40); /* L_WORK40 */
    if (g_area.guard != GOOD)
        report(g_area.guard); /* L_CHECK */
    else
        uart_puts("guard intact\n");
    return total == 0;
}
