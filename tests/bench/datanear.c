/* datanear, datafar: the quick start's spin loop (docs/quickstart.md: a volatile counter
 * incremented in a loop), run a fixed number of times.  datanear keeps the counter in the
 * bytes right after the loop's code, as a linker script that packs .bss behind .text
 * does: it shares a 16-byte granule with the loop's last instructions, and every
 * iteration stores into it.  datafar, the same source built with -DDATA_FAR, keeps the
 * counter on a page of its own, as the other benchmarks keep their data.  The two should
 * run at about the same speed (issue 12: datanear ran 10 000 times slower translated). */
#include "benchlib.h"

#define SPIN_BASE_ITERS 120000000

#ifdef DATA_FAR
#define NAME "datafar"
#define NEAR_TEXT
#define NEAR_DATA
#else
#define NAME "datanear"
/* link.ld places these two last in .text, the counter right after the loop */
#define NEAR_TEXT __attribute__((section(".near.text")))
#define NEAR_DATA __attribute__((section(".near.data")))
#endif

static volatile uint32_t counter NEAR_DATA;

static NEAR_TEXT __attribute__((noinline)) void spin(uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        counter++;
}

int main(void)
{
    const uint32_t iters = BENCH_ITERS(SPIN_BASE_ITERS);
    spin(iters);
    bench_report(NAME, iters, counter);
    return 0;
}
