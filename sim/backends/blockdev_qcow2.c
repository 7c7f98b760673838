/* qcow2: QEMU's copy-on-write image format, versions 2 and 3, read and written over another
 * node (file=, a driver=file node in practice), so images that qemu-img makes work here and
 * stay valid for qemu-img check.
 *
 * Reference: the qcow2 specification (QEMU's docs/interop/qcow2.txt): header fields and
 * header extensions, the two-level cluster map (L1 and L2 tables, L2 entry bits: 63 COPIED,
 * 62 compressed, 0 all-zeros), compressed cluster descriptors (raw deflate for compression
 * type 0), and the refcount table and blocks (refcount_order, entries packed below 8 bits).
 *
 * Reads follow the map: unallocated clusters come from the backing node (zeros past its
 * end, or with none), zero clusters read as zeros, compressed ones are inflated.  Writes
 * keep the image consistent at every step, in the order qemu-img check expects of a crash:
 * a new cluster's refcount is written before the cluster is used, its data before the L2
 * entry that points at it, a new L2 table before the L1 entry, and a freed cluster's
 * refcount is lowered only after nothing points at it.  A cluster shared with an internal
 * snapshot (refcount above 1) and a compressed cluster are copied on write.  Refcounts are
 * held in memory as well and written through; new clusters take the first free one, else
 * grow the file.  Encrypted images, external data files, subclusters (extended L2) and zstd
 * compression are refused with a message saying so. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "sim/backends/backend.h"
#include "sim/backends/blockdev.h"
#include "sim/error.h"

#define QCOW2_MAGIC 0x514649fbu /* "QFI\xfb" */
#define OFLAG_COPIED (1ull << 63)
#define OFLAG_COMPRESSED (1ull << 62)
#define OFLAG_ZERO 1ull
#define OFFSET_MASK 0x00fffffffffffe00ull /* L1, L2 and refcount table entries: bits 9-55 */

/* Incompatible feature bits (header offset 72, version 3). */
#define INCOMPAT_DIRTY (1ull << 0)
#define INCOMPAT_CORRUPT (1ull << 1)
#define INCOMPAT_DATA_FILE (1ull << 2)
#define INCOMPAT_COMPRESSION (1ull << 3)
#define INCOMPAT_EXTL2 (1ull << 4)

/* Header extension types. */
#define EXT_END 0x00000000u
#define EXT_BACKING_FORMAT 0xe2792acau

#define L2_CACHE 8
#define MAX_BACKING_DEPTH 16

struct l2_slot {
    uint64_t off; /* host offset of the table, 0 = slot empty */
    uint8_t *tab;
    uint64_t used; /* last use, for eviction */
};

struct blockdev_qcow2 {
    struct blockdev b;
    struct blockdev *file;
    bool own_file; /* a backing file's node, opened by its child: closed with this node */
    struct blockdev *backing;
    bool own_backing; /* opened from the header's name: closed with this node */
    char *backing_desc;

    uint32_t version;
    unsigned cluster_bits;
    uint64_t cs;         /* cluster size */
    uint64_t l2_entries; /* entries per L2 table */
    uint64_t *l1;
    uint32_t l1_size;
    uint64_t l1_off;

    uint64_t rt_off;
    uint64_t rt_clusters;
    uint64_t rt_entries;
    uint64_t *rt; /* refcount table */
    unsigned rc_bits;
    uint64_t rc_max;
    uint64_t rb_entries; /* refcounts per refcount block */
    uint64_t *rc;        /* every host cluster's refcount, [0, nhost) */
    uint64_t nhost, rc_cap;
    uint64_t free_hint;

    unsigned csize_shift;
    uint64_t csize_mask, coff_mask;
    uint64_t autoclear;
    uint32_t nsnap;
    bool autoclear_done;

    struct l2_slot l2c[L2_CACHE];
    uint64_t tick;
    uint8_t *cbuf; /* the last inflated compressed cluster */
    uint64_t cbuf_entry;
    uint8_t *tmp; /* a cluster of scratch for copy on write */
    uint64_t allocated;
};

static uint64_t be_get(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static void be_put(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[n - 1 - i] = (uint8_t)(v >> (8 * i));
}

static const char *qname(const struct blockdev_qcow2 *q)
{
    return q->b.node_name ? q->b.node_name : "qcow2";
}

/* File reads past the file's end read zeros (a cluster QEMU allocated but never wrote). */
static int fread_at(struct blockdev_qcow2 *q, uint64_t off, void *buf, uint64_t n)
{
    uint64_t have = off < q->file->size ? q->file->size - off : 0;
    if (have > n)
        have = n;
    if (have && blockdev_read(q->file, off, buf, have) < 0)
        return -1;
    memset((uint8_t *)buf + have, 0, n - have);
    return 0;
}

static int fwrite_at(struct blockdev_qcow2 *q, uint64_t off, const void *buf, uint64_t n)
{
    if (off + n > q->file->size && blockdev_resize(q->file, off + n) < 0)
        return -1;
    return blockdev_write(q->file, off, buf, n);
}

static int fwrite_be(struct blockdev_qcow2 *q, uint64_t off, uint64_t v, unsigned n)
{
    uint8_t b[8];
    be_put(b, v, n);
    return fwrite_at(q, off, b, n);
}

/* ---- refcounts ---- */

static int rc_reserve(struct blockdev_qcow2 *q, uint64_t n)
{
    if (n <= q->rc_cap)
        return 0;
    uint64_t cap = q->rc_cap ? q->rc_cap : 64;
    while (cap < n)
        cap *= 2;
    uint64_t *v = realloc(q->rc, cap * sizeof(*v));
    if (!v)
        return sim_err("blockdev %s: out of memory", qname(q));
    memset(v + q->rc_cap, 0, (cap - q->rc_cap) * sizeof(*v));
    q->rc = v;
    q->rc_cap = cap;
    return 0;
}

static uint64_t rc_get(const struct blockdev_qcow2 *q, uint64_t i)
{
    return i < q->nhost ? q->rc[i] : 0;
}

/* Entry i of a refcount block image (below 8 bits: packed from the low bit up). */
static uint64_t rb_get(const struct blockdev_qcow2 *q, const uint8_t *blk, uint64_t i)
{
    if (q->rc_bits >= 8)
        return be_get(blk + i * (q->rc_bits / 8), q->rc_bits / 8);
    uint64_t bit = i * q->rc_bits;
    return (blk[bit / 8] >> (bit % 8)) & q->rc_max;
}

/* The bytes of refcount block `bi` holding entry `i` (all of the block when i is -1), made
 * from the in-memory counts; returns their offset within the block and sets *len. */
static uint64_t rb_build(const struct blockdev_qcow2 *q, uint64_t bi, uint64_t i, uint8_t *out,
                         uint64_t *len)
{
    uint64_t first = bi * q->rb_entries, from, to;
    if (i == UINT64_MAX) {
        from = 0, to = q->rb_entries;
    } else if (q->rc_bits >= 8) {
        from = i - first, to = from + 1;
    } else {
        uint64_t per = 8 / q->rc_bits; /* entries sharing a byte */
        from = (i - first) / per * per, to = from + per;
    }
    uint64_t bytes_from = from * q->rc_bits / 8, bytes_to = (to * q->rc_bits + 7) / 8;
    memset(out, 0, bytes_to - bytes_from);
    for (uint64_t k = from; k < to; k++) {
        uint64_t v = rc_get(q, first + k);
        if (q->rc_bits >= 8) {
            be_put(out + k * (q->rc_bits / 8) - bytes_from, v, q->rc_bits / 8);
        } else {
            uint64_t bit = k * q->rc_bits;
            out[bit / 8 - bytes_from] |= (uint8_t)(v << (bit % 8));
        }
    }
    *len = bytes_to - bytes_from;
    return bytes_from;
}

/* The first cluster with refcount 0, else the next one past the end of the file. */
static uint64_t find_free(struct blockdev_qcow2 *q)
{
    for (uint64_t i = q->free_hint; i < q->nhost; i++)
        if (!q->rc[i]) {
            q->free_hint = i;
            return i;
        }
    q->free_hint = q->nhost;
    return q->nhost;
}

/* Count cluster i as used in memory (growing the tracked range). */
static int rc_mark(struct blockdev_qcow2 *q, uint64_t i, uint64_t v)
{
    if (i >= q->nhost) {
        if (rc_reserve(q, i + 1) < 0)
            return -1;
        q->nhost = i + 1;
    }
    q->rc[i] = v;
    return 0;
}

static int write_block(struct blockdev_qcow2 *q, uint64_t bi)
{
    uint64_t len;
    uint8_t *blk = malloc(q->cs);
    if (!blk)
        return sim_err("blockdev %s: out of memory", qname(q));
    rb_build(q, bi, UINT64_MAX, blk, &len);
    int rc = fwrite_at(q, q->rt[bi], blk, q->cs);
    free(blk);
    return rc;
}

static int rc_store(struct blockdev_qcow2 *q, uint64_t i);

/* The refcount table is full: a larger one at the end of the file, with refcount blocks
 * for everything counted, then the header points at it and the old one is freed. */
static int rt_grow(struct blockdev_qcow2 *q, uint64_t need)
{
    uint64_t ncl = q->rt_clusters * 2;
    while (ncl * q->cs / 8 < need + 8)
        ncl *= 2;
    uint64_t nent = ncl * q->cs / 8, start = q->nhost;
    uint64_t *nrt = calloc(nent, sizeof(*nrt));
    if (!nrt)
        return sim_err("blockdev %s: out of memory", qname(q));
    memcpy(nrt, q->rt, q->rt_entries * sizeof(*nrt));
    for (uint64_t k = 0; k < ncl; k++)
        if (rc_mark(q, start + k, 1) < 0)
            goto fail;
    /* Blocks for every counted cluster that lacks one, themselves included. */
    for (uint64_t i = 0; i < q->nhost; i++) {
        uint64_t bi = i / q->rb_entries;
        if (!q->rc[i] || nrt[bi])
            continue;
        uint64_t j = q->nhost;
        if (rc_mark(q, j, 1) < 0)
            goto fail;
        nrt[bi] = j * q->cs;
    }
    uint64_t *old = q->rt, old_off = q->rt_off, old_cl = q->rt_clusters;
    q->rt = nrt, q->rt_entries = nent;
    /* Every block, old ones too: the new clusters' counts may fall in them. */
    for (uint64_t bi = 0; bi < nent; bi++)
        if (nrt[bi] && write_block(q, bi) < 0)
            goto undo;
    uint8_t *img = calloc(ncl, q->cs);
    if (!img)
        goto undo;
    for (uint64_t bi = 0; bi < nent; bi++)
        be_put(img + bi * 8, nrt[bi], 8);
    int rc = fwrite_at(q, start * q->cs, img, ncl * q->cs);
    free(img);
    uint8_t hdr[12];
    be_put(hdr, start * q->cs, 8);
    be_put(hdr + 8, ncl, 4);
    if (rc < 0 || fwrite_at(q, 48, hdr, sizeof hdr) < 0)
        goto undo;
    q->rt_off = start * q->cs, q->rt_clusters = ncl;
    free(old);
    for (uint64_t k = 0; k < old_cl; k++) {
        uint64_t c = old_off / q->cs + k;
        q->rc[c]--;
        if (q->rc[c] == 0 && c < q->free_hint)
            q->free_hint = c;
        if (rc_store(q, c) < 0)
            return -1;
    }
    return 0;
undo:
    q->rt = old, q->rt_entries = old_cl * q->cs / 8;
fail:
    free(nrt);
    return -1;
}

/* Write cluster i's refcount (as held in memory) to its refcount block, making the block
 * (and a larger table) when there is none. */
static int rc_store(struct blockdev_qcow2 *q, uint64_t i)
{
    uint64_t bi = i / q->rb_entries;
    if (bi >= q->rt_entries && rt_grow(q, bi + 1) < 0)
        return -1;
    if (!q->rt[bi]) {
        uint64_t j = find_free(q);
        if (rc_mark(q, j, 1) < 0)
            return -1;
        uint64_t bj = j / q->rb_entries;
        if (bj >= q->rt_entries && rt_grow(q, bj + 1) < 0)
            return -1;
        if (q->rt[bi]) /* the table grew, with blocks for every counted cluster */
            return 0;
        q->rt[bi] = j * q->cs;
        if (write_block(q, bi) < 0 || fwrite_be(q, q->rt_off + bi * 8, q->rt[bi], 8) < 0)
            return -1;
        return bj == bi ? 0 : rc_store(q, j);
    }
    uint8_t bytes[8];
    uint64_t len, at = rb_build(q, bi, i, bytes, &len);
    return fwrite_at(q, q->rt[bi] + at, bytes, len);
}

static int rc_change(struct blockdev_qcow2 *q, uint64_t i, int delta)
{
    uint64_t v = rc_get(q, i);
    if ((delta < 0 && v == 0) || (delta > 0 && v == q->rc_max))
        return sim_err("blockdev %s: refcount of cluster %llu would %s", qname(q),
                       (unsigned long long)i, delta < 0 ? "drop below 0" : "overflow");
    if (rc_mark(q, i, v + (uint64_t)(int64_t)delta) < 0)
        return -1;
    if (!q->rc[i] && i < q->free_hint)
        q->free_hint = i;
    return rc_store(q, i);
}

/* A new cluster, counted on disk before it is used: its host offset, 0 on error. */
static uint64_t alloc_cluster(struct blockdev_qcow2 *q)
{
    uint64_t i = find_free(q);
    if (rc_mark(q, i, 1) < 0 || rc_store(q, i) < 0)
        return 0;
    q->allocated++;
    return i * q->cs;
}

/* Lower the refcounts of the clusters a data cluster's L2 entry holds. */
static int free_entry(struct blockdev_qcow2 *q, uint64_t e)
{
    if (e & OFLAG_COMPRESSED) {
        uint64_t coff = e & q->coff_mask;
        uint64_t nsec = ((e >> q->csize_shift) & q->csize_mask) + 1;
        uint64_t first = (coff & ~511ull) / q->cs,
                 last = ((coff & ~511ull) + nsec * 512 - 1) / q->cs;
        for (uint64_t c = first; c <= last; c++)
            if (rc_change(q, c, -1) < 0)
                return -1;
        return 0;
    }
    if (e & OFFSET_MASK)
        return rc_change(q, (e & OFFSET_MASK) / q->cs, -1);
    return 0;
}

/* ---- the cluster map ---- */

static struct l2_slot *l2_load(struct blockdev_qcow2 *q, uint64_t off)
{
    struct l2_slot *victim = &q->l2c[0];
    for (int i = 0; i < L2_CACHE; i++) {
        if (q->l2c[i].off == off) {
            q->l2c[i].used = ++q->tick;
            return &q->l2c[i];
        }
        if (q->l2c[i].used < victim->used)
            victim = &q->l2c[i];
    }
    if (off % q->cs || off + q->cs > q->file->size + q->cs) {
        sim_err("blockdev %s: corrupt image: L2 table at 0x%llx", qname(q),
                (unsigned long long)off);
        return NULL;
    }
    victim->off = 0;
    if (fread_at(q, off, victim->tab, q->cs) < 0)
        return NULL;
    victim->off = off;
    victim->used = ++q->tick;
    return victim;
}

static uint64_t l2_get(const struct blockdev_qcow2 *q, const struct l2_slot *s, uint64_t i)
{
    (void)q;
    return be_get(s->tab + i * 8, 8);
}

static int l2_set(struct blockdev_qcow2 *q, struct l2_slot *s, uint64_t i, uint64_t e)
{
    be_put(s->tab + i * 8, e, 8);
    return fwrite_be(q, s->off + i * 8, e, 8);
}

/* The L2 entry for guest cluster vc: 0 when its table does not exist. */
static int map_get(struct blockdev_qcow2 *q, uint64_t vc, uint64_t *e)
{
    uint64_t l1i = vc / q->l2_entries;
    uint64_t off = l1i < q->l1_size ? q->l1[l1i] & OFFSET_MASK : 0;
    *e = 0;
    if (!off)
        return 0;
    struct l2_slot *s = l2_load(q, off);
    if (!s)
        return -1;
    *e = l2_get(q, s, vc % q->l2_entries);
    return 0;
}

static int inflate_cluster(struct blockdev_qcow2 *q, uint64_t e)
{
    if (q->cbuf_entry == e)
        return 0;
    uint64_t coff = e & q->coff_mask;
    uint64_t nsec = ((e >> q->csize_shift) & q->csize_mask) + 1;
    uint64_t csize = nsec * 512 - (coff & 511);
    uint8_t *in = malloc(csize);
    if (!in)
        return sim_err("blockdev %s: out of memory", qname(q));
    if (fread_at(q, coff, in, csize) < 0) {
        free(in);
        return -1;
    }
    z_stream z;
    memset(&z, 0, sizeof z);
    int rc = inflateInit2(&z, -12);
    if (rc == Z_OK) {
        z.next_in = in, z.avail_in = (uInt)csize;
        z.next_out = q->cbuf, z.avail_out = (uInt)q->cs;
        rc = inflate(&z, Z_FINISH);
        /* A cluster's stream may end exactly at the end of the output. */
        if ((rc == Z_STREAM_END || rc == Z_BUF_ERROR) && z.avail_out == 0)
            rc = Z_OK;
        inflateEnd(&z);
    }
    free(in);
    q->cbuf_entry = 0;
    if (rc != Z_OK)
        return sim_err("blockdev %s: corrupt image: compressed cluster at 0x%llx does not "
                       "inflate",
                       qname(q), (unsigned long long)coff);
    q->cbuf_entry = e;
    return 0;
}

static int read_backing(struct blockdev_qcow2 *q, uint64_t off, uint8_t *p, uint64_t n)
{
    uint64_t have = 0;
    if (q->backing && off < q->backing->size)
        have = q->backing->size - off < n ? q->backing->size - off : n;
    if (have && blockdev_read(q->backing, off, p, have) < 0)
        return -1;
    memset(p + have, 0, n - have);
    return 0;
}

/* n bytes at `in` within guest cluster vc, whose L2 entry is e. */
static int read_in(struct blockdev_qcow2 *q, uint64_t vc, uint64_t e, uint64_t in, uint8_t *p,
                   uint64_t n)
{
    if (e & OFLAG_COMPRESSED) {
        if (inflate_cluster(q, e) < 0)
            return -1;
        memcpy(p, q->cbuf + in, n);
        return 0;
    }
    if (q->version >= 3 && (e & OFLAG_ZERO)) {
        memset(p, 0, n);
        return 0;
    }
    if (e & OFFSET_MASK)
        return fread_at(q, (e & OFFSET_MASK) + in, p, n);
    return read_backing(q, vc * q->cs + in, p, n);
}

static int q_read(struct blockdev *b, uint64_t off, void *buf, uint64_t n)
{
    struct blockdev_qcow2 *q = container_of(b, struct blockdev_qcow2, b);
    uint8_t *p = buf;
    while (n > 0) {
        uint64_t vc = off / q->cs, in = off % q->cs, e;
        uint64_t k = q->cs - in < n ? q->cs - in : n;
        if (map_get(q, vc, &e) < 0 || read_in(q, vc, e, in, p, k) < 0)
            return -1;
        p += k, off += k, n -= k;
    }
    return 0;
}

/* The first write clears the autoclear feature bits (spec: a program that does not
 * understand them clears them when it changes the image; a bitmap is stale after it). */
static int first_write(struct blockdev_qcow2 *q)
{
    q->autoclear_done = true;
    if (q->version < 3 || !q->autoclear)
        return 0;
    q->autoclear = 0;
    return fwrite_be(q, 88, 0, 8);
}

/* The L2 table for guest cluster vc, made or copied so that it may be written. */
static struct l2_slot *l2_for_write(struct blockdev_qcow2 *q, uint64_t vc)
{
    uint64_t l1i = vc / q->l2_entries;
    uint64_t l1e = q->l1[l1i], off = l1e & OFFSET_MASK;
    if (off && (l1e & OFLAG_COPIED))
        return l2_load(q, off);
    if (off && rc_get(q, off / q->cs) == 1) { /* unshared but not flagged: flag it */
        q->l1[l1i] = off | OFLAG_COPIED;
        if (fwrite_be(q, q->l1_off + l1i * 8, q->l1[l1i], 8) < 0)
            return NULL;
        return l2_load(q, off);
    }
    /* None yet (all zeros), or shared with a snapshot: a copy of our own. */
    uint8_t *tab = calloc(1, q->cs);
    if (!tab) {
        sim_err("blockdev %s: out of memory", qname(q));
        return NULL;
    }
    struct l2_slot *old = off ? l2_load(q, off) : NULL;
    if (off && !old) {
        free(tab);
        return NULL;
    }
    if (old)
        memcpy(tab, old->tab, q->cs);
    uint64_t noff = alloc_cluster(q);
    if (!noff || fwrite_at(q, noff, tab, q->cs) < 0) {
        free(tab);
        return NULL;
    }
    q->l1[l1i] = noff | OFLAG_COPIED;
    if (fwrite_be(q, q->l1_off + l1i * 8, q->l1[l1i], 8) < 0 ||
        (off && rc_change(q, off / q->cs, -1) < 0)) {
        free(tab);
        return NULL;
    }
    struct l2_slot *s = l2_load(q, noff); /* a cached copy of what was just written */
    free(tab);
    return s;
}

static int write_in(struct blockdev_qcow2 *q, uint64_t vc, uint64_t in, const uint8_t *p,
                    uint64_t n)
{
    struct l2_slot *s = l2_for_write(q, vc);
    if (!s)
        return -1;
    uint64_t i = vc % q->l2_entries, e = l2_get(q, s, i);
    uint64_t host = e & OFFSET_MASK;
    bool comp = (e & OFLAG_COMPRESSED) != 0;
    /* In a compressed cluster's descriptor bit 0 belongs to the byte offset. */
    bool zero = !comp && q->version >= 3 && (e & OFLAG_ZERO);
    if (!comp && host && !zero && rc_get(q, host / q->cs) == 1) {
        if (fwrite_at(q, host + in, p, n) < 0)
            return -1;
        return (e & OFLAG_COPIED) ? 0 : l2_set(q, s, i, e | OFLAG_COPIED);
    }
    /* A whole cluster: what it reads as now, with the new bytes over it. */
    if (n < q->cs) {
        if (zero)
            memset(q->tmp, 0, q->cs);
        else if (read_in(q, vc, e, 0, q->tmp, q->cs) < 0)
            return -1;
    }
    memcpy(q->tmp + in, p, n);
    if (zero && host && rc_get(q, host / q->cs) == 1) {
        /* A preallocated zero cluster of our own: written in place. */
        if (fwrite_at(q, host, q->tmp, q->cs) < 0)
            return -1;
        return l2_set(q, s, i, host | OFLAG_COPIED);
    }
    uint64_t noff = alloc_cluster(q);
    if (!noff || fwrite_at(q, noff, q->tmp, q->cs) < 0)
        return -1;
    if (l2_set(q, s, i, noff | OFLAG_COPIED) < 0)
        return -1;
    if (comp && q->cbuf_entry == e)
        q->cbuf_entry = 0;
    return comp || host ? free_entry(q, e) : 0;
}

static int q_write(struct blockdev *b, uint64_t off, const void *buf, uint64_t n)
{
    struct blockdev_qcow2 *q = container_of(b, struct blockdev_qcow2, b);
    const uint8_t *p = buf;
    if (!q->autoclear_done && first_write(q) < 0)
        return -1;
    while (n > 0) {
        uint64_t vc = off / q->cs, in = off % q->cs;
        uint64_t k = q->cs - in < n ? q->cs - in : n;
        if (write_in(q, vc, in, p, k) < 0)
            return -1;
        p += k, off += k, n -= k;
    }
    return 0;
}

static int q_flush(struct blockdev *b)
{
    struct blockdev_qcow2 *q = container_of(b, struct blockdev_qcow2, b);
    return blockdev_flush(q->file);
}

static void q_info(struct blockdev *b, FILE *f)
{
    struct blockdev_qcow2 *q = container_of(b, struct blockdev_qcow2, b);
    fprintf(f, " v%u over %s, %llu-byte clusters", q->version, q->file->node_name,
            (unsigned long long)q->cs);
    if (q->backing)
        fprintf(f, ", backing %s", q->backing_desc);
    if (q->nsnap)
        fprintf(f, ", %u internal snapshots", q->nsnap);
    fprintf(f, ", %llu clusters allocated here", (unsigned long long)q->allocated);
}

/* A writer takes the image: its file is written too (a base or a backing image never is). */
static int q_claim(struct blockdev *b)
{
    return blockdev_claim(container_of(b, struct blockdev_qcow2, b)->file);
}

static void q_close(struct blockdev *b)
{
    struct blockdev_qcow2 *q = container_of(b, struct blockdev_qcow2, b);
    if (q->own_backing)
        blockdev_close_one(q->backing);
    if (q->file && q->file->parent == b)
        q->file->parent = NULL;
    if (q->own_file)
        blockdev_close_one(q->file);
    for (int i = 0; i < L2_CACHE; i++)
        free(q->l2c[i].tab);
    free(q->backing_desc);
    free(q->l1);
    free(q->rt);
    free(q->rc);
    free(q->cbuf);
    free(q->tmp);
    free(q);
}

/* ---- opening ---- */

static int load_refcounts(struct blockdev_qcow2 *q)
{
    q->nhost = (q->file->size + q->cs - 1) / q->cs;
    if (rc_reserve(q, q->nhost + 1) < 0)
        return -1;
    uint8_t *img = malloc(q->rt_clusters * q->cs);
    uint8_t *blk = malloc(q->cs);
    int rc = -1;
    if (!img || !blk) {
        sim_err("out of memory");
        goto out;
    }
    if (fread_at(q, q->rt_off, img, q->rt_clusters * q->cs) < 0)
        goto out;
    q->rt_entries = q->rt_clusters * q->cs / 8;
    q->rt = calloc(q->rt_entries, sizeof(*q->rt));
    if (!q->rt) {
        sim_err("out of memory");
        goto out;
    }
    for (uint64_t bi = 0; bi < q->rt_entries; bi++) {
        uint64_t off = be_get(img + bi * 8, 8) & OFFSET_MASK;
        q->rt[bi] = off;
        if (!off)
            continue;
        if (off % q->cs || off >= q->file->size) {
            sim_err("corrupt image: refcount block %llu at 0x%llx", (unsigned long long)bi,
                    (unsigned long long)off);
            goto out;
        }
        if (fread_at(q, off, blk, q->cs) < 0)
            goto out;
        for (uint64_t k = 0; k < q->rb_entries; k++) {
            uint64_t c = bi * q->rb_entries + k;
            if (c >= q->nhost)
                break;
            q->rc[c] = rb_get(q, blk, k);
        }
    }
    rc = 0;
out:
    free(img);
    free(blk);
    return rc;
}

static int parse_extensions(struct blockdev_qcow2 *q, const uint8_t *h, uint64_t hlen, uint64_t end,
                            char *bfmt, size_t bfmt_size)
{
    uint64_t p = hlen;
    while (p + 8 <= end) {
        uint32_t type = (uint32_t)be_get(h + p, 4), len = (uint32_t)be_get(h + p + 4, 4);
        if (type == EXT_END)
            return 0;
        if (p + 8 + len > end)
            return sim_err("corrupt image: header extension 0x%08x runs past the header "
                           "cluster",
                           type);
        if (type == EXT_BACKING_FORMAT) {
            size_t k = len < bfmt_size - 1 ? len : bfmt_size - 1;
            memcpy(bfmt, h + p + 8, k);
            bfmt[k] = '\0';
        }
        p += 8 + ((uint64_t)len + 7) / 8 * 8;
    }
    (void)q;
    return 0;
}

static int depth;
static struct blockdev *qcow2_open_over(struct machine *m, const char *node, struct blockdev *file,
                                        bool ro, const char *backing);

/* The backing file a header names, opened read-only: as `fmt` ("raw", "qcow2") or, when
 * the header gives no format, as its own header shows. */
static int open_backing_file(struct blockdev_qcow2 *q, struct machine *m, const char *node,
                             const char *name, const char *fmt)
{
    char path[PATH_MAX + 1];
    const char *dir_end = q->file->filename ? strrchr(q->file->filename, '/') : NULL;
    if (name[0] != '/' && dir_end)
        snprintf(path, sizeof path, "%.*s/%s", (int)(dir_end - q->file->filename),
                 q->file->filename, name);
    else
        snprintf(path, sizeof path, "%s", name);
    char fnode[300], bnode[300];
    snprintf(fnode, sizeof fnode, "%s.backing-file", node);
    snprintf(bnode, sizeof bnode, "%s.backing", node);
    struct kv kv[] = {{"filename", path}, {"read-only", "on"}, {"format", "raw"}};
    struct blockdev *f = blockdev_open_internal(m, "file", fnode, kv, ARRAY_SIZE(kv));
    if (!f)
        return sim_err_prefix("backing file '%s'", name);
    if (!fmt || !*fmt)
        fmt = f->format && strcmp(f->format, "qcow2") == 0 ? "qcow2" : "raw";
    if (strcmp(fmt, "raw") == 0) {
        q->backing = f;
    } else if (strcmp(fmt, "qcow2") == 0) {
        if (depth >= MAX_BACKING_DEPTH) {
            blockdev_close_one(f);
            return sim_err("backing file '%s': a chain of more than %d backing files (a "
                           "loop?)",
                           name, MAX_BACKING_DEPTH);
        }
        depth++;
        struct blockdev *bq = qcow2_open_over(m, bnode, f, true, NULL);
        depth--;
        if (!bq) {
            blockdev_close_one(f);
            return sim_err_prefix("backing file '%s'", name);
        }
        /* The file node is handed over: the backing qcow2 node closes it. */
        container_of(bq, struct blockdev_qcow2, b)->own_file = true;
        f->parent = bq;
        bq->node_name = strdup(bnode);
        bq->drv = q->b.drv;
        q->backing = bq;
    } else {
        blockdev_close_one(f);
        return sim_err("backing file '%s' is in format '%s'; socsim reads raw and qcow2 "
                       "backing files",
                       name, fmt);
    }
    q->own_backing = true;
    size_t len = strlen(path) + strlen(fmt) + 4;
    q->backing_desc = malloc(len);
    if (q->backing_desc)
        snprintf(q->backing_desc, len, "%s (%s)", path, fmt);
    return 0;
}

static struct blockdev *qcow2_open_over(struct machine *m, const char *node, struct blockdev *file,
                                        bool ro, const char *backing)
{
    uint8_t *h = NULL;
    struct blockdev_qcow2 *q = calloc(1, sizeof(*q));
    if (!q)
        goto oom;
    q->file = file;
    q->b.read_only = ro || file->read_only;
    uint8_t fixed[112] = {0};
    if (file->size < 72) {
        sim_err("'%s' is not a qcow2 image (%llu bytes)",
                file->filename ? file->filename : file->node_name, (unsigned long long)file->size);
        goto fail;
    }
    if (fread_at(q, 0, fixed, sizeof fixed) < 0)
        goto fail;
    const char *what = file->filename ? file->filename : file->node_name;
    if (be_get(fixed, 4) != QCOW2_MAGIC) {
        sim_err("'%s' is not a qcow2 image (no QFI\\xfb magic)", what);
        goto fail;
    }
    q->version = (uint32_t)be_get(fixed + 4, 4);
    if (q->version != 2 && q->version != 3) {
        sim_err("'%s' is a qcow2 image of version %u; socsim reads versions 2 and 3", what,
                q->version);
        goto fail;
    }
    q->cluster_bits = (unsigned)be_get(fixed + 20, 4);
    if (q->cluster_bits < 9 || q->cluster_bits > 21) {
        sim_err("corrupt image '%s': cluster_bits %u (9 to 21)", what, q->cluster_bits);
        goto fail;
    }
    q->cs = 1ull << q->cluster_bits;
    q->l2_entries = q->cs / 8;
    q->b.size = be_get(fixed + 24, 8);
    uint32_t crypt = (uint32_t)be_get(fixed + 32, 4);
    if (crypt) {
        sim_err("'%s' is encrypted (%s); socsim does not decrypt images: make a plain copy "
                "with qemu-img convert -O qcow2 (giving the secret)",
                what,
                crypt == 1   ? "AES"
                : crypt == 2 ? "LUKS"
                             : "an unknown method");
        goto fail;
    }
    q->l1_size = (uint32_t)be_get(fixed + 36, 4);
    q->l1_off = be_get(fixed + 40, 8);
    q->rt_off = be_get(fixed + 48, 8);
    q->rt_clusters = be_get(fixed + 56, 4);
    q->nsnap = (uint32_t)be_get(fixed + 60, 4);
    uint64_t incompat = 0, hlen = 72;
    unsigned rc_order = 4;
    if (q->version == 3) {
        incompat = be_get(fixed + 72, 8);
        q->autoclear = be_get(fixed + 88, 8);
        rc_order = (unsigned)be_get(fixed + 96, 4);
        hlen = be_get(fixed + 100, 4);
        if (hlen < 104 || hlen > q->cs) {
            sim_err("corrupt image '%s': header length %llu", what, (unsigned long long)hlen);
            goto fail;
        }
    }
    if (incompat & INCOMPAT_DATA_FILE) {
        sim_err("'%s' keeps its data in an external file (data-file); socsim reads qcow2 "
                "images that hold their own data",
                what);
        goto fail;
    }
    if (incompat & INCOMPAT_EXTL2) {
        sim_err("'%s' has subclusters (extended_l2=on); socsim reads qcow2 images without "
                "them (qemu-img convert -O qcow2 makes one)",
                what);
        goto fail;
    }
    if ((incompat & INCOMPAT_COMPRESSION) && hlen > 104 && fixed[104] != 0) {
        sim_err("'%s' compresses with %s; socsim reads deflate (zlib) compressed clusters: "
                "qemu-img convert -O qcow2 -o compression_type=zlib",
                what, fixed[104] == 1 ? "zstd" : "an unknown method");
        goto fail;
    }
    uint64_t unknown = incompat & ~(INCOMPAT_DIRTY | INCOMPAT_CORRUPT | INCOMPAT_COMPRESSION);
    if (unknown) {
        sim_err("'%s' has incompatible features socsim does not know (bits 0x%llx)", what,
                (unsigned long long)unknown);
        goto fail;
    }
    if (!q->b.read_only && (incompat & (INCOMPAT_DIRTY | INCOMPAT_CORRUPT))) {
        sim_err("'%s' is marked %s; repair it with qemu-img check -r all (or open it "
                "read-only=on)",
                what,
                (incompat & INCOMPAT_CORRUPT) ? "corrupt" : "dirty (refcounts not up to date)");
        goto fail;
    }
    if (rc_order > 6) {
        sim_err("corrupt image '%s': refcount_order %u", what, rc_order);
        goto fail;
    }
    q->rc_bits = 1u << rc_order;
    q->rc_max = q->rc_bits == 64 ? UINT64_MAX : (1ull << q->rc_bits) - 1;
    q->rb_entries = q->cs * 8 / q->rc_bits;
    q->csize_shift = 62 - (q->cluster_bits - 8);
    q->csize_mask = (1ull << (q->cluster_bits - 8)) - 1;
    q->coff_mask = (1ull << q->csize_shift) - 1;

    uint64_t need_l1 = (q->b.size + q->cs * q->l2_entries - 1) / (q->cs * q->l2_entries);
    if (q->l1_size < need_l1 || q->l1_size > (1u << 25) || q->l1_off % q->cs ||
        q->l1_off + (uint64_t)q->l1_size * 8 > file->size) {
        sim_err("corrupt image '%s': L1 table of %u entries at 0x%llx", what, q->l1_size,
                (unsigned long long)q->l1_off);
        goto fail;
    }
    if (!q->rt_clusters || q->rt_clusters > (1u << 20) / (q->cs / 512) + 1 || q->rt_off % q->cs ||
        q->rt_off + q->rt_clusters * q->cs > file->size + q->cs) {
        sim_err("corrupt image '%s': refcount table of %llu clusters at 0x%llx", what,
                (unsigned long long)q->rt_clusters, (unsigned long long)q->rt_off);
        goto fail;
    }

    /* The header cluster: extensions and the backing file's name. */
    h = malloc(q->cs);
    if (!h)
        goto oom;
    if (fread_at(q, 0, h, q->cs) < 0)
        goto fail;
    char bfmt[32] = "";
    if (parse_extensions(q, h, hlen, q->cs, bfmt, sizeof bfmt) < 0) {
        sim_err_prefix("'%s'", what);
        goto fail;
    }
    uint64_t boff = be_get(h + 8, 8);
    uint32_t blen = (uint32_t)be_get(h + 16, 4);
    if (boff && (blen == 0 || blen > 1023 || boff + blen > q->cs)) {
        sim_err("corrupt image '%s': backing file name of %u bytes at %llu", what, blen,
                (unsigned long long)boff);
        goto fail;
    }

    q->l1 = calloc(q->l1_size + 1, sizeof(*q->l1));
    q->cbuf = malloc(q->cs);
    q->tmp = malloc(q->cs);
    for (int i = 0; i < L2_CACHE; i++)
        if (!(q->l2c[i].tab = malloc(q->cs)))
            goto oom;
    if (!q->l1 || !q->cbuf || !q->tmp)
        goto oom;
    uint8_t *l1raw = malloc((uint64_t)q->l1_size * 8 + 1);
    if (!l1raw)
        goto oom;
    if (fread_at(q, q->l1_off, l1raw, (uint64_t)q->l1_size * 8) < 0) {
        free(l1raw);
        goto fail;
    }
    for (uint32_t i = 0; i < q->l1_size; i++)
        q->l1[i] = be_get(l1raw + i * 8, 8);
    free(l1raw);
    if (!q->b.read_only && load_refcounts(q) < 0) {
        sim_err_prefix("'%s'", what);
        goto fail;
    }

    if (backing) {
        q->backing = blockdev_find(m, backing);
        if (!q->backing) {
            sim_err("backing=%s: no blockdev with node-name '%s'", backing, backing);
            goto fail;
        }
        q->backing_desc = strdup(backing);
    } else if (boff) {
        char name[1024];
        memcpy(name, h + boff, blen);
        name[blen] = '\0';
        if (open_backing_file(q, m, node, name, bfmt) < 0)
            goto fail;
    }
    free(h);
    q->b.read = q_read;
    q->b.write = q_write;
    q->b.flush = q_flush;
    q->b.close = q_close;
    q->b.claim = q_claim;
    q->b.info = q_info;
    return &q->b;
oom:
    sim_err("out of memory");
fail:
    free(h);
    if (q) {
        q->file = NULL; /* the caller's */
        q_close(&q->b);
    }
    return NULL;
}

struct q_cfg {
    struct blockdev *file;
    char *backing;
    bool read_only;
};

static struct blockdev *q_open(struct machine *m, const char *node, const void *cfg,
                               uint64_t given)
{
    (void)given;
    const struct q_cfg *c = cfg;
    struct blockdev *file = c->file;
    const char *backing = c->backing;
    if (backing && !*backing) {
        sim_err("backing=: give the node-name of the backing blockdev");
        return NULL;
    }
    if (file->parent) {
        sim_err("file=%s: blockdev '%s' is already the file of %s node '%s'", file->node_name,
                file->node_name, file->parent->drv->name, file->parent->node_name);
        return NULL;
    }
    struct blockdev *b = qcow2_open_over(m, node, file, c->read_only, backing);
    if (b)
        file->parent = b;
    return b;
}

static const struct opt_desc q_options[] = {
    {.name = "file", .type = OPT_BLOCKDEV, .offset = offsetof(struct q_cfg, file),
     .help = "the node-name of the blockdev holding the image", .flags = OPT_REQUIRED},
    OPT(struct q_cfg, backing, OPT_STRING, "backing", NULL,
        "node-name of the backing blockdev (default: the file the image names)"),
    OPT(struct q_cfg, read_only, OPT_BOOL, "read-only", "off",
        "on: the guest sees write-protected media; the image is not written"),
    {0},
};

static const struct blockdev_driver blockdev_qcow2 = {
    .name = "qcow2",
    .desc = "a qcow2 image (QEMU's format, versions 2 and 3), over a file node",
    .options = q_options,
    .cfg_size = sizeof(struct q_cfg),
    .open = q_open,
};
BLOCKDEV_DRIVER(blockdev_qcow2)
