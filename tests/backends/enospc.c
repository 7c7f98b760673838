/* A disk that fills up, for tests/backends/full_disk.sh: loaded with LD_PRELOAD, it lets
 * ENOSPC_AFTER bytes (default 0) reach files whose path contains ENOSPC_PATH, then fails
 * every further write to them as a full file system does: a short write for what still
 * fits, then -1 with errno ENOSPC.  Writes to other files pass through.  The count is over
 * every matching file together and survives their being closed and made again. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long room = -1; /* bytes still allowed; -1 until read from the environment */

static bool matches(int fd)
{
    const char *want = getenv("ENOSPC_PATH");
    if (!want || !*want)
        return false;
    char link[64], path[4096];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof(path) - 1);
    if (n < 0)
        return false;
    path[n] = '\0';
    return strstr(path, want) != NULL;
}

/* How many of n bytes may be written to fd now: n for other files, -1 (errno ENOSPC)
 * when the disk is full. */
static ssize_t allowed(int fd, size_t n)
{
    if (!matches(fd))
        return (ssize_t)n;
    if (room < 0) {
        const char *a = getenv("ENOSPC_AFTER");
        room = a ? atoll(a) : 0;
    }
    if (room == 0 && n > 0) {
        errno = ENOSPC;
        return -1;
    }
    size_t k = (unsigned long long)room < n ? (size_t)room : n;
    room -= (long long)k;
    return (ssize_t)k;
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void *buf, size_t n)
{
    ssize_t k = allowed(fd, n);
    return k < 0 ? -1 : REAL(write)(fd, buf, (size_t)k);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    ssize_t k = allowed(fd, n);
    return k < 0 ? -1 : REAL(pwrite)(fd, buf, (size_t)k, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
    ssize_t k = allowed(fd, n);
    return k < 0 ? -1 : REAL(pwrite64)(fd, buf, (size_t)k, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
    size_t n = 0;
    for (int i = 0; i < cnt; i++)
        n += iov[i].iov_len;
    ssize_t k = allowed(fd, n);
    if (k < 0)
        return -1;
    if ((size_t)k == n)
        return REAL(writev)(fd, iov, cnt);
    /* A short write: the first k bytes only. */
    struct iovec part[64];
    int m = 0;
    for (size_t left = (size_t)k; m < cnt && m < 64 && left > 0; m++) {
        part[m] = iov[m];
        if (part[m].iov_len > left)
            part[m].iov_len = left;
        left -= part[m].iov_len;
    }
    return REAL(writev)(fd, part, m);
}
