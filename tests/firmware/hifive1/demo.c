/* HiFive1 Rev B demo, written like a freedom-e-sdk program: bring hfclk up to 320 MHz
 * from the 16 MHz crystal through the PLL, print over UART0 at 115200 baud, then let the
 * CLINT timer interrupt cycle the RGB LED (pads 22/19/21, active low) every 1/8 s. */
#include "lib.h"

#define LED_MASK ((1u << RED_LED_OFFSET) | (1u << GREEN_LED_OFFSET) | (1u << BLUE_LED_OFFSET))
#define TICKS 6
#define PERIOD (RTC_FREQ / 8)

static const unsigned led_pad[3] = { RED_LED_OFFSET, GREEN_LED_OFFSET, BLUE_LED_OFFSET };
static const char *const led_name[3] = { "red", "green", "blue" };
static volatile unsigned ticks;
static uint64_t next_cmp;

static void led_show(unsigned i)
{
    /* active low: clear the chosen pad, set the others */
    GPIO_REG(GPIO_OUTPUT_VAL) = (GPIO_REG(GPIO_OUTPUT_VAL) | LED_MASK) & ~(1u << led_pad[i]);
}

void handle_timer_interrupt(void)
{
    unsigned n = ++ticks;
    led_show(n % 3);
    printf("tick %u: mtime %u, LED %s\n", n, (uint32_t)mtime(), led_name[n % 3]);
    next_cmp += PERIOD;
    mtimecmp_set(n < TICKS ? next_cmp : ~0ull);
}

int main(void)
{
    clock_use_pll(1, 39, 1); /* 16 MHz / 2 * 80 / 2 = 320 MHz */
    uart_init(115200);
    printf("HiFive1 Rev B: hfclk %u Hz, entered from MSEL %u via 0x%x\n", cpu_hz, boot_t1 >> 2,
           boot_t0);

    GPIO_REG(GPIO_IOF_EN) &= ~LED_MASK;
    GPIO_REG(GPIO_OUTPUT_VAL) |= LED_MASK; /* all off */
    GPIO_REG(GPIO_OUTPUT_EN) |= LED_MASK;
    led_show(0);

    next_cmp = mtime() + PERIOD;
    mtimecmp_set(next_cmp);
    interrupts_enable(MIE_MTIE);
    while (ticks < TICKS)
        __asm__ volatile("wfi");
    GPIO_REG(GPIO_OUTPUT_VAL) |= LED_MASK;
    printf("done: %u timer interrupts\n", ticks);
    return 0;
}
