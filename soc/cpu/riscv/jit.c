/* Block translation, the host-neutral part: guest basic blocks compiled to host code by the
 * back end (jit_host.h; jit_x86_64.c), for the functional model and the ibex model (whose
 * dispatcher is in run_ibex.c).
 *
 * A block is the straight-line run of guest instructions from one pc up to and including
 * the first branch or jump (at most JIT_MAX_INSNS), compiled once and run as host code.
 * Guest registers stay in c->x; the host code reads and writes them there, so the
 * interpreter and the translated code share all state and hand over at any instruction.
 *
 * Exactness: the functional model retires one instruction per cycle, so a block of n
 * instructions takes n cycles.  The budget (cycles left to the cycle limit, which covers
 * the event horizon, stops and --max-insns) goes in with the block; a block takes n from
 * it on entry and goes back to the dispatcher when the budget cannot cover it, and the
 * interpreter runs the last few instructions up to the limit exactly.  Translated code
 * never calls out (but e31's tails, into the model's own timing code, jit.h struct
 * jit_tail): everything that can touch a device, raise a trap or read the time
 * (device loads and stores, watched pages, CSRs, ecall, ebreak, mret, wfi, atomics) leaves
 * the block with the instructions before it retired, and the interpreter runs that one
 * instruction.  So time as devices see it, traps and interrupts land on the same
 * instruction as without the translator, and the cycle and instruction counts are
 * identical.
 *
 * Coherence, as fine as a store's bytes: the CPU's code map (internal.h) has a bit per
 * halfword that holds a decoded or translated instruction.  A store on a page holding
 * code checks it (the interpreter inline, a block out of its way) and goes ahead unless it
 * overlaps such bytes; one that does leaves the block before it, and the interpreter does
 * it and throws away the blocks made from the bytes it wrote (rv_jit_invalidate: each
 * page's blocks are listed), unlinking the exits that jump to them; every other block
 * stays, and stays linked.  So data beside code costs a few host instructions a store, and
 * a block that stores into its own instructions still to come runs the new ones.  Where
 * stores keep throwing blocks away (JIT_HOT_WRITES in one 16-byte granule), the
 * instructions there are interpreted from then on.  A debugger breakpoint or a write
 * through the debugger throws away what it overlaps the same way.
 *
 * A block leaves to the dispatcher saying why (JIT_EXIT_*) or naming the exit to link
 * (struct jit_link): the dispatcher then has the back end patch that exit into a direct
 * jump to the next block.  Timed blocks (the ibex model's, jit.h) replay their timing at
 * each exit from entries keyed by the pipeline state before they go on, count the cycles
 * left, stop before a change of fetch wait states, and leave on a misaligned access. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "soc/cpu/riscv/jit_host.h"

#ifdef JIT_HOST
#include <sys/mman.h>

#define JIT_CODE_SIZE (32u << 20) /* host code buffer; full, it is flushed */

_Static_assert(sizeof(((struct rv_cpu *)0)->jit_trace) >= 2 * JIT_MAX_INSNS * sizeof(uint32_t),
               "two words of trace per instruction of a block");

/* ---- which blocks were made from which bytes ---- */

static struct jit_page *page_slot(struct rv_jit *j, uint32_t page, bool add)
{
    for (unsigned i = (page * 2654435761u) % JIT_PAGE_SLOTS;; i = (i + 1) % JIT_PAGE_SLOTS) {
        struct jit_page *s = &j->pages[i];
        if (s->page == page + 1)
            return s;
        if (s->page == 0) {
            if (!add)
                return NULL;
            s->page = page + 1;
            j->npages++;
            return s;
        }
    }
}

/* Granule g: its page, and its index in the page's hot[] and writes[]. */
static uint32_t granule_page(uint32_t g) { return g >> (RV_PAGE_BITS - JIT_GRANULE_BITS); }
static unsigned granule_index(uint32_t g) { return g & (JIT_PAGE_GRANULES - 1); }

/* A block is shorter than a page: the blocks overlapping a page start on it or the one
 * before. */
_Static_assert(4 * JIT_MAX_INSNS <= 1u << RV_PAGE_BITS, "a block spans at most two pages");

static void add_block(struct rv_jit *j, struct jit_head *h)
{
    struct jit_page *s = page_slot(j, h->start >> RV_PAGE_BITS, true);
    h->next = s->blocks;
    s->blocks = h;
}

/* The instruction at [pc, pc + len) is in a hot granule: it is left to the interpreter. */
static bool in_hot_granule(struct rv_jit *j, uint32_t pc, unsigned len)
{
    if (!j->nhot)
        return false;
    for (uint32_t g = pc >> JIT_GRANULE_BITS; g <= (pc + len - 1) >> JIT_GRANULE_BITS; g++) {
        struct jit_page *s = page_slot(j, granule_page(g), false);
        unsigned i = granule_index(g);
        if (s && (s->hot[i / 64] >> (i % 64) & 1))
            return true;
    }
    return false;
}

/* A store threw blocks away in [addr, last]: count it per granule; the JIT_HOT_WRITES-th
 * makes the granule hot. */
static void count_write(struct rv_jit *j, uint32_t addr, uint32_t last)
{
    for (uint32_t g = addr >> JIT_GRANULE_BITS;; g++) {
        struct jit_page *s = page_slot(j, granule_page(g), true);
        unsigned i = granule_index(g);
        if (s->writes[i] < JIT_HOT_WRITES && ++s->writes[i] == JIT_HOT_WRITES) {
            s->hot[i / 64] |= 1ull << (i % 64);
            j->nhot++;
        }
        if (g == last >> JIT_GRANULE_BITS)
            break;
    }
}

/* The link's stub leaves for the dispatcher again. */
static void unlink_exit(struct jit_link *l)
{
    jit_host_unlink(l);
    *l->pprev = l->next;
    if (l->next)
        l->next->pprev = l->pprev;
    l->to = NULL;
}

/* Block h is thrown away: out of the map, nothing jumps to it, it jumps nowhere.  (Its
 * code stays in the buffer, unused, until the next flush.) */
static void drop_block(struct rv_jit *j, struct jit_head *h)
{
    struct jit_entry *e = jit_slot(j, h->start);
    if ((uint32_t)e->key == (h->start | 1) && e->code == h->code)
        e->key = 0;
    while (h->in)
        unlink_exit(h->in);
    for (unsigned i = 0; i < h->nout; i++)
        if (h->out[i].to)
            unlink_exit(&h->out[i]);
    j->nremoved++;
}

static void flush(struct rv_jit *j)
{
    for (unsigned i = 0; i < JIT_PAGE_SLOTS; i++)
        if (j->pages[i].page)
            memset(&j->pages[i], 0, sizeof(j->pages[i]));
    j->npages = j->nhot = 0;
    memset(j->map, 0, sizeof(j->map));
    j->p = j->blocks;
    j->gen++;
    j->nflushes++;
}

void rv_jit_invalidate(struct rv_cpu *c, uint32_t addr, uint32_t n, bool store)
{
    struct rv_jit *j = c->jit;
    if (!j || n == 0 || !j->npages)
        return;
    uint32_t last = addr + n - 1 < addr ? UINT32_MAX : addr + n - 1;
    bool dropped = false;
    uint32_t page = addr >> RV_PAGE_BITS;
    if (page > 0)
        page--; /* (blocks starting on the page before may reach into it) */
    for (;; page++) {
        struct jit_page *s = page_slot(j, page, false);
        for (struct jit_head **p = s ? &s->blocks : NULL; p && *p;) {
            struct jit_head *h = *p;
            if (h->start <= last && h->last >= addr) {
                *p = h->next;
                drop_block(j, h);
                dropped = true;
            } else {
                p = &h->next;
            }
        }
        if (page == last >> RV_PAGE_BITS)
            break;
    }
    if (dropped && store)
        count_write(j, addr, last);
}

void rv_jit_flush(struct rv_cpu *c)
{
    if (c->jit)
        flush(c->jit);
}

/* ---- translation: which instructions make a block ---- */

/* The classes of operations blocks hold, those the back end emits code for; the others
 * (CSRs, system instructions, atomics) reach beyond registers and memory, and the
 * interpreter runs them. */
static bool translatable(unsigned op)
{
    switch (rv_op_class(op)) {
    case RV_CL_ALU: case RV_CL_BRANCH: case RV_CL_JUMP: case RV_CL_LOAD: case RV_CL_STORE:
    case RV_CL_MUL: case RV_CL_DIV: case RV_CL_FENCE: return jit_host_can_emit(op);
    default: return false;
    }
}

static bool ends_block(unsigned op) { return rv_op_is(op, RV_OF_END); }

/* The largest wait state of the memory regions loads and stores can reach in a block, and
 * whether their read (bit 0) or write (bit 1) wait states differ, which only then can a
 * memory window's change (struct rv_jit waits_vary; the devices map their regions before
 * the first translation). */
static void region_waits(const struct rv_cpu *c, struct rv_jit *j)
{
    int w = 0, rd = -1, wr = -1;
    j->waits_vary = 0;
    for (uint32_t i = 0; i < c->bus->nregions; i++) {
        const struct bus_region *r = &c->bus->regions[i];
        if (!r->host)
            continue;
        w = r->read_wait > w ? r->read_wait : w;
        w = r->write_wait > w ? r->write_wait : w;
        if (rd >= 0 && rd != r->read_wait)
            j->waits_vary |= 1;
        rd = r->read_wait;
        if (r->readonly) /* (never a store's window: cpu.c) */
            continue;
        if (wr >= 0 && wr != r->write_wait)
            j->waits_vary |= 2;
        wr = r->write_wait;
    }
    j->max_wait = w;
}

/* The stall counters a timed block's replay adds (bit i: jit_tstalls[i]): fetch and branch
 * always (its first instruction's wait counts as what the block before ended in), memory,
 * multiply/divide and the multi-cycle ALU when it has such operations, and with a
 * writeback stage load-use when it has loads (a block that waits for the load of the
 * block before it, cut short after the load, is timed by the dispatcher). */
static unsigned stall_mask(const struct rv_cpu *c, const struct rv_insn *ins, unsigned n)
{
    unsigned m = 3;
    for (unsigned i = 0; i < n; i++) {
        unsigned cl = rv_op_class(ins[i].op);
        if (cl == RV_CL_LOAD && rv_jit_writeback(c))
            m |= 32;
        if (cl == RV_CL_LOAD || cl == RV_CL_STORE)
            m |= 4;
        if (cl == RV_CL_MUL || cl == RV_CL_DIV)
            m |= 8;
        if (rv_op_tclass(ins[i].op) == RV_T_ALU2)
            m |= 16;
    }
    return m;
}

/* Compile the block at start; NULL when its first instruction must be interpreted. */
static struct jit_head *translate(struct rv_cpu *c, struct rv_jit *j, uint32_t start,
                                  bool *cacheable)
{
    if (j->buf + JIT_CODE_SIZE - j->p < (ptrdiff_t)JIT_BLOCK_ROOM ||
        j->npages > JIT_PAGE_SLOTS / 2)
        flush(j);
    struct rv_insn ins[JIT_MAX_INSNS];
    unsigned n = 0, ndiv = 0;
    uint32_t pc = start;
    while (n < JIT_MAX_INSNS) {
        struct rv_insn *d = &ins[n];
        rv_fill(c, pc, d);
        if (n == 0)
            *cacheable = d->pc == pc; /* a fetch fault is not cached */
        if (d->pc != pc || !translatable(d->op) || in_hot_granule(j, pc, d->len))
            break;
        /* Timed: one region's fetch wait states per block, a multiply on the slow
         * multiplier only first (the dispatcher reads its operand before the block runs),
         * and at most 16 divides (whose divisors being 0 the block notes). */
        bool div = rv_op_class(d->op) == RV_CL_DIV;
        if (j->timed && n > 0 &&
            (d->fetch_wait != ins[0].fetch_wait || rv_jit_first_only(c, d->op) ||
             (div && ndiv == JIT_MAX_DIVS)))
            break;
        ndiv += div;
        n++;
        pc += d->len;
        if (ends_block(d->op))
            break;
    }
    if (n == 0)
        return NULL;

    /* The block's head (a timed block's whole record), then its code. */
    struct jit_head *h = (struct jit_head *)(((uintptr_t)j->p + 15) & ~(uintptr_t)15);
    struct jit_block *b = j->timed || j->traced ? jit_timed(h) : NULL;
    memset(h, 0, b ? sizeof(*b) : sizeof(*h));
    h->start = start;
    h->last = pc - 1;
    j->p = (uint8_t *)(h + 1);
    if (b) {
        b->n = n;
        b->fetch_wait = ins[0].fetch_wait;
        if (j->max_wait < 0)
            region_waits(c, j);
        b->bound = c->tm_model->jit->bound(c, ins, n, (unsigned)j->max_wait);
        b->ndiv = (uint8_t)ndiv;
        b->stall_mask = (uint8_t)stall_mask(c, ins, n);
        b->wb = rv_jit_writeback(c);
        memcpy(b->ins, ins, n * sizeof(ins[0]));
        j->p = (uint8_t *)(b->ins + n);
    }
    h->code = j->p;
    jit_host_emit(c, j, h, ins, n);
    add_block(j, h);
    return h;
}

/* ---- the dispatcher ---- */

void rv_jit_link(struct jit_link *l, struct jit_head *to)
{
    jit_host_link(l, to->code);
    l->to = to;
    l->next = to->in;
    if (to->in)
        to->in->pprev = &l->next;
    l->pprev = &to->in;
    to->in = l;
}

bool rv_jit_tail(struct rv_cpu *c, struct jit_block *b, unsigned taken,
                 const struct jit_tail *ops, unsigned n, uint32_t target, bool indirect)
{
    struct rv_jit *j = c->jit;
    /* (room for it and the next block's translation; else the next translation flushes) */
    if (!b->tail_at[taken] || j->buf + JIT_CODE_SIZE - j->p < (ptrdiff_t)(2 * JIT_BLOCK_ROOM))
        return false;
    if (!jit_host_tail(c, j, b, taken, ops, n, target, indirect))
        return false;
    j->ntails++;
    return true;
}

struct jit_entry *rv_jit_translate_at(struct rv_cpu *c, uint32_t pc)
{
    struct rv_jit *j = c->jit;
    bool cacheable = false;
    struct jit_head *h = translate(c, j, pc, &cacheable);
    j->ntranslated += h != NULL;
    struct jit_entry *e = jit_slot(j, pc);
    e->code = h ? h->code : NULL;
    e->head = h;
    /* (timed: a block the dispatcher must enter itself is not, as link_to does not link) */
    e->direct = h && !(j->timed && rv_jit_first_only(c, jit_timed(h)->ins[0].op));
    e->key = cacheable ? jit_key(c, pc) : 0;
    return e;
}

void rv_jit_interpret(struct rv_cpu *c, uint64_t k)
{
    uint64_t limit = c->cycle_limit, step = c->cycle + k;
    if (step >= limit) {
        c->jit->interp(c);
        return;
    }
    c->cycle_limit = step;
    c->jit->interp(c);
    if (c->cycle_limit == step)
        c->cycle_limit = limit; /* not kicked: the limit stands */
}

void rv_run_functional_jit(struct rv_cpu *c)
{
    struct rv_jit *j = c->jit;
    uint32_t cause = rv_irq_take(c);
    if (cause && OUTPUT_HOOK(true))
        rv_irq_entered(c, cause); /* (no entry cycles on this model) */
    if (c->wfi)
        return;
    while (c->cycle < c->cycle_limit && !c->halted) {
        uint64_t budget = c->cycle_limit - c->cycle;
        struct jit_entry *e = rv_jit_find(c, c->pc);
        if (!e->code) {
            rv_jit_interpret(c, 1);
            continue;
        }
        struct jit_ret r = j->enter(c->x, budget, e->code, 0);
        c->cycle += budget - r.budget;
        c->instret += budget - r.budget;
        if (r.how == JIT_EXIT_INTERP) {
            rv_jit_interpret(c, 1);
        } else if (r.how == JIT_EXIT_BUDGET) {
            j->interp(c); /* fewer instructions left than the block has */
        } else if (r.how != JIT_EXIT_JUMP) {
            uint64_t gen = j->gen;
            struct jit_entry *t = rv_jit_find(c, c->pc);
            if (t->code && j->gen == gen) /* link the exit: a direct jump from now on */
                rv_jit_link((struct jit_link *)(uintptr_t)r.how, t->head);
        }
    }
}

int rv_jit_new(struct rv_cpu *c)
{
    struct rv_jit *j = calloc(1, sizeof(*j));
    if (!j)
        return -1;
    void *buf = mmap(NULL, JIT_CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        free(j);
        return -1;
    }
    j->buf = j->p = buf;
    /* (before the back end's sequences, which differ: a traced block's are the untimed ones) */
    j->timed = c->tm_model->jit != NULL && !c->tm_model->jit->traced;
    j->traced = c->tm_model->jit != NULL && c->tm_model->jit->traced;
    jit_host_init(j);
    j->blocks = j->p;
    j->max_wait = -1;
    j->interp = c->tm_model->run;
    c->jit = j; /* empty as calloc made it: no page of the tables is touched before use */
    return 0;
}

void rv_jit_free(struct rv_cpu *c)
{
    if (!c->jit)
        return;
    munmap(c->jit->buf, JIT_CODE_SIZE);
    free(c->jit);
    c->jit = NULL;
}

bool rv_jit_available(void) { return true; }

#else /* no translator for this host: the functional model interprets */

void rv_jit_invalidate(struct rv_cpu *c, uint32_t addr, uint32_t n, bool store)
{
    (void)c, (void)addr, (void)n, (void)store;
}
void rv_jit_flush(struct rv_cpu *c) { (void)c; }
void rv_run_functional_jit(struct rv_cpu *c) { c->tm_model->run(c); }
struct jit_entry *rv_jit_translate_at(struct rv_cpu *c, uint32_t pc)
{
    (void)c, (void)pc;
    return NULL;
}
void rv_jit_interpret(struct rv_cpu *c, uint64_t k) { (void)c, (void)k; }
void rv_jit_link(struct jit_link *l, struct jit_head *to) { (void)l, (void)to; }
bool rv_jit_tail(struct rv_cpu *c, struct jit_block *b, unsigned taken,
                 const struct jit_tail *ops, unsigned n, uint32_t target, bool indirect)
{
    (void)c, (void)b, (void)taken, (void)ops, (void)n, (void)target, (void)indirect;
    return false;
}
int rv_jit_new(struct rv_cpu *c) { (void)c; return -1; }
void jit_host_baseline(bool on) { (void)on; }
void rv_jit_free(struct rv_cpu *c) { (void)c; }
bool rv_jit_available(void) { return false; }

#endif
