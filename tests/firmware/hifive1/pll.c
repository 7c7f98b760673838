/* PLL reprogramming changes the time per cycle: count core cycles across 32 mtime ticks
 * (1/1024 s) at the HFROSC reset clock, on the 16 MHz crystal, and through the PLL at
 * 256 MHz and 320 MHz, then back on the HFROSC.  Printed at the end at one clock, to
 * 0.1 MHz (the polling loop's few cycles of jitter stay below that). */
#include "lib.h"

int main(void)
{
    uint32_t c[5];
    /* A first run fills the instruction cache: a line fetched from the flash during the
     * measurement takes ~168 us at the reset SPI settings, past an mtime tick. */
    (void)cycles_per_mtime_ticks(1);
    c[0] = cycles_per_mtime_ticks(32);
    clock_use_hfxosc();
    c[1] = cycles_per_mtime_ticks(32);
    clock_use_pll(1, 31, 1); /* 16 / 2 * 64 / 2 = 256 MHz */
    c[2] = cycles_per_mtime_ticks(32);
    clock_use_pll(1, 39, 1); /* 16 / 2 * 80 / 2 = 320 MHz */
    c[3] = cycles_per_mtime_ticks(32);
    clock_reset_rosc();
    c[4] = cycles_per_mtime_ticks(32);
    clock_use_hfxosc();
    uart_init(115200);
    static const char *const name[5] = { "hfrosc", "hfxosc", "pll 256M", "pll 320M", "hfrosc" };
    for (int i = 0; i < 5; i++) {
        uint32_t mhz10 = (c[i] * 1024 + 50000) / 100000; /* to 0.1 MHz, as the SDK prints */
        printf("%s: %u.%u MHz\n", name[i], mhz10 / 10, mhz10 % 10);
    }
    printf("pllcfg 0x%x plloutdiv 0x%x hfrosccfg 0x%x\n", PRCI_REG(PRCI_PLLCFG),
           PRCI_REG(PRCI_PLLDIV), PRCI_REG(PRCI_HFROSCCFG));
    return 0;
}
