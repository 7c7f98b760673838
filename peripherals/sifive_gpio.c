/* SiFive GPIO (FE310-G002 manual, 17 "General Purpose Input/Output Controller").
 *
 * 32 pads.  A pad's level comes from, in order: its IOF function when iof_en is set and
 * that function is an output (a peripheral linked to the IOF input: its level through
 * out_xor), the output register when output_en is set (output_val ^ out_xor), a driver
 * outside the chip (sifive_gpio_drive or a linked signal), else a pull-up (the pad's pue,
 * or a pull-up on the board: the pull-ups property) or 0 when floating.  input_val shows
 * the pad when input_en is set.  Edges and levels of input_val set the rise/fall/high/low
 * pending bits (write 1 to clear; high/low re-assert at once while the level holds), and
 * each pad has its own interrupt line (PLIC sources 8..39 on the FE310).
 *
 * Not modelled: the two-flop input synchronizer delay, drive strength (ds is stored),
 * passthru_high/low_ie, and electrical contention (an enabled output wins over an outside
 * driver). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peripherals/sifive_common.h"
#include "peripherals/sifive_gpio.h"
#include "sim/error.h"
#include "soc/machine.h"

enum {
    GPIO_INPUT_VAL = 0x00,
    GPIO_INPUT_EN = 0x04,
    GPIO_OUTPUT_EN = 0x08,
    GPIO_OUTPUT_VAL = 0x0c,
    GPIO_PUE = 0x10,
    GPIO_DS = 0x14,
    GPIO_RISE_IE = 0x18,
    GPIO_RISE_IP = 0x1c,
    GPIO_FALL_IE = 0x20,
    GPIO_FALL_IP = 0x24,
    GPIO_HIGH_IE = 0x28,
    GPIO_HIGH_IP = 0x2c,
    GPIO_LOW_IE = 0x30,
    GPIO_LOW_IP = 0x34,
    GPIO_IOF_EN = 0x38,
    GPIO_IOF_SEL = 0x3c,
    GPIO_OUT_XOR = 0x40,
};

struct sifive_gpio {
    struct device dev;
    struct irq_out irq[SIFIVE_GPIO_PINS];
    uint64_t board_pullups;           /* pads pulled up outside the chip */
    uint32_t input_en, output_en, output_val, pue, ds, iof_en, iof_sel, out_xor;
    uint32_t rise_ie, rise_ip, fall_ie, fall_ip, high_ie, high_ip, low_ie, low_ip;
    uint32_t ext_driven, ext_level;   /* outside drivers */
    uint32_t iof0_level, iof1_level;  /* peripheral outputs routed by iof_sel */
    uint32_t iof0_out, iof1_out;      /* pads whose IOF0/IOF1 function is an output */
    uint32_t pad;                     /* current pad levels */
    uint32_t in_val;                  /* input_val */
    struct signal pin[SIFIVE_GPIO_PINS];
    char pin_names[SIFIVE_GPIO_PINS][48];
};

#define GPIO_IRQ_PROP(n)                                                                 \
    DEV_PROP(struct sifive_gpio, irq[n], PROP_LINK, "irq" #n, NULL,                      \
             "interrupt output of pad " #n " (plic." #n "+8 on the FE310)")

static const struct dev_prop gpio_props[] = {
    GPIO_IRQ_PROP(0), GPIO_IRQ_PROP(1), GPIO_IRQ_PROP(2), GPIO_IRQ_PROP(3),
    GPIO_IRQ_PROP(4), GPIO_IRQ_PROP(5), GPIO_IRQ_PROP(6), GPIO_IRQ_PROP(7),
    GPIO_IRQ_PROP(8), GPIO_IRQ_PROP(9), GPIO_IRQ_PROP(10), GPIO_IRQ_PROP(11),
    GPIO_IRQ_PROP(12), GPIO_IRQ_PROP(13), GPIO_IRQ_PROP(14), GPIO_IRQ_PROP(15),
    GPIO_IRQ_PROP(16), GPIO_IRQ_PROP(17), GPIO_IRQ_PROP(18), GPIO_IRQ_PROP(19),
    GPIO_IRQ_PROP(20), GPIO_IRQ_PROP(21), GPIO_IRQ_PROP(22), GPIO_IRQ_PROP(23),
    GPIO_IRQ_PROP(24), GPIO_IRQ_PROP(25), GPIO_IRQ_PROP(26), GPIO_IRQ_PROP(27),
    GPIO_IRQ_PROP(28), GPIO_IRQ_PROP(29), GPIO_IRQ_PROP(30), GPIO_IRQ_PROP(31),
    { .name = "pull-ups", .type = PROP_INT, .offset = offsetof(struct sifive_gpio, board_pullups),
      .def = "0", .help = "mask of pads pulled up on the board (read 1 when nothing drives them)",
      .max = 0xffffffffu },
    { 0 },
};

/* Pad levels from the current configuration and the outside world. */
static uint32_t gpio_compute_pad(const struct sifive_gpio *g)
{
    uint32_t iof = (g->iof0_level & ~g->iof_sel) | (g->iof1_level & g->iof_sel);
    uint32_t out = ((g->output_val & ~g->iof_en) | (iof & g->iof_en)) ^ g->out_xor;
    uint32_t iof_out = (g->iof0_out & ~g->iof_sel) | (g->iof1_out & g->iof_sel);
    uint32_t drive_out = (g->output_en & ~g->iof_en) | (g->iof_en & iof_out);
    uint32_t pulled = g->pue | (uint32_t)g->board_pullups;
    uint32_t outside = (g->ext_level & g->ext_driven) | (pulled & ~g->ext_driven);
    return (out & drive_out) | (outside & ~drive_out);
}

static void gpio_update_irqs(struct sifive_gpio *g)
{
    uint32_t line = (g->rise_ip & g->rise_ie) | (g->fall_ip & g->fall_ie) |
                    (g->high_ip & g->high_ie) | (g->low_ip & g->low_ie);
    for (unsigned i = 0; i < SIFIVE_GPIO_PINS; i++)
        signal_set(&g->irq[i].sig, (line >> i) & 1);
}

/* Recompute pads and input_val; set pending bits from input_val's edges and levels. */
static void gpio_update(struct sifive_gpio *g)
{
    uint32_t pad = gpio_compute_pad(g);
    uint32_t changed = pad ^ g->pad;
    g->pad = pad;
    uint32_t in = pad & g->input_en;
    g->rise_ip |= in & ~g->in_val;
    g->fall_ip |= ~in & g->in_val;
    g->in_val = in;
    /* high/low pendings follow the level (17.6: they stay set while the level holds). */
    g->high_ip |= in;
    g->low_ip |= ~in & g->input_en;
    for (unsigned i = 0; changed; i++, changed >>= 1)
        if (changed & 1)
            signal_set(&g->pin[i], (pad >> i) & 1);
    gpio_update_irqs(g);
}

static uint32_t *gpio_reg_ptr(struct sifive_gpio *g, uint32_t reg)
{
    switch (reg) {
    case GPIO_INPUT_EN: return &g->input_en;
    case GPIO_OUTPUT_EN: return &g->output_en;
    case GPIO_OUTPUT_VAL: return &g->output_val;
    case GPIO_PUE: return &g->pue;
    case GPIO_DS: return &g->ds;
    case GPIO_RISE_IE: return &g->rise_ie;
    case GPIO_RISE_IP: return &g->rise_ip;
    case GPIO_FALL_IE: return &g->fall_ie;
    case GPIO_FALL_IP: return &g->fall_ip;
    case GPIO_HIGH_IE: return &g->high_ie;
    case GPIO_HIGH_IP: return &g->high_ip;
    case GPIO_LOW_IE: return &g->low_ie;
    case GPIO_LOW_IP: return &g->low_ip;
    case GPIO_IOF_EN: return &g->iof_en;
    case GPIO_IOF_SEL: return &g->iof_sel;
    case GPIO_OUT_XOR: return &g->out_xor;
    }
    return NULL;
}

static int gpio_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct sifive_gpio *g = (struct sifive_gpio *)d;
    uint32_t reg = off & ~3u, v = 0;
    if (reg == GPIO_INPUT_VAL) {
        v = g->in_val;
    } else {
        uint32_t *p = gpio_reg_ptr(g, reg);
        v = p ? *p : 0;
    }
    *val = sifive_reg_extract(v, off, size);
    return BUS_OK;
}

static int gpio_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct sifive_gpio *g = (struct sifive_gpio *)d;
    uint32_t reg = off & ~3u;
    uint32_t *p = gpio_reg_ptr(g, reg);
    if (!p)
        return BUS_OK; /* input_val and reserved words are read-only */
    switch (reg) {
    case GPIO_RISE_IP:
    case GPIO_FALL_IP:
    case GPIO_HIGH_IP:
    case GPIO_LOW_IP:
        /* Write 1 to clear (17.6); only the written byte lanes count. */
        *p &= ~((val << (8 * (off & 3))) & sifive_reg_lanes(off, size));
        break;
    default:
        *p = sifive_reg_merge(*p, off, size, val);
        break;
    }
    gpio_update(g);
    return BUS_OK;
}

static void gpio_set_input(struct device *d, int n, bool level)
{
    struct sifive_gpio *g = (struct sifive_gpio *)d;
    if (n < 0 || n >= 3 * SIFIVE_GPIO_PINS)
        return;
    uint32_t bit = 1u << (n % SIFIVE_GPIO_PINS);
    if (n < SIFIVE_GPIO_IN_IOF0) {
        g->ext_driven |= bit;
        g->ext_level = level ? g->ext_level | bit : g->ext_level & ~bit;
    } else if (n < SIFIVE_GPIO_IN_IOF1) {
        g->iof0_out |= bit;
        g->iof0_level = level ? g->iof0_level | bit : g->iof0_level & ~bit;
    } else {
        g->iof1_out |= bit;
        g->iof1_level = level ? g->iof1_level | bit : g->iof1_level & ~bit;
    }
    gpio_update(g);
}

/* The pads' listeners (LEDs, Lua watches) go with the device. */
static void gpio_free(struct device *d)
{
    struct sifive_gpio *g = (struct sifive_gpio *)d;
    for (unsigned i = 0; i < SIFIVE_GPIO_PINS; i++)
        signal_free(&g->pin[i]);
}

/* "pinN": pad N's level, the signal sifive_gpio_pin() gives (Lua: watch("gpio0.pin19"),
 * --vcd's "gpio0.pin19"). */
static struct signal *gpio_signal(struct device *d, unsigned i, char *name, size_t n)
{
    struct sifive_gpio *g = (struct sifive_gpio *)d;
    if (i >= SIFIVE_GPIO_PINS)
        return NULL;
    snprintf(name, n, "pin%u", i);
    return &g->pin[i];
}

static int gpio_input_count(struct device *d)
{
    (void)d;
    return 3 * SIFIVE_GPIO_PINS;
}

static int gpio_realize(struct device *d)
{
    struct sifive_gpio *g = (struct sifive_gpio *)d;
    for (unsigned i = 0; i < SIFIVE_GPIO_PINS; i++) {
        snprintf(g->pin_names[i], sizeof g->pin_names[i], "%s.pin%u", SIFIVE_DEV_NAME(d),
                 i);
        signal_init(&g->pin[i], g->pin_names[i]);
    }
    return 0;
}

static void gpio_reset(struct device *d)
{
    struct sifive_gpio *g = (struct sifive_gpio *)d;
    /* Every register resets to 0 (17.3); outside drivers and peripheral outputs stay. */
    g->input_en = g->output_en = g->output_val = g->pue = g->ds = 0;
    g->iof_en = g->iof_sel = g->out_xor = 0;
    g->rise_ie = g->rise_ip = g->fall_ie = g->fall_ip = 0;
    g->high_ie = g->high_ip = g->low_ie = g->low_ip = 0;
    g->in_val = 0;
    gpio_update(g);
}

static void gpio_info(struct device *d, FILE *f, int indent)
{
    struct sifive_gpio *g = (struct sifive_gpio *)d;
    fprintf(f, "%*spads 0x%08x output_en 0x%08x iof_en 0x%08x\n", indent, "", g->pad,
            g->output_en, g->iof_en);
}

static const struct dev_type sifive_gpio_type = {
    .name = "sifive-gpio",
    .desc = "SiFive GPIO: 32 pads with edge/level interrupts, IOF muxing and out_xor",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct sifive_gpio),
    .props = gpio_props,
    .mmio_size = 0x1000,
    .realize = gpio_realize,
    .reset = gpio_reset,
    .read = gpio_read,
    .write = gpio_write,
    .set_input = gpio_set_input,
    .input_count = gpio_input_count,
    .signal = gpio_signal,
    .free = gpio_free,
    .info = gpio_info,
    .peek = gpio_read, /* reads have no side effects */
};
DEV_TYPE(sifive_gpio_type)

bool sifive_gpio_is(const struct device *d) { return d && d->type == &sifive_gpio_type; }

void sifive_gpio_drive(struct device *gpio, unsigned pin, int level)
{
    struct sifive_gpio *g = (struct sifive_gpio *)gpio;
    if (pin >= SIFIVE_GPIO_PINS)
        return;
    if (level < 0) {
        g->ext_driven &= ~(1u << pin);
        gpio_update(g);
        return;
    }
    gpio_set_input(gpio, (int)pin, level != 0);
}

struct signal *sifive_gpio_pin(struct device *gpio, unsigned pin)
{
    struct sifive_gpio *g = (struct sifive_gpio *)gpio;
    return pin < SIFIVE_GPIO_PINS ? &g->pin[pin] : NULL;
}
