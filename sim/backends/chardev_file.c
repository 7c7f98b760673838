/* file: output to a file (truncated, or appended to with append=on); input, when in= names
 * one, read from another file as fast as the front end takes it.  The output file is
 * checked when the option is read but truncated (or made) only when the simulation
 * starts, so a command line that fails later leaves the user's old file as it was. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/backends/backend.h"
#include "sim/error.h"

struct chardev_file {
    struct chardev c;
    FILE *out;      /* NULL until started */
    int out_fd;     /* the existing file, opened to check it; -1 when it is to be made */
    int in_fd;
    bool append, dirty;
    char *path, *in_path;
};

static int file_start(struct chardev *c)
{
    struct chardev_file *f = container_of(c, struct chardev_file, c);
    if (f->out)
        return 0;
    int fd = f->out_fd;
    f->out_fd = -1;
    if (fd < 0)
        fd = open(f->path, O_WRONLY | O_CREAT | O_CLOEXEC | (f->append ? O_APPEND : O_TRUNC),
                  0666);
    else if (!f->append && ftruncate(fd, 0) < 0 && errno != EINVAL) { /* EINVAL: FIFO, tty */
        sim_err("cannot truncate '%s': %s", f->path, strerror(errno));
        close(fd);
        return -1;
    }
    if (fd < 0 || !(f->out = fdopen(fd, f->append ? "a" : "w"))) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return sim_err("cannot open '%s': %s", f->path, strerror(e));
    }
    return 0;
}

/* The host refused bytes (a full disk): said once; the exit status says it too. */
static void write_failed(struct chardev_file *f)
{
    if (!f->c.failed)
        sim_warn("chardev %s: writing '%s': %s", f->c.id, f->path, strerror(errno));
    f->c.failed = true;
}

static void file_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    struct chardev_file *f = container_of(c, struct chardev_file, c);
    if (!f->out && file_start(c) < 0) { /* used before the start (a unit test, a board) */
        if (!c->failed)
            sim_err_print();
        c->failed = true;
        return;
    }
    if (fwrite(buf, 1, n, f->out) != n)
        write_failed(f);
    f->dirty = true;
}

static void file_flush(struct chardev *c)
{
    struct chardev_file *f = container_of(c, struct chardev_file, c);
    if (f->dirty && f->out && fflush(f->out) != 0)
        write_failed(f);
    f->dirty = false;
}

static void file_poll(struct chardev *c, bool block)
{
    struct chardev_file *f = container_of(c, struct chardev_file, c);
    (void)block;
    file_flush(c);
    if (f->in_fd >= 0 && chardev_in_room(c) > 0) {
        ssize_t r = chardev_in_read_fd(c, f->in_fd, false);
        if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
            close(f->in_fd); /* end of input */
            f->in_fd = -1;
        }
    }
    chardev_deliver(c);
}

static int file_pollfds(struct chardev *c, struct pollfd *pfd, int max, int *timeout_ms)
{
    struct chardev_file *f = container_of(c, struct chardev_file, c);
    (void)pfd, (void)max;
    /* A regular file is always readable: no need to wait, just come back at once. */
    if (f->in_fd >= 0 && chardev_in_room(c) > 0)
        *timeout_ms = 0;
    return 0;
}

static void file_info(struct chardev *c, FILE *fp)
{
    struct chardev_file *f = container_of(c, struct chardev_file, c);
    fprintf(fp, " %s, %llu bytes written", f->path, (unsigned long long)c->tx_bytes);
    if (f->in_path)
        fprintf(fp, ", input %s, %llu bytes read", f->in_path,
                (unsigned long long)c->rx_bytes);
}

static void file_close(struct chardev *c)
{
    struct chardev_file *f = container_of(c, struct chardev_file, c);
    if (f->out)
        fclose(f->out);
    if (f->out_fd >= 0)
        close(f->out_fd);
    if (f->in_fd >= 0)
        close(f->in_fd);
    free(f->path);
    free(f->in_path);
    free(f);
}

struct file_cfg {
    char *path, *in;
    bool append;
};

static struct chardev *file_open(struct machine *m, const char *id, const void *cfg,
                                 uint64_t given)
{
    (void)m, (void)id, (void)given;
    const struct file_cfg *o = cfg;
    const char *path = o->path, *in = o->in;
    bool append = o->append;
    if (!path || !*path) {
        sim_err("missing path=");
        return NULL;
    }
    struct chardev_file *f = calloc(1, sizeof(*f));
    if (!f) {
        sim_err("out of memory");
        return NULL;
    }
    f->in_fd = f->out_fd = -1;
    f->append = append;
    if (in) {
        f->in_fd = open(in, O_RDONLY | O_CLOEXEC);
        if (f->in_fd < 0) {
            sim_err("cannot open '%s': %s", in, strerror(errno));
            free(f);
            return NULL;
        }
    }
    /* Check now that the output can be written, without changing it yet. */
    f->out_fd = open(path, O_WRONLY | O_CLOEXEC | (append ? O_APPEND : 0));
    int e = errno;
    if (f->out_fd < 0 && e == ENOENT) {
        char *dir = strdup(path), *slash = strrchr(dir, '/');
        const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
        e = access(d, W_OK | X_OK) == 0 ? 0 : errno;
        free(dir);
    }
    if (f->out_fd < 0 && e != 0) {
        sim_err("cannot open '%s': %s", path, strerror(e));
        if (f->in_fd >= 0)
            close(f->in_fd);
        free(f);
        return NULL;
    }
    f->path = strdup(path);
    f->in_path = in ? strdup(in) : NULL;
    f->c.start = file_start;
    f->c.write = file_write;
    f->c.poll = file_poll;
    f->c.pollfds = file_pollfds;
    f->c.flush = file_flush;
    f->c.close = file_close;
    f->c.info = file_info;
    return &f->c;
}

static const struct opt_desc file_options[] = {
    {.name = "path", .type = OPT_STRING, .offset = offsetof(struct file_cfg, path),
     .help = "the file output goes to: created, or truncated", .flags = OPT_REQUIRED},
    OPT(struct file_cfg, append, OPT_BOOL, "append", "off",
        "on: add to the end of the file instead of truncating it"),
    OPT(struct file_cfg, in, OPT_STRING, "in", NULL, "read input from this file"),
    {0},
};

static const struct chardev_driver chardev_file = {
    .name = "file",
    .desc = "write output to a file (and read input from one)",
    .options = file_options,
    .cfg_size = sizeof(struct file_cfg),
    .open = file_open,
};
CHARDEV_DRIVER(chardev_file)
