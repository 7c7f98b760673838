/* The Ibex instruction cache model (soc/cpu/riscv/ibex_icache.c) alone: the invalidation
 * after reset, a disabled cache streaming like the prefetch buffer, and hits on lines it
 * has filled, with the cycles worked out from the rules in docs/timing-models.md.  One
 * PASS/FAIL line each.  (The reference rows, tests/ibex/reference_ext.sh, check the cache
 * inside the core.) */
#include <stdio.h>
#include <string.h>

#include "soc/cpu/riscv/ibex_icache.h"

static int failures;

static void expect(const char *name, unsigned long long got, unsigned long long want)
{
    if (got == want) {
        printf("PASS %s\n", name);
    } else {
        printf("FAIL %s: got %llu, expected %llu\n", name, got, want);
        failures++;
    }
}

/* Hand over n 32-bit instructions from pc on, ID taking each as soon as it can; s[i]: the
 * cycle instruction i is in ID. */
static void run(struct ibex_icache *ic, uint32_t pc, int n, uint64_t *s)
{
    for (int i = 0; i < n; i++, pc += 4) {
        ic->next_len = 4;
        while (!ibex_ic_cycle(ic, 4, false, 0))
            ;
        s[i] = ic->cycle;
    }
}

static void branch(struct ibex_icache *ic, uint64_t at, uint32_t target)
{
    ibex_ic_run_to(ic, at);
    ibex_ic_cycle(ic, 0, true, target);
}

/* The first cycle the cache is not busy when nothing is taken from cycle `from` on,
 * simulated with ibex_ic_run_to's skipping (skip) or one cycle at a time. */
static uint64_t idle_from(struct ibex_icache ic, uint64_t from, bool skip)
{
    if (skip)
        ibex_ic_run_to(&ic, from);
    while (ic.cycle < from)
        ibex_ic_cycle(&ic, 0, false, 0);
    while (ibex_ic_busy(&ic))
        ibex_ic_cycle(&ic, 0, false, 0);
    return ic.cycle;
}

/* ibex_ic_run_to skips only cycles in which nothing changes: a disabled cache streams from
 * 0x104 (mid-line, as after a flush) on 1-cycle memory, ID takes k instructions with 0-3
 * cycles between them (a fixed pseudo-random pattern: CSR flushes, multi-cycle
 * instructions), then IF stops asking d cycles later (a wfi): the cache must be idle from
 * the same cycle whether the cycles ID takes nothing are skipped or simulated one by one.
 * They were not when a buffer that had handed over its last beat was to be released in a
 * skipped cycle: the lookup that the release lets through was lost (k_wfi_rearm50x8 on the
 * icache builds, the clock 2 cycles short). */
static void skip_equivalence(void)
{
    static struct ibex_icache ic;
    uint32_t seed = 1;
    int bad = 0, cases = 0;
    for (int k = 1; k <= 12; k++)
        for (int pattern = 0; pattern < 16; pattern++)
            for (int d = 0; d < 3; d++) {
                memset(&ic, 0, sizeof(ic));
                ibex_ic_reset(&ic, 0, 1);
                ibex_ic_run_to(&ic, 300);
                branch(&ic, 300, 0x104);
                for (int i = 0; i < k; i++) {
                    seed = seed * 1103515245u + 12345u;
                    ibex_ic_run_to(&ic, ic.cycle + (seed >> 16) % 4);
                    ic.next_len = 4;
                    while (!ibex_ic_cycle(&ic, 4, false, 0))
                        ;
                }
                ic.off_from = ic.cycle + (uint64_t)d, ic.off_to = UINT64_MAX;
                uint64_t from = ic.off_from + 1;
                uint64_t a = idle_from(ic, from, true), b = idle_from(ic, from, false);
                cases++;
                if (a != b && bad++ < 3)
                    printf("  k=%d pattern %d d=%d: idle from %llu skipping, %llu cycle by "
                           "cycle\n",
                           k, pattern, d, (unsigned long long)a, (unsigned long long)b);
            }
    expect("icache.run_to.skips-only-idle-cycles", (unsigned long long)bad, 0);
    expect("icache.run_to.cases", (unsigned long long)cases, 12 * 16 * 3);
}

int main(void)
{
    static struct ibex_icache ic;
    uint64_t s[8];

    /* Out of reset: a cycle, one waiting for the scrambling key, then 256 sets, one a
     * cycle: busy in cycles 0-257. */
    memset(&ic, 0, sizeof(ic));
    ibex_ic_reset(&ic, 0, 1);
    ic.off_from = 0, ic.off_to = UINT64_MAX; /* no fetching meanwhile */
    ibex_ic_run_to(&ic, 257);
    expect("icache.reset.busy-257", ibex_ic_busy(&ic), 1);
    ibex_ic_run_to(&ic, 258);
    expect("icache.reset.idle-258", ibex_ic_busy(&ic), 0);

    /* Disabled, 1-cycle memory: every lookup asks the bus at once, so after a branch in
     * cycle 300 a word arrives every cycle from 301: instructions in ID from 302 on. */
    ic.off_from = UINT64_MAX, ic.off_to = 0;
    branch(&ic, 300, 0x100);
    run(&ic, 0x100, 8, s);
    expect("icache.disabled.first", s[0], 302);
    expect("icache.disabled.streams", s[7] - s[0], 7);

    /* Enabled, memory 4 cycles away: the lines 0x100-0x10f fetched once are cached; a
     * branch back to 0x100 hits in IC1 the next cycle (in ID 2 cycles after the branch), the
     * line's second beat comes from the fill buffer, the next line's lookup (a cycle after
     * the branch's) hits too: 4 instructions in 4 cycles. */
    memset(&ic, 0, sizeof(ic));
    ibex_ic_reset(&ic, 0, 4);
    ic.enable = true;
    ibex_ic_run_to(&ic, 300);
    branch(&ic, 300, 0x100);
    run(&ic, 0x100, 4, s);
    uint64_t cold = s[3] - 300;
    branch(&ic, 400, 0x100);
    run(&ic, 0x100, 4, s);
    expect("icache.hit.first", s[0], 402);
    expect("icache.hit.four", s[3], 405);
    expect("icache.cold-slower", cold > 5, 1);

    /* fence.i's invalidation: the same branch after it misses again (no hit while the sets
     * are being invalidated, and nothing is left valid after) */
    ic.inval_at = 450;
    branch(&ic, 450, 0x100);
    run(&ic, 0x100, 4, s);
    expect("icache.fencei.miss", s[3] - 450 > 5, 1);

    skip_equivalence();
    return failures ? 1 : 0;
}
