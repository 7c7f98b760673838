/* Private to the Lua binding: the state the board builder (lb.c) and the scenario
 * runtime (lb_run.c) share.  One per machine, owned by it (struct machine's lua, freed
 * last by machine_free). */
#ifndef LUA_LB_INT_H
#define LUA_LB_INT_H

#include <lua.h>
#include <stdbool.h>
#include <stdio.h>

#include "sim/sim.h"

struct machine;
struct lb_uart;
struct lb_watch;
struct lb_timer;

struct lb {
    lua_State *L;
    struct machine *m;
    bool scenario;     /* the machine is built and loaded: the runtime functions work */
    bool in_callback;  /* a Lua callback runs from a kernel event: no nested runs */
    int err_ref;       /* a callback's error, re-raised by the run function; LUA_NOREF */
    bool stop_req;     /* socsim.stop() from a callback */
    bool limit;        /* --max-time / --max-insns ended a run: exit status 124 */
    bool trap_loop;    /* the firmware got stuck in a trap loop: exit status 123 */
    int exit_status;   /* socsim.exit(code) */
    struct sim_event deadline; /* the end of the current run's time window */
    bool deadline_hit;
    struct lb_uart *expecting; /* the UART an expect() waits on, NULL when none */
    const char *pattern;       /* its pattern (kept alive on the Lua stack) */
    bool matched;
    struct lb_uart *uarts;
    struct lb_watch *watches;
    struct lb_timer *timers;
    uint64_t next_id;          /* of watches and timers, for their cancel functions */
    unsigned checks;           /* named checks (socsim.check, socsim.test) done */
    unsigned checks_failed;
    FILE *report;              /* socsim --suite's report (SOCSIM_SUITE_REPORT), or NULL */
};

struct lb *lb_get(lua_State *L);
/* Add the runtime functions to the module table on the top of the stack. */
void lb_runtime_register(lua_State *L);
/* Cancel the binding's events and free its taps, watches and timers. */
void lb_runtime_free(struct lb *lb);

#endif
