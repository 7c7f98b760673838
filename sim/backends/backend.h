/* Private helpers shared by the chardev and blockdev cores and their drivers:
 * QEMU-style option strings, typed option values, "did you mean", and the chardev
 * input/output queues.  Not for use outside sim/backends/. */
#ifndef SIM_BACKENDS_BACKEND_H
#define SIM_BACKENDS_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sim/backends/chardev.h"
#include "sim/sim.h"
#include "soc/device.h"

/* "file,id=f0,path=a,,b" split into pairs; an element without '=' has value NULL.
 * ",," stands for a literal comma (as in QEMU).  Strings live in o->buf. */
struct backend_opts {
    char *buf;
    struct kv *kv;
    size_t n;
};

int backend_opts_parse(const char *spec, struct backend_opts *o);
void backend_opts_free(struct backend_opts *o);

/* The value of `key`, NULL when absent. */
const char *backend_opt(const struct kv *kv, size_t n, const char *key);
/* Typed values; absent -> *out = def.  Errors name the option: "bad value 'x' for ...". */
int backend_opt_bool(const struct kv *kv, size_t n, const char *key, bool def, bool *out);
/* Decimal or 0x hex, optional K/M/G (binary) suffix; must lie in [min, max]. */
int backend_opt_u64(const struct kv *kv, size_t n, const char *key, uint64_t def,
                    uint64_t min, uint64_t max, uint64_t *out);
/* Every key must be one of `options`' keys ("key=..." help strings) or `extra`
 * (NULL-terminated, may be NULL) and carry a value; no key may repeat. */
int backend_opts_check(const struct kv *kv, size_t n, const char *const *options,
                       const char *const *extra);
/* The closest candidate to `name` (edit distance), NULL when none is close. */
const char *backend_suggest(const char *name, const char *const *cands, size_t n);
/* "unknown KIND driver 'NAME'" with a "did you mean", else the list of `names` (in the
 * order given).  Returns -1. */
int backend_unknown_driver(const char *kind, const char *name, const char *const *names,
                           size_t n);
/* The id of a new back end, given as `key` ("id", "node-name"): present, and letters,
 * digits, '-', '.', '_', starting with a letter (QEMU's id rule).  0, or -1 with sim_err. */
int backend_id_check(const char *key, const char *id);
/* QEMU's short booleans: a bare "server" is server=on, "nowait" wait=off, for the options
 * whose help reads "KEY=on|off".  Other bare keys are left as they are. */
void backend_short_bool(struct kv *kv, const char *const *options);
void backend_print_options(FILE *f, const char *const *options);

/* chardev input queue, for drivers: room for another host read (0 = stop reading),
 * a read(2) of fd into the queue (>0 bytes, 0 EOF, -1 errno), and delivery of queued
 * bytes to the front end as far as can_read() allows. */
size_t chardev_in_room(const struct chardev *c);
ssize_t chardev_in_read_fd(struct chardev *c, int fd, bool sock);
void chardev_in_push(struct chardev *c, const uint8_t *buf, size_t n);
size_t chardev_deliver(struct chardev *c);

/* Output that a non-blocking descriptor could not take yet, sent when it can
 * (POLLOUT).  Beyond CHARDEV_OUTQ_MAX bytes output is dropped and counted, so a host
 * reader that stops reading cannot stall the simulation forever. */
#define CHARDEV_OUTQ_MAX (1u << 20)

struct chardev_outq {
    uint8_t *buf;
    size_t off, len, cap;
    uint64_t dropped;
};

/* Send what is queued, then buf.  -1 (errno set) when the descriptor failed (peer gone). */
int chardev_outq_write(struct chardev_outq *q, int fd, bool sock, const uint8_t *buf, size_t n);
static inline bool chardev_outq_pending(const struct chardev_outq *q) { return q->len > 0; }
void chardev_outq_reset(struct chardev_outq *q);
void chardev_outq_free(struct chardev_outq *q);

/* A monotonic host clock in milliseconds (reconnect timers). */
int64_t backend_now_ms(void);

#endif
