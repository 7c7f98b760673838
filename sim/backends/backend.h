/* Private helpers shared by the chardev and blockdev cores and their drivers: driver
 * lookup errors, ids, and the chardev input/output queues.  Options are parsed by the one
 * option parser (sim/opts.h) from the drivers' tables.  Not for use outside sim/backends/. */
#ifndef SIM_BACKENDS_BACKEND_H
#define SIM_BACKENDS_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sim/backends/chardev.h"
#include "sim/opts.h"
#include "sim/sim.h"

/* "unknown KIND driver 'NAME'" with a "did you mean", else the list of `names` (in the
 * order given).  Returns -1. */
int backend_unknown_driver(const char *kind, const char *name, const char *const *names,
                           size_t n);
/* The id of a new back end, given as `key` ("id", "node-name"): present, and letters,
 * digits, '-', '.', '_', starting with a letter (QEMU's id rule).  0, or -1 with sim_err. */
int backend_id_check(const char *key, const char *id);
/* A driver's options filled from pairs (defaults first; `reserved` keys are the core's):
 * a zeroed struct of `size` bytes the caller frees with backend_cfg_free, or NULL with
 * sim_err set.  `help` names the driver's help ("-chardev socket,help"). */
void *backend_cfg_new(const struct opt_desc *options, size_t size, const struct kv *kv, size_t n,
                      const char *const *reserved, const char *help, opt_resolve_fn resolve,
                      void *ctx, uint64_t *given);
void backend_cfg_free(const struct opt_desc *options, void *cfg);
/* "  NAME      DESC" then the option lines, for "-chardev help" and "-blockdev help". */
void backend_print_driver(FILE *f, const char *name, const char *desc,
                          const struct opt_desc *options);

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
