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
struct blockdev;

struct blockdev_driver {
    const char *name;
    const char *desc;
    /* "filename=FILE  raw image", ...: the keys before '=' are the ones the core accepts
     * (plus driver= and node-name=). */
    const char *const *options;
    /* Open from options (driver= and node-name= removed); NULL with sim_err set. */
    struct blockdev *(*open)(struct machine *m, const char *node, const struct kv *kv, size_t n);
};

struct blockdev {
    char *node_name;
    const struct blockdev_driver *drv;
    uint64_t size;
    bool read_only;
    /* The image format its header shows when that is not raw ("qcow2", "vmdk", ...;
     * blockdev_file.c's probe), NULL otherwise; errors about the image name it. */
    const char *format;
    /* Ranges are checked by blockdev_read/blockdev_write before these are called. */
    int (*read)(struct blockdev *b, uint64_t off, void *buf, uint64_t n);
    int (*write)(struct blockdev *b, uint64_t off, const void *buf, uint64_t n);
    int (*flush)(struct blockdev *b);
    void (*close)(struct blockdev *b); /* release the driver's resources and free b */
    /* Details for --info-tree after "blockdev: NODE (DRIVER, SIZE bytes)": begins with a
     * space, no newline. */
    void (*info)(struct blockdev *b, FILE *f);
    struct blockdev *next;
};

void blockdev_driver_register(const struct blockdev_driver *d);
#define BLOCKDEV_DRIVER(d)                                                                 \
    static void __attribute__((constructor)) d##_register(void) { blockdev_driver_register(&d); }

/* "-blockdev driver=file,...": 0, or 1 after printing help for "help" or
 * "driver=NAME,help" on stdout (m may be NULL for those), or -1 with sim_err set. */
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
