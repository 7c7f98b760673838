/* A GPIO edge interrupt through the PLIC, driven from outside the chip: pad 5 rises and
 * falls at times chosen by the test (gpio-stim); rise_ie/fall_ie route both edges to PLIC
 * source 8 + 5 = 13; the handler claims, reports and clears the pending bits (write 1). */
#include "lib.h"

#define PAD 5
static volatile unsigned count;

void handle_plic_interrupt(uint32_t src)
{
    uint32_t rise = GPIO_REG(GPIO_RISE_IP) & (1u << PAD);
    uint32_t fall = GPIO_REG(GPIO_FALL_IP) & (1u << PAD);
    GPIO_REG(GPIO_RISE_IP) = rise;
    GPIO_REG(GPIO_FALL_IP) = fall;
    printf("source %u: %s edge, input %u, mtime %u\n", src, rise ? "rising" : "falling",
           (GPIO_REG(GPIO_INPUT_VAL) >> PAD) & 1, (uint32_t)mtime());
    count++;
}

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    plic_init();
    GPIO_REG(GPIO_INPUT_EN) = 1u << PAD;
    GPIO_REG(GPIO_RISE_IP) = ~0u;
    GPIO_REG(GPIO_FALL_IP) = ~0u;
    GPIO_REG(GPIO_RISE_IE) = 1u << PAD;
    GPIO_REG(GPIO_FALL_IE) = 1u << PAD;
    plic_enable(INT_GPIO_BASE + PAD, 1);
    interrupts_enable(MIE_MEIE);
    printf("waiting on pad %u\n", PAD);
    while (count < 2)
        __asm__ volatile("wfi");
    return 0;
}
