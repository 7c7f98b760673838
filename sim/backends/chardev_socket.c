/* socket: a TCP or Unix stream socket, as a server (one client at a time; the next one
 * is accepted when it leaves) or as a client (reconnect=N retries every N host seconds,
 * reconnect-ms=N every N milliseconds).
 * All I/O is non-blocking; only wait=on blocks, before the simulation starts. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "sim/backends/backend.h"
#include "sim/error.h"
#include "sim/host_signal.h"
#include "sim/unix_socket.h"

struct chardev_socket {
    struct chardev c;
    bool server, wait, is_unix;
    char *host, *port, *path;
    char addr[300];      /* "tcp:127.0.0.1:4444" or "unix:/tmp/s", for messages */
    int listen_fd, fd;
    uint64_t reconnect_ms; /* client: retry period; 0 = no reconnect */
    int64_t next_try_ms; /* client: when to try connecting again */
    int connecting_fd;   /* client: a non-blocking connect under way, else -1 */
    struct sockaddr_storage peer; /* client: where to connect */
    socklen_t peer_len;
    struct sim_unix_listener unix_sock; /* a Unix server's socket, its file removed on close */
    struct chardev_outq out;
    uint64_t connections;
};

static void set_nonblock(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static void tune(struct chardev_socket *s, int fd)
{
    set_nonblock(fd);
    if (!s->is_unix) {
        int one = 1; /* a UART sends bytes one at a time: do not batch them */
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
}

static void disconnect(struct chardev_socket *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    chardev_outq_reset(&s->out);
    if (!s->server && s->reconnect_ms)
        s->next_try_ms = backend_now_ms() + (int64_t)s->reconnect_ms;
}

static int unix_addr(struct chardev_socket *s, struct sockaddr_un *sun)
{
    memset(sun, 0, sizeof(*sun));
    sun->sun_family = AF_UNIX;
    if (strlen(s->path) >= sizeof(sun->sun_path))
        return sim_err("path '%s' is too long for a Unix socket (at most %zu bytes)", s->path,
                       sizeof(sun->sun_path) - 1);
    strcpy(sun->sun_path, s->path);
    return 0;
}

static void connected(struct chardev_socket *s, int fd)
{
    tune(s, fd);
    s->fd = fd;
    s->connections++;
}

/* Connect to the peer at the address found at open.  Before the simulation starts
 * (`nonblock` false) the connect may take its time; from the poller it must not: it
 * starts, and finish_connect() completes it when the socket turns writable.  0 when
 * connected or under way, -1 with errno. */
static int client_connect(struct chardev_socket *s, bool nonblock)
{
    int fd = socket(s->peer.ss_family, SOCK_STREAM | SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK : 0),
                    0);
    if (fd < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&s->peer, s->peer_len) == 0) {
        connected(s, fd);
        return 0;
    }
    if (nonblock && errno == EINPROGRESS) {
        s->connecting_fd = fd;
        return 0;
    }
    int e = errno;
    close(fd);
    errno = e;
    return -1;
}

/* A non-blocking connect finished (POLLOUT): connected, or failed (retry later). */
static void finish_connect(struct chardev_socket *s)
{
    struct pollfd p = {.fd = s->connecting_fd, .events = POLLOUT};
    if (poll(&p, 1, 0) <= 0)
        return;
    int err = 0;
    socklen_t len = sizeof(err);
    int fd = s->connecting_fd;
    s->connecting_fd = -1;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) {
        connected(s, fd);
        return;
    }
    close(fd);
    s->next_try_ms = backend_now_ms() + (int64_t)s->reconnect_ms;
}

/* Where a client connects: resolved once, at open, so no reconnect waits on DNS. */
static int client_resolve(struct chardev_socket *s)
{
    if (s->is_unix) {
        struct sockaddr_un sun;
        if (unix_addr(s, &sun) < 0)
            return -1;
        memcpy(&s->peer, &sun, sizeof(sun));
        s->peer_len = sizeof(sun);
        return 0;
    }
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res;
    int rc = getaddrinfo(s->host, s->port, &hints, &res);
    if (rc != 0)
        return sim_err("cannot resolve host '%s': %s", s->host, gai_strerror(rc));
    memcpy(&s->peer, res->ai_addr, res->ai_addrlen);
    s->peer_len = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

static int server_listen(struct chardev_socket *s)
{
    if (s->is_unix) {
        if (sim_unix_listen(&s->unix_sock, s->path) < 0)
            return -1;
        s->listen_fd = s->unix_sock.fd;
    } else {
        struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *res;
        int rc = getaddrinfo(s->host, s->port, &hints, &res);
        if (rc != 0)
            return sim_err("cannot resolve host '%s': %s", s->host, gai_strerror(rc));
        int e = 0;
        for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
            int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
            if (fd < 0) {
                e = errno;
                continue;
            }
            int one = 1;
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
                s->listen_fd = fd;
                break;
            }
            e = errno;
            close(fd);
        }
        freeaddrinfo(res);
        if (s->listen_fd < 0)
            return sim_err("cannot listen on %s: %s", s->addr, strerror(e));
        /* port=0 asks the host for a free port: report the one it gave. */
        struct sockaddr_storage ss;
        socklen_t sl = sizeof(ss);
        if (getsockname(s->listen_fd, (struct sockaddr *)&ss, &sl) == 0) {
            char h[NI_MAXHOST], p[NI_MAXSERV];
            if (getnameinfo((struct sockaddr *)&ss, sl, h, sizeof(h), p, sizeof(p),
                            NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
                snprintf(s->addr, sizeof(s->addr), strchr(h, ':') ? "tcp:[%s]:%s" : "tcp:%s:%s",
                         h, p);
                free(s->port);
                s->port = strdup(p);
            }
        }
    }
    set_nonblock(s->listen_fd);
    return 0;
}

static void try_accept(struct chardev_socket *s)
{
    int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd >= 0)
        connected(s, fd);
}

static void socket_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    struct chardev_socket *s = container_of(c, struct chardev_socket, c);
    /* Like a serial line with nothing plugged in: output without a peer is lost. */
    if (s->fd < 0)
        return;
    if (chardev_outq_write(&s->out, s->fd, true, buf, n) < 0)
        disconnect(s);
}

static void socket_poll(struct chardev *c, bool block)
{
    struct chardev_socket *s = container_of(c, struct chardev_socket, c);
    (void)block;
    if (s->fd < 0) {
        if (s->server)
            try_accept(s);
        else if (s->connecting_fd >= 0)
            finish_connect(s);
        else if (s->reconnect_ms && backend_now_ms() >= s->next_try_ms &&
                 client_connect(s, true) < 0)
            s->next_try_ms = backend_now_ms() + (int64_t)s->reconnect_ms;
    }
    if (s->fd >= 0 && chardev_outq_pending(&s->out) &&
        chardev_outq_write(&s->out, s->fd, true, NULL, 0) < 0)
        disconnect(s);
    if (s->fd >= 0 && chardev_in_room(c) > 0) {
        ssize_t r = chardev_in_read_fd(c, s->fd, true);
        if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            disconnect(s); /* bytes already queued still reach the front end */
    }
    chardev_deliver(c);
}

static int socket_pollfds(struct chardev *c, struct pollfd *pfd, int max, int *timeout_ms)
{
    struct chardev_socket *s = container_of(c, struct chardev_socket, c);
    if (max < 1)
        return 0;
    if (s->fd >= 0) {
        short ev = (chardev_in_room(c) > 0 ? POLLIN : 0) |
                   (chardev_outq_pending(&s->out) ? POLLOUT : 0);
        if (!ev)
            return 0;
        pfd[0] = (struct pollfd){.fd = s->fd, .events = ev};
        return 1;
    }
    if (s->server) {
        pfd[0] = (struct pollfd){.fd = s->listen_fd, .events = POLLIN};
        return 1;
    }
    if (s->connecting_fd >= 0) {
        pfd[0] = (struct pollfd){.fd = s->connecting_fd, .events = POLLOUT};
        return 1;
    }
    if (s->reconnect_ms) {
        int64_t wait = s->next_try_ms - backend_now_ms();
        int t = wait < 0 ? 0 : (int)wait;
        if (*timeout_ms < 0 || t < *timeout_ms)
            *timeout_ms = t;
    }
    return 0;
}

static int socket_start(struct chardev *c)
{
    struct chardev_socket *s = container_of(c, struct chardev_socket, c);
    if (!s->server || !s->wait || s->fd >= 0)
        return 0;
    sim_warn("chardev %s: waiting for connection on %s", c->id, s->addr);
    while (s->fd < 0) {
        struct pollfd p = {.fd = s->listen_fd, .events = POLLIN};
        int r = sim_host_poll(&p, 1, -1);
        if (r < 0 && sim_signal_caught)
            return sim_err("%s while waiting for a client on %s",
                           sim_signal_name(sim_signal_caught), s->addr);
        if (r < 0 && errno != EINTR)
            return sim_err("waiting for a client on %s: %s", s->addr, strerror(errno));
        try_accept(s);
    }
    return 0;
}

static void socket_info(struct chardev *c, FILE *f)
{
    struct chardev_socket *s = container_of(c, struct chardev_socket, c);
    fprintf(f, " %s %s, %s, %llu bytes out, %llu in", s->addr,
            s->server ? "server" : "client", s->fd >= 0 ? "connected" : "disconnected",
            (unsigned long long)c->tx_bytes, (unsigned long long)c->rx_bytes);
    if (s->out.dropped)
        fprintf(f, ", %llu dropped", (unsigned long long)s->out.dropped);
}

static void socket_close(struct chardev *c)
{
    struct chardev_socket *s = container_of(c, struct chardev_socket, c);
    if (s->fd >= 0) {
        /* Give queued output one last chance, without waiting for a slow peer. */
        chardev_outq_write(&s->out, s->fd, true, NULL, 0);
        close(s->fd);
    }
    if (s->unix_sock.path)
        sim_unix_close(&s->unix_sock);
    else if (s->listen_fd >= 0)
        close(s->listen_fd);
    if (s->connecting_fd >= 0)
        close(s->connecting_fd);
    chardev_outq_free(&s->out);
    free(s->host);
    free(s->port);
    free(s->path);
    free(s);
}

struct socket_cfg {
    char *host, *path;
    uint64_t port, reconnect, reconnect_ms;
    bool server, wait;
};

static const struct opt_desc socket_options[] = {
    OPT(struct socket_cfg, host, OPT_STRING, "host", "127.0.0.1", "TCP address"),
    {.name = "port", .type = OPT_INT, .offset = offsetof(struct socket_cfg, port),
     .help = "TCP port (server: 0 lets the host pick one, shown when waiting)", .max = 65535},
    OPT(struct socket_cfg, path, OPT_STRING, "path", NULL, "Unix socket instead of TCP"),
    OPT(struct socket_cfg, server, OPT_BOOL, "server", "off",
        "on: listen for a client; off: connect to a server"),
    OPT(struct socket_cfg, wait, OPT_BOOL, "wait", "on",
        "server: wait for the client before the simulation starts"),
    {.name = "reconnect", .type = OPT_INT, .offset = offsetof(struct socket_cfg, reconnect),
     .def = "0", .help = "client: when the connection fails or ends, retry every N seconds",
     .max = 86400},
    {.name = "reconnect-ms", .type = OPT_INT,
     .offset = offsetof(struct socket_cfg, reconnect_ms), .def = "0",
     .help = "client: the same in milliseconds", .max = 86400000},
    {0},
};

static struct chardev *socket_open(struct machine *m, const char *id, const void *cfg,
                                   uint64_t given)
{
    (void)m, (void)id;
    const struct socket_cfg *o = cfg;
    const char *host = opt_given(socket_options, given, "host") ? o->host : NULL;
    const char *path = o->path;
    bool port = opt_given(socket_options, given, "port"), server = o->server, wait = o->wait;
    uint64_t reconnect = o->reconnect, reconnect_ms = o->reconnect_ms, portnum = o->port;
    if (reconnect && reconnect_ms) {
        sim_err("reconnect= and reconnect-ms= exclude each other");
        return NULL;
    }
    reconnect_ms += reconnect * 1000;
    if (path && (host || port)) {
        sim_err("path= (Unix socket) and host=/port= (TCP) exclude each other");
        return NULL;
    }
    if (path && !*path) {
        sim_err("missing path=");
        return NULL;
    }
    if (!path && !port) {
        sim_err("missing port=");
        return NULL;
    }
    if (server && reconnect_ms) {
        sim_err("reconnect= is for clients (server=off)");
        return NULL;
    }
    if (!server && portnum == 0 && port) {
        sim_err("port=0 is for servers (the host picks a free port)");
        return NULL;
    }
    if (opt_given(socket_options, given, "wait") && !server) {
        sim_err("wait= is for servers (server=on)");
        return NULL;
    }
    struct chardev_socket *s = calloc(1, sizeof(*s));
    if (!s) {
        sim_err("out of memory");
        return NULL;
    }
    s->listen_fd = s->fd = s->connecting_fd = -1;
    s->server = server;
    s->wait = wait;
    s->reconnect_ms = reconnect_ms;
    s->is_unix = path != NULL;
    if (path) {
        s->path = strdup(path);
        snprintf(s->addr, sizeof(s->addr), "unix:%s", path);
    } else {
        s->host = strdup(host && *host ? host : "127.0.0.1");
        s->port = malloc(8);
        snprintf(s->port, 8, "%u", (unsigned)portnum);
        snprintf(s->addr, sizeof(s->addr), strchr(s->host, ':') ? "tcp:[%s]:%s" : "tcp:%s:%s",
                 s->host, s->port);
    }
    s->c.write = socket_write;
    s->c.poll = socket_poll;
    s->c.pollfds = socket_pollfds;
    s->c.start = socket_start;
    s->c.close = socket_close;
    s->c.info = socket_info;
    if (server) {
        if (server_listen(s) < 0) {
            socket_close(&s->c);
            return NULL;
        }
        /* The host picked the port: without waiting there is no other way to learn it. */
        if (!wait && port && portnum == 0)
            sim_warn("chardev %s: listening on %s", id, s->addr);
    } else if (client_resolve(s) < 0) {
        socket_close(&s->c);
        return NULL;
    } else if (client_connect(s, false) < 0) {
        if (!reconnect_ms) {
            sim_err("cannot connect to %s: %s", s->addr, strerror(errno));
            socket_close(&s->c);
            return NULL;
        }
        sim_warn("chardev %s: cannot connect to %s (%s); retrying every %llu ms", id, s->addr,
                 strerror(errno), (unsigned long long)s->reconnect_ms);
        s->next_try_ms = backend_now_ms() + (int64_t)s->reconnect_ms;
    }
    return &s->c;
}


static const struct chardev_driver chardev_socket = {
    .name = "socket",
    .desc = "a TCP or Unix stream socket, as server or client",
    .options = socket_options,
    .cfg_size = sizeof(struct socket_cfg),
    .open = socket_open,
};
CHARDEV_DRIVER(chardev_socket)
