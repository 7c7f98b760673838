/* The host's signals that end a run: SIGINT, SIGTERM and SIGHUP.
 *
 * The handler only records the signal and asks the running processor to return (its
 * horizon set to 0: stores the CPU reads at its next instruction boundary or, in a block
 * of translated code, at the end of its time quantum).  The kernel's run loop then stops
 * with SIM_STOP_SIGNAL, and the program leaves by its one way out: machine_stop hands
 * every device's buffered output to its back end, --summary, --stats and --signature are
 * written, and the exit status is 128 + the signal's number, as a shell reports a command
 * the signal killed.  A second signal of the same kind kills at once (the default action
 * is back), for a shutdown that would not end.
 *
 * Waits on the host (the gdb stub's socket, a wait=on server's client, an idle machine's
 * input) go through sim_host_poll, which a signal always ends, even one that arrives just
 * before the wait begins. */
#ifndef SIM_HOST_SIGNAL_H
#define SIM_HOST_SIGNAL_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>

#include "sim/sim.h"

/* The signal caught, 0 while none was (read by the kernel between events). */
extern volatile sig_atomic_t sim_signal_caught;

/* Catch SIGINT, SIGTERM and SIGHUP (each unless the host ignores it: nohup, a background
 * job) for the kernel `s`, whose running processor is kicked. */
void sim_signals_install(struct sim *s);
/* Called from the handler after the signal is recorded (the Lua state's stop hook); it
 * must be async-signal-safe.  NULL removes it. */
void sim_signals_on_catch(void (*fn)(void *opaque), void *opaque);
/* "SIGTERM" for SIGTERM; "signal N" for others. */
const char *sim_signal_name(int sig);
/* A signal was caught: stop `s` for it (SIM_STOP_SIGNAL, exit code 128 + N) and return
 * true. */
bool sim_stop_on_signal(struct sim *s);
/* poll(2) that a caught signal ends: -1 with errno EINTR once one was caught, before the
 * wait or during it. */
int sim_host_poll(struct pollfd *pfd, nfds_t n, int timeout_ms);

#endif
