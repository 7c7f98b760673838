/* stdio: output to the simulator's stdout, input from its stdin.  The terminal stays in
 * its normal (line) mode; signal=off only stops Ctrl-C and friends from signalling the
 * simulator so they reach the guest as bytes. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sim/backends/backend.h"
#include "sim/error.h"

struct chardev_stdio {
    struct chardev c;
    bool in_eof;
    bool dirty;      /* stdout holds bytes not yet flushed */
    bool tty_out;    /* an interactive terminal: flush every write */
    bool line_open;  /* the last byte written did not end a line (sim_console_line) */
    bool tty_saved;
    struct termios saved;
};

static struct chardev_stdio *stdio_user; /* stdin can feed only one chardev */

/* Device notes wait for the end of the line (sim_note): write line by line, so that they
 * go out right after the newline.  Rare, so out of the way of stdio_write. */
static void __attribute__((noinline)) write_lines(struct chardev_stdio *s, const uint8_t *buf,
                                                  size_t n)
{
    while (n > 0) {
        const uint8_t *nl = memchr(buf, '\n', n);
        size_t k = nl ? (size_t)(nl - buf) + 1 : n;
        fwrite(buf, 1, k, stdout);
        buf += k;
        n -= k;
        s->line_open = !nl;
        sim_console_line(s->line_open);
    }
}

static void stdio_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    struct chardev_stdio *s = container_of(c, struct chardev_stdio, c);
    if (unlikely(sim_notes_waiting())) {
        write_lines(s, buf, n);
    } else if (n > 0) {
        fwrite(buf, 1, n, stdout);
        /* Only a change between mid-line and line end is news: once per line. */
        bool open = buf[n - 1] != '\n';
        if (unlikely(open != s->line_open)) {
            s->line_open = open;
            sim_console_line(open);
        }
    }
    if (s->tty_out)
        fflush(stdout);
    else
        s->dirty = true;
}

static void stdio_flush(struct chardev *c)
{
    struct chardev_stdio *s = container_of(c, struct chardev_stdio, c);
    errno = 0;
    /* A stdout the host refuses (a full disk): said once; the exit status says it too. */
    if (s->dirty && (fflush(stdout) != 0 || ferror(stdout)) && !c->failed) {
        c->failed = true;
        sim_warn("chardev %s: writing stdout: %s", c->id,
                 errno ? strerror(errno) : "a write failed");
    }
    s->dirty = false;
}

static void stdio_poll(struct chardev *c, bool block)
{
    struct chardev_stdio *s = container_of(c, struct chardev_stdio, c);
    (void)block;
    stdio_flush(c);
    /* stdin is shared with the shell, so it stays blocking: read only what poll(2)
     * says is there. */
    if (!s->in_eof && chardev_in_room(c) > 0) {
        struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
        if (poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t r = chardev_in_read_fd(c, STDIN_FILENO, false);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
                s->in_eof = true;
        }
    }
    chardev_deliver(c);
}

static int stdio_pollfds(struct chardev *c, struct pollfd *pfd, int max, int *timeout_ms)
{
    struct chardev_stdio *s = container_of(c, struct chardev_stdio, c);
    (void)timeout_ms;
    /* The simulation is about to wait for the host: a prompt without its newline must not
     * hold back the notes of what happened before it. */
    sim_notes_flush();
    if (s->in_eof || chardev_in_room(c) == 0 || max < 1)
        return 0;
    pfd[0] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
    return 1;
}

static void stdio_info(struct chardev *c, FILE *f)
{
    fprintf(f, " %llu bytes out, %llu in", (unsigned long long)c->tx_bytes,
            (unsigned long long)c->rx_bytes);
}

static void stdio_close(struct chardev *c)
{
    struct chardev_stdio *s = container_of(c, struct chardev_stdio, c);
    sim_console_line(false); /* the console is gone: waiting notes go out */
    fflush(stdout);
    if (s->tty_saved)
        tcsetattr(STDIN_FILENO, TCSANOW, &s->saved);
    if (stdio_user == s)
        stdio_user = NULL;
    free(s);
}

struct stdio_cfg {
    bool signal;
};

static struct chardev *stdio_open(struct machine *m, const char *id, const void *cfg,
                                  uint64_t given)
{
    (void)m, (void)id, (void)given;
    bool sig = ((const struct stdio_cfg *)cfg)->signal;
    if (stdio_user) {
        sim_err("stdio is already used by chardev '%s'", stdio_user->c.id);
        return NULL;
    }
    struct chardev_stdio *s = calloc(1, sizeof(*s));
    if (!s) {
        sim_err("out of memory");
        return NULL;
    }
    s->tty_out = isatty(STDOUT_FILENO);
    if (!sig && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &s->saved) == 0) {
        struct termios t = s->saved;
        t.c_lflag &= ~(tcflag_t)ISIG; /* ^C, ^Z, ^\ become input bytes */
        if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
            s->tty_saved = true;
    }
    s->c.write = stdio_write;
    s->c.poll = stdio_poll;
    s->c.pollfds = stdio_pollfds;
    s->c.flush = stdio_flush;
    s->c.close = stdio_close;
    s->c.info = stdio_info;
    stdio_user = s;
    return &s->c;
}

static const struct opt_desc stdio_options[] = {
    OPT(struct stdio_cfg, signal, OPT_BOOL, "signal", "on",
        "off: ^C and ^Z go to the guest instead of the simulator"),
    {0},
};

static const struct chardev_driver chardev_stdio_drv = {
    .name = "stdio",
    .desc = "the simulator's standard input and output",
    .options = stdio_options,
    .cfg_size = sizeof(struct stdio_cfg),
    .open = stdio_open,
};
CHARDEV_DRIVER(chardev_stdio_drv)
