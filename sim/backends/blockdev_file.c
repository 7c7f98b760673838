/* file: a raw image file, read and written in place with pread/pwrite.  The image is
 * never created, truncated or grown: only the guest's own writes change it.  An advisory
 * lock keeps two simulators from writing one image at once. */
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

struct blockdev_file {
    struct blockdev b;
    int fd;
    char *path;
};

static int file_read(struct blockdev *b, uint64_t off, void *buf, uint64_t n)
{
    struct blockdev_file *f = container_of(b, struct blockdev_file, b);
    uint8_t *p = buf;
    while (n > 0) {
        ssize_t r = pread(f->fd, p, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return sim_err("blockdev %s: reading '%s': %s", b->node_name, f->path,
                           strerror(errno));
        if (r == 0) { /* the file shrank under us: what is gone reads as erased */
            memset(p, 0, n);
            break;
        }
        p += r, off += (uint64_t)r, n -= (uint64_t)r;
    }
    return 0;
}

static int file_write(struct blockdev *b, uint64_t off, const void *buf, uint64_t n)
{
    struct blockdev_file *f = container_of(b, struct blockdev_file, b);
    const uint8_t *p = buf;
    while (n > 0) {
        ssize_t r = pwrite(f->fd, p, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return sim_err("blockdev %s: writing '%s': %s", b->node_name, f->path,
                           r < 0 ? strerror(errno) : "no space");
        p += r, off += (uint64_t)r, n -= (uint64_t)r;
    }
    return 0;
}

static int file_write_ro(struct blockdev *b, uint64_t off, const void *buf, uint64_t n)
{
    (void)off, (void)buf, (void)n;
    return sim_err("blockdev %s: read-only", b->node_name);
}

static int file_flush(struct blockdev *b)
{
    struct blockdev_file *f = container_of(b, struct blockdev_file, b);
    if (!b->read_only && fdatasync(f->fd) < 0 && errno != EINVAL)
        return sim_err("blockdev %s: flushing '%s': %s", b->node_name, f->path,
                       strerror(errno));
    return 0;
}

static void file_info(struct blockdev *b, FILE *fp)
{
    struct blockdev_file *f = container_of(b, struct blockdev_file, b);
    (void)b;
    fprintf(fp, " %s", f->path);
}

static void file_close(struct blockdev *b)
{
    struct blockdev_file *f = container_of(b, struct blockdev_file, b);
    close(f->fd);
    free(f->path);
    free(f);
}

struct file_cfg {
    char *filename;
    bool read_only;
};

static struct blockdev *file_open(struct machine *m, const char *node, const void *cfg,
                                  uint64_t given)
{
    (void)m, (void)node, (void)given;
    const char *path = ((const struct file_cfg *)cfg)->filename;
    bool ro = ((const struct file_cfg *)cfg)->read_only;
    if (!path || !*path) {
        sim_err("missing filename=");
        return NULL;
    }
    int fd = open(path, (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (fd < 0) {
        sim_err("cannot open '%s'%s: %s", path, ro ? "" : " for writing", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
        sim_err("'%s' is not a regular file or block device", path);
        close(fd);
        return NULL;
    }
    uint64_t size = (uint64_t)st.st_size;
    if (S_ISBLK(st.st_mode)) {
        off_t end = lseek(fd, 0, SEEK_END);
        size = end > 0 ? (uint64_t)end : 0;
    }
    if (flock(fd, (ro ? LOCK_SH : LOCK_EX) | LOCK_NB) < 0 && errno == EWOULDBLOCK) {
        sim_err("'%s' is locked by another writer", path);
        close(fd);
        return NULL;
    }
    struct blockdev_file *f = calloc(1, sizeof(*f));
    if (!f) {
        close(fd);
        sim_err("out of memory");
        return NULL;
    }
    f->fd = fd;
    f->path = strdup(path);
    f->b.size = size;
    f->b.read_only = ro;
    f->b.read = file_read;
    f->b.write = ro ? file_write_ro : file_write;
    f->b.flush = file_flush;
    f->b.close = file_close;
    f->b.info = file_info;
    return &f->b;
}

static const struct opt_desc file_options[] = {
    {.name = "filename", .type = OPT_STRING, .offset = offsetof(struct file_cfg, filename),
     .help = "the raw image (its size is the device's size)", .flags = OPT_REQUIRED},
    OPT(struct file_cfg, read_only, OPT_BOOL, "read-only", "off",
        "on: open the image read-only; the guest sees write-protected media"),
    {0},
};

static const struct blockdev_driver blockdev_file = {
    .name = "file",
    .desc = "a raw image file, written in place",
    .options = file_options,
    .cfg_size = sizeof(struct file_cfg),
    .open = file_open,
};
BLOCKDEV_DRIVER(blockdev_file)
