/* Checkpoints (checkpoint.h): the machine's state as bytes, and the file that holds them.
 *
 * The payload is a run of sections, each a tag and a length, in this order:
 *   INFO  the board, the firmware (path, size, CRC-32), semihosting, time, instructions
 *   DEVS  the devices: type, id, the layout of the state the type saves, properties
 *   KERN  the kernel's time and sequence counter
 *   STAT  per device: its state table's fields, IRQ output levels, pending events, and
 *         what its save hook wrote
 *   MEMS  the system bus's regions of host memory, page by page
 *   CHRS  the chardevs: bytes out and in, input held, output to skip, a file's position
 * A restore reads the payload twice: once checking everything against the machine, then
 * putting it in. */
#include "soc/checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "sim/backends/backend.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "sim/le.h"
#include "sim/outfile.h"
#include "soc/cpu.h"
#include "soc/machine.h"

#define CKPT_MAGIC "SOCSIMCP"
#define CKPT_VERSION 1
#define CKPT_HEADER 32 /* magic, version, CRC-32, payload length, deflated length */
#define CKPT_PAGE 4096
/* Bigger than any machine socsim builds: a length field beyond it is damage. */
#define CKPT_MAX_PAYLOAD (1ull << 40)

#define TAG(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
enum {
    SEC_INFO = TAG('I', 'N', 'F', 'O'),
    SEC_DEVS = TAG('D', 'E', 'V', 'S'),
    SEC_KERN = TAG('K', 'E', 'R', 'N'),
    SEC_STAT = TAG('S', 'T', 'A', 'T'),
    SEC_MEMS = TAG('M', 'E', 'M', 'S'),
    SEC_CHRS = TAG('C', 'H', 'R', 'S'),
};

struct ckpt_chr_note {
    size_t at;   /* offset in the payload of its skip and position fields */
    uint64_t tx; /* its tx_bytes when the checkpoint was taken */
};

struct ckpt {
    uint8_t *data;
    size_t len;
    uint64_t time, insns;
    struct ckpt_chr_note *chr;
    size_t nchr;
};

/* ---- byte streams ---- */

static void out_reserve(struct ckpt_out *w, size_t n)
{
    if (w->oom || w->len + n <= w->cap)
        return;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + n)
        cap *= 2;
    uint8_t *b = realloc(w->buf, cap);
    if (!b) {
        w->oom = true;
        return;
    }
    w->buf = b;
    w->cap = cap;
}

void ckpt_put(struct ckpt_out *w, const void *p, size_t n)
{
    out_reserve(w, n);
    if (w->oom || !n)
        return;
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

void ckpt_put_u8(struct ckpt_out *w, uint8_t v) { ckpt_put(w, &v, 1); }

void ckpt_put_u32(struct ckpt_out *w, uint32_t v)
{
    uint8_t b[4];
    sim_put_le(b, v, 4);
    ckpt_put(w, b, 4);
}

void ckpt_put_u64(struct ckpt_out *w, uint64_t v)
{
    ckpt_put_u32(w, (uint32_t)v);
    ckpt_put_u32(w, (uint32_t)(v >> 32));
}

void ckpt_put_str(struct ckpt_out *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    ckpt_put_u32(w, (uint32_t)n);
    ckpt_put(w, s, n);
}

const void *ckpt_get(struct ckpt_in *r, size_t n)
{
    if (r->bad || n > r->len - r->pos) {
        r->bad = true;
        return NULL;
    }
    const void *p = r->p + r->pos;
    r->pos += n;
    return p;
}

uint8_t ckpt_get_u8(struct ckpt_in *r)
{
    const uint8_t *b = ckpt_get(r, 1);
    return b ? b[0] : 0;
}

uint32_t ckpt_get_u32(struct ckpt_in *r)
{
    const uint8_t *b = ckpt_get(r, 4);
    return b ? (uint32_t)sim_get_le(b, 4) : 0;
}

uint64_t ckpt_get_u64(struct ckpt_in *r)
{
    uint64_t lo = ckpt_get_u32(r);
    return lo | (uint64_t)ckpt_get_u32(r) << 32;
}

const char *ckpt_get_str(struct ckpt_in *r, char *buf, size_t n)
{
    uint32_t len = ckpt_get_u32(r);
    const char *s = ckpt_get(r, len);
    size_t k = s ? (len < n - 1 ? len : n - 1) : 0;
    memcpy(buf, s ? s : "", k);
    buf[k] = '\0';
    return buf;
}


/* A section: its tag, then its length, filled in by end_section. */
static size_t begin_section(struct ckpt_out *w, uint32_t tag)
{
    ckpt_put_u32(w, tag);
    ckpt_put_u64(w, 0);
    return w->len;
}

static void end_section(struct ckpt_out *w, size_t start)
{
    if (!w->oom)
        sim_put_le(w->buf + start - 8, w->len - start, 8);
}

/* The next section, which must be `tag`: a reader of its bytes alone. */
static struct ckpt_in section(struct ckpt_in *r, uint32_t tag)
{
    struct ckpt_in s = {0};
    uint32_t t = ckpt_get_u32(r);
    uint64_t n = ckpt_get_u64(r);
    const uint8_t *p = n <= r->len ? ckpt_get(r, (size_t)n) : NULL;
    if (t != tag || !p)
        s.bad = true;
    else
        s = (struct ckpt_in){.p = p, .len = (size_t)n};
    return s;
}

/* ---- pages: memory as runs of 4 KiB, a page of one repeated byte as that byte ---- */

static bool uniform(const uint8_t *p, size_t n)
{
    return n == 0 || (p[0] == p[n - 1] && memcmp(p, p + 1, n - 1) == 0);
}

static void put_pages(struct ckpt_out *w, const uint8_t *mem, uint64_t n)
{
    for (uint64_t off = 0; off < n; off += CKPT_PAGE) {
        size_t k = n - off < CKPT_PAGE ? (size_t)(n - off) : CKPT_PAGE;
        if (uniform(mem + off, k)) {
            ckpt_put_u8(w, 0);
            ckpt_put_u8(w, mem[off]);
        } else {
            ckpt_put_u8(w, 1);
            ckpt_put(w, mem + off, k);
        }
    }
}

/* Read n bytes of pages into mem (apply), or only check that they are there.  A page
 * that holds its bytes already is left alone: a RAM page the firmware never touched
 * stays unallocated on the host (a restore over 128 MiB of mostly untouched RAM writes
 * none of it). */
static void get_pages(struct ckpt_in *r, uint8_t *mem, uint64_t n, bool apply)
{
    for (uint64_t off = 0; off < n && !r->bad; off += CKPT_PAGE) {
        size_t k = n - off < CKPT_PAGE ? (size_t)(n - off) : CKPT_PAGE;
        uint8_t kind = ckpt_get_u8(r);
        if (kind == 0) {
            uint8_t v = ckpt_get_u8(r);
            if (apply && !(mem[off] == v && uniform(mem + off, k)))
                memset(mem + off, v, k);
        } else if (kind == 1) {
            const uint8_t *p = ckpt_get(r, k);
            if (apply && p && memcmp(mem + off, p, k) != 0)
                memcpy(mem + off, p, k);
        } else {
            r->bad = true;
        }
    }
}

/* ---- layouts ---- */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static uint64_t fnv_u64(uint64_t h, uint64_t v) { return fnv(h, &v, sizeof(v)); }
static uint64_t fnv_str(uint64_t h, const char *s) { return fnv(h, s, strlen(s) + 1); }

/* What a type saves, as a number: its name, its struct's size, its state table, its IRQ
 * outputs and whether it saves more itself.  A checkpoint of another build whose type
 * keeps other state has another number. */
static uint64_t type_layout(const struct dev_type *t)
{
    uint64_t h = fnv_u64(0xcbf29ce484222325ull, CKPT_VERSION);
    h = fnv_str(h, t->name);
    h = fnv_u64(h, t->size);
    for (const struct dev_state *s = t->state; s && s->name; s++) {
        h = fnv_str(h, s->name);
        h = fnv_u64(h, (uint64_t)s->kind << 48 ^ s->offset);
        h = fnv_u64(h, s->size ^ (uint64_t)s->len_offset << 32);
    }
    for (const struct dev_prop *p = t->props; p && p->name; p++)
        if (p->type == PROP_LINK)
            h = fnv_u64(fnv_str(h, p->name), p->offset);
    return fnv_u64(h, t->save != NULL);
}

static const char *dev_name(const struct device *d)
{
    return d->id ? d->id : d->type->name;
}

static unsigned device_count(const struct machine *m)
{
    unsigned n = 0;
    for (const struct device *d = m->devices; d; d = d->next)
        n++;
    return n;
}

static int device_index(const struct machine *m, const struct device *x)
{
    int i = 0;
    for (const struct device *d = m->devices; d; d = d->next, i++)
        if (d == x)
            return i;
    return -1;
}

static struct device *device_at(struct machine *m, uint32_t i)
{
    struct device *d = m->devices;
    while (d && i--)
        d = d->next;
    return d;
}

static bool inside(const void *p, size_t n, const void *obj, size_t size)
{
    return (const char *)p >= (const char *)obj &&
           (const char *)p + n <= (const char *)obj + size;
}

/* ---- taking ---- */

static void put_info(struct ckpt_out *w, struct machine *m, struct ckpt *cp)
{
    size_t s = begin_section(w, SEC_INFO);
    ckpt_put_str(w, m->board);
    ckpt_put_str(w, m->elf_loaded ? m->elf.path : "");
    ckpt_put_u64(w, m->elf_loaded ? m->elf.file_size : 0);
    ckpt_put_u32(w, m->elf_loaded ? m->elf.file_crc : 0);
    ckpt_put_u8(w, m->semihosting);
    ckpt_put_u64(w, cp->time);
    ckpt_put_u64(w, cp->insns);
    end_section(w, s);
}

/* A property the device changes while it runs (a CPU's freq, which a PLL moves) lies in
 * its state: it is saved with it, and not compared. */
static bool prop_is_state(const struct dev_type *t, const struct dev_prop *p)
{
    for (const struct dev_state *s = t->state; s && s->name; s++)
        if (s->kind == DEV_STATE_BYTES && p->offset >= s->offset &&
            p->offset < s->offset + s->size)
            return true;
    return false;
}

static void put_devices(struct ckpt_out *w, struct machine *m)
{
    size_t s = begin_section(w, SEC_DEVS);
    ckpt_put_u32(w, device_count(m));
    for (struct device *d = m->devices; d; d = d->next) {
        ckpt_put_str(w, d->type->name);
        ckpt_put_str(w, d->id);
        ckpt_put_u64(w, type_layout(d->type));
        unsigned n = 0;
        for (const struct dev_prop *p = d->type->props; p && p->name; p++)
            n++;
        ckpt_put_u32(w, n);
        for (const struct dev_prop *p = d->type->props; p && p->name; p++) {
            char v[256];
            dev_format_prop(d, p, v, sizeof(v));
            ckpt_put_str(w, p->name);
            ckpt_put_str(w, v);
        }
    }
    end_section(w, s);
}

/* The pending events inside d: where, which (by name), when, in what order. */
static void put_events(struct ckpt_out *w, struct machine *m, struct device *d)
{
    struct sim *s = &m->sim;
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->heap_len; i++)
        n += inside(s->heap[i], sizeof(struct sim_event), d, d->type->size);
    ckpt_put_u32(w, n);
    for (uint32_t i = 0; i < s->heap_len; i++) {
        const struct sim_event *ev = s->heap[i];
        if (!inside(ev, sizeof(*ev), d, d->type->size))
            continue;
        ckpt_put_u32(w, (uint32_t)((const char *)ev - (const char *)d));
        ckpt_put_str(w, ev->name);
        ckpt_put_u64(w, ev->time);
        ckpt_put_u64(w, ev->seq);
    }
}

static void put_state(struct ckpt_out *w, struct machine *m, struct device *d)
{
    const char *base = (const char *)d;
    for (const struct dev_state *st = d->type->state; st && st->name; st++) {
        const char *f = base + st->offset;
        switch (st->kind) {
        case DEV_STATE_BYTES: ckpt_put(w, f, st->size); break;
        case DEV_STATE_SIGNALS:
            for (size_t i = 0; i < st->size / sizeof(struct signal); i++)
                ckpt_put_u8(w, ((const struct signal *)f)[i].level);
            break;
        case DEV_STATE_DEVICE:
            ckpt_put_u32(w, (uint32_t)(device_index(m, *(struct device *const *)f) + 1));
            break;
        case DEV_STATE_BUFFER: {
            uint64_t len = *(const uint64_t *)(base + st->len_offset);
            const uint8_t *buf = *(uint8_t *const *)f;
            ckpt_put_u64(w, buf ? len : 0);
            if (buf)
                put_pages(w, buf, len);
            break;
        }
        }
    }
    for (const struct dev_prop *p = d->type->props; p && p->name; p++)
        if (p->type == PROP_LINK)
            ckpt_put_u8(w, ((const struct irq_out *)(base + p->offset))->sig.level);
    put_events(w, m, d);
    struct ckpt_out own = {0};
    if (d->type->save)
        d->type->save(d, &own);
    w->oom |= own.oom;
    ckpt_put_u64(w, own.len);
    ckpt_put(w, own.buf, own.len);
    free(own.buf);
}

static void put_memory(struct ckpt_out *w, struct machine *m)
{
    struct bus *b = m->sysbus;
    uint32_t n = 0;
    for (uint32_t i = 0; i < b->nregions; i++)
        n += b->regions[i].host != NULL;
    ckpt_put_u32(w, n);
    for (uint32_t i = 0; i < b->nregions; i++) {
        const struct bus_region *r = &b->regions[i];
        if (!r->host)
            continue;
        ckpt_put_u32(w, r->base);
        ckpt_put_u32(w, r->size);
        put_pages(w, r->host, r->size);
    }
}

static void put_chardevs(struct ckpt_out *w, struct machine *m, struct ckpt *cp)
{
    unsigned n = 0;
    for (struct chardev *c = m->chardevs; c; c = c->next)
        n++;
    cp->chr = calloc(n ? n : 1, sizeof(*cp->chr));
    if (!cp->chr) {
        w->oom = true;
        return;
    }
    ckpt_put_u32(w, n);
    for (struct chardev *c = m->chardevs; c; c = c->next) {
        ckpt_put_str(w, c->id);
        ckpt_put_u64(w, c->tx_bytes);
        ckpt_put_u64(w, c->rx_bytes);
        cp->chr[cp->nchr++] = (struct ckpt_chr_note){.at = w->len, .tx = c->tx_bytes};
        ckpt_put_u64(w, c->skip_out); /* (ckpt_note_stop adds what the stop sent) */
        ckpt_put_u8(w, c->position != NULL);
        ckpt_put_u64(w, c->position ? c->position(c) : 0);
        ckpt_put_u64(w, c->in_len);
        ckpt_put(w, c->in_buf ? c->in_buf + c->in_off : NULL, c->in_len);
    }
}

/* A state table's plain bytes must hold no event: an event is saved as one, the heap's. */
static int check_events_apart(struct machine *m, struct device *d)
{
    struct sim *s = &m->sim;
    for (const struct dev_state *st = d->type->state; st && st->name; st++) {
        if (st->kind != DEV_STATE_BYTES)
            continue;
        for (uint32_t i = 0; i < s->heap_len; i++)
            if (inside(s->heap[i], 1, (const char *)d + st->offset, st->size))
                return sim_err("device type '%s': its state '%s' holds the event '%s' (a bug "
                               "in its state table)",
                               d->type->name, st->name, s->heap[i]->name);
    }
    return 0;
}

struct ckpt *ckpt_take(struct machine *m)
{
    for (struct device *d = m->devices; d; d = d->next) {
        if (d->type->no_checkpoint) {
            sim_err("%s '%s' cannot be checkpointed: %s", d->type->name, dev_name(d),
                    d->type->no_checkpoint);
            return NULL;
        }
        if (check_events_apart(m, d))
            return NULL;
    }
    struct ckpt *cp = calloc(1, sizeof(*cp));
    if (!cp) {
        sim_err("out of memory");
        return NULL;
    }
    cp->time = sim_now(&m->sim);
    for (unsigned i = 0; i < m->ncpus; i++) {
        struct cpu_stats st;
        cpu_stats(m->cpus[i], &st);
        cp->insns += st.executed;
    }
    struct ckpt_out w = {0};
    put_info(&w, m, cp);
    put_devices(&w, m);
    size_t s = begin_section(&w, SEC_KERN);
    ckpt_put_u64(&w, m->sim.now);
    ckpt_put_u64(&w, m->sim.seq);
    end_section(&w, s);
    s = begin_section(&w, SEC_STAT);
    for (struct device *d = m->devices; d; d = d->next)
        put_state(&w, m, d);
    end_section(&w, s);
    s = begin_section(&w, SEC_MEMS);
    put_memory(&w, m);
    end_section(&w, s);
    s = begin_section(&w, SEC_CHRS);
    put_chardevs(&w, m, cp);
    end_section(&w, s);
    if (w.oom) {
        free(w.buf);
        ckpt_free(cp);
        sim_err("out of memory for the checkpoint");
        return NULL;
    }
    cp->data = w.buf;
    cp->len = w.len;
    return cp;
}

void ckpt_note_stop(struct ckpt *cp, struct machine *m)
{
    size_t i = 0;
    for (struct chardev *c = m->chardevs; c && i < cp->nchr; c = c->next, i++) {
        uint8_t *p = cp->data + cp->chr[i].at;
        uint64_t skip = sim_get_le(p, 8);
        sim_put_le(p, skip + (c->tx_bytes - cp->chr[i].tx), 8);
        if (c->position)
            sim_put_le(p + 9, c->position(c), 8);
    }
}

void ckpt_free(struct ckpt *cp)
{
    if (!cp)
        return;
    free(cp->data);
    free(cp->chr);
    free(cp);
}

size_t ckpt_size(const struct ckpt *cp) { return sizeof(*cp) + cp->len; }
uint64_t ckpt_time(const struct ckpt *cp) { return cp->time; }
uint64_t ckpt_insns(const struct ckpt *cp) { return cp->insns; }

/* ---- restoring: each part checked (apply false), then put in (apply true) ---- */

#define DAMAGED "the checkpoint is damaged"

static int check_info(struct ckpt_in *r, struct machine *m)
{
    char board[256], path[1024];
    ckpt_get_str(r, board, sizeof(board));
    ckpt_get_str(r, path, sizeof(path));
    uint64_t size = ckpt_get_u64(r);
    uint32_t crc = ckpt_get_u32(r);
    uint8_t semi = ckpt_get_u8(r);
    ckpt_get_u64(r);
    ckpt_get_u64(r);
    if (r->bad)
        return sim_err(DAMAGED " (its description)");
    const char *mine = m->board ? m->board : "";
    if (strcmp(board, mine) != 0)
        return sim_err("the checkpoint is of board '%s', this machine is board '%s'", board,
                       mine);
    if (!m->elf_loaded != !*path)
        return sim_err(*path ? "the checkpoint ran firmware %s, this machine runs none"
                             : "the checkpoint ran no firmware, this machine runs %s",
                       *path ? path : m->elf.path);
    if (*path && (size != m->elf.file_size || crc != m->elf.file_crc))
        return sim_err("the checkpoint ran other firmware: %s (%llu bytes, CRC-32 %08x), not "
                       "%s (%llu bytes, CRC-32 %08x)",
                       path, (unsigned long long)size, crc, m->elf.path,
                       (unsigned long long)m->elf.file_size, m->elf.file_crc);
    if (semi != m->semihosting)
        return sim_err("the checkpoint ran with semihosting %s, this machine %s",
                       semi ? "on" : "off (--no-semihosting)",
                       m->semihosting ? "has it on" : "has it off (--no-semihosting)");
    return 0;
}

static int check_devices(struct ckpt_in *r, struct machine *m)
{
    uint32_t n = ckpt_get_u32(r);
    struct device *d = m->devices;
    for (uint32_t i = 0; i < n && !r->bad; i++, d = d ? d->next : NULL) {
        char type[128], id[128];
        ckpt_get_str(r, type, sizeof(type));
        ckpt_get_str(r, id, sizeof(id));
        uint64_t layout = ckpt_get_u64(r);
        if (r->bad)
            break;
        const char *shown = *id ? id : type;
        if (!d)
            return sim_err("the checkpoint has device '%s' (%s), which this machine has not",
                           shown, type);
        if (strcmp(type, d->type->name) != 0 || strcmp(id, d->id ? d->id : "") != 0)
            return sim_err("the checkpoint's device %u is '%s' (%s), this machine's is '%s' (%s)",
                           i + 1, shown, type, dev_name(d), d->type->name);
        if (layout != type_layout(d->type))
            return sim_err("device type '%s' keeps other state in this socsim than in the one "
                           "that made the checkpoint (a checkpoint is for the socsim that "
                           "made it)",
                           type);
        uint32_t np = ckpt_get_u32(r);
        for (uint32_t k = 0; k < np && !r->bad; k++) {
            char name[128], value[256], mine[256];
            ckpt_get_str(r, name, sizeof(name));
            ckpt_get_str(r, value, sizeof(value));
            const struct dev_prop *p = dev_find_prop(d->type, name);
            if (r->bad)
                break;
            if (!p)
                return sim_err("device '%s' (%s) has property %s in the checkpoint, not here "
                               "(a checkpoint is for the socsim that made it)",
                               shown, type, name);
            if (prop_is_state(d->type, p))
                continue;
            dev_format_prop(d, p, mine, sizeof(mine));
            if (strcmp(value, mine) != 0)
                return sim_err("device '%s' (%s): property %s is '%s' in the checkpoint, '%s' "
                               "here",
                               shown, type, name, value, mine);
        }
    }
    if (r->bad)
        return sim_err(DAMAGED " (its device list)");
    if (d)
        return sim_err("this machine has device '%s' (%s), which the checkpoint has not",
                       dev_name(d), d->type->name);
    return 0;
}

/* Device d's events as the checkpoint has them: checked (an event of that name lies at
 * that offset), then scheduled. */
static int load_events(struct ckpt_in *r, struct machine *m, struct device *d, bool apply)
{
    uint32_t n = ckpt_get_u32(r);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        uint32_t off = ckpt_get_u32(r);
        char name[128];
        ckpt_get_str(r, name, sizeof(name));
        uint64_t time = ckpt_get_u64(r), seq = ckpt_get_u64(r);
        if (r->bad)
            break;
        if ((uint64_t)off + sizeof(struct sim_event) > d->type->size ||
            off % _Alignof(struct sim_event))
            return sim_err(DAMAGED " (an event of %s)", dev_name(d));
        struct sim_event *ev = (struct sim_event *)((char *)d + off);
        if (!ev->name || strcmp(ev->name, name) != 0)
            return sim_err(DAMAGED " (%s has no event '%s')", dev_name(d), name);
        if (apply)
            sim_schedule_seq(&m->sim, ev, time, seq);
    }
    return r->bad ? sim_err(DAMAGED " (the events of %s)", dev_name(d)) : 0;
}

static int load_state(struct ckpt_in *r, struct machine *m, struct device *d, bool apply)
{
    char *base = (char *)d;
    uint32_t ndev = device_count(m);
    for (const struct dev_state *st = d->type->state; st && st->name && !r->bad; st++) {
        char *f = base + st->offset;
        switch (st->kind) {
        case DEV_STATE_BYTES: {
            const void *p = ckpt_get(r, st->size);
            if (apply && p)
                memcpy(f, p, st->size);
            break;
        }
        case DEV_STATE_SIGNALS:
            for (size_t i = 0; i < st->size / sizeof(struct signal); i++) {
                uint8_t v = ckpt_get_u8(r);
                if (apply)
                    ((struct signal *)f)[i].level = v != 0; /* listeners keep their own */
            }
            break;
        case DEV_STATE_DEVICE: {
            uint32_t k = ckpt_get_u32(r);
            if (k > ndev)
                r->bad = true;
            else if (apply)
                *(struct device **)f = k ? device_at(m, k - 1) : NULL;
            break;
        }
        case DEV_STATE_BUFFER: {
            uint64_t len = ckpt_get_u64(r);
            uint8_t *buf = *(uint8_t **)f;
            if (len && (!buf || len != *(uint64_t *)(base + st->len_offset)))
                return sim_err("%s: its %s holds %llu bytes in the checkpoint, %llu here",
                               dev_name(d), st->name, (unsigned long long)len,
                               (unsigned long long)(buf ? *(uint64_t *)(base + st->len_offset)
                                                        : 0));
            get_pages(r, buf, len, apply);
            break;
        }
        }
    }
    for (const struct dev_prop *p = d->type->props; p && p->name; p++) {
        if (p->type != PROP_LINK)
            continue;
        uint8_t v = ckpt_get_u8(r);
        if (apply)
            ((struct irq_out *)(base + p->offset))->sig.level = v != 0;
    }
    if (r->bad || load_events(r, m, d, apply))
        return r->bad ? sim_err(DAMAGED " (the state of %s)", dev_name(d)) : -1;
    uint64_t n = ckpt_get_u64(r);
    const uint8_t *own = n <= r->len ? ckpt_get(r, (size_t)n) : NULL;
    if (!own && n)
        r->bad = true;
    if (r->bad)
        return sim_err(DAMAGED " (the state of %s)", dev_name(d));
    if (!d->type->load)
        return n ? sim_err(DAMAGED " (the state of %s)", dev_name(d)) : 0;
    struct ckpt_in sub = {.p = own, .len = (size_t)n};
    if (d->type->load(d, &sub, apply))
        return sim_err_prefix("%s", dev_name(d));
    return sub.bad || sub.pos != sub.len ? sim_err(DAMAGED " (the state of %s)", dev_name(d))
                                          : 0;
}

static int load_memory(struct ckpt_in *r, struct machine *m, bool apply)
{
    struct bus *b = m->sysbus;
    uint32_t n = ckpt_get_u32(r), i = 0;
    for (uint32_t k = 0; k < n && !r->bad; k++, i++) {
        uint32_t base = ckpt_get_u32(r), size = ckpt_get_u32(r);
        while (i < b->nregions && !b->regions[i].host)
            i++;
        const struct bus_region *reg = i < b->nregions ? &b->regions[i] : NULL;
        if (r->bad)
            break;
        if (!reg || reg->base != base || reg->size != size)
            return sim_err("the checkpoint has memory at 0x%08x-0x%08x, which this machine has "
                           "not as such",
                           base, base + size - 1);
        get_pages(r, reg->host, size, apply);
    }
    if (r->bad)
        return sim_err(DAMAGED " (its memory)");
    return 0;
}

static int load_chardevs(struct ckpt_in *r, struct machine *m, bool apply)
{
    uint32_t n = ckpt_get_u32(r);
    for (uint32_t k = 0; k < n && !r->bad; k++) {
        char id[128];
        ckpt_get_str(r, id, sizeof(id));
        uint64_t tx = ckpt_get_u64(r), rx = ckpt_get_u64(r), skip = ckpt_get_u64(r);
        bool has_pos = ckpt_get_u8(r);
        uint64_t pos = ckpt_get_u64(r), in_len = ckpt_get_u64(r);
        const uint8_t *in = in_len <= r->len ? ckpt_get(r, (size_t)in_len) : NULL;
        if (!in && in_len)
            r->bad = true;
        struct chardev *c = r->bad ? NULL : chardev_find(m, id);
        if (!apply || !c)
            continue; /* a chardev this machine does not have: no device wrote to it */
        c->tx_bytes = tx;
        c->rx_bytes = rx;
        c->skip_out = skip;
        c->in_off = c->in_len = 0;
        chardev_in_push(c, in, (size_t)in_len);
        if (has_pos && c->resume_at && c->resume_at(c, pos) < 0) {
            sim_err_prefix("chardev %s", c->id);
            sim_err_print(); /* the machine is restored: its output goes on at the end */
        }
    }
    return r->bad ? sim_err(DAMAGED " (its chardevs)") : 0;
}

/* Cancel every pending event that lives in a device (the checkpoint's take their place). */
static void cancel_device_events(struct machine *m)
{
    struct sim *s = &m->sim;
    for (uint32_t i = 0; i < s->heap_len;) {
        struct sim_event *ev = s->heap[i];
        bool mine = false;
        for (struct device *d = m->devices; d && !mine; d = d->next)
            mine = inside(ev, sizeof(*ev), d, d->type->size);
        if (mine)
            sim_cancel(s, ev); /* the heap moved: look at slot i again */
        else
            i++;
    }
}

static int load(struct machine *m, const struct ckpt *cp, bool apply)
{
    struct ckpt_in r = {.p = cp->data, .len = cp->len};
    struct ckpt_in s = section(&r, SEC_INFO);
    if (s.bad || check_info(&s, m))
        return s.bad ? sim_err(DAMAGED) : -1;
    s = section(&r, SEC_DEVS);
    if (s.bad || check_devices(&s, m))
        return s.bad ? sim_err(DAMAGED) : -1;
    s = section(&r, SEC_KERN);
    uint64_t now = ckpt_get_u64(&s), seq = ckpt_get_u64(&s);
    if (s.bad)
        return sim_err(DAMAGED " (its time)");
    s = section(&r, SEC_STAT);
    if (apply)
        cancel_device_events(m);
    for (struct device *d = m->devices; d && !s.bad; d = d->next)
        if (load_state(&s, m, d, apply))
            return -1;
    if (s.bad)
        return sim_err(DAMAGED " (its device states)");
    if (apply) {
        m->sim.now = now;
        m->sim.seq = seq;
    }
    s = section(&r, SEC_MEMS);
    if (s.bad || load_memory(&s, m, apply))
        return s.bad ? sim_err(DAMAGED " (its memory)") : -1;
    s = section(&r, SEC_CHRS);
    if (s.bad || load_chardevs(&s, m, apply))
        return s.bad ? sim_err(DAMAGED " (its chardevs)") : -1;
    if (r.pos != r.len)
        return sim_err(DAMAGED " (bytes after its end)");
    return 0;
}

int ckpt_restore(struct machine *m, const struct ckpt *cp)
{
    for (struct device *d = m->devices; d; d = d->next)
        if (d->type->no_checkpoint)
            return sim_err("%s '%s' cannot be checkpointed: %s", d->type->name, dev_name(d),
                           d->type->no_checkpoint);
    if (load(m, cp, false))
        return -1;
    load(m, cp, true); /* checked: it cannot fail now */
    m->stopped = false; /* (a later stop hands what the devices hold to the back ends) */
    for (struct device *d = m->devices; d; d = d->next)
        if (d->type->restored)
            d->type->restored(d);
    return 0;
}

/* ---- the file ---- */



int ckpt_write_file(const struct ckpt *cp, const char *path)
{
    uLongf zlen = compressBound(cp->len);
    uint8_t *buf = malloc(CKPT_HEADER + zlen);
    if (!buf)
        return sim_err("out of memory");
    if (compress2(buf + CKPT_HEADER, &zlen, cp->data, cp->len, Z_BEST_SPEED) != Z_OK) {
        free(buf);
        return sim_err("cannot compress the checkpoint");
    }
    memcpy(buf, CKPT_MAGIC, 8);
    sim_put_le(buf + 8, CKPT_VERSION, 4);
    sim_put_le(buf + 12, crc32_z(crc32(0, NULL, 0), cp->data, cp->len), 4);
    sim_put_le(buf + 16, cp->len, 8);
    sim_put_le(buf + 24, zlen, 8);
    struct sim_outfile out;
    FILE *f = sim_outfile_check(&out, path) ? NULL : sim_outfile_open(&out);
    int rc = -1;
    if (f) {
        fwrite(buf, 1, CKPT_HEADER + zlen, f);
        rc = sim_outfile_close(&out, f);
    }
    free(buf);
    return rc;
}

struct ckpt *ckpt_read_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        sim_err("cannot read it: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        sim_err("not a regular file");
        return NULL;
    }
    size_t size = (size_t)st.st_size;
    uint8_t *buf = malloc(size ? size : 1);
    size_t got = 0;
    while (buf && got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    int e = errno;
    close(fd);
    struct ckpt *cp = NULL;
    uLongf len = 0;
    if (!buf)
        sim_err("out of memory");
    else if (got < size)
        sim_err("cannot read it: %s", strerror(e));
    else if (size < 8 || memcmp(buf, CKPT_MAGIC, 8) != 0)
        sim_err("not a socsim checkpoint");
    else if (size < CKPT_HEADER)
        sim_err(DAMAGED " (cut short: %zu bytes)", size);
    else if (sim_get_le(buf + 8, 4) != CKPT_VERSION)
        sim_err("a checkpoint of format %u; this socsim reads format %u",
                (unsigned)sim_get_le(buf + 8, 4), CKPT_VERSION);
    else if (sim_get_le(buf + 24, 8) != size - CKPT_HEADER)
        sim_err(DAMAGED " (%s: %zu bytes of %llu)",
                size - CKPT_HEADER < sim_get_le(buf + 24, 8) ? "cut short" : "bytes after its end",
                size, (unsigned long long)(sim_get_le(buf + 24, 8) + CKPT_HEADER));
    else if ((len = (uLongf)sim_get_le(buf + 16, 8)) > CKPT_MAX_PAYLOAD ||
             !(cp = calloc(1, sizeof(*cp))) || !(cp->data = malloc(len ? len : 1)))
        sim_err(len > CKPT_MAX_PAYLOAD ? DAMAGED " (its length)" : "out of memory");
    else if (uncompress(cp->data, &len, buf + CKPT_HEADER, size - CKPT_HEADER) != Z_OK ||
             len != sim_get_le(buf + 16, 8) ||
             crc32_z(crc32(0, NULL, 0), cp->data, len) != sim_get_le(buf + 12, 4))
        sim_err(DAMAGED " (its contents do not match their checksum)");
    else {
        cp->len = len;
        struct ckpt_in r = {.p = cp->data, .len = cp->len};
        struct ckpt_in s = section(&r, SEC_INFO);
        char skip[1024];
        ckpt_get_str(&s, skip, sizeof(skip));
        ckpt_get_str(&s, skip, sizeof(skip));
        ckpt_get_u64(&s);
        ckpt_get_u32(&s);
        ckpt_get_u8(&s);
        cp->time = ckpt_get_u64(&s);
        cp->insns = ckpt_get_u64(&s);
        free(buf);
        if (!s.bad)
            return cp;
        sim_err(DAMAGED " (its description)");
        ckpt_free(cp);
        return NULL;
    }
    free(buf);
    ckpt_free(cp);
    return NULL;
}
