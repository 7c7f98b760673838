/* The platform-level interrupt controller (RISC-V PLIC specification 1.0.0; SiFive layout as
 * on QEMU virt and the FE310, FE310-G002 manual chapter 11), one context: hart 0 M-mode.
 *   0x000000 + 4*n  priority of source n        0x001000  pending bits (read-only)
 *   0x002000        enable bits (context 0)     0x200000  threshold
 *   0x200004        claim / complete
 * Source 0 does not exist: its priority, pending and enable bits read 0, as do those of
 * sources past the last.  Priorities and the threshold are WARL, `priority-bits` wide.
 *
 * Gateways (spec, "Interrupt Gateways"): a source forwards one request, which sets its
 * pending bit, and then no other until its completion.  A level source requests while its
 * line is high; the request stays pending when the line drops before the claim.  An edge
 * source requests on a rising edge; one edge that comes while a request is in flight is
 * held and forwarded after the completion.  As in SiFive's PLIC (the FE310's), a source
 * completed while still pending requests again once that request is claimed.
 * The threshold masks only the notification (meip): pending bits and the claim ignore it
 * (spec, "Interrupt Claim Process"); a priority-0 source is never claimed.  A completion
 * of a source that is not enabled is ignored (spec, "Interrupt Completion"). */
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
    uint32_t in_flight[PLIC_MAX_SOURCES / 32]; /* gateway forwarded a request, no completion yet */
    uint32_t edge_held[PLIC_MAX_SOURCES / 32]; /* an edge not forwarded yet */
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

/* The enabled pending source of the highest priority above `floor`, lowest id on ties:
 * floor = threshold for the notification, 0 for a claim. */
static unsigned plic_best(struct plic *s, uint32_t floor)
{
    unsigned best = 0;
    uint32_t best_prio = floor;
    for (unsigned n = 1; n < s->sources; n++)
        if (bit(s->pending, n) && bit(s->enable, n) && s->priority[n] > best_prio)
            best = n, best_prio = s->priority[n];
    return best;
}

static void plic_update(struct plic *s)
{
    signal_set(&s->meip.sig, plic_best(s, s->threshold) != 0);
}

/* The gateway forwards its next request when the previous one is complete and no longer
 * pending: a level source while its line is high, an edge source if it holds an edge. */
static void plic_gateway(struct plic *s, unsigned n)
{
    if (bit(s->in_flight, n) || bit(s->pending, n))
        return;
    if (bit(s->edge_mask, n)) {
        if (!bit(s->edge_held, n))
            return;
        set_bit(s->edge_held, n, false);
    } else if (!bit(s->level, n)) {
        return;
    }
    set_bit(s->pending, n, true);
    set_bit(s->in_flight, n, true);
}

static void plic_set_input(struct device *d, int n, bool level)
{
    struct plic *s = (struct plic *)d;
    unsigned u = (unsigned)n;
    if (bit(s->edge_mask, u) && level && !bit(s->level, u))
        set_bit(s->edge_held, u, true);
    set_bit(s->level, u, level);
    plic_gateway(s, u);
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
        unsigned n = plic_best(s, 0);
        if (n && claim) {
            set_bit(s->pending, n, false);
            plic_gateway(s, n); /* a source completed before its claim requests again */
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
        if (val && val < s->sources && bit(s->enable, val)) {
            set_bit(s->in_flight, val, false);
            plic_gateway(s, val);
        }
    }
    plic_update(s);
    return 0;
}

static int plic_realize(struct device *d)
{
    struct plic *s = (struct plic *)d;
    /* "3,5,7" (",," on the command line): numbers in the one syntax, never octal. */
    for (const char *p = s->edge; p && *p;) {
        size_t len = strcspn(p, ",");
        char tok[32];
        uint64_t n;
        snprintf(tok, sizeof tok, "%.*s", (int)(len < sizeof tok ? len : sizeof tok - 1), p);
        if (len == 0 || len >= sizeof tok)
            return sim_err("plic edge=%s: expected numbers separated by ','", s->edge);
        if (sim_parse_u64(tok, &n) || n == 0 || n >= s->sources)
            return sim_err("plic edge=%s: '%s' is not a source number (1 to %llu)", s->edge,
                           tok, (unsigned long long)s->sources - 1);
        set_bit(s->edge_mask, (unsigned)n, true);
        p += len;
        if (*p == ',' && !*++p)
            return sim_err("plic edge=%s: expected numbers separated by ','", s->edge);
    }
    return 0;
}

static void plic_reset(struct device *d)
{
    struct plic *s = (struct plic *)d;
    memset(s->priority, 0, sizeof(s->priority));
    memset(s->pending, 0, sizeof(s->pending));
    memset(s->enable, 0, sizeof(s->enable));
    memset(s->in_flight, 0, sizeof(s->in_flight));
    memset(s->edge_held, 0, sizeof(s->edge_held));
    s->threshold = 0;
    for (unsigned n = 1; n < s->sources; n++)
        plic_gateway(s, n);
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

static const struct dev_state plic_state[] = {
    DEV_STATE_RANGE(struct plic, priority, threshold),
    {0},
};

static const struct dev_type plic_type = {
    .name = "plic", .desc = "platform-level interrupt controller (one M-mode context)",
    .bus = BUS_SYSTEM, .size = sizeof(struct plic), .props = plic_props, .mmio_size = 0x4000000,
    .realize = plic_realize, .reset = plic_reset, .read = plic_read, .write = plic_write,
    .set_input = plic_set_input, .input_count = plic_input_count,
    .peek = plic_peek,
    .state = plic_state,
};
DEV_TYPE(plic_type)
