/* The watchdog resetting the SoC.  First boot (pmucause.resetcause = power-on): start the
 * RTC, leave a mark in backup register 0, arm the watchdog (wdogs = wdogcount >> 8,
 * wdogcmp 20: 5120 lfclk cycles = 156.25 ms, reset enabled), feed it three times 100 ms
 * apart, then stop feeding.  Second boot (resetcause = watchdog): report the mark, which
 * survives in the always-on domain, the RTC count at the last feed (backup register 1)
 * and the RTC count after the restart: the reset came 5120 lfclk cycles after the feed. */
#include "lib.h"

static void wdog_write(unsigned off, uint32_t v)
{
    AON_REG(AON_WDOGKEY) = AON_WDOGKEY_VALUE;
    AON_REG(off) = v;
}

static void wait_rtc(uint32_t ticks)
{
    uint32_t t = AON_REG(AON_RTCLO);
    while (AON_REG(AON_RTCLO) - t < ticks)
        ;
}

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    uint32_t cause = AON_PMUCAUSE_RESETCAUSE(AON_REG(AON_PMUCAUSE));
    if (cause == AON_RESETCAUSE_WATCHDOG) {
        uint32_t rtc = AON_REG(AON_RTCLO);
        printf("boot after watchdog reset: backup0 0x%x, last feed at rtc %u, now rtc %u, "
               "wdogcfg 0x%x\n", AON_REG(AON_BACKUP0), AON_REG(AON_BACKUP0 + 4), rtc,
               AON_REG(AON_WDOGCFG));
        return 0;
    }
    printf("power-on boot: resetcause %u\n", cause);
    AON_REG(AON_RTCCFG) = AON_RTCCFG_ENALWAYS;
    AON_REG(AON_BACKUP0) = 0xb00b;

    /* Locked: a write without the key is ignored. */
    AON_REG(AON_WDOGCMP) = 1;
    printf("wdogcmp without key: %u\n", AON_REG(AON_WDOGCMP));

    wdog_write(AON_WDOGCMP, 20);
    wdog_write(AON_WDOGCOUNT, 0);
    wdog_write(AON_WDOGCFG, AON_WDOGCFG_RSTEN | AON_WDOGCFG_ENALWAYS | 8);
    for (int i = 0; i < 3; i++) {
        wait_rtc(3277); /* 100 ms */
        printf("feed %d at rtc %u, wdogs %u\n", i + 1, AON_REG(AON_RTCLO), AON_REG(AON_WDOGS));
        AON_REG(AON_BACKUP0 + 4) = AON_REG(AON_RTCLO);
        wdog_write(AON_WDOGFEED, AON_WDOGFEED_VALUE);
    }
    printf("no more feeding\n");
    for (;;)
        __asm__ volatile("wfi");
}
