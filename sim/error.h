/* One error reporter.  Library code records what went wrong with sim_err() and returns
 * a negative value; the caller decides whether to print it (sim_err_print) and exit,
 * or, inside a board script, to raise it as a Lua error with the script's position.
 * Messages name what was wrong and where: "-device uart,foo=1: unknown property 'foo'". */
#ifndef SIM_ERROR_H
#define SIM_ERROR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define SIM_ERR_MAX 1024

/* Record a message (printf-style) and return -1. */
int sim_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int sim_verr(const char *fmt, va_list ap);
/* Prefix the recorded message with "where: " (option, file:line, device id) and return -1. */
int sim_err_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *sim_err_msg(void);
/* Print "socsim: <message>" on stderr. */
void sim_err_print(void);
/* Print "socsim: <formatted>" on stderr directly (for warnings and run-time notes). */
void sim_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The candidate closest to `name` (edit distance <= 2, or `name` as a prefix), for
 * "did you mean"; NULL when none is close. */
const char *sim_suggest(const char *name, const char *const *cands, size_t n);
/* Levenshtein distance between a and b, ignoring ASCII case when fold_case; SIZE_MAX when
 * either is longer than 63 characters (never close).  The back ends' suggestions
 * (backend_suggest) fold case and scale the limit with the name; sim_suggest does not. */
size_t sim_edit_distance(const char *a, const char *b, bool fold_case);

/* Exit status for usage errors (bad option, bad board, bad device): like QEMU's. */
#define SIM_EXIT_USAGE 2
/* Exit status when --max-time / --max-insns end a run (like timeout(1)). */
#define SIM_EXIT_LIMIT 124
/* Exit status when the firmware is stuck in a trap loop (SIM_STOP_TRAP_LOOP): beside 124,
 * and not 125, which `git bisect run` reads as "cannot test". */
#define SIM_EXIT_TRAP_LOOP 123

#endif
