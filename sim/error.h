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
/* The recorded message names the command-line option at fault (a -global or -blockdev that
 * a board script's device ran into): whoever reports it adds no script position, which
 * would point at the wrong culprit.  Recording a new message clears the mark. */
void sim_err_mark_option(void);
bool sim_err_is_option(void);
/* Print "socsim: <message>" on stderr. */
void sim_err_print(void);
/* Print "socsim: <formatted>" on stderr directly (for warnings and run-time notes). */
void sim_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A device's event on stderr, a whole line ("led red: on at 5.5 ms\n").  The firmware's
 * console (the stdio chardev) shares the terminal, or the pipe of 2>&1: while its current
 * line is unfinished the note waits, and follows the line's newline, so no UART line is
 * split.  Waiting notes are printed anyway when the guest waits for input, when the run
 * ends (sim_warn, sim_err_print, the console's close) and beyond 64 KiB. */
void sim_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The console wrote bytes ending mid-line (open) or with a newline: at a line's end,
 * waiting notes are printed. */
void sim_console_line(bool open);
/* Print waiting notes now. */
void sim_notes_flush(void);
/* Are notes waiting for the console's line to end?  (Asked at every console write, so
 * inline.) */
extern size_t sim_notes_waiting_bytes;
static inline bool sim_notes_waiting(void) { return sim_notes_waiting_bytes > 0; }

/* The one "did you mean": the candidate closest to `name` ignoring case (edit distance at
 * most a third of the name), else the only candidate `name` begins (3 characters or more);
 * never `name` itself; NULL when none is close. */
const char *sim_suggest(const char *name, const char *const *cands, size_t n);
/* Levenshtein distance between a and b, ignoring ASCII case when fold_case; SIZE_MAX when
 * either is longer than 63 characters (never close). */
size_t sim_edit_distance(const char *a, const char *b, bool fold_case);

/* Exit status for usage errors (bad option, bad board, bad device): like QEMU's. */
#define SIM_EXIT_USAGE 2
/* Exit status when --max-time / --max-insns end a run (like timeout(1)). */
#define SIM_EXIT_LIMIT 124
/* Exit status when the firmware is stuck in a trap loop (SIM_STOP_TRAP_LOOP): beside 124,
 * and not 125, which `git bisect run` reads as "cannot test". */
#define SIM_EXIT_TRAP_LOOP 123

#endif
