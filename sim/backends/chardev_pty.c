/* Terminals.
 *
 * pty: a pseudo-terminal whose slave side (/dev/pts/N) a terminal program opens, like a
 * USB serial adapter.  serial: a host serial line (/dev/ttyUSB0, /dev/ttyS0, or a pty's
 * slave side) given to the guest, its baud rate and frame format following what the guest
 * programs into its UART (chardev_set_line, termios).  Both are raw: bytes pass unchanged
 * both ways. */
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
    int master; /* serial: the line */
    /* Held open so the master never sees a hang-up while no terminal is attached
     * (poll would report POLLHUP forever) and output waits in the pty for one; -1 for
     * a serial line. */
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

/* ---- serial ---- */

static speed_t baud_code(uint32_t baud, uint32_t *actual)
{
    static const struct {
        uint32_t baud;
        speed_t code;
    } rates[] = {
        {50, B50}, {75, B75}, {110, B110}, {134, B134}, {150, B150}, {200, B200},
        {300, B300}, {600, B600}, {1200, B1200}, {1800, B1800}, {2400, B2400},
        {4800, B4800}, {9600, B9600}, {19200, B19200}, {38400, B38400}, {57600, B57600},
        {115200, B115200}, {230400, B230400}, {460800, B460800}, {500000, B500000},
        {576000, B576000}, {921600, B921600}, {1000000, B1000000}, {1152000, B1152000},
        {1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000},
        {3000000, B3000000}, {3500000, B3500000}, {4000000, B4000000},
    };
    /* The nearest standard rate: a UART's divisor seldom gives one exactly (16 MHz / 139
     * is 115108 baud), and a line within a few percent is what real receivers take. */
    size_t best = 0;
    for (size_t i = 1; i < ARRAY_SIZE(rates); i++) {
        uint32_t d = rates[i].baud > baud ? rates[i].baud - baud : baud - rates[i].baud;
        uint32_t bd = rates[best].baud > baud ? rates[best].baud - baud
                                              : baud - rates[best].baud;
        if (d < bd)
            best = i;
    }
    *actual = rates[best].baud;
    return rates[best].code;
}

static int serial_set_line(struct chardev *c, const struct chardev_line *l)
{
    struct chardev_pty *p = container_of(c, struct chardev_pty, c);
    struct termios t;
    uint32_t actual = 0;
    if (tcgetattr(p->master, &t) < 0)
        goto fail;
    t.c_cflag &= ~(tcflag_t)(CSIZE | CSTOPB | PARENB | PARODD | CMSPAR);
    static const tcflag_t sizes[4] = {CS5, CS6, CS7, CS8};
    t.c_cflag |= sizes[(l->data_bits < 5 ? 5 : l->data_bits > 8 ? 8 : l->data_bits) - 5];
    if (l->stop_bits == 2)
        t.c_cflag |= CSTOPB;
    switch (l->parity) {
    case 'O': t.c_cflag |= PARENB | PARODD; break;
    case 'E': t.c_cflag |= PARENB; break;
    case 'M': t.c_cflag |= PARENB | CMSPAR | PARODD; break;
    case 'S': t.c_cflag |= PARENB | CMSPAR; break;
    default: break;
    }
    if (l->baud) {
        speed_t code = baud_code(l->baud, &actual);
        cfsetispeed(&t, code);
        cfsetospeed(&t, code);
    }
    if (tcsetattr(p->master, TCSANOW, &t) < 0)
        goto fail;
    /* A device may keep settings it cannot do (a pseudo-terminal keeps CS8 and no
     * parity): say so rather than let the user believe the line follows. */
    struct termios got;
    const tcflag_t fmt = CSIZE | CSTOPB | PARENB | PARODD | CMSPAR;
    if (tcgetattr(p->master, &got) == 0 && (got.c_cflag & fmt) != (t.c_cflag & fmt)) {
        static const char bits[4] = {'5', '6', '7', '8'};
        char have = !(got.c_cflag & PARENB) ? 'N'
                    : (got.c_cflag & CMSPAR) ? ((got.c_cflag & PARODD) ? 'M' : 'S')
                                             : ((got.c_cflag & PARODD) ? 'O' : 'E');
        sim_warn("chardev %s: '%s' keeps %c%c%c where the guest set %u%c%u", c->id, p->name,
                 bits[(got.c_cflag & CSIZE) >> 4], have, (got.c_cflag & CSTOPB) ? '2' : '1',
                 l->data_bits, l->parity, l->stop_bits);
    }
    return 0;
fail:
    return sim_err("chardev %s: setting '%s' to %u baud (%u asked) %u%c%u: %s", c->id,
                   p->name, actual, l->baud, l->data_bits, l->parity, l->stop_bits,
                   strerror(errno));
}

static void serial_info(struct chardev *c, FILE *f)
{
    struct chardev_pty *p = container_of(c, struct chardev_pty, c);
    pty_info(c, f);
    if (c->line.baud)
        fprintf(f, ", guest line %u baud %u%c%u", c->line.baud, c->line.data_bits,
                c->line.parity, c->line.stop_bits);
    (void)p;
}

struct serial_cfg {
    char *path;
};

static struct chardev *serial_open(struct machine *m, const char *id, const void *cfg,
                                   uint64_t given)
{
    (void)m, (void)id, (void)given;
    const char *path = ((const struct serial_cfg *)cfg)->path;
    if (!path || !*path) {
        sim_err("missing path= (the host's serial device, e.g. /dev/ttyUSB0)");
        return NULL;
    }
    struct chardev_pty *p = calloc(1, sizeof(*p));
    if (!p) {
        sim_err("out of memory");
        return NULL;
    }
    p->slave = -1;
    p->name = strdup(path);
    p->master = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    struct termios t;
    if (p->master < 0) {
        int e = errno;
        sim_err("cannot open '%s': %s%s", path, strerror(e),
                e == EACCES ? " (the device's group, often dialout, may open it)" : "");
        pty_close(&p->c);
        return NULL;
    }
    if (tcgetattr(p->master, &t) < 0) {
        sim_err("'%s' is not a serial line (a terminal device): %s", path, strerror(errno));
        pty_close(&p->c);
        return NULL;
    }
    /* Raw, receiver on, modem lines ignored; the speed stays until the guest sets one. */
    cfmakeraw(&t);
    t.c_cflag |= CREAD | CLOCAL;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(p->master, TCSANOW, &t) < 0) {
        sim_err("cannot set '%s' raw: %s", path, strerror(errno));
        pty_close(&p->c);
        return NULL;
    }
    p->c.write = pty_write;
    p->c.poll = pty_poll;
    p->c.pollfds = pty_pollfds;
    p->c.close = pty_close;
    p->c.info = serial_info;
    p->c.set_line = serial_set_line;
    return &p->c;
}

static const struct opt_desc serial_options[] = {
    {.name = "path", .type = OPT_STRING, .offset = offsetof(struct serial_cfg, path),
     .help = "the host's serial device, e.g. /dev/ttyUSB0", .flags = OPT_REQUIRED},
    {0},
};

static const struct chardev_driver chardev_serial_line = {
    .name = "serial",
    .desc = "a host serial line; the guest's baud rate and format reach it (termios)",
    .options = serial_options,
    .cfg_size = sizeof(struct serial_cfg),
    .open = serial_open,
};
CHARDEV_DRIVER(chardev_serial_line)

static const struct opt_desc pty_options[] = {{0}};

static const struct chardev_driver chardev_pty = {
    .name = "pty",
    .desc = "a pseudo-terminal (its /dev/pts name is printed on stderr)",
    .options = pty_options,
    .open = pty_open,
};
CHARDEV_DRIVER(chardev_pty)
