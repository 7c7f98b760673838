/* Zicsr: the machine-mode CSRs (Priv spec chapter 3), the user counters, and who may access
 * them (Priv 2.1: a CSR's bits 9:8 are the lowest level that may; U mode reads a counter
 * where mcounteren lets it). */
#include <stdio.h>
#include <string.h>

#include "sim/log.h"
#include "soc/cpu/riscv/internal.h"

enum {
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MIE = 0x304, CSR_MTVEC = 0x305,
    CSR_MCOUNTEREN = 0x306,
    CSR_MSTATUSH = 0x310, CSR_MCOUNTINHIBIT = 0x320, CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341,
    CSR_MCAUSE = 0x342, CSR_MTVAL = 0x343, CSR_MIP = 0x344,
    CSR_MCYCLE = 0xb00, CSR_MINSTRET = 0xb02, CSR_MCYCLEH = 0xb80, CSR_MINSTRETH = 0xb82,
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
    CSR_CYCLEH = 0xc80, CSR_TIMEH = 0xc81, CSR_INSTRETH = 0xc82,
    CSR_MVENDORID = 0xf11, CSR_MARCHID = 0xf12, CSR_MIMPID = 0xf13, CSR_MHARTID = 0xf14,
    CSR_MCONFIGPTR = 0xf15,
};

#define MIE_MASK (RV_MIP_MSIP | RV_MIP_MTIP | RV_MIP_MEIP)
#define MCOUNTINHIBIT_CY 1u
#define MCOUNTINHIBIT_IR 4u

/* mcycle at `cycle`: it stands still while inhibited, and while the core clock is gated
 * (asleep in wfi: struct rv_cpu clock_gated_from). */
static uint64_t mcycle_at(const struct rv_cpu *c, uint64_t cycle)
{
    if (c->mcountinhibit & MCOUNTINHIBIT_CY)
        return c->mcycle_frozen;
    if (cycle > c->clock_gated_from)
        cycle = c->clock_gated_from;
    return cycle - c->mcycle_base;
}

/* A write to mcycle or mcountinhibit while the clock is gated (a debugger's, the core
 * sleeps): the cycles gated so far leave mcycle now, and the gate goes on from `cycle`, so
 * that the write's arithmetic on cycle - mcycle_base holds. */
static void gate_fold(struct rv_cpu *c, uint64_t cycle)
{
    if (cycle <= c->clock_gated_from || c->clock_gated_from == UINT64_MAX)
        return;
    c->mcycle_base += cycle - c->clock_gated_from;
    c->clock_gated_from = cycle;
}

uint64_t rv_mcycle(const struct rv_cpu *c) { return mcycle_at(c, c->cycle); }

uint64_t rv_minstret(const struct rv_cpu *c)
{
    return (c->mcountinhibit & MCOUNTINHIBIT_IR) ? c->minstret_frozen : c->instret - c->minstret_base;
}

void rv_minstret_add(struct rv_cpu *c, uint64_t n)
{
    if (!(c->mcountinhibit & MCOUNTINHIBIT_IR))
        c->minstret_base -= n;
}

static bool read_time(struct rv_cpu *c, uint64_t *t)
{
    struct machine *m = c->dev.m;
    if (!m->timebase_read)
        return false;
    *t = m->timebase_read(m->timebase);
    return true;
}

/* Hardware performance monitor (Priv 3.1.10): the first hpm-counters counters count the
 * events their mhpmevent selects (the timing model counts them: timing_e31.h); they are 40
 * bits wide (E31 manual, "Hardware Performance Monitor").  Returns the counter index for
 * mhpmcounterN[h], hpmcounterN[h] and mhpmeventN, -1 otherwise; *kind: 0 low half, 1 high
 * half, 2 event selector. */
static uint64_t hpm_mask(const struct rv_cpu *c)
{
    unsigned w = c->hpm_width ? c->hpm_width : 40;
    return w >= 64 ? UINT64_MAX : (1ULL << w) - 1;
}

static int hpm_index(const struct rv_cpu *c, uint32_t csr, int *kind)
{
    uint32_t base;
    if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0xc03 && csr <= 0xc1f))
        base = csr & ~0x1fu, *kind = 0;
    else if ((csr >= 0xb83 && csr <= 0xb9f) || (csr >= 0xc83 && csr <= 0xc9f))
        base = csr & ~0x1fu, *kind = 1;
    else if (csr >= 0x323 && csr <= 0x33f)
        base = 0x320, *kind = 2;
    else
        return -1;
    int i = (int)(csr - base) - 3;
    return i < (int)c->hpm_counters ? i : -1;
}

static void hpm_update_on(struct rv_cpu *c)
{
    c->hpm.on = false;
    for (unsigned i = 0; i < c->hpm_counters; i++)
        if (c->hpm.event[i] >> 8)
            c->hpm.on = true;
}

/* cycle, time, instret, hpmcounter3-31 and their high halves: the user counters. */
static bool user_counter(uint32_t csr)
{
    return (csr >= 0xc00 && csr <= 0xc1f) || (csr >= 0xc80 && csr <= 0xc9f);
}

/* Ibex's custom CSRs (Ibex reference, "Control and Status Registers"): cpuctrlsts, whose
 * bits exist as the configuration says (icache_enable with the cache, data_ind_timing and
 * the dummy instruction bits with SecureIbex; sync_exc_seen and double_fault_seen always;
 * ic_scr_key_valid reads 1 with a cache whose key is always valid), secureseed (reads 0),
 * and with debug triggers tselect (one trigger: every write selects 0), tdata1 (an
 * execute address match for M and U, which M mode cannot change: dmode is 1), tdata2,
 * tdata3, mcontext, scontext (all 0 from M mode).  -1: not such a CSR on this core. */
#define TDATA1_VALUE 0x28001048u /* type 2, dmode, action 1, m, u */

static int core_csr_read(const struct rv_cpu *c, uint32_t csr, uint32_t *val)
{
    if (c->has_cpuctrl && (csr == 0x7c0 || csr == 0x7c1)) {
        *val = csr == 0x7c0 ? c->cpuctrl | c->cpuctrl_ones : 0;
        return 0;
    }
    if (c->has_triggers && (csr == 0x7a0 || csr == 0x7a1 || csr == 0x7a2 || csr == 0x7a3 ||
                            csr == 0x7a8 || csr == 0x7aa)) {
        *val = csr == 0x7a1 ? TDATA1_VALUE : 0;
        return 0;
    }
    return -1;
}

static int core_csr_write(struct rv_cpu *c, uint32_t csr, uint32_t v)
{
    uint32_t val;
    if (core_csr_read(c, csr, &val))
        return -1;
    if (csr == 0x7c0)
        c->cpuctrl = v & c->cpuctrl_wmask;
    return 0;
}

static int csr_read(struct rv_cpu *c, uint32_t csr, uint32_t *val, uint64_t cycle)
{
    uint64_t t;
    if (user_counter(csr) && !c->user_counters)
        return -1;
    if ((csr >= 0x3a0 && csr <= 0x3bf) || csr == 0x747 || csr == 0x757)
        return rv_pmp_read(c, csr, val);
    int kind, h = hpm_index(c, csr, &kind);
    if (h >= 0) {
        uint64_t v = c->hpm.count[h] & hpm_mask(c);
        uint32_t ev = c->hpm_fixed ? 1u << h : c->hpm.event[h];
        *val = kind == 2 ? ev : kind == 1 ? (uint32_t)(v >> 32) : (uint32_t)v;
        return 0;
    }
    if (core_csr_read(c, csr, val) == 0)
        return 0;
    /* the other hpm counters and events: present, reading zero (nothing counted) */
    if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0xb83 && csr <= 0xb9f) ||
        (csr >= 0xc03 && csr <= 0xc1f) || (csr >= 0xc83 && csr <= 0xc9f) ||
        (csr >= 0x323 && csr <= 0x33f))
        return *val = 0, 0;
    switch (csr) {
    case CSR_MSTATUS: *val = c->mstatus; return 0;
    case CSR_MSTATUSH: *val = 0; return 0;
    case CSR_MISA: *val = c->misa; return 0;
    case CSR_MIE: *val = c->mie; return 0;
    case CSR_MTVEC: *val = c->mtvec; return 0;
    case CSR_MCOUNTEREN: *val = c->mcounteren; return 0;
    case CSR_MCOUNTINHIBIT: *val = c->mcountinhibit; return 0;
    case CSR_MSCRATCH: *val = c->mscratch; return 0;
    case CSR_MEPC: *val = c->mepc; return 0;
    case CSR_MCAUSE: *val = c->mcause; return 0;
    case CSR_MTVAL: *val = c->mtval; return 0;
    case CSR_MIP: *val = c->mip; return 0;
    case CSR_MCYCLE: case CSR_CYCLE: *val = (uint32_t)mcycle_at(c, cycle); return 0;
    case CSR_MCYCLEH: case CSR_CYCLEH: *val = (uint32_t)(mcycle_at(c, cycle) >> 32); return 0;
    case CSR_MINSTRET: case CSR_INSTRET: *val = (uint32_t)rv_minstret(c); return 0;
    case CSR_MINSTRETH: case CSR_INSTRETH: *val = (uint32_t)(rv_minstret(c) >> 32); return 0;
    case CSR_TIME:
        if (!read_time(c, &t))
            return -1;
        *val = (uint32_t)t;
        return 0;
    case CSR_TIMEH:
        if (!read_time(c, &t))
            return -1;
        *val = (uint32_t)(t >> 32);
        return 0;
    case CSR_MVENDORID: *val = (uint32_t)c->mvendorid; return 0;
    case CSR_MARCHID: *val = (uint32_t)c->marchid; return 0;
    case CSR_MIMPID: *val = (uint32_t)c->mimpid; return 0;
    case CSR_MCONFIGPTR: *val = 0; return 0;
    case CSR_MHARTID: *val = c->mhartid; return 0;
    }
    return -1;
}

/* Like minstret below: the write is done instead of the writing cycle's increment, so the
 * next cycle reads the value written (as Ibex does). */
static void set_mcycle(struct rv_cpu *c, uint64_t v, uint64_t cycle)
{
    gate_fold(c, cycle);
    if (c->mcountinhibit & MCOUNTINHIBIT_CY)
        c->mcycle_frozen = v;
    else
        c->mcycle_base = cycle + 1 - v;
}

/* A write takes effect after the instruction retires (Priv 3.3.1), so minstret
 * counts from the written value on from the next instruction. */
static void set_minstret(struct rv_cpu *c, uint64_t v)
{
    if (c->mcountinhibit & MCOUNTINHIBIT_IR)
        c->minstret_frozen = v;
    else
        c->minstret_base = c->instret + 1 - v;
}

static int csr_write(struct rv_cpu *c, uint32_t csr, uint32_t v, uint64_t cycle)
{
    int kind, h = hpm_index(c, csr, &kind);
    if (h >= 0) {
        uint64_t *cnt = &c->hpm.count[h];
        if (kind == 2) {
            if (!c->hpm_fixed) {
                c->hpm.event[h] = v;
                hpm_update_on(c);
            }
        } else if (kind == 1) {
            *cnt = ((*cnt & 0xffffffffULL) | (uint64_t)v << 32) & hpm_mask(c);
        } else {
            *cnt = ((*cnt & ~0xffffffffULL) | v) & hpm_mask(c);
        }
        return 0;
    }
    if (core_csr_write(c, csr, v) == 0)
        return 0;
    if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0xb83 && csr <= 0xb9f) ||
        (csr >= 0x323 && csr <= 0x33f))
        return 0;
    if ((csr >= 0x3a0 && csr <= 0x3bf) || csr == 0x747 || csr == 0x757)
        return rv_pmp_write(c, csr, v);
    switch (csr) {
    case CSR_MSTATUS: {
        /* MPP holds M or U (WARL: the core's legalization, cpu.h); TW only where the core
         * has it writable. */
        uint32_t mpp = (v & RV_MSTATUS_MPP) >> RV_MSTATUS_MPP_SHIFT;
        if (mpp != RV_PRIV_M && mpp != RV_PRIV_U)
            mpp = c->mpp_warl == RV_MPP_WARL_LOW_BIT && (mpp & 1) ? RV_PRIV_M : RV_PRIV_U;
        uint32_t keep = RV_MSTATUS_MIE | RV_MSTATUS_MPIE | RV_MSTATUS_MPRV |
                        (c->tw_writable ? RV_MSTATUS_TW : 0);
        c->mstatus = (v & keep) | mpp << RV_MSTATUS_MPP_SHIFT;
        rv_priv_changed(c, false); /* MPRV and MPP choose the data accesses' level */
        return 0;
    }
    case CSR_MCOUNTEREN:
        /* CY, TM, IR and the counters the core has (Priv 3.1.11); read-only 0 on a core
         * that lets U mode read none (Ibex) */
        if (c->mcounteren_rw)
            c->mcounteren = v & (7u | (uint32_t)(((1ULL << c->hpm_counters) - 1) << 3));
        return 0;
    case CSR_MSTATUSH: case CSR_MISA: case CSR_MIP: return 0;
    case CSR_MIE: c->mie = v & MIE_MASK; return 0;
    case CSR_MTVEC:
        c->mtvec = c->mtvec_vectored ? (v & ~0xffu) | 1 : v & ~2u; /* modes 0 and 1 only */
        return 0;
    case CSR_MCOUNTINHIBIT: {
        gate_fold(c, cycle);
        uint64_t cyc = mcycle_at(c, cycle), ins = rv_minstret(c);
        uint32_t hpm_bits = (uint32_t)(((1ULL << c->hpm_counters) - 1) << 3);
        c->mcountinhibit = v & (MCOUNTINHIBIT_CY | MCOUNTINHIBIT_IR | hpm_bits);
        c->mcycle_frozen = cyc;
        c->minstret_frozen = ins;
        if (!(c->mcountinhibit & MCOUNTINHIBIT_CY))
            c->mcycle_base = cycle - cyc; /* counting resumes from where it stopped */
        if (!(c->mcountinhibit & MCOUNTINHIBIT_IR))
            c->minstret_base = c->instret - ins;
        return 0;
    }
    case CSR_MSCRATCH: c->mscratch = v; return 0;
    case CSR_MEPC: c->mepc = v & ~1u; return 0;
    case CSR_MCAUSE: c->mcause = v; return 0;
    case CSR_MTVAL: c->mtval = v; return 0;
    case CSR_MCYCLE:
        set_mcycle(c, (mcycle_at(c, cycle) & ~0xffffffffULL) | v, cycle);
        return 0;
    case CSR_MCYCLEH:
        set_mcycle(c, (mcycle_at(c, cycle) & 0xffffffffULL) | (uint64_t)v << 32, cycle);
        return 0;
    case CSR_MINSTRET: set_minstret(c, (rv_minstret(c) & ~0xffffffffULL) | v); return 0;
    case CSR_MINSTRETH:
        set_minstret(c, (rv_minstret(c) & 0xffffffffULL) | (uint64_t)v << 32);
        return 0;
    }
    return -1;
}

/* An illegal CSR access (the caller raises an illegal-instruction exception); -d
 * guest_errors says which and why. */
static int bad_access(const struct rv_cpu *c, const struct rv_insn *d, uint32_t csr,
                      const char *why)
{
    if (sim_log_on(SIM_LOG_GUEST_ERRORS)) {
        char num[8];
        sim_log("guest_errors: cycle %llu pc 0x%08x: %s %s: %s", (unsigned long long)c->cycle,
                c->pc, rv_op_names[d->op], rv_csr_label(csr, num, sizeof(num)), why);
    }
    return -1;
}

int rv_csr_op(struct rv_cpu *c, const struct rv_insn *d, uint32_t rs1v, uint32_t *old,
              uint64_t cycle, struct rv_exec *ex)
{
    uint32_t csr = (uint32_t)d->imm & 0xfff;
    /* the immediate forms have the value in the rs1 field: they read no register */
    uint32_t src = rv_op_is(d->op, RV_OF_R1) ? rs1v : d->rs1;
    int kind = d->op == RV_CSRRW || d->op == RV_CSRRWI   ? 0 /* write */
               : d->op == RV_CSRRS || d->op == RV_CSRRSI ? 1 /* set */
                                                         : 2; /* clear */
    bool write = kind == 0 || d->rs1 != 0;
    uint32_t cur;
    if (csr_read(c, csr, &cur, cycle))
        return bad_access(c, d, csr,
                          (csr == CSR_TIME || csr == CSR_TIMEH) && c->user_counters
                              ? "no machine timer on this board backs it"
                              : "no such CSR");
    if (c->priv < ((csr >> 8) & 3))
        return bad_access(c, d, csr, "a machine-mode CSR, accessed from U mode");
    if (c->priv != RV_PRIV_M && user_counter(csr) && !(c->mcounteren >> (csr & 31) & 1))
        return bad_access(c, d, csr, "mcounteren does not let U mode read it");
    if (write && (csr >> 10) == 3)
        return bad_access(c, d, csr, "the CSR is read-only"); /* Priv 2.1 */
    *old = cur;
    if (!write)
        return 0;
    uint32_t nv = kind == 0 ? src : kind == 1 ? cur | src : cur & ~src;
    if (csr_write(c, csr, nv, cycle))
        return bad_access(c, d, csr, "the CSR cannot be written");
    if (csr == CSR_MSTATUS || csr == CSR_MIE) {
        ex->csr_flush = true;
        rv_cpu_kick(c); /* an interrupt may now be enabled */
    }
    return 0;
}

int rv_csr_read(struct rv_cpu *c, uint32_t csr, uint32_t *val) { return csr_read(c, csr, val, c->cycle); }
int rv_csr_write(struct rv_cpu *c, uint32_t csr, uint32_t val)
{
    int rc = csr_write(c, csr, val, c->cycle);
    rv_cpu_kick(c);
    return rc;
}

/* Machine-mode CSRs, the user counters and PMP's (Priv spec 2.2, table 2.5 "Currently allocated
 * RISC-V machine-level CSR addresses"; Unpriv spec "Zicntr"). */
const struct rv_csr_name rv_csr_names[] = {
    {0x300, "mstatus"},  {0x301, "misa"},    {0x304, "mie"},      {0x305, "mtvec"},
    {0x306, "mcounteren"}, {0x310, "mstatush"}, {0x320, "mcountinhibit"},
    {0x340, "mscratch"}, {0x341, "mepc"},
    {0x342, "mcause"},   {0x343, "mtval"},   {0x344, "mip"},      {0xb00, "mcycle"},
    {0xb02, "minstret"}, {0xb80, "mcycleh"}, {0xb82, "minstreth"}, {0xc00, "cycle"},
    {0xc01, "time"},     {0xc02, "instret"}, {0xc80, "cycleh"},   {0xc81, "timeh"},
    {0xc82, "instreth"}, {0xf11, "mvendorid"}, {0xf12, "marchid"}, {0xf13, "mimpid"},
    {0xf14, "mhartid"},
    /* Priv 3.7: the PMP CSRs (where the core has PMP) */
    {0x3a0, "pmpcfg0"},  {0x3a1, "pmpcfg1"},  {0x3a2, "pmpcfg2"},  {0x3a3, "pmpcfg3"},
    {0x3b0, "pmpaddr0"}, {0x3b1, "pmpaddr1"}, {0x3b2, "pmpaddr2"}, {0x3b3, "pmpaddr3"},
    {0x3b4, "pmpaddr4"}, {0x3b5, "pmpaddr5"}, {0x3b6, "pmpaddr6"}, {0x3b7, "pmpaddr7"},
    {0x3b8, "pmpaddr8"}, {0x3b9, "pmpaddr9"}, {0x3ba, "pmpaddr10"}, {0x3bb, "pmpaddr11"},
    {0x3bc, "pmpaddr12"}, {0x3bd, "pmpaddr13"}, {0x3be, "pmpaddr14"}, {0x3bf, "pmpaddr15"},
    {0x747, "mseccfg"},   {0x757, "mseccfgh"},
};
const unsigned rv_csr_name_count = sizeof(rv_csr_names) / sizeof(rv_csr_names[0]);

int rv_csr_number(const char *name)
{
    for (unsigned i = 0; i < rv_csr_name_count; i++)
        if (strcmp(name, rv_csr_names[i].name) == 0)
            return rv_csr_names[i].num;
    return -1;
}

const char *rv_csr_label(uint32_t num, char *buf, size_t n)
{
    for (unsigned i = 0; i < rv_csr_name_count; i++)
        if (rv_csr_names[i].num == num)
            return rv_csr_names[i].name;
    snprintf(buf, n, "0x%03x", num);
    return buf;
}
