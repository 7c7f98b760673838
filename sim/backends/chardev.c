/* The chardev core: driver registry, -chardev and -serial parsing, the input queue that
 * holds host bytes until the front end can take them, output queues, and the machine's
 * poller. */
#define _GNU_SOURCE
#include "sim/backends/chardev.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sim/backends/backend.h"
#include "sim/error.h"
#include "sim/host_signal.h"
#include "sim/opts.h"
#include "sim/sim.h"

#define CHARDEV_MAX_DRIVERS 16

static const struct chardev_driver *drivers[CHARDEV_MAX_DRIVERS];
static size_t ndrivers;

void chardev_driver_register(const struct chardev_driver *d)
{
    if (ndrivers < CHARDEV_MAX_DRIVERS)
        drivers[ndrivers++] = d;
}

static const struct chardev_driver *driver_find(const char *name)
{
    for (size_t i = 0; i < ndrivers; i++)
        if (strcmp(drivers[i]->name, name) == 0)
            return drivers[i];
    return NULL;
}

static int cmp_driver(const void *a, const void *b)
{
    return strcmp((*(const struct chardev_driver *const *)a)->name,
                  (*(const struct chardev_driver *const *)b)->name);
}

/* Registration order follows link order; help and errors list drivers by name. */
static void drivers_sort(void)
{
    qsort(drivers, ndrivers, sizeof(drivers[0]), cmp_driver);
}

static int unknown_driver(const char *name)
{
    const char *names[CHARDEV_MAX_DRIVERS];
    drivers_sort();
    for (size_t i = 0; i < ndrivers; i++)
        names[i] = drivers[i]->name;
    return backend_unknown_driver("chardev", name, names, ndrivers);
}

struct chardev *chardev_find(struct machine *m, const char *id)
{
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next)
        if (strcmp(c->id, id) == 0)
            return c;
    return NULL;
}

struct chardev *chardev_create(struct machine *m, const char *driver, const char *id,
                               const struct kv *kv, size_t n, const char *where)
{
    static const char *const reserved[] = {"id", NULL};
    const struct chardev_driver *drv = driver_find(driver);
    void *cfg = NULL;
    uint64_t given = 0;
    int rc = 0;
    if (kv_check_unique(kv, n) < 0)
        rc = -1;
    else if (!drv)
        rc = unknown_driver(driver);
    else if (backend_id_check("id", id) < 0)
        rc = -1;
    else if (chardev_find(m, id))
        rc = sim_err("duplicate chardev id '%s'", id);
    else {
        char help[64];
        snprintf(help, sizeof(help), "-chardev %s,help", drv->name);
        cfg = backend_cfg_new(drv->options, drv->cfg_size, kv, n, reserved, help, NULL, NULL,
                              &given);
        rc = cfg ? 0 : -1;
    }
    struct chardev *c = rc == 0 ? drv->open(m, id, cfg, given) : NULL;
    if (drv)
        backend_cfg_free(drv->options, cfg);
    if (!c) {
        if (where)
            sim_err_prefix("%s", where);
        return NULL;
    }
    c->id = strdup(id);
    c->drv = drv;
    c->m = m;
    c->next = NULL;
    struct chardev **tail = machine_chardevs(m);
    while (*tail)
        tail = &(*tail)->next;
    *tail = c;
    return c;
}

/* Parsed "-chardev" options: help, or a chardev (the first element names the driver). */
static int add_parsed(struct machine *m, const struct opts *o, const char *where)
{
    const char *driver = o->kv[0].key;
    if (o->kv[0].value) {
        sim_err("missing driver name: %s", "-chardev DRIVER,id=ID[,OPTION=VALUE...]");
        return sim_err_prefix("%s", where);
    }
    if (o->n == 1 && opt_is_help(driver)) {
        chardev_print_help(stdout);
        return 1;
    }
    if (opts_want_help(o)) {
        if (chardev_print_driver_help(stdout, driver) == 0)
            return 1;
        unknown_driver(driver);
        return sim_err_prefix("%s", where);
    }
    const char *id = kv_get(o->kv + 1, o->n - 1, "id");
    return chardev_create(m, driver, id, o->kv + 1, o->n - 1, where) ? 0 : -1;
}

int chardev_add(struct machine *m, const char *spec)
{
    struct opts o;
    char *where = NULL;
    if (asprintf(&where, "-chardev %s", spec) < 0)
        return sim_err("out of memory");
    int rc = opts_parse(spec, &o) < 0 ? sim_err_prefix("%s", where) : add_parsed(m, &o, where);
    opts_free(&o);
    free(where);
    return rc;
}

struct chardev *chardev_stdio(struct machine *m, const char *id)
{
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next)
        if (strcmp(c->drv->name, "stdio") == 0)
            return c;
    char where[128];
    snprintf(where, sizeof(where), "chardev %s", id);
    return chardev_create(m, "stdio", id, NULL, 0, where);
}

/* -serial: the QEMU shorthands, turned into the options a -chardev would take (",," in a
 * path stays an escaped comma). */
struct chardev *chardev_serial(struct machine *m, const char *id, const char *spec)
{
    char *where = NULL, *buf = NULL;
    struct chardev *c = NULL;
    /* Before strchr: gcc with -fsanitize=undefined would see a path where spec, checked
     * there, is NULL, and -Wformat-overflow refuses it here. */
    if (asprintf(&where, "-serial %s", spec) < 0) {
        sim_err("out of memory");
        return NULL;
    }
    const char *colon = strchr(spec, ':');
    if (strncmp(spec, "chardev:", 8) == 0 || (!colon && chardev_find(m, spec))) {
        const char *name = colon ? colon + 1 : spec;
        c = chardev_find(m, name);
        if (!c) {
            sim_err("no chardev with id '%s'", name);
            sim_err_prefix("%s", where);
        }
        goto out;
    }
    if (strcmp(spec, "mon:stdio") == 0)
        spec = "stdio"; /* QEMU's monitor multiplexing: there is no monitor to share with */
    int len = -1;
    if (strcmp(spec, "stdio") == 0 || strcmp(spec, "null") == 0 || strcmp(spec, "pty") == 0) {
        if (strcmp(spec, "stdio") == 0)
            for (c = *machine_chardevs(m); c; c = c->next)
                if (strcmp(c->drv->name, "stdio") == 0)
                    goto out; /* several UARTs may share the terminal's one stdio */
        len = asprintf(&buf, "%s,id=%s", spec, id);
    } else if (strncmp(spec, "file:", 5) == 0) {
        len = asprintf(&buf, "file,id=%s,path=%s", id, spec + 5);
    } else if (strncmp(spec, "unix:", 5) == 0) {
        /* unix:PATH[,server=on,...]: options after the path pass through. */
        len = asprintf(&buf, "socket,id=%s,path=%s", id, spec + 5);
    } else if (strncmp(spec, "/dev/", 5) == 0) {
        len = asprintf(&buf, "serial,id=%s,path=%s", id, spec); /* a host serial line */
    } else if (strncmp(spec, "tcp:", 4) == 0) {
        const char *hp = spec + 4, *opts = strchr(hp, ',');
        size_t hplen = opts ? (size_t)(opts - hp) : strlen(hp);
        const char *pc = memrchr(hp, ':', hplen);
        if (!pc) {
            sim_err("expected tcp:HOST:PORT");
            sim_err_prefix("%s", where);
            goto out;
        }
        int hl = (int)(pc - hp);
        len = asprintf(&buf, "socket,id=%s%s%.*s,port=%.*s%s", id, hl > 0 ? ",host=" : "", hl, hp,
                       (int)(hplen - (size_t)hl - 1), pc + 1, opts ? opts : "");
    } else {
        sim_err("unknown serial back end '%s' (use stdio, null, pty, file:PATH, "
                "tcp:HOST:PORT, unix:PATH, /dev/DEVICE or chardev:ID)", spec);
        sim_err_prefix("%s", where);
        goto out;
    }
    struct opts o;
    if (len < 0)
        sim_err("out of memory");
    else if (opts_parse(buf, &o) < 0)
        sim_err_prefix("%s", where);
    else {
        c = chardev_create(m, o.kv[0].key, id, o.kv + 1, o.n - 1, where);
        opts_free(&o);
    }
out:
    free(buf);
    free(where);
    return c;
}

void chardev_attach(struct chardev *c, const struct chardev_frontend *fe)
{
    c->fe = *fe;
    c->fe_attached = true;
}

void chardev_detach(struct chardev *c)
{
    memset(&c->fe, 0, sizeof(c->fe));
    c->fe_attached = false;
}

void chardev_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    c->tx_bytes += n;
    if (c->tap)
        c->tap(c->tap_opaque, buf, n);
    if (OUTPUT_HOOK(c->trace_tap))
        c->trace_tap(c->trace_tap_opaque, c, buf, n);
    if (unlikely(c->skip_out)) {
        size_t k = c->skip_out < n ? (size_t)c->skip_out : n;
        c->skip_out -= k;
        buf += k;
        n -= k;
    }
    if (c->write && n)
        c->write(c, buf, n);
}

/* ---- input queue ---- */

size_t chardev_in_room(const struct chardev *c)
{
    return c->in_len >= CHARDEV_IN_CHUNK ? 0 : CHARDEV_IN_CHUNK - c->in_len;
}

static int in_reserve(struct chardev *c, size_t n)
{
    if (c->in_off > 0 && c->in_off + c->in_len + n > c->in_cap) {
        memmove(c->in_buf, c->in_buf + c->in_off, c->in_len);
        c->in_off = 0;
    }
    if (c->in_len + n > c->in_cap) {
        size_t cap = c->in_cap ? c->in_cap : CHARDEV_IN_CHUNK;
        while (cap < c->in_len + n)
            cap *= 2;
        uint8_t *p = realloc(c->in_buf, cap);
        if (!p)
            return -1;
        c->in_buf = p;
        c->in_cap = cap;
    }
    return 0;
}

void chardev_in_push(struct chardev *c, const uint8_t *buf, size_t n)
{
    if (n == 0 || in_reserve(c, n) < 0)
        return;
    memcpy(c->in_buf + c->in_off + c->in_len, buf, n);
    c->in_len += n;
}

ssize_t chardev_in_read_fd(struct chardev *c, int fd, bool sock)
{
    size_t room = chardev_in_room(c);
    if (room == 0) {
        errno = EAGAIN;
        return -1;
    }
    if (in_reserve(c, room) < 0) {
        errno = ENOMEM;
        return -1;
    }
    uint8_t *dst = c->in_buf + c->in_off + c->in_len;
    ssize_t r;
    do
        r = sock ? recv(fd, dst, room, MSG_DONTWAIT) : read(fd, dst, room);
    while (r < 0 && errno == EINTR);
    if (r > 0)
        c->in_len += (size_t)r;
    return r;
}

size_t chardev_deliver(struct chardev *c)
{
    size_t total = 0;
    /* The front end may call chardev_accept_input() from inside read(). */
    if (c->delivering || !c->fe_attached)
        return 0;
    c->delivering = true;
    while (c->in_len > 0) {
        size_t k = c->fe.can_read ? c->fe.can_read(c->fe.opaque) : 0;
        if (k == 0)
            break;
        if (k > c->in_len)
            k = c->in_len;
        const uint8_t *p = c->in_buf + c->in_off;
        c->in_off += k;
        c->in_len -= k;
        c->rx_bytes += k;
        total += k;
        c->fe.read(c->fe.opaque, p, k);
    }
    if (c->in_len == 0)
        c->in_off = 0;
    c->delivering = false;
    return total;
}

void chardev_set_line(struct chardev *c, const struct chardev_line *l)
{
    if (!c || !c->set_line || memcmp(&c->line, l, sizeof(*l)) == 0)
        return;
    c->line = *l;
    if (c->set_line(c, l) < 0 && !c->line_warned) {
        c->line_warned = true;
        sim_err_print();
    }
}

void chardev_accept_input(struct chardev *c)
{
    chardev_deliver(c);
}

void chardev_inject(struct chardev *c, const uint8_t *buf, size_t n)
{
    chardev_in_push(c, buf, n);
    chardev_deliver(c);
}

/* ---- output queue ---- */

static ssize_t out_once(int fd, bool sock, const uint8_t *buf, size_t n)
{
    ssize_t r;
    do
        r = sock ? send(fd, buf, n, MSG_NOSIGNAL | MSG_DONTWAIT) : write(fd, buf, n);
    while (r < 0 && errno == EINTR);
    return r;
}

int chardev_outq_write(struct chardev_outq *q, int fd, bool sock, const uint8_t *buf, size_t n)
{
    while (q->len > 0) {
        ssize_t r = out_once(fd, sock, q->buf + q->off, q->len);
        if (r < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return -1;
        }
        q->off += (size_t)r;
        q->len -= (size_t)r;
    }
    if (q->len == 0)
        q->off = 0;
    if (q->len == 0 && n > 0) {
        ssize_t r = out_once(fd, sock, buf, n);
        if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return -1;
        if (r > 0) {
            buf += r;
            n -= (size_t)r;
        }
    }
    if (n == 0)
        return 0;
    if (q->len + n > CHARDEV_OUTQ_MAX) {
        size_t keep = CHARDEV_OUTQ_MAX - q->len;
        q->dropped += n - keep;
        n = keep;
    }
    if (q->off + q->len + n > q->cap) {
        memmove(q->buf, q->buf + q->off, q->len);
        q->off = 0;
        size_t cap = q->cap ? q->cap : 4096;
        while (cap < q->len + n)
            cap *= 2;
        uint8_t *p = realloc(q->buf, cap);
        if (!p) {
            q->dropped += n;
            return 0;
        }
        q->buf = p;
        q->cap = cap;
    }
    memcpy(q->buf + q->off + q->len, buf, n);
    q->len += n;
    return 0;
}

void chardev_outq_reset(struct chardev_outq *q)
{
    q->off = q->len = 0;
}

void chardev_outq_free(struct chardev_outq *q)
{
    free(q->buf);
    memset(q, 0, sizeof(*q));
}

/* ---- the machine's poller ---- */

#define POLL_FEW_FDS 64
#define CHARDEV_SHARED_WAIT_MS 20

static void poller_fn(void *opaque, bool block);

/* Is the chardev poller the kernel's only way to hear the host? */
static bool only_poller(struct machine *m)
{
    bool mine = false;
    for (struct sim_poller *p = machine_sim(m)->pollers; p; p = p->next) {
        if (p->poll != poller_fn)
            return false;
        mine = true;
    }
    return mine;
}

void chardev_poll_all(struct machine *m, bool block)
{
    uint64_t before = 0, after = 0;
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next) {
        before += c->rx_bytes;
        if (c->poll)
            c->poll(c, false);
        after += c->rx_bytes;
    }
    /* Only an idle simulation waits for the host, and only if nothing arrived. */
    if (!block || after != before)
        return;
    /* Room for every back end's descriptors: on the stack for the usual few, else on the
     * heap (a board with hundreds of sockets); without it, a short wait and a retry. */
    struct pollfd few[POLL_FEW_FDS], *pfd = few;
    int room = 0, nfds = 0, timeout = -1;
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next)
        room += c->pollfds ? CHARDEV_POLLFDS_MAX : 0;
    if (room > POLL_FEW_FDS && !(pfd = calloc((size_t)room, sizeof(*pfd))))
        pfd = few, room = 0, timeout = CHARDEV_SHARED_WAIT_MS;
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next)
        if (c->pollfds && nfds < room)
            nfds += c->pollfds(c, pfd + nfds, room - nfds, &timeout);
    bool alone = only_poller(m);
    if (nfds == 0 && pfd != few)
        free(pfd), pfd = few;
    if (nfds == 0 && timeout < 0) {
        /* Nothing on the host can wake the simulation (stdin at its end, no client can
         * come).  Unless another poller (gdb) may, it is stuck for good: say so rather
         * than spin. */
        if (alone)
            sim_stop(machine_sim(m), SIM_STOP_ERROR, 1);
        return;
    }
    /* Other pollers (the gdb stub) wait on their own descriptors after us: wait briefly
     * so each gets its turn. */
    if (!alone && (timeout < 0 || timeout > CHARDEV_SHARED_WAIT_MS))
        timeout = CHARDEV_SHARED_WAIT_MS;
    sim_host_poll(pfd, (nfds_t)nfds, timeout); /* a signal ends the wait: the kernel stops */
    if (pfd != few)
        free(pfd);
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next)
        if (c->poll)
            c->poll(c, true);
}

static void poller_fn(void *opaque, bool block)
{
    chardev_poll_all(opaque, block);
}

/* No input can come: none waits to be delivered, and no back end has a descriptor to
 * watch or comes back by itself (stdin at its end, no input file or client). */
static bool poller_quiet(void *opaque)
{
    struct machine *m = opaque;
    struct pollfd pfd[CHARDEV_POLLFDS_MAX];
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next) {
        int timeout = -1;
        if (c->in_len || (c->pollfds && (c->pollfds(c, pfd, CHARDEV_POLLFDS_MAX, &timeout) ||
                                         timeout >= 0)))
            return false;
    }
    return true;
}

void chardev_poller_install(struct machine *m)
{
    for (struct sim_poller *p = machine_sim(m)->pollers; p; p = p->next)
        if (p->poll == poller_fn && p->opaque == m)
            return;
    struct sim_poller *p = calloc(1, sizeof(*p));
    if (!p)
        return;
    p->poll = poller_fn;
    p->quiet = poller_quiet;
    p->opaque = m;
    sim_add_poller(machine_sim(m), p);
}

int chardev_start_all(struct machine *m)
{
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next)
        if (c->start && c->start(c) < 0)
            return sim_err_prefix("chardev %s", c->id);
    return 0;
}

void chardev_flush_all(struct machine *m)
{
    for (struct chardev *c = *machine_chardevs(m); c; c = c->next)
        if (c->flush)
            c->flush(c);
}

void chardev_close_all(struct machine *m)
{
    for (struct sim_poller **pp = &machine_sim(m)->pollers; *pp; pp = &(*pp)->next) {
        if ((*pp)->poll == poller_fn && (*pp)->opaque == m) {
            struct sim_poller *p = *pp;
            *pp = p->next;
            free(p);
            break;
        }
    }
    struct chardev *c = *machine_chardevs(m);
    *machine_chardevs(m) = NULL;
    while (c) {
        struct chardev *next = c->next;
        if (c->flush)
            c->flush(c);
        free(c->id);
        free(c->in_buf);
        c->id = NULL;
        c->in_buf = NULL;
        if (c->close)
            c->close(c);
        else
            free(c);
        c = next;
    }
}

/* ---- help and info ---- */

void chardev_print_help(FILE *f)
{
    drivers_sort();
    fprintf(f, "Character back ends (-chardev DRIVER,id=ID[,OPTION=VALUE...]):\n");
    for (size_t i = 0; i < ndrivers; i++)
        backend_print_driver(f, drivers[i]->name, drivers[i]->desc, drivers[i]->options);
    fprintf(f, "-serial shorthands: stdio, null, pty, file:PATH, tcp:HOST:PORT[,server=on,"
               "wait=off], unix:PATH[,server=on], chardev:ID\n");
}

int chardev_print_driver_help(FILE *f, const char *driver)
{
    const struct chardev_driver *d = driver_find(driver);
    if (!d)
        return -1;
    bool any = opt_count(d->options) > 0;
    fprintf(f, "%s: %s\n  -chardev %s,id=ID%s\n", d->name, d->desc, d->name,
            any ? "[,OPTION=VALUE...]" : "");
    fprintf(f, "  options:%s\n", any ? "" : " none");
    opt_print_table(f, d->options);
    return 0;
}
