/* The qcow2 driver against qemu-img, its oracle: images of every shape qemu-img makes
 * (versions 2 and 3, clusters of 512 bytes to 64 KiB, refcounts of 1 to 64 bits, a raw or
 * qcow2 backing file, compressed clusters, zero clusters, an internal snapshot) take
 * thousands of random writes through the blockdev API, each checked by reading back against
 * a copy in memory; afterwards `qemu-img check` must find no error and no leak, and
 * `qemu-img compare` must find the image equal to the copy.  The backing files stay byte
 * for byte as they were.  Fixed seeds, so a failure repeats. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/backends/blockdev.h"
#include "sim/error.h"
#include "soc/machine.h"
#include "tests/unit/check.h"

static char dir[64];

static int sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc((size_t)len + 1);
    *n = fread(p, 1, (size_t)len, f);
    fclose(f);
    return p;
}

static void spit(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(p, 1, n, f);
    fclose(f);
}

static uint64_t rng = 1;
static uint64_t rnd(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

/* A raw file of `size` bytes with a recognisable pattern, made into other formats later. */
static void pattern_file(const char *path, size_t size, unsigned seed)
{
    uint8_t *p = malloc(size);
    for (size_t i = 0; i < size; i++)
        p[i] = (uint8_t)(i * seed + (i >> 9) * 7 + seed);
    /* some holes qemu-img convert turns into unallocated or zero clusters */
    memset(p + size / 4, 0, size / 8);
    spit(path, p, size);
    free(p);
}

/* One image: open img (its backing from its header), `writes` random writes of up to
 * `maxlen` bytes, each read back; then qemu-img check and compare against the copy. */
static void exercise(const char *name, const char *img, unsigned writes, unsigned maxlen,
                     const char *untouched)
{
    char spec[600], chk[128], want[300], sum_before[300] = "", tag[160];
    struct machine m = {0};
    size_t size = 0;
    if (sh("qemu-img convert -O raw %s %s/want.raw", img, dir) != 0) {
        printf("FAIL qcow2.%s: qemu-img convert could not read the image\n", name);
        check_failures++;
        return;
    }
    snprintf(want, sizeof want, "%s/want.raw", dir);
    uint8_t *model = slurp(want, &size);
    if (untouched)
        sh("sha256sum < %s > %s/sum.before", untouched, dir);

    snprintf(spec, sizeof spec, "driver=file,node-name=f,filename=%s", img);
    int rc = blockdev_add(&m, spec);
    rc = rc ? rc : blockdev_add(&m, "driver=qcow2,node-name=q,file=f");
    struct blockdev *q = blockdev_find(&m, "q");
    snprintf(tag, sizeof tag, "qcow2.%s.open", name);
    if (rc || !q) {
        printf("FAIL %s: %s\n", tag, sim_err_msg());
        check_failures++;
        blockdev_close_all(&m);
        free(model);
        return;
    }
    CHECK_EQ(tag, q->size, size);

    /* Whole image read first: what qemu-img reads. */
    uint8_t *buf = malloc(size);
    rc = blockdev_read(q, 0, buf, size);
    snprintf(tag, sizeof tag, "qcow2.%s.reads_as_qemu", name);
    CHECK(tag, rc == 0 && memcmp(buf, model, size) == 0);

    unsigned bad = 0, errs = 0;
    uint8_t *data = malloc(maxlen), *back = malloc(maxlen);
    for (unsigned w = 0; w < writes; w++) {
        uint64_t len = 1 + rnd() % maxlen, off = rnd() % size;
        if (w % 7 == 0) /* cluster-aligned runs too */
            off &= ~(uint64_t)511;
        if (off + len > size)
            len = size - off;
        for (uint64_t i = 0; i < len; i++)
            data[i] = (uint8_t)rnd();
        if (w % 11 == 0)
            memset(data, 0, len);
        if (blockdev_write(q, off, data, len) < 0) {
            if (!errs++)
                printf("# write %u: %s\n", w, sim_err_msg());
            continue;
        }
        memcpy(model + off, data, len);
        /* read back this and a random other range */
        uint64_t roff = rnd() % size, rlen = 1 + rnd() % maxlen;
        if (roff + rlen > size)
            rlen = size - roff;
        if (blockdev_read(q, off, back, len) < 0 || memcmp(back, model + off, len) != 0 ||
            blockdev_read(q, roff, back, rlen) < 0 || memcmp(back, model + roff, rlen) != 0)
            bad++;
    }
    snprintf(tag, sizeof tag, "qcow2.%s.writes", name);
    CHECK_EQ(tag, errs, 0);
    snprintf(tag, sizeof tag, "qcow2.%s.read_back", name);
    CHECK_EQ(tag, bad, 0);
    blockdev_close_all(&m);

    spit(want, model, size);
    snprintf(chk, sizeof chk, "%s/check.out", dir);
    snprintf(tag, sizeof tag, "qcow2.%s.qemu_img_check", name);
    rc = sh("qemu-img check %s > %s 2>&1", img, chk);
    if (rc != 0) {
        sh("head -5 %s | sed 's/^/# /'", chk);
    }
    CHECK_EQ(tag, rc, 0);
    snprintf(tag, sizeof tag, "qcow2.%s.qemu_img_compare", name);
    CHECK_EQ(tag, sh("qemu-img compare -q -f raw -F qcow2 %s %s", want, img), 0);
    if (untouched) {
        snprintf(tag, sizeof tag, "qcow2.%s.backing_untouched", name);
        CHECK_EQ(tag, sh("sha256sum < %s | cmp -s - %s/sum.before", untouched, dir), 0);
    }
    (void)sum_before;
    free(model), free(buf), free(data), free(back);
}

int main(void)
{
    if (system("qemu-img --version >/dev/null 2>&1") != 0) {
        printf("SKIP qcow2: qemu-img not installed (make deps)\n");
        return 0;
    }
    snprintf(dir, sizeof dir, "/tmp/socsim-qcow2.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    char base[128], img[128], mid[128];
    snprintf(base, sizeof base, "%s/base.raw", dir);
    snprintf(img, sizeof img, "%s/img.qcow2", dir);
    snprintf(mid, sizeof mid, "%s/mid.qcow2", dir);
    const size_t MB = 1 << 20;

    /* Empty images of each shape. */
    static const struct {
        const char *name, *opts;
        size_t size;
        unsigned writes, maxlen;
    } empty[] = {
        {"v3_64k", "cluster_size=65536", 8 * MB, 3000, 70000},
        {"v2_64k", "compat=0.10", 8 * MB, 2000, 70000},
        {"v3_4k", "cluster_size=4096", 4 * MB, 3000, 9000},
        {"v3_512_rc64", "cluster_size=512,refcount_bits=64", 4 * MB, 3000, 3000},
        {"v3_512_rc1", "cluster_size=512,refcount_bits=1", 1 * MB, 2000, 2000},
        {"v3_1k_rc4", "cluster_size=1024,refcount_bits=4", 2 * MB, 2000, 3000},
        {"v3_odd_size", "cluster_size=4096", 3 * MB + 1234, 1000, 9000},
        {"v3_prealloc_meta", "cluster_size=4096,preallocation=metadata", 2 * MB, 1000, 9000},
    };
    for (size_t i = 0; i < ARRAY_SIZE(empty); i++) {
        rng = 0x9e3779b97f4a7c15ull + i;
        sh("qemu-img create -q -f qcow2 -o %s %s %zu", empty[i].opts, img, empty[i].size);
        exercise(empty[i].name, img, empty[i].writes, empty[i].maxlen, NULL);
    }

    /* Data from qemu-img convert: allocated, zero and unallocated clusters. */
    pattern_file(base, 4 * MB, 3);
    sh("qemu-img convert -q -O qcow2 -o cluster_size=4096 %s %s", base, img);
    exercise("converted", img, 2000, 9000, NULL);

    /* Compressed clusters (deflate). */
    sh("qemu-img convert -q -c -O qcow2 -o cluster_size=4096 %s %s", base, img);
    exercise("compressed", img, 2000, 9000, NULL);
    sh("qemu-img convert -q -c -O qcow2 %s %s", base, img);
    exercise("compressed_64k", img, 500, 70000, NULL);

    /* Zero clusters (v3, L2 bit 0) over a backing file, some preallocated (qemu-io's
     * write -z keeps the cluster allocated unless -u unmaps it). */
    pattern_file(base, 2 * MB, 13);
    sh("qemu-img create -q -f qcow2 -o cluster_size=4096 -b %s -F raw %s", base, img);
    sh("qemu-io -f qcow2 -c 'write -P 0x5a 0 256k' -c 'write -z 64k 64k' "
       "-c 'write -z -u 512k 128k' -c 'write -z 1M 8k' %s >/dev/null",
       img);
    exercise("zero_clusters", img, 1500, 9000, base);

    /* A raw backing file, and a qcow2 one with a qcow2 overlay (a chain of three). */
    pattern_file(base, 4 * MB, 5);
    sh("qemu-img create -q -f qcow2 -o cluster_size=4096 -b %s -F raw %s", base, img);
    exercise("backing_raw", img, 2000, 9000, base);
    pattern_file(base, 4 * MB, 7);
    sh("qemu-img create -q -f qcow2 -o cluster_size=65536 -b %s -F raw %s", base, mid);
    sh("qemu-img create -q -f qcow2 -o cluster_size=4096 -b %s -F qcow2 %s", mid, img);
    exercise("backing_qcow2", img, 2000, 9000, mid);
    /* A backing file smaller than the image reads zeros past its end. */
    pattern_file(base, 1 * MB + 512, 9);
    sh("qemu-img create -q -f qcow2 -o cluster_size=4096 -b %s -F raw %s 3M", base, img);
    exercise("backing_short", img, 1000, 9000, base);

    /* An internal snapshot: shared clusters are copied on write, the snapshot keeps its
     * data (qemu-img convert -l reads it back unchanged). */
    pattern_file(base, 2 * MB, 11);
    sh("qemu-img convert -q -O qcow2 -o cluster_size=4096 %s %s", base, img);
    sh("qemu-img snapshot -c snap1 %s", img);
    exercise("snapshot", img, 2000, 9000, NULL);
    CHECK_EQ("qcow2.snapshot.kept",
             sh("qemu-img convert -O raw -l snapshot.name=snap1 %s %s/snap.raw && "
                "cmp -s %s %s/snap.raw",
                img, dir, base, dir),
             0);

    sh("rm -rf %s", dir);
    return check_failures ? 1 : 0;
}
