/* The Lua binding: board scripts (and, later, test scenarios) use `require "socsim"`. */
#ifndef LUA_LB_H
#define LUA_LB_H

#include <stdio.h>

struct machine;

/* Run the board script for `board` (a name from boards/ or a path to a .lua file) on m.
 * Returns 0, or -1 with sim_err naming the file and line. */
int lb_run_board(struct machine *m, const char *board);
/* -M help: every board in the boards directory with its description. */
void lb_print_boards(FILE *f);
/* Where board scripts live: $SOCSIM_BOARDS, else <program dir>/../boards, else ./boards. */
const char *lb_boards_dir(void);

#endif
