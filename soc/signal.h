/* Signals: IRQ lines and GPIO pins.  One writer sets the level, any number of listeners
 * (an interrupt controller input, a GPIO pad, a Lua watcher) hear each change. */
#ifndef SOC_SIGNAL_H
#define SOC_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

typedef void (*signal_fn)(void *opaque, int n, bool level);

struct signal_listener {
    signal_fn fn;
    void *opaque;
    int n;
    struct signal_listener *next;
};

struct signal {
    bool level;
    bool past; /* listeners hear a change made at past_at (signal_set_past) */
    const char *name;
    struct signal_listener *listeners;
    uint64_t past_at;
    /* A line its device draws only while something listens (a UART pin, uart_wave.h) is
     * told when its first listener comes, before the listener is added, so that it can set
     * the level it has now and draw from then on; NULL for other signals. */
    void (*first_listener)(struct signal *s, void *opaque);
    void *first_listener_opaque;
};

void signal_init(struct signal *s, const char *name);
/* Add a listener; it is told the current level at once so late listeners start in sync. */
void signal_listen(struct signal *s, signal_fn fn, void *opaque, int n);
/* Stop calling fn(opaque, ...) on changes; fn NULL: every listener with that opaque. */
void signal_unlisten(struct signal *s, signal_fn fn, void *opaque);
/* Set the level; listeners hear only changes. */
void signal_set(struct signal *s, bool level);
/* Set the level as of time `at` (picoseconds), which may lie before now: a wire whose
 * levels the model learns after the fact (SPI MISO: the byte is exchanged with the slave
 * at the frame's end).  Listeners that record times ask signal_time; the device holds the
 * trace outputs back from the earliest such time until it has reported them (trace_hold,
 * soc/trace.h). */
void signal_set_past(struct signal *s, bool level, uint64_t at);
/* When the change the listeners are hearing happened: `now` (sim_now), unless it is
 * one made with signal_set_past. */
static inline uint64_t signal_time(const struct signal *s, uint64_t now)
{
    return s->past ? s->past_at : now;
}
/* A one-cycle pulse: raise then lower (edge-triggered sinks see the edge). */
void signal_pulse(struct signal *s);
/* Drop every listener (when the owner goes away). */
void signal_free(struct signal *s);

#endif
