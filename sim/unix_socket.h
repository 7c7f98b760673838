/* A listening Unix socket at a path, for the socket chardev's server and -gdb unix:PATH.
 *
 * What is at the path already is the user's, and stays, unless it is a socket that nobody
 * listens on (one a run that ended without cleaning up left behind): that one is
 * replaced.  A socket a program listens on is refused, as is anything that is not a
 * socket.  The socket file is removed when the listener closes, on every way out of the
 * program that closes it, and only if it is still the one made here. */
#ifndef SIM_UNIX_SOCKET_H
#define SIM_UNIX_SOCKET_H

#include <sys/types.h>

struct sim_unix_listener {
    int fd; /* -1 when closed */
    char *path;
    dev_t dev; /* the socket file made, to remove that one only */
    ino_t ino;
};

/* Listen at `path` (backlog 1).  0, or -1 with sim_err set: "'PATH' exists and is not a
 * socket", "'PATH' is in use: a program listens on it", "cannot listen: REASON", or the
 * path's length. */
int sim_unix_listen(struct sim_unix_listener *l, const char *path);
/* Close the socket and remove its file.  Harmless on a listener that never listened
 * (zeroed, or fd -1). */
void sim_unix_close(struct sim_unix_listener *l);

#endif
