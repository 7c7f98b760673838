/* The blockdev core: driver registry, -blockdev parsing, range and read-only checks. */
#include "sim/backends/blockdev.h"

#include <stdlib.h>
#include <string.h>

#include "sim/backends/backend.h"
#include "sim/error.h"
#include "soc/machine.h"

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
    for (struct blockdev *b = m->blockdevs; b; b = b->next)
        if (strcmp(b->node_name, node) == 0)
            return b;
    return NULL;
}

struct blockdev *blockdev_create(struct machine *m, const char *driver, const char *node,
                                 const struct kv *kv, size_t n, const char *where)
{
    static const char *const extra[] = {"driver", "node-name", NULL};
    const struct blockdev_driver *drv = driver ? driver_find(driver) : NULL;
    int rc = 0;
    if (!driver || !*driver)
        rc = sim_err("missing driver=");
    else if (!drv)
        rc = unknown_driver(driver);
    else if (backend_id_check("node-name", node) < 0)
        rc = -1;
    else if (blockdev_find(m, node))
        rc = sim_err("duplicate node-name '%s'", node);
    else
        rc = backend_opts_check(kv, n, drv->options, extra);
    struct blockdev *b = NULL;
    if (rc == 0) {
        struct kv *own = calloc(n + 1, sizeof(*own));
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(kv[i].key, "driver") != 0 && strcmp(kv[i].key, "node-name") != 0)
                own[k++] = kv[i];
        b = drv->open(m, node, own, k);
        free(own);
    }
    if (!b) {
        if (where)
            sim_err_prefix("%s", where);
        return NULL;
    }
    b->node_name = strdup(node);
    b->drv = drv;
    b->next = NULL;
    struct blockdev **tail = &m->blockdevs;
    while (*tail)
        tail = &(*tail)->next;
    *tail = b;
    return b;
}

int blockdev_add(struct machine *m, const char *spec)
{
    char where[512];
    snprintf(where, sizeof(where), "-blockdev %s", spec);
    if (strcmp(spec, "help") == 0) {
        blockdev_print_help(stdout);
        return 1;
    }
    struct backend_opts o;
    if (backend_opts_parse(spec, &o) < 0)
        return sim_err_prefix("%s", where);
    /* "file,node-name=..." is accepted as short for "driver=file,node-name=...". */
    const char *driver = backend_opt(o.kv, o.n, "driver");
    struct kv *kv = o.kv;
    size_t n = o.n;
    if (!kv[0].value && strcmp(kv[0].key, "help") != 0 && !driver) {
        driver = kv[0].key;
        kv++, n--;
    }
    int rc = -1;
    if (backend_opt(kv, n, "help")) {
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
        const char *node = backend_opt(kv, n, "node-name");
        rc = blockdev_create(m, driver, node, kv, n, where) ? 0 : -1;
    }
    backend_opts_free(&o);
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

int blockdev_write(struct blockdev *b, uint64_t off, const void *buf, uint64_t n)
{
    if (b->read_only || !b->write)
        return sim_err("blockdev %s: read-only", b->node_name);
    if (range_check(b, "write", off, n) < 0)
        return -1;
    return n ? b->write(b, off, buf, n) : 0;
}

int blockdev_flush(struct blockdev *b)
{
    return b->flush ? b->flush(b) : 0;
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
    if (b->resize(b, size) < 0)
        return -1;
    b->size = size;
    return 0;
}

int blockdev_use(struct blockdev *b, const char *user)
{
    if (b->parent)
        return sim_err("%s: blockdev '%s' is the file of %s node '%s'; use '%s'", user,
                       b->node_name, b->parent->drv->name, b->parent->node_name,
                       b->parent->node_name);
    if (b->raw_unsafe)
        return sim_err("%s: blockdev '%s': '%s' is a %s image, not raw: open it with "
                       "-blockdev driver=%s,node-name=NAME,file=%s and use NAME (format=raw "
                       "uses its bytes as a raw image anyway)", user, b->node_name,
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

struct blockdev *blockdev_open_internal(struct machine *m, const char *driver,
                                        const char *node, const struct kv *kv, size_t n)
{
    const struct blockdev_driver *drv = driver_find(driver);
    if (!drv) {
        unknown_driver(driver);
        return NULL;
    }
    struct blockdev *b = drv->open(m, node, kv, n);
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
    b->node_name = NULL;
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
    for (struct blockdev *b = m->blockdevs; b; b = b->next)
        n++;
    struct blockdev **v = calloc(n ? n : 1, sizeof(*v));
    size_t i = 0;
    for (struct blockdev *b = m->blockdevs; b; b = b->next)
        v[i++] = b;
    m->blockdevs = NULL;
    while (i-- > 0)
        close_one(v[i]);
    free(v);
}

void blockdev_print_help(FILE *f)
{
    qsort(drivers, ndrivers, sizeof(drivers[0]), cmp_driver);
    fprintf(f, "Block back ends (-blockdev driver=DRIVER,node-name=NAME[,OPTION=VALUE...]):\n");
    for (size_t i = 0; i < ndrivers; i++) {
        fprintf(f, "  %-9s %s\n", drivers[i]->name, drivers[i]->desc);
        backend_print_options(f, drivers[i]->options);
    }
}

int blockdev_print_driver_help(FILE *f, const char *driver)
{
    const struct blockdev_driver *d = driver_find(driver);
    if (!d)
        return -1;
    fprintf(f, "%s: %s\n  -blockdev driver=%s,node-name=NAME[,OPTION=VALUE...]\n", d->name,
            d->desc, d->name);
    backend_print_options(f, d->options);
    return 0;
}
