/* Board-level pin helpers: things outside the chip that drive or watch GPIO pads.
 *
 *   gpio-stim  drives its output signal to given levels at given simulated times
 *              (link it to a pad: out=gpio0.5), so a test can make an edge happen at an
 *              exact time without a Lua scenario.
 *   gpio-led   watches a sifive-gpio pad and reports each change of an LED's state with
 *              its simulated time (the HiFive1 Rev B RGB LED: pads 22/19/21, active low). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peripherals/sifive_common.h"
#include "peripherals/sifive_gpio.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/machine.h"

/* ---- gpio-stim ---- */

#define STIM_MAX_STEPS 64

struct gpio_stim {
    struct device dev;
    struct irq_out out;
    char *pattern;
    bool initial;
    sim_time_t at[STIM_MAX_STEPS];
    bool level[STIM_MAX_STEPS];
    unsigned nsteps, next;
    struct sim_event ev;
};

static const struct dev_prop stim_props[] = {
    DEV_PROP(struct gpio_stim, out, PROP_LINK, "out", NULL,
             "the signal driven, e.g. gpio0.5 (pad 5 of gpio0)"),
    DEV_PROP(struct gpio_stim, pattern, PROP_STRING, "pattern", "",
             "TIME:LEVEL steps in increasing time, separated by ';' or '/': 1ms:1/1500us:0"),
    DEV_PROP(struct gpio_stim, initial, PROP_BOOL, "initial", "off",
             "level driven from reset until the first step"),
    { 0 },
};

static int stim_parse(struct gpio_stim *s)
{
    char *copy = strdup(s->pattern ? s->pattern : "");
    if (!copy)
        return sim_err("%s: out of memory", SIFIVE_DEV_NAME(&s->dev));
    int rc = 0;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ";/ ", &save); tok; tok = strtok_r(NULL, ";/ ", &save)) {
        char *colon = strrchr(tok, ':');
        if (!colon || (strcmp(colon + 1, "0") && strcmp(colon + 1, "1"))) {
            rc = sim_err("%s: pattern step '%s' is not TIME:0 or TIME:1", SIFIVE_DEV_NAME(&s->dev), tok);
            break;
        }
        *colon = 0;
        sim_time_t t;
        if (sim_parse_time(tok, &t)) {
            rc = sim_err("%s: pattern step time '%s' is not a time (e.g. 10us)", SIFIVE_DEV_NAME(&s->dev),
                         tok);
            break;
        }
        if (s->nsteps == STIM_MAX_STEPS) {
            rc = sim_err("%s: pattern has more than %d steps", SIFIVE_DEV_NAME(&s->dev), STIM_MAX_STEPS);
            break;
        }
        if (s->nsteps && t < s->at[s->nsteps - 1]) {
            rc = sim_err("%s: pattern times must not decrease ('%s')", SIFIVE_DEV_NAME(&s->dev), tok);
            break;
        }
        s->at[s->nsteps] = t;
        s->level[s->nsteps] = colon[1] == '1';
        s->nsteps++;
    }
    free(copy);
    return rc;
}

static void stim_arm(struct gpio_stim *s)
{
    if (s->next < s->nsteps)
        sim_schedule(&s->dev.m->sim, &s->ev, s->at[s->next]);
}

static void stim_fire(struct sim_event *ev)
{
    struct gpio_stim *s = container_of(ev, struct gpio_stim, ev);
    signal_set(&s->out.sig, s->level[s->next]);
    s->next++;
    stim_arm(s);
}

static int stim_realize(struct device *d)
{
    struct gpio_stim *s = (struct gpio_stim *)d;
    sim_event_init(&s->ev, stim_fire, "gpio-stim");
    return stim_parse(s);
}

static void stim_reset(struct device *d)
{
    struct gpio_stim *s = (struct gpio_stim *)d;
    struct sim *sim = &d->m->sim;
    sim_cancel(sim, &s->ev);
    /* The stimulus is the outside world: a SoC reset does not rewind it. */
    sim_time_t now = sim_now(sim);
    if (now == 0) {
        s->next = 0;
        signal_set(&s->out.sig, s->initial);
    }
    while (s->next < s->nsteps && s->at[s->next] < now)
        s->next++;
    stim_arm(s);
}

static const struct dev_state stim_state[] = {
    DEV_STATE(struct gpio_stim, next),
    {0},
};

static const struct dev_type gpio_stim_type = {
    .name = "gpio-stim",
    .desc = "drives a signal (a GPIO pad) to given levels at given simulated times",
    .bus = BUS_NONE,
    .size = sizeof(struct gpio_stim),
    .props = stim_props,
    .realize = stim_realize,
    .reset = stim_reset,
    .state = stim_state,
};
DEV_TYPE(gpio_stim_type)

/* ---- gpio-led ---- */

struct gpio_led {
    struct device dev;
    char *gpio;
    uint64_t pin;
    bool active_low;
    char *label;
    struct chardev *chr;
    struct signal *pad;
    bool on;
    uint64_t changes;
};

static const struct dev_prop led_props[] = {
    DEV_PROP(struct gpio_led, gpio, PROP_STRING, "gpio", "gpio0", "id of the sifive-gpio"),
    { .name = "pin", .type = PROP_INT, .offset = offsetof(struct gpio_led, pin), .def = "0",
      .help = "pad number", .max = SIFIVE_GPIO_PINS - 1 },
    DEV_PROP(struct gpio_led, active_low, PROP_BOOL, "active-low", "on",
             "the LED lights when the pad is low (as on the HiFive1 Rev B)"),
    DEV_PROP(struct gpio_led, label, PROP_STRING, "label", "led", "name printed"),
    DEV_PROP(struct gpio_led, chr, PROP_CHARDEV, "chardev", NULL,
             "where changes are reported (default: stderr)"),
    { 0 },
};

static void led_changed(void *opaque, int n, bool level)
{
    struct gpio_led *l = opaque;
    (void)n;
    bool on = level != l->active_low;
    if (on == l->on)
        return;
    l->on = on;
    if (sim_now(&l->dev.m->sim) == 0)
        return; /* settling at power-on reset: the starting state, not a change */
    l->changes++;
    char t[48], line[128];
    sim_format_time(t, sizeof t, sim_now(&l->dev.m->sim));
    int len = snprintf(line, sizeof line, "%s: %s at %s\n", l->label, on ? "on" : "off", t);
    if (l->chr)
        chardev_write(l->chr, (const uint8_t *)line, (size_t)len);
    else
        sim_note("%s", line); /* on stderr, between the console's lines */
}

static void led_finalize(struct device *d)
{
    struct gpio_led *l = (struct gpio_led *)d;
    struct device *g = machine_find_device(d->m, l->gpio);
    if (!sifive_gpio_is(g)) {
        sim_warn("%s: gpio '%s' is not a sifive-gpio; the LED stays dark", SIFIVE_DEV_NAME(d),
                 l->gpio);
        return;
    }
    l->pad = sifive_gpio_pin(g, (unsigned)l->pin);
    l->on = l->pad->level != l->active_low;
    signal_listen(l->pad, led_changed, l, 0);
}

static void led_info(struct device *d, FILE *f, int indent)
{
    struct gpio_led *l = (struct gpio_led *)d;
    fprintf(f, "%*s%s is %s, %llu changes\n", indent, "", l->label, l->on ? "on" : "off",
            (unsigned long long)l->changes);
}

static const struct dev_state led_state[] = {
    DEV_STATE_RANGE(struct gpio_led, on, changes),
    {0},
};

static const struct dev_type gpio_led_type = {
    .name = "gpio-led",
    .desc = "an LED on a GPIO pad: reports each on/off change with its simulated time",
    .bus = BUS_NONE,
    .size = sizeof(struct gpio_led),
    .props = led_props,
    .finalize = led_finalize,
    .info = led_info,
    .state = led_state,
};
DEV_TYPE(gpio_led_type)
