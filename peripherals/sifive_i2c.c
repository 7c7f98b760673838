/* sifive-i2c: the FE310-G002 I2C0 master at 0x10016000, the OpenCores I2C master core.
 *
 * Reference: SiFive FE310-G002 Manual v19p05, chapter "Inter-Integrated Circuit (I²C)
 * Master Interface" (the OpenCores core, registers 4 bytes apart), and the OpenCores "I2C
 * Master Core" specification (Rev. 0.9): PRERlo/PRERhi, CTR (EN, IEN), TXR/RXR, CR (STA, STO,
 * RD, WR, ACK, IACK) and SR (RxACK, Busy, AL, TIP, IF).
 *
 * SCL runs at f_in / (5 * (prescale + 1)).  A byte (8 data bits and the acknowledge bit) takes
 * 9 SCL periods, a START and a STOP one period each.  The byte is exchanged with the slave
 * when its time is up, so the slave sees the bus events in simulated time; TIP reads as set
 * until then, IF is set when a byte completes.  This is the only master on the bus, so
 * arbitration is never lost.  After a START the first byte written is the address: the slave
 * at that 7-bit address is started (i2c_start) and acknowledges; nobody there reads as NACK. */
#include <string.h>

#include "sim/error.h"
#include "sim/sim.h"
#include "soc/bus.h"
#include "soc/device.h"
#include "soc/machine.h"

enum {
    I2C_PRERLO = 0x00,
    I2C_PRERHI = 0x04,
    I2C_CTR = 0x08,
    I2C_TXRXR = 0x0c, /* write: TXR, read: RXR */
    I2C_CRSR = 0x10,  /* write: CR, read: SR */
};

#define CTR_EN 0x80u
#define CTR_IEN 0x40u

#define CR_STA 0x80u
#define CR_STO 0x40u
#define CR_RD 0x20u
#define CR_WR 0x10u
#define CR_ACK 0x08u  /* as receiver: 0 = send ACK, 1 = send NACK */
#define CR_IACK 0x01u

#define SR_RXACK 0x80u /* 1: no acknowledge received */
#define SR_BUSY 0x40u
#define SR_AL 0x20u
#define SR_TIP 0x02u
#define SR_IF 0x01u

struct sifive_i2c {
    struct device dev;

    uint64_t freq;
    char *clock;
    struct irq_out irq;

    struct sim_clock_domain *clk; /* the linked input clock, NULL: freq */
    struct bus *i2c;

    uint16_t prer;
    uint8_t ctr, txr, rxr, sr;

    /* The command in flight (CR bits) and the slave addressed by the last START */
    uint8_t cmd;
    bool in_flight;
    bool addr_phase;   /* the next written byte is an address */
    struct device *slave;
    sim_time_t done_at;
    struct sim_event ev;
};

static sim_time_t i2c_now(struct sifive_i2c *s) { return sim_now(&s->dev.m->sim); }

/* Time of `n` SCL periods: 5 * (prescale + 1) input clock cycles each. */
static sim_time_t i2c_scl_time(struct sifive_i2c *s, uint64_t n)
{
    struct sim_clock c;
    sim_clock_init(&c, s->clk ? s->clk->clk.hz : s->freq);
    return sim_clock_to_time(&c, n * 5 * ((uint64_t)s->prer + 1));
}

static void i2c_update_irq(struct sifive_i2c *s)
{
    signal_set(&s->irq.sig, (s->ctr & CTR_IEN) && (s->sr & SR_IF));
}

static void i2c_stop_slave(struct sifive_i2c *s)
{
    if (s->slave && s->slave->type->i2c_stop)
        s->slave->type->i2c_stop(s->slave);
    s->slave = NULL;
}

/* The command's time is up: do its bus events in order START, byte, STOP. */
static void i2c_complete(struct sifive_i2c *s)
{
    uint8_t cmd = s->cmd;
    s->in_flight = false;
    s->sr &= (uint8_t)~SR_TIP;

    if (cmd & CR_STA) {
        s->sr |= SR_BUSY;
        s->addr_phase = true;
    }
    if (cmd & CR_WR) {
        bool ack = false;
        if (s->addr_phase) {
            /* A repeated START to another address leaves the previous slave. */
            struct device *sl = NULL;
            uint32_t a = s->txr >> 1;
            if (s->i2c && a < s->i2c->nslots)
                sl = s->i2c->slots[a];
            if (s->slave && s->slave != sl)
                i2c_stop_slave(s);
            s->slave = NULL;
            if (sl && sl->type->i2c_start && sl->type->i2c_start(sl, s->txr & 1)) {
                s->slave = sl;
                ack = true;
            }
            s->addr_phase = false;
        } else if (s->slave && s->slave->type->i2c_write) {
            ack = s->slave->type->i2c_write(s->slave, s->txr);
        }
        s->sr = (uint8_t)((s->sr & ~SR_RXACK) | (ack ? 0 : SR_RXACK));
        s->sr |= SR_IF;
    } else if (cmd & CR_RD) {
        bool ack = !(cmd & CR_ACK);
        s->rxr = 0xff; /* nobody driving SDA reads as ones */
        if (s->slave && s->slave->type->i2c_read)
            s->rxr = s->slave->type->i2c_read(s->slave, ack);
        s->sr |= SR_IF;
    }
    if (cmd & CR_STO) {
        i2c_stop_slave(s);
        s->sr &= (uint8_t)~SR_BUSY;
        s->addr_phase = false;
    }
    i2c_update_irq(s);
}

static void i2c_advance(struct sifive_i2c *s, sim_time_t now)
{
    if (s->in_flight && s->done_at <= now)
        i2c_complete(s);
}

static void i2c_event(struct sim_event *ev)
{
    struct sifive_i2c *s = container_of(ev, struct sifive_i2c, ev);
    i2c_advance(s, i2c_now(s));
}

static void i2c_command(struct sifive_i2c *s, uint8_t cr)
{
    if (cr & CR_IACK) {
        s->sr &= (uint8_t)~SR_IF;
        i2c_update_irq(s);
    }
    cr &= CR_STA | CR_STO | CR_RD | CR_WR | CR_ACK;
    if (!(s->ctr & CTR_EN) || s->in_flight || !(cr & (CR_STA | CR_STO | CR_RD | CR_WR)))
        return;
    uint64_t periods = 0;
    if (cr & CR_STA)
        periods += 1;
    if (cr & (CR_RD | CR_WR))
        periods += 9;
    if (cr & CR_STO)
        periods += 1;
    s->cmd = cr;
    s->in_flight = true;
    if (cr & (CR_RD | CR_WR))
        s->sr |= SR_TIP;
    if (cr & CR_STA)
        s->sr |= SR_BUSY;
    s->done_at = i2c_now(s) + i2c_scl_time(s, periods);
    sim_schedule(&s->dev.m->sim, &s->ev, s->done_at);
}

static int i2c_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct sifive_i2c *s = (struct sifive_i2c *)d;
    uint32_t v;
    i2c_advance(s, i2c_now(s));
    switch (off & ~3u) {
    case I2C_PRERLO: v = s->prer & 0xff; break;
    case I2C_PRERHI: v = s->prer >> 8; break;
    case I2C_CTR: v = s->ctr; break;
    case I2C_TXRXR: v = s->rxr; break;
    case I2C_CRSR: v = s->sr; break;
    default: v = 0; break;
    }
    v >>= (off & 3) * 8;
    *val = size == 4 ? v : v & ((1u << (size * 8)) - 1);
    return BUS_OK;
}

static int i2c_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct sifive_i2c *s = (struct sifive_i2c *)d;
    (void)size;
    i2c_advance(s, i2c_now(s));
    val <<= (off & 3) * 8;
    switch (off & ~3u) {
    case I2C_PRERLO:
        /* The prescaler is written only while the core is disabled (OpenCores spec 3.2.1). */
        if (!(s->ctr & CTR_EN))
            s->prer = (uint16_t)((s->prer & 0xff00) | (val & 0xff));
        break;
    case I2C_PRERHI:
        if (!(s->ctr & CTR_EN))
            s->prer = (uint16_t)((s->prer & 0x00ff) | (val & 0xff) << 8);
        break;
    case I2C_CTR:
        s->ctr = val & (CTR_EN | CTR_IEN);
        i2c_update_irq(s);
        break;
    case I2C_TXRXR: s->txr = (uint8_t)val; break;
    case I2C_CRSR: i2c_command(s, (uint8_t)val); break;
    default: break;
    }
    return BUS_OK;
}

static void i2c_reset(struct device *d)
{
    struct sifive_i2c *s = (struct sifive_i2c *)d;
    if (sim_event_pending(&s->ev))
        sim_cancel(&d->m->sim, &s->ev);
    s->slave = NULL;
    s->prer = 0xffff;
    s->ctr = 0;
    s->txr = 0;
    s->rxr = 0;
    s->sr = 0;
    s->cmd = 0;
    s->in_flight = false;
    s->addr_phase = false;
    i2c_update_irq(s);
}

static int i2c_realize(struct device *d)
{
    struct sifive_i2c *s = (struct sifive_i2c *)d;

    if (dev_input_clock(d, s->clock, s->freq, &s->clk) < 0)
        return -1;
    s->i2c = dev_child_bus(d, 0, BUS_I2C);
    if (!s->i2c)
        return -1;
    sim_event_init(&s->ev, i2c_event, "sifive-i2c");
    s->ev.index = -1;
    i2c_reset(d);
    return 0;
}

static void i2c_info(struct device *d, FILE *f, int indent)
{
    struct sifive_i2c *s = (struct sifive_i2c *)d;
    fprintf(f, "%*sprescale %u, ctr 0x%02x, sr 0x%02x\n", indent, "", s->prer, s->ctr, s->sr);
}

#define P(field, type, name, def, help) DEV_PROP(struct sifive_i2c, field, type, name, def, help)
static const struct dev_prop sifive_i2c_props[] = {
    P(freq, PROP_FREQ, "clock-frequency", "16MHz",
      "input clock (tlclk) when no clock is linked"),
    P(clock, PROP_STRING, "clock", NULL,
      "id of the CPU or clock generator whose clock is the input (tlclk = core clock on FE310)"),
    P(irq, PROP_LINK, "irq", NULL, "interrupt output (SR.IF while CTR.IEN), e.g. plic.52"),
    {0},
};
#undef P

static const char *const sifive_i2c_creates[] = {"i2c", NULL};

static const struct dev_type sifive_i2c_type = {
    .name = "sifive-i2c",
    .desc = "SiFive FE310 I2C master (OpenCores I2C register interface)",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct sifive_i2c),
    .props = sifive_i2c_props,
    .creates = sifive_i2c_creates,
    .mmio_size = 0x1000,
    .realize = i2c_realize,
    .reset = i2c_reset,
    .read = i2c_read,
    .write = i2c_write,
    .info = i2c_info,
    .peek = i2c_read, /* reads only bring a transfer that ended by now to its end */
};
DEV_TYPE(sifive_i2c_type)
