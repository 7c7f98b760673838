/* Bus arbitration (soc/arbiter.h): requests served by request cycle, same-cycle ties by
 * master number, each access holding the bus for its length; the result does not depend on
 * the order requests are handed over in. */
#include "soc/arbiter.h"
#include "tests/unit/check.h"

enum { CPU_DATA, CPU_FETCH, DMA };

static void test_grant(void)
{
    struct bus_arb a;
    bus_arb_init(&a);
    /* an idle bus: at once */
    CHECK_EQ("arb.idle", bus_arb_grant(&a, CPU_FETCH, 0, 2), 0);
    CHECK_EQ("arb.idle-later", bus_arb_grant(&a, DMA, 5, 3), 5);
    /* a request while the bus is busy (5..7) waits for the end */
    CHECK_EQ("arb.busy", bus_arb_grant(&a, CPU_DATA, 6, 1), 8);
    CHECK_EQ("arb.busy.waited", a.waited[CPU_DATA], 2);
    /* same cycle: CPU data before DMA */
    CHECK_EQ("arb.tie.first", bus_arb_grant(&a, CPU_DATA, 10, 3), 10);
    CHECK_EQ("arb.tie.second", bus_arb_grant(&a, DMA, 10, 3), 13);
    /* out of order: refused, nothing changes */
    CHECK_EQ("arb.out-of-order.cycle", bus_arb_grant(&a, CPU_FETCH, 9, 1), UINT64_MAX);
    CHECK_EQ("arb.out-of-order.master", bus_arb_grant(&a, CPU_DATA, 10, 1), UINT64_MAX);
    CHECK_EQ("arb.bad-master", bus_arb_grant(&a, BUS_ARB_MASTERS, 20, 1), UINT64_MAX);
    CHECK_EQ("arb.after-refusals", bus_arb_grant(&a, CPU_FETCH, 16, 1), 16);
    CHECK_EQ("arb.served.dma", a.served[DMA], 2);
}

static void test_resolve(void)
{
    /* Three masters in one cycle, handed over in reverse order: served 0, 1, 2. */
    struct bus_arb a;
    bus_arb_init(&a);
    struct bus_arb_req r[] = {
        {.master = DMA, .cycle = 4, .len = 4},
        {.master = CPU_FETCH, .cycle = 4, .len = 2},
        {.master = CPU_DATA, .cycle = 4, .len = 1},
    };
    CHECK_EQ("arb.batch.rc", bus_arb_resolve(&a, r, 3), 0);
    CHECK_EQ("arb.batch.data", r[2].start, 4);
    CHECK_EQ("arb.batch.fetch", r[1].start, 5);
    CHECK_EQ("arb.batch.dma", r[0].start, 7);

    /* No starvation: the CPU fetches every cycle (1-cycle accesses) while a DMA transfer of
     * 2 cycles is requested at cycle 1: it follows the fetch of cycle 1 (same cycle, lower
     * number first), fetches of cycles 2 and 3 wait behind it. */
    bus_arb_init(&a);
    struct bus_arb_req s[] = {
        {.master = CPU_FETCH, .cycle = 0, .len = 1}, {.master = CPU_FETCH, .cycle = 1, .len = 1},
        {.master = CPU_FETCH, .cycle = 2, .len = 1}, {.master = CPU_FETCH, .cycle = 3, .len = 1},
        {.master = DMA, .cycle = 1, .len = 2},
    };
    CHECK_EQ("arb.fair.rc", bus_arb_resolve(&a, s, 5), 0);
    CHECK_EQ("arb.fair.f0", s[0].start, 0);
    CHECK_EQ("arb.fair.f1", s[1].start, 1);
    CHECK_EQ("arb.fair.dma", s[4].start, 2);
    CHECK_EQ("arb.fair.f2", s[2].start, 4);
    CHECK_EQ("arb.fair.f3", s[3].start, 5);
    CHECK_EQ("arb.fair.waited.fetch", a.waited[CPU_FETCH], 2 + 2);
    CHECK_EQ("arb.fair.waited.dma", a.waited[DMA], 1);

    /* The same requests in another order give the same starts. */
    struct bus_arb b;
    bus_arb_init(&b);
    struct bus_arb_req t[] = {
        {.master = DMA, .cycle = 1, .len = 2}, {.master = CPU_FETCH, .cycle = 3, .len = 1},
        {.master = CPU_FETCH, .cycle = 1, .len = 1}, {.master = CPU_FETCH, .cycle = 0, .len = 1},
        {.master = CPU_FETCH, .cycle = 2, .len = 1},
    };
    CHECK_EQ("arb.order.rc", bus_arb_resolve(&b, t, 5), 0);
    CHECK("arb.order.same", t[0].start == 2 && t[1].start == 5 && t[2].start == 1 &&
                            t[3].start == 0 && t[4].start == 4);

    /* Two requests of one master in one cycle are a caller error: nothing is served. */
    bus_arb_init(&b);
    struct bus_arb_req u[] = {{.master = DMA, .cycle = 1, .len = 1},
                              {.master = DMA, .cycle = 1, .len = 1}};
    CHECK_EQ("arb.dup.rc", bus_arb_resolve(&b, u, 2), -1);
    CHECK_EQ("arb.dup.none-served", b.served[DMA], 0);
}

int main(void)
{
    test_grant();
    test_resolve();
    return check_failures != 0;
}
