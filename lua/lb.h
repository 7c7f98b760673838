/* The Lua binding: board scripts and test scenarios use `require "socsim"`.  Both run in
 * one Lua state that the machine owns (machine_free closes it). */
#ifndef LUA_LB_H
#define LUA_LB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct machine;

/* How boards and scenarios run (docs/scenarios.md, "Boards and scenarios are code"). */
struct lb_options {
    /* --lua-limit: the most Lua instructions run while simulated time stands still (a
     * board, scenario code between runs, callbacks at one instant); 0: no limit. */
    uint64_t lua_limit;
    bool sandbox;                   /* --sandbox */
    const char *const *write_dirs;  /* --sandbox-write: where the sandbox may write */
    size_t nwrite_dirs;
};
#define LB_LUA_LIMIT 100000000ULL /* --lua-limit's default */

/* Run the board script for `board` (a name from boards/ or a path to a .lua file) on m;
 * the first board makes the machine's Lua state with options o (NULL: the defaults).
 * Returns 0; -1 with sim_err naming the file and line; or 1 when the board called
 * os.exit: lb_exit_status(m) is the status it gave. */
int lb_run_board(struct machine *m, const char *board, const struct lb_options *o);
int lb_exit_status(const struct machine *m);
/* Run the scenario script at `path` on the built, loaded machine: it drives the run.
 * Returns socsim's exit status: the scenario's return value or socsim.exit(code) (or
 * os.exit(code)); with
 * none, the firmware's exit code if it exited, else 0.  A Lua error or failed assertion
 * prints "socsim: FILE:LINE: message" and gives 1 (124 when --max-time/--max-insns
 * ended a run). */
int lb_run_scenario(struct machine *m, const char *path);
/* -M help: every board on the board path with its description, then the path.  -1 with
 * sim_err set when there is none.  The board path, searched in order for -M NAME:
 * the directories of $SOCSIM_BOARDS (colon-separated), then <bindir>/../share/socsim/boards
 * (an installed socsim) and <bindir>/../boards (build/socsim in a source tree); never the
 * current directory. */
int lb_print_boards(FILE *f);

#endif
