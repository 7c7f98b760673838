/* pty: a pseudo-terminal whose slave side (/dev/pts/N) a terminal program opens, like a
 * USB serial adapter.  The line is raw: bytes pass unchanged both ways. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "sim/backends/backend.h"
#include "sim/error.h"

struct chardev_pty {
    struct chardev c;
    int master;
    /* Held open so the master never sees a hang-up while no terminal is attached
     * (poll would report POLLHUP forever) and output waits in the pty for one. */
    int slave;
    char *name;
    struct chardev_outq out;
};

static void pty_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    struct chardev_pty *p = container_of(c, struct chardev_pty, c);
    chardev_outq_write(&p->out, p->master, false, buf, n);
}

static void pty_poll(struct chardev *c, bool block)
{
    struct chardev_pty *p = container_of(c, struct chardev_pty, c);
    (void)block;
    if (chardev_outq_pending(&p->out))
        chardev_outq_write(&p->out, p->master, false, NULL, 0);
    if (chardev_in_room(c) > 0)
        chardev_in_read_fd(c, p->master, false); /* EAGAIN: nothing typed */
    chardev_deliver(c);
}

static int pty_pollfds(struct chardev *c, struct pollfd *pfd, int max, int *timeout_ms)
{
    struct chardev_pty *p = container_of(c, struct chardev_pty, c);
    (void)timeout_ms;
    short ev = (chardev_in_room(c) > 0 ? POLLIN : 0) |
               (chardev_outq_pending(&p->out) ? POLLOUT : 0);
    if (!ev || max < 1)
        return 0;
    pfd[0] = (struct pollfd){.fd = p->master, .events = ev};
    return 1;
}

static void pty_info(struct chardev *c, FILE *f)
{
    struct chardev_pty *p = container_of(c, struct chardev_pty, c);
    fprintf(f, " %s, %llu bytes out, %llu in", p->name, (unsigned long long)c->tx_bytes,
            (unsigned long long)c->rx_bytes);
    if (p->out.dropped)
        fprintf(f, ", %llu dropped", (unsigned long long)p->out.dropped);
}

/* Output not yet read by the terminal program dies with the master side, so give the
 * program a moment (at most a second) to take it before the simulator goes.  Bytes
 * written to the master reach the slave's queue asynchronously: wait for them to land
 * (POLLIN on the slave) before asking how many are left unread. */
static void pty_drain(struct chardev_pty *p)
{
    if (p->c.tx_bytes == 0)
        return;
    for (int i = 0; i < 100; i++) {
        if (chardev_outq_pending(&p->out)) {
            chardev_outq_write(&p->out, p->master, false, NULL, 0);
            poll(NULL, 0, 10);
            continue;
        }
        struct pollfd pfd = {.fd = p->slave, .events = POLLIN};
        int unread = 0;
        if (poll(&pfd, 1, 10) <= 0 || ioctl(p->slave, FIONREAD, &unread) < 0 || unread == 0)
            return;
        poll(NULL, 0, 10);
    }
}

static void pty_close(struct chardev *c)
{
    struct chardev_pty *p = container_of(c, struct chardev_pty, c);
    if (p->master >= 0 && p->slave >= 0)
        pty_drain(p);
    if (p->slave >= 0)
        close(p->slave);
    if (p->master >= 0)
        close(p->master);
    chardev_outq_free(&p->out);
    free(p->name);
    free(p);
}

static struct chardev *pty_open(struct machine *m, const char *id, const void *cfg,
                                uint64_t given)
{
    (void)m, (void)cfg, (void)given;
    struct chardev_pty *p = calloc(1, sizeof(*p));
    if (!p) {
        sim_err("out of memory");
        return NULL;
    }
    p->slave = -1;
    p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    const char *name = NULL;
    if (p->master < 0 || grantpt(p->master) < 0 || unlockpt(p->master) < 0 ||
        !(name = ptsname(p->master))) {
        sim_err("cannot open a pseudo-terminal: %s", strerror(errno));
        pty_close(&p->c);
        return NULL;
    }
    p->name = strdup(name);
    p->slave = open(p->name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    struct termios t;
    if (p->slave < 0 || tcgetattr(p->slave, &t) < 0) {
        sim_err("cannot open '%s': %s", p->name, strerror(errno));
        pty_close(&p->c);
        return NULL;
    }
    cfmakeraw(&t);
    tcsetattr(p->slave, TCSANOW, &t);
    fcntl(p->master, F_SETFL, fcntl(p->master, F_GETFL) | O_NONBLOCK);
    /* The exact line QEMU prints, so scripts that look for it work with both. */
    fprintf(stderr, "char device redirected to %s (label %s)\n", p->name, id);
    p->c.write = pty_write;
    p->c.poll = pty_poll;
    p->c.pollfds = pty_pollfds;
    p->c.close = pty_close;
    p->c.info = pty_info;
    return &p->c;
}

static const struct opt_desc pty_options[] = {{0}};

static const struct chardev_driver chardev_pty = {
    .name = "pty",
    .desc = "a pseudo-terminal (its /dev/pts name is printed on stderr)",
    .options = pty_options,
    .open = pty_open,
};
CHARDEV_DRIVER(chardev_pty)
