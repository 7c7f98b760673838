/* file: a raw image file, read and written in place with pread/pwrite.  The image is
 * never created or truncated, and grown only by a qcow2 node over it allocating clusters:
 * a front end's writes change only the bytes it writes.  A file whose header is another
 * image format's is not written as raw unless format=raw says it is raw: a qcow2 is left
 * for a qcow2 node to take, other formats are refused at once.
 *
 * Opened for reading with a shared advisory lock (flock), as a base under an overlay or a
 * qcow2 backing file needs it, so that runs may share a base, and one on a read-only file
 * system needs no read-only=on.  A writer (a front end, a qcow2 node written through)
 * claims it (blockdev_claim): opened again for writing, with an exclusive lock, so no other
 * simulator writes it or reads it as a base at the same time. */
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
    bool writable; /* claimed: fd is open for writing, with the exclusive lock */
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

/* The writer's claim: the file opened again for writing (the same file: a path replaced
 * since is refused), the shared lock traded for an exclusive one. */
static int file_claim(struct blockdev *b)
{
    struct blockdev_file *f = container_of(b, struct blockdev_file, b);
    if (f->writable)
        return 0;
    int fd = open(f->path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        return sim_err("cannot open '%s' for writing: %s%s", f->path, strerror(e),
                       e == EROFS || e == EACCES || e == EPERM
                           ? " (read-only=on gives the guest write-protected media)"
                           : "");
    }
    struct stat a, o;
    if (fstat(fd, &a) < 0 || fstat(f->fd, &o) < 0 || a.st_dev != o.st_dev || a.st_ino != o.st_ino) {
        close(fd);
        return sim_err("'%s' was replaced by another file since it was opened", f->path);
    }
    flock(f->fd, LOCK_UN);
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        int e = errno;
        flock(f->fd, LOCK_SH | LOCK_NB);
        close(fd);
        if (e == EWOULDBLOCK)
            return sim_err("'%s' is in use by another process (locked: it reads or writes "
                           "the image)",
                           f->path);
        return sim_err("locking '%s': %s", f->path, strerror(e));
    }
    close(f->fd);
    f->fd = fd;
    f->writable = true;
    return 0;
}

static int file_write(struct blockdev *b, uint64_t off, const void *buf, uint64_t n)
{
    struct blockdev_file *f = container_of(b, struct blockdev_file, b);
    if (!f->writable && file_claim(b) < 0) /* a writer that did not claim it first */
        return sim_err_prefix("blockdev %s", b->node_name);
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
    if (f->writable && fdatasync(f->fd) < 0 && errno != EINVAL)
        return sim_err("blockdev %s: flushing '%s': %s", b->node_name, f->path,
                       strerror(errno));
    return 0;
}

static int file_resize(struct blockdev *b, uint64_t size)
{
    struct blockdev_file *f = container_of(b, struct blockdev_file, b);
    if (!f->writable && file_claim(b) < 0)
        return sim_err_prefix("blockdev %s", b->node_name);
    if (ftruncate(f->fd, (off_t)size) < 0)
        return sim_err("blockdev %s: growing '%s' to %llu bytes: %s", b->node_name, f->path,
                       (unsigned long long)size, strerror(errno));
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

/* Formats socsim does not read yet, known by their headers (each format's own
 * specification: qcow2's and QED's headers, VMDK's sparse extent and descriptor file,
 * VDI's signature word at 0x40, VHDX's file type identifier, VHD's footer copy at the start
 * of a dynamic disk).  A guest writing such a file as raw would destroy its metadata. */
static const char *probe_format(const uint8_t *h, size_t n)
{
    static const struct {
        const char *name;
        size_t off;
        const char *magic;
        size_t len;
    } known[] = {
        {"qcow", 0, "QFI\xfb\0\0\0\1", 8}, /* version 1, before qcow2's 2 and 3 */
        {"qcow2", 0, "QFI\xfb", 4},
        {"qed", 0, "QED\0", 4},
        {"vmdk", 0, "KDMV", 4},
        {"vmdk", 0, "COWD", 4},
        {"vmdk", 0, "# Disk DescriptorFile", 21},
        {"vdi", 0x40, "\x7f\x10\xda\xbe", 4},
        {"vhdx", 0, "vhdxfile", 8},
        {"vpc", 0, "conectix", 8},
    };
    for (size_t i = 0; i < ARRAY_SIZE(known); i++)
        if (known[i].off + known[i].len <= n &&
            memcmp(h + known[i].off, known[i].magic, known[i].len) == 0)
            return known[i].name;
    return NULL;
}

struct file_cfg {
    char *filename, *format;
    bool read_only;
};

static struct blockdev *file_open(struct machine *m, const char *node, const void *cfg,
                                  uint64_t given)
{
    (void)m, (void)node, (void)given;
    const struct file_cfg *c = cfg;
    const char *path = c->filename, *format = c->format;
    bool ro = c->read_only;
    if (format && strcmp(format, "raw") != 0) {
        sim_err("format=%s: the file driver reads raw images only (format=raw)%s", format,
                strcmp(format, "qcow2") == 0 ? "; a qcow2 image is read by a driver=qcow2 node "
                                               "with file= naming this one" : "");
        return NULL;
    }
    if (!path || !*path) {
        sim_err("missing filename=");
        return NULL;
    }
    /* O_NONBLOCK: a FIFO given as an image must not hang the open. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        sim_err("cannot open '%s'%s: %s", path, ro ? "" : " for writing", strerror(errno));
        return NULL;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
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
    if (flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK) {
        sim_err("'%s' is locked by another writer", path);
        close(fd);
        return NULL;
    }
    uint8_t hdr[512];
    ssize_t got = pread(fd, hdr, sizeof(hdr), 0);
    const char *probed = got > 0 ? probe_format(hdr, (size_t)got) : NULL;
    /* A qcow2 is opened for its qcow2 node (driver=qcow2,file=NODE) to take; used as raw
     * it is refused when a front end asks for it (blockdev_use).  Formats socsim does not
     * read are refused now. */
    if (probed && !format && !ro && strcmp(probed, "qcow2") != 0) {
        sim_err("'%s' is a %s image, not raw; socsim reads raw and qcow2 images, and the "
                "guest's writes would destroy it: convert it (qemu-img convert -O qcow2) or "
                "serve it with qemu-nbd and use driver=nbd (format=raw uses its bytes as a raw "
                "image anyway)", path, probed);
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
    f->b.format = probed;
    f->b.raw_unsafe = probed && !format && !ro;
    f->b.raw_ok_warned = format != NULL; /* format=raw: meant as raw, nothing to warn of */
    f->b.filename = f->path;
    f->b.read = file_read;
    f->b.write = ro ? file_write_ro : file_write;
    f->b.flush = file_flush;
    f->b.resize = S_ISREG(st.st_mode) && !ro ? file_resize : NULL;
    f->b.claim = ro ? NULL : file_claim;
    f->b.close = file_close;
    f->b.info = file_info;
    return &f->b;
}

static const struct opt_desc file_options[] = {
    {.name = "filename", .type = OPT_STRING, .offset = offsetof(struct file_cfg, filename),
     .help = "the image: raw, its size the device's; or qcow2, for a driver=qcow2 node",
     .flags = OPT_REQUIRED},
    OPT(struct file_cfg, read_only, OPT_BOOL, "read-only", "off",
        "on: open the image read-only; the guest sees write-protected media"),
    OPT(struct file_cfg, format, OPT_STRING, "format", NULL,
        "raw: the image is raw even if its header looks like qcow2, vmdk, vdi, vhdx, qed or vpc"),
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
