/* Output files written at the end of a run: replaced atomically when regular, written in
 * place otherwise (sim/outfile.h). */
#define _GNU_SOURCE
#include "sim/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/error.h"

#define MAX_LINKS 40 /* as the kernel follows (ELOOP beyond) */

void sim_path_dir(const char *path, char *dir, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, n, ".");
    else if (slash == path)
        snprintf(dir, n, "/");
    else
        snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

static int replace_check(struct sim_outfile *o, const char *path, const struct stat *st)
{
    char dir[PATH_MAX];
    sim_path_dir(path, dir, sizeof(dir));
    /* The temporary file is made in the same directory, so that rename(2) replaces the
     * file in one step. */
    if (access(dir, W_OK | X_OK) < 0)
        return sim_err("cannot write in directory '%s': %s", dir, strerror(errno));
    if (st && access(path, W_OK) < 0)
        return sim_err("'%s': %s", path, strerror(errno));
    snprintf(o->path, sizeof(o->path), "%s", path);
    o->replace = true;
    o->existed = st != NULL;
    o->mode = st ? st->st_mode & 07777 : 0;
    return 0;
}

static int in_place_check(struct sim_outfile *o, const char *path)
{
    if (access(path, W_OK) < 0)
        return sim_err("'%s': %s", path, strerror(errno));
    snprintf(o->path, sizeof(o->path), "%s", path);
    return 0;
}

/* A link in /proc (/dev/stdout -> /proc/self/fd/1) names an open file, which may be a
 * pipe or a file that socsim's own output also goes to: written in place, and through
 * socsim's own descriptor when it is one of them, so that the output lands where that
 * descriptor stands instead of at the start of the file. */
static int proc_link(struct sim_outfile *o, const char *path, const char *real_dir)
{
    char mine[64];
    snprintf(mine, sizeof(mine), "/proc/%d/fd", (int)getpid());
    const char *base = strrchr(path, '/') + 1; /* path has a directory part here */
    char *end;
    long fd = strtol(base, &end, 10);
    int fl;
    if (strcmp(real_dir, mine) == 0 && *base && !*end && fd >= 0 && fd <= INT_MAX &&
        (fl = fcntl((int)fd, F_GETFL)) >= 0 && (fl & O_ACCMODE) != O_RDONLY) {
        o->own_fd = (int)fd;
        snprintf(o->path, sizeof(o->path), "%s", path);
        return 0;
    }
    return in_place_check(o, path);
}

int sim_outfile_check(struct sim_outfile *o, const char *path)
{
    memset(o, 0, sizeof(*o));
    o->own_fd = -1;
    char cur[PATH_MAX];
    if (!*path)
        return sim_err("an empty path");
    if ((size_t)snprintf(cur, sizeof(cur), "%s", path) >= sizeof(cur))
        return sim_err("%s", strerror(ENAMETOOLONG));
    for (int links = 0;; links++) {
        struct stat st;
        if (lstat(cur, &st) < 0) {
            if (errno != ENOENT)
                return sim_err("'%s': %s", cur, strerror(errno));
            return replace_check(o, cur, NULL); /* a new file */
        }
        if (S_ISREG(st.st_mode))
            return replace_check(o, cur, &st);
        if (S_ISDIR(st.st_mode))
            return sim_err("'%s' is a directory", cur);
        if (!S_ISLNK(st.st_mode))
            return in_place_check(o, cur); /* a device, a FIFO, a socket */
        if (links == MAX_LINKS)
            return sim_err("'%s': %s", path, strerror(ELOOP));
        char dir[PATH_MAX], real[PATH_MAX], to[PATH_MAX];
        sim_path_dir(cur, dir, sizeof(dir));
        if (realpath(dir, real) && strncmp(real, "/proc/", 6) == 0)
            return proc_link(o, cur, real);
        ssize_t n = readlink(cur, to, sizeof(to) - 1);
        if (n < 0)
            return sim_err("'%s': %s", cur, strerror(errno));
        to[n] = '\0';
        /* The link's target replaces it; a relative one is relative to the link's
         * directory. */
        int len = to[0] == '/' ? snprintf(cur, sizeof(cur), "%s", to)
                               : snprintf(cur, sizeof(cur), "%s/%s", dir, to);
        if ((size_t)len >= sizeof(cur))
            return sim_err("'%s': %s", path, strerror(ENAMETOOLONG));
    }
}

FILE *sim_outfile_open(struct sim_outfile *o)
{
    int fd;
    if (o->replace) {
        snprintf(o->tmp, sizeof(o->tmp), "%s.tmp.XXXXXX", o->path);
        fd = mkostemp(o->tmp, O_CLOEXEC);
        mode_t mask = umask(0);
        umask(mask);
        if (fd >= 0 && fchmod(fd, o->existed ? o->mode : 0666 & ~mask) < 0) {
            int e = errno;
            close(fd);
            unlink(o->tmp);
            errno = e;
            fd = -1;
        }
    } else if (o->own_fd >= 0) {
        fflush(stdout); /* what socsim printed there comes first */
        fflush(stderr);
        fd = fcntl(o->own_fd, F_DUPFD_CLOEXEC, 0);
    } else {
        fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    }
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            if (o->replace)
                unlink(o->tmp);
        }
        sim_err("cannot write '%s': %s", o->replace ? o->tmp : o->path, strerror(e));
    }
    return f;
}

int sim_outfile_close(struct sim_outfile *o, FILE *f)
{
    int e = 0;
    if (fflush(f) != 0 || ferror(f))
        e = errno ? errno : EIO;
    if (!e && o->replace && fsync(fileno(f)) < 0 && errno != EINVAL)
        e = errno;
    if (fclose(f) != 0 && !e)
        e = errno;
    if (o->replace) {
        if (!e && rename(o->tmp, o->path) < 0)
            e = errno;
        if (e)
            unlink(o->tmp);
    }
    if (e)
        return sim_err("writing '%s': %s", o->path, strerror(e));
    return 0;
}

void sim_outfile_discard(struct sim_outfile *o, FILE *f)
{
    fclose(f);
    if (o->replace)
        unlink(o->tmp);
}
