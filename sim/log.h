/* The debug log (-d CATEGORIES, -D FILE), as QEMU's: run-time events a user asks to see,
 * one line each (a register dump for `cpu`), written to stderr or to the -D file.
 *
 * Off, it costs nothing on the instruction path: the places that report are slow paths
 * already (trap entry, an access fault, an illegal CSR access) and test sim_log_mask
 * there; `exec` and `cpu` make the CPU run one instruction per call of its run loop,
 * interpreted, so the loop itself has no logging code. */
#ifndef SIM_LOG_H
#define SIM_LOG_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/sim.h"

enum sim_log_category {
    SIM_LOG_INT = 1u << 0,          /* every trap taken: interrupts and exceptions */
    SIM_LOG_EXEC = 1u << 1,         /* every instruction executed */
    SIM_LOG_CPU = 1u << 2,          /* the registers before every instruction */
    SIM_LOG_GUEST_ERRORS = 1u << 3, /* the firmware did something invalid: bad access, CSR */
};

extern unsigned sim_log_mask;

static inline bool sim_log_on(unsigned categories)
{
    return unlikely(sim_log_mask & categories);
}

/* -d LIST: a comma-separated list of category names; 0, or -1 with sim_err set. */
int sim_log_set(const char *list);
/* -D FILE: log there instead of stderr (truncated, as QEMU does); 0, or -1 with sim_err. */
int sim_log_open(const char *path);
/* -d help: one line per category. */
void sim_log_help(FILE *f);
/* One log entry, written at once (the newline is added); at most 1 KiB. */
void sim_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Flush, and close the -D file. */
void sim_log_close(void);

#endif
