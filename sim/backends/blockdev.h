/* Block back ends (QEMU's -blockdev): a raw image file, and a copy-on-write overlay.
 * Front ends (flash, EEPROM) read and write byte ranges and ask whether writes are
 * possible, so a read-only image shows to the guest as write-protected. */
#ifndef SIM_BACKENDS_BLOCKDEV_H
#define SIM_BACKENDS_BLOCKDEV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct kv;
struct blockdev;

struct blockdev_driver {
    const char *name;
    const char *desc;
    const char *const *options;
    struct blockdev *(*open)(struct machine *m, const char *node, const struct kv *kv, size_t n);
};

struct blockdev {
    char *node_name;
    const struct blockdev_driver *drv;
    uint64_t size;
    bool read_only;
    int (*read)(struct blockdev *b, uint64_t off, void *buf, uint64_t n);
    int (*write)(struct blockdev *b, uint64_t off, const void *buf, uint64_t n);
    int (*flush)(struct blockdev *b);
    void (*close)(struct blockdev *b);
    void (*info)(struct blockdev *b, FILE *f);
    struct blockdev *next;
};

void blockdev_driver_register(const struct blockdev_driver *d);
#define BLOCKDEV_DRIVER(d)                                                                 \
    static void __attribute__((constructor)) d##_register(void) { blockdev_driver_register(&d); }

int blockdev_add(struct machine *m, const char *spec); /* "-blockdev driver=file,..." */
struct blockdev *blockdev_find(struct machine *m, const char *node);
int blockdev_read(struct blockdev *b, uint64_t off, void *buf, uint64_t n);
int blockdev_write(struct blockdev *b, uint64_t off, const void *buf, uint64_t n);
void blockdev_close_all(struct machine *m);
void blockdev_print_help(FILE *f);

#endif
