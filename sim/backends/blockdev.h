/* Block back ends (QEMU's -blockdev): a raw image file, a qcow2 image over another node,
 * an NBD export, and a copy-on-write overlay.  Front ends (flash, EEPROM, SD card) read and
 * write byte ranges and ask whether writes are possible, so a read-only image shows to the
 * guest as write-protected. */
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
    /* The image format its header shows when that is not raw ("qcow2", "vmdk", ...;
     * blockdev_file.c's probe), NULL otherwise; errors about the image name it. */
    const char *format;
    /* A read-write file whose header is a qcow2's: only a format driver (driver=qcow2) may
     * take it; a front end or an overlay using it as raw is refused (blockdev_use). */
    bool raw_unsafe;
    bool raw_ok_warned; /* a read-only one: the "read as raw" warning was given */
    /* The host file behind the node (file driver), NULL otherwise; qcow2 finds a backing
     * file named in its header relative to it. */
    const char *filename;
    /* The format node (qcow2) that took this one as its file=, NULL when none. */
    struct blockdev *parent;
    /* Ranges are checked by blockdev_read/blockdev_write before these are called. */
    int (*read)(struct blockdev *b, uint64_t off, void *buf, uint64_t n);
    int (*write)(struct blockdev *b, uint64_t off, const void *buf, uint64_t n);
    int (*flush)(struct blockdev *b);
    /* A writer takes the node (blockdev_use): the host file opened for writing, locked
     * exclusively (file); the file node under it claimed (qcow2).  NULL when there is
     * nothing to claim.  Until then a node holds its files for reading, with a shared
     * lock, as a base or a backing file needs them. */
    int (*claim)(struct blockdev *b);
    /* Grow the node to `size` bytes (qcow2 allocating clusters at the end of its file);
     * NULL when the node cannot grow. */
    int (*resize)(struct blockdev *b, uint64_t size);
    void (*close)(struct blockdev *b); /* release the driver's resources and free b */
    /* Details for --info-tree after "blockdev: NODE (DRIVER, SIZE bytes)": begins with a
     * space, no newline. */
    void (*info)(struct blockdev *b, FILE *f);
    /* A write, flush or growth of the host file failed (a full disk): the guest's data
     * did not all reach the image.  Set by the core; the run's exit status says so
     * (machine_output_lost). */
    bool failed;
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
/* Grow b to `size` bytes (never shrinks).  0, or -1 with sim_err set. */
int blockdev_resize(struct blockdev *b, uint64_t size);
/* A front end takes b as an image of raw bytes to read and, unless b is read-only, to
 * write (`user`, if not NULL, names it in the message): refused when b is a format node's
 * file or a read-write file whose header is another format's (a read-only one is used
 * with a warning), or when b cannot be written (blockdev_claim).  0, or -1 with sim_err
 * set. */
int blockdev_use(struct blockdev *b, const char *user);
/* The same for an overlay taking b as its base, which it only reads: b is not claimed. */
int blockdev_use_base(struct blockdev *b, const char *user);
/* Take b for writing (struct blockdev.claim); nothing to do for a read-only node.  0, or -1
 * with sim_err set (the file cannot be opened for writing, another process locks it). */
int blockdev_claim(struct blockdev *b);
/* A node that is not on the machine's list (a backing file named in a qcow2 header),
 * opened with driver `driver`; the caller closes it with blockdev_close_one. */
struct blockdev *blockdev_open_internal(struct machine *m, const char *driver,
                                        const char *node, const struct kv *kv, size_t n);
/* Flush every node (the end of the run, machine_stop): errors are printed and mark the
 * node failed. */
void blockdev_flush_all(struct machine *m);
void blockdev_close_one(struct blockdev *b); /* flush and close */
void blockdev_close_all(struct machine *m); /* flushes; overlays close before their base */
void blockdev_print_help(FILE *f);
int blockdev_print_driver_help(FILE *f, const char *driver); /* -1 when unknown */

#endif
