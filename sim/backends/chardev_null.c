/* null: output vanishes, no input (QEMU's -chardev null). */
#include <stdlib.h>

#include "sim/backends/backend.h"
#include "sim/error.h"

static void null_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    (void)c, (void)buf, (void)n;
}

static void null_info(struct chardev *c, FILE *f)
{
    fprintf(f, " %llu bytes discarded", (unsigned long long)c->tx_bytes);
}

static struct chardev *null_open(struct machine *m, const char *id, const void *cfg,
                                 uint64_t given)
{
    (void)m, (void)id, (void)cfg, (void)given;
    struct chardev *c = calloc(1, sizeof(*c));
    if (!c) {
        sim_err("out of memory");
        return NULL;
    }
    c->write = null_write;
    c->info = null_info;
    return c;
}

static const struct opt_desc null_options[] = {{0}};

static const struct chardev_driver chardev_null = {
    .name = "null",
    .desc = "discard output, never any input",
    .options = null_options,
    .open = null_open,
};
CHARDEV_DRIVER(chardev_null)
