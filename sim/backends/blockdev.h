/* Block back ends (QEMU's -blockdev): a raw image file, and a copy-on-write overlay.
 * Front ends (flash, EEPROM) read and write byte ranges and ask whether writes are
 * possible, so a read-only image shows to the guest as write-protected. */
#ifndef SIM_BACKENDS_BLOCKDEV_H
#define SIM_BACKENDS_BLOCKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct kv;
struct opt_desc;
struct blockdev;

struct blockdev_driver {
    const char *name;
    const char *desc;
    /* The driver's options (sim/opts.h): the core accepts exactly these keys (plus driver=
     * and node-name=), fills a struct of cfg_size bytes and prints -blockdev help from the
     * table.  An OPT_BLOCKDEV option is looked up by node-name. */
    const struct opt_desc *options;
    size_t cfg_size;
    /* Open from the filled options (given: which ones the user wrote, see opt_given);
     * NULL with sim_err set. */
    struct blockdev *(*open)(struct machine *m, const char *node, const void *cfg,
                             uint64_t given);
};

struct blockdev {
    char *node_name;
    const struct blockdev_driver *drv;
    uint64_t size;
    bool read_only;
    /* Ranges are checked by blockdev_read/blockdev_write before these are called. */
    int (*read)(struct blockdev *b, uint64_t off, void *buf, uint64_t n);
    int (*write)(struct blockdev *b, uint64_t off, const void *buf, uint64_t n);
    int (*flush)(struct blockdev *b);
    void (*close)(struct blockdev *b); /* release the driver's resources and free b */
    /* Details for --info-tree after "blockdev: NODE (DRIVER, SIZE bytes)": begins with a
     * space, no newline. */
    void (*info)(struct blockdev *b, FILE *f);
    char *origin; /* "-blockdev ..." as the user wrote it, for messages; NULL if none */
    struct blockdev *next;
};

/* The head of the machine's blockdev list (soc/machine.c; see machine_chardevs). */
struct blockdev **machine_blockdevs(struct machine *m);

void blockdev_driver_register(const struct blockdev_driver *d);
#define BLOCKDEV_DRIVER(d)                                                                 \
    static void __attribute__((constructor)) d##_register(void) { blockdev_driver_register(&d); }

/* "-blockdev driver=file,...": 0, or 1 after printing help for "help" or
 * "driver=NAME,help" ("?" too) on stdout (m may be NULL for those), or -1 with sim_err
 * set. */
int blockdev_add(struct machine *m, const char *spec);
/* The same from parts (Lua boards); `where` prefixes errors. */
struct blockdev *blockdev_create(struct machine *m, const char *driver, const char *node,
                                 const struct kv *kv, size_t n, const char *where);
struct blockdev *blockdev_find(struct machine *m, const char *node);
/* 0, or -1 with sim_err set (out of range, read-only, host I/O error). */
int blockdev_read(struct blockdev *b, uint64_t off, void *buf, uint64_t n);
int blockdev_write(struct blockdev *b, uint64_t off, const void *buf, uint64_t n);
int blockdev_flush(struct blockdev *b);
void blockdev_close_all(struct machine *m); /* flushes; overlays close before their base */
void blockdev_print_help(FILE *f);
int blockdev_print_driver_help(FILE *f, const char *driver); /* -1 when unknown */

#endif
