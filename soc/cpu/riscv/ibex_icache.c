/* Ibex's instruction cache, cycle by cycle (ibex_icache.h).  Each cycle works out what the
 * cache's registers hold at its end from what they held at its start, as the hardware does:
 * the IC1 result of the lookup made the cycle before, the bus response of the request made
 * lat cycles before, then the new lookup, bus request, hand-over to IF and cache write. */
#include <string.h>

#include "soc/cpu/riscv/ibex_icache.h"

#define LINE_SHIFT 3 /* 8-byte lines */
#define BEATS 2      /* 32-bit beats per line */
#define THROTTLE 2   /* no new lookup (but a branch's) while more live buffers are busy */
#define VALID 0x80000000u

static inline unsigned beat_of(uint32_t addr)
{
    return addr >> 2 & (BEATS - 1);
}
static inline unsigned set_of(uint32_t addr)
{
    return addr >> LINE_SHIFT & (IBEX_IC_SETS - 1);
}
static inline uint32_t tag_of(uint32_t addr)
{
    return VALID | addr >> LINE_SHIFT;
}

void ibex_ic_reset(struct ibex_icache *ic, uint64_t cycle, uint16_t lat)
{
    bool enable = ic->enable;
    memset(ic, 0, sizeof(*ic));
    ic->cycle = cycle;
    ic->lat = lat;
    ic->rr = 1;
    ic->inval = 3; /* out of reset: the tags are invalidated first */
    ic->enable = enable;
    ic->enable_next = enable;
    ic->enable_at = UINT64_MAX;
    ic->inval_at = UINT64_MAX;
    ic->off_from = UINT64_MAX;
    ic->off_to = 0;
    ic->next_len = 4;
}

bool ibex_ic_busy(const struct ibex_icache *ic)
{
    if (ic->inval)
        return true;
    for (unsigned i = 0; i < IBEX_IC_FB; i++) {
        const struct ibex_ic_fb *b = &ic->fb[i];
        if (b->busy && !(b->ext_done && b->rvd_cnt == b->ext_cnt))
            return true;
    }
    return false;
}

/* The oldest of the buffers in `set` (a buffer's `older` lists those allocated before it). */
static int oldest(const struct ibex_icache *ic, unsigned set)
{
    for (unsigned i = 0; i < IBEX_IC_FB; i++)
        if ((set >> i & 1) && !(ic->fb[i].older & set))
            return (int)i;
    return -1;
}

bool ibex_ic_cycle(struct ibex_icache *ic, unsigned want, bool redirect, uint32_t target)
{
    uint64_t now = ic->cycle++;
    if (now >= ic->enable_at) {
        ic->enable = ic->enable_next;
        ic->enable_at = UINT64_MAX;
    }
    bool inval_req = now == ic->inval_at;
    bool req = now < ic->off_from || now > ic->off_to;
    bool branch = redirect;
    bool rvalid = ic->nret && ic->ret[0] == now;
    struct ibex_ic_fb *fb = ic->fb;
    unsigned busy = 0, live = 0, rvd_exp = 0, hit1 = 0, ext_req = 0;
    bool rvd_done[IBEX_IC_FB], ext_done[IBEX_IC_FB];
    for (unsigned i = 0; i < IBEX_IC_FB; i++) {
        struct ibex_ic_fb *b = &fb[i];
        rvd_done[i] = b->ext_done && b->rvd_cnt == b->ext_cnt;
        if (!b->busy)
            continue;
        busy |= 1u << i;
        if (!b->stale)
            live++;
        if (!rvd_done[i])
            rvd_exp |= 1u << i;
        if (ic->ic1_valid && ic->ic1_fb == i && ic->ic1_hit)
            hit1 |= 1u << i;
    }
    /* the incoming beat goes to the oldest buffer expecting one */
    int rvd_arb = rvalid ? oldest(ic, rvd_exp) : -1;

    /* IC0: a lookup, while a buffer is free (a branch's even when the others are busy) */
    bool block = ic->inval != 0 || inval_req;
    bool lookup = req && busy != (1u << IBEX_IC_FB) - 1 && (branch || live <= THROTTLE);
    uint32_t laddr = branch ? target : ic->prefetch;
    bool actual = lookup && ic->enable && !block;
    int alloc = -1;
    for (unsigned i = 0; lookup && i < IBEX_IC_FB; i++)
        if (!(busy >> i & 1)) {
            alloc = (int)i;
            break;
        }

    /* External requests: each buffer asks for the beats of its line it still needs */
    for (unsigned i = 0; i < IBEX_IC_FB; i++) {
        struct ibex_ic_fb *b = &fb[i];
        unsigned ext_beat = beat_of(b->addr) + b->ext_cnt;
        ext_done[i] = b->busy && (b->ext_cnt >= BEATS || (hit1 >> i & 1) || b->hit ||
                                  (!b->cache && (branch || b->stale || ext_beat >= BEATS)));
        if (b->busy && !ext_done[i])
            ext_req |= 1u << i;
    }
    int ext_arb = oldest(ic, ext_req);
    bool spec = lookup && (!ic->enable || branch) && !ext_req; /* in the lookup's cycle */
    if (ext_arb >= 0 || spec)
        ic->ret[ic->nret++] = now + ic->lat; /* the simple system grants at once */

    /* Output to IF: the oldest live buffer that has not handed all its beats over */
    unsigned out_arb = 0;
    for (unsigned i = 0; i < IBEX_IC_FB; i++) {
        struct ibex_ic_fb *b = &fb[i];
        if (!b->busy || b->stale || b->out_cnt >= BEATS)
            continue;
        bool sel = true;
        for (unsigned j = 0; j < IBEX_IC_FB; j++)
            if ((b->older >> j & 1) && fb[j].busy && !fb[j].stale && fb[j].out_cnt < BEATS)
                sel = false;
        unsigned rvd_beat = beat_of(b->addr) + b->rvd_cnt;
        if (sel && ((hit1 >> i & 1) || b->hit || rvd_beat > b->out_cnt || rvd_arb == (int)i))
            out_arb |= 1u << i;
    }
    bool data_valid = out_arb != 0;
    unsigned len = want ? want : ic->next_len; /* the instruction at out_pc */
    bool odd = ic->out_pc & 2, compressed = len == 2;
    bool ready = want && !branch;
    bool skid_complete = ic->skid && compressed;
    bool skid_ready = odd && !ic->skid && !compressed;
    bool out_ready = (ready || skid_ready) && !skid_complete;
    bool valid = skid_complete || (data_valid && (!odd || ic->skid || compressed));
    bool handed = ready && valid;
    bool out_grant = data_valid && out_ready;
    bool skid;
    if (branch)
        skid = false;
    else if (ic->skid)
        skid = !(ready && compressed);
    else
        skid = data_valid && ((odd && !compressed) || (!odd && compressed && ready));

    /* The cache write of a complete line, when no lookup or invalidation takes the RAMs */
    unsigned ram_req = 0;
    for (unsigned i = 0; i < IBEX_IC_FB; i++) {
        struct ibex_ic_fb *b = &fb[i];
        if (b->busy && b->rvd_cnt >= BEATS && !b->hit && b->cache && !b->ram_done)
            ram_req |= 1u << i;
    }
    int ram_arb = ram_req && !lookup && ic->inval != 2 ? oldest(ic, ram_req) : -1;

    /* IC1 of the lookup made now: the tags as they are before this cycle's writes */
    bool ic1_hit = false;
    uint8_t invalid = 0;
    if (actual) {
        unsigned s = set_of(laddr);
        for (unsigned w = 0; w < IBEX_IC_WAYS; w++) {
            if (ic->tag[s][w] == tag_of(laddr))
                ic1_hit = true;
            if (!(ic->tag[s][w] & VALID))
                invalid |= (uint8_t)(1u << w);
        }
    }
    if (ram_arb >= 0) {
        struct ibex_ic_fb *b = &fb[ram_arb];
        for (unsigned w = 0; w < IBEX_IC_WAYS; w++)
            if (b->way >> w & 1)
                ic->tag[set_of(b->addr)][w] = tag_of(b->addr);
    }
    if (ic->inval == 2)
        for (unsigned w = 0; w < IBEX_IC_WAYS; w++)
            ic->tag[ic->inval_index][w] = 0;

    /* The buffers' registers */
    unsigned done = 0;
    for (unsigned i = 0; i < IBEX_IC_FB; i++) {
        struct ibex_ic_fb *b = &fb[i];
        if (b->busy && (b->ram_done || b->hit || !b->cache) &&
            (b->out_cnt >= BEATS || b->stale || branch) && rvd_done[i])
            done |= 1u << i;
    }
    uint8_t way1 = 0; /* the way IC1's lookup allocates to */
    if (ic->ic1_valid) {
        way1 = ic->ic1_invalid ? (uint8_t)(ic->ic1_invalid & -ic->ic1_invalid) : ic->rr;
        ic->rr = (uint8_t)(((ic->rr << 1) | (ic->rr >> (IBEX_IC_WAYS - 1))) &
                           ((1u << IBEX_IC_WAYS) - 1));
    }
    for (unsigned i = 0; i < IBEX_IC_FB; i++) {
        struct ibex_ic_fb *b = &fb[i];
        bool al = alloc == (int)i;
        if (!al && !b->busy)
            continue;
        bool busy_q = b->busy;
        if (ic->ic1_valid && ic->ic1_fb == i)
            b->way = way1;
        if (al) {
            b->older = (uint8_t)(busy & ~done);
            b->busy = true;
            b->stale = false;
            b->cache = ic->enable && !block;
            b->hit = false;
            b->ext_cnt = spec ? 1 : 0;
            b->ext_done = false;
            b->rvd_cnt = 0;
            b->ram_done = false;
            b->out_cnt = (uint8_t)beat_of(laddr);
            b->addr = laddr;
            continue;
        }
        b->busy = !(done >> i & 1);
        b->older &= (uint8_t)~done;
        b->stale = busy_q && (branch || b->stale);
        b->cache = b->cache && ic->enable && !inval_req;
        b->hit = (hit1 >> i & 1) || b->hit;
        b->ext_cnt += ext_arb == (int)i;
        b->ext_done = ext_done[i];
        b->rvd_cnt += rvd_arb == (int)i;
        b->ram_done = ram_arb == (int)i || b->ram_done;
        b->out_cnt += (out_arb >> i & 1) && out_grant;
    }
    ic->ic1_valid = actual;
    if (lookup) {
        ic->ic1_fb = (uint8_t)alloc;
        ic->ic1_hit = ic1_hit;
        ic->ic1_invalid = invalid;
        ic->prefetch = (laddr & ~((1u << LINE_SHIFT) - 1)) + (1u << LINE_SHIFT);
    } else if (branch) {
        ic->prefetch = target;
    }
    if (rvalid) {
        memmove(&ic->ret[0], &ic->ret[1], (ic->nret - 1) * sizeof(ic->ret[0]));
        ic->nret--;
    }
    /* invalidation: out of reset, then after every fence.i, one set a cycle */
    switch (ic->inval) {
    case 0:
        if (inval_req)
            ic->inval = 1;
        break;
    case 3:
        ic->inval = 1;
        break;
    case 1:
        ic->inval = 2, ic->inval_index = 0;
        break; /* the key is always valid */
    case 2:
        if (inval_req)
            ic->inval = 1;
        else if (ic->inval_index == IBEX_IC_SETS - 1)
            ic->inval = 0;
        ic->inval_index++;
        break;
    }
    ic->skid = skid;
    if (branch) {
        ic->out_pc = target;
        ic->next_len = 4;
    } else if (handed) {
        ic->out_pc += len;
        ic->next_len = 4;
    }
    return handed;
}

void ibex_ic_run_to(struct ibex_icache *ic, uint64_t until)
{
    while (ic->cycle < until) {
        /* Nothing can change while no request is in flight, nothing is being invalidated,
         * written or looked up, no buffer is to be released and no lookup can start: skip
         * to when one can.  A buffer that has handed IF all its beats is released in the
         * next cycle, which may let the throttled lookups go on (THROTTLE): skipping that
         * cycle lost a lookup before a wfi, and the cache's requests keep the clock on 2
         * cycles longer on the RTL (ibex-ext k_wfi_rearm50x8, icache and opentitan). */
        uint64_t now = ic->cycle;
        bool req = now < ic->off_from || now > ic->off_to;
        unsigned busy = 0, live = 0;
        bool pending = ic->nret || ic->inval || ic->ic1_valid || now >= ic->enable_at ||
                       (ic->inval_at >= now && ic->inval_at < until);
        for (unsigned i = 0; i < IBEX_IC_FB; i++) {
            const struct ibex_ic_fb *b = &ic->fb[i];
            if (!b->busy)
                continue;
            busy |= 1u << i;
            live += !b->stale;
            if (b->stale || b->out_cnt >= BEATS || !b->ext_done || b->rvd_cnt != b->ext_cnt ||
                (b->rvd_cnt >= BEATS && !b->hit && b->cache && !b->ram_done))
                pending = true;
        }
        bool can_look = req && busy != (1u << IBEX_IC_FB) - 1 && live <= THROTTLE;
        if (!pending && !can_look) {
            uint64_t next = until;
            if (!req && ic->off_to + 1 < next)
                next = ic->off_to + 1;
            if (ic->enable_at > now && ic->enable_at < next)
                next = ic->enable_at;
            ic->cycle = next > now ? next : now + 1;
            continue;
        }
        ibex_ic_cycle(ic, 0, false, 0);
    }
}
