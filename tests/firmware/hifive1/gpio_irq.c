/* A GPIO edge interrupt through the PLIC, driven from outside the chip: pad 5 rises and
 * falls at times chosen by the test (gpio-stim); rise_ie/fall_ie route both edges to PLIC
 * source 8 + 5 = 13; the handler claims, notes mtime and the edge, and clears the pending
 * bit (write 1 to clear).  The results are printed once both edges were seen. */
#include "lib.h"

#define PAD 5
static volatile unsigned count;
static uint32_t src_seen[2], rise_seen[2], in_seen[2], mtime_seen[2];

void handle_plic_interrupt(uint32_t src)
{
    uint32_t t = (uint32_t)mtime();
    uint32_t rise = GPIO_REG(GPIO_RISE_IP) & (1u << PAD);
    uint32_t fall = GPIO_REG(GPIO_FALL_IP) & (1u << PAD);
    GPIO_REG(GPIO_RISE_IP) = rise;
    GPIO_REG(GPIO_FALL_IP) = fall;
    if (count < 2) {
        src_seen[count] = src;
        rise_seen[count] = rise != 0;
        in_seen[count] = (GPIO_REG(GPIO_INPUT_VAL) >> PAD) & 1;
        mtime_seen[count] = t;
    }
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
    for (unsigned i = 0; i < 2; i++)
        printf("source %u: %s edge, input %u, mtime %u\n", src_seen[i],
               rise_seen[i] ? "rising" : "falling", in_seen[i], mtime_seen[i]);
    printf("%u interrupts\n", count);
    return 0;
}
