/* nbd: an export of a Network Block Device server (qemu-nbd, nbdkit, nbd-server) over a
 * Unix or TCP socket, through libnbd, so whatever QEMU's block layer reads (vmdk, qcow2
 * internal snapshots, a host partition) backs a flash, an EEPROM or an SD card.
 *
 * Requests are libnbd's asynchronous ones, waited for with a host-time limit (timeout=), so
 * a server that stops answering ends in an error rather than a hang; a server that goes
 * away fails every request from then on with the same message.  The front end turns the
 * error into what the guest sees (an SD card's data error token, a flash's failed
 * write-back warning).  Simulated time is not involved: the front end charges the bus
 * protocol's time whatever the server does. */
#include <dlfcn.h>
#include <errno.h>
#include <libnbd.h>
#include <stdlib.h>
#include <string.h>

#include "sim/backends/backend.h"
#include "sim/backends/blockdev.h"
#include "sim/error.h"

#define NBD_CHUNK (1u << 20) /* bytes per request, below every server's limit */

/* libnbd is opened when the first nbd node is, not linked: it brings gnutls, libxml2 and
 * ICU, whose start-up (some 1.7 million host cycles of relocations) every run would pay. */
// clang-format off
#define NBD_FUNCS(X)                                                                     \
    X(aio_command_completed) X(aio_connect_tcp) X(aio_connect_unix) X(aio_flush)         \
    X(aio_is_closed) X(aio_is_connecting) X(aio_is_dead) X(aio_is_ready) X(aio_pread)    \
    X(aio_pwrite) X(can_flush) X(close) X(create) X(get_error) X(get_size)               \
    X(is_read_only) X(poll) X(set_export_name) X(shutdown)
// clang-format on

static struct {
#define X(f) __typeof__(nbd_##f) *f;
    NBD_FUNCS(X)
#undef X
    bool loaded;
} lib;

static int nbd_lib_load(void)
{
    if (lib.loaded)
        return 0;
    void *h = dlopen("libnbd.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return sim_err("the nbd driver needs libnbd (Debian package libnbd0): %s", dlerror());
#define X(f)                                                                                       \
    if (!(lib.f = (__typeof__(nbd_##f) *)dlsym(h, "nbd_" #f)))                                     \
        return sim_err("libnbd lacks nbd_" #f " (version 1.14 or later is needed)");
    NBD_FUNCS(X)
#undef X
    lib.loaded = true;
    return 0;
}

struct blockdev_nbd {
    struct blockdev b;
    struct nbd_handle *h;
    char *where; /* "unix:/path" or "tcp:host:port", export */
    int timeout_ms;
    bool dead; /* the connection is gone: every request fails */
    uint64_t requests;
};

/* "blockdev NODE: " once the node is made; at -blockdev time the option names it. */
static const char *nprefix(const struct blockdev_nbd *d)
{
    static char buf[300];
    if (!d->b.node_name)
        return "";
    snprintf(buf, sizeof buf, "blockdev %s: ", d->b.node_name);
    return buf;
}

/* Wait for the handshake (cookie 0) or a command; 0, or -1 with sim_err set. */
static int nbd_wait(struct blockdev_nbd *d, int64_t cookie, const char *what)
{
    int64_t deadline = backend_now_ms() + d->timeout_ms;
    for (;;) {
        if (cookie == 0) {
            if (!lib.aio_is_connecting(d->h)) {
                if (lib.aio_is_ready(d->h))
                    return 0;
                break;
            }
        } else {
            int r = lib.aio_command_completed(d->h, (uint64_t)cookie);
            if (r == 1)
                return 0;
            if (r < 0)
                break;
        }
        int64_t left = deadline - backend_now_ms();
        if (left <= 0) {
            d->dead = true;
            lib.shutdown(d->h, LIBNBD_SHUTDOWN_ABANDON_PENDING);
            return sim_err("%s%s %s: no answer within %d ms", nprefix(d), what, d->where,
                           d->timeout_ms);
        }
        if (lib.poll(d->h, (int)(left > 1000 ? 1000 : left)) < 0)
            break;
    }
    const char *msg = lib.get_error();
    if (lib.aio_is_dead(d->h) || lib.aio_is_closed(d->h))
        d->dead = true;
    return sim_err("%s%s %s: %s", nprefix(d), what, d->where, msg ? msg : "the server went away");
}

static int nbd_io(struct blockdev_nbd *d, bool wr, uint64_t off, void *buf, uint64_t n)
{
    uint8_t *p = buf;
    if (d->dead)
        return sim_err("%s%s: the connection to the server is gone", nprefix(d), d->where);
    while (n > 0) {
        size_t k = n > NBD_CHUNK ? NBD_CHUNK : (size_t)n;
        int64_t c = wr ? lib.aio_pwrite(d->h, p, k, off, NBD_NULL_COMPLETION, 0)
                       : lib.aio_pread(d->h, p, k, off, NBD_NULL_COMPLETION, 0);
        if (c < 0) {
            d->dead = lib.aio_is_dead(d->h) || lib.aio_is_closed(d->h);
            return sim_err("%s%s %s: %s", nprefix(d), wr ? "writing" : "reading", d->where,
                           lib.get_error());
        }
        d->requests++;
        if (nbd_wait(d, c, wr ? "writing" : "reading") < 0)
            return -1;
        p += k, off += k, n -= k;
    }
    return 0;
}

static int n_read(struct blockdev *b, uint64_t off, void *buf, uint64_t n)
{
    return nbd_io(container_of(b, struct blockdev_nbd, b), false, off, buf, n);
}

static int n_write(struct blockdev *b, uint64_t off, const void *buf, uint64_t n)
{
    return nbd_io(container_of(b, struct blockdev_nbd, b), true, off, (void *)buf, n);
}

static int n_flush(struct blockdev *b)
{
    struct blockdev_nbd *d = container_of(b, struct blockdev_nbd, b);
    if (d->dead || b->read_only || lib.can_flush(d->h) != 1)
        return 0;
    int64_t c = lib.aio_flush(d->h, NBD_NULL_COMPLETION, 0);
    if (c < 0)
        return sim_err("%sflushing %s: %s", nprefix(d), d->where, lib.get_error());
    return nbd_wait(d, c, "flushing");
}

static void n_info(struct blockdev *b, FILE *f)
{
    struct blockdev_nbd *d = container_of(b, struct blockdev_nbd, b);
    fprintf(f, " %s, %llu requests%s", d->where, (unsigned long long)d->requests,
            d->dead ? ", connection lost" : "");
}

static void n_close(struct blockdev *b)
{
    struct blockdev_nbd *d = container_of(b, struct blockdev_nbd, b);
    if (d->h) {
        if (!d->dead && lib.aio_is_ready(d->h))
            lib.shutdown(d->h, 0);
        lib.close(d->h);
    }
    free(d->where);
    free(d);
}

struct nbd_cfg {
    int type; /* 0 unix, 1 inet */
    char *path, *host, *port, *export;
    bool read_only;
    uint64_t timeout;
};

static const char *const server_types[] = {"unix", "inet", NULL};

static struct blockdev *n_open(struct machine *m, const char *node, const void *cfg,
                               uint64_t given)
{
    (void)m, (void)node, (void)given;
    const struct nbd_cfg *c = cfg;
    const char *type = server_types[c->type], *path = c->path, *host = c->host;
    const char *port = c->port, *export = c->export;
    bool ro = c->read_only;
    uint64_t timeout = c->timeout;
    if (nbd_lib_load() < 0)
        return NULL;
    bool unix_sock = c->type == 0;
    if (unix_sock && (!path || !*path)) {
        sim_err("missing server.path= (the server's Unix socket)");
        return NULL;
    }
    if (!unix_sock && (!host || !*host || !port || !*port)) {
        sim_err("missing server.host= and server.port= (the server's TCP address)");
        return NULL;
    }
    if ((unix_sock && (host || port)) || (!unix_sock && path)) {
        sim_err("server.type=%s takes %s", type,
                unix_sock ? "server.path=, not server.host= or server.port="
                          : "server.host= and server.port=, not server.path=");
        return NULL;
    }
    struct blockdev_nbd *d = calloc(1, sizeof(*d));
    char where[600];
    snprintf(where, sizeof where, "%s%s%s%s, export '%s'",
             unix_sock ? "unix:" : "tcp:", unix_sock ? path : host, unix_sock ? "" : ":",
             unix_sock ? "" : port, export ? export : "");
    if (!d || !(d->where = strdup(where)) || !(d->h = lib.create())) {
        sim_err("cannot make an NBD client: %s", d && d->where ? lib.get_error() : "out of memory");
        if (d)
            n_close(&d->b);
        return NULL;
    }
    d->timeout_ms = (int)timeout * 1000;
    d->b.node_name = NULL;
    lib.set_export_name(d->h, export ? export : "");
    int rc = unix_sock ? lib.aio_connect_unix(d->h, path) : lib.aio_connect_tcp(d->h, host, port);
    if (rc < 0 || nbd_wait(d, 0, "connecting to") < 0) {
        if (rc < 0)
            sim_err("cannot connect to %s: %s", d->where, lib.get_error());
        n_close(&d->b);
        return NULL;
    }
    int64_t size = lib.get_size(d->h);
    if (size < 0) {
        sim_err("%s: no export size: %s", d->where, lib.get_error());
        n_close(&d->b);
        return NULL;
    }
    d->b.size = (uint64_t)size;
    d->b.read_only = ro || lib.is_read_only(d->h) == 1;
    d->b.read = n_read;
    d->b.write = n_write;
    d->b.flush = n_flush;
    d->b.close = n_close;
    d->b.info = n_info;
    return &d->b;
}

static const struct opt_desc n_options[] = {
    {.name = "server.type", .type = OPT_ENUM, .offset = offsetof(struct nbd_cfg, type),
     .help = "how to reach the server", .choices = server_types, .flags = OPT_REQUIRED},
    OPT(struct nbd_cfg, path, OPT_STRING, "server.path", NULL,
        "the server's Unix socket (server.type=unix)"),
    OPT(struct nbd_cfg, host, OPT_STRING, "server.host", NULL,
        "the server's host (server.type=inet)"),
    OPT(struct nbd_cfg, port, OPT_STRING, "server.port", NULL,
        "the server's TCP port (server.type=inet; NBD's is 10809)"),
    OPT(struct nbd_cfg, export, OPT_STRING, "export", NULL,
        "the export to use (default: the server's default, '')"),
    OPT(struct nbd_cfg, read_only, OPT_BOOL, "read-only", "off",
        "on: the guest sees write-protected media (also when the server says so)"),
    {.name = "timeout", .type = OPT_INT, .offset = offsetof(struct nbd_cfg, timeout), .def = "30",
     .help = "host seconds to wait for an answer before the I/O fails", .min = 1, .max = 3600},
    {0},
};

static const struct blockdev_driver blockdev_nbd = {
    .name = "nbd",
    .desc = "an export of a Network Block Device server (qemu-nbd), through libnbd",
    .options = n_options,
    .cfg_size = sizeof(struct nbd_cfg),
    .open = n_open,
};
BLOCKDEV_DRIVER(blockdev_nbd)
