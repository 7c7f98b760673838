/* Small support library for the HiFive1 test firmware: UART0 console, printf, CLINT,
 * PLIC, clock set-up in the freedom-e-sdk manner, trap dispatch, exit. */
#ifndef HIFIVE1_LIB_H
#define HIFIVE1_LIB_H

#include <stdint.h>

#include "fe310.h"

extern uint32_t boot_t0, boot_t1; /* registers the boot path left (crt0.S) */
extern uint32_t cpu_hz;           /* hfclk as set by the clock functions below */

/* Clocks (manual 6): stay on the HFROSC reset clock, or switch to the 16 MHz crystal,
 * or to the PLL from the crystal: hfclk = 16 MHz / (r+1) * 2(f+1) / 2^q. */
void clock_reset_rosc(void);
void clock_use_hfxosc(void);
void clock_use_pll(unsigned r, unsigned f, unsigned q);
/* Count mcycle across `ticks` mtime ticks (how the SDK measures the core clock). */
uint32_t cycles_per_mtime_ticks(uint32_t ticks);

void uart_init(uint32_t baud);  /* UART0 on pads 16/17 (IOF0), 8N1 */
void uart_putc(char c);
int uart_getc(void);            /* -1 when the receive FIFO is empty */
void uart_puts(const char *s);
void uart_drain(void);          /* wait until the last byte has left the line */
void printf_(const char *fmt, ...);
#define printf printf_

uint64_t mtime(void);
void mtimecmp_set(uint64_t t);
static inline uint32_t mcycle(void)
{
    uint32_t v;
    __asm__ volatile("csrr %0, mcycle" : "=r"(v));
    return v;
}

void plic_init(void);                      /* all sources disabled, priority 0, threshold 0 */
void plic_enable(unsigned src, unsigned prio);
void plic_disable(unsigned src);
uint32_t plic_claim(void);
void plic_complete(uint32_t src);

void interrupts_enable(unsigned mie_bits); /* sets mie bits and mstatus.MIE */
#define MIE_MSIE (1u << 3)
#define MIE_MTIE (1u << 7)
#define MIE_MEIE (1u << 11)
/* GPIO pad `pad` as an interrupt source through the PLIC (source INT_GPIO_BASE + pad,
 * priority 1): its input enabled, its pending edges cleared, the edges `ie` names
 * (GPIO_IE_RISE, GPIO_IE_FALL) enabled, and the machine external interrupt taken. */
#define GPIO_IE_RISE 1u
#define GPIO_IE_FALL 2u
void gpio_irq_enable(unsigned pad, unsigned ie);

/* Hooks the test programs define (weak defaults): */
void handle_timer_interrupt(void);
void handle_sw_interrupt(void);
void handle_plic_interrupt(uint32_t src);   /* called with the claimed source */
uint32_t handle_exception(uint32_t mcause, uint32_t mepc); /* returns the resume pc */

/* Waits for the UART to drain, then stops the run: HTIF tohost, then semihosting. */
void exit(int code) __attribute__((noreturn));
/* Semihosting SYS_EXIT_EXTENDED alone, at once (returns only without a semihosting host). */
void semihost_exit(int code);

#endif
