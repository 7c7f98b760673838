/* sifive-spi: the SiFive SPI controller of the FE310-G002 (QSPI0 at 0x10014000 with the
 * memory-mapped flash interface, SPI1 at 0x10024000, SPI2 at 0x10034000).
 *
 * Reference: SiFive FE310-G002 Manual v19p05, chapter "Serial Peripheral Interface (SPI)":
 * register map (sckdiv .. ip), 8-entry transmit and receive FIFOs, chip-select modes
 * AUTO/HOLD/OFF, the watermark interrupts and the SPI flash interface (fctrl, ffmt).
 *
 * Programmed I/O is modelled frame by frame in simulated time: a frame of fmt.len bits
 * takes ceil(len / lanes) SCK periods, an SCK period is 2 * (sckdiv + 1) cycles of the input
 * clock (f_sck = f_in / (2 * (sckdiv + 1))), plus the delay0/delay1 gaps around chip-select
 * edges, also counted in SCK periods.  A slave sees chip select at the start of a frame and
 * the byte exchange (spi_transfer) at its end.  State is brought up to date lazily on every
 * register access and by one event at the end of the frame in flight.
 *
 * The flash interface (QSPI0) maps the flash at chip select 0 into the system bus at
 * xip-base as read-only host memory, so code runs from it on the CPU's fast path.  The window
 * is as large as the flash (not aliased through the whole xip-size) and answers whether
 * fctrl.en is set or not; ffmt is kept for software but does not change what a read
 * returns: every read command a flash understands returns the same bytes.
 *
 * The lines, for the waveform viewers (--vcd) and Lua watches: "cs0".."csN" (num-cs of them)
 * as the slaves see them, and "sck", "mosi", "miso" for each frame of programmed I/O at
 * its SCK edges (sckmode's polarity and phase, sckdiv, the delays).  The byte is exchanged
 * with the slaves at the frame's end, so the frame is drawn then, at its past times
 * (signal_set_past), with the trace outputs held back from its start (trace_hold); a frame
 * is drawn when something listens to one of the three as it starts.  Dual and quad frames
 * show SCK only; the flash interface's reads (XIP) are not drawn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peripherals/sifive_spi.h"
#include "peripherals/sifive_xip.h"
#include "sim/error.h"
#include "sim/sim.h"
#include "soc/bus.h"
#include "soc/device.h"
#include "soc/machine.h"
#include "soc/trace.h"

#define SPI_FIFO_DEPTH 8

/* Register offsets (manual table "Register offsets within the SPI memory map"). */
enum {
    SPI_SCKDIV = 0x00,
    SPI_SCKMODE = 0x04,
    SPI_CSID = 0x10,
    SPI_CSDEF = 0x14,
    SPI_CSMODE = 0x18,
    SPI_DELAY0 = 0x28,
    SPI_DELAY1 = 0x2c,
    SPI_FMT = 0x40,
    SPI_TXDATA = 0x48,
    SPI_RXDATA = 0x4c,
    SPI_TXMARK = 0x50,
    SPI_RXMARK = 0x54,
    SPI_FCTRL = 0x60,
    SPI_FFMT = 0x64,
    SPI_IE = 0x70,
    SPI_IP = 0x74,
};

enum { CSMODE_AUTO = 0, CSMODE_HOLD = 2, CSMODE_OFF = 3 };

#define FMT_PROTO(f) ((f) & 3u)        /* 0 single, 1 dual, 2 quad */
#define FMT_ENDIAN_LSB(f) (((f) >> 2) & 1u)
#define FMT_DIR_TX(f) (((f) >> 3) & 1u) /* 1: the receive FIFO is not written */
#define FMT_LEN(f) (((f) >> 16) & 0xfu)
#define FMT_MASK 0x000f000fu

#define TXDATA_FULL (1u << 31)
#define RXDATA_EMPTY (1u << 31)
#define IP_TXWM 1u
#define IP_RXWM 2u

struct sifive_spi {
    struct device dev;

    /* Properties */
    uint64_t freq;      /* input clock when no clock is linked */
    char *clock;        /* id of the device whose clock is the input clock (tlclk on FE310) */
    uint64_t num_cs;
    uint32_t csid_mask;
    uint64_t xip_base, xip_size, xip_wait;
    bool xip_timing; /* I-cache fills from the window take the SPI read's time */
    struct irq_out irq;

    struct sim_clock_domain *clk; /* the linked input clock, NULL: freq */
    struct bus *spi;
    char *xip_name;
    bool xip_mapped;

    /* Registers */
    uint32_t sckdiv, sckmode, csid, csdef, csmode, delay0, delay1, fmt;
    uint32_t txmark, rxmark, fctrl, ffmt, ie;

    uint8_t txf[SPI_FIFO_DEPTH], rxf[SPI_FIFO_DEPTH];
    uint8_t txlast; /* the last byte written to txdata: what the debugger sees there */
    unsigned txh, txn, rxh, rxn;

    /* Chip select: the hardware asserts line sel_cs while cs_active (AUTO, HOLD).  A line
     * sits at its csdef value when not asserted and at the opposite when asserted; slaves
     * are active low, so a slave is selected while its line is low.  `selected` has one bit
     * per line, as last told to the slaves. */
    bool cs_active;
    uint32_t sel_cs;
    uint32_t selected;
    bool cs_release; /* csdef changed during a frame: deassert when it ends */

    /* The frame in flight */
    bool shifting;
    uint8_t frame_data;
    sim_time_t frame_end;
    sim_time_t bits_from, bits_to; /* the frame's bits: its first SCK period to its last's end */
    sim_time_t free_at; /* earliest start of the next frame */
    struct sim_event ev;

    /* The lines; the frame in flight is drawn at its end when `drawing`. */
    struct signal sck, mosi, miso, cs[32];
    bool drawing;
    struct {
        sim_time_t at;   /* the frame's start */
        uint64_t hz;     /* the input clock */
        uint32_t first;  /* input cycles from `at` to the first bit */
        uint32_t period; /* input cycles per SCK period */
        uint8_t nsck, mode;
        bool single; /* one lane: MOSI and MISO are drawn */
    } wave;
};

static const struct dev_type sifive_spi_type;

static sim_time_t spi_now(struct sifive_spi *s) { return sim_now(&s->dev.m->sim); }

static uint64_t spi_in_hz(struct sifive_spi *s)
{
    return s->clk ? s->clk->clk.hz : s->freq;
}

/* Time taken by `n` SCK periods at the current divisor and input clock. */
static sim_time_t spi_sck_time(struct sifive_spi *s, uint64_t n)
{
    struct sim_clock c;
    sim_clock_init(&c, spi_in_hz(s));
    return sim_clock_to_time(&c, n * 2 * ((uint64_t)s->sckdiv + 1));
}

static struct device *spi_slave(struct bus *b, uint32_t cs)
{
    if (!b || cs >= b->nslots)
        return NULL;
    return b->slots[cs];
}

static bool spi_has_flash_if(const struct sifive_spi *s) { return s->xip_size != 0; }

static void spi_update_irq(struct sifive_spi *s)
{
    uint32_t ip = 0;
    if (s->txn < s->txmark)
        ip |= IP_TXWM;
    if (s->rxn > s->rxmark)
        ip |= IP_RXWM;
    signal_set(&s->irq.sig, (ip & s->ie) != 0);
}

/* Tell the slaves whose line changed level. */
static void spi_cs_update(struct sifive_spi *s)
{
    uint32_t low = ~s->csdef & (uint32_t)((1ull << s->num_cs) - 1);
    if (s->cs_active && s->sel_cs < s->num_cs)
        low ^= 1u << s->sel_cs;
    uint32_t changed = low ^ s->selected;
    s->selected = low;
    for (uint32_t cs = 0; cs < s->num_cs; cs++)
        signal_set(&s->cs[cs], !((low >> cs) & 1));
    for (uint32_t cs = 0; changed; cs++, changed >>= 1) {
        struct device *sl = (changed & 1) ? spi_slave(s->spi, cs) : NULL;
        if (sl && sl->type->spi_select)
            sl->type->spi_select(sl, (low >> cs) & 1);
    }
}

static void spi_cs_deassert(struct sifive_spi *s)
{
    if (!s->cs_active)
        return;
    s->cs_active = false;
    s->cs_release = false;
    spi_cs_update(s);
}

static void spi_cs_assert(struct sifive_spi *s)
{
    s->cs_active = true;
    s->sel_cs = s->csid;
    spi_cs_update(s);
}

/* The byte exchange with every selected slave; MISO of several reads as their AND, of none
 * as ones (pulled up). */
static uint8_t spi_exchange(struct sifive_spi *s, uint8_t out)
{
    uint8_t in = 0xff;
    uint32_t sel = s->selected;
    for (uint32_t cs = 0; sel; cs++, sel >>= 1) {
        struct device *sl = (sel & 1) ? spi_slave(s->spi, cs) : NULL;
        if (sl && sl->type->spi_transfer)
            in &= sl->type->spi_transfer(sl, out);
    }
    return in;
}

static uint8_t bitrev8(uint8_t b)
{
    b = (uint8_t)((b & 0xf0) >> 4 | (b & 0x0f) << 4);
    b = (uint8_t)((b & 0xcc) >> 2 | (b & 0x33) << 2);
    return (uint8_t)((b & 0xaa) >> 1 | (b & 0x55) << 1);
}

/* A frame may start when there is data, the FIFO interface is selected (fctrl.en clear on
 * a controller with the flash interface) and, when receiving, the receive FIFO has room. */
static bool spi_can_start(const struct sifive_spi *s)
{
    if (!s->txn)
        return false;
    if (spi_has_flash_if(s) && (s->fctrl & 1))
        return false;
    if (!FMT_DIR_TX(s->fmt) && s->rxn == SPI_FIFO_DEPTH)
        return false;
    return true;
}

static void spi_start_frame(struct sifive_spi *s, sim_time_t at)
{
    static const unsigned lanes[4] = {1, 2, 4, 1};
    unsigned len = FMT_LEN(s->fmt) > 8 ? 8 : FMT_LEN(s->fmt);
    unsigned l = lanes[FMT_PROTO(s->fmt)];
    uint64_t sck = (len + l - 1) / l;

    s->frame_data = s->txf[s->txh];
    s->txh = (s->txh + 1) % SPI_FIFO_DEPTH;
    s->txn--;

    if (s->cs_active && s->sel_cs != s->csid)
        spi_cs_deassert(s);
    uint64_t pre; /* SCK periods before the first bit */
    if (s->csmode == CSMODE_OFF) {
        pre = (s->delay1 >> 16) & 0xff; /* interxfr */
    } else if (!s->cs_active) {
        spi_cs_assert(s);
        pre = s->delay0 & 0xff; /* cssck: CS assertion to the first SCK edge */
    } else {
        pre = (s->delay1 >> 16) & 0xff; /* interxfr: back-to-back frames under one CS */
    }
    if (s->sck.listeners || s->mosi.listeners || s->miso.listeners) {
        uint32_t period = 2 * (s->sckdiv + 1);
        s->drawing = true;
        s->wave.at = at;
        s->wave.hz = spi_in_hz(s);
        s->wave.first = (uint32_t)pre * period;
        s->wave.period = period;
        s->wave.nsck = (uint8_t)sck;
        s->wave.mode = (uint8_t)(s->sckmode & 3);
        s->wave.single = l == 1;
        trace_hold(s->dev.m, s, at); /* the lines' levels are known at the frame's end */
    }
    s->bits_from = at + spi_sck_time(s, pre);
    s->bits_to = at + spi_sck_time(s, pre + sck);
    sck += pre;
    if (s->csmode == CSMODE_AUTO)
        sck += (s->delay0 >> 16) & 0xff; /* sckcs: last SCK edge to CS deassertion */

    s->shifting = true;
    s->frame_end = at + spi_sck_time(s, sck);
    sim_schedule(&s->dev.m->sim, &s->ev, s->frame_end);
}

/* The frame that ends now, on the lines, at its times: bit i's data from the start of its
 * SCK period, the leading SCK edge there (CPHA 1) or half a period later (CPHA 0), the
 * trailing edge half a period after it.  out and in as exchanged, first bit on top. */
static void spi_draw(struct sifive_spi *s, uint8_t out, uint8_t in)
{
    struct sim_clock c;
    sim_clock_init(&c, s->wave.hz);
    bool pol = s->wave.mode & 2, pha = s->wave.mode & 1;
    uint32_t half = s->wave.period / 2;
    for (unsigned i = 0; i < s->wave.nsck; i++) {
        uint64_t p = s->wave.first + (uint64_t)i * s->wave.period;
        sim_time_t t = s->wave.at + sim_clock_to_time(&c, p);
        if (s->wave.single) {
            signal_set_past(&s->mosi, (out >> (7 - i)) & 1, t);
            signal_set_past(&s->miso, (in >> (7 - i)) & 1, t);
        }
        uint64_t lead = pha ? p : p + half;
        signal_set_past(&s->sck, !pol, s->wave.at + sim_clock_to_time(&c, lead));
        signal_set_past(&s->sck, pol, s->wave.at + sim_clock_to_time(&c, lead + half));
    }
    s->drawing = false;
    trace_release(s->dev.m, s);
    signal_set(&s->sck, s->sckmode & 2); /* idles at the polarity sckmode has now */
}

static void spi_finish_frame(struct sifive_spi *s)
{
    unsigned len = FMT_LEN(s->fmt) > 8 ? 8 : FMT_LEN(s->fmt);
    uint8_t mask = (uint8_t)((1u << len) - 1);
    uint8_t out = s->frame_data, in;
    bool lsb = FMT_ENDIAN_LSB(s->fmt);

    /* Slaves exchange whole bytes, most significant bit first on the wire. */
    if (lsb)
        out = bitrev8(out);
    in = spi_exchange(s, out);
    if (s->drawing)
        spi_draw(s, out, in);
    if (lsb)
        in = bitrev8(in);
    if (unlikely(OUTPUT_HOOK(s->spi->spi_tap)))
        s->spi->spi_tap(s->spi->spi_tap_opaque, s->spi, s->cs_active ? s->sel_cs : s->csid,
                        s->bits_from, s->bits_to, s->frame_data & mask, in & mask);
    if (!FMT_DIR_TX(s->fmt) && s->rxn < SPI_FIFO_DEPTH) {
        s->rxf[(s->rxh + s->rxn) % SPI_FIFO_DEPTH] = in & mask;
        s->rxn++;
    }
    s->shifting = false;
    s->free_at = s->frame_end;

    if (s->csmode == CSMODE_AUTO && s->cs_active) {
        spi_cs_deassert(s);
        s->free_at += spi_sck_time(s, s->delay1 & 0xff); /* intercs: minimum CS high time */
    } else if (s->cs_active && (s->csmode != CSMODE_HOLD || s->csid != s->sel_cs ||
                                s->cs_release)) {
        spi_cs_deassert(s);
    }
}

/* Bring the controller up to time `now`: finish frames that ended, start queued ones. */
static void spi_advance(struct sifive_spi *s, sim_time_t now)
{
    for (;;) {
        if (s->shifting) {
            if (s->frame_end > now)
                break;
            spi_finish_frame(s);
        }
        if (!spi_can_start(s))
            break;
        if (s->free_at > now) {
            sim_schedule(&s->dev.m->sim, &s->ev, s->free_at);
            break;
        }
        spi_start_frame(s, s->free_at);
    }
    spi_update_irq(s);
}

/* Something that may let a frame start happened at `now`: a queued frame starts no earlier. */
static void spi_kick(struct sifive_spi *s, sim_time_t now)
{
    if (!s->shifting && s->free_at < now)
        s->free_at = now;
    spi_advance(s, now);
}

static void spi_event(struct sim_event *ev)
{
    struct sifive_spi *s = container_of(ev, struct sifive_spi, ev);
    spi_advance(s, spi_now(s));
}

/* A write to csmode, csid or csdef that changes it ends a HOLD: CS is deasserted now, or at
 * the end of the frame in flight. */
static void spi_cs_config_changed(struct sifive_spi *s, bool csdef)
{
    if (!s->cs_active)
        return;
    if (s->shifting) {
        if (csdef)
            s->cs_release = true;
        return;
    }
    if (csdef || s->csmode != CSMODE_HOLD || s->csid != s->sel_cs)
        spi_cs_deassert(s);
}

/* A register read.  The guest's read of rxdata pops the FIFO; the debugger's (`guest`
 * false) does not, and sees the last byte written in txdata's write-only data field, so
 * that a watchpoint on txdata sees each new byte. */
static uint32_t spi_reg_read(struct sifive_spi *s, uint32_t off, bool guest)
{
    uint32_t v;
    switch (off) {
    case SPI_SCKDIV: return s->sckdiv;
    case SPI_SCKMODE: return s->sckmode;
    case SPI_CSID: return s->csid;
    case SPI_CSDEF: return s->csdef;
    case SPI_CSMODE: return s->csmode;
    case SPI_DELAY0: return s->delay0;
    case SPI_DELAY1: return s->delay1;
    case SPI_FMT: return s->fmt;
    case SPI_TXDATA:
        return (s->txn == SPI_FIFO_DEPTH ? TXDATA_FULL : 0) | (guest ? 0 : s->txlast);
    case SPI_RXDATA:
        if (!s->rxn)
            return RXDATA_EMPTY;
        v = s->rxf[s->rxh];
        if (!guest)
            return v;
        s->rxh = (s->rxh + 1) % SPI_FIFO_DEPTH;
        s->rxn--;
        spi_kick(s, spi_now(s)); /* a frame waiting for room may start */
        return v;
    case SPI_TXMARK: return s->txmark;
    case SPI_RXMARK: return s->rxmark;
    case SPI_FCTRL: return spi_has_flash_if(s) ? s->fctrl : 0;
    case SPI_FFMT: return spi_has_flash_if(s) ? s->ffmt : 0;
    case SPI_IE: return s->ie;
    case SPI_IP:
        return (s->txn < s->txmark ? IP_TXWM : 0) | (s->rxn > s->rxmark ? IP_RXWM : 0);
    default: return 0;
    }
}

static void spi_reg_write(struct sifive_spi *s, uint32_t off, uint32_t val)
{
    sim_time_t now = spi_now(s);
    uint32_t cs_mask = (uint32_t)((1ull << s->num_cs) - 1);
    uint32_t old;

    switch (off) {
    case SPI_SCKDIV: s->sckdiv = val & 0xfff; break;
    case SPI_SCKMODE:
        s->sckmode = val & 3;
        if (!s->drawing)
            signal_set(&s->sck, s->sckmode & 2); /* SCK idles at CPOL */
        break;
    case SPI_CSID:
        /* The field is log2(num-cs) bits wide. */
        old = s->csid;
        s->csid = val & s->csid_mask;
        if (s->csid != old)
            spi_cs_config_changed(s, false);
        break;
    case SPI_CSDEF:
        old = s->csdef;
        s->csdef = val & cs_mask;
        if (s->csdef != old) {
            spi_cs_config_changed(s, true);
            spi_cs_update(s); /* idle lines follow csdef at once (csmode OFF: manual CS) */
        }
        break;
    case SPI_CSMODE:
        old = s->csmode;
        s->csmode = val & 3;
        if (s->csmode != old)
            spi_cs_config_changed(s, false);
        break;
    case SPI_DELAY0: s->delay0 = val & 0x00ff00ff; break;
    case SPI_DELAY1: s->delay1 = val & 0x00ff00ff; break;
    case SPI_FMT:
        s->fmt = val & FMT_MASK;
        spi_kick(s, now); /* dir may have changed whether a full receive FIFO blocks */
        break;
    case SPI_TXDATA:
        s->txlast = (uint8_t)val;
        /* Manual: a write while the FIFO is full is ignored. */
        if (s->txn < SPI_FIFO_DEPTH) {
            if (!s->shifting && !s->txn && s->free_at < now)
                s->free_at = now;
            s->txf[(s->txh + s->txn) % SPI_FIFO_DEPTH] = (uint8_t)val;
            s->txn++;
        }
        spi_advance(s, now);
        break;
    case SPI_TXMARK: s->txmark = val & 7; break;
    case SPI_RXMARK: s->rxmark = val & 7; break;
    case SPI_FCTRL:
        if (spi_has_flash_if(s)) {
            s->fctrl = val & 1;
            spi_kick(s, now);
        }
        break;
    case SPI_FFMT:
        if (spi_has_flash_if(s))
            s->ffmt = val & 0xffff3fffu;
        break;
    case SPI_IE: s->ie = val & 3; break;
    default: break;
    }
    spi_update_irq(s);
}

/* Both bring the controller to the present first (frames that ended by now), as the
 * kernel's event would: that is not a side effect of the read. */
static void spi_access_read(struct device *d, uint32_t off, unsigned size, uint32_t *val,
                            bool guest)
{
    struct sifive_spi *s = (struct sifive_spi *)d;
    spi_advance(s, spi_now(s));
    uint32_t v = spi_reg_read(s, off & ~3u, guest);
    v >>= (off & 3) * 8;
    *val = size == 4 ? v : v & ((1u << (size * 8)) - 1);
}

static int spi_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    spi_access_read(d, off, size, val, true);
    return BUS_OK;
}

static int spi_peek(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    spi_access_read(d, off, size, val, false);
    return BUS_OK;
}

static int spi_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct sifive_spi *s = (struct sifive_spi *)d;
    (void)size;
    spi_advance(s, spi_now(s));
    spi_reg_write(s, off & ~3u, val << ((off & 3) * 8));
    return BUS_OK;
}

static void spi_reset(struct device *d)
{
    struct sifive_spi *s = (struct sifive_spi *)d;
    spi_cs_deassert(s);
    if (sim_event_pending(&s->ev))
        sim_cancel(&d->m->sim, &s->ev);
    s->sckdiv = 3;
    s->sckmode = 0;
    s->csid = 0;
    s->csdef = (uint32_t)((1ull << s->num_cs) - 1);
    spi_cs_update(s);
    s->csmode = CSMODE_AUTO;
    s->delay0 = 0x00010001;
    s->delay1 = 0x00000001;
    s->fmt = 0x00080000; /* single, MSB first, rx, 8 bits */
    s->txmark = spi_has_flash_if(s) ? 1 : 0;
    s->rxmark = 0;
    s->fctrl = 1;          /* flash interface enabled: boot code runs from flash */
    s->ffmt = 0x00030007;  /* cmd_en, 3 address bytes, no dummy, command 0x03 (READ) */
    s->ie = 0;
    s->txh = s->txn = s->rxh = s->rxn = 0;
    s->txlast = 0;
    s->shifting = false;
    if (s->drawing)
        trace_release(d->m, s); /* the frame in flight is not drawn */
    s->drawing = false;
    signal_set(&s->sck, false);
    s->cs_release = false;
    s->free_at = 0;
    spi_update_irq(s);
}

static int spi_realize(struct device *d)
{
    struct sifive_spi *s = (struct sifive_spi *)d;

    if (s->num_cs < 1 || s->num_cs > 32)
        return sim_err("%s: num-cs %llu out of range 1..32", dev_label(d),
                       (unsigned long long)s->num_cs);
    while ((1ull << __builtin_popcount(s->csid_mask)) < s->num_cs)
        s->csid_mask = s->csid_mask << 1 | 1;
    if (s->xip_size && (s->xip_base > UINT32_MAX || s->xip_base + s->xip_size - 1 > UINT32_MAX))
        return sim_err("%s: XIP window 0x%llx+0x%llx does not fit in 32 bits",
                       dev_label(d), (unsigned long long)s->xip_base,
                       (unsigned long long)s->xip_size);
    if (s->xip_wait > 255)
        return sim_err("%s: xip-wait %llu is more than 255 cycles", dev_label(d),
                       (unsigned long long)s->xip_wait);
    if (dev_input_clock(d, s->clock, s->freq, &s->clk) < 0)
        return -1;
    s->spi = dev_child_bus(d, 0, BUS_SPI);
    if (!s->spi)
        return -1;
    s->spi->naddr = (uint32_t)s->num_cs; /* a device past num-cs could never be selected */
    signal_init(&s->sck, "sck");
    signal_init(&s->mosi, "mosi");
    signal_init(&s->miso, "miso");
    for (unsigned i = 0; i < s->num_cs; i++) {
        signal_init(&s->cs[i], "cs");
        s->cs[i].level = true; /* not selected */
    }
    sim_event_init(&s->ev, spi_event, "sifive-spi");
    s->ev.index = -1;
    spi_reset(d);
    return 0;
}

static void spi_free(struct device *d)
{
    struct sifive_spi *s = (struct sifive_spi *)d;
    free(s->xip_name);
    signal_free(&s->sck);
    signal_free(&s->mosi);
    signal_free(&s->miso);
    for (unsigned i = 0; i < s->num_cs; i++)
        signal_free(&s->cs[i]);
}

/* "sck", "mosi", "miso", then "cs0".."csN". */
static struct signal *spi_signal(struct device *d, unsigned i, char *name, size_t n)
{
    struct sifive_spi *s = (struct sifive_spi *)d;
    static const char *const lines[] = {"sck", "mosi", "miso"};
    if (i < 3) {
        snprintf(name, n, "%s", lines[i]);
        return i == 0 ? &s->sck : i == 1 ? &s->mosi : &s->miso;
    }
    if (i - 3 >= s->num_cs)
        return NULL;
    snprintf(name, n, "cs%u", i - 3);
    return &s->cs[i - 3];
}

static void spi_info(struct device *d, FILE *f, int indent)
{
    struct sifive_spi *s = (struct sifive_spi *)d;
    static const char *const modes[4] = {"auto", "?", "hold", "off"};
    fprintf(f, "%*scsmode %s, csid %u, sckdiv %u, tx fifo %u, rx fifo %u%s\n", indent, "",
            modes[s->csmode & 3], s->csid, s->sckdiv, s->txn, s->rxn,
            spi_has_flash_if(s) ? ((s->fctrl & 1) ? ", flash mode" : ", programmed I/O") : "");
}

/* An instruction-cache line fill from the XIP window: one flash read frame with the live
 * sckdiv, delay0 and ffmt (sifive_xip.h), in cycles of the reading master's clock. */
static uint64_t spi_xip_burst(const struct bus_region *r, uint32_t addr, uint32_t len,
                              uint64_t hz)
{
    struct sifive_spi *s = r->burst_ctx;
    (void)addr;
    uint64_t n = sifive_xip_read_cycles(s->sckdiv, s->delay0, s->ffmt, len);
    uint64_t in = spi_in_hz(s);
    if (!hz || hz == in)
        return n;
    return (uint64_t)(((unsigned __int128)n * hz + in - 1) / in);
}

int sifive_spi_line(struct device *ctrl, unsigned *mode, uint64_t *sck_hz)
{
    if (!ctrl || ctrl->type != &sifive_spi_type)
        return -1;
    struct sifive_spi *s = (struct sifive_spi *)ctrl;
    *mode = s->sckmode & 3;
    *sck_hz = spi_in_hz(s) / (2 * ((uint64_t)s->sckdiv + 1));
    return 0;
}

int sifive_spi_map_flash(struct device *ctrl, struct device *flash, unsigned cs, uint8_t *mem,
                         uint64_t size, uint32_t *base)
{
    if (!ctrl || ctrl->type != &sifive_spi_type)
        return 0;
    struct sifive_spi *s = (struct sifive_spi *)ctrl;
    /* The flash interface drives chip select 0 (QSPI0 has only that one). */
    if (!s->xip_size || cs != 0)
        return 0;
    if (s->xip_mapped)
        return sim_err("%s: its XIP window already holds a flash", dev_label(ctrl));
    uint64_t n = size < s->xip_size ? size : s->xip_size;
    char name[256];
    snprintf(name, sizeof name, "%s.xip", ctrl->id);
    s->xip_name = strdup(name);
    struct bus_region r = {
        .base = (uint32_t)s->xip_base,
        .size = (uint32_t)n,
        .host = mem,
        .readonly = true,
        .executable = true,
        .read_wait = (uint8_t)s->xip_wait,
        .write_wait = 0,
        .dev = flash,
        .name = s->xip_name,
        .burst_cycles = s->xip_timing ? spi_xip_burst : NULL,
        .burst_ctx = s,
    };
    if (bus_map(ctrl->m->sysbus, &r) < 0)
        return sim_err_prefix("%s", dev_label(ctrl));
    s->xip_mapped = true;
    *base = r.base;
    return 1;
}

#define P(field, type, name, def, help) DEV_PROP(struct sifive_spi, field, type, name, def, help)
static const struct dev_prop sifive_spi_props[] = {
    P(freq, PROP_FREQ, "clock-frequency", "16MHz",
      "input clock (tlclk) when no clock is linked"),
    P(clock, PROP_STRING, "clock", NULL,
      "id of the CPU or clock generator whose clock is the input (tlclk = core clock on FE310)"),
    P(num_cs, PROP_INT, "num-cs", "1", "number of chip selects (QSPI0 1, SPI1 4, SPI2 1)"),
    P(xip_base, PROP_INT, "xip-base", "0x20000000", "system-bus address of the flash window"),
    P(xip_size, PROP_SIZE, "xip-size", "0",
      "size of the flash window; 0 = no flash interface (SPI1, SPI2)"),
    P(xip_wait, PROP_INT, "xip-wait", "0", "wait states added to reads of the flash window"),
    P(xip_timing, PROP_BOOL, "xip-timing", "on",
      "instruction-cache fills from the window take the flash read's SPI time"),
    P(irq, PROP_LINK, "irq", NULL, "interrupt output (ip & ie), e.g. plic.5"),
    {0},
};
#undef P

static const char *const sifive_spi_creates[] = {"spi", NULL};

static const struct dev_state spi_state[] = {
    DEV_STATE_RANGE(struct sifive_spi, sckdiv, free_at),
    DEV_STATE_SIGNAL(struct sifive_spi, sck),
    DEV_STATE_SIGNAL(struct sifive_spi, mosi),
    DEV_STATE_SIGNAL(struct sifive_spi, miso),
    DEV_STATE_SIGNAL(struct sifive_spi, cs),
    DEV_STATE_RANGE(struct sifive_spi, drawing, wave),
    {0},
};

static const struct dev_type sifive_spi_type = {
    .name = "sifive-spi",
    .desc = "SiFive SPI controller (FE310 QSPI0/SPI1/SPI2) with the XIP flash interface",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct sifive_spi),
    .props = sifive_spi_props,
    .creates = sifive_spi_creates,
    .mmio_size = 0x1000,
    .realize = spi_realize,
    .reset = spi_reset,
    .free = spi_free,
    .read = spi_read,
    .write = spi_write,
    .info = spi_info,
    .peek = spi_peek,
    .state = spi_state,
    .signal = spi_signal,
};
DEV_TYPE(sifive_spi_type)
