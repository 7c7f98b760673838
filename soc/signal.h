/* Signals: IRQ lines and GPIO pins.  One writer sets the level, any number of listeners
 * (an interrupt controller input, a GPIO pad, a Lua watcher) hear each change. */
#ifndef SOC_SIGNAL_H
#define SOC_SIGNAL_H

#include <stdbool.h>

typedef void (*signal_fn)(void *opaque, int n, bool level);

struct signal_listener {
    signal_fn fn;
    void *opaque;
    int n;
    struct signal_listener *next;
};

struct signal {
    bool level;
    const char *name;
    struct signal_listener *listeners;
};

void signal_init(struct signal *s, const char *name);
/* Add a listener; it is told the current level at once so late listeners start in sync. */
void signal_listen(struct signal *s, signal_fn fn, void *opaque, int n);
/* Stop calling fn(opaque, ...) on changes; fn NULL: every listener with that opaque. */
void signal_unlisten(struct signal *s, signal_fn fn, void *opaque);
/* Set the level; listeners hear only changes. */
void signal_set(struct signal *s, bool level);
/* A one-cycle pulse: raise then lower (edge-triggered sinks see the edge). */
void signal_pulse(struct signal *s);
/* Drop every listener (when the owner goes away). */
void signal_free(struct signal *s);

#endif
