/* A serial line drawn from the bytes a UART model sends or receives: each frame's start bit,
 * data bits (least significant first), parity bit and stop bits on a signal, at their bit
 * times, for the waveform viewers (--vcd) and Lua watches.
 *
 * A frame's bit k begins at start + k * cycles-per-bit cycles of the baud clock (exact:
 * sim_clock_to_time).  While something listens to the signal, one event is scheduled per
 * level change; while nothing does, a frame is only noted, and a listener that comes
 * mid-frame (a VCD's window opening, a Lua watch) finds the line at the level it has then
 * and sees the rest of the frame (signal.first_listener).  When no listener can come
 * (machine.late_listeners: no trace output, no scenario), nothing is noted either: the
 * model asks uart_wave_on before it makes the frame, and a byte costs it a test.
 *
 * A model that hands bytes over faster than the line carries them (the ns16550a sends at
 * once) queues frames: each starts when the one before it has ended, its stop bits
 * included. */
#ifndef PERIPHERALS_UART_WAVE_H
#define PERIPHERALS_UART_WAVE_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"
#include "soc/signal.h"

struct machine;

#define UART_WAVE_QUEUE 32

/* A frame: levels[i] is bit i's level from the start bit (bit 0, low) to the last data or
 * parity bit (nbits of them); stop_half half bits of stop (2, 3 or 4: 1, 1.5 or 2 stop
 * bits) end it.  The baud clock: hz, and cpb cycles of it per bit. */
struct uart_frame {
    uint32_t levels;
    uint8_t nbits, stop_half;
    uint64_t hz, cpb;
};

struct uart_wave {
    struct signal *line;
    struct sim *sim;
    const bool *late; /* machine.late_listeners */
    struct sim_event ev;
    struct uart_frame cur; /* the frame on the line */
    sim_time_t start;      /* its start bit's time */
    sim_time_t end;        /* when its stop bits end: the next frame may start */
    struct {               /* the last frame length computed, for the next alike */
        uint64_t hz, cpb;
        unsigned half;
        sim_time_t time;
    } len;
    unsigned next; /* the half bit of its next change (or its end) */
    bool busy;
    struct uart_frame q[UART_WAVE_QUEUE];
    unsigned qh, qn;
};

/* The line is `line` of a device of machine m (idle high after uart_wave_reset); the wave
 * becomes its first_listener hook. */
void uart_wave_init(struct uart_wave *w, struct signal *line, struct machine *m);
/* Whether a frame sent now is drawn or noted: something listens, or may come to. */
static inline bool uart_wave_on(const struct uart_wave *w)
{
    return w->line->listeners || *w->late;
}
/* The frame of `byte` with `data_bits` (5..8) data bits, parity 'N', 'O', 'E', 'M' (mark)
 * or 'S' (space), stop_half half bits of stop, at the baud clock hz / cpb. */
struct uart_frame uart_frame_of(uint8_t byte, unsigned data_bits, char parity, unsigned stop_half,
                                uint64_t hz, uint64_t cpb);
/* A frame leaves now, or when the one on the line ends if it has not (a full queue drops
 * it).  Nothing happens unless uart_wave_on. */
void uart_wave_send(struct uart_wave *w, const struct uart_frame *f);
/* Drop what is drawn and queued; the line idles high. */
void uart_wave_reset(struct uart_wave *w);

#endif
