/* Fuzz harness: the one option parser (sim/opts.c) and the value syntax (sim/parse.c).  The
 * input's first byte picks a device type, the rest is a spec as -device, -global and the
 * board scripts give one: "KEY=VALUE,KEY=VALUE" with ",," for a comma.  It is split
 * (opts_parse), applied to the type's property table as device creation applies it
 * (opts_apply: defaults, short booleans, did-you-mean, repeated and missing keys, every
 * value type's syntax and bounds) and each value printed back (opt_format); the whole spec
 * also goes through -global's "DRIVER.PROP=VALUE" and the number, size, frequency,
 * duration and boolean readers.  An error is fine; a crash, a leak or undefined behaviour
 * is not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "sim/opts.h"
#include "sim/sim.h"
#include "soc/device.h"
#include "soc/machine.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* opt_format's text, a duration as the value syntax writes it: "10ms" where --info-tree
 * shows "10 ms". */
static void format(const void *base, const struct opt_desc *d, char *buf, size_t n)
{
    opt_format(base, d, buf, n);
    char *space = d->type == OPT_TIME ? strchr(buf, ' ') : NULL;
    if (space)
        memmove(space, space + 1, strlen(space));
}

/* A value as opt_format prints it reads back as the same value. */
static void round_trip(const struct dev_type *t, const void *base, const struct opt_desc *d)
{
    char text[256], again[256];
    format(base, d, text, sizeof text);
    if (!text[0]) /* references and unset strings: nothing to read back */
        return;
    void *copy = calloc(1, t->size);
    struct opt_owner own = {"property", NULL, NULL};
    if (!copy)
        return;
    if (opt_set(&own, copy, d, text))
        fuzz_fail("%s.%s: '%s' as printed does not read back: %s", t->name, d->name, text,
                  sim_err_msg());
    format(copy, d, again, sizeof again);
    if (strcmp(text, again))
        fuzz_fail("%s.%s: '%s' reads back as '%s'", t->name, d->name, text, again);
    opt_free_strings(t->props, copy);
    free(copy);
}

static void apply(const struct dev_type *t, const char *spec)
{
    struct opts o;
    if (opts_parse(spec, &o))
        return;
    opts_want_help(&o);
    kv_get(o.kv, o.n, "id");
    void *base = calloc(1, t->size);
    static const char *const reserved[] = {"id", "bus", "addr", "wait", NULL};
    struct opt_owner own = {"property", NULL, NULL};
    uint64_t given = 0;
    if (base && opts_apply(&own, t->props, base, o.kv, o.n, reserved, "help", &given) == 0)
        for (const struct opt_desc *d = t->props; d && d->name; d++)
            round_trip(t, base, d);
    if (base)
        opt_free_strings(t->props, base);
    free(base);
    opts_free(&o);
}

static void numbers(const char *s)
{
    uint64_t u;
    sim_time_t t;
    bool b;
    if (sim_parse_time(s, &t) == 0) {
        char text[64];
        sim_format_time(text, sizeof text, t);
    }
    sim_parse_u64(s, &u);
    sim_parse_freq(s, &u);
    sim_parse_size(s, &u);
    sim_parse_bool(s, &b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    const struct dev_type **types;
    size_t ntypes = dev_types(&types);
    const struct dev_type *t = types[data[0] % ntypes];
    char *spec = malloc(size);
    if (!spec)
        return 0;
    memcpy(spec, data + 1, size - 1);
    spec[size - 1] = 0;
    apply(t, spec);
    numbers(spec);
    struct machine m;
    machine_init(&m);
    machine_add_global(&m, spec);
    machine_free(&m);
    free(spec);
    return 0;
}
