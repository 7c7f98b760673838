/* Character back ends (QEMU's -chardev): stdio, file, socket, pty, serial, null, ringbuf.
 *
 * A front end (a UART) writes bytes with chardev_write() and receives bytes through the
 * callbacks it attaches: the back end delivers input only while can_read() says the
 * front end has room, so host input is never dropped when the guest is slow.  Input the
 * front end cannot take yet stays in the chardev (and behind it in the host's own socket,
 * pty or pipe buffer, which the back end stops reading while its buffer is full).
 *
 * One poller per machine (chardev_poller_install) reads the host side of every chardev
 * with poll(2): without sleeping while the simulation runs, and blocking on the host only
 * when the simulation kernel says it is idle. */
#ifndef SIM_BACKENDS_CHARDEV_H
#define SIM_BACKENDS_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct kv;
struct opt_desc;
struct pollfd;

/* Descriptors one back end waits on at most (struct chardev pollfds). */
#define CHARDEV_POLLFDS_MAX 1
struct sim;

struct chardev_frontend {
    size_t (*can_read)(void *opaque);                 /* bytes it can take now */
    void (*read)(void *opaque, const uint8_t *buf, size_t n);
    void *opaque;
};

struct chardev;

/* A serial line's settings as the guest programs them into its UART. */
struct chardev_line {
    uint32_t baud;     /* bits per second, 0 = unknown */
    uint8_t data_bits; /* 5..8 */
    char parity;       /* 'N', 'E', 'O', 'M' (mark), 'S' (space) */
    uint8_t stop_bits; /* 1 or 2 */
};

struct chardev_driver {
    const char *name;
    const char *desc;
    /* The driver's options (sim/opts.h), declared as devices declare properties: the core
     * accepts exactly these keys (plus id=), fills a struct of cfg_size bytes with their
     * defaults and values, and prints -chardev help from the table. */
    const struct opt_desc *options;
    size_t cfg_size;
    /* Open from the filled options (given: which ones the user wrote, see opt_given);
     * return NULL with sim_err set (the core prefixes the message with the option as the
     * user wrote it). */
    struct chardev *(*open)(struct machine *m, const char *id, const void *cfg, uint64_t given);
};

/* Host input held for the front end: a byte queue owned by the core. */
#define CHARDEV_IN_CHUNK 4096 /* the back end stops reading the host beyond this */

struct chardev {
    char *id;
    const struct chardev_driver *drv;
    struct machine *m;
    struct chardev_frontend fe;
    bool fe_attached;
    void (*write)(struct chardev *c, const uint8_t *buf, size_t n);
    void (*poll)(struct chardev *c, bool block); /* deliver pending input to the front end */
    /* Host descriptors to wait on when the simulation is idle: fills at most `max`
     * entries (CHARDEV_POLLFDS_MAX at most) and returns how many; may lower *timeout_ms (-1 = none) for a timed retry
     * (socket reconnect=).  NULL when the back end has no host input. */
    int (*pollfds)(struct chardev *c, struct pollfd *pfd, int max, int *timeout_ms);
    /* Before the simulation starts (socket wait=on accepts its client); may be NULL. */
    int (*start)(struct chardev *c);
    void (*flush)(struct chardev *c);
    /* Apply the guest's line settings to the host line (serial); NULL when the back end
     * has no line.  0, or -1 with sim_err set. */
    int (*set_line)(struct chardev *c, const struct chardev_line *l);
    void (*close)(struct chardev *c); /* release the driver's resources and free c */
    /* Details for --info-tree, after "chardev: ID (DRIVER)" on the same line: begins
     * with a space, no newline (" tcp:127.0.0.1:4444 server, connected, ..."). */
    void (*info)(struct chardev *c, FILE *f);
    struct chardev *next;

    /* Input taken from the host, not yet accepted by the front end (core-owned). */
    uint8_t *in_buf;
    size_t in_off, in_len, in_cap;
    bool delivering;
    uint64_t rx_bytes, tx_bytes; /* delivered to the front end / written by it */
    /* A write to the host failed (a full disk): output was lost.  Set by the driver, which
     * warns once; the run's exit status says so (machine_output_lost). */
    bool failed;

    /* The line settings last handed to set_line (core-owned). */
    struct chardev_line line;
    bool line_warned;

    /* Checkpoints (soc/checkpoint.h).  position: where the back end's output stands (a
     * file: its length, flushed); NULL when it has none (a terminal, a socket).
     * resume_at: a run resumed from a checkpoint goes on there (a file: cut after `pos`
     * bytes when longer, appended to); before the back end starts.  0, or -1 with sim_err
     * set. */
    uint64_t (*position)(struct chardev *c);
    int (*resume_at)(struct chardev *c, uint64_t pos);
    /* The next skip_out bytes the front end writes were sent already: by the run that
     * saved the checkpoint this one resumes, when it ended (its UARTs handed over what
     * they held).  They count and reach the tap, not the back end. */
    uint64_t skip_out;

    /* An observer of every byte the front end writes, called by chardev_write before the
     * back end (a Lua scenario waiting for output); NULL when none. */
    void (*tap)(void *opaque, const uint8_t *buf, size_t n);
    void *tap_opaque;
    /* Another, for a trace output's timeline (soc/timeline.h), after tap; NULL when none. */
    void (*trace_tap)(void *opaque, struct chardev *c, const uint8_t *buf, size_t n);
    void *trace_tap_opaque;
};

/* The machine owning the back ends is opaque to them (sim/ does not depend on soc/): it
 * gives them the head of its chardev list and its simulation kernel (soc/machine.c). */
struct chardev **machine_chardevs(struct machine *m);
struct sim *machine_sim(struct machine *m);

void chardev_driver_register(const struct chardev_driver *d);
#define CHARDEV_DRIVER(d)                                                                  \
    static void __attribute__((constructor)) d##_register(void) { chardev_driver_register(&d); }

/* Parse "-chardev DRIVER,id=ID,opt=val..." and add it to the machine.  Returns 0, or 1
 * after printing help for "help" or "DRIVER,help" ("?" too) on stdout (m may be NULL for
 * those), or -1 with sim_err set. */
int chardev_add(struct machine *m, const char *spec);
/* The same from parts (Lua boards); `where` prefixes errors. */
struct chardev *chardev_create(struct machine *m, const char *driver, const char *id,
                               const struct kv *kv, size_t n, const char *where);
/* QEMU's -serial shorthand: "stdio", "null", "pty", "file:PATH", "tcp:HOST:PORT[,opts]",
 * "unix:PATH[,opts]", "/dev/DEVICE" (a host serial line), "chardev:ID" or a bare chardev
 * id; creates chardev `id` (e.g. "serial0") unless it names an existing one.  Returns the chardev, NULL with sim_err. */
struct chardev *chardev_serial(struct machine *m, const char *id, const char *spec);
struct chardev *chardev_find(struct machine *m, const char *id);
/* Make (or find) the default stdio chardev named "serial0"-style ids for boards. */
struct chardev *chardev_stdio(struct machine *m, const char *id);
void chardev_attach(struct chardev *c, const struct chardev_frontend *fe);
/* The front end goes away: input stays in the chardev until another one attaches. */
void chardev_detach(struct chardev *c);
void chardev_write(struct chardev *c, const uint8_t *buf, size_t n);
/* The guest changed its UART's baud rate or frame format: the back end's host line follows
 * (a no-op for back ends without one, and when nothing changed).  A host that refuses is
 * warned about once; the simulation goes on. */
void chardev_set_line(struct chardev *c, const struct chardev_line *l);
/* Called by the front end when it has room again, so held-back input flows. */
void chardev_accept_input(struct chardev *c);
/* Queue input for the front end as if the host had sent it (Lua scenarios, ringbuf). */
void chardev_inject(struct chardev *c, const uint8_t *buf, size_t n);
/* Before the run: wait for the clients of wait=on servers.  -1 with sim_err on failure. */
int chardev_start_all(struct machine *m);
/* Register the machine's one poller for every chardev with m->sim (once). */
void chardev_poller_install(struct machine *m);
/* What the poller does, callable directly (tests): block=true may wait on host fds. */
void chardev_poll_all(struct machine *m, bool block);
void chardev_flush_all(struct machine *m);
void chardev_close_all(struct machine *m); /* also removes the poller */
void chardev_print_help(FILE *f);
int chardev_print_driver_help(FILE *f, const char *driver); /* -1 when unknown */

/* ringbuf: take up to max of the oldest bytes written to it (consumed); 0 when empty
 * or when c is not a ringbuf. */
size_t chardev_ringbuf_read(struct chardev *c, char *buf, size_t max);

#endif
