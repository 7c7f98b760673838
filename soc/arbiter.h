/* Deterministic arbitration of one bus between masters (CPU fetch, CPU data, DMA).
 *
 * The rule: the bus carries one access at a time.  Requests are served in the order of the
 * cycle they are made in; requests made in the same cycle are served in the order of their
 * masters' numbers (lower first: the board numbers its masters by priority, e.g. CPU data 0,
 * CPU fetch 1, DMA 2).  An access starts at the later of its request cycle and the end of
 * the access before it, and holds the bus for its length in cycles.  Serving by request
 * cycle first means a low-priority master waits only for requests made before or with its
 * own (no starvation); nothing depends on host order or randomness, so the same requests
 * always get the same cycles.  docs/timing-models.md, "Memory-system timing". */
#ifndef SOC_ARBITER_H
#define SOC_ARBITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUS_ARB_MASTERS 8

struct bus_arb {
    uint64_t free_at;                  /* first cycle the bus is free */
    uint64_t last_cycle;               /* request cycle of the last access served */
    unsigned last_master;
    bool started;                      /* an access has been served */
    uint64_t served[BUS_ARB_MASTERS];  /* accesses per master */
    uint64_t waited[BUS_ARB_MASTERS];  /* cycles each master's accesses waited for the bus */
};

struct bus_arb_req {
    unsigned master;  /* 0 .. BUS_ARB_MASTERS - 1, lower wins a same-cycle tie */
    uint64_t cycle;   /* cycle the request is made */
    uint32_t len;     /* cycles the access holds the bus (at least 1) */
    uint64_t start;   /* out: cycle the access starts */
};

void bus_arb_init(struct bus_arb *a);

/* Serve one request.  Requests must come in (cycle, master) order, as the simulation's event
 * order delivers them; returns the start cycle, or UINT64_MAX (nothing served) for a
 * request out of order or a bad master number. */
uint64_t bus_arb_grant(struct bus_arb *a, unsigned master, uint64_t cycle, uint32_t len);

/* Serve a batch of requests given in any order: they are sorted by (cycle, master) and each
 * gets its start.  Returns 0, or -1 (nothing served) when a master number is out of range,
 * two requests of one master share a cycle, or a request precedes one already served. */
int bus_arb_resolve(struct bus_arb *a, struct bus_arb_req *r, size_t n);

#endif
