/* i2c-temp: a TMP102-style I2C temperature sensor (LM75-compatible register layout).
 *
 * Reference: TI TMP102 data sheet, "Register Map": the pointer register selects one of
 * four 16-bit registers read and written most significant byte first: 0 temperature
 * (read-only, 12-bit two's complement, 0.0625 °C per LSB, left-justified; 13-bit with
 * config.EM), 1 configuration (reset 0x60A0), 2 T_LOW (reset 75 °C, 0x4B00) and 3 T_HIGH
 * (reset 80 °C, 0x5000).
 *
 * The measured temperature is the `temperature` property in milli-degrees Celsius, set at
 * creation or at any time later (Lua, i2c_temp_set()).  Reads return the value as of the read
 * (conversions are not spaced at the CR1:CR0 rate).  The AL bit follows comparator mode:
 * active once the temperature reaches T_HIGH, inactive once it falls below T_LOW, read with
 * the POL polarity; the fault queue, interrupt mode, shutdown and one-shot are not
 * modelled. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "peripherals/i2c_temp.h"
#include "sim/error.h"
#include "sim/sim.h"
#include "soc/device.h"

#define CFG_EM 0x0010u
#define CFG_AL 0x0020u
#define CFG_POL 0x0400u
#define CFG_WRITABLE 0x7f10u /* R1/R0 and AL read-only, OS reads 0 */

struct i2c_temp {
    struct device dev;

    char *temperature; /* property: milli-degrees Celsius, as text (may be negative) */
    int32_t last_mdeg; /* the last value that parsed */

    uint8_t ptr;
    uint16_t cfg, tlow, thigh;
    bool alert;

    bool reading;
    unsigned nwrite; /* bytes written in this transaction, pointer included */
    unsigned nread;
    uint8_t msb;
};

static const struct dev_type i2c_temp_type;

/* Milli-degrees Celsius, signed: the one number syntax behind an optional '-'. */
static int temp_parse(const char *s, int32_t *out)
{
    bool neg = *s == '-';
    uint64_t v;
    if (sim_parse_u64(s + neg, &v) || v > (neg ? 273150u : 1000000u))
        return -1;
    *out = neg ? -(int32_t)v : (int32_t)v;
    return 0;
}

static int32_t temp_mdeg(struct i2c_temp *t)
{
    int32_t v;
    if (t->temperature && temp_parse(t->temperature, &v) == 0)
        t->last_mdeg = v;
    return t->last_mdeg;
}

/* Floor of mdeg * 16 / 1000: the ADC's 0.0625 °C steps, clamped to the register's range. */
static int32_t temp_counts(int32_t mdeg, bool em)
{
    int64_t n = (int64_t)mdeg * 16;
    int64_t c = n >= 0 ? n / 1000 : -((-n + 999) / 1000);
    int64_t max = em ? 4095 : 2047;
    if (c > max)
        c = max;
    if (c < -max - 1)
        c = -max - 1;
    return (int32_t)c;
}

static uint16_t temp_reg(struct i2c_temp *t, unsigned r)
{
    int32_t mdeg = temp_mdeg(t);
    bool em = (t->cfg & CFG_EM) != 0;
    int32_t c = temp_counts(mdeg, em);
    /* Comparator mode against the thresholds (12-bit registers, compared in counts). */
    int32_t hi = (int16_t)t->thigh >> 4, lo = (int16_t)t->tlow >> 4;
    int32_t c12 = temp_counts(mdeg, false);
    if (c12 >= hi)
        t->alert = true;
    else if (c12 < lo)
        t->alert = false;

    switch (r & 3) {
    case 0:
        return em ? (uint16_t)((uint32_t)c << 3 | 1) : (uint16_t)((uint32_t)c << 4);
    case 1: {
        bool al = (t->cfg & CFG_POL) ? t->alert : !t->alert;
        return (uint16_t)((t->cfg & ~CFG_AL) | (al ? CFG_AL : 0));
    }
    case 2: return t->tlow;
    default: return t->thigh;
    }
}

static bool temp_start(struct device *d, bool read)
{
    struct i2c_temp *t = (struct i2c_temp *)d;
    t->reading = read;
    t->nwrite = 0;
    t->nread = 0;
    return true;
}

static bool temp_write(struct device *d, uint8_t b)
{
    struct i2c_temp *t = (struct i2c_temp *)d;
    if (t->reading)
        return false;
    unsigned i = t->nwrite++;
    if (i == 0) {
        t->ptr = b & 3;
        return true;
    }
    if (i % 2 == 1) {
        t->msb = b;
        return true;
    }
    uint16_t v = (uint16_t)(t->msb << 8 | b);
    switch (t->ptr) {
    case 1: t->cfg = (uint16_t)((t->cfg & ~CFG_WRITABLE) | (v & CFG_WRITABLE)); break;
    case 2: t->tlow = v & 0xfff0; break;
    case 3: t->thigh = v & 0xfff0; break;
    default: break; /* the temperature register is read-only */
    }
    return true;
}

static uint8_t temp_read(struct device *d, bool ack)
{
    struct i2c_temp *t = (struct i2c_temp *)d;
    (void)ack;
    uint16_t v = temp_reg(t, t->ptr);
    return (t->nread++ % 2 == 0) ? (uint8_t)(v >> 8) : (uint8_t)v;
}

static void temp_stop(struct device *d)
{
    struct i2c_temp *t = (struct i2c_temp *)d;
    t->reading = false;
    t->nwrite = 0;
    t->nread = 0;
}

static void temp_reset(struct device *d)
{
    struct i2c_temp *t = (struct i2c_temp *)d;
    t->ptr = 0;
    t->cfg = 0x60a0;
    t->tlow = 0x4b00;
    t->thigh = 0x5000;
    t->alert = false;
    temp_stop(d);
}

static int temp_realize(struct device *d)
{
    struct i2c_temp *t = (struct i2c_temp *)d;
    if (d->addr > 0x7f)
        return sim_err("%s: address 0x%llx is not a 7-bit address", dev_label(d),
                       (unsigned long long)d->addr);
    if (!t->temperature || temp_parse(t->temperature, &t->last_mdeg) < 0)
        return sim_err("%s: temperature '%s' is not a whole number of "
                       "milli-degrees Celsius", dev_label(d), t->temperature ? t->temperature : "");
    temp_reset(d);
    return 0;
}

int i2c_temp_set(struct device *d, int32_t millideg)
{
    char buf[32];
    if (!d || d->type != &i2c_temp_type)
        return sim_err("%s: not an i2c-temp device", d ? dev_label(d) : "(null)");
    snprintf(buf, sizeof buf, "%ld", (long)millideg);
    return dev_set_prop(d, "temperature", buf);
}

static void temp_info(struct device *d, FILE *f, int indent)
{
    struct i2c_temp *t = (struct i2c_temp *)d;
    fprintf(f, "%*s%ld milli-degC, pointer %u, config 0x%04x\n", indent, "", (long)temp_mdeg(t),
            t->ptr, t->cfg);
}

#define P(field, type, name, def, help) DEV_PROP(struct i2c_temp, field, type, name, def, help)
static const struct dev_prop i2c_temp_props[] = {
    P(temperature, PROP_STRING, "temperature", "25000",
      "measured temperature in milli-degrees Celsius (may be negative; settable at run time)"),
    {0},
};
#undef P

static const struct dev_state temp_state[] = {
    DEV_STATE_RANGE(struct i2c_temp, last_mdeg, msb),
    {0},
};

static const struct dev_type i2c_temp_type = {
    .name = "i2c-temp",
    .desc = "TMP102-style I2C temperature sensor (LM75 register layout)",
    .bus = BUS_I2C,
    .size = sizeof(struct i2c_temp),
    .props = i2c_temp_props,
    .realize = temp_realize,
    .reset = temp_reset,
    .info = temp_info,
    .i2c_start = temp_start,
    .i2c_write = temp_write,
    .i2c_read = temp_read,
    .i2c_stop = temp_stop,
    .state = temp_state,
};
DEV_TYPE(i2c_temp_type)
