/* Character back ends (QEMU's -chardev): stdio, file, socket, pty, null, ringbuf.
 *
 * A front end (a UART) writes bytes with chardev_write() and receives bytes through the
 * callbacks it attaches: the back end delivers input only while can_read() says the
 * front end has room, so host input is never dropped when the guest is slow. */
#ifndef SIM_BACKENDS_CHARDEV_H
#define SIM_BACKENDS_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct kv;

struct chardev_frontend {
    size_t (*can_read)(void *opaque);                 /* bytes it can take now */
    void (*read)(void *opaque, const uint8_t *buf, size_t n);
    void *opaque;
};

struct chardev;

struct chardev_driver {
    const char *name;
    const char *desc;
    const char *const *options; /* "path=FILE  file to write", ... for -chardev help */
    /* Open from options; return NULL with sim_err set. */
    struct chardev *(*open)(struct machine *m, const char *id, const struct kv *kv, size_t n);
};

struct chardev {
    char *id;
    const struct chardev_driver *drv;
    struct chardev_frontend fe;
    bool fe_attached;
    void (*write)(struct chardev *c, const uint8_t *buf, size_t n);
    void (*poll)(struct chardev *c, bool block); /* deliver pending input to the front end */
    void (*flush)(struct chardev *c);
    void (*close)(struct chardev *c);
    void (*info)(struct chardev *c, FILE *f); /* one line for --info-tree */
    struct chardev *next;
    /* An observer of every byte the front end writes, called by chardev_write before the
     * back end (a Lua scenario waiting for output); NULL when none. */
    void (*tap)(void *opaque, const uint8_t *buf, size_t n);
    void *tap_opaque;
};

void chardev_driver_register(const struct chardev_driver *d);
#define CHARDEV_DRIVER(d)                                                                  \
    static void __attribute__((constructor)) d##_register(void) { chardev_driver_register(&d); }

/* Parse "-chardev DRIVER,id=ID,opt=val..." and add it to the machine. */
int chardev_add(struct machine *m, const char *spec);
struct chardev *chardev_find(struct machine *m, const char *id);
/* Make (or find) the default stdio chardev named "serial0"-style ids for boards. */
struct chardev *chardev_stdio(struct machine *m, const char *id);
void chardev_attach(struct chardev *c, const struct chardev_frontend *fe);
void chardev_write(struct chardev *c, const uint8_t *buf, size_t n);
/* Called by the front end when it has room again, so held-back input flows. */
void chardev_accept_input(struct chardev *c);
void chardev_flush_all(struct machine *m);
void chardev_close_all(struct machine *m);
void chardev_print_help(FILE *f);

#endif
