/* Private to the Lua binding: the state the board builder (lb.c) and the scenario
 * runtime (lb_run.c) share.  One per machine, owned by it (struct machine's lua, freed
 * last by machine_free). */
#ifndef LUA_LB_INT_H
#define LUA_LB_INT_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>
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
    int exit_status;   /* socsim.exit(code), os.exit(code) */
    bool exiting;      /* an exit was raised: it ends the script, pcall cannot stop it */
    struct sim_event deadline; /* the end of the current run's time window */
    bool deadline_hit;
    struct lb_uart *expecting; /* the UART an expect() waits on, NULL when none */
    const char *pattern;       /* its pattern (kept alive on the Lua stack) */
    bool matched;
    struct lb_uart *uarts;
    struct lb_watch *watches;
    struct lb_timer *timers;
    uint64_t next_id;          /* of watches and timers, for their cancel functions */
    bool closing;              /* the machine is going away: calls that need it fail */
    bool running;              /* a run function is inside sim_run: no other run */
    /* --lua-limit: at most max_steps instructions (0: no limit) while simulated time
     * stands still; steps so far at steps_time. */
    uint64_t max_steps, steps;
    sim_time_t steps_time;
    bool limit_hit;            /* the limit was reached: the script ends */
    bool sandbox;              /* --sandbox */
    char **write_dirs;         /* --sandbox-write, as real paths */
    size_t nwrite_dirs;
    unsigned checks;           /* named checks (socsim.check, socsim.test) done */
    unsigned checks_failed;
    FILE *report;              /* socsim --suite's report (SOCSIM_SUITE_REPORT), or NULL */
};

struct lb *lb_get(lua_State *L);
/* Refuse a socsim.* call that needs the machine once it is going away (finalizers run
 * by lua_close). */
void lb_check_open(lua_State *L, const char *fn);

/* lb_safe.c: errors, the instruction limit, require's path, the sandbox. */
/* The message handler of every protected call into a script: the error object as text
 * (its __tostring run protected), with the position of the innermost Lua code when it
 * has none; socsim.exit()'s value and a command-line option's message (raised with
 * lb_raise_option_error) pass unchanged. */
int lb_msgh(lua_State *L);
/* Push the value at idx as text, never raising: a string, what its __tostring gives, a
 * number, boolean or nil as tostring() writes it, else "a TYPE value".  Returns it. */
const char *lb_describe(lua_State *L, int idx);
void lb_raise_option_error(lua_State *L, const char *msg);
/* socsim.exit(status) and os.exit: end the board or scenario, and with it the run, through
 * socsim's one way out (machine_stop: every byte a device holds reaches its back end;
 * --summary, --signature), with exit status `status`.  Raised again at every instruction
 * until the script has ended: pcall does not stop it. */
int lb_raise_exit(lua_State *L, int status);
/* The error object at idx is an exit (lb_raise_exit). */
bool lb_is_exit(lua_State *L, int idx);
/* os.exit becomes an exit of socsim's (lb_raise_exit). */
void lb_replace_os_exit(lua_State *L);
/* The board or scenario ended: an exit raised no longer stops Lua (finalizers still run). */
void lb_exit_done(struct lb *lb);
/* "FILE:LINE: rest", Lua's error position at the start of a message or after a prefix on
 * its first line: returns rest and sets the length of what comes before ":LINE: " and
 * LINE; NULL when the first line has no position. */
const char *lb_split_position(const char *msg, size_t *file_len, long *line);
/* Load the script at path (text only in the sandbox): LUA_OK with the chunk pushed, or
 * an error code with a message that names the file. */
int lb_load(struct lb *lb, const char *path);
/* Start counting instructions afresh (a board or scenario begins). */
void lb_limit_reset(struct lb *lb);
/* From the signal handler (sim_signals_on_catch; async-signal-safe): the Lua code running
 * on state L stops at its next instruction, and so does any a pcall runs after catching
 * the error. */
void lb_signal_stop(void *L);
/* The script must end (--lua-limit reached, a signal came, an exit): an error it raised
 * is not caught by socsim.test. */
bool lb_must_end(const struct lb *lb);
/* Lua gets control back (a run returns, a callback starts): at a new instant of
 * simulated time, the count starts afresh. */
void lb_limit_instant(struct lb *lb);
/* package.path: the directory of `script`, then dirs[0..n-1], each DIR/?.lua; no
 * package.cpath.  Returns 0. */
int lb_set_require_path(lua_State *L, const char *script, const char *const *dirs, size_t n);
/* Take away what --sandbox forbids (the top of the file says what). */
void lb_sandbox(lua_State *L);
/* The runtime's part of a new binding (before anything can fail). */
void lb_runtime_init(struct lb *lb);
/* Add the runtime functions to the module table on the top of the stack. */
void lb_runtime_register(lua_State *L);
/* Run the board or scenario at `script` with nresults results: require finds modules
 * beside it, then on the board path; its instruction count starts from 0; errors go
 * through lb_msgh.  Pushes the message handler, then the results (LUA_OK) or the error
 * message (an error code). */
int lb_run_script(struct lb *lb, const char *script, int nresults);
/* Cancel the binding's events and free its taps, watches and timers. */
void lb_runtime_free(struct lb *lb);

#endif
