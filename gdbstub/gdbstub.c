/* The GDB stub: sockets, the debugger's run loop, and the target operations for the
 * machine's first CPU (soc/cpu.h), with the ISA's part in rv_target.c.
 *
 * Simulated time: while gdb holds the target, gdb_stub_run() serves packets and never
 * calls the kernel, so no event fires and no cycle passes.  While the target runs, the
 * stub is a host poller (struct sim_poller): the kernel calls it between events and it
 * only reads its socket (Ctrl-C, a new connection).  Neither adds simulated work, so a
 * session that only continues has the cycle counts of a run without gdb. */
#define _GNU_SOURCE
#include "gdbstub/gdbstub.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "gdbstub/gdb_proto.h"
#include "gdbstub/monitor.h"
#include "gdbstub/reverse.h"
#include "gdbstub/rv_target.h"
#include "sim/error.h"
#include "sim/host_signal.h"
#include "sim/unix_socket.h"
#include "soc/cpu.h"
#include "soc/machine.h"

/* Why the stub stopped a running target itself: Ctrl-C (reported to gdb as SIGINT), or
 * a new connection, a kill or a detach of a running target (nothing to report). */
enum stub_interrupt { INT_NONE, INT_CTRLC, INT_QUIET };

struct gdb_stub {
    struct machine *m;
    struct cpu *cpu;
    char *spec;
    struct sim_unix_listener unix_sock; /* -gdb unix:PATH; its file is removed on close */
    int listen_fd, conn_fd;
    bool wait;           /* -S: nothing runs before gdb connects and resumes */
    bool have_proto;
    struct gdb_proto proto;
    struct gdb_target_ops ops;
    char *xml;
    struct sim_poller poller;
    bool step;           /* the pending resume is a single step */
    int reverse;         /* the pending resume goes backwards: 1 bc, 2 bs (reverse.h) */
    struct gdb_rev *rev; /* NULL: no reverse execution */
    enum stub_interrupt interrupt;
    bool kill;
    double run_s;        /* host seconds the target ran, for monitor stats' host MIPS */
};

/* ---- sockets ------------------------------------------------------------------------ */

static void send_all(void *io, const void *buf, size_t n)
{
    struct gdb_stub *g = io;
    const char *p = buf;
    while (n && g->conn_fd >= 0) {
        ssize_t k = send(g->conn_fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd pf = {.fd = g->conn_fd, .events = POLLOUT};
            if (sim_host_poll(&pf, 1, -1) < 0 && sim_signal_caught)
                return; /* a debugger that reads nothing does not hold up the exit */
            continue;
        }
        if (k <= 0)
            return; /* the peer went away: the next read sees EOF and cleans up */
        p += k;
        n -= (size_t)k;
    }
}

/* 127.0.0.0/8, ::1, or ::ffff:127.x.y.z. */
static bool is_loopback(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
    if (ss->ss_family != AF_INET6)
        return false;
    const struct in6_addr *a = &((const struct sockaddr_in6 *)ss)->sin6_addr;
    return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
}

static int listen_tcp(struct gdb_stub *g, const char *hostport)
{
    const char *colon = strrchr(hostport, ':');
    if (!colon || !colon[1])
        return sim_err("-gdb %s: expected tcp:[HOST]:PORT", g->spec);
    char host[256];
    size_t hl = (size_t)(colon - hostport);
    if (hl >= sizeof host)
        return sim_err("-gdb %s: host name too long", g->spec);
    memcpy(host, hostport, hl);
    host[hl] = 0;
    /* An IPv6 address is written in brackets, as in a URL and QEMU's -gdb: tcp:[::1]:1234. */
    if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
        memmove(host, host + 1, hl - 2);
        host[hl -= 2] = 0;
    } else if (memchr(host, ':', hl)) {
        return sim_err("-gdb %s: an IPv6 address goes in brackets: tcp:[%s]:%s", g->spec, host,
                       colon + 1);
    }
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return sim_err("-gdb %s: bad port '%s'", g->spec, colon + 1);

    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *res;
    int rc = getaddrinfo(hl ? host : "127.0.0.1", colon + 1, &hints, &res);
    if (rc)
        return sim_err("-gdb %s: %s", g->spec, gai_strerror(rc));
    int fd = -1, err = 0;
    for (struct addrinfo *a = res; a; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, 1) == 0)
            break;
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0)
        return sim_err("-gdb %s: cannot listen: %s", g->spec, strerror(err));
    g->listen_fd = fd;
    /* Name the address actually bound (port 0 picks a free one), so scripts can find it. */
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char h[128] = "?", p[16] = "?";
    bool named = getsockname(fd, (struct sockaddr *)&ss, &sl) == 0;
    if (named)
        getnameinfo((struct sockaddr *)&ss, sl, h, sizeof h, p, sizeof p,
                    NI_NUMERICHOST | NI_NUMERICSERV);
    bool v6 = named && ss.ss_family == AF_INET6;
    sim_warn("gdb: listening on tcp:%s%s%s:%s", v6 ? "[" : "", h, v6 ? "]" : "", p);
    /* The stub has no authentication: whoever connects controls the machine. */
    if (!named || !is_loopback(&ss))
        sim_warn("warning: -gdb %s: %s is not a loopback address: anyone who can reach port "
                 "%s can read and write the machine's memory and registers",
                 g->spec, h, p);
    return 0;
}

static int listen_unix(struct gdb_stub *g, const char *path)
{
    if (sim_unix_listen(&g->unix_sock, path) < 0)
        return sim_err_prefix("-gdb %s", g->spec);
    g->listen_fd = g->unix_sock.fd;
    sim_warn("gdb: listening on unix:%s", path);
    return 0;
}

static void drop_connection(struct gdb_stub *g);

/* ---- target operations -------------------------------------------------------------- */

static int t_read_reg(void *t, unsigned regno, uint64_t *val)
{
    struct gdb_stub *g = t;
    return rv_target_read_reg(g->cpu, regno, val);
}

static int t_write_reg(void *t, unsigned regno, uint64_t val)
{
    struct gdb_stub *g = t;
    if (g->rev)
        gdb_rev_diverged(g->rev);
    return rv_target_write_reg(g->cpu, regno, val);
}

/* The bus's 32-bit address space: false when addr lies beyond it, else n cut to what lies
 * in it. */
static bool in_space(uint64_t addr, size_t *n)
{
    if (addr > UINT32_MAX)
        return false;
    if (*n > (uint64_t)UINT32_MAX + 1 - addr)
        *n = (size_t)((uint64_t)UINT32_MAX + 1 - addr);
    return true;
}

static size_t t_read_mem(void *t, uint64_t addr, void *buf, size_t n)
{
    struct gdb_stub *g = t;
    if (!in_space(addr, &n))
        return 0;
    return bus_debug_read(g->m->sysbus, (uint32_t)addr, buf, (uint32_t)n);
}

static size_t t_write_mem(void *t, uint64_t addr, const void *buf, size_t n)
{
    struct gdb_stub *g = t;
    if (!in_space(addr, &n))
        return 0;
    if (g->rev)
        gdb_rev_diverged(g->rev);
    return bus_debug_write(g->m->sysbus, (uint32_t)addr, buf, (uint32_t)n);
}

static int t_insert_point(void *t, enum gdb_point type, uint64_t addr, uint64_t kind)
{
    struct gdb_stub *g = t;
    return rv_target_insert_point(g->cpu, type, addr, kind);
}

static int t_remove_point(void *t, enum gdb_point type, uint64_t addr, uint64_t kind)
{
    struct gdb_stub *g = t;
    return rv_target_remove_point(g->cpu, type, addr, kind);
}

static void t_resume(void *t, bool step)
{
    struct gdb_stub *g = t;
    g->step = step;
}

static void t_reverse(void *t, bool step)
{
    struct gdb_stub *g = t;
    g->reverse = step ? 2 : 1;
}

static void stop_target(struct gdb_stub *g, enum stub_interrupt why)
{
    g->interrupt = why;
    sim_stop(&g->m->sim, SIM_STOP_HOST, 0);
    cpu_kick(g->cpu);
}

static void t_interrupt(void *t)
{
    stop_target(t, INT_CTRLC);
}

static void t_kill(void *t)
{
    struct gdb_stub *g = t;
    g->kill = true;
    if (g->proto.running) /* a raw client may kill a running target */
        stop_target(g, INT_QUIET);
}

static void t_detach(void *t)
{
    struct gdb_stub *g = t;
    rv_target_clear_points(g->cpu);
}

static int t_monitor(void *t, const char *cmd, struct gdb_text *out)
{
    struct gdb_stub *g = t;
    if (!strncmp(cmd, "reverse", 7) && (!cmd[7] || cmd[7] == ' ')) {
        if (g->rev)
            return gdb_rev_monitor(g->rev, cmd + 7, out);
        gdb_printf(out, "reverse execution: off (--reverse-interval 0)\n");
        return 0;
    }
    return gdb_monitor(g->m, g->cpu, g->run_s, cmd, out);
}

/* ---- connections --------------------------------------------------------------------- */

static int new_connection(struct gdb_stub *g, int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* fails on Unix sockets */
    g->conn_fd = fd;
    if (gdb_proto_init(&g->proto, &g->ops, g, send_all, g) < 0) {
        close(fd);
        g->conn_fd = -1;
        return -1;
    }
    g->have_proto = true;
    return 0;
}

/* The connection ended (detach, kill, EOF, error): forget breakpoints and watchpoints,
 * so the firmware runs on freely, and wait for the next one. */
static void drop_connection(struct gdb_stub *g)
{
    if (g->conn_fd >= 0)
        close(g->conn_fd);
    g->conn_fd = -1;
    if (g->have_proto)
        gdb_proto_free(&g->proto);
    g->have_proto = false;
    rv_target_clear_points(g->cpu);
}

/* Take a pending connection: 1 when connected, 0 when none (yet), -1 when the listening
 * socket is broken (sim_err set). */
static int accept_one(struct gdb_stub *g, bool block)
{
    struct pollfd pf = {.fd = g->listen_fd, .events = POLLIN};
    if (sim_host_poll(&pf, 1, block ? -1 : 0) <= 0)
        return 0; /* none yet, or a signal ends the wait */
    int fd = accept4(g->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) {
        /* A client that gave up before we took it, or a signal: try again later. */
        if (errno == EINTR || errno == EAGAIN || errno == ECONNABORTED || errno == EPROTO)
            return 0;
        return sim_err("-gdb %s: accept: %s", g->spec, strerror(errno));
    }
    return new_connection(g, fd) == 0 ? 1 : 0;
}

/* Read what gdb sent and feed it to the protocol; on EOF or error drop the connection.
 * With `block`, wait for data first. */
static void read_connection(struct gdb_stub *g, bool block)
{
    struct pollfd pf = {.fd = g->conn_fd, .events = POLLIN};
    if (sim_host_poll(&pf, 1, block ? -1 : 0) <= 0)
        return; /* nothing yet, or a signal ends the wait */
    char buf[4096];
    ssize_t n = recv(g->conn_fd, buf, sizeof buf, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        drop_connection(g);
        return;
    }
    gdb_proto_input(&g->proto, buf, (size_t)n);
}

/* The kernel's host poller, called between events while the target runs. */
static void stub_poll(void *opaque, bool block)
{
    struct gdb_stub *g = opaque;
    if (block) {
        /* Nothing can happen in simulated time until the host acts: wait a little for
         * our socket (wall-clock only; other pollers get their turn after). */
        struct pollfd pf = {.fd = g->conn_fd >= 0 ? g->conn_fd : g->listen_fd, .events = POLLIN};
        sim_host_poll(&pf, 1, 20);
    }
    if (g->conn_fd < 0) {
        if (accept_one(g, false) > 0)
            stop_target(g, INT_QUIET); /* a debugger attaches: stop where we are */
        return;
    }
    if (g->have_proto && g->proto.running) {
        read_connection(g, false); /* Ctrl-C; on EOF the connection is dropped, we run on */
        if (g->conn_fd >= 0 && g->proto.detached && !g->kill)
            drop_connection(g); /* detached while running: run on */
    }
}

/* ---- the run loop -------------------------------------------------------------------- */

static void report_stop(struct gdb_stub *g, struct gdb_stop *st)
{
    if (g->conn_fd >= 0 && g->have_proto)
        gdb_proto_stopped(&g->proto, st);
}

/* The simulator got SIGINT, SIGTERM or SIGHUP: gdb sees the program end by it. */
static void report_signal(struct gdb_stub *g)
{
    int sig = g->m->sim.exit_code - 128;
    struct gdb_stop st = {.kind = GDB_STOP_TERMINATED, .sig = GDB_SIGTERM};
    if (sig == SIGINT || sig == SIGHUP)
        st.sig = sig == SIGINT ? GDB_SIGINT : GDB_SIGHUP;
    report_stop(g, &st);
}

/* Serve packets while the target is stopped.  Returns once gdb resumed the target, the
 * connection ended, or gdb killed the program. */
static void serve_stopped(struct gdb_stub *g)
{
    while (g->conn_fd >= 0 && !g->proto.running && !g->kill && !sim_signal_caught) {
        read_connection(g, true);
        if (g->conn_fd >= 0 && g->proto.detached)
            drop_connection(g);
    }
}

enum sim_stop_reason gdb_stub_run(struct gdb_stub *g)
{
    struct sim *s = &g->m->sim;
    if (g->wait) {
        g->wait = false;
        while (g->conn_fd < 0 && !sim_signal_caught)
            if (accept_one(g, true) < 0) {
                sim_err_print();
                sim_stop(s, SIM_STOP_ERROR, 1);
                return SIM_STOP_ERROR;
            }
    }
    for (;;) {
        if (g->conn_fd >= 0 && !g->proto.running)
            serve_stopped(g);
        if (sim_stop_on_signal(s)) {
            report_signal(g);
            return SIM_STOP_SIGNAL;
        }
        if (g->kill) {
            /* gdb killed the program: the simulation ends as a clean exit (status 0),
             * as a board powered off from the debugger would. */
            drop_connection(g);
            sim_warn("gdb: killed by the debugger");
            sim_resume(s);
            sim_stop(s, SIM_STOP_EXIT, 0);
            return SIM_STOP_EXIT;
        }
        bool step = g->conn_fd >= 0 && g->step;
        g->step = false;
        struct gdb_stop st;
        if (g->reverse) {
            bool back_step = g->reverse == 2;
            g->reverse = 0;
            gdb_rev_back(g->rev, back_step, &st);
            sim_resume(s);
            g->interrupt = INT_NONE;
            report_stop(g, &st);
            continue;
        }
        if (g->rev)
            gdb_rev_arm(g->rev, g->conn_fd >= 0);
        double t0 = sim_host_seconds();
        enum sim_stop_reason r = rv_target_run(g->cpu, step);
        g->run_s += sim_host_seconds() - t0;
        if (g->rev && gdb_rev_forward_stop(g->rev, r)) {
            /* A checkpoint of the history: the run goes on, unless a breakpoint is
             * next, which resuming would step over. */
            if (rv_target_bp_here(g->cpu, &st))
                report_stop(g, &st);
            continue;
        }
        switch (r) {
        case SIM_STOP_BREAKPOINT:
            sim_resume(s);
            rv_target_debug_stop(g->cpu, &st);
            report_stop(g, &st);
            continue;
        case SIM_STOP_HOST:
            if (g->interrupt == INT_NONE)
                break;
            sim_resume(s);
            if (g->interrupt == INT_CTRLC) {
                st = (struct gdb_stop){.kind = GDB_STOP_SIGNAL, .sig = GDB_SIGINT};
                report_stop(g, &st);
            }
            g->interrupt = INT_NONE;
            continue;
        case SIM_STOP_EXIT:
            st = (struct gdb_stop){.kind = GDB_STOP_EXITED, .code = s->exit_code};
            report_stop(g, &st);
            break;
        case SIM_STOP_TRAP_LOOP:
            if (g->conn_fd < 0)
                break; /* no debugger to stop for: the run ends, as without one */
            {
                /* gdb stops there, with the signal a host program would get; going on
                 * stops again after another round of the loop. */
                char msg[256];
                g->cpu->ops->describe_stop(g->cpu, msg, sizeof(msg));
                sim_warn("%s", msg);
            }
            sim_resume(s);
            st = (struct gdb_stop){.kind = GDB_STOP_SIGNAL, .sig = rv_target_trap_signal(g->cpu)};
            report_stop(g, &st);
            continue;
        case SIM_STOP_SIGNAL:
            report_signal(g);
            break;
        case SIM_STOP_TIME_LIMIT:
        case SIM_STOP_INSN_LIMIT:
            /* The run is over: gdb sees the program end by SIGALRM, like timeout(1). */
            st = (struct gdb_stop){.kind = GDB_STOP_TERMINATED, .sig = GDB_SIGALRM};
            report_stop(g, &st);
            break;
        default:
            break;
        }
        return r;
    }
}

/* ---- open / close --------------------------------------------------------------------- */

struct gdb_stub *gdb_stub_open(struct machine *m, const char *spec, bool wait,
                               uint64_t reverse_interval)
{
    if (!m->ncpus) {
        sim_err("-gdb %s: the machine has no CPU to debug", spec);
        return NULL;
    }
    struct gdb_stub *g = calloc(1, sizeof *g);
    if (!g) {
        sim_err("-gdb: out of memory");
        return NULL;
    }
    g->m = m;
    g->cpu = m->cpus[0];
    g->spec = strdup(spec);
    g->listen_fd = g->conn_fd = -1;
    g->wait = wait;
    int rc;
    if (!strncmp(spec, "tcp:", 4))
        rc = listen_tcp(g, spec + 4);
    else if (!strncmp(spec, "unix:", 5))
        rc = listen_unix(g, spec + 5);
    else
        rc = sim_err("-gdb %s: expected tcp:[HOST]:PORT or unix:PATH", spec);
    if (rc < 0 || !rv_target_attach(g->cpu)) {
        if (rc == 0)
            sim_err("-gdb: out of memory");
        gdb_stub_close(g);
        return NULL;
    }
    if (reverse_interval && !(g->rev = gdb_rev_new(m, g->cpu, reverse_interval))) {
        sim_err("-gdb: out of memory");
        gdb_stub_close(g);
        return NULL;
    }
    g->xml = rv_target_xml(g->cpu);
    g->ops = (struct gdb_target_ops){
        .xml = g->xml ? g->xml : "",
        .g_regs = RV_GDB_G_REGS,
        .reg_bytes = 4,
        .read_reg = t_read_reg,
        .write_reg = t_write_reg,
        .read_mem = t_read_mem,
        .write_mem = t_write_mem,
        .insert_point = t_insert_point,
        .remove_point = t_remove_point,
        .resume = t_resume,
        .reverse = reverse_interval ? t_reverse : NULL,
        .interrupt = t_interrupt,
        .kill = t_kill,
        .detach = t_detach,
        .monitor = t_monitor,
    };
    g->poller = (struct sim_poller){.poll = stub_poll, .opaque = g};
    sim_add_poller(&m->sim, &g->poller);
    return g;
}

void gdb_stub_close(struct gdb_stub *g)
{
    if (!g)
        return;
    for (struct sim_poller **pp = &g->m->sim.pollers; *pp; pp = &(*pp)->next)
        if (*pp == &g->poller) {
            *pp = g->poller.next;
            break;
        }
    drop_connection(g);
    gdb_rev_free(g->rev);
    rv_target_free(g->cpu);
    if (g->unix_sock.path)
        sim_unix_close(&g->unix_sock);
    else if (g->listen_fd >= 0)
        close(g->listen_fd);
    free(g->spec);
    free(g->xml);
    free(g);
}
