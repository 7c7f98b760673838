/* The hart's side of the observers (soc/cpu.h): what the observed run loop
 * (run_template.h, RV_OBSERVED) tells them of each instruction and trap, and the interrupt
 * latency figures, kept when the machine asks for them (struct machine.irq_latency:
 * --stats, --profile, a scenario); their hooks are at interrupt entry, mret and a line's
 * edge, none on the per-instruction path. */
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/cpu/riscv/internal.h"
#include "soc/cpu/riscv/pipe.h"

/* ---- what an instruction did, as the observers see it ---- */

/* The link registers of the RISC-V psABI (and the Unpriv spec's return-address stack
 * hints, 2.5): x1 (ra) and x5 (t0). */
static bool is_link(unsigned r)
{
    return r == 1 || r == 5;
}

static enum cpu_flow flow_of(const struct rv_insn *d)
{
    switch (d->op) {
    case RV_JAL:
        return is_link(d->rd) ? CPU_FLOW_CALL : CPU_FLOW_NEXT;
    case RV_JALR:
        if (is_link(d->rd))
            return CPU_FLOW_CALL;
        return d->rd == 0 && is_link(d->rs1) ? CPU_FLOW_RETURN : CPU_FLOW_NEXT;
    case RV_MRET:
        return CPU_FLOW_TRAP_RETURN;
    default:
        return CPU_FLOW_NEXT;
    }
}

static void add_mem(struct cpu_insn *e, uint32_t addr, uint64_t value, unsigned size, bool store)
{
    e->mem[e->nmem++] = (struct cpu_mem_access){addr, value, size, store};
}

/* The commit log's detail: encoding, register and CSR written, memory reads and writes.
 * a and b are rs1's and rs2's values before the instruction. */
static void detail(struct rv_cpu *c, const struct rv_insn *d, uint32_t pc, uint32_t a, uint32_t b,
                   struct cpu_insn *e)
{
    uint32_t bits = rv_insn_bits(c, pc);
    e->bits = d->len == 2 ? bits & 0xffff : bits;
    e->priv = 3; /* machine mode: the hart has no other */
    if (rv_op_is(d->op, RV_OF_WD) && d->rd) {
        e->rd = d->rd;
        e->rd_value = c->x[d->rd];
    }
    unsigned cls = rv_op_class(d->op), size = rv_op_size(d->op);
    uint32_t addr = a + (uint32_t)d->imm, v;
    if (cls == RV_CL_CSR && (d->op == RV_CSRRW || d->op == RV_CSRRWI || d->rs1 != 0)) {
        e->csr = d->imm & 0xfff;
        e->csr_name = rv_csr_label((uint32_t)e->csr, c->obs_csr_buf, sizeof(c->obs_csr_buf));
        if (rv_csr_read(c, (uint32_t)e->csr, &v) == 0)
            e->csr_value = v;
    } else if (d->op == RV_MRET) {
        e->csr = 0x300; /* mstatus: MIE from MPIE */
        e->csr_name = "mstatus";
        e->csr_value = c->mstatus;
    } else if (cls == RV_CL_LOAD) {
        add_mem(e, addr, c->x[d->rd], size, false);
    } else if (cls == RV_CL_STORE) {
        add_mem(e, addr, size == 4 ? b : b & ((1u << (8 * size)) - 1), size, true);
    } else if (d->op == RV_LR_W) {
        add_mem(e, a, 0, 4, false);
    } else if (d->op == RV_SC_W) {
        if (d->rd && c->x[d->rd] == 0)
            add_mem(e, a, b, 4, true);
    } else if (cls == RV_CL_AMO) {
        add_mem(e, a, 0, 4, false);
        uint32_t now = 0;
        rv_debug_read(c, a, &now, 4); /* what the AMO stored */
        add_mem(e, a, now, 4, true);
    }
}

/* --pipeline on a model without a pipeline (rv_model.pipeline_one_cycle): instruction d
 * at pc took the cycle before c->cycle, in one stage, EX; flushed when it trapped. */
static void pipe_one_cycle(struct rv_cpu *c, const struct rv_insn *d, uint32_t pc, bool trapped)
{
    struct pipe_row r = {.seq = trapped ? c->instret : c->instret - 1, .flushed = trapped};
    rv_pipe_stage(&r, "EX", c->cycle - 1, c->cycle);
    rv_pipe_insn(c, d, pc, trapped ? "(trap)" : NULL, &r);
}

void rv_obs_insn(struct rv_cpu *c, uint32_t pc, const struct rv_insn *d, uint32_t npc, uint32_t a,
                 uint32_t b)
{
    if (unlikely(OUTPUT_HOOK(c->pipe)) && c->tm_model->pipeline_one_cycle)
        pipe_one_cycle(c, d, pc, false);
    struct cpu_insn e = {
        .pc = pc,
        .next_pc = npc,
        .cycle = c->cycle,
        .instret = c->instret,
        .time = rv_cpu_now(c),
        .stalls = c->stats.stall,
        .len = d->len,
        .flow = flow_of(d),
        .rd = -1,
        .csr = -1,
    };
    if (c->obs_detail)
        detail(c, d, pc, a, b, &e);
    for (struct cpu_observer *o = c->cpu.observers, *next; o; o = next) {
        next = o->next; /* (an observer may detach itself) */
        if (o->insn)
            o->insn(o, &e);
    }
}

static void tell_trap(struct rv_cpu *c)
{
    struct cpu_trap t = {
        .cause = c->mcause,
        .irq = c->mcause >> 31,
        .name = rv_cause_name(c->mcause),
        .epc = c->mepc,
        .tval = c->mtval,
        .handler = c->pc,
        .cycle = c->cycle,
        .instret = c->instret,
        .time = rv_cpu_now(c),
        .stalls = c->stats.stall,
        .priv = 3,
    };
    for (struct cpu_observer *o = c->cpu.observers, *next; o; o = next) {
        next = o->next;
        if (o->trap)
            o->trap(o, &t);
    }
}

void rv_obs_trap(struct rv_cpu *c, const struct rv_insn *d)
{
    if (unlikely(OUTPUT_HOOK(c->pipe)) && c->tm_model->pipeline_one_cycle && d)
        pipe_one_cycle(c, d, c->mepc, true);
    tell_trap(c);
}

void rv_obs_sleep(struct rv_cpu *c)
{
    for (struct cpu_observer *o = c->cpu.observers, *next; o; o = next) {
        next = o->next;
        if (o->sleep)
            o->sleep(o, c->cycle, c->stats.stall);
    }
}

int rv_observe(struct cpu *cpu)
{
    struct rv_cpu *c = rv_cpu_from(cpu);
    if (cpu->observers && !c->tm_model->run_observed)
        return sim_err("%s: timing model '%s' cannot be observed (it builds no observed loop)",
                       cpu_name(cpu), c->tm_model->name);
    c->obs_detail = false;
    for (struct cpu_observer *o = cpu->observers; o; o = o->next)
        c->obs_detail |= o->detail;
    rv_cpu_kick(c); /* the run picks its loop again */
    return 0;
}

/* ---- interrupt latency ---- */

static const char *const source_names[RV_LAT_SOURCES] = {"MSI", "MTI", "MEI"};

static int source_of_bit(uint32_t bit)
{
    return bit == RV_MIP_MSIP ? 0 : bit == RV_MIP_MTIP ? 1 : bit == RV_MIP_MEIP ? 2 : -1;
}

static int source_of_cause(uint32_t cause)
{
    switch (cause & 0x7fffffff) {
    case RV_IRQ_MSI:
        return 0;
    case RV_IRQ_MTI:
        return 1;
    case RV_IRQ_MEI:
        return 2;
    default:
        return -1;
    }
}

static void sample(struct rv_lat_samples *s, uint64_t v)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        uint64_t *nv = realloc(s->v, cap * sizeof(*nv));
        if (!nv)
            return; /* (a figure short rather than a failed run) */
        s->v = nv;
        s->cap = cap;
    }
    s->v[s->n++] = v;
}

void rv_lat_line(struct rv_cpu *c, uint32_t bit, uint64_t cycle)
{
    int s = source_of_bit(bit);
    if (s < 0)
        return;
    c->lat.asserted[s] = cycle;
    c->lat.fresh[s] = true;
}

void rv_lat_trap(struct rv_cpu *c)
{
    struct rv_latency *l = &c->lat;
    if (l->depth < RV_LAT_NEST)
        l->nest[l->depth] = (struct rv_lat_nest){.src = -1};
    l->depth++;
}

void rv_irq_entered(struct rv_cpu *c, uint32_t cause)
{
    struct rv_latency *l = &c->lat;
    int s = source_of_cause(cause);
    if (l->on && s >= 0 && l->fresh[s]) {
        l->fresh[s] = false;
        uint64_t at = l->asserted[s];
        sample(&l->entry[s], c->cycle > at ? c->cycle - at : 0);
        if (l->depth && l->depth <= RV_LAT_NEST)
            l->nest[l->depth - 1] = (struct rv_lat_nest){.src = (int8_t)s, .at = at};
    }
    if (c->cpu.observers)
        tell_trap(c);
}

void rv_lat_mret(struct rv_cpu *c)
{
    struct rv_latency *l = &c->lat;
    if (!l->depth)
        return;
    l->depth--;
    if (l->depth < RV_LAT_NEST && l->nest[l->depth].src >= 0) {
        l->ret_src = l->nest[l->depth].src;
        l->ret_at = l->nest[l->depth].at;
        l->returned = true;
    }
}

void rv_lat_returned(struct rv_cpu *c)
{
    struct rv_latency *l = &c->lat;
    l->returned = false;
    sample(&l->ret[l->ret_src], c->cycle > l->ret_at ? c->cycle - l->ret_at : 0);
}

void rv_lat_reset(struct rv_cpu *c)
{
    struct rv_latency *l = &c->lat;
    l->depth = 0;
    l->returned = false;
}

void rv_lat_free(struct rv_cpu *c)
{
    for (unsigned s = 0; s < RV_LAT_SOURCES; s++) {
        free(c->lat.entry[s].v);
        free(c->lat.ret[s].v);
    }
}

/* The k-th smallest of v[0..n-1] (Hoare's selection: linear on average; v is reordered,
 * which the samples may be). */
static uint64_t select_kth(uint64_t *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        uint64_t pivot = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                uint64_t t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;
    }
    return v[k];
}

/* min, median (the lower of the middle two for an even count) and max of s (whose
 * samples it reorders: their order means nothing). */
static void figures(const struct rv_lat_samples *s, uint64_t *min, uint64_t *med, uint64_t *max)
{
    *min = *med = *max = 0;
    if (!s->n)
        return;
    *min = *max = s->v[0];
    for (size_t i = 1; i < s->n; i++) {
        if (s->v[i] < *min)
            *min = s->v[i];
        if (s->v[i] > *max)
            *max = s->v[i];
    }
    *med = select_kth(s->v, s->n, (s->n - 1) / 2);
}

void rv_lat_stats(const struct rv_cpu *c, struct cpu_stats *st)
{
    for (unsigned s = 0; s < RV_LAT_SOURCES && st->nlatency < CPU_STATS_IRQS; s++) {
        const struct rv_lat_samples *e = &c->lat.entry[s], *r = &c->lat.ret[s];
        if (!e->n)
            continue;
        struct cpu_latency *l = &st->latency[st->nlatency++];
        l->source = source_names[s];
        l->count = e->n;
        l->nret = r->n;
        figures(e, &l->entry_min, &l->entry_median, &l->entry_max);
        figures(r, &l->ret_min, &l->ret_median, &l->ret_max);
    }
}
