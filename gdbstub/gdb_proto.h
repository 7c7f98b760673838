/* The GDB remote serial protocol, independent of sockets and of the CPU.
 *
 * A struct gdb_proto turns the bytes gdb sends into calls on a small target interface
 * (struct gdb_target_ops) and hands the framed replies to a send callback.  It knows
 * packet framing, checksums, acks and no-ack mode, binary escaping, the target
 * description transfer and the command set; it knows nothing about time or the
 * simulator, so tests/unit/gdb_proto.c drives it with a fake target.
 *
 * Execution is asynchronous: 'c', 's' and vCont call ops->resume() and mark the target
 * running; the owner runs the simulation and, when the target stops, calls
 * gdb_proto_stopped(), which sends the stop reply (GDB docs, "Stop Reply Packets"). */
#ifndef GDBSTUB_GDB_PROTO_H
#define GDBSTUB_GDB_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest packet payload we accept and announce (qSupported PacketSize, in hex there). */
#define GDB_PACKET_SIZE 0x4000

/* Signal numbers as gdb numbers them (GDB docs, "Signals"; same as Linux for these but
 * SIGBUS, 7 on Linux). */
#define GDB_SIGHUP 1
#define GDB_SIGINT 2
#define GDB_SIGILL 4
#define GDB_SIGTRAP 5
#define GDB_SIGKILL 9
#define GDB_SIGBUS 10
#define GDB_SIGSEGV 11
#define GDB_SIGALRM 14
#define GDB_SIGTERM 15

/* Z/z packet types (GDB docs, "Packets": Z0..Z4). */
enum gdb_point {
    GDB_BP_SW = 0,
    GDB_BP_HW = 1,
    GDB_WP_WRITE = 2,
    GDB_WP_READ = 3,
    GDB_WP_ACCESS = 4,
};

/* A growable text buffer for monitor output. */
struct gdb_text {
    char *s;
    size_t len, cap;
};

void gdb_printf(struct gdb_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Why the target stopped, as the stop reply tells it. */
enum gdb_stop_kind {
    GDB_STOP_SIGNAL,     /* stopped with signal `sig` (T packet) */
    GDB_STOP_EXITED,     /* the program exited with status `code` (W packet) */
    GDB_STOP_TERMINATED, /* the program ended by signal `sig` (X packet) */
};

enum gdb_stop_why {
    GDB_WHY_NONE,    /* a step finished, or an interrupt */
    GDB_WHY_SWBREAK, /* a software breakpoint (Z0) */
    GDB_WHY_HWBREAK, /* a hardware breakpoint (Z1) */
    GDB_WHY_WATCH,   /* a write watchpoint; addr is the data address */
    GDB_WHY_RWATCH,
    GDB_WHY_AWATCH,
};

struct gdb_stop {
    enum gdb_stop_kind kind;
    int sig;
    int code;
    enum gdb_stop_why why;
    uint64_t addr;
};

/* The target.  Register numbers are gdb's remote numbers (the regnum attributes of the
 * target description).  Memory calls return the number of bytes done, short at the first
 * unmapped byte.  insert/remove_point return 0, -1 on failure, 1 when the type is not
 * supported (the reply is then empty, as the protocol asks). */
struct gdb_target_ops {
    const char *xml;      /* target description (qXfer:features:read:target.xml) */
    unsigned g_regs;      /* registers in the g/G packet: remote numbers 0..g_regs-1 */
    unsigned reg_bytes;   /* bytes per register, little-endian */

    int (*read_reg)(void *t, unsigned regno, uint64_t *val);
    int (*write_reg)(void *t, unsigned regno, uint64_t val);
    size_t (*read_mem)(void *t, uint64_t addr, void *buf, size_t n);
    size_t (*write_mem)(void *t, uint64_t addr, const void *buf, size_t n);
    int (*insert_point)(void *t, enum gdb_point type, uint64_t addr, uint64_t kind);
    int (*remove_point)(void *t, enum gdb_point type, uint64_t addr, uint64_t kind);
    /* Let the target go (continue, or one instruction when step); it reports back with
     * gdb_proto_stopped().  May call gdb_proto_stopped() before returning. */
    void (*resume)(void *t, bool step);
    /* gdb sent Ctrl-C while the target runs: stop it soon and report GDB_SIGINT. */
    void (*interrupt)(void *t);
    void (*kill)(void *t);
    /* gdb detaches (D): forget breakpoints and watchpoints and run freely. */
    void (*detach)(void *t);
    /* `monitor CMD`: print into out; return 0, or -1 for an unknown command (the
     * message is in out all the same). */
    int (*monitor)(void *t, const char *cmd, struct gdb_text *out);
};

enum gdb_rx_state { GDB_RX_IDLE, GDB_RX_DATA, GDB_RX_CSUM1, GDB_RX_CSUM2 };

struct gdb_proto {
    const struct gdb_target_ops *ops;
    void *target;
    void (*send)(void *io, const void *buf, size_t n);
    void *io;

    enum gdb_rx_state rx;
    char *pkt;            /* payload being received, GDB_PACKET_SIZE + 1 bytes */
    size_t len;
    bool overflow;        /* the payload did not fit: answered with an error */
    uint8_t sum;          /* running checksum of the payload */
    uint8_t csum_hi;

    char *tx;             /* the last packet sent, framed, for a retransmit on '-' */
    size_t tx_len, tx_cap;

    bool noack;
    bool running;         /* resumed, no stop reply sent yet */
    bool detached;        /* D or k seen: the owner closes the connection */
    bool killed;
    struct gdb_stop last; /* for '?' */

    /* Counters, for tests and `monitor stats`. */
    uint64_t packets, bad_checksums, retransmits;
};

int gdb_proto_init(struct gdb_proto *p, const struct gdb_target_ops *ops, void *target,
                   void (*send)(void *io, const void *buf, size_t n), void *io);
void gdb_proto_free(struct gdb_proto *p);

/* Feed bytes received from gdb. */
void gdb_proto_input(struct gdb_proto *p, const void *buf, size_t n);

/* The target stopped (after resume or interrupt): send the stop reply. */
void gdb_proto_stopped(struct gdb_proto *p, const struct gdb_stop *st);

/* Send one packet (framed, checksummed); also used for O console-output packets. */
void gdb_proto_send_packet(struct gdb_proto *p, const char *payload, size_t n);

/* Format a stop reply payload into buf (at least 64 bytes); returns its length. */
size_t gdb_format_stop(char *buf, size_t n, const struct gdb_stop *st);

#endif
