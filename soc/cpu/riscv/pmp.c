/* Physical memory protection (Priv spec 3.7): the pmpcfg and pmpaddr CSRs, the matching of
 * an access against the entries, and the span of bytes around an address that one entry
 * decides, which bounds the data windows (cpu.c) so that the run loops and translated code
 * need no check of their own.  Fetches are checked when an instruction is decoded; a
 * change of the entries drops the decoded and translated instructions where it changed
 * what a level may execute, and only there (an RTOS changes entries at every switch). */
#include "soc/cpu/riscv/internal.h"

enum { PMP_OFF = 0x00, PMP_TOR = 0x08, PMP_NA4 = 0x10, PMP_NAPOT = 0x18 };
enum { CSR_PMPCFG0 = 0x3a0, CSR_PMPADDR0 = 0x3b0 };

/* pmpaddr as read: with a grain of 2^(g+2) bytes the low bits are ones in NAPOT mode (below
 * bit g-1) and zeros otherwise (below bit g) (Priv 3.7.1). */
static uint32_t addr_read(const struct rv_pmp *p, unsigned i)
{
    uint32_t a = p->addr[i];
    if (p->g == 0)
        return a;
    if ((p->cfg[i] & RV_PMP_A) == PMP_NAPOT)
        return p->g >= 2 ? a | ((1u << (p->g - 1)) - 1) : a;
    return a & ~((1u << p->g) - 1);
}

/* The bytes each entry matches, and which entries are active and locked. */
static void update(struct rv_pmp *p)
{
    uint32_t gmask = p->g ? (1u << p->g) - 1 : 0; /* bits TOR matching ignores */
    p->active = p->locked = 0;
    for (unsigned i = 0; i < p->n; i++) {
        uint64_t lo = 0, hi = 0;
        uint64_t a = addr_read(p, i);
        switch (p->cfg[i] & RV_PMP_A) {
        case PMP_TOR:
            lo = i ? (uint64_t)(p->addr[i - 1] & ~gmask) << 2 : 0;
            hi = (uint64_t)(p->addr[i] & ~gmask) << 2;
            break;
        case PMP_NA4: lo = a << 2, hi = lo + 4; break;
        case PMP_NAPOT: {
            uint64_t ones = a ^ (a + 1); /* the trailing ones and the zero above them */
            lo = (a & ~ones) << 2;
            hi = lo + ((ones + 1) << 2);
            break;
        }
        default: break;
        }
        p->lo[i] = lo, p->hi[i] = hi;
        if (lo < hi) {
            p->active |= (uint16_t)(1u << i);
            if (p->cfg[i] & RV_PMP_L)
                p->locked |= (uint16_t)(1u << i);
        }
    }
}

/* The access of [a, e) at privilege priv needs perm under the entries p. */
static bool allows(const struct rv_pmp *p, uint64_t a, uint64_t e, unsigned priv, unsigned perm)
{
    for (uint32_t m = p->active; m; m &= m - 1) {
        unsigned i = (unsigned)__builtin_ctz(m);
        if (e <= p->lo[i] || a >= p->hi[i])
            continue;
        /* the lowest-numbered entry that matches any byte decides; it must match all */
        if (a < p->lo[i] || e > p->hi[i])
            return false;
        if (priv == RV_PRIV_M && !(p->cfg[i] & RV_PMP_L))
            return true;
        return (p->cfg[i] & perm) == perm;
    }
    /* no entry matches: M mode may, the others may not (there are entries) */
    return priv == RV_PRIV_M;
}

bool rv_pmp_allows(const struct rv_cpu *c, uint32_t addr, unsigned size, unsigned priv,
                   unsigned perm)
{
    return allows(&c->pmp, addr, (uint64_t)addr + size, priv, perm);
}

/* Above this many bytes of changed fetch permission, every decoded and translated
 * instruction goes (rv_dcache_invalidate skips pages without code, but still looks at
 * each page). */
#define FETCH_CHANGE_MAX (64u << 20)

/* The entries were old and are now c->pmp: drop the decoded and translated instructions
 * in the bytes where M or U mode's fetch permission changed.  Between two consecutive
 * bounds of the old and new entries the same entries match every byte, and the bounds are
 * multiples of 4, so the decision for the first halfword is every halfword's. */
static void fetch_changes(struct rv_cpu *c, const struct rv_pmp *old)
{
    const struct rv_pmp *now = &c->pmp;
    uint64_t b[4 * RV_PMP_MAX + 2];
    unsigned n = 0;
    b[n++] = 0, b[n++] = (uint64_t)1 << 32;
    for (const struct rv_pmp *p = old; p; p = p == old ? now : NULL)
        for (uint32_t m = p->active; m; m &= m - 1) {
            unsigned i = (unsigned)__builtin_ctz(m);
            b[n++] = p->lo[i] < b[1] ? p->lo[i] : b[1];
            b[n++] = p->hi[i] < b[1] ? p->hi[i] : b[1];
        }
    for (unsigned i = 1; i < n; i++) /* (insertion sort: 66 bounds at most) */
        for (unsigned k = i; k > 0 && b[k - 1] > b[k]; k--) {
            uint64_t t = b[k];
            b[k] = b[k - 1], b[k - 1] = t;
        }
    uint64_t r[4 * RV_PMP_MAX + 2][2], total = 0; /* the changed ranges, merged */
    unsigned nr = 0;
    for (unsigned k = 0; k + 1 < n; k++) {
        uint64_t lo = b[k], hi = b[k + 1];
        if (lo == hi)
            continue;
        bool changed = false;
        for (unsigned priv = RV_PRIV_U; priv <= RV_PRIV_M; priv += RV_PRIV_M - RV_PRIV_U)
            changed |= allows(old, lo, lo + 2, priv, RV_PMP_X) !=
                        allows(now, lo, lo + 2, priv, RV_PMP_X);
        if (!changed)
            continue;
        total += hi - lo;
        if (nr && r[nr - 1][1] == lo)
            r[nr - 1][1] = hi;
        else
            r[nr][0] = lo, r[nr][1] = hi, nr++;
    }
    if (total > FETCH_CHANGE_MAX) {
        rv_dcache_flush(c);
        rv_jit_flush(c);
        return;
    }
    for (unsigned i = 0; i < nr; i++)
        rv_dcache_invalidate(c, (uint32_t)r[i][0], (uint32_t)(r[i][1] - r[i][0]));
}

void rv_pmp_reset(struct rv_cpu *c)
{
    struct rv_pmp *p = &c->pmp, old = *p;
    memset(p->cfg, 0, sizeof(p->cfg));
    memset(p->addr, 0, sizeof(p->addr));
    update(p);
    fetch_changes(c, &old);
}

bool rv_pmp_span(const struct rv_cpu *c, uint32_t addr, unsigned priv, unsigned perm,
                 uint64_t *lo, uint64_t *hi)
{
    const struct rv_pmp *p = &c->pmp;
    uint64_t l = 0, h = (uint64_t)1 << 32;
    for (uint32_t m = p->active; m; m &= m - 1) {
        unsigned i = (unsigned)__builtin_ctz(m);
        if (p->hi[i] <= addr) {
            l = p->hi[i] > l ? p->hi[i] : l; /* an earlier entry below: it bounds the span */
        } else if (p->lo[i] > addr) {
            h = p->lo[i] < h ? p->lo[i] : h;
        } else {
            *lo = p->lo[i] > l ? p->lo[i] : l;
            *hi = p->hi[i] < h ? p->hi[i] : h;
            if (priv == RV_PRIV_M && !(p->cfg[i] & RV_PMP_L))
                return true;
            return (p->cfg[i] & perm) == perm;
        }
    }
    *lo = l, *hi = h;
    return priv == RV_PRIV_M;
}

int rv_pmp_read(const struct rv_cpu *c, uint32_t csr, uint32_t *val)
{
    const struct rv_pmp *p = &c->pmp;
    if (!p->n)
        return -1;
    if (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + RV_PMP_MAX / 4) {
        uint32_t v = 0;
        for (unsigned k = 0; k < 4; k++) {
            unsigned i = (csr - CSR_PMPCFG0) * 4 + k;
            if (i < p->n)
                v |= (uint32_t)p->cfg[i] << (8 * k);
        }
        return *val = v, 0;
    }
    if (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + RV_PMP_MAX) {
        unsigned i = csr - CSR_PMPADDR0;
        return *val = i < p->n ? addr_read(p, i) : 0, 0;
    }
    return -1;
}

/* A pmpcfg byte as the entry takes it (WARL): the reserved bits 6:5 read 0; W without R is
 * reserved, W is cleared (Ibex and Rocket-derived cores do so); NA4 with a grain above 4
 * bytes is not selectable and gives OFF (as Ibex). */
static uint8_t cfg_legal(const struct rv_pmp *p, uint8_t b)
{
    b &= RV_PMP_L | RV_PMP_A | RV_PMP_X | RV_PMP_W | RV_PMP_R;
    if (!(b & RV_PMP_R))
        b &= (uint8_t)~RV_PMP_W;
    if (p->g >= 1 && (b & RV_PMP_A) == PMP_NA4)
        b &= (uint8_t)~RV_PMP_A;
    return b;
}

int rv_pmp_write(struct rv_cpu *c, uint32_t csr, uint32_t v)
{
    struct rv_pmp *p = &c->pmp;
    if (!p->n)
        return -1;
    struct rv_pmp old = *p;
    if (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + RV_PMP_MAX / 4) {
        for (unsigned k = 0; k < 4; k++) {
            unsigned i = (csr - CSR_PMPCFG0) * 4 + k;
            if (i < p->n && !(p->cfg[i] & RV_PMP_L)) /* a locked entry ignores writes */
                p->cfg[i] = cfg_legal(p, (uint8_t)(v >> (8 * k)));
        }
    } else if (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + RV_PMP_MAX) {
        unsigned i = csr - CSR_PMPADDR0;
        /* locked: the entry, and the address below a locked TOR entry (its base) */
        if (i >= p->n || (p->cfg[i] & RV_PMP_L) ||
            (i + 1 < p->n && (p->cfg[i + 1] & RV_PMP_L) &&
             (p->cfg[i + 1] & RV_PMP_A) == PMP_TOR))
            return 0;
        p->addr[i] = v;
    } else {
        return -1;
    }
    if (!memcmp(old.cfg, p->cfg, sizeof(p->cfg)) && !memcmp(old.addr, p->addr, sizeof(p->addr)))
        return 0; /* the same rules: the caches stay */
    update(p);
    fetch_changes(c, &old);
    rv_priv_changed(c, true);
    return 0;
}
