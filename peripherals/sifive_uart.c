/* SiFive UART (FE310-G002 manual, 18 "Universal Asynchronous Receiver/Transmitter").
 *
 * 8-entry transmit and receive FIFOs, watermark interrupts, and a baud generator: each
 * frame (start bit, 8 data bits, 1 or 2 stop bits) takes bits * (div + 1) cycles of the bus
 * clock, so at 115200 baud a byte occupies the line for about 86.8 us of simulated time.
 * Transmit: a byte leaves the FIFO for the shift register when the line is free and
 * reaches the chardev when its last stop bit has been sent; when the machine stops for good,
 * the bytes still queued reach it at once (uart_flush).  Receive: the back end offers
 * one byte at a time while the receiver is idle and the FIFO has room (so host input is
 * never lost to a slow guest); the byte enters the FIFO one frame time later.
 *
 * The tx pin is a signal: idle high, and while something listens to it (a GPIO pad, a Lua
 * watch, --vcd) each frame's start, data (LSB first) and stop bits at their bit times, from
 * the moment the byte leaves the FIFO (uart_wave.h).  The rx pin ("uart0.rx") is drawn the
 * same way from the moment the back end's byte starts arriving, one frame before it enters
 * the receive FIFO.
 * Not modelled: parity/framing errors (the SiFive UART has neither),
 * the receiver's 16x oversampling and its stop-bit count (rx frames are 10 bits), and
 * dropping bytes on receive-FIFO overflow (input is held back instead). */
#include <string.h>

#include "peripherals/sifive_common.h"
#include "peripherals/sifive_prci.h"
#include "peripherals/uart_wave.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/machine.h"

enum {
    UART_TXDATA = 0x00,
    UART_RXDATA = 0x04,
    UART_TXCTRL = 0x08,
    UART_RXCTRL = 0x0c,
    UART_IE = 0x10,
    UART_IP = 0x14,
    UART_DIV = 0x18,
};

#define UART_FIFO 8
#define TXDATA_FULL (1u << 31)
#define RXDATA_EMPTY (1u << 31)
#define CTRL_EN 1u
#define TXCTRL_NSTOP 2u
#define CTRL_CNT(v) (((v) >> 16) & 7)
#define TXCTRL_MASK (CTRL_EN | TXCTRL_NSTOP | (7u << 16))
#define RXCTRL_MASK (CTRL_EN | (7u << 16))
#define IP_TXWM 1u
#define IP_RXWM 2u
/* Reset value of div: 0x21e here.  Not confirmed against the manual's register table in
 * this model's sources; firmware always programs div before use. */
#define DIV_RESET 0x21eu

struct sifive_uart {
    struct device dev;
    /* properties */
    struct chardev *chr;
    struct irq_out irq;
    struct irq_out tx;
    char *clock;
    uint64_t fixed_hz;
    /* clock */
    struct sim_clock_listener clk_user;
    uint64_t hz;
    /* registers */
    uint32_t txctrl, rxctrl, ie, div;
    bool line_set_by_guest;
    uint8_t txq[UART_FIFO], rxq[UART_FIFO];
    unsigned tx_head, tx_count, rx_head, rx_count;
    /* line state */
    bool tx_busy, rx_busy;
    uint8_t tx_shift, rx_shift;
    struct sim_event tx_ev, rx_ev;
    struct signal rx_line;             /* the rx pin, as the back end's bytes arrive on it */
    struct uart_wave tx_wave, rx_wave; /* the pins' frames, while something listens */
    uint64_t tx_bytes, rx_bytes;
    uint8_t tx_last; /* the last byte written to txdata: what the debugger sees there */
};

static const struct dev_prop uart_props[] = {
    DEV_PROP(struct sifive_uart, chr, PROP_CHARDEV, "chardev", NULL,
             "character back end for the serial line"),
    DEV_PROP(struct sifive_uart, irq, PROP_LINK, "irq", NULL,
             "interrupt output (txwm | rxwm, masked by ie), e.g. plic.3"),
    DEV_PROP(struct sifive_uart, tx, PROP_LINK, "tx", NULL,
             "the tx pin (its IOF0 pad, e.g. gpio0.49): idle high, then each frame's bits"),
    DEV_PROP(struct sifive_uart, clock, PROP_STRING, "clock", "",
             "id of the sifive-prci whose hfclk drives the baud generator"),
    DEV_PROP(struct sifive_uart, fixed_hz, PROP_FREQ, "clk-freq", "16MHz",
             "bus clock when no clock device is given"),
    { 0 },
};

static struct sim *uart_sim(struct sifive_uart *u) { return &u->dev.m->sim; }

/* Duration of a frame of `bits` bit times at the current divisor and bus clock. */
static sim_time_t uart_frame_time(struct sifive_uart *u, unsigned bits)
{
    struct sim_clock c;
    sim_clock_init(&c, u->hz ? u->hz : 1);
    return sim_clock_to_time(&c, (uint64_t)bits * ((u->div & 0xffff) + 1));
}

/* The line as the guest set it (baud = f_in / (div + 1), 8 data bits, no parity, nstop)
 * for a back end with a host line.  Nothing is applied before the firmware writes div or
 * txctrl: the reset divisor is no setting. */
static void uart_line(struct sifive_uart *u)
{
    if (!u->chr || !u->line_set_by_guest)
        return;
    struct chardev_line l = {
        .baud = (uint32_t)(u->hz / ((u->div & 0xffff) + 1)),
        .data_bits = 8,
        .parity = 'N',
        .stop_bits = (u->txctrl & TXCTRL_NSTOP) ? 2 : 1,
    };
    chardev_set_line(u->chr, &l);
}

static uint32_t uart_ip(const struct sifive_uart *u)
{
    uint32_t ip = 0;
    if (u->tx_count < CTRL_CNT(u->txctrl))
        ip |= IP_TXWM;
    if (u->rx_count > CTRL_CNT(u->rxctrl))
        ip |= IP_RXWM;
    return ip;
}

static void uart_update_irq(struct sifive_uart *u)
{
    signal_set(&u->irq.sig, (uart_ip(u) & u->ie) != 0);
}

/* A frame on a pin: 8 data bits, no parity, nstop stop bits, a bit every div + 1 cycles. */
static struct uart_frame uart_wave_frame(const struct sifive_uart *u, uint8_t byte, unsigned nstop)
{
    return uart_frame_of(byte, 8, 'N', 2 * nstop, u->hz ? u->hz : 1, (u->div & 0xffff) + 1);
}

/* Move the next byte from the FIFO to the shift register when the line is free. */
static void uart_tx_start(struct sifive_uart *u)
{
    if (u->tx_busy || !u->tx_count || !(u->txctrl & CTRL_EN))
        return;
    u->tx_shift = u->txq[u->tx_head];
    u->tx_head = (u->tx_head + 1) % UART_FIFO;
    u->tx_count--;
    u->tx_busy = true;
    unsigned bits = 1 + 8 + ((u->txctrl & TXCTRL_NSTOP) ? 2 : 1);
    sim_schedule_in(uart_sim(u), &u->tx_ev, uart_frame_time(u, bits));
    if (uart_wave_on(&u->tx_wave)) {
        struct uart_frame f = uart_wave_frame(u, u->tx_shift, bits - 9);
        uart_wave_send(&u->tx_wave, &f);
    }
    uart_update_irq(u);
}

/* A byte's last stop bit has left: it reaches the back end. */
static void uart_tx_deliver(struct sifive_uart *u, uint8_t byte)
{
    u->tx_bytes++;
    if (u->chr)
        chardev_write(u->chr, &byte, 1);
}

static void uart_tx_done(struct sim_event *ev)
{
    struct sifive_uart *u = container_of(ev, struct sifive_uart, tx_ev);
    u->tx_busy = false;
    uart_tx_deliver(u, u->tx_shift);
    uart_tx_start(u);
}

static bool uart_rx_room(const struct sifive_uart *u)
{
    return (u->rxctrl & CTRL_EN) && !u->rx_busy && u->rx_count < UART_FIFO;
}

static size_t uart_can_read(void *opaque)
{
    return uart_rx_room(opaque) ? 1 : 0;
}

static void uart_chr_read(void *opaque, const uint8_t *buf, size_t n)
{
    struct sifive_uart *u = opaque;
    if (!n || !uart_rx_room(u))
        return;
    u->rx_shift = buf[0];
    u->rx_busy = true;
    sim_schedule_in(uart_sim(u), &u->rx_ev, uart_frame_time(u, 10));
    if (uart_wave_on(&u->rx_wave)) {
        struct uart_frame f = uart_wave_frame(u, buf[0], 1);
        uart_wave_send(&u->rx_wave, &f);
    }
}

static void uart_rx_done(struct sim_event *ev)
{
    struct sifive_uart *u = container_of(ev, struct sifive_uart, rx_ev);
    u->rx_busy = false;
    u->rx_bytes++;
    if (u->rx_count < UART_FIFO) {
        u->rxq[(u->rx_head + u->rx_count) % UART_FIFO] = u->rx_shift;
        u->rx_count++;
    }
    uart_update_irq(u);
    if (u->chr && uart_rx_room(u))
        chardev_accept_input(u->chr);
}

static uint32_t uart_reg(struct sifive_uart *u, uint32_t reg, bool consume)
{
    switch (reg) {
    case UART_TXDATA:
        return u->tx_count == UART_FIFO ? TXDATA_FULL : 0;
    case UART_RXDATA: {
        if (!u->rx_count)
            return RXDATA_EMPTY;
        uint32_t v = u->rxq[u->rx_head];
        if (consume) {
            u->rx_head = (u->rx_head + 1) % UART_FIFO;
            u->rx_count--;
            uart_update_irq(u);
            if (u->chr && uart_rx_room(u))
                chardev_accept_input(u->chr);
        }
        return v;
    }
    case UART_TXCTRL:
        return u->txctrl;
    case UART_RXCTRL:
        return u->rxctrl;
    case UART_IE:
        return u->ie;
    case UART_IP:
        return uart_ip(u);
    case UART_DIV:
        return u->div;
    }
    return 0;
}

static int uart_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct sifive_uart *u = (struct sifive_uart *)d;
    *val = sifive_reg_extract(uart_reg(u, off & ~3u, true), off, size);
    return BUS_OK;
}

/* The debugger's read: rxdata is not popped, and txdata's write-only data field shows the
 * last byte written, so that a watchpoint on txdata sees each new byte. */
static int uart_peek(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct sifive_uart *u = (struct sifive_uart *)d;
    uint32_t reg = off & ~3u, v = uart_reg(u, reg, false);
    if (reg == UART_TXDATA)
        v |= u->tx_last;
    *val = sifive_reg_extract(v, off, size);
    return BUS_OK;
}

static int uart_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct sifive_uart *u = (struct sifive_uart *)d;
    uint32_t reg = off & ~3u;
    if (reg == UART_TXDATA) {
        if ((off & 3) == 0)
            u->tx_last = (uint8_t)val;
        /* Any write that covers the data byte enqueues it; a full FIFO drops it (18.4). */
        if ((off & 3) == 0 && u->tx_count < UART_FIFO) {
            u->txq[(u->tx_head + u->tx_count) % UART_FIFO] = (uint8_t)val;
            u->tx_count++;
            uart_update_irq(u);
            uart_tx_start(u);
        }
        return BUS_OK;
    }
    uint32_t v = sifive_reg_merge(uart_reg(u, reg, false), off, size, val);
    switch (reg) {
    case UART_TXCTRL:
        u->txctrl = v & TXCTRL_MASK;
        u->line_set_by_guest = true;
        uart_line(u);
        uart_tx_start(u);
        break;
    case UART_RXCTRL:
        u->rxctrl = v & RXCTRL_MASK;
        if (u->chr && uart_rx_room(u))
            chardev_accept_input(u->chr);
        break;
    case UART_IE:
        u->ie = v & (IP_TXWM | IP_RXWM);
        break;
    case UART_DIV:
        u->div = v & 0xffff;
        u->line_set_by_guest = true;
        uart_line(u);
        break;
    default:
        return BUS_OK; /* rxdata, ip and reserved words are read-only */
    }
    uart_update_irq(u);
    return BUS_OK;
}

static void uart_clk_changed(struct sim_clock_listener *cu, uint64_t hz)
{
    struct sifive_uart *u = container_of(cu, struct sifive_uart, clk_user);
    u->hz = hz;
    uart_line(u);
}

static int uart_realize(struct device *d)
{
    struct sifive_uart *u = (struct sifive_uart *)d;
    sim_event_init(&u->tx_ev, uart_tx_done, "sifive-uart tx");
    sim_event_init(&u->rx_ev, uart_rx_done, "sifive-uart rx");
    signal_init(&u->rx_line, "rx");
    uart_wave_init(&u->tx_wave, &u->tx.sig, d->m);
    uart_wave_init(&u->rx_wave, &u->rx_line, d->m);
    u->hz = u->fixed_hz;
    struct chardev_frontend fe = { .can_read = uart_can_read, .read = uart_chr_read,
                                   .opaque = u };
    return u->chr ? dev_attach_chardev(d, u->chr, &fe) : 0;
}

static void uart_finalize(struct device *d)
{
    struct sifive_uart *u = (struct sifive_uart *)d;
    struct sim_clock_domain *clk = sifive_clock_lookup(d, u->clock);
    if (clk) {
        u->clk_user.changed = uart_clk_changed;
        u->hz = sim_clock_domain_listen(clk, &u->clk_user);
    }
}

static void uart_reset(struct device *d)
{
    struct sifive_uart *u = (struct sifive_uart *)d;
    struct sim *s = uart_sim(u);
    sim_cancel(s, &u->tx_ev);
    sim_cancel(s, &u->rx_ev);
    u->txctrl = u->rxctrl = u->ie = 0;
    u->div = DIV_RESET;
    u->line_set_by_guest = false;
    u->tx_head = u->tx_count = u->rx_head = u->rx_count = 0;
    u->tx_last = 0;
    u->tx_busy = u->rx_busy = false;
    uart_wave_reset(&u->tx_wave); /* the pins idle high */
    uart_wave_reset(&u->rx_wave);
    uart_update_irq(u);
}

/* The machine stops: the byte in the shift register and, while the transmitter is enabled,
 * the FIFO's bytes would all have reached the line had the run gone on, so the back end gets
 * them now, in order (the firmware's last printf before exit is not cut short).  Bytes queued
 * while txen is 0 stay: the chip would never send them.  The tx pin does not replay them. */
static void uart_flush(struct device *d)
{
    struct sifive_uart *u = (struct sifive_uart *)d;
    struct sim *s = uart_sim(u);
    sim_cancel(s, &u->tx_ev);
    sim_cancel(s, &u->tx_wave.ev);
    if (u->tx_busy)
        uart_tx_deliver(u, u->tx_shift);
    u->tx_busy = false;
    for (; u->tx_count && (u->txctrl & CTRL_EN); u->tx_count--) {
        uart_tx_deliver(u, u->txq[u->tx_head]);
        u->tx_head = (u->tx_head + 1) % UART_FIFO;
    }
}

/* "rx": the rx pin (the tx pin is the tx property's signal). */
static struct signal *uart_signal(struct device *d, unsigned i, char *name, size_t n)
{
    struct sifive_uart *u = (struct sifive_uart *)d;
    if (i > 0)
        return NULL;
    snprintf(name, n, "rx");
    return &u->rx_line;
}

static void uart_free(struct device *d)
{
    signal_free(&((struct sifive_uart *)d)->rx_line);
}

static void uart_info(struct device *d, FILE *f, int indent)
{
    struct sifive_uart *u = (struct sifive_uart *)d;
    fprintf(f, "%*sdiv %u at %llu Hz, %llu bytes sent, %llu received\n", indent, "", u->div,
            (unsigned long long)u->hz, (unsigned long long)u->tx_bytes,
            (unsigned long long)u->rx_bytes);
}

static const struct dev_type sifive_uart_type = {
    .name = "sifive-uart",
    .desc = "SiFive UART: 8-entry FIFOs, watermark interrupts, timed baud generator",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct sifive_uart),
    .props = uart_props,
    .mmio_size = 0x1000,
    .realize = uart_realize,
    .reset = uart_reset,
    .finalize = uart_finalize,
    .read = uart_read,
    .write = uart_write,
    .info = uart_info,
    .flush = uart_flush,
    .signal = uart_signal,
    .free = uart_free,
    .peek = uart_peek,
};
DEV_TYPE(sifive_uart_type)
