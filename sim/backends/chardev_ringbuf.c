/* ringbuf: output kept in memory, the newest `size` bytes, for a Lua scenario or a test
 * to read back (QEMU's -chardev ringbuf).  Input comes only from chardev_inject(). */
#include <stdlib.h>
#include <string.h>

#include "sim/backends/backend.h"
#include "sim/error.h"

struct chardev_ringbuf {
    struct chardev c;
    uint8_t *buf;
    uint64_t mask;
    uint64_t head, tail; /* bytes ever written / ever read; head - tail <= size */
};

static const struct chardev_driver chardev_ringbuf;

static void ringbuf_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    struct chardev_ringbuf *r = container_of(c, struct chardev_ringbuf, c);
    for (size_t i = 0; i < n; i++)
        r->buf[r->head++ & r->mask] = buf[i];
    /* Full: the oldest bytes are overwritten. */
    if (r->head - r->tail > r->mask + 1)
        r->tail = r->head - (r->mask + 1);
}

size_t chardev_ringbuf_read(struct chardev *c, char *buf, size_t max)
{
    if (!c || c->drv != &chardev_ringbuf)
        return 0;
    struct chardev_ringbuf *r = container_of(c, struct chardev_ringbuf, c);
    size_t n = 0;
    while (n < max && r->tail != r->head)
        buf[n++] = (char)r->buf[r->tail++ & r->mask];
    return n;
}

static void ringbuf_info(struct chardev *c, FILE *f)
{
    struct chardev_ringbuf *r = container_of(c, struct chardev_ringbuf, c);
    fprintf(f, " size %llu, %llu bytes unread", (unsigned long long)(r->mask + 1),
            (unsigned long long)(r->head - r->tail));
}

static void ringbuf_close(struct chardev *c)
{
    struct chardev_ringbuf *r = container_of(c, struct chardev_ringbuf, c);
    free(r->buf);
    free(r);
}

struct ringbuf_cfg {
    uint64_t size;
};

static struct chardev *ringbuf_open(struct machine *m, const char *id, const void *cfg,
                                    uint64_t given)
{
    (void)m, (void)id, (void)given;
    uint64_t size = ((const struct ringbuf_cfg *)cfg)->size;
    if (size & (size - 1)) {
        sim_err("size=%llu is not a power of two", (unsigned long long)size);
        return NULL;
    }
    struct chardev_ringbuf *r = calloc(1, sizeof(*r));
    if (r)
        r->buf = malloc(size);
    if (!r || !r->buf) {
        free(r);
        sim_err("out of memory for a %llu-byte ring buffer", (unsigned long long)size);
        return NULL;
    }
    r->mask = size - 1;
    r->c.write = ringbuf_write;
    r->c.info = ringbuf_info;
    r->c.close = ringbuf_close;
    return &r->c;
}

static const struct opt_desc ringbuf_options[] = {
    {.name = "size", .type = OPT_SIZE, .offset = offsetof(struct ringbuf_cfg, size), .def = "64K",
     .help = "bytes kept, a power of two", .min = 1, .max = 1u << 30},
    {0},
};

static const struct chardev_driver chardev_ringbuf = {
    .name = "ringbuf",
    .desc = "keep the newest output in memory (read back from Lua)",
    .options = ringbuf_options,
    .cfg_size = sizeof(struct ringbuf_cfg),
    .open = ringbuf_open,
};
CHARDEV_DRIVER(chardev_ringbuf)
