/* Physical memory protection (Priv spec 3.7): the pmpcfg and pmpaddr CSRs, the matching of
 * an access against the entries, and the span of bytes around an address that one entry
 * decides, which bounds the data windows (cpu.c) so that the run loops and translated code
 * need no check of their own.  Fetches are checked when an instruction is decoded; a
 * change of the entries drops the decoded and translated instructions where it changed
 * what a level may execute, and only there (an RTOS changes entries at every switch).
 * Where the hart has Smepmp (Ibex with PMP, its reference "PMP Enhancements"), mseccfg's
 * MML, MMWP and RLB change what the entries mean, as the Smepmp 1.0 specification says. */
#include "soc/cpu/riscv/internal.h"

enum { PMP_OFF = 0x00, PMP_TOR = 0x08, PMP_NA4 = 0x10, PMP_NAPOT = 0x18 };
enum { CSR_PMPCFG0 = 0x3a0, CSR_PMPADDR0 = 0x3b0, CSR_MSECCFG = 0x747, CSR_MSECCFGH = 0x757 };
#define RWX (RV_PMP_R | RV_PMP_W | RV_PMP_X)

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
    p->binds_m = p->locked || (p->mseccfg & (RV_MSECCFG_MML | RV_MSECCFG_MMWP));
}

/* A pmpcfg byte's R and W are 01: reserved, or with MML a Shared-Region (Smepmp 1.0). */
static bool shared(uint8_t cfg)
{
    return (cfg & (RV_PMP_R | RV_PMP_W)) == RV_PMP_W;
}

/* The permissions (RV_PMP_R/W/X) a pmpcfg byte gives an access at privilege priv with
 * mseccfg.MML set, the truth table of Smepmp 1.0: L marks M-mode-only rules, the others
 * are U-mode-only, RW = 01 and LRWX = 1111 Shared-Regions (data: M read/write, U read, or
 * read/write with X; code: execute for both, M may read it too with X; 1111: read-only for
 * both). */
static unsigned mml_perm(uint8_t cfg, unsigned priv)
{
    unsigned rwx = cfg & RWX;
    bool l = cfg & RV_PMP_L, m = priv == RV_PRIV_M;
    if (shared(cfg)) {
        if (!l) /* data */
            return m || (cfg & RV_PMP_X) ? RV_PMP_R | RV_PMP_W : RV_PMP_R;
        return m && (cfg & RV_PMP_X) ? RV_PMP_R | RV_PMP_X : RV_PMP_X; /* code */
    }
    if (rwx == RWX && l)
        return RV_PMP_R; /* 1111: shared read-only data */
    return l == m ? rwx : 0;
}

/* Entry i gives an access at privilege priv the permissions perm: Priv 3.7.1 (M mode
 * ignores an entry that is not locked), or with mseccfg.MML mml_perm's table. */
static inline bool entry_allows(const struct rv_pmp *p, unsigned i, unsigned priv, unsigned perm)
{
    uint8_t cfg = p->cfg[i];
    if (likely(!(p->mseccfg & RV_MSECCFG_MML)))
        return (priv == RV_PRIV_M && !(cfg & RV_PMP_L)) || (cfg & perm) == perm;
    return (mml_perm(cfg, priv) & perm) == perm;
}

/* What an access no entry matches may do: U mode nothing (there are entries); M mode
 * anything, but with MMWP nothing and with MML no execution (Smepmp 1.0). */
static inline bool default_allows(const struct rv_pmp *p, unsigned priv, unsigned perm)
{
    if (priv != RV_PRIV_M)
        return false;
    if (likely(!p->mseccfg))
        return true;
    return !(p->mseccfg & RV_MSECCFG_MMWP) && !((p->mseccfg & RV_MSECCFG_MML) && (perm & RV_PMP_X));
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
        return entry_allows(p, i, priv, perm);
    }
    return default_allows(p, priv, perm);
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
    p->mseccfg = 0;
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
            return entry_allows(p, i, priv, perm);
        }
    }
    *lo = l, *hi = h;
    return default_allows(p, priv, perm);
}

int rv_pmp_read(const struct rv_cpu *c, uint32_t csr, uint32_t *val)
{
    const struct rv_pmp *p = &c->pmp;
    if (!p->n)
        return -1;
    if (csr == CSR_MSECCFG || csr == CSR_MSECCFGH) {
        if (!p->smepmp)
            return -1;
        return *val = csr == CSR_MSECCFG ? p->mseccfg : 0, 0;
    }
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
 * reserved, W is cleared (Ibex and Rocket-derived cores do so), unless mseccfg.MML makes it
 * a Shared-Region; NA4 with a grain above 4 bytes is not selectable and gives OFF (as
 * Ibex). */
static uint8_t cfg_legal(const struct rv_pmp *p, uint8_t b)
{
    b &= RV_PMP_L | RV_PMP_A | RV_PMP_X | RV_PMP_W | RV_PMP_R;
    if (!(b & RV_PMP_R) && !(p->mseccfg & RV_MSECCFG_MML))
        b &= (uint8_t)~RV_PMP_W;
    if (p->g >= 1 && (b & RV_PMP_A) == PMP_NA4)
        b &= (uint8_t)~RV_PMP_A;
    return b;
}

/* mseccfg written with v (Smepmp 1.0): MML and MMWP are sticky (set until reset); RLB can
 * be set only while no entry is locked (with RLB clear, a locked entry keeps it clear). */
static uint8_t mseccfg_legal(const struct rv_pmp *p, uint32_t v)
{
    uint8_t sticky = p->mseccfg & (RV_MSECCFG_MML | RV_MSECCFG_MMWP);
    uint8_t w = (uint8_t)(v & (RV_MSECCFG_MML | RV_MSECCFG_MMWP | RV_MSECCFG_RLB)) | sticky;
    bool any_locked = false;
    for (unsigned i = 0; i < p->n; i++)
        any_locked |= (p->cfg[i] & RV_PMP_L) != 0;
    if (!(p->mseccfg & RV_MSECCFG_RLB) && any_locked)
        w &= (uint8_t)~RV_MSECCFG_RLB;
    return w;
}

/* With MML and without RLB, a pmpcfg write that would add an executable M-mode-only rule
 * or a locked Shared-Region (LRWX 1001, 1101, 1010, 1011) is ignored (Smepmp 1.0). */
static bool cfg_refused(const struct rv_pmp *p, uint8_t b)
{
    if ((p->mseccfg & (RV_MSECCFG_MML | RV_MSECCFG_RLB)) != RV_MSECCFG_MML || !(b & RV_PMP_L))
        return false;
    return shared(b) || ((b & RV_PMP_X) && (b & RWX) != RWX);
}

int rv_pmp_write(struct rv_cpu *c, uint32_t csr, uint32_t v)
{
    struct rv_pmp *p = &c->pmp;
    if (!p->n)
        return -1;
    struct rv_pmp old = *p;
    /* with mseccfg.RLB, locked entries can be written (Smepmp 1.0) */
    uint8_t lock = p->mseccfg & RV_MSECCFG_RLB ? 0 : RV_PMP_L;
    if (csr == CSR_MSECCFG || csr == CSR_MSECCFGH) {
        if (!p->smepmp)
            return -1;
        if (csr == CSR_MSECCFGH)
            return 0; /* no field */
        p->mseccfg = mseccfg_legal(p, v);
        if (p->mseccfg == old.mseccfg)
            return 0;
    } else if (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + RV_PMP_MAX / 4) {
        for (unsigned k = 0; k < 4; k++) {
            unsigned i = (csr - CSR_PMPCFG0) * 4 + k;
            uint8_t b = cfg_legal(p, (uint8_t)(v >> (8 * k)));
            if (i < p->n && !(p->cfg[i] & lock) && !cfg_refused(p, b))
                p->cfg[i] = b; /* (a locked entry ignores writes) */
        }
    } else if (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + RV_PMP_MAX) {
        unsigned i = csr - CSR_PMPADDR0;
        /* locked: the entry, and the address below a locked TOR entry (its base) */
        if (i >= p->n || (p->cfg[i] & lock) ||
            (i + 1 < p->n && (p->cfg[i + 1] & lock) && (p->cfg[i + 1] & RV_PMP_A) == PMP_TOR))
            return 0;
        p->addr[i] = v;
    } else {
        return -1;
    }
    if (p->mseccfg == old.mseccfg && !memcmp(old.cfg, p->cfg, sizeof(p->cfg)) &&
        !memcmp(old.addr, p->addr, sizeof(p->addr)))
        return 0; /* the same rules: the caches stay */
    update(p);
    fetch_changes(c, &old);
    rv_priv_changed(c, true);
    return 0;
}
