/* The platform-level interrupt controller (RISC-V PLIC spec; SiFive layout as on QEMU
 * virt and the FE310), one context: hart 0 machine mode.
 *   0x000000 + 4*n  priority of source n        0x001000  pending bits
 *   0x002000        enable bits (context 0)     0x200000  threshold
 *   0x200004        claim / complete
 * Gateways: a level source is pending while its line is high and it is not being
 * serviced; an edge source latches a rising edge.  Source 0 does not exist. */
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"

#include "soc/device.h"
#include "soc/machine.h"

#define PLIC_MAX_SOURCES 1024
#define PLIC_PENDING 0x1000
#define PLIC_ENABLE 0x2000
#define PLIC_THRESHOLD 0x200000
#define PLIC_CLAIM 0x200004

struct plic {
    struct device dev;
    uint64_t sources;       /* number of sources including the reserved source 0 */
    uint64_t priority_bits;
    char *edge;             /* comma-separated edge-triggered source numbers */
    struct irq_out meip;
    uint32_t priority[PLIC_MAX_SOURCES];
    uint32_t pending[PLIC_MAX_SOURCES / 32];
    uint32_t enable[PLIC_MAX_SOURCES / 32];
    uint32_t in_service[PLIC_MAX_SOURCES / 32];
    uint32_t level[PLIC_MAX_SOURCES / 32];
    uint32_t edge_mask[PLIC_MAX_SOURCES / 32];
    uint32_t threshold;
};

static bool bit(const uint32_t *v, unsigned n) { return v[n / 32] >> (n % 32) & 1; }
static void set_bit(uint32_t *v, unsigned n, bool on)
{
    if (on)
        v[n / 32] |= 1u << (n % 32);
    else
        v[n / 32] &= ~(1u << (n % 32));
}

/* The source to deliver: highest priority above threshold, lowest id on ties. */
static unsigned plic_best(struct plic *s)
{
    unsigned best = 0;
    uint32_t best_prio = s->threshold;
    for (unsigned n = 1; n < s->sources; n++)
        if (bit(s->pending, n) && bit(s->enable, n) && s->priority[n] > best_prio)
            best = n, best_prio = s->priority[n];
    return best;
}

static void plic_update(struct plic *s)
{
    signal_set(&s->meip.sig, plic_best(s) != 0);
}

static void plic_set_input(struct device *d, int n, bool level)
{
    struct plic *s = (struct plic *)d;
    bool was = bit(s->level, (unsigned)n);
    set_bit(s->level, (unsigned)n, level);
    if (bit(s->edge_mask, (unsigned)n)) {
        if (level && !was)
            set_bit(s->pending, (unsigned)n, true);
    } else if (!bit(s->in_service, (unsigned)n)) {
        set_bit(s->pending, (unsigned)n, level);
    }
    plic_update(s);
}

static int plic_input_count(struct device *d) { return (int)((struct plic *)d)->sources; }

/* A register read; reading claim/complete claims the source it returns when `claim` is
 * set (the guest's read), not for the debugger's peek. */
static int plic_reg(struct device *d, uint32_t off, unsigned size, uint32_t *val, bool claim)
{
    struct plic *s = (struct plic *)d;
    unsigned words = (unsigned)(s->sources + 31) / 32;
    if (size != 4)
        return -1;
    *val = 0;
    if (off < 4 * s->sources) {
        *val = s->priority[off / 4];
    } else if (off >= PLIC_PENDING && off < PLIC_PENDING + 4 * words) {
        *val = s->pending[(off - PLIC_PENDING) / 4];
    } else if (off >= PLIC_ENABLE && off < PLIC_ENABLE + 4 * words) {
        *val = s->enable[(off - PLIC_ENABLE) / 4];
    } else if (off == PLIC_THRESHOLD) {
        *val = s->threshold;
    } else if (off == PLIC_CLAIM) {
        unsigned n = plic_best(s);
        if (n && claim) {
            set_bit(s->pending, n, false);
            set_bit(s->in_service, n, true);
        }
        *val = n;
        if (claim)
            plic_update(s);
    }
    return 0;
}

static int plic_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    return plic_reg(d, off, size, val, true);
}

static int plic_peek(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    return plic_reg(d, off, size, val, false);
}

static int plic_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    struct plic *s = (struct plic *)d;
    unsigned words = (unsigned)(s->sources + 31) / 32;
    uint32_t prio_mask = (1u << s->priority_bits) - 1;
    if (size != 4)
        return -1;
    if (off < 4 * s->sources) {
        if (off)
            s->priority[off / 4] = val & prio_mask;
    } else if (off >= PLIC_ENABLE && off < PLIC_ENABLE + 4 * words) {
        unsigned w = (off - PLIC_ENABLE) / 4;
        s->enable[w] = val & (w == 0 ? ~1u : ~0u);
        if (w == words - 1 && s->sources % 32)
            s->enable[w] &= (1u << (s->sources % 32)) - 1;
    } else if (off == PLIC_THRESHOLD) {
        s->threshold = val & prio_mask;
    } else if (off == PLIC_CLAIM) {
        /* Completion: the gateway takes the source again; a level still high re-pends. */
        if (val && val < s->sources && bit(s->in_service, val)) {
            set_bit(s->in_service, val, false);
            if (!bit(s->edge_mask, val) && bit(s->level, val))
                set_bit(s->pending, val, true);
        }
    }
    plic_update(s);
    return 0;
}

static int plic_realize(struct device *d)
{
    struct plic *s = (struct plic *)d;
    if (s->edge) {
        const char *p = s->edge;
        while (*p) {
            char *end;
            unsigned long n = strtoul(p, &end, 0);
            if (end == p || n == 0 || n >= s->sources)
                return sim_err("plic edge=%s: '%s' is not a source number", s->edge, p);
            set_bit(s->edge_mask, (unsigned)n, true);
            p = *end == ',' ? end + 1 : end;
            if (*end && *end != ',')
                return sim_err("plic edge=%s: expected numbers separated by ','", s->edge);
        }
    }
    return 0;
}

static void plic_reset(struct device *d)
{
    struct plic *s = (struct plic *)d;
    memset(s->priority, 0, sizeof(s->priority));
    memset(s->pending, 0, sizeof(s->pending));
    memset(s->enable, 0, sizeof(s->enable));
    memset(s->in_service, 0, sizeof(s->in_service));
    s->threshold = 0;
    for (unsigned n = 1; n < s->sources; n++)
        if (bit(s->level, n) && !bit(s->edge_mask, n))
            set_bit(s->pending, n, true);
    plic_update(s);
}

static const struct dev_prop plic_props[] = {
    {.name = "sources", .type = PROP_INT, .offset = offsetof(struct plic, sources), .def = "96",
     .help = "number of interrupt sources, counting the reserved source 0", .min = 2,
     .max = PLIC_MAX_SOURCES},
    {.name = "priority-bits", .type = PROP_INT, .offset = offsetof(struct plic, priority_bits),
     .def = "3", .help = "width of the priority registers", .min = 1, .max = 31},
    {.name = "edge", .type = PROP_STRING, .offset = offsetof(struct plic, edge),
     .help = "edge-triggered sources, e.g. 8,9 (the others are level)"},
    {.name = "meip", .type = PROP_LINK, .offset = offsetof(struct plic, meip),
     .help = "external interrupt output (e.g. cpu0.meip)"},
    {0},
};

static const struct dev_type plic_type = {
    .name = "plic", .desc = "platform-level interrupt controller (one M-mode context)",
    .bus = BUS_SYSTEM, .size = sizeof(struct plic), .props = plic_props, .mmio_size = 0x4000000,
    .realize = plic_realize, .reset = plic_reset, .read = plic_read, .write = plic_write,
    .set_input = plic_set_input, .input_count = plic_input_count,
    .peek = plic_peek,
};
DEV_TYPE(plic_type)
