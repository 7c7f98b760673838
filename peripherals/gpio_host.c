/* gpio-host: pads of a sifive-gpio joined to lines of a host GPIO chip (the Linux GPIO
 * character device, through libgpiod): a Raspberry Pi's header, a USB GPIO expander.
 *
 * lines=PAD:LINE[:out|:in] entries, separated by '/' or ';':
 *   out  (the default) the guest drives the host line: each change of the pad's level is
 *        set on the line at once;
 *   in   the host line drives the pad: the line is read every poll= of simulated time (so
 *        when the guest sees a change depends on the host, but when it looks does not).
 * Requested lines are released when the simulator exits. */
#include <errno.h>
#include <gpiod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peripherals/host_dev.h"
#include "peripherals/sifive_common.h"
#include "peripherals/sifive_gpio.h"
#include "sim/error.h"
#include "soc/machine.h"

#define GH_MAX 32

struct gh_map {
    unsigned pad, line;
    bool in;
    struct gpiod_line *l;
    int last; /* level last set or read, -1 unknown */
};

struct gpio_host {
    struct device dev;
    char *chip_path, *lines, *gpio_id;
    sim_time_t poll;

    struct gpiod_chip *chip;
    struct device *gpio;
    struct gh_map map[GH_MAX];
    unsigned n, nin;
    struct sim_event ev;
    uint64_t sets, changes, errors;
    bool warned;
};

static void gh_failed(struct gpio_host *g, const char *what, unsigned line)
{
    g->errors++;
    if (!g->warned) {
        g->warned = true;
        sim_warn("%s: %s line %u of '%s': %s", dev_label(&g->dev), what, line, g->chip_path,
                 strerror(errno));
    }
}

static int gh_parse(struct gpio_host *g)
{
    char *copy = strdup(g->lines ? g->lines : ""), *save = NULL;
    int rc = 0;
    if (!copy)
        return sim_err("%s: out of memory", dev_label(&g->dev));
    for (char *t = strtok_r(copy, "/;", &save); t; t = strtok_r(NULL, "/;", &save)) {
        unsigned pad, line;
        char dir[8] = "out";
        int k = sscanf(t, "%u:%u:%7s", &pad, &line, dir);
        if (k < 2 || (strcmp(dir, "out") && strcmp(dir, "in"))) {
            rc = sim_err("%s: lines entry '%s' is not PAD:LINE[:out|:in]", dev_label(&g->dev), t);
            break;
        }
        if (pad >= SIFIVE_GPIO_PINS) {
            rc = sim_err("%s: lines entry '%s': pad %u (0 to %u)", dev_label(&g->dev), t, pad,
                         SIFIVE_GPIO_PINS - 1);
            break;
        }
        for (unsigned i = 0; i < g->n && rc == 0; i++)
            if (g->map[i].pad == pad || g->map[i].line == line)
                rc = sim_err("%s: lines entry '%s': pad %u or line %u is mapped twice",
                             dev_label(&g->dev), t, pad, line);
        if (rc)
            break;
        if (g->n == GH_MAX) {
            rc = sim_err("%s: more than %d lines", dev_label(&g->dev), GH_MAX);
            break;
        }
        g->map[g->n++] = (struct gh_map){.pad = pad, .line = line, .in = dir[0] == 'i', .last = -1};
        g->nin += dir[0] == 'i';
    }
    free(copy);
    if (rc == 0 && g->n == 0)
        rc = sim_err("%s: needs lines=PAD:LINE[:out|:in]/... (e.g. lines=19:17:out/2:27:in)",
                     dev_label(&g->dev));
    return rc;
}

static int gh_realize(struct device *d)
{
    struct gpio_host *g = (struct gpio_host *)d;
    if (!g->chip_path || !*g->chip_path)
        return sim_err("%s: needs chip= (the host's GPIO chip, e.g. /dev/gpiochip0)", dev_label(d));
    if (gh_parse(g) < 0)
        return -1;
    errno = 0;
    g->chip = gpiod_chip_open(g->chip_path);
    if (!g->chip) {
        if (errno == ENOTTY || errno == ENODEV || errno == EINVAL)
            return sim_err("%s: '%s' is not a GPIO chip (a /dev/gpiochipN character "
                           "device): %s",
                           dev_label(d), g->chip_path, strerror(errno));
        host_dev_error(g->chip_path, errno, "no such chip: ls /dev/gpiochip*, gpiodetect",
                       "members of the device's group, often gpio, may open it");
        return sim_err_prefix("%s", dev_label(d));
    }
    unsigned nlines = gpiod_chip_num_lines(g->chip);
    for (unsigned i = 0; i < g->n; i++) {
        struct gh_map *m = &g->map[i];
        if (m->line >= nlines)
            return sim_err("%s: '%s' has no line %u (it has %u: 0 to %u)", dev_label(d),
                           g->chip_path, m->line, nlines, nlines ? nlines - 1 : 0);
        m->l = gpiod_chip_get_line(g->chip, m->line);
        int rc = !m->l   ? -1
                 : m->in ? gpiod_line_request_input(m->l, "socsim")
                         : gpiod_line_request_output(m->l, "socsim", 0);
        if (rc < 0) {
            const char *who = m->l ? gpiod_line_consumer(m->l) : NULL;
            return sim_err("%s: cannot take line %u of '%s': %s%s%s%s", dev_label(d), m->line,
                           g->chip_path, strerror(errno), who ? " (used by '" : "", who ? who : "",
                           who ? "')" : "");
        }
    }
    return 0;
}

static void gh_pad_changed(void *opaque, int n, bool level)
{
    struct gpio_host *g = opaque;
    struct gh_map *m = &g->map[n];
    if (m->last == (int)level)
        return;
    m->last = level;
    g->sets++;
    if (gpiod_line_set_value(m->l, level) < 0)
        gh_failed(g, "setting", m->line);
}

static void gh_sample(struct gpio_host *g)
{
    for (unsigned i = 0; i < g->n; i++) {
        struct gh_map *m = &g->map[i];
        if (!m->in)
            continue;
        int v = gpiod_line_get_value(m->l);
        if (v < 0) {
            gh_failed(g, "reading", m->line);
            continue;
        }
        if (v != m->last) {
            m->last = v;
            g->changes++;
            sifive_gpio_drive(g->gpio, m->pad, v);
        }
    }
}

static void gh_poll(struct sim_event *ev)
{
    struct gpio_host *g = container_of(ev, struct gpio_host, ev);
    gh_sample(g);
    sim_schedule(&g->dev.m->sim, &g->ev, sim_now(&g->dev.m->sim) + g->poll);
}

static void gh_finalize(struct device *d)
{
    struct gpio_host *g = (struct gpio_host *)d;
    g->gpio = machine_find_device(d->m, g->gpio_id);
    if (!sifive_gpio_is(g->gpio)) {
        sim_warn("%s: gpio '%s' is not a sifive-gpio; no pad is joined", dev_label(d), g->gpio_id);
        g->gpio = NULL;
        return;
    }
    for (unsigned i = 0; i < g->n; i++)
        if (!g->map[i].in)
            signal_listen(sifive_gpio_pin(g->gpio, g->map[i].pad), gh_pad_changed, g, (int)i);
    if (g->nin) {
        sim_event_init(&g->ev, gh_poll, "gpio-host poll");
        gh_sample(g);
        sim_schedule(&d->m->sim, &g->ev, sim_now(&d->m->sim) + g->poll);
    }
}

static void gh_free(struct device *d)
{
    struct gpio_host *g = (struct gpio_host *)d;
    if (g->gpio)
        for (unsigned i = 0; i < g->n; i++)
            if (!g->map[i].in)
                signal_unlisten(sifive_gpio_pin(g->gpio, g->map[i].pad), gh_pad_changed, g);
    if (g->chip)
        gpiod_chip_close(g->chip); /* releases the lines */
}

static void gh_info(struct device *d, FILE *f, int indent)
{
    struct gpio_host *g = (struct gpio_host *)d;
    fprintf(f, "%*s%s, %u lines, %llu set, %llu input changes, %llu errors\n", indent, "",
            g->chip_path, g->n, (unsigned long long)g->sets, (unsigned long long)g->changes,
            (unsigned long long)g->errors);
}

#define P(field, type, name, def, help) DEV_PROP(struct gpio_host, field, type, name, def, help)
static const struct dev_prop gpio_host_props[] = {
    P(chip_path, PROP_STRING, "chip", NULL, "the host's GPIO chip, e.g. /dev/gpiochip0"),
    P(lines, PROP_STRING, "lines", NULL,
      "PAD:LINE[:out|:in] separated by '/' or ';' (out: the guest drives the line)"),
    P(gpio_id, PROP_STRING, "gpio", "gpio0", "id of the sifive-gpio whose pads are joined"),
    P(poll, PROP_TIME, "poll", "1ms", "simulated time between reads of the input lines"),
    {0},
};
#undef P

static const struct dev_type gpio_host_type = {
    .name = "gpio-host",
    .desc = "joins sifive-gpio pads to lines of a host GPIO chip (libgpiod)",
    .bus = BUS_NONE,
    .size = sizeof(struct gpio_host),
    .props = gpio_host_props,
    .realize = gh_realize,
    .finalize = gh_finalize,
    .free = gh_free,
    .info = gh_info,
    .no_checkpoint = "its pins are the host's",
};
DEV_TYPE(gpio_host_type)
