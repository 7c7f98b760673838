/* overlay: copy-on-write over another blockdev (the base), which is never written.
 * Written clusters live in memory (snapshot=on: gone when the simulator exits) or in an
 * overlay file (filename=) that keeps them across runs.
 *
 * Overlay file layout (little-endian), made on the guest's first write:
 *   0   8  magic "SOCSIMOV"
 *   8   4  version (1)
 *   12  4  cluster size in bytes (4096)
 *   16  8  base size in bytes
 *   24  8  offset of the allocation bitmap (64)
 *   32  8  offset of cluster 0's data (bitmap end rounded up to a cluster)
 *   64     bitmap: bit i of byte i/8 set = cluster i is in this file
 *   data   cluster i at data + i * cluster size (a sparse file: unwritten ones take no
 *          space)
 * A cluster's data is written before its bitmap bit, so an interrupted write leaves the
 * cluster still read from the base. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/backends/backend.h"
#include "sim/backends/blockdev.h"
#include "sim/error.h"

#define OV_MAGIC "SOCSIMOV"
#define OV_VERSION 1
#define OV_CLUSTER 4096u
#define OV_HEADER 64u

struct blockdev_overlay {
    struct blockdev b;
    struct blockdev *base;
    uint64_t nclusters;
    uint8_t *bitmap;     /* which clusters the overlay holds */
    uint8_t **mem;       /* snapshot=on: cluster contents, NULL = from the base */
    char *path;          /* overlay file, NULL for snapshot=on */
    int fd;              /* -1 until the file exists (made on the first write) */
    uint64_t data_off;
    uint64_t written;    /* clusters held */
};

static bool has(const struct blockdev_overlay *o, uint64_t ci)
{
    return o->bitmap[ci / 8] & (1u << (ci % 8));
}

static uint64_t cluster_len(const struct blockdev_overlay *o, uint64_t ci)
{
    uint64_t start = ci * OV_CLUSTER;
    return o->b.size - start < OV_CLUSTER ? o->b.size - start : OV_CLUSTER;
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static int pio(struct blockdev_overlay *o, bool wr, void *buf, uint64_t n, uint64_t off)
{
    uint8_t *p = buf;
    while (n > 0) {
        ssize_t r = wr ? pwrite(o->fd, p, n, (off_t)off) : pread(o->fd, p, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return sim_err("blockdev %s: %s '%s': %s", o->b.node_name,
                           wr ? "writing" : "reading", o->path, strerror(errno));
        if (r == 0) {
            if (wr)
                return sim_err("blockdev %s: writing '%s': no space", o->b.node_name, o->path);
            memset(p, 0, n); /* a sparse hole at the end */
            break;
        }
        p += r, off += (uint64_t)r, n -= (uint64_t)r;
    }
    return 0;
}

static uint64_t data_offset(uint64_t nclusters)
{
    uint64_t end = OV_HEADER + (nclusters + 7) / 8;
    return (end + OV_CLUSTER - 1) / OV_CLUSTER * OV_CLUSTER;
}

/* The overlay file comes into being with the guest's first write, not at start-up. */
static int create_file(struct blockdev_overlay *o)
{
    uint8_t hdr[OV_HEADER] = {0};
    memcpy(hdr, OV_MAGIC, 8);
    put_le(hdr + 8, OV_VERSION, 4);
    put_le(hdr + 12, OV_CLUSTER, 4);
    put_le(hdr + 16, o->b.size, 8);
    put_le(hdr + 24, OV_HEADER, 8);
    put_le(hdr + 32, o->data_off, 8);
    o->fd = open(o->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (o->fd < 0)
        return sim_err("blockdev %s: cannot create '%s': %s", o->b.node_name, o->path,
                       strerror(errno));
    flock(o->fd, LOCK_EX | LOCK_NB); /* as an existing overlay file is (ov_open) */
    if (pio(o, true, hdr, sizeof(hdr), 0) < 0 ||
        pio(o, true, o->bitmap, (o->nclusters + 7) / 8, OV_HEADER) < 0) {
        /* Half made (a full disk): a later run would refuse what is left, so it goes (it
         * is ours: O_EXCL made it).  The next write tries again. */
        close(o->fd);
        o->fd = -1;
        unlink(o->path);
        return -1;
    }
    return 0;
}

static int load_file(struct blockdev_overlay *o)
{
    uint8_t hdr[OV_HEADER];
    struct stat st;
    if (fstat(o->fd, &st) < 0 || (uint64_t)st.st_size < OV_HEADER ||
        pio(o, false, hdr, sizeof(hdr), 0) < 0 || memcmp(hdr, OV_MAGIC, 8) != 0)
        return sim_err("'%s' is not a socsim overlay file", o->path);
    if (get_le(hdr + 8, 4) != OV_VERSION || get_le(hdr + 12, 4) != OV_CLUSTER)
        return sim_err("'%s': unsupported overlay format (version %llu)", o->path,
                       (unsigned long long)get_le(hdr + 8, 4));
    if (get_le(hdr + 16, 8) != o->b.size)
        return sim_err("overlay '%s' was made for a %llu-byte base, not %llu bytes", o->path,
                       (unsigned long long)get_le(hdr + 16, 8),
                       (unsigned long long)o->b.size);
    if (get_le(hdr + 24, 8) != OV_HEADER || get_le(hdr + 32, 8) != o->data_off)
        return sim_err("'%s': corrupt overlay header", o->path);
    if (pio(o, false, o->bitmap, (o->nclusters + 7) / 8, OV_HEADER) < 0)
        return -1;
    for (uint64_t ci = 0; ci < o->nclusters; ci++)
        o->written += has(o, ci);
    return 0;
}

static int ov_read(struct blockdev *b, uint64_t off, void *buf, uint64_t n)
{
    struct blockdev_overlay *o = container_of(b, struct blockdev_overlay, b);
    uint8_t *p = buf;
    while (n > 0) {
        uint64_t ci = off / OV_CLUSTER, in = off % OV_CLUSTER;
        uint64_t k = OV_CLUSTER - in < n ? OV_CLUSTER - in : n;
        int rc;
        if (!has(o, ci))
            rc = blockdev_read(o->base, off, p, k);
        else if (o->mem)
            memcpy(p, o->mem[ci] + in, k), rc = 0;
        else
            rc = pio(o, false, p, k, o->data_off + off);
        if (rc < 0)
            return -1;
        p += k, off += k, n -= k;
    }
    return 0;
}

static int ov_write(struct blockdev *b, uint64_t off, const void *buf, uint64_t n)
{
    struct blockdev_overlay *o = container_of(b, struct blockdev_overlay, b);
    const uint8_t *p = buf;
    if (!o->mem && o->fd < 0 && create_file(o) < 0)
        return -1;
    uint8_t *tmp = NULL;
    while (n > 0) {
        uint64_t ci = off / OV_CLUSTER, in = off % OV_CLUSTER;
        uint64_t k = OV_CLUSTER - in < n ? OV_CLUSTER - in : n;
        uint64_t clen = cluster_len(o, ci), cstart = ci * OV_CLUSTER;
        if (has(o, ci)) {
            if (o->mem)
                memcpy(o->mem[ci] + in, p, k);
            else if (pio(o, true, (void *)p, k, o->data_off + off) < 0)
                goto fail;
        } else {
            /* First write to this cluster: copy it from the base, then modify. */
            uint8_t *c = o->mem ? malloc(OV_CLUSTER) : (tmp ? tmp : (tmp = malloc(OV_CLUSTER)));
            if (!c) {
                sim_err("blockdev %s: out of memory", b->node_name);
                goto fail;
            }
            if (blockdev_read(o->base, cstart, c, clen) < 0) {
                if (o->mem)
                    free(c);
                goto fail;
            }
            memcpy(c + in, p, k);
            if (o->mem) {
                o->mem[ci] = c;
            } else {
                uint8_t *bm = &o->bitmap[ci / 8];
                if (pio(o, true, c, clen, o->data_off + cstart) < 0)
                    goto fail;
                uint8_t nb = *bm | (uint8_t)(1u << (ci % 8));
                if (pio(o, true, &nb, 1, OV_HEADER + ci / 8) < 0)
                    goto fail;
            }
            o->bitmap[ci / 8] |= (uint8_t)(1u << (ci % 8));
            o->written++;
        }
        p += k, off += k, n -= k;
    }
    free(tmp);
    return 0;
fail:
    free(tmp);
    return -1;
}

static int ov_flush(struct blockdev *b)
{
    struct blockdev_overlay *o = container_of(b, struct blockdev_overlay, b);
    if (o->fd >= 0 && fdatasync(o->fd) < 0 && errno != EINVAL)
        return sim_err("blockdev %s: flushing '%s': %s", b->node_name, o->path,
                       strerror(errno));
    return 0;
}

static void ov_info(struct blockdev *b, FILE *f)
{
    struct blockdev_overlay *o = container_of(b, struct blockdev_overlay, b);
    fprintf(f, " over %s, writes %s, %llu of %llu clusters written", o->base->node_name,
            o->mem ? "in memory (snapshot)" : o->path, (unsigned long long)o->written,
            (unsigned long long)o->nclusters);
}

static void ov_close(struct blockdev *b)
{
    struct blockdev_overlay *o = container_of(b, struct blockdev_overlay, b);
    if (o->mem)
        for (uint64_t i = 0; i < o->nclusters; i++)
            free(o->mem[i]);
    free(o->mem);
    free(o->bitmap);
    if (o->fd >= 0)
        close(o->fd);
    free(o->path);
    free(o);
}

struct ov_cfg {
    struct blockdev *file;
    char *filename;
    bool snapshot;
};

static struct blockdev *ov_open(struct machine *m, const char *node, const void *cfg,
                                uint64_t given)
{
    (void)m, (void)node, (void)given;
    const struct ov_cfg *c = cfg;
    struct blockdev *base = c->file;
    const char *path = c->filename;
    bool snapshot = c->snapshot;
    if (blockdev_use_base(base, "option 'file'") < 0)
        return NULL;
    if (snapshot && path) {
        sim_err("snapshot=on and filename= exclude each other");
        return NULL;
    }
    if (!snapshot && (!path || !*path)) {
        sim_err("missing filename= (or snapshot=on to keep writes in memory)");
        return NULL;
    }
    struct blockdev_overlay *o = calloc(1, sizeof(*o));
    if (!o) {
        sim_err("out of memory");
        return NULL;
    }
    o->fd = -1;
    o->base = base;
    o->b.size = base->size;
    o->b.format = base->format; /* the guest sees the base's bytes */
    o->nclusters = (base->size + OV_CLUSTER - 1) / OV_CLUSTER;
    o->data_off = data_offset(o->nclusters);
    o->bitmap = calloc((o->nclusters + 7) / 8 + 1, 1);
    if (snapshot)
        o->mem = calloc(o->nclusters + 1, sizeof(*o->mem));
    if (!o->bitmap || (snapshot && !o->mem)) {
        sim_err("out of memory");
        ov_close(&o->b);
        return NULL;
    }
    o->b.read = ov_read;
    o->b.write = ov_write;
    o->b.flush = ov_flush;
    o->b.close = ov_close;
    o->b.info = ov_info;
    if (path) {
        o->path = strdup(path);
        o->fd = open(path, O_RDWR | O_CLOEXEC);
        if (o->fd >= 0 && flock(o->fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK) {
            sim_err("'%s' is locked by another writer", path);
            ov_close(&o->b);
            return NULL;
        }
        if (o->fd >= 0) {
            if (load_file(o) < 0) {
                ov_close(&o->b);
                return NULL;
            }
        } else if (errno != ENOENT) {
            sim_err("cannot open '%s': %s", path, strerror(errno));
            ov_close(&o->b);
            return NULL;
        } else {
            /* Made on the first write; check now that it could be. */
            char *dir = strdup(path), *slash = strrchr(dir, '/');
            const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
            int ok = access(d, W_OK | X_OK);
            int e = errno;
            free(dir);
            if (ok < 0) {
                sim_err("cannot create '%s': %s", path, strerror(e));
                ov_close(&o->b);
                return NULL;
            }
        }
    }
    return &o->b;
}

static const struct opt_desc ov_options[] = {
    {.name = "file", .type = OPT_BLOCKDEV, .offset = offsetof(struct ov_cfg, file),
     .help = "the node-name of the base blockdev, never written", .flags = OPT_REQUIRED},
    OPT(struct ov_cfg, snapshot, OPT_BOOL, "snapshot", "off",
        "on: keep the guest's writes in memory only"),
    OPT(struct ov_cfg, filename, OPT_STRING, "filename", NULL,
        "keep the guest's writes in this file (made on the first write)"),
    {0},
};

static const struct blockdev_driver blockdev_overlay = {
    .name = "overlay",
    .desc = "copy-on-write over another blockdev",
    .options = ov_options,
    .cfg_size = sizeof(struct ov_cfg),
    .open = ov_open,
};
BLOCKDEV_DRIVER(blockdev_overlay)
