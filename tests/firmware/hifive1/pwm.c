/* PWM1 on the RGB LED the way the HiFive1 examples dim it: IOF1 routes PWM1 comparators
 * 1..3 to pads 19, 21, 22; pwmzerocmp makes comparator 0 the period (256 counts at
 * scale 4: 4096 cycles = 256 us at 16 MHz).  out_xor inverts the pads (active-low LED).
 * Comparator 2's interrupt (PLIC source 46) counts periods; after 4 the PWM stops. */
#include "lib.h"

static volatile unsigned periods;

void handle_plic_interrupt(uint32_t src)
{
    /* sticky is off: ip follows the comparator, high for the rest of the match; the source
     * is disabled until main sees the count leave it.  The completion that follows this
     * handler is then ignored (PLIC spec, "Interrupt Completion": the source is not
     * enabled), so main completes it again once it has enabled it. */
    if (src == INT_PWM1_BASE + 2) {
        periods++;
        PLIC_REG(PLIC_ENABLE_OFFSET + 4 * (src / 32)) &= ~(1u << (src % 32));
    }
}

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    plic_init();
    PWM1_REG(PWM_CFG) = 0;
    PWM1_REG(PWM_COUNT) = 0;
    PWM1_REG(PWM_CMP0) = 255;
    PWM1_REG(PWM_CMP1) = 64;  /* green, pad 19: on 3/4 of the period */
    PWM1_REG(PWM_CMP2) = 128; /* blue, pad 21: on 1/2 */
    PWM1_REG(PWM_CMP3) = 192; /* red, pad 22: on 1/4 */
    GPIO_REG(GPIO_IOF_SEL) |= IOF1_PWM1_MASK;
    GPIO_REG(GPIO_OUTPUT_XOR) |= IOF1_PWM1_MASK;
    GPIO_REG(GPIO_IOF_EN) |= IOF1_PWM1_MASK;
    plic_enable(INT_PWM1_BASE + 2, 1);
    /* The comparators read 0 until set above, so the line was high since reset and its
     * gateway latched a request (PLIC spec, "Interrupt Gateways"): claim it away. */
    for (uint32_t src; (src = plic_claim()) != 0;)
        plic_complete(src);
    interrupts_enable(MIE_MEIE);
    PWM1_REG(PWM_CFG) = PWM_CFG_ENALWAYS | PWM_CFG_ZEROCMP | 4;
    while (periods < 4) {
        while (PWM1_REG(PWM_CFG) & PWM_CFG_CMP2IP)
            ;
        PLIC_REG(PLIC_ENABLE_OFFSET + 4) |= 1u << ((INT_PWM1_BASE + 2) % 32);
        plic_complete(INT_PWM1_BASE + 2);
        __asm__ volatile("wfi");
    }
    uint32_t cfg = PWM1_REG(PWM_CFG);
    PWM1_REG(PWM_CFG) = 0;
    GPIO_REG(GPIO_IOF_EN) &= ~IOF1_PWM1_MASK;
    printf("%u periods, pwms %u, cfg 0x%x\n", periods, PWM1_REG(PWM_S), cfg);
    return 0;
}
