/* The host's SIGINT, SIGTERM and SIGHUP: a stop reason, not the end of the process. */
#define _GNU_SOURCE
#include "sim/host_signal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

volatile sig_atomic_t sim_signal_caught;

static const int caught_signals[] = {SIGINT, SIGTERM, SIGHUP};

static struct sim *volatile kernel;
static void (*volatile on_catch)(void *);
static void *volatile on_catch_opaque;

/* Async-signal-safe: plain stores.  A kick the interrupted code overwrites (it was setting
 * a new horizon itself) is not lost for good: the kernel sees sim_signal_caught at the end
 * of the CPU's time quantum. */
static void handler(int sig)
{
    if (!sim_signal_caught)
        sim_signal_caught = sig;
    struct sim *s = kernel;
    if (s && s->in_proc && s->proc)
        s->proc->set_horizon(s->proc->ctx, 0);
    void (*fn)(void *) = on_catch;
    if (fn)
        fn(on_catch_opaque);
}

void sim_signals_install(struct sim *s)
{
    kernel = s;
    for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++) {
        struct sigaction old, sa = {.sa_handler = handler};
        /* No SA_RESTART: a blocking call returns EINTR and its caller looks at the flag.
         * SA_RESETHAND: the same signal again kills, should the shutdown hang. */
        sa.sa_flags = SA_RESETHAND;
        sigemptyset(&sa.sa_mask);
        if (sigaction(caught_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(caught_signals[i], &sa, NULL);
    }
}

void sim_signals_on_catch(void (*fn)(void *opaque), void *opaque)
{
    on_catch = NULL; /* never the new function with the old argument */
    on_catch_opaque = opaque;
    on_catch = fn;
}

const char *sim_signal_name(int sig)
{
    static char buf[32];
    switch (sig) {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    case SIGHUP:
        return "SIGHUP";
    default:
        snprintf(buf, sizeof(buf), "signal %d", sig);
        return buf;
    }
}

bool sim_stop_on_signal(struct sim *s)
{
    int sig = sim_signal_caught;
    if (!sig)
        return false;
    sim_stop(s, SIM_STOP_SIGNAL, 128 + sig);
    return true;
}

int sim_host_poll(struct pollfd *pfd, nfds_t n, int timeout_ms)
{
    /* The signals stay blocked from the check to the wait, and ppoll unblocks them only
     * while it waits: one that comes in between ends the wait at once. */
    sigset_t block, old;
    sigemptyset(&block);
    for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++)
        sigaddset(&block, caught_signals[i]);
    sigprocmask(SIG_BLOCK, &block, &old);
    int r;
    if (sim_signal_caught) {
        errno = EINTR;
        r = -1;
    } else {
        struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000};
        r = ppoll(pfd, n, timeout_ms < 0 ? NULL : &ts, &old);
    }
    int e = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return r;
}
