/* Option strings, typed values and "did you mean" for -chardev and -blockdev. */
#include "sim/backends/backend.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/error.h"
#include "sim/sim.h"

int backend_opts_parse(const char *spec, struct backend_opts *o)
{
    size_t len = strlen(spec);
    memset(o, 0, sizeof(*o));
    if (len == 0)
        return sim_err("empty option string");
    o->buf = malloc(len + 1);
    o->kv = calloc(len / 2 + 2, sizeof(*o->kv)); /* at most one pair per two characters */
    if (!o->buf || !o->kv) {
        backend_opts_free(o);
        return sim_err("out of memory");
    }
    /* Copy element by element, turning ",," into ',' and ',' into the terminator. */
    char *w = o->buf, *start = w;
    for (size_t i = 0;; i++) {
        char ch = spec[i];
        if (ch == ',' && spec[i + 1] == ',') {
            *w++ = ',';
            i++;
            continue;
        }
        if (ch == ',' || ch == '\0') {
            *w++ = '\0';
            if (*start == '\0') {
                backend_opts_free(o);
                return sim_err("empty element in '%s'", spec);
            }
            char *eq = strchr(start, '=');
            struct kv *kv = &o->kv[o->n++];
            kv->key = start;
            kv->value = NULL;
            if (eq) {
                *eq = '\0';
                kv->value = eq + 1;
                if (eq == start) {
                    backend_opts_free(o);
                    return sim_err("missing option name before '=' in '%s'", spec);
                }
            }
            start = w;
            if (ch == '\0')
                break;
            continue;
        }
        *w++ = ch;
    }
    return 0;
}

void backend_opts_free(struct backend_opts *o)
{
    free(o->buf);
    free(o->kv);
    memset(o, 0, sizeof(*o));
}

const char *backend_opt(const struct kv *kv, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (kv[i].key && strcmp(kv[i].key, key) == 0)
            return kv[i].value ? kv[i].value : "";
    return NULL;
}

int backend_opt_bool(const struct kv *kv, size_t n, const char *key, bool def, bool *out)
{
    const char *v = backend_opt(kv, n, key);
    *out = def;
    if (!v)
        return 0;
    static const char *const yes[] = {"on", "true", "yes", "1"};
    static const char *const no[] = {"off", "false", "no", "0"};
    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        if (strcmp(v, yes[i]) == 0) {
            *out = true;
            return 0;
        }
        if (strcmp(v, no[i]) == 0) {
            *out = false;
            return 0;
        }
    }
    return sim_err("bad value '%s' for %s= (use on or off)", v, key);
}

int backend_opt_u64(const struct kv *kv, size_t n, const char *key, uint64_t def,
                    uint64_t min, uint64_t max, uint64_t *out)
{
    const char *v = backend_opt(kv, n, key);
    *out = def;
    if (!v)
        return 0;
    if (!isdigit((unsigned char)v[0]))
        return sim_err("bad value '%s' for %s= (expected a number)", v, key);
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 0);
    unsigned shift = 0;
    switch (*end) {
    case 'K': case 'k': shift = 10; end++; break;
    case 'M': shift = 20; end++; break;
    case 'G': shift = 30; end++; break;
    }
    if (errno || *end != '\0' || (shift && x > (UINT64_MAX >> shift)))
        return sim_err("bad value '%s' for %s= (expected a number)", v, key);
    x <<= shift;
    if (x < min || x > max)
        return sim_err("%s=%s is out of range (%llu to %llu)", key, v,
                       (unsigned long long)min, (unsigned long long)max);
    *out = x;
    return 0;
}

/* The key of a help string "key=VALUE  text" (or "key  text"), copied into buf. */
static const char *option_key(const char *opt, char *buf, size_t size)
{
    size_t k = strcspn(opt, "= ");
    if (k >= size)
        k = size - 1;
    memcpy(buf, opt, k);
    buf[k] = '\0';
    return buf;
}

int backend_opts_check(const struct kv *kv, size_t n, const char *const *options,
                       const char *const *extra)
{
    const char *cands[64];
    char keys[64][32];
    size_t nc = 0;
    for (size_t i = 0; options && options[i] && nc < ARRAY_SIZE(cands); i++, nc++)
        cands[nc] = option_key(options[i], keys[nc], sizeof(keys[nc]));
    for (size_t i = 0; extra && extra[i] && nc < ARRAY_SIZE(cands); i++)
        cands[nc++] = extra[i];

    for (size_t i = 0; i < n; i++) {
        bool known = false;
        for (size_t j = 0; j < nc && !known; j++)
            known = strcmp(kv[i].key, cands[j]) == 0;
        if (!known) {
            const char *s = backend_suggest(kv[i].key, cands, nc);
            if (s)
                return sim_err("unknown option '%s' (did you mean '%s'?)", kv[i].key, s);
            return sim_err("unknown option '%s'", kv[i].key);
        }
    }
    if (kv_check_unique(kv, n) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!kv[i].value)
            return sim_err("'%s' is not OPTION=VALUE", kv[i].key);
    return 0;
}

int backend_unknown_driver(const char *kind, const char *name, const char *const *names,
                           size_t n)
{
    char list[256] = "";
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(list, ", ", sizeof(list) - strlen(list) - 1);
        strncat(list, names[i], sizeof(list) - strlen(list) - 1);
    }
    const char *s = backend_suggest(name, names, n);
    if (s)
        return sim_err("unknown %s driver '%s' (did you mean '%s'?)", kind, name, s);
    return sim_err("unknown %s driver '%s' (drivers: %s)", kind, name, list);
}

const char *backend_suggest(const char *name, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t d = sim_edit_distance(name, cands[i], true);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    /* Close means a typo, not a different word: at most a third of the name. */
    size_t len = strlen(name);
    size_t limit = len < 3 ? 1 : len / 3 + 1;
    return best_d <= limit ? best : NULL;
}

/* Letters, digits, '-', '.', '_', starting with a letter (QEMU's id rule). */
static bool id_valid(const char *id)
{
    if (!isalpha((unsigned char)id[0]))
        return false;
    for (const char *p = id; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.' && *p != '_')
            return false;
    return true;
}

int backend_id_check(const char *key, const char *id)
{
    if (!id || !*id)
        return sim_err("missing %s=", key);
    if (!id_valid(id))
        return sim_err("bad %s '%s' (use letters, digits, '-', '.' and '_', starting with a "
                       "letter)", key, id);
    return 0;
}

void backend_short_bool(struct kv *kv, const char *const *options)
{
    for (int neg = 0; neg < 2; neg++) {
        const char *key = kv->key + (neg ? 2 : 0);
        if (neg && strncmp(kv->key, "no", 2) != 0)
            break;
        size_t len = strlen(key);
        for (size_t i = 0; options && options[i]; i++) {
            if (strncmp(options[i], key, len) == 0 &&
                strncmp(options[i] + len, "=on|off", 7) == 0) {
                kv->key = key;
                kv->value = neg ? "off" : "on";
                return;
            }
        }
    }
}

void backend_print_options(FILE *f, const char *const *options)
{
    for (size_t i = 0; options && options[i]; i++)
        fprintf(f, "      %s\n", options[i]);
}

int64_t backend_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
