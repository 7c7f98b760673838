/* The blockdev core: driver registry, -blockdev parsing, range and read-only checks. */
#define _GNU_SOURCE
#include "sim/backends/blockdev.h"

#include <stdlib.h>
#include <string.h>

#include "sim/backends/backend.h"
#include "sim/error.h"
#include "sim/opts.h"

#define BLOCKDEV_MAX_DRIVERS 8

static const struct blockdev_driver *drivers[BLOCKDEV_MAX_DRIVERS];
static size_t ndrivers;

void blockdev_driver_register(const struct blockdev_driver *d)
{
    if (ndrivers < BLOCKDEV_MAX_DRIVERS)
        drivers[ndrivers++] = d;
}

static int cmp_driver(const void *a, const void *b)
{
    return strcmp((*(const struct blockdev_driver *const *)a)->name,
                  (*(const struct blockdev_driver *const *)b)->name);
}

static const struct blockdev_driver *driver_find(const char *name)
{
    for (size_t i = 0; i < ndrivers; i++)
        if (strcmp(drivers[i]->name, name) == 0)
            return drivers[i];
    return NULL;
}

static int unknown_driver(const char *name)
{
    const char *names[BLOCKDEV_MAX_DRIVERS];
    qsort(drivers, ndrivers, sizeof(drivers[0]), cmp_driver);
    for (size_t i = 0; i < ndrivers; i++)
        names[i] = drivers[i]->name;
    return backend_unknown_driver("blockdev", name, names, ndrivers);
}

struct blockdev *blockdev_find(struct machine *m, const char *node)
{
    for (struct blockdev *b = *machine_blockdevs(m); b; b = b->next)
        if (strcmp(b->node_name, node) == 0)
            return b;
    return NULL;
}

/* An option naming another blockdev (overlay's file=). */
static int resolve_node(void *ctx, const struct opt_desc *d, void *field, const char *text)
{
    (void)d;
    struct blockdev *b = blockdev_find(ctx, text);
    if (!b)
        return sim_err("no blockdev with node-name '%s'", text);
    *(struct blockdev **)field = b;
    return 0;
}

/* The driver's options from the pairs (`reserved` keys are the caller's), then its open. */
static struct blockdev *open_node(struct machine *m, const struct blockdev_driver *drv,
                                  const char *node, const struct kv *kv, size_t n,
                                  const char *const *reserved)
{
    char help[64];
    uint64_t given = 0;
    snprintf(help, sizeof(help), "-blockdev driver=%s,help", drv->name);
    void *cfg = backend_cfg_new(drv->options, drv->cfg_size, kv, n, reserved, help, resolve_node,
                                m, &given);
    struct blockdev *b = cfg ? drv->open(m, node, cfg, given) : NULL;
    backend_cfg_free(drv->options, cfg);
    return b;
}

struct blockdev *blockdev_create(struct machine *m, const char *driver, const char *node,
                                 const struct kv *kv, size_t n, const char *where)
{
    static const char *const reserved[] = {"driver", "node-name", NULL};
    const struct blockdev_driver *drv = driver ? driver_find(driver) : NULL;
    int rc = 0;
    if (!driver || !*driver)
        rc = sim_err("missing driver=");
    else if (!drv)
        rc = unknown_driver(driver);
    else if (kv_check_unique(kv, n) < 0)
        rc = -1;
    else if (backend_id_check("node-name", node) < 0)
        rc = -1;
    else if (blockdev_find(m, node))
        rc = sim_err("duplicate node-name '%s'", node);
    struct blockdev *b = rc == 0 ? open_node(m, drv, node, kv, n, reserved) : NULL;
    if (!b) {
        if (where)
            sim_err_prefix("%s", where);
        return NULL;
    }
    b->node_name = strdup(node);
    b->origin = where ? strdup(where) : NULL;
    b->drv = drv;
    b->next = NULL;
    struct blockdev **tail = machine_blockdevs(m);
    while (*tail)
        tail = &(*tail)->next;
    *tail = b;
    return b;
}

int blockdev_add(struct machine *m, const char *spec)
{
    char *where = NULL;
    struct opts o;
    if (asprintf(&where, "-blockdev %s", spec) < 0)
        return sim_err("out of memory");
    if (opts_parse(spec, &o) < 0) {
        sim_err_prefix("%s", where);
        free(where);
        return -1;
    }
    /* "file,node-name=..." is accepted as short for "driver=file,node-name=...". */
    const char *driver = kv_get(o.kv, o.n, "driver");
    struct kv *kv = o.kv;
    size_t n = o.n;
    if (!kv[0].value && !opt_is_help(kv[0].key) && !driver) {
        driver = kv[0].key;
        kv++, n--;
    }
    int rc = -1;
    if (!driver && o.n == 1 && opt_is_help(o.kv[0].key)) {
        blockdev_print_help(stdout);
        rc = 1;
    } else if (opts_want_help(&o)) {
        if (driver && blockdev_print_driver_help(stdout, driver) == 0) {
            rc = 1;
        } else {
            if (driver)
                unknown_driver(driver);
            else
                sim_err("missing driver=");
            sim_err_prefix("%s", where);
        }
    } else {
        const char *node = kv_get(kv, n, "node-name");
        rc = blockdev_create(m, driver, node, kv, n, where) ? 0 : -1;
    }
    opts_free(&o);
    free(where);
    return rc;
}

static int range_check(struct blockdev *b, const char *what, uint64_t off, uint64_t n)
{
    if (off > b->size || n > b->size - off)
        return sim_err("blockdev %s: %s of %llu bytes at offset %llu is beyond the end "
                       "(size %llu)", b->node_name, what, (unsigned long long)n,
                       (unsigned long long)off, (unsigned long long)b->size);
    return 0;
}

int blockdev_read(struct blockdev *b, uint64_t off, void *buf, uint64_t n)
{
    if (range_check(b, "read", off, n) < 0)
        return -1;
    return n ? b->read(b, off, buf, n) : 0;
}

/* A driver's answer to a write, flush or growth: a failure is the host's (the core's own
 * checks come first) and the node remembers it. */
static int host_result(struct blockdev *b, int rc)
{
    if (rc < 0)
        b->failed = true;
    return rc;
}

int blockdev_write(struct blockdev *b, uint64_t off, const void *buf, uint64_t n)
{
    if (b->read_only || !b->write)
        return sim_err("blockdev %s: read-only", b->node_name);
    if (range_check(b, "write", off, n) < 0)
        return -1;
    return n ? host_result(b, b->write(b, off, buf, n)) : 0;
}

int blockdev_flush(struct blockdev *b)
{
    return b->flush ? host_result(b, b->flush(b)) : 0;
}

void blockdev_flush_all(struct machine *m)
{
    for (struct blockdev *b = *machine_blockdevs(m); b; b = b->next)
        if (blockdev_flush(b) < 0)
            sim_err_print();
}

int blockdev_resize(struct blockdev *b, uint64_t size)
{
    if (size <= b->size)
        return 0;
    if (b->read_only)
        return sim_err("blockdev %s: read-only", b->node_name);
    if (!b->resize)
        return sim_err("blockdev %s: cannot grow to %llu bytes (it holds %llu)", b->node_name,
                       (unsigned long long)size, (unsigned long long)b->size);
    if (host_result(b, b->resize(b, size)) < 0)
        return -1;
    b->size = size;
    return 0;
}

int blockdev_claim(struct blockdev *b)
{
    if (b->read_only || !b->claim)
        return 0;
    if (b->claim(b) < 0)
        return sim_err_prefix("blockdev %s", b->node_name);
    return 0;
}

int blockdev_use_base(struct blockdev *b, const char *user)
{
    const char *sep = user ? ": " : "";
    user = user ? user : "";
    if (b->parent)
        return sim_err("%s%sblockdev '%s' is the file of %s node '%s'; use '%s'", user, sep,
                       b->node_name, b->parent->drv->name, b->parent->node_name,
                       b->parent->node_name);
    if (b->raw_unsafe)
        return sim_err("%s%sblockdev '%s': '%s' is a %s image, not raw: open it with "
                       "-blockdev driver=%s,node-name=NAME,file=%s and use NAME (format=raw "
                       "uses its bytes as a raw image anyway)", user, sep, b->node_name,
                       b->filename ? b->filename : b->node_name, b->format, b->format,
                       b->node_name);
    if (b->format && b->filename && b->drv && strcmp(b->drv->name, "file") == 0 &&
        !b->raw_ok_warned) {
        b->raw_ok_warned = true;
        sim_warn("blockdev %s: '%s' is a %s image; its bytes are read as a raw image "
                 "(format=raw says that is meant)", b->node_name, b->filename, b->format);
    }
    return 0;
}

int blockdev_use(struct blockdev *b, const char *user)
{
    if (blockdev_use_base(b, user) < 0)
        return -1;
    if (blockdev_claim(b) < 0)
        return user ? sim_err_prefix("%s", user) : -1;
    return 0;
}

struct blockdev *blockdev_open_internal(struct machine *m, const char *driver,
                                        const char *node, const struct kv *kv, size_t n)
{
    const struct blockdev_driver *drv = driver_find(driver);
    if (!drv) {
        unknown_driver(driver);
        return NULL;
    }
    struct blockdev *b = open_node(m, drv, node, kv, n, NULL);
    if (!b)
        return NULL;
    b->node_name = strdup(node);
    b->drv = drv;
    b->next = NULL;
    return b;
}

static void close_one(struct blockdev *b)
{
    if (b->flush && b->flush(b) < 0)
        sim_err_print();
    free(b->node_name);
    free(b->origin);
    b->node_name = b->origin = NULL;
    if (b->close)
        b->close(b);
    else
        free(b);
}

void blockdev_close_one(struct blockdev *b)
{
    if (b)
        close_one(b);
}

void blockdev_close_all(struct machine *m)
{
    /* Reverse creation order: an overlay is closed (and flushed) before its base. */
    size_t n = 0;
    for (struct blockdev *b = *machine_blockdevs(m); b; b = b->next)
        n++;
    struct blockdev **v = calloc(n ? n : 1, sizeof(*v));
    size_t i = 0;
    for (struct blockdev *b = *machine_blockdevs(m); b; b = b->next)
        v[i++] = b;
    *machine_blockdevs(m) = NULL;
    while (i-- > 0)
        close_one(v[i]);
    free(v);
}

void blockdev_print_help(FILE *f)
{
    qsort(drivers, ndrivers, sizeof(drivers[0]), cmp_driver);
    fprintf(f, "Block back ends (-blockdev driver=DRIVER,node-name=NAME[,OPTION=VALUE...]):\n");
    for (size_t i = 0; i < ndrivers; i++)
        backend_print_driver(f, drivers[i]->name, drivers[i]->desc, drivers[i]->options);
}

int blockdev_print_driver_help(FILE *f, const char *driver)
{
    const struct blockdev_driver *d = driver_find(driver);
    if (!d)
        return -1;
    fprintf(f, "%s: %s\n  -blockdev driver=%s,node-name=NAME[,OPTION=VALUE...]\n  options:\n",
            d->name, d->desc, d->name);
    opt_print_table(f, d->options);
    return 0;
}
