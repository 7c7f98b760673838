/* A serial line drawn from a UART model's bytes (uart_wave.h). */
#include "peripherals/uart_wave.h"

#include "soc/machine.h"

static int level_at(const struct uart_frame *f, unsigned bit)
{
    return bit < f->nbits ? (f->levels >> bit) & 1 : 1; /* then stop bits, then idle */
}

static unsigned end_half(const struct uart_frame *f)
{
    return 2u * f->nbits + f->stop_half;
}

/* Time of half bit h of the frame on the line: bits start on cycle boundaries of the baud
 * clock, a half bit (1.5 stop bits) is half as many cycles (at twice the rate, exactly). */
static sim_time_t half_time(const struct uart_wave *w, unsigned h)
{
    struct sim_clock c;
    sim_clock_init(&c, 2 * (w->cur.hz ? w->cur.hz : 1));
    return w->start + sim_clock_to_time(&c, (uint64_t)h * w->cur.cpb);
}

/* From bit `bit`, the half bit where the level next changes; the frame's end when it
 * does not (the stop bits and the idle line are high). */
static unsigned next_change(const struct uart_frame *f, unsigned bit)
{
    int level = level_at(f, bit);
    for (unsigned b = bit + 1; b <= f->nbits; b++)
        if (level_at(f, b) != level)
            return 2 * b;
    return end_half(f);
}

static void begin(struct uart_wave *w, const struct uart_frame *f, sim_time_t start);

static void pop(struct uart_wave *w)
{
    struct uart_frame f = w->q[w->qh];
    w->qh = (w->qh + 1) % UART_WAVE_QUEUE;
    w->qn--;
    begin(w, &f, w->end);
}

/* The change at half bit w->next is due: make it, and schedule the next one; after the
 * last, the end of the frame only when a frame waits for it. */
static void advance(struct uart_wave *w)
{
    if (w->next >= end_half(&w->cur)) {
        if (w->qn)
            pop(w);
        return;
    }
    signal_set(w->line, level_at(&w->cur, w->next / 2));
    w->next = next_change(&w->cur, w->next / 2);
    if (w->next < end_half(&w->cur) || w->qn)
        sim_schedule(w->sim, &w->ev, half_time(w, w->next));
}

static void wave_event(struct sim_event *ev)
{
    advance(container_of(ev, struct uart_wave, ev));
}

/* A frame's length: computed once for frames alike (a division of 128 bits per byte
 * would be most of what a UART nobody watches costs). */
static sim_time_t frame_time(struct uart_wave *w, const struct uart_frame *f)
{
    if (f->hz != w->len.hz || f->cpb != w->len.cpb || end_half(f) != w->len.half) {
        w->len.hz = f->hz;
        w->len.cpb = f->cpb;
        w->len.half = end_half(f);
        w->len.time = half_time(w, end_half(f)) - w->start;
    }
    return w->len.time;
}

/* A frame goes on the line at `start`: drawn while something listens, else only noted. */
static void begin(struct uart_wave *w, const struct uart_frame *f, sim_time_t start)
{
    w->cur = *f;
    w->start = start;
    w->end = start + frame_time(w, f);
    w->next = 0;
    if (!w->line->listeners)
        return;
    if (start <= sim_now(w->sim))
        advance(w);
    else
        sim_schedule(w->sim, &w->ev, start);
}

/* Without events (nobody listened), frames that ended by `now` make way for those
 * waiting. */
static void catch_up(struct uart_wave *w, sim_time_t now)
{
    while (w->qn && w->end <= now && !sim_event_pending(&w->ev))
        pop(w);
}

/* The first listener comes: the line takes the level it has now, and is drawn on. */
static void first_listener(struct signal *line, void *opaque)
{
    struct uart_wave *w = opaque;
    sim_time_t now = sim_now(w->sim);
    if (sim_event_pending(&w->ev))
        return; /* drawing already */
    catch_up(w, now);
    if (!w->cur.nbits || now >= w->end) {
        signal_set(line, true);
        if (w->qn)
            sim_schedule(w->sim, &w->ev, w->end);
        return;
    }
    if (now < w->start) {
        w->next = 0;
        sim_schedule(w->sim, &w->ev, w->start);
        return;
    }
    unsigned bit = 0; /* the bit on the line now */
    while (bit < w->cur.nbits && half_time(w, 2 * (bit + 1)) <= now)
        bit++;
    signal_set(line, level_at(&w->cur, bit));
    w->next = next_change(&w->cur, bit);
    if (w->next < end_half(&w->cur) || w->qn)
        sim_schedule(w->sim, &w->ev, half_time(w, w->next));
}

void uart_wave_init(struct uart_wave *w, struct signal *line, struct machine *m)
{
    *w = (struct uart_wave){.line = line, .sim = &m->sim, .late = &m->late_listeners};
    sim_event_init(&w->ev, wave_event, "uart line");
    line->first_listener = first_listener;
    line->first_listener_opaque = w;
}

struct uart_frame uart_frame_of(uint8_t byte, unsigned data_bits, char parity, unsigned stop_half,
                                uint64_t hz, uint64_t cpb)
{
    uint32_t data = byte & ((1u << data_bits) - 1);
    struct uart_frame f = {.levels = data << 1,
                           .nbits = (uint8_t)(1 + data_bits),
                           .stop_half = (uint8_t)stop_half,
                           .hz = hz,
                           .cpb = cpb};
    if (parity != 'N') {
        /* odd: the data bits and the parity bit hold an odd number of ones */
        unsigned ones = (unsigned)__builtin_popcount(data);
        unsigned p = parity == 'M' ? 1 : parity == 'S' ? 0 : (ones & 1) ^ (parity == 'O');
        f.levels |= p << f.nbits;
        f.nbits++;
    }
    return f;
}

void uart_wave_send(struct uart_wave *w, const struct uart_frame *f)
{
    if (!uart_wave_on(w))
        return;
    sim_time_t now = sim_now(w->sim);
    catch_up(w, now);
    if (!w->qn && now >= w->end) {
        begin(w, f, now);
        return;
    }
    if (w->qn == UART_WAVE_QUEUE)
        return;
    w->q[(w->qh + w->qn) % UART_WAVE_QUEUE] = *f;
    w->qn++;
    if (w->line->listeners && !sim_event_pending(&w->ev)) /* the last change was made */
        sim_schedule(w->sim, &w->ev, w->end);
}

void uart_wave_reset(struct uart_wave *w)
{
    sim_cancel(w->sim, &w->ev);
    w->qn = 0;
    w->end = 0;
    w->next = 0;
    w->cur = (struct uart_frame){0};
    signal_set(w->line, true);
}
