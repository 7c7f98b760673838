/* Human-written quantities: times, frequencies, sizes, integers. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"

int sim_parse_u64(const char *s, uint64_t *out)
{
    char *end;
    int base = 10;
    const char *p = s;
    if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
        return -1;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        base = 16, p += 2;
    else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
        base = 2, p += 2;
    if (!*p)
        return -1;
    errno = 0;
    unsigned long long v = strtoull(p, &end, base);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

/* A decimal number with an optional fraction, scaled by `unit`, then by the suffix. */
struct unit {
    const char *suffix;
    uint64_t scale;
};

static int parse_scaled(const char *s, const struct unit *units, size_t n, uint64_t def_scale,
                        uint64_t *out)
{
    char *end;
    if (!s || !*s || !isdigit((unsigned char)*s))
        return -1;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return sim_parse_u64(s, out) == 0 ? (*out *= def_scale, 0) : -1;
    errno = 0;
    unsigned long long whole = strtoull(s, &end, 10);
    if (errno)
        return -1;
    uint64_t frac = 0, frac_div = 1;
    if (*end == '.') {
        end++;
        while (isdigit((unsigned char)*end)) {
            if (frac_div < 1000000000000ULL)
                frac = frac * 10 + (uint64_t)(*end - '0'), frac_div *= 10;
            end++;
        }
    }
    uint64_t scale = def_scale;
    if (*end) {
        size_t i;
        for (i = 0; i < n; i++)
            if (strcmp(end, units[i].suffix) == 0)
                break;
        if (i == n)
            return -1;
        scale = units[i].scale;
    }
    unsigned __int128 v = (unsigned __int128)whole * scale + (unsigned __int128)frac * scale / frac_div;
    if (v > UINT64_MAX)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int sim_parse_time(const char *s, sim_time_t *out)
{
    static const struct unit u[] = {
        {"ps", SIM_PS}, {"ns", SIM_NS}, {"us", SIM_US}, {"ms", SIM_MS}, {"s", SIM_S},
        {"min", 60 * SIM_S},
    };
    return parse_scaled(s, u, ARRAY_SIZE(u), SIM_S, out);
}

int sim_parse_freq(const char *s, uint64_t *out)
{
    static const struct unit u[] = {
        {"Hz", 1}, {"kHz", 1000}, {"KHz", 1000}, {"MHz", 1000000}, {"GHz", 1000000000},
        {"hz", 1}, {"khz", 1000}, {"mhz", 1000000}, {"ghz", 1000000000},
        {"k", 1000}, {"K", 1000}, {"M", 1000000}, {"G", 1000000000},
    };
    return parse_scaled(s, u, ARRAY_SIZE(u), 1, out);
}

int sim_parse_size(const char *s, uint64_t *out)
{
    static const struct unit u[] = {
        {"B", 1}, {"K", 1024}, {"KiB", 1024}, {"M", 1 << 20}, {"MiB", 1 << 20},
        {"G", 1 << 30}, {"GiB", 1 << 30},
    };
    return parse_scaled(s, u, ARRAY_SIZE(u), 1, out);
}

/* "10 ms", "86.805 us", "1.5 s": the largest unit that keeps an integer part, trailing
 * zeros of the fraction dropped. */
void sim_format_time(char *buf, size_t n, sim_time_t t)
{
    static const struct unit units[] = {{"s", SIM_S}, {"ms", SIM_MS}, {"us", SIM_US}, {"ns", SIM_NS}};
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
