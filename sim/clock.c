/* Clocks: exact conversions between cycles and picoseconds; clock domains. */
#include "sim/sim.h"

typedef unsigned __int128 u128;

void sim_clock_init(struct sim_clock *c, uint64_t hz) { c->hz = hz ? hz : 1; }

sim_time_t sim_clock_to_time(const struct sim_clock *c, uint64_t cycles)
{
    return (sim_time_t)((u128)cycles * SIM_S / c->hz);
}

uint64_t sim_clock_to_cycles(const struct sim_clock *c, sim_time_t t)
{
    return (uint64_t)((u128)t * c->hz / SIM_S);
}

uint64_t sim_clock_to_cycles_ceil(const struct sim_clock *c, sim_time_t t)
{
    u128 num = (u128)t * c->hz;
    return (uint64_t)((num + SIM_S - 1) / SIM_S);
}

sim_time_t sim_clock_to_time_ceil(const struct sim_clock *c, uint64_t cycles)
{
    u128 t = ((u128)cycles * SIM_S + c->hz - 1) / c->hz;
    return t >= SIM_TIME_MAX ? SIM_TIME_MAX : (sim_time_t)t;
}

void sim_clock_domain_init(struct sim_clock_domain *d, uint64_t hz)
{
    sim_clock_init(&d->clk, hz);
    d->listeners = NULL;
}

void sim_clock_domain_set(struct sim_clock_domain *d, uint64_t hz)
{
    sim_clock_init(&d->clk, hz);
    for (struct sim_clock_listener *l = d->listeners; l; l = l->next)
        l->changed(l, d->clk.hz);
}

uint64_t sim_clock_domain_listen(struct sim_clock_domain *d, struct sim_clock_listener *l)
{
    l->next = d->listeners;
    d->listeners = l;
    return d->clk.hz;
}
