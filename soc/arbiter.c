/* Deterministic bus arbitration (arbiter.h). */
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"
#include "soc/arbiter.h"

void bus_arb_init(struct bus_arb *a) { memset(a, 0, sizeof(*a)); }

static bool before_last(const struct bus_arb *a, unsigned master, uint64_t cycle)
{
    return a->started &&
           ( cycle < a->last_cycle || (cycle == a->last_cycle && master <= a->last_master));
}

uint64_t bus_arb_grant(struct bus_arb *a, unsigned master, uint64_t cycle, uint32_t len)
{
    if (master >= BUS_ARB_MASTERS || before_last(a, master, cycle))
        return UINT64_MAX;
    uint64_t start = cycle > a->free_at ? cycle : a->free_at;
    a->free_at = start + (len ? len : 1);
    a->last_cycle = cycle;
    a->last_master = master;
    a->started = true;
    a->served[master]++;
    a->waited[master] += start - cycle;
    return start;
}

static int req_cmp(const void *x, const void *y)
{
    const struct bus_arb_req *p = x, *q = y;
    if (p->cycle != q->cycle)
        return p->cycle < q->cycle ? -1 : 1;
    return p->master < q->master ? -1 : p->master > q->master ? 1 : 0;
}

int bus_arb_resolve(struct bus_arb *a, struct bus_arb_req *r, size_t n)
{
    struct bus_arb_req *sorted = malloc(n * sizeof(*sorted));
    if (n && !sorted)
        abort();
    if (n)
        memcpy(sorted, r, n * sizeof(*r));
    sort_array(sorted, n, sizeof(*sorted), req_cmp);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (sorted[i].master >= BUS_ARB_MASTERS ||
            (i && !req_cmp(&sorted[i - 1], &sorted[i])) ||
            (i == 0 && before_last(a, sorted[i].master, sorted[i].cycle)))
            rc = -1;
    }
    if (!rc) {
        for (size_t i = 0; i < n; i++)
            sorted[i].start = bus_arb_grant(a, sorted[i].master, sorted[i].cycle, sorted[i].len);
        /* hand the starts back in the caller's order */
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                if (r[i].master == sorted[j].master && r[i].cycle == sorted[j].cycle)
                    r[i].start = sorted[j].start;
    }
    free(sorted);
    return rc;
}
