/* CLINT timer interrupts at absolute mtimecmp values k * 328 (k = 1..5; mtime counts
 * the 32768 Hz RTC clock from 0 at reset, so interrupt k is due at k * 10.009765625 ms).
 * The handler toggles pad 0, which the test watches with a gpio-led to read the simulated
 * time of each interrupt, and records mtime as the handler saw it. */
#include "lib.h"

#define N 5
#define STEP 328

static volatile unsigned count;
static uint32_t seen[N];

void handle_timer_interrupt(void)
{
    GPIO_REG(GPIO_OUTPUT_VAL) ^= 1;
    seen[count] = (uint32_t)mtime();
    count++;
    mtimecmp_set(count < N ? (uint64_t)STEP * (count + 1) : ~0ull);
}

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    GPIO_REG(GPIO_OUTPUT_VAL) = 1;
    GPIO_REG(GPIO_OUTPUT_EN) = 1;
    mtimecmp_set(STEP);
    interrupts_enable(MIE_MTIE);
    while (count < N)
        __asm__ volatile("wfi");
    for (unsigned i = 0; i < N; i++)
        printf("irq %u: mtimecmp %u, mtime in handler %u\n", i + 1, STEP * (i + 1), seen[i]);
    return 0;
}
