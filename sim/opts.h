/* The one option parser: QEMU-style option strings (-device, -chardev, -blockdev, -global,
 * -M) and the typed option tables that devices (their properties) and back ends (their
 * drivers' options) declare.  One syntax everywhere (docs/command-line.md, "Values"):
 *
 *   - "NAME,KEY=VALUE,KEY=VALUE": elements split at ','; ",," is a literal comma in a name
 *     or a value;
 *   - integers, sizes, frequencies and times as sim/parse.c reads them (never octal; a time
 *     needs its unit);
 *   - booleans on/off, yes/no, true/false, 1/0; a bare KEY is KEY=on and noKEY is KEY=off
 *     (QEMU's short forms), for boolean options only;
 *   - a key given twice is an error; an unknown key gets one "did you mean" (sim_suggest).
 *
 * A table is an array of struct opt_desc ending with an entry whose name is NULL; each
 * entry says where its value lives in the owner's struct (a device instance, a driver's
 * configuration), so help ("-device NAME,help", "-chardev DRIVER,help") and parsing come
 * from the same declaration. */
#ifndef SIM_OPTS_H
#define SIM_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A key=value pair as the user wrote it (command line or Lua table, values as text); value
 * NULL for a bare KEY. */
struct kv {
    const char *key;
    const char *value;
};

/* An option string split into pairs; the strings live in buf. */
struct opts {
    char *buf;
    struct kv *kv;
    size_t n;
};

/* Split `spec`: 0, or -1 with sim_err set (empty string, empty element, "=VALUE"). */
int opts_parse(const char *spec, struct opts *o);
void opts_free(struct opts *o);
/* The value of `key` ("" for a bare KEY), NULL when absent. */
const char *kv_get(const struct kv *kv, size_t n, const char *key);
/* 0, or -1 with sim_err set ("option KEY= given twice") when a key repeats. */
int kv_check_unique(const struct kv *kv, size_t n);
/* "help" or "?": a request for help in place of a value or an element. */
bool opt_is_help(const char *s);
/* The spec asks for help: it is "help"/"?", or its last element is a bare "help"/"?". */
bool opts_want_help(const struct opts *o);

enum opt_type {
    OPT_INT,    /* uint64_t: 42, 0x2a, 0b101010, 64K */
    OPT_BOOL,   /* bool: on/off, true/false, yes/no, 1/0 */
    OPT_STRING, /* char * (malloc'd; the owner frees it, opt_free_strings) */
    OPT_SIZE,   /* uint64_t bytes: 16K, 1M, 0x4000 */
    OPT_FREQ,   /* uint64_t Hz: 320MHz, 32768Hz */
    OPT_TIME,   /* sim_time_t ps: 10ms, 86us */
    OPT_ENUM,   /* int index into choices[] */
    /* References the table's owner resolves (opt_resolve_fn): */
    OPT_CHARDEV,  /* struct chardev * by id */
    OPT_BLOCKDEV, /* struct blockdev * by node-name */
    OPT_LINK,     /* an IRQ output wired to "<device-id>.<input>" (soc/device.h) */
};

#define OPT_REQUIRED 0x1 /* no default: the user must give it */

struct opt_desc {
    const char *name;
    enum opt_type type;
    size_t offset;   /* where the value lives in the owner's struct */
    const char *def; /* default, as the user would write it; NULL = unset */
    const char *help;
    uint64_t min, max;          /* bounds for the integer kinds when max != 0 */
    const char *const *choices; /* OPT_ENUM: NULL-terminated */
    unsigned flags;
};

#define OPT(T, field, type_, name_, def_, help_)                                                   \
    {                                                                                              \
        .name = name_, .type = type_, .offset = offsetof(T, field), .def = def_, .help = help_     \
    }

/* Looks up and stores a reference (OPT_CHARDEV, OPT_BLOCKDEV, OPT_LINK) from its text:
 * 0, or -1 with sim_err set ("no chardev with id 'x'"). */
typedef int (*opt_resolve_fn)(void *ctx, const struct opt_desc *d, void *field, const char *text);

/* How errors name an option ("property", "option") and how to resolve references. */
struct opt_owner {
    const char *noun;
    opt_resolve_fn resolve; /* NULL: references are an error */
    void *ctx;
};

const char *opt_type_name(enum opt_type t);
const struct opt_desc *opt_find(const struct opt_desc *table, const char *name);
size_t opt_count(const struct opt_desc *table);

/* Parse `text` as d's type into base + d->offset.  0, or -1 with sim_err set:
 * "property 'reg-shift': 'two' is not a valid int". */
int opt_set(const struct opt_owner *o, void *base, const struct opt_desc *d, const char *text);
/* The value as text ("0x10000", "on", "10 ms"); references and links as their names are
 * the owner's to print: "" here. */
void opt_format(const void *base, const struct opt_desc *d, char *buf, size_t n);
/* Free the OPT_STRING values of a table-described struct. */
void opt_free_strings(const struct opt_desc *table, void *base);

/* The short boolean forms: a bare KEY naming a boolean option becomes KEY=on, a bare noKEY
 * KEY=off (kv is rewritten; its strings stay the caller's).  Other pairs are left alone. */
void opt_short_bool(const struct opt_desc *table, struct kv *kv);

/* Fill a table-described struct from pairs: defaults first, then each pair.  Keys in
 * `reserved` (NULL-terminated, may be NULL) are the caller's and skipped.  Unknown keys
 * ("unknown option 'prot' (did you mean 'port'?)", else "(see HELP)"), bare non-boolean
 * keys, repeated keys and missing required options are errors.  *given: bit i set when
 * the user gave table[i].  0, or -1 with sim_err set. */
int opts_apply(const struct opt_owner *o, const struct opt_desc *table, void *base,
               const struct kv *kv, size_t n, const char *const *reserved, const char *help,
               uint64_t *given);
/* Was the option `name` of table given by the user (opts_apply's *given)? */
bool opt_given(const struct opt_desc *table, uint64_t given, const char *name);

/* "LEAD 'name' (did you mean 'x'?)" with the closest of the table's names and `extra`,
 * else "LEAD 'name' (see HELP)".  Returns -1. */
int opt_err_unknown(const char *lead, const char *name, const struct opt_desc *table,
                    const char *const *extra, const char *help);

/* One help line per option: "    NAME               TYPE      DEFAULT      HELP". */
void opt_print_line(FILE *f, const char *name, const char *type, const char *def, const char *help);
void opt_print_table(FILE *f, const struct opt_desc *table);

#endif
