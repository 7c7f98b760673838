/* The one option parser (see opts.h). */
#include "sim/opts.h"

#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "sim/sim.h"

int opts_parse(const char *spec, struct opts *o)
{
    size_t len = strlen(spec);
    memset(o, 0, sizeof(*o));
    if (len == 0)
        return sim_err("empty option string");
    o->buf = malloc(len + 1);
    o->kv = calloc(len / 2 + 2, sizeof(*o->kv)); /* at most one pair per two characters */
    if (!o->buf || !o->kv) {
        opts_free(o);
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
        if (ch != ',' && ch != '\0') {
            *w++ = ch;
            continue;
        }
        *w++ = '\0';
        if (*start == '\0') {
            opts_free(o);
            return sim_err("empty element in '%s'", spec);
        }
        /* The first '=' ends the key: a value may hold more of them. */
        char *eq = strchr(start, '=');
        struct kv *kv = &o->kv[o->n++];
        kv->key = start;
        kv->value = NULL;
        if (eq) {
            if (eq == start) {
                opts_free(o);
                return sim_err("missing option name before '=' in '%s'", spec);
            }
            *eq = '\0';
            kv->value = eq + 1;
        }
        start = w;
        if (ch == '\0')
            break;
    }
    return 0;
}

void opts_free(struct opts *o)
{
    free(o->buf);
    free(o->kv);
    memset(o, 0, sizeof(*o));
}

const char *kv_get(const struct kv *kv, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (kv[i].key && strcmp(kv[i].key, key) == 0)
            return kv[i].value ? kv[i].value : "";
    return NULL;
}

int kv_check_unique(const struct kv *kv, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(kv[i].key, kv[j].key) == 0)
                return sim_err("option %s= given twice", kv[i].key);
    return 0;
}

bool opt_is_help(const char *s)
{
    return s && (strcmp(s, "help") == 0 || strcmp(s, "?") == 0);
}

bool opts_want_help(const struct opts *o)
{
    return o->n > 0 && !o->kv[o->n - 1].value && opt_is_help(o->kv[o->n - 1].key);
}

/* ---- typed tables ---- */

static const char *const type_names[] = {
    [OPT_INT] = "int",       [OPT_BOOL] = "bool",       [OPT_STRING] = "string",
    [OPT_SIZE] = "size",     [OPT_FREQ] = "freq",       [OPT_TIME] = "time",
    [OPT_ENUM] = "enum",     [OPT_CHARDEV] = "chardev", [OPT_BLOCKDEV] = "blockdev",
    [OPT_LINK] = "irq-link",
};

const char *opt_type_name(enum opt_type t)
{
    return type_names[t];
}

const struct opt_desc *opt_find(const struct opt_desc *table, const char *name)
{
    for (const struct opt_desc *d = table; d && d->name; d++)
        if (strcmp(d->name, name) == 0)
            return d;
    return NULL;
}

size_t opt_count(const struct opt_desc *table)
{
    size_t n = 0;
    while (table && table[n].name)
        n++;
    return n;
}

bool opt_given(const struct opt_desc *table, uint64_t given, const char *name)
{
    const struct opt_desc *d = opt_find(table, name);
    return d && (given >> ((size_t)(d - table) & 63) & 1);
}

/* "a|b|c" for an enum's help and errors. */
static void choices_text(const struct opt_desc *d, char *buf, size_t n)
{
    buf[0] = 0;
    for (int i = 0; d->choices[i]; i++)
        snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? "|" : "", d->choices[i]);
}

int opt_set(const struct opt_owner *o, void *base, const struct opt_desc *d, const char *v)
{
    void *field = (char *)base + d->offset;
    uint64_t u;
    int rc = 0;
    switch (d->type) {
    case OPT_INT:
        rc = sim_parse_u64(v, &u);
        break;
    case OPT_SIZE:
        rc = sim_parse_size(v, &u);
        break;
    case OPT_FREQ:
        rc = sim_parse_freq(v, &u);
        break;
    case OPT_TIME:
        rc = sim_parse_time(v, &u);
        break;
    case OPT_BOOL:
        if (sim_parse_bool(v, field))
            return sim_err("%s '%s': '%s' is not a boolean (on/off)", o->noun, d->name, v);
        return 0;
    case OPT_STRING: {
        char **s = field;
        free(*s);
        *s = strdup(v);
        return 0;
    }
    case OPT_ENUM: {
        for (int i = 0; d->choices[i]; i++)
            if (strcmp(d->choices[i], v) == 0)
                return *(int *)field = i, 0;
        char list[256];
        choices_text(d, list, sizeof(list));
        return sim_err("%s '%s': '%s' is not one of %s", o->noun, d->name, v, list);
    }
    case OPT_CHARDEV:
    case OPT_BLOCKDEV:
    case OPT_LINK:
        if (!o->resolve)
            return sim_err("%s '%s': a %s cannot be named here", o->noun, d->name,
                           opt_type_name(d->type));
        if (o->resolve(o->ctx, d, field, v))
            return sim_err_prefix("%s '%s'", o->noun, d->name);
        return 0;
    }
    if (rc) {
        const char *why = sim_parse_why();
        return sim_err("%s '%s': '%s' is not a valid %s%s%s%s", o->noun, d->name, v,
                       opt_type_name(d->type), why ? " (" : "", why ? why : "", why ? ")" : "");
    }
    if (d->max && (u < d->min || u > d->max))
        return sim_err("%s '%s': %s is out of range [%llu, %llu]", o->noun, d->name, v,
                       (unsigned long long)d->min, (unsigned long long)d->max);
    *(uint64_t *)field = u;
    return 0;
}

void opt_format(const void *base, const struct opt_desc *d, char *buf, size_t n)
{
    const void *field = (const char *)base + d->offset;
    buf[0] = 0;
    switch (d->type) {
    case OPT_INT:
    case OPT_SIZE: {
        uint64_t v = *(const uint64_t *)field;
        snprintf(buf, n, v >= 4096 ? "0x%llx" : "%llu", (unsigned long long)v);
        break;
    }
    case OPT_FREQ:
        snprintf(buf, n, "%lluHz", (unsigned long long)*(const uint64_t *)field);
        break;
    case OPT_TIME:
        sim_format_time(buf, n, *(const uint64_t *)field);
        break;
    case OPT_BOOL:
        snprintf(buf, n, "%s", *(const bool *)field ? "on" : "off");
        break;
    case OPT_STRING: {
        const char *s = *(char *const *)field;
        snprintf(buf, n, "%s", s ? s : "");
        break;
    }
    case OPT_ENUM:
        snprintf(buf, n, "%s", d->choices[*(const int *)field]);
        break;
    case OPT_CHARDEV:
    case OPT_BLOCKDEV:
    case OPT_LINK:
        break;
    }
}

void opt_free_strings(const struct opt_desc *table, void *base)
{
    for (const struct opt_desc *d = table; d && d->name; d++)
        if (d->type == OPT_STRING) {
            char **s = (char **)((char *)base + d->offset);
            free(*s);
            *s = NULL;
        }
}

void opt_short_bool(const struct opt_desc *table, struct kv *kv)
{
    if (kv->value)
        return;
    const struct opt_desc *d = opt_find(table, kv->key);
    if (d && d->type == OPT_BOOL) {
        kv->value = "on";
        return;
    }
    if (!d && strncmp(kv->key, "no", 2) == 0) {
        d = opt_find(table, kv->key + 2);
        if (d && d->type == OPT_BOOL) {
            kv->key = d->name;
            kv->value = "off";
        }
    }
}

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

int opt_err_unknown(const char *lead, const char *name, const struct opt_desc *table,
                    const char *const *extra, const char *help)
{
    size_t n = opt_count(table), ne = 0;
    while (extra && extra[ne])
        ne++;
    const char **cands = malloc((n + ne + 1) * sizeof(*cands));
    const char *s = NULL;
    if (cands) {
        for (size_t i = 0; i < n; i++)
            cands[i] = table[i].name;
        for (size_t i = 0; i < ne; i++)
            cands[n + i] = extra[i];
        s = sim_suggest(name, cands, n + ne);
    }
    int rc;
    if (s)
        rc = sim_err("%s '%s' (did you mean '%s'?)", lead, name, s);
    else if (help)
        rc = sim_err("%s '%s' (see %s)", lead, name, help);
    else
        rc = sim_err("%s '%s'", lead, name);
    free(cands);
    return rc;
}

int opts_apply(const struct opt_owner *o, const struct opt_desc *table, void *base,
               const struct kv *kv, size_t n, const char *const *reserved, const char *help,
               uint64_t *given)
{
    *given = 0;
    for (const struct opt_desc *d = table; d && d->name; d++)
        if (d->def && opt_set(o, base, d, d->def))
            return -1;
    struct kv *own = calloc(n + 1, sizeof(*own));
    if (!own)
        return sim_err("out of memory");
    if (n) /* kv may be NULL then, which memcpy must not be given */
        memcpy(own, kv, n * sizeof(*own));
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (in_list(reserved, own[i].key))
            continue;
        opt_short_bool(table, &own[i]);
        if (!opt_find(table, own[i].key))
            rc = opt_err_unknown("unknown option", own[i].key, table, reserved, help);
    }
    if (rc == 0)
        rc = kv_check_unique(own, n);
    for (size_t i = 0; i < n && rc == 0; i++)
        if (!own[i].value)
            rc = sim_err("'%s' is not KEY=VALUE", own[i].key);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (in_list(reserved, own[i].key))
            continue;
        const struct opt_desc *d = opt_find(table, own[i].key);
        rc = opt_set(o, base, d, own[i].value);
        *given |= 1ULL << ((size_t)(d - table) & 63);
    }
    for (const struct opt_desc *d = table; d && d->name && rc == 0; d++)
        if ((d->flags & OPT_REQUIRED) && !opt_given(table, *given, d->name))
            rc = sim_err("missing %s=%s%s%s", d->name, d->help ? " (" : "", d->help ? d->help : "",
                         d->help ? ")" : "");
    free(own);
    return rc;
}

void opt_print_line(FILE *f, const char *name, const char *type, const char *def, const char *help)
{
    fprintf(f, "    %-18s %-9s %-12s %s\n", name, type, def ? def : "", help ? help : "");
}

void opt_print_table(FILE *f, const struct opt_desc *table)
{
    for (const struct opt_desc *d = table; d && d->name; d++) {
        char type[64];
        if (d->type == OPT_ENUM)
            choices_text(d, type, sizeof(type));
        else
            snprintf(type, sizeof(type), "%s", opt_type_name(d->type));
        opt_print_line(f, d->name, type, d->flags & OPT_REQUIRED ? "(required)" : d->def, d->help);
    }
}
