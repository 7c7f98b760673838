/* A 16550A-compatible UART (as on QEMU virt): registers at reg-shift spacing, 16-byte
 * receive FIFO fed by a chardev back end, transmit written to the back end at once (THR
 * and the transmitter are empty again at once: the model takes no line time).
 * Receive flow control: the back end hands over only as many bytes as the FIFO has room
 * for, so nothing is dropped when the guest reads slowly.  The line settings (baud =
 * clock / (16 * divisor), LCR's word length, parity and stop bits) reach the back end
 * (a host serial line) when LCR is written with DLAB clear, as drivers do last.
 *
 * The tx and rx pins ("uart0.tx", "uart0.rx") are drawn for the waveform viewers (--vcd)
 * and Lua watches as the line would carry the bytes at the programmed baud and frame
 * (uart_wave.h): a byte written to THR leaves at once, or when the frame before it has
 * ended if the guest writes faster than the line carries them (up to 32 frames wait; later
 * ones are not drawn: the chip's 16-byte FIFO would have refused them); a byte from the
 * back end is drawn from the moment it enters the receive FIFO.  Nothing is drawn while
 * the divisor is 0. */
#include <stdio.h>
#include <string.h>

#include "peripherals/uart_wave.h"
#include "sim/backends/chardev.h"
#include "soc/device.h"
#include "soc/machine.h"

enum { RBR_THR = 0, IER = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

#define IER_RDA 0x01
#define IER_THRE 0x02
#define LCR_DLAB 0x80
#define LSR_DR 0x01
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define IIR_NONE 0x01
#define IIR_THRE 0x02
#define IIR_RDA 0x04
#define FIFO_SIZE 16

struct ns16550a {
    struct device dev;
    struct chardev *chr;
    uint64_t reg_shift;
    struct irq_out irq;
    uint64_t clk_hz;
    uint8_t ier, lcr, mcr, scr, fcr, dll, dlm;
    bool thre_pending; /* THR-empty interrupt not yet acknowledged */
    uint8_t thr;       /* the last byte written to THR: what the debugger sees there */
    uint8_t fifo[FIFO_SIZE];
    unsigned head, count;
    struct signal tx_line, rx_line;
    struct uart_wave tx_wave, rx_wave;
};

/* 16550 LCR: bits 1:0 word length 5..8, bit 2 two stop bits, bit 3 parity enable, bit 4
 * even, bit 5 stick (mark when odd, space when even). */
static const char lcr_parity[8] = {'N', 'O', 'N', 'E', 'N', 'M', 'N', 'S'};

/* A byte's frame on a pin, as LCR and the divisor set the line; false while the divisor is
 * 0 (no baud rate). */
static bool uart_frame(const struct ns16550a *s, uint8_t byte, struct uart_frame *f)
{
    unsigned div = (unsigned)s->dlm << 8 | s->dll, bits = 5 + (s->lcr & 3);
    if (!div)
        return false;
    /* LCR bit 2: 2 stop bits, 1.5 with 5-bit words */
    unsigned stop_half = (s->lcr & 4) ? (bits == 5 ? 3 : 4) : 2;
    char parity = lcr_parity[(s->lcr >> 3) & 7];
    *f = uart_frame_of(byte, bits, parity, stop_half, s->clk_hz, 16ull * div);
    return true;
}

static void uart_draw_frame(struct ns16550a *s, struct uart_wave *w, uint8_t byte)
{
    struct uart_frame f;
    if (uart_frame(s, byte, &f))
        uart_wave_send(w, &f);
}

/* A byte on a pin, when it is drawn: the test inline, as a byte costs nothing else then. */
static inline void uart_draw(struct ns16550a *s, struct uart_wave *w, uint8_t byte)
{
    if (uart_wave_on(w))
        uart_draw_frame(s, w, byte);
}

static void uart_update(struct ns16550a *s)
{
    bool rda = (s->ier & IER_RDA) && s->count;
    bool thre = (s->ier & IER_THRE) && s->thre_pending;
    signal_set(&s->irq.sig, rda || thre);
}

static size_t uart_can_read(void *opaque)
{
    struct ns16550a *s = opaque;
    return FIFO_SIZE - s->count;
}

static void uart_receive(void *opaque, const uint8_t *buf, size_t n)
{
    struct ns16550a *s = opaque;
    for (size_t i = 0; i < n && s->count < FIFO_SIZE; i++) {
        s->fifo[(s->head + s->count++) % FIFO_SIZE] = buf[i];
        uart_draw(s, &s->rx_wave, buf[i]);
    }
    uart_update(s);
}

/* A register read; `guest` applies the read's side effects (RBR pops the FIFO, IIR
 * acknowledges THR empty), the debugger's peek goes without them.  An empty RBR reads 0
 * for the guest; the debugger sees the last byte written to THR there instead, so that a
 * watchpoint on THR sees each new byte. */
static inline uint32_t uart_reg(struct ns16550a *s, uint32_t off, bool guest)
{
    uint32_t val;
    switch (off >> s->reg_shift) {
    case RBR_THR:
        if (s->lcr & LCR_DLAB) {
            val = s->dll;
        } else if (!s->count) {
            val = guest ? 0 : s->thr;
        } else {
            val = s->fifo[s->head];
            if (guest) {
                s->head = (s->head + 1) % FIFO_SIZE;
                s->count--;
                uart_update(s);
                if (s->chr)
                    chardev_accept_input(s->chr);
            }
        }
        break;
    case IER: val = s->lcr & LCR_DLAB ? s->dlm : s->ier; break;
    case IIR_FCR: {
        uint8_t fifo_bits = s->fcr & 1 ? 0xc0 : 0;
        if ((s->ier & IER_RDA) && s->count) {
            val = IIR_RDA | fifo_bits;
        } else if ((s->ier & IER_THRE) && s->thre_pending) {
            val = IIR_THRE | fifo_bits;
            if (guest) {
                s->thre_pending = false; /* reading IIR acknowledges THR empty */
                uart_update(s);
            }
        } else {
            val = IIR_NONE | fifo_bits;
        }
        break;
    }
    case LCR: val = s->lcr; break;
    case MCR: val = s->mcr; break;
    case LSR: val = LSR_THRE | LSR_TEMT | (s->count ? LSR_DR : 0); break;
    case MSR: val = 0xb0; break; /* CTS, DSR, DCD asserted */
    case SCR: val = s->scr; break;
    default: val = 0;
    }
    return val;
}

static int uart_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    (void)size;
    *val = uart_reg((struct ns16550a *)d, off, true);
    return 0;
}

static int uart_peek(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    (void)size;
    *val = uart_reg((struct ns16550a *)d, off, false);
    return 0;
}

/* The line settings for a back end with a host line (LCR: lcr_parity). */
static void uart_line(struct ns16550a *s)
{
    unsigned div = (unsigned)s->dlm << 8 | s->dll;
    if (!s->chr || !div)
        return;
    struct chardev_line l = {
        .baud = (uint32_t)(s->clk_hz / (16u * div)),
        .data_bits = (uint8_t)(5 + (s->lcr & 3)),
        .parity = lcr_parity[(s->lcr >> 3) & 7],
        .stop_bits = (s->lcr & 4) ? 2 : 1,
    };
    chardev_set_line(s->chr, &l);
}

static int uart_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct ns16550a *s = (struct ns16550a *)d;
    uint8_t v = (uint8_t)val;
    (void)size;
    switch (off >> s->reg_shift) {
    case RBR_THR:
        if (s->lcr & LCR_DLAB) {
            s->dll = v;
            break;
        }
        s->thr = v;
        if (s->chr)
            chardev_write(s->chr, &v, 1);
        uart_draw(s, &s->tx_wave, v);
        s->thre_pending = true; /* the byte left at once: THR is empty again */
        break;
    case IER:
        if (s->lcr & LCR_DLAB) {
            s->dlm = v;
            break;
        }
        if ((v & IER_THRE) && !(s->ier & IER_THRE))
            s->thre_pending = true;
        s->ier = v & 0x0f;
        break;
    case IIR_FCR:
        s->fcr = v;
        if (v & 2) {
            s->count = 0;
            if (s->chr)
                chardev_accept_input(s->chr);
        }
        break;
    case LCR:
        s->lcr = v;
        if (!(v & LCR_DLAB))
            uart_line(s);
        break;
    case MCR: s->mcr = v; break;
    case SCR: s->scr = v; break;
    }
    uart_update(s);
    return 0;
}

static int uart_realize(struct device *d)
{
    struct ns16550a *s = (struct ns16550a *)d;
    signal_init(&s->tx_line, "tx");
    signal_init(&s->rx_line, "rx");
    uart_wave_init(&s->tx_wave, &s->tx_line, d->m);
    uart_wave_init(&s->rx_wave, &s->rx_line, d->m);
    struct chardev_frontend fe = {uart_can_read, uart_receive, s};
    return s->chr ? dev_attach_chardev(d, s->chr, &fe) : 0;
}

/* The pins: "tx", "rx". */
static struct signal *uart_signal(struct device *d, unsigned i, char *name, size_t n)
{
    struct ns16550a *s = (struct ns16550a *)d;
    if (i > 1)
        return NULL;
    snprintf(name, n, "%s", i ? "rx" : "tx");
    return i ? &s->rx_line : &s->tx_line;
}

static void uart_free(struct device *d)
{
    struct ns16550a *s = (struct ns16550a *)d;
    signal_free(&s->tx_line);
    signal_free(&s->rx_line);
}

static void uart_reset(struct device *d)
{
    struct ns16550a *s = (struct ns16550a *)d;
    s->ier = s->mcr = s->scr = s->fcr = s->dll = s->dlm = 0;
    s->lcr = 0x03;
    s->thre_pending = false;
    s->thr = 0;
    s->head = s->count = 0;
    uart_wave_reset(&s->tx_wave); /* the pins idle high */
    uart_wave_reset(&s->rx_wave);
    uart_update(s);
}

static const struct dev_prop uart_props[] = {
    {.name = "chardev", .type = PROP_CHARDEV, .offset = offsetof(struct ns16550a, chr),
     .help = "back end (-chardev id)"},
    {.name = "reg-shift", .type = PROP_INT, .offset = offsetof(struct ns16550a, reg_shift),
     .def = "0", .help = "register spacing is 1 << reg-shift bytes", .max = 2},
    {.name = "irq", .type = PROP_LINK, .offset = offsetof(struct ns16550a, irq),
     .help = "interrupt output (e.g. plic.10)"},
    {.name = "clock-frequency", .type = PROP_FREQ, .offset = offsetof(struct ns16550a, clk_hz),
     .def = "3686400Hz", .help = "input clock: baud = clock / (16 * divisor)"},
    {0},
};

static const struct dev_type ns16550a_type = {
    .name = "ns16550a", .desc = "16550A-compatible UART", .bus = BUS_SYSTEM,
    .size = sizeof(struct ns16550a), .props = uart_props, .mmio_size = 0x100,
    .realize = uart_realize, .reset = uart_reset, .read = uart_read, .write = uart_write,
    .peek = uart_peek, .signal = uart_signal, .free = uart_free,
};
DEV_TYPE(ns16550a_type)
