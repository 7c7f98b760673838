/* Listening Unix sockets that leave the user's files alone (sim/unix_socket.h). */
#include "sim/unix_socket.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "sim/error.h"

/* Is a program listening on the socket at `sa`?  A connection attempt says: refused means
 * nobody is (a stale socket file). */
static int probe(const struct sockaddr_un *sa, const char *path)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return sim_err("cannot listen: %s", strerror(errno));
    int rc = connect(fd, (const struct sockaddr *)sa, sizeof(*sa));
    int e = errno;
    close(fd);
    if (rc == 0 || e == EAGAIN) /* EAGAIN: a listener whose backlog is full */
        return sim_err("'%s' is in use: a program listens on it", path);
    if (e != ECONNREFUSED)
        return sim_err("'%s': %s", path, strerror(e));
    return 0;
}

int sim_unix_listen(struct sim_unix_listener *l, const char *path)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    l->fd = -1;
    l->path = NULL;
    if (!*path)
        return sim_err("an empty path for a Unix socket");
    if (strlen(path) >= sizeof(sa.sun_path))
        return sim_err("path '%s' is too long for a Unix socket (at most %zu bytes)", path,
                       sizeof(sa.sun_path) - 1);
    strcpy(sa.sun_path, path);
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode))
            return sim_err("'%s' exists and is not a socket", path);
        if (probe(&sa, path) < 0)
            return -1;
        unlink(path); /* stale: left by a run that could not remove it */
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return sim_err("cannot listen: %s", strerror(e));
    }
    if (listen(fd, 1) < 0 || lstat(path, &st) < 0) {
        int e = errno;
        close(fd);
        unlink(path);
        return sim_err("cannot listen: %s", strerror(e));
    }
    l->fd = fd;
    l->path = strdup(path);
    l->dev = st.st_dev;
    l->ino = st.st_ino;
    return 0;
}

void sim_unix_close(struct sim_unix_listener *l)
{
    if (l->fd >= 0)
        close(l->fd);
    struct stat st;
    if (l->path && lstat(l->path, &st) == 0 && st.st_dev == l->dev && st.st_ino == l->ino)
        unlink(l->path);
    free(l->path);
    l->fd = -1;
    l->path = NULL;
}
