/* Human-written quantities: integers, sizes, frequencies, times.  One syntax for every
 * option family (docs/command-line.md, "Values"):
 *   integer   42, 0x2a, 0b101010, with an optional K/KiB, M/MiB, G/GiB suffix (x 1024^n);
 *             a leading 0 before more digits is an error, never octal ("010" is neither
 *             8 nor 10: the user has to say which)
 *   frequency 320MHz, 32.768kHz, 16M, 32768 (a bare number is Hz)
 *   time      10ms, 86.8us, 2s, 150ns, 42ps; a time needs its unit (0 alone is fine) */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"

static const char *why;

const char *sim_parse_why(void) { return why; }

static int fail(const char *reason)
{
    why = reason;
    return -1;
}

/* "0" followed by another digit: octal in C, refused here. */
static bool leading_zero(const char *s)
{
    return s[0] == '0' && isdigit((unsigned char)s[1]);
}

struct unit {
    const char *suffix;
    uint64_t scale;
};

static const struct unit *find_unit(const char *s, const struct unit *units, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, units[i].suffix) == 0)
            return &units[i];
    return NULL;
}

static const struct unit int_units[] = {
    {"K", 1ULL << 10}, {"k", 1ULL << 10}, {"KiB", 1ULL << 10}, {"M", 1ULL << 20},
    {"MiB", 1ULL << 20}, {"G", 1ULL << 30}, {"GiB", 1ULL << 30},
};

int sim_parse_u64(const char *s, uint64_t *out)
{
    why = NULL;
    if (!s || !*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
        return -1;
    int base = 10;
    const char *p = s;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        base = 16, p += 2;
    else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
        base = 2, p += 2;
    else if (leading_zero(p))
        return fail("a leading 0 is not allowed: socsim reads no octal");
    if (!isxdigit((unsigned char)*p))
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(p, &end, base);
    if (errno)
        return fail("too large for 64 bits");
    if (*end) {
        const struct unit *u = find_unit(end, int_units, ARRAY_SIZE(int_units));
        if (!u)
            return -1;
        if (v > UINT64_MAX / u->scale)
            return fail("too large for 64 bits");
        v *= u->scale;
    }
    *out = v;
    return 0;
}

/* A decimal number with an optional fraction, times the scale of its suffix (`bare` when
 * there is none; 0 = a suffix is required). */
static int parse_scaled(const char *s, const struct unit *units, size_t n, uint64_t bare,
                        const char *unit_hint, uint64_t *out)
{
    why = NULL;
    if (!s || !isdigit((unsigned char)*s))
        return -1;
    if (leading_zero(s))
        return fail("a leading 0 is not allowed: socsim reads no octal");
    char *end;
    errno = 0;
    unsigned long long whole = strtoull(s, &end, 10);
    if (errno)
        return fail("too large for 64 bits");
    uint64_t frac = 0, frac_div = 1;
    if (*end == '.') {
        end++;
        if (!isdigit((unsigned char)*end))
            return -1;
        while (isdigit((unsigned char)*end)) {
            if (frac_div < 1000000000000ULL)
                frac = frac * 10 + (uint64_t)(*end - '0'), frac_div *= 10;
            end++;
        }
    }
    uint64_t scale = bare;
    if (*end) {
        const struct unit *u = find_unit(end, units, n);
        if (!u)
            return -1;
        scale = u->scale;
    } else if (!bare) {
        if (whole != 0 || frac != 0)
            return fail(unit_hint);
        scale = 1; /* nothing of any unit is nothing */
    }
    unsigned __int128 v =
        (unsigned __int128)whole * scale + (unsigned __int128)frac * scale / frac_div;
    if (v > UINT64_MAX)
        return fail("too large for 64 bits");
    *out = (uint64_t)v;
    return 0;
}

int sim_parse_time(const char *s, sim_time_t *out)
{
    static const struct unit u[] = {
        {"ps", SIM_PS}, {"ns", SIM_NS}, {"us", SIM_US}, {"ms", SIM_MS}, {"s", SIM_S},
        {"min", 60 * SIM_S},
    };
    return parse_scaled(s, u, ARRAY_SIZE(u), 0, "a time needs a unit: ps, ns, us, ms or s", out);
}

int sim_parse_freq(const char *s, uint64_t *out)
{
    static const struct unit u[] = {
        {"Hz", 1}, {"kHz", 1000}, {"KHz", 1000}, {"MHz", 1000000}, {"GHz", 1000000000},
        {"hz", 1}, {"khz", 1000}, {"mhz", 1000000}, {"ghz", 1000000000},
        {"k", 1000}, {"K", 1000}, {"M", 1000000}, {"G", 1000000000},
    };
    return parse_scaled(s, u, ARRAY_SIZE(u), 1, NULL, out);
}

int sim_parse_size(const char *s, uint64_t *out)
{
    return sim_parse_u64(s, out);
}

int sim_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"on", "true", "yes", "1"};
    static const char *const no[] = {"off", "false", "no", "0"};
    for (size_t i = 0; s && i < ARRAY_SIZE(yes); i++) {
        if (strcmp(s, yes[i]) == 0)
            return *out = true, 0;
        if (strcmp(s, no[i]) == 0)
            return *out = false, 0;
    }
    return -1;
}

/* "10 ms", "86.805 us", "1.5 s": the largest unit that keeps an integer part, trailing
 * zeros of the fraction dropped. */
void sim_format_time(char *buf, size_t n, sim_time_t t)
{
    static const struct unit units[] = {
        {"s", SIM_S}, {"ms", SIM_MS}, {"us", SIM_US}, {"ns", SIM_NS},
    };
    for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
        uint64_t u = units[i].scale;
        if (t < u)
            continue;
        char frac[48] = "";
        uint64_t f = t % u;
        if (f) {
            int digits = 0;
            for (uint64_t x = u; x > 1; x /= 10)
                digits++;
            snprintf(frac, sizeof(frac), ".%0*llu", digits & 15, (unsigned long long)f);
            size_t len = strlen(frac);
            while (frac[len - 1] == '0')
                frac[--len] = 0;
        }
        snprintf(buf, n, "%llu%s %s", (unsigned long long)(t / u), frac, units[i].suffix);
        return;
    }
    snprintf(buf, n, "%llu ps", (unsigned long long)t);
}
