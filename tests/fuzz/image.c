/* Fuzz harness: the image formats socsim reads and writes itself, built twice: qcow2
 * (sim/backends/blockdev_qcow2.c) and, with -DFUZZ_OVERLAY, the overlay file
 * (blockdev_overlay.c).  The input is the image file (qcow2), or the overlay file over a
 * raw base of BASE_SIZE bytes (overlay).  It is opened as -blockdev opens it; an image that
 * opens is read at its start, middle and end, written there (512-byte blocks), each block
 * read back, flushed, closed, opened again and read again.  A bad
 * image is a clear error at open or an I/O error, never a crash, a leak, undefined
 * behaviour or an allocation its header alone asks for.
 *
 * The overlay keeps cluster i at a fixed place, so what was written must read back, at
 * once and after the reopen, whatever the file held.  A corrupt qcow2 may point its tables
 * at clusters its refcounts call free, which a write then takes (QEMU refuses such writes
 * with its metadata overlap checks; socsim has none), so there the data is not checked.
 * A qcow2 header may name a backing file: base.raw beside the image is one; other names
 * are opened read-only (regular files only), as socsim would. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/backends/blockdev.h"
#include "sim/error.h"
#include "soc/machine.h"
#include "tests/fuzz/fuzz.h"

#define BASE_SIZE (64 * 1024 + 1000) /* 17 overlay clusters, the last one partial */
#define BLOCK 512
#define NBLOCKS 3

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char image[4096], base[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    static uint8_t b[BASE_SIZE];
    for (size_t i = 0; i < sizeof b; i++)
        b[i] = (uint8_t)(i * 7 + (i >> 9));
    snprintf(base, sizeof base, "%s", fuzz_file("base.raw", b, sizeof b));
    snprintf(image, sizeof image, "%s", fuzz_path("image"));
    return 0;
}

/* Open the image on m: the node, or NULL (an error: the image is refused). */
static struct blockdev *open_image(struct machine *m)
{
    char spec[8400];
#ifdef FUZZ_OVERLAY
    snprintf(spec, sizeof spec, "driver=file,node-name=base,read-only=on,filename=%s", base);
    if (blockdev_add(m, spec))
        fuzz_fail("the base: %s", sim_err_msg());
    snprintf(spec, sizeof spec, "driver=overlay,node-name=img,file=base,filename=%s", image);
#else
    snprintf(spec, sizeof spec, "driver=file,node-name=file,filename=%s", image);
    if (blockdev_add(m, spec))
        return NULL;
    snprintf(spec, sizeof spec, "driver=qcow2,node-name=img,file=file");
#endif
    return blockdev_add(m, spec) ? NULL : blockdev_find(m, "img");
}

struct block {
    uint64_t off;
    bool written;
    uint8_t data[BLOCK];
};

#ifdef FUZZ_OVERLAY
static void check(struct blockdev *b, const struct block *k, const char *when)
{
    uint8_t got[BLOCK];
    if (blockdev_read(b, k->off, got, BLOCK) == 0 && memcmp(got, k->data, BLOCK))
        fuzz_fail("the block written at %llu reads back different %s", (unsigned long long)k->off,
                  when);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    fuzz_file("image", data, size);
#ifdef FUZZ_OVERLAY
    if (size == 0) /* no file yet: the first write makes it */
        unlink(image);
#endif
    struct machine m;
    machine_init(&m);
    struct blockdev *b = open_image(&m);
    struct block blocks[NBLOCKS] = {{0}};
    uint64_t nb = b ? b->size / BLOCK : 0;
    if (nb) {
        blocks[0].off = 0;
        blocks[1].off = nb / 2 * BLOCK;
        blocks[2].off = (nb - 1) * BLOCK;
        for (int i = 0; i < NBLOCKS; i++) {
            struct block *k = &blocks[i];
            uint8_t old[BLOCK];
            blockdev_read(b, k->off, old, BLOCK);
            if (b->read_only)
                continue;
            for (int j = 0; j < BLOCK; j++)
                k->data[j] = (uint8_t)(old[j] ^ (0x5a + i + j));
            k->written = blockdev_write(b, k->off, k->data, BLOCK) == 0;
#ifdef FUZZ_OVERLAY
            if (k->written)
                check(b, k, "at once");
#endif
            for (int j = 0; j < i; j++) /* a later block over an earlier one */
                if (blocks[j].off == k->off)
                    blocks[j].written = false;
        }
        blockdev_flush(b);
    }
    machine_free(&m);
    if (!nb)
        return 0;
    machine_init(&m);
    b = open_image(&m);
#ifdef FUZZ_OVERLAY
    if (!b)
        fuzz_fail("the overlay socsim wrote does not open again: %s", sim_err_msg());
    for (int i = 0; i < NBLOCKS; i++)
        if (blocks[i].written)
            check(b, &blocks[i], "after a reopen");
#else
    for (uint64_t i = 0; b && i < NBLOCKS; i++) {
        uint8_t got[BLOCK];
        blockdev_read(b, blocks[i].off, got, BLOCK);
    }
#endif
    machine_free(&m);
    return 0;
}
