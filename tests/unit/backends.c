/* Unit tests of the host back ends: every chardev and blockdev driver, input flow
 * control, and each error message.  Usage: build/unit/backends (run by tests/unit/unit.sh)
 * Works in a fresh directory under $TMP (or /tmp), removed at the end.
 * Prints tests/lib.sh lines ("PASS name" / "FAIL name: why"); exit status 1 on failure. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "sim/backends/blockdev.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/machine.h"

/* Until sim/error.c and sim/sim.c are linked in, these stand in for them (weak: the real
 * ones win when present). */
static char err_buf[SIM_ERR_MAX];
__attribute__((weak)) int sim_verr(const char *fmt, va_list ap)
{
    vsnprintf(err_buf, sizeof(err_buf), fmt, ap);
    return -1;
}
__attribute__((weak)) int sim_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sim_verr(fmt, ap);
    va_end(ap);
    return -1;
}
__attribute__((weak)) int sim_err_prefix(const char *fmt, ...)
{
    char where[SIM_ERR_MAX], old[SIM_ERR_MAX / 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(where, sizeof(where), fmt, ap);
    va_end(ap);
    memcpy(old, err_buf, sizeof(old) - 1);
    old[sizeof(old) - 1] = 0;
    snprintf(err_buf, sizeof(err_buf), "%.500s: %s", where, old);
    return -1;
}
__attribute__((weak)) const char *sim_err_msg(void) { return err_buf; }
__attribute__((weak)) void sim_err_print(void) { fprintf(stderr, "socsim: %s\n", err_buf); }
__attribute__((weak)) void sim_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "socsim: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
__attribute__((weak)) void sim_add_poller(struct sim *s, struct sim_poller *p)
{
    p->next = s->pollers;
    s->pollers = p;
}

__attribute__((weak)) void sim_stop(struct sim *s, enum sim_stop_reason why, int code)
{
    if (s->stop == SIM_RUNNING) {
        s->stop = why;
        s->exit_code = code;
    }
}

static int failures;
static const char *tmp;

static void result(const char *name, bool ok, const char *fmt, ...)
{
    if (ok) {
        printf("PASS backends.%s\n", name);
    } else {
        va_list ap;
        va_start(ap, fmt);
        printf("FAIL backends.%s: ", name);
        vprintf(fmt, ap);
        putchar('\n');
        va_end(ap);
        failures++;
    }
    fflush(stdout);
}

static char *path_in_tmp(const char *name)
{
    static char bufs[8][512];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, 512, "%s/%s", tmp, name);
    return b;
}

/* A front end with a FIFO of `limit` bytes that the guest empties between polls
 * (poll_until); room is what it can take now. */
struct fe {
    size_t limit, room;
    uint8_t got[65536];
    size_t n;
};

static size_t fe_can_read(void *opaque)
{
    struct fe *f = opaque;
    size_t room = sizeof(f->got) - f->n;
    return f->room < room ? f->room : room;
}

static void fe_read(void *opaque, const uint8_t *buf, size_t n)
{
    struct fe *f = opaque;
    memcpy(f->got + f->n, buf, n);
    f->n += n;
    f->room -= n;
}

static void attach(struct chardev *c, struct fe *f, size_t limit)
{
    memset(f, 0, sizeof(*f));
    f->limit = f->room = limit;
    struct chardev_frontend fe = {fe_can_read, fe_read, f};
    chardev_attach(c, &fe);
}

/* Poll (blocking on the host when nothing is pending) until the front end holds n bytes. */
static bool poll_until(struct machine *m, struct fe *f, size_t n)
{
    for (int i = 0; i < 100000 && f->n < n; i++) {
        f->room = f->limit;
        chardev_poll_all(m, true);
    }
    return f->n >= n;
}

static char *info(struct chardev *c)
{
    static char line[512];
    FILE *f = fmemopen(line, sizeof(line), "w");
    c->info(c, f);
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    return line;
}

/* Polls the chardevs (blocking on the host when `block`) at most `tries` times until c's info
 * line holds `state` ("disconnected", " connected"); returns whether it does. */
static bool poll_until_info(struct machine *m, struct chardev *c, const char *state, int tries,
                            bool block)
{
    for (int i = 0; i < tries && !strstr(info(c), state); i++)
        chardev_poll_all(m, block);
    return strstr(info(c), state) != NULL;
}

/* A path under $TMP that this process cannot open for writing.  Root ignores file modes, so
 * for root it is a sysfs file, which refuses even root. */
static const char *unwritable_path(const char *name)
{
    if (getuid() == 0)
        return "/sys/kernel/uevent_seqnum";
    const char *path = path_in_tmp(name);
    close(open(path, O_CREAT | O_WRONLY, 0444));
    return path;
}

static char *slurp(const char *path, size_t *len)
{
    static char buf[65536];
    int fd = open(path, O_RDONLY);
    ssize_t r = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
    if (fd >= 0)
        close(fd);
    *len = r < 0 ? 0 : (size_t)r;
    buf[*len] = '\0';
    return r < 0 ? NULL : buf;
}

/* The spec must fail with exactly this message. */
static void expect_err(const char *name, int (*add)(struct machine *, const char *),
                       struct machine *m, const char *spec, const char *msg)
{
    int rc = add(m, spec);
    result(name, rc == -1 && strcmp(sim_err_msg(), msg) == 0,
           "'%s' returned %d with \"%s\", expected \"%s\"", spec, rc,
           rc < 0 ? sim_err_msg() : "", msg);
}

static void test_file(void)
{
    struct machine m = {0};
    char spec[600];
    const char *out = path_in_tmp("out.txt");
    snprintf(spec, sizeof(spec), "file,id=f0,path=%s", out);
    int rc = chardev_add(&m, spec);
    struct chardev *c = chardev_find(&m, "f0");
    chardev_write(c, (const uint8_t *)"hello\n", 6);
    chardev_write(c, (const uint8_t *)"\0\xff", 2);
    chardev_flush_all(&m);
    size_t len;
    char *got = slurp(out, &len);
    result("file.output", rc == 0 && got && len == 8 && memcmp(got, "hello\n\0\xff", 8) == 0,
           "rc %d, file holds %zu bytes '%s'", rc, len, got ? got : "");
    chardev_close_all(&m);

    /* A failing command line leaves an existing output file alone: it is truncated only
     * when the simulation starts. */
    snprintf(spec, sizeof(spec), "file,id=f9,path=%s", out);
    rc = chardev_add(&m, spec);
    slurp(out, &len);
    size_t before_start = len;
    int src = chardev_start_all(&m);
    slurp(out, &len);
    result("file.truncated_at_start", rc == 0 && before_start == 8 && src == 0 && len == 0,
           "rc %d, %zu bytes before the start, %zu after", rc, before_start, len);
    chardev_close_all(&m);
    snprintf(spec, sizeof(spec), "file,id=f8,path=%s", path_in_tmp("new.txt"));
    rc = chardev_add(&m, spec);
    struct stat st;
    bool absent = stat(path_in_tmp("new.txt"), &st) < 0;
    chardev_start_all(&m);
    result("file.made_at_start", rc == 0 && absent && stat(path_in_tmp("new.txt"), &st) == 0,
           "rc %d, absent before %d", rc, absent);
    chardev_close_all(&m);
    FILE *o = fopen(out, "w");
    fwrite("hello\n\0\xff", 1, 8, o);
    fclose(o);

    /* append=on keeps what is there */
    snprintf(spec, sizeof(spec), "file,id=f1,path=%s,append=on", out);
    rc = chardev_add(&m, spec);
    chardev_write(chardev_find(&m, "f1"), (const uint8_t *)"more", 4);
    chardev_close_all(&m);
    got = slurp(out, &len);
    result("file.append", rc == 0 && len == 12 && memcmp(got + 8, "more", 4) == 0,
           "rc %d, %zu bytes", rc, len);

    /* in=: input flows only as the front end allows, in order */
    const char *in = path_in_tmp("in.txt");
    FILE *f = fopen(in, "w");
    for (int i = 0; i < 10000; i++)
        fputc('a' + i % 26, f);
    fclose(f);
    snprintf(spec, sizeof(spec), "file,id=f2,path=%s,in=%s", out, in);
    rc = chardev_add(&m, spec);
    c = chardev_find(&m, "f2");
    struct fe *fe = calloc(1, sizeof(*fe));
    attach(c, fe, 0);
    for (int i = 0; i < 5; i++)
        chardev_poll_all(&m, false);
    size_t held = fe->n;
    fe->limit = 3;
    bool ok = poll_until(&m, fe, 10000);
    for (int i = 0; ok && i < 10000; i++)
        ok = fe->got[i] == 'a' + i % 26;
    result("file.input_flow", rc == 0 && held == 0 && ok && fe->n == 10000,
           "rc %d, %zu bytes before can_read allowed, %zu after", rc, held, fe->n);
    chardev_close_all(&m);
    free(fe);
}

static void test_ringbuf(void)
{
    struct machine m = {0};
    int rc = chardev_add(&m, "ringbuf,id=r0,size=8");
    struct chardev *c = chardev_find(&m, "r0");
    chardev_write(c, (const uint8_t *)"0123456789AB", 12);
    char buf[32];
    size_t n = chardev_ringbuf_read(c, buf, sizeof(buf));
    result("ringbuf.wrap", rc == 0 && n == 8 && memcmp(buf, "456789AB", 8) == 0,
           "rc %d, read %zu '%.*s'", rc, n, (int)n, buf);
    chardev_write(c, (const uint8_t *)"xyz", 3);
    n = chardev_ringbuf_read(c, buf, 2);
    size_t n2 = chardev_ringbuf_read(c, buf + 2, sizeof(buf));
    result("ringbuf.consume", n == 2 && n2 == 1 && memcmp(buf, "xyz", 3) == 0 &&
                                  chardev_ringbuf_read(c, buf, 8) == 0,
           "read %zu then %zu", n, n2);
    rc = chardev_add(&m, "null,id=n0");
    c = chardev_find(&m, "n0");
    result("ringbuf.not_ringbuf", rc == 0 && chardev_ringbuf_read(c, buf, 8) == 0, "rc %d", rc);
    chardev_close_all(&m);
}

static void other_poll(void *opaque, bool block)
{
    (void)opaque, (void)block;
}

static void test_null(void)
{
    struct machine m = {0};
    int rc = chardev_add(&m, "null,id=n0");
    struct chardev *c = chardev_find(&m, "n0");
    struct fe fe;
    attach(c, &fe, 100);
    chardev_write(c, (const uint8_t *)"gone", 4);
    chardev_poll_all(&m, true); /* no host input: must return at once */
    result("null", rc == 0 && fe.n == 0 && strcmp(info(c), " 4 bytes discarded") == 0,
           "rc %d, info '%s'", rc, info(c));
    /* Installed as the only poller, an idle machine that nothing can wake stops. */
    bool before = m.sim.stop == SIM_RUNNING;
    chardev_poller_install(&m);
    chardev_poller_install(&m); /* once */
    bool once = m.sim.pollers && !m.sim.pollers->next;
    m.sim.pollers->poll(m.sim.pollers->opaque, false);
    bool still = m.sim.stop == SIM_RUNNING;
    m.sim.pollers->poll(m.sim.pollers->opaque, true);
    result("poller.stuck_stops", before && once && still && m.sim.stop == SIM_STOP_ERROR,
           "stop %d", m.sim.stop);
    m.sim.stop = SIM_RUNNING;
    struct sim_poller other = {.poll = other_poll};
    sim_add_poller(&m.sim, &other);
    chardev_poll_all(&m, true);
    result("poller.other_may_wake", m.sim.stop == SIM_RUNNING, "stop %d", m.sim.stop);
    /* With another poller, waiting on a host socket (a server with no client) is brief so
     * the other gets its turn; a hang here ends in the watchdog's FAIL. */
    int rc2 = chardev_add(&m, "socket,id=idle,port=0,server=on,wait=off");
    chardev_poll_all(&m, true);
    result("poller.shared_wait_returns", rc2 == 0 && m.sim.stop == SIM_RUNNING, "rc %d", rc2);
    chardev_close_all(&m);
    result("poller.removed", m.sim.pollers == &other && !other.next, "poller left installed");
    m.sim.pollers = NULL;
    chardev_close_all(&m);
}

static int tcp_port(struct chardev *c)
{
    const char *p = strstr(info(c), "tcp:127.0.0.1:");
    return p ? atoi(p + 14) : -1;
}

static int tcp_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool read_exact(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r <= 0)
            return false;
        got += (size_t)r;
    }
    return true;
}

static void send_all(int fd, const void *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = write(fd, (const char *)buf + done, n - done);
        if (r <= 0)
            return;
        done += (size_t)r;
    }
}

/* Bytes both ways between a chardev and a host peer fd. */
static void round_trip(const char *name, struct machine *m, struct chardev *c, int peer)
{
    struct fe fe;
    attach(c, &fe, 1000);
    send_all(peer, "ping\r\n", 6);
    bool in_ok = poll_until(m, &fe, 6) && fe.n == 6 && memcmp(fe.got, "ping\r\n", 6) == 0;
    chardev_write(c, (const uint8_t *)"pong\r\n", 6);
    char buf[8] = {0};
    bool out_ok = read_exact(peer, buf, 6) && memcmp(buf, "pong\r\n", 6) == 0;
    result(name, in_ok && out_ok, "in: %zu bytes '%.*s', out: '%s'", fe.n, (int)fe.n,
           (const char *)fe.got, buf);
}

static void test_socket_tcp(void)
{
    struct machine m = {0};
    int rc = chardev_add(&m, "socket,id=s0,port=0,server=on,wait=off");
    struct chardev *c = chardev_find(&m, "s0");
    int port = rc == 0 ? tcp_port(c) : -1;
    int cl = port > 0 ? tcp_connect(port) : -1;
    result("socket.tcp_server_listen", rc == 0 && cl >= 0, "rc %d (%s), port %d", rc,
           rc ? sim_err_msg() : "", port);
    if (cl < 0) {
        chardev_close_all(&m);
        return;
    }
    round_trip("socket.tcp_server_bytes", &m, c, cl);

    /* Flow control: a front end that takes nothing loses nothing. */
    static uint8_t data[20000];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 7 + i / 256);
    struct fe *fe = calloc(1, sizeof(*fe));
    attach(c, fe, 0);
    send_all(cl, data, sizeof(data));
    for (int i = 0; i < 20; i++)
        chardev_poll_all(&m, i & 1);
    size_t held = fe->n;
    fe->limit = fe->room = 5;
    chardev_accept_input(c); /* what the back end holds flows at once */
    size_t after_accept = fe->n;
    bool ok = poll_until(&m, fe, sizeof(data)) && fe->n == sizeof(data) &&
              memcmp(fe->got, data, sizeof(data)) == 0;
    result("socket.flow_control", held == 0 && after_accept == 5 && ok,
           "%zu bytes taken while can_read()=0, %zu after accept, %zu in the end (equal: %d)",
           held, after_accept, fe->n, ok);

    /* The client leaves; the next one is accepted. */
    close(cl);
    /* loopback: the end of stream is there at once */
    bool gone = poll_until_info(&m, c, "disconnected", 10, false);
    cl = tcp_connect(port);
    chardev_poll_all(&m, false);
    result("socket.tcp_reconnect_client", gone && strstr(info(c), " connected") != NULL,
           "info '%s'", info(c));
    round_trip("socket.tcp_second_client", &m, c, cl);
    close(cl);
    free(fe);
    chardev_close_all(&m);

    /* A client chardev connecting to a server in this process. */
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof(a);
    bind(ls, (struct sockaddr *)&a, sizeof(a));
    listen(ls, 1);
    getsockname(ls, (struct sockaddr *)&a, &al);
    char spec[128];
    snprintf(spec, sizeof(spec), "socket,id=c0,host=127.0.0.1,port=%d", ntohs(a.sin_port));
    rc = chardev_add(&m, spec);
    int peer = accept(ls, NULL, NULL);
    result("socket.tcp_client_connect", rc == 0 && peer >= 0, "rc %d %s", rc,
           rc ? sim_err_msg() : "");
    if (rc == 0 && peer >= 0)
        round_trip("socket.tcp_client_bytes", &m, chardev_find(&m, "c0"), peer);
    close(peer);
    chardev_close_all(&m);

    /* TCP reconnect: the connect from the poller is non-blocking and completes later */
    snprintf(spec, sizeof(spec), "socket,id=c1,port=%d,reconnect-ms=1", ntohs(a.sin_port));
    rc = chardev_add(&m, spec);
    c = chardev_find(&m, "c1");
    close(accept(ls, NULL, NULL));
    bool dropped = rc == 0 && poll_until_info(&m, c, "disconnected", 10, false);
    if (rc == 0)
        poll_until_info(&m, c, " connected", 10000, true);
    peer = accept(ls, NULL, NULL);
    result("socket.tcp_reconnect", dropped && strstr(info(c), " connected"), "rc %d %s", rc,
           rc ? sim_err_msg() : info(c));
    if (rc == 0)
        round_trip("socket.tcp_reconnect_bytes", &m, c, peer);
    close(peer);
    chardev_close_all(&m);
    close(ls);
}

static void test_socket_unix(void)
{
    struct machine m = {0};
    char spec[600];
    const char *path = path_in_tmp("s.sock");
    snprintf(spec, sizeof(spec), "socket,id=u0,path=%s,server=on", path);
    int rc = chardev_add(&m, spec);
    /* wait=on: the client is already queued when start accepts it. */
    int cl = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
    int crc = connect(cl, (struct sockaddr *)&sun, sizeof(sun));
    int src = chardev_start_all(&m);
    struct chardev *c = chardev_find(&m, "u0");
    result("socket.unix_server_wait", rc == 0 && crc == 0 && src == 0 &&
                                          strstr(info(c), " connected") != NULL,
           "rc %d, connect %d, start %d, info '%s'", rc, crc, src, c ? info(c) : "");
    if (c)
        round_trip("socket.unix_server_bytes", &m, c, cl);
    close(cl);
    chardev_close_all(&m);
    struct stat st;
    result("socket.unix_unlinked", stat(path, &st) < 0, "socket file left behind");

    /* client to a Unix server in this process */
    int ls = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(ls, (struct sockaddr *)&sun, sizeof(sun));
    listen(ls, 1);
    snprintf(spec, sizeof(spec), "socket,id=u1,path=%s", path);
    rc = chardev_add(&m, spec);
    int peer = accept(ls, NULL, NULL);
    if (rc == 0 && peer >= 0)
        round_trip("socket.unix_client_bytes", &m, chardev_find(&m, "u1"), peer);
    else
        result("socket.unix_client_bytes", false, "rc %d %s", rc, sim_err_msg());
    close(peer);
    close(ls);
    chardev_close_all(&m);
    unlink(path);

    /* reconnect=: a missing server is not an error, only a note */
    snprintf(spec, sizeof(spec), "socket,id=u2,path=%s,reconnect=5", path);
    rc = chardev_add(&m, spec);
    c = chardev_find(&m, "u2");
    result("socket.reconnect_later", rc == 0 && strstr(info(c), "client, disconnected"),
           "rc %d %s", rc, rc ? sim_err_msg() : info(c));
    chardev_close_all(&m);

    /* reconnect-ms=: no server at the start, then one; then it goes away and comes back */
    snprintf(spec, sizeof(spec), "socket,id=u3,path=%s,reconnect-ms=1", path);
    rc = chardev_add(&m, spec);
    c = chardev_find(&m, "u3");
    ls = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(ls, (struct sockaddr *)&sun, sizeof(sun));
    listen(ls, 1);
    if (rc == 0) /* waits out the millisecond, then connects */
        poll_until_info(&m, c, " connected", 10000, true);
    peer = accept(ls, NULL, NULL);
    result("socket.reconnect_first", rc == 0 && strstr(info(c), " connected"), "rc %d %s", rc,
           rc ? sim_err_msg() : info(c));
    if (rc == 0)
        round_trip("socket.reconnect_first_bytes", &m, c, peer);
    close(peer);
    bool dropped = rc == 0 && poll_until_info(&m, c, "disconnected", 10, false);
    if (rc == 0)
        poll_until_info(&m, c, " connected", 10000, true);
    peer = accept(ls, NULL, NULL);
    result("socket.reconnect_again", dropped && strstr(info(c), " connected"), "%s",
           rc ? sim_err_msg() : info(c));
    if (rc == 0)
        round_trip("socket.reconnect_again_bytes", &m, c, peer);
    close(peer);
    close(ls);
    chardev_close_all(&m);
    unlink(path);
}

static void test_pty(void)
{
    struct machine m = {0};
    int rc = chardev_add(&m, "pty,id=p0");
    struct chardev *c = chardev_find(&m, "p0");
    char name[64] = "";
    if (rc == 0)
        sscanf(info(c), " %63[^,]", name);
    int fd = rc == 0 ? open(name, O_RDWR | O_NOCTTY) : -1;
    result("pty.open", rc == 0 && strncmp(name, "/dev/pts/", 9) == 0 && fd >= 0,
           "rc %d %s, name '%s'", rc, rc ? sim_err_msg() : "", name);
    if (fd >= 0)
        round_trip("pty.round_trip_raw", &m, c, fd); /* \r\n must pass unchanged */
    close(fd);
    chardev_close_all(&m);
}

static void test_stdio_serial(void)
{
    struct machine m = {0};
    struct chardev *a = chardev_serial(&m, "serial0", "null");
    struct chardev *b = chardev_serial(&m, "serial1", "ringbuf");
    result("serial.null", a && strcmp(a->id, "serial0") == 0 && strcmp(a->drv->name, "null") == 0,
           "%s", a ? a->drv->name : sim_err_msg());
    result("serial.unknown",
           !b && strcmp(sim_err_msg(), "-serial ringbuf: unknown serial back end 'ringbuf' "
                                       "(use stdio, null, pty, file:PATH, tcp:HOST:PORT, "
                                       "unix:PATH, /dev/DEVICE or chardev:ID)") == 0,
           "%s", sim_err_msg());
    chardev_add(&m, "ringbuf,id=rb,size=16");
    b = chardev_serial(&m, "serial1", "chardev:rb");
    result("serial.chardev", b == chardev_find(&m, "rb"), "%s", b ? b->id : sim_err_msg());
    b = chardev_serial(&m, "serial2", "tcp:127.0.0.1:0,server=on,wait=off");
    result("serial.tcp", b && strstr(info(b), "server, disconnected"), "%s",
           b ? info(b) : sim_err_msg());
    b = chardev_serial(&m, "serial4", "tcp::0,server,nowait");
    result("serial.tcp_short_bools", b && strstr(info(b), "server, disconnected"), "%s",
           b ? info(b) : sim_err_msg());
    b = chardev_serial(&m, "serial3", "tcp:localhost");
    result("serial.tcp_bad", !b && strcmp(sim_err_msg(),
                                          "-serial tcp:localhost: expected tcp:HOST:PORT") == 0,
           "%s", sim_err_msg());
    char spec[600];
    snprintf(spec, sizeof(spec), "file:%s", path_in_tmp("serial.txt"));
    b = chardev_serial(&m, "serial3", spec);
    result("serial.file", b && strcmp(b->drv->name, "file") == 0, "%s", sim_err_msg());
    struct chardev *s = chardev_stdio(&m, "con");
    result("stdio.default", s && strcmp(s->drv->name, "stdio") == 0 && chardev_stdio(&m, "x") == s,
           "%s", s ? s->drv->name : sim_err_msg());
    expect_err("stdio.only_one", chardev_add, &m, "stdio,id=s2",
               "-chardev stdio,id=s2: stdio is already used by chardev 'con'");
    chardev_close_all(&m);
}

static void test_chardev_errors(void)
{
    struct machine m = {0};
    int rc;
    expect_err("err.missing_port", chardev_add, &m, "socket,id=s0",
               "-chardev socket,id=s0: missing port=");
    expect_err("err.unknown_driver", chardev_add, &m, "sokcet,id=s0",
               "-chardev sokcet,id=s0: unknown chardev driver 'sokcet' (did you mean "
               "'socket'?)");
    expect_err("err.unknown_driver_list", chardev_add, &m, "parallel,id=s0",
               "-chardev parallel,id=s0: unknown chardev driver 'parallel' (drivers: file, "
               "null, pty, ringbuf, serial, socket, stdio)");
    expect_err("err.unknown_option", chardev_add, &m, "socket,id=s0,prot=4",
               "-chardev socket,id=s0,prot=4: unknown option 'prot' (did you mean 'port'?)");
    expect_err("err.missing_id", chardev_add, &m, "null", "-chardev null: missing id=");
    chardev_add(&m, "null,id=n0");
    expect_err("err.duplicate_id", chardev_add, &m, "ringbuf,id=n0",
               "-chardev ringbuf,id=n0: duplicate chardev id 'n0'");
    expect_err("err.bad_bool", chardev_add, &m, "socket,id=s1,port=5,server=maybe",
               "-chardev socket,id=s1,port=5,server=maybe: option 'server': 'maybe' is not a "
               "boolean (on/off)");
    expect_err("err.bad_port", chardev_add, &m, "socket,id=s1,port=70000,server=on",
               "-chardev socket,id=s1,port=70000,server=on: option 'port': 70000 is out of "
               "range [0, 65535]");
    expect_err("err.port_octal", chardev_add, &m, "socket,id=s1,port=010,server=on",
               "-chardev socket,id=s1,port=010,server=on: option 'port': '010' is not a valid "
               "int (a leading 0 is not allowed: socsim reads no octal)");
    expect_err("err.ringbuf_pow2", chardev_add, &m, "ringbuf,id=r1,size=1000",
               "-chardev ringbuf,id=r1,size=1000: size=1000 is not a power of two");
    expect_err("err.file_missing_path", chardev_add, &m, "file,id=f9",
               "-chardev file,id=f9: missing path= (the file output goes to: created, or "
               "truncated)");
    char spec[600], msg[800];
    snprintf(spec, sizeof(spec), "file,id=f9,path=%s", path_in_tmp("no/such/dir"));
    snprintf(msg, sizeof(msg), "-chardev %s: cannot open '%s': No such file or directory",
             spec, path_in_tmp("no/such/dir"));
    expect_err("err.file_not_found", chardev_add, &m, spec, msg);
    const char *denied = unwritable_path("ro.txt");
    snprintf(spec, sizeof(spec), "file,id=f9,path=%s", denied);
    snprintf(msg, sizeof(msg), "-chardev %s: cannot open '%s': Permission denied", spec, denied);
    expect_err("err.file_denied", chardev_add, &m, spec, msg);
    snprintf(spec, sizeof(spec), "socket,id=s2,path=%s", path_in_tmp("nobody.sock"));
    snprintf(msg, sizeof(msg), "-chardev %s: cannot connect to unix:%s: No such file or directory",
             spec, path_in_tmp("nobody.sock"));
    expect_err("err.socket_refused", chardev_add, &m, spec, msg);
    /* the resolver's reason varies with the host's network: check up to it */
    static const char host_err[] = "-chardev socket,id=s4,host=no.such.host.invalid,port=4: "
                                   "cannot resolve host 'no.such.host.invalid': ";
    rc = chardev_add(&m, "socket,id=s4,host=no.such.host.invalid,port=4");
    result("err.socket_host", rc == -1 && strncmp(sim_err_msg(), host_err,
                                                  sizeof(host_err) - 1) == 0,
           "%d: %s", rc, sim_err_msg());
    expect_err("err.socket_both", chardev_add, &m, "socket,id=s3,path=/tmp/x,port=4",
               "-chardev socket,id=s3,path=/tmp/x,port=4: path= (Unix socket) and host=/port= "
               "(TCP) exclude each other");
    expect_err("err.bad_id", chardev_add, &m, "null,id=9x",
               "-chardev null,id=9x: bad id '9x' (use letters, digits, '-', '.' and '_', "
               "starting with a letter)");
    expect_err("err.not_kv", chardev_add, &m, "null,id=x,verbose",
               "-chardev null,id=x,verbose: unknown option 'verbose' (see -chardev null,help)");
    expect_err("err.empty", chardev_add, &m, "null,,",
               "-chardev null,,: unknown chardev driver 'null,' (did you mean 'null'?)");
    /* the in-use port: listen twice on the same port */
    chardev_add(&m, "socket,id=t1,port=0,server=on,wait=off");
    int port = tcp_port(chardev_find(&m, "t1"));
    snprintf(spec, sizeof(spec), "socket,id=t2,port=%d,server=on,wait=off", port);
    snprintf(msg, sizeof(msg), "-chardev %s: cannot listen on tcp:127.0.0.1:%d: Address "
             "already in use", spec, port);
    expect_err("err.port_in_use", chardev_add, &m, spec, msg);
    result("err.nothing_added", chardev_find(&m, "s0") == NULL && chardev_find(&m, "s1") == NULL
                                    && chardev_find(&m, "f9") == NULL,
           "a failed -chardev left a chardev behind");

    /* help comes from the registry */
    char buf[4096];
    FILE *f = fmemopen(buf, sizeof(buf), "w");
    chardev_print_help(f);
    fclose(f);
    bool all = true;
    const char *names[] = {"  file ", "  null ", "  pty ", "  ringbuf ", "  socket ", "  stdio "};
    for (size_t i = 0; i < 6; i++)
        all = all && strstr(buf, names[i]);
    result("help.lists_drivers",
           all && strstr(buf, "\n    reconnect          int       0            client: "),
           "help:\n%s", buf);
    chardev_close_all(&m);
}

static uint64_t fnv(const char *path)
{
    uint64_t h = 1469598103934665603ull;
    int fd = open(path, O_RDONLY);
    uint8_t b[4096];
    ssize_t r;
    while (fd >= 0 && (r = read(fd, b, sizeof(b))) > 0)
        for (ssize_t i = 0; i < r; i++)
            h = (h ^ b[i]) * 1099511628211ull;
    if (fd >= 0)
        close(fd);
    return h;
}

static void make_image(const char *path, size_t size)
{
    FILE *f = fopen(path, "w");
    for (size_t i = 0; i < size; i++)
        fputc((int)((i * 13) ^ (i >> 8)) & 0xff, f);
    fclose(f);
}

static void test_blockdev(void)
{
    struct machine m = {0};
    char spec[600], msg[900];
    const char *img = path_in_tmp("disk.img");
    make_image(img, 10000); /* not a whole number of clusters */
    uint64_t sum = fnv(img);

    /* read-write file */
    snprintf(spec, sizeof(spec), "driver=file,node-name=d0,filename=%s", img);
    int rc = blockdev_add(&m, spec);
    struct blockdev *b = blockdev_find(&m, "d0");
    uint8_t buf[9000];
    int r1 = b ? blockdev_read(b, 9990, buf, 10) : -1;
    bool ok = r1 == 0 && buf[0] == (((9990 * 13) ^ (9990 >> 8)) & 0xff);
    int w = b ? blockdev_write(b, 100, "WXYZ", 4) : -1;
    blockdev_close_all(&m);
    size_t len;
    char *data = slurp(img, &len);
    result("blockdev.file_rw", rc == 0 && ok && w == 0 && len == 10000 &&
                                   memcmp(data + 100, "WXYZ", 4) == 0,
           "add %d %s, read %d, write %d, size %zu", rc, rc ? sim_err_msg() : "", r1, w, len);
    make_image(img, 10000);

    /* Nodes hold their files for reading with a shared lock until a writer claims them:
     * two may share a base.  A writer's claim then finds the other's lock. */
    snprintf(spec, sizeof(spec), "driver=file,node-name=s1,filename=%s", img);
    rc = blockdev_add(&m, spec);
    snprintf(spec, sizeof(spec), "driver=file,node-name=s2,filename=%s", img);
    int rs = blockdev_add(&m, spec);
    int claim = rs == 0 ? blockdev_use(blockdev_find(&m, "s2"), NULL) : 0;
    snprintf(msg, sizeof(msg),
             "blockdev s2: '%s' is in use by another process (locked: it "
             "reads or writes the image)",
             img);
    result("blockdev.shared", rc == 0 && rs == 0 && claim == -1 && !strcmp(sim_err_msg(), msg),
           "add %d %d, claim %d: %s", rc, rs, claim, sim_err_msg());
    blockdev_close_all(&m);

    /* a second writer of the same image is refused (flock) */
    snprintf(spec, sizeof(spec), "driver=file,node-name=w1,filename=%s", img);
    rc = blockdev_add(&m, spec);
    claim = rc == 0 ? blockdev_use(blockdev_find(&m, "w1"), NULL) : -1;
    snprintf(spec, sizeof(spec), "driver=file,node-name=w2,filename=%s", img);
    snprintf(msg, sizeof(msg), "-blockdev %s: '%s' is locked by another writer", spec,
             img);
    expect_err("blockdev.locked", blockdev_add, &m, spec, msg);
    blockdev_close_all(&m);

    /* read-only file refuses writes and stays as it was */
    snprintf(spec, sizeof(spec), "driver=file,node-name=ro,filename=%s,read-only=on", img);
    rc = blockdev_add(&m, spec);
    b = blockdev_find(&m, "ro");
    w = b ? blockdev_write(b, 0, "x", 1) : 0;
    result("blockdev.read_only", rc == 0 && b->read_only && w == -1 &&
                                     strcmp(sim_err_msg(), "blockdev ro: read-only") == 0 &&
                                     fnv(img) == sum,
           "add %d, write %d: %s", rc, w, sim_err_msg());
    int rr = b ? blockdev_read(b, 9999, buf, 2) : 0;
    result("blockdev.range", rr == -1 && strcmp(sim_err_msg(), "blockdev ro: read of 2 bytes at "
                                                "offset 9999 is beyond the end (size 10000)") == 0,
           "%d: %s", rr, sim_err_msg());

    /* overlay in memory over the read-only base */
    rc = blockdev_add(&m, "driver=overlay,node-name=ov,file=ro,snapshot=on");
    struct blockdev *ov = blockdev_find(&m, "ov");
    static uint8_t pat[9000], want[10000];
    for (size_t i = 0; i < sizeof(pat); i++)
        pat[i] = (uint8_t)(0xa5 ^ i);
    blockdev_read(b, 0, want, 10000);
    memcpy(want + 500, pat, 9000);
    w = ov ? blockdev_write(ov, 500, pat, 9000) : -1;           /* spans three clusters */
    int w2 = ov ? blockdev_write(ov, 9999, "E", 1) : -1;        /* the partial last one */
    want[9999] = 'E';
    static uint8_t got[10000];
    int r = ov ? blockdev_read(ov, 0, got, 10000) : -1;
    result("blockdev.overlay_snapshot", rc == 0 && w == 0 && w2 == 0 && r == 0 &&
                                            memcmp(got, want, 10000) == 0 && fnv(img) == sum,
           "add %d %s, write %d %d, read %d, equal %d, base unchanged %d", rc,
           rc ? sim_err_msg() : "", w, w2, r, memcmp(got, want, 10000) == 0, fnv(img) == sum);

    /* overlay file: made on the first write, persistent, base untouched */
    const char *ovf = path_in_tmp("disk.ovl");
    snprintf(spec, sizeof(spec), "driver=overlay,node-name=of,file=ro,filename=%s", ovf);
    rc = blockdev_add(&m, spec);
    struct stat st;
    bool absent = stat(ovf, &st) < 0;
    struct blockdev *of = blockdev_find(&m, "of");
    w = of ? blockdev_write(of, 4090, "0123456789", 10) : -1;
    bool present = stat(ovf, &st) == 0;
    blockdev_close_all(&m);
    snprintf(spec, sizeof(spec), "driver=file,node-name=ro,filename=%s,read-only=on", img);
    blockdev_add(&m, spec);
    snprintf(spec, sizeof(spec), "driver=overlay,node-name=of,file=ro,filename=%s", ovf);
    int rc2 = blockdev_add(&m, spec);
    of = blockdev_find(&m, "of");
    memset(got, 0, 20);
    r = of ? blockdev_read(of, 4085, got, 20) : -1;
    memcpy(want, data, 0);
    blockdev_read(blockdev_find(&m, "ro"), 4085, want, 20);
    memcpy(want + 5, "0123456789", 10);
    result("blockdev.overlay_file", rc == 0 && absent && w == 0 && present && rc2 == 0 &&
                                        r == 0 && memcmp(got, want, 20) == 0 && fnv(img) == sum,
           "add %d, absent before write %d, write %d, present %d, reopen %d %s, read %d, "
           "equal %d, base unchanged %d", rc, absent, w, present, rc2, rc2 ? sim_err_msg() : "",
           r, memcmp(got, want, 20) == 0, fnv(img) == sum);
    blockdev_close_all(&m);

    /* an overlay file made for another base */
    const char *small = path_in_tmp("small.img");
    make_image(small, 4096);
    snprintf(spec, sizeof(spec), "driver=file,node-name=sm,filename=%s", small);
    blockdev_add(&m, spec);
    snprintf(spec, sizeof(spec), "driver=overlay,node-name=o2,file=sm,filename=%s", ovf);
    snprintf(msg, sizeof(msg), "-blockdev %s: overlay '%s' was made for a 10000-byte base, not "
             "4096 bytes", spec, ovf);
    expect_err("blockdev.overlay_wrong_base", blockdev_add, &m, spec, msg);
    blockdev_close_all(&m);

    /* errors */
    expect_err("blockdev.err_unknown_driver", blockdev_add, &m, "driver=fille,node-name=x",
               "-blockdev driver=fille,node-name=x: unknown blockdev driver 'fille' (did you "
               "mean 'file'?)");
    expect_err("blockdev.err_missing_filename", blockdev_add, &m, "driver=file,node-name=x",
               "-blockdev driver=file,node-name=x: missing filename= (the image: raw, its "
               "size the device's; or qcow2, for a driver=qcow2 node)");
    expect_err("blockdev.err_missing_node", blockdev_add, &m, "driver=file,filename=x",
               "-blockdev driver=file,filename=x: missing node-name=");
    expect_err("blockdev.err_missing_driver", blockdev_add, &m, "node-name=x,filename=x",
               "-blockdev node-name=x,filename=x: missing driver=");
    snprintf(spec, sizeof(spec), "driver=file,node-name=x,filename=%s", path_in_tmp("nope.img"));
    snprintf(msg, sizeof(msg), "-blockdev %s: cannot open '%s' for writing: No such file or "
             "directory", spec, path_in_tmp("nope.img"));
    expect_err("blockdev.err_not_found", blockdev_add, &m, spec, msg);
    result("blockdev.err_not_created", stat(path_in_tmp("nope.img"), &st) < 0,
           "a failed open created the image");
    /* A file one may only read is a base as it is; a writer's claim is refused. */
    const char *denied = unwritable_path("ro.img");
    snprintf(spec, sizeof(spec), "driver=file,node-name=x,filename=%s", denied);
    rc = blockdev_add(&m, spec);
    claim = rc == 0 ? blockdev_use(blockdev_find(&m, "x"), NULL) : 0;
    snprintf(msg, sizeof(msg),
             "blockdev x: cannot open '%s' for writing: Permission denied "
             "(read-only=on gives the guest write-protected media)",
             denied);
    result("blockdev.err_denied", rc == 0 && claim == -1 && !strcmp(sim_err_msg(), msg),
           "add %d, claim %d: %s", rc, claim, sim_err_msg());
    blockdev_close_all(&m);
    snprintf(spec, sizeof(spec), "driver=file,node-name=d0,filename=%s", img);
    blockdev_add(&m, spec);
    snprintf(spec, sizeof(spec), "driver=file,node-name=d0,filename=%s,read-only=on", small);
    snprintf(msg, sizeof(msg), "-blockdev %s: duplicate node-name 'd0'", spec);
    expect_err("blockdev.err_duplicate", blockdev_add, &m, spec, msg);
    expect_err("blockdev.err_bad_value", blockdev_add, &m,
               "driver=file,node-name=y,filename=x,read-only=ja",
               "-blockdev driver=file,node-name=y,filename=x,read-only=ja: option 'read-only': "
               "'ja' is not a boolean (on/off)");
    expect_err("blockdev.err_overlay_base", blockdev_add, &m,
               "driver=overlay,node-name=y,file=nope,snapshot=on",
               "-blockdev driver=overlay,node-name=y,file=nope,snapshot=on: option 'file': no "
               "blockdev with node-name 'nope'");
    expect_err("blockdev.err_overlay_mode", blockdev_add, &m, "driver=overlay,node-name=y,file=d0",
               "-blockdev driver=overlay,node-name=y,file=d0: missing filename= (or "
               "snapshot=on to keep writes in memory)");
    snprintf(spec, sizeof(spec), "driver=overlay,node-name=y,file=d0,filename=%s",
             path_in_tmp("no/dir/x.ovl"));
    snprintf(msg, sizeof(msg), "-blockdev %s: cannot create '%s': No such file or directory",
             spec, path_in_tmp("no/dir/x.ovl"));
    expect_err("blockdev.err_overlay_dir", blockdev_add, &m, spec, msg);
    blockdev_close_all(&m);
    result("blockdev.errors_leave_image", fnv(img) == sum, "the image changed");

    char hb[2048];
    FILE *f = fmemopen(hb, sizeof(hb), "w");
    blockdev_print_help(f);
    fclose(f);
    result("blockdev.help", strstr(hb, "  file ") && strstr(hb, "  overlay ") &&
                                strstr(hb, "\n    snapshot           bool      off  "),
           "help:\n%s", hb);
}

/* A broken back end can leave a test waiting for bytes that never come: fail, not hang. */
static void watchdog(int sig)
{
    static const char msg[] = "FAIL backends.watchdog: a test waited 60 s for host I/O\n";
    (void)sig;
    if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
        _exit(2);
    _exit(1);
}

int main(int argc, char **argv)
{
    static char dir[512];
    const char *base = argc > 1 ? argv[1] : getenv("TMP") ? getenv("TMP") : "/tmp";
    snprintf(dir, sizeof(dir), "%s/backends.XXXXXX", base);
    if (!mkdtemp(dir)) {
        printf("FAIL backends.tmpdir: cannot make %s: %s\n", dir, strerror(errno));
        return 1;
    }
    tmp = dir;
    signal(SIGALRM, watchdog);
    alarm(60);
    test_file();
    test_ringbuf();
    test_null();
    test_socket_tcp();
    test_socket_unix();
    test_pty();
    test_stdio_serial();
    test_chardev_errors();
    test_blockdev();
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("FAIL backends.cleanup: %s\n", cmd);
    return failures ? 1 : 0;
}
