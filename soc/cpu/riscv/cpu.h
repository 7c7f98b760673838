/* RISC-V RV32IMAC + Zicsr + Zifencei hart: machine and user mode, physical memory
 * protection.
 *
 * Instructions are decoded once into struct rv_insn and kept in a direct-mapped decode
 * cache keyed by PC; a store into the bytes of a decoded instruction invalidates it (data
 * beside code costs nothing).  RAM is reached through host pointers; only device windows
 * take the bus call.  The run loop is built once per timing model (run_template.h) so the
 * model's per-instruction hooks inline. */
#ifndef SOC_CPU_RISCV_CPU_H
#define SOC_CPU_RISCV_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/sim.h"
#include "soc/cpu.h"
#include "soc/device.h"
#include "soc/cpu/riscv/model.h"
#include "soc/cpu/riscv/ops.h"
#include "soc/cpu/riscv/timing.h"


/* A decoded instruction: 16 bytes, so a decode-cache slot is one shift away. */
struct rv_insn {
    uint32_t pc;    /* tag: the address it was decoded from */
    int32_t imm;    /* immediate; CSR number for CSR ops */
    uint8_t op;     /* enum rv_op */
    uint8_t rd, rs1, rs2;
    uint8_t len;    /* 2 or 4 */
    uint8_t fetch_wait; /* wait states of the region it was fetched from */
    uint8_t tclass; /* enum rv_tclass: the operation's timing class (ops.h) */
    /* RV_SHAPE_*: how it lies in the aligned words fetch reads; and the bits RV_F_MODEL
     * that the timing model sets when it is decoded (struct rv_model, decoded) */
    uint8_t fetch;
};

/* The timing class of d, whose operation is op: from the operation table where op is a
 * constant (a handler of the run loop that has one operation: it folds away), else the
 * one the decoder stored. */
static inline unsigned rv_tclass(const struct rv_insn *d, unsigned op)
{
    return __builtin_constant_p(op) ? rv_op_tclass(op) : d->tclass;
}

/* fetch: the instruction starts at an address 2 mod 4; it is 32 bits long. */
#define RV_SHAPE_HALF 0x20
#define RV_SHAPE_WIDE 0x10
static inline uint8_t rv_fetch_shape(uint32_t pc, unsigned len)
{
    return (uint8_t)((pc & 2 ? RV_SHAPE_HALF : 0) | (len == 4 ? RV_SHAPE_WIDE : 0));
}
/* The bits of fetch that are the timing model's (a model that sets none may use fetch as
 * the shape alone). */
#define RV_F_MODEL 0x0f

/* The tag of an empty decode-cache slot: odd, so no pc ever matches it. */
#define RV_TAG_INVALID 1u

#define RV_DCACHE_BITS 16
#define RV_DCACHE_SIZE (1u << RV_DCACHE_BITS)
#define RV_PAGE_BITS 12

/* Exception and interrupt causes (Priv spec 3.1.15 mcause). */
enum {
    RV_EXC_INSN_MISALIGNED = 0,
    RV_EXC_INSN_FAULT = 1,
    RV_EXC_ILLEGAL = 2,
    RV_EXC_BREAKPOINT = 3,
    RV_EXC_LOAD_MISALIGNED = 4,
    RV_EXC_LOAD_FAULT = 5,
    RV_EXC_STORE_MISALIGNED = 6,
    RV_EXC_STORE_FAULT = 7,
    RV_EXC_ECALL_U = 8,
    RV_EXC_ECALL_M = 11,
    RV_IRQ_MSI = 3,
    RV_IRQ_MTI = 7,
    RV_IRQ_MEI = 11,
};

#define RV_MIP_MSIP (1u << 3)
#define RV_MIP_MTIP (1u << 7)
#define RV_MIP_MEIP (1u << 11)
#define RV_MSTATUS_MIE (1u << 3)
#define RV_MSTATUS_MPIE (1u << 7)
#define RV_MSTATUS_MPP (3u << 11)
#define RV_MSTATUS_MPP_SHIFT 11
#define RV_MSTATUS_MPRV (1u << 17)
#define RV_MSTATUS_TW (1u << 21)

/* Privilege levels (Priv spec 1.2): the hart has machine and user mode. */
enum { RV_PRIV_U = 0, RV_PRIV_M = 3 };

/* Physical memory protection (Priv spec 3.7): up to 16 entries.  The CSRs as written
 * (cfg, addr) and what they mean, worked out on every write: the bytes [lo, hi) each
 * active entry matches (lo == hi: none), which entries are active and which locked. */
#define RV_PMP_MAX 16
#define RV_PMP_R 0x01
#define RV_PMP_W 0x02
#define RV_PMP_X 0x04
#define RV_PMP_A 0x18 /* address matching: OFF, TOR, NA4, NAPOT */
#define RV_PMP_L 0x80
/* mseccfg (Smepmp 1.0): machine mode lockdown, whitelist policy, rule locking bypass */
#define RV_MSECCFG_MML 0x1
#define RV_MSECCFG_MMWP 0x2
#define RV_MSECCFG_RLB 0x4
struct rv_pmp {
    unsigned n;      /* entries implemented (the pmp-regions property) */
    unsigned g;      /* granularity: 2^(g+2) bytes (pmp-granularity) */
    bool smepmp;     /* the hart has Smepmp's mseccfg (Ibex with PMP) */
    uint8_t mseccfg; /* RV_MSECCFG_* */
    bool binds_m;    /* M mode's accesses are checked: an entry is locked, or MML or MMWP */
    uint16_t active; /* bit i: entry i matches something */
    uint16_t locked; /* bit i: entry i is active and locked (it binds M mode too) */
    uint8_t cfg[RV_PMP_MAX];
    uint32_t addr[RV_PMP_MAX];
    uint64_t lo[RV_PMP_MAX], hi[RV_PMP_MAX];
};

/* How a core legalizes a write of a mode it lacks (2: S, 1: reserved) to mstatus.MPP
 * (WARL): Ibex makes it U; Rocket-derived cores (the E31) keep its low bit (1 -> M, 2 -> U). */
enum rv_mpp_warl { RV_MPP_WARL_U, RV_MPP_WARL_LOW_BIT };

enum rv_misaligned { RV_MISALIGNED_TRAP, RV_MISALIGNED_SPLIT };

/* The bit-manipulation extensions a hart decodes (struct rv_cpu isa_ext; its timing model
 * sets them from its properties: the functional model's zba..zbs, Ibex's rv32b).  The
 * ratified Zba, Zbb, Zbc, Zbs (Bitmanip 1.0.0); the draft 0.93 ones, as Ibex groups its
 * instructions: Zbf bfp with pack, packu, packh; Zbp grev[i], gorc[i], shfl[i], unshfl[i],
 * xperm.n/b/h, slo[i], sro[i]; Zbr crc32[c].b/h/w; Zbt cmix, cmov, fsl, fsr, fsri; Zbe
 * bcompress, bdecompress.  RV_EXT_IBEX: the shift-immediate encodings as Ibex decodes them
 * (it ignores imm[25], and for bclri, bseti, binvi and sloi imm[26:25]) and misa's X bit. */
#define RV_EXT_ZBA 0x001u
#define RV_EXT_ZBB 0x002u
#define RV_EXT_ZBC 0x004u
#define RV_EXT_ZBS 0x008u
#define RV_EXT_ZBF 0x010u
#define RV_EXT_ZBP 0x020u
#define RV_EXT_ZBR 0x040u
#define RV_EXT_ZBT 0x080u
#define RV_EXT_ZBE 0x100u
#define RV_EXT_IBEX 0x200u

/* A fast data window: one host-memory region the last access hit. */
struct rv_window {
    uint32_t base;
    uint32_t lim;        /* offsets below lim take a word access; 0 = no window */
    uint8_t *host;
    bool writable;
    uint8_t read_wait, write_wait;
};

#define RV_TM_INLINE 512

/* Interrupt latency (observe.c): per source (MSI, MTI, MEI) the cycle of the line's last
 * rising edge and whether an interrupt entry has answered it yet; the traps in progress,
 * innermost last, each with the source and edge it answers (src -1: none, an exception);
 * the samples, in cycles, from the edge to the handler's first instruction (entry) and to
 * the instruction after its mret (ret). */
#define RV_LAT_SOURCES 3
#define RV_LAT_NEST 8
struct rv_lat_samples {
    uint64_t *v;
    size_t n, cap;
};
struct rv_lat_nest {
    int8_t src;
    uint64_t at;
};
struct rv_latency {
    bool on; /* kept at all (struct machine.irq_latency) */
    uint64_t asserted[RV_LAT_SOURCES];
    bool fresh[RV_LAT_SOURCES];
    struct rv_lat_nest nest[RV_LAT_NEST];
    unsigned depth;
    bool returned; /* an mret of an answered interrupt ran: ret_src, ret_at */
    int ret_src;
    uint64_t ret_at;
    struct rv_lat_samples entry[RV_LAT_SOURCES], ret[RV_LAT_SOURCES];
};

struct rv_cpu {
    struct device dev;

    /* ---- The hart's run-time state: everything from x to state_end.  A checkpoint saves
     * it as it is (cpu.c, cpu_save; the timing model's state apart), so what the hart
     * keeps from one instruction to the next belongs here, and nothing here may be a
     * pointer: what is derived from it (decoded and translated code, the memory windows)
     * and what it is wired to lie after state_end (docs/architecture.md, "Adding a
     * timing model"). ---- */
    uint32_t x[32];
    uint32_t pc;
    uint64_t cycle;       /* cycles since reset: the clock that drives time */
    uint64_t instret;     /* instructions retired since reset */
    uint64_t exceptions;  /* instructions that ended in an exception (they do not retire) */
    uint64_t cycle_limit; /* the run loop leaves when cycle >= cycle_limit */
    uint64_t slow_stores; /* stores that left the fast path (devices, watched pages, code) */

    /* Machine CSRs */
    uint32_t mstatus, misa, mie, mip, mtvec, mepc, mcause, mtval, mscratch, mhartid;
    uint32_t mcountinhibit;
    uint32_t mcounteren; /* which counters U mode may read (Priv 3.1.11) */
    uint8_t priv;        /* the privilege level: RV_PRIV_M or RV_PRIV_U */
    struct rv_pmp pmp;
    uint64_t mcycle_base, minstret_base; /* mcycle = cycle - mcycle_base (when counting) */
    /* Asleep in wfi on a core that gates its clock there (the ibex model sets it): the
     * first cycle without a clock, which mcycle does not count from then on (csr.c);
     * UINT64_MAX while the clock runs.  The wake-up folds the gated cycles into
     * mcycle_base (rv_clock_ungate). */
    uint64_t clock_gated_from;
    uint64_t mcycle_frozen, minstret_frozen;
    uint32_t mip_lines;                  /* levels of the external MSIP/MTIP/MEIP lines */
    uint64_t irq_rise;   /* the cycle in which an interrupt line last rose */

    /* The last trap and the instret it came at, and how many times in a row it came at
     * the same pc with nothing retired between: a trap loop (rv_trap). */
    uint32_t loop_cause, loop_pc;
    uint64_t loop_instret;
    uint32_t loop_count;

    uint32_t resv_addr;
    bool resv_valid;
    bool wfi;            /* asleep in wfi */
    uint32_t semi_feature_pos; /* read position in ":semihosting-features" */

    /* Clock: time = clk_base_time + cycles since clk_base_cycle at clk.hz */
    struct sim_clock clk;
    sim_time_t clk_base_time;
    uint64_t clk_base_cycle;
    uint64_t freq;       /* the freq property: the core clock, which a PLL may change */

    struct rv_stats stats;
    struct rv_hpm hpm;     /* mhpmcounter3.. and mhpmevent3.. (the model counts events) */
    unsigned hpm_counters; /* how many the core has (the model says) */
#define RV_CPUCTRL_ICACHE 0x1u
#define RV_CPUCTRL_SECURE 0x3eu /* data_ind_timing, dummy_instr_en, dummy_instr_mask */
#define RV_CPUCTRL_DIT 0x2u
#define RV_CPUCTRL_SYNC_EXC 0x40u
#define RV_CPUCTRL_DOUBLE_FAULT 0x80u
#define RV_CPUCTRL_KEY_VALID 0x100u
    uint32_t cpuctrl;      /* Ibex's cpuctrlsts: what is written and the exception bits */
    char state_end[0];     /* ---- the end of the run-time state ---- */

    /* Properties */
    uint64_t reset_pc;
    int boot;            /* 0: the ELF entry when an ELF is loaded, 1: reset_pc */
    uint64_t mtvec_reset;
    uint64_t hartid;
    uint64_t mvendorid, marchid, mimpid; /* what the ID CSRs read (Priv 3.1.2-3.1.4) */
    int model;           /* the model property: an index into rv_models() */
    int misaligned;      /* enum rv_misaligned */
    bool has_a;          /* the A extension (Ibex has none: AMOs are illegal) */
    bool mtvec_vectored; /* mtvec is vectored only, 256-byte aligned (Ibex) */
    /* The core's own choices where the privileged spec leaves them open: Ibex has no user
     * counters (cycle, time, instret: illegal), its mcounteren reads 0, it resets
     * mstatus.MPP to U and MPIE to 1; the others reset MPP to M. */
    bool user_counters;
    bool mcounteren_rw;
    bool tw_writable;
    uint8_t mpp_warl; /* enum rv_mpp_warl */
    uint32_t mstatus_reset;
    uint64_t pmp_regions, pmp_granularity; /* properties */
    uint32_t isa_ext;    /* RV_EXT_*: set by the timing model's realize */
    /* The board's values for properties of its model (key, value; strdup'd), applied when
     * that model is the one that runs (model.h). */
    struct kv *model_props;
    size_t nmodel_props;

    /* The memory system and what is derived from memory: decoded and translated code */
    struct bus *bus;
    struct rv_window rd_win, wr_win;
    /* The decode cache of the current privilege level: dcache_m, or on a hart with PMP in U
     * mode dcache_u, so that an instruction decoded in M mode is never run unchecked in U
     * mode; translated blocks are keyed by the level too (jit_key: 1 for M, and 1 << 32 | 1
     * for U; jit.h).  A PMP change drops the decoded and translated instructions where a
     * level's fetch permission changed (pmp.c). */
    struct rv_insn *dcache;
    struct rv_insn *dcache_m, *dcache_u;
    bool dcache_u_unused; /* not used yet, nor cleared: its pages untouched until U mode */
    uint64_t jit_key;
    /* PMP binds data accesses now (the effective privilege for loads and stores is U, or
     * an entry is locked): the data windows cover only bytes it allows. */
    bool pmp_data;
    uint8_t data_priv; /* that privilege: MPP when mstatus.MPRV is set in M mode */
    /* The access fault being raised is PMP's: 1 + which word request of the access it
     * refused (0: the first, 1: the second of a split one); 0 otherwise.  The Ibex model
     * times it and clears it. */
    uint8_t pmp_fault;
    uint8_t *code_pages; /* a byte per 4 KiB page: RV_PAGE_* (internal.h) */
    uint64_t **code_bits; /* per 64 KiB: which halfwords hold code (internal.h), or NULL */
    uint32_t code_lo, code_hi; /* the 64 KiB with a bitmap lie in [code_lo, code_hi] */
    struct rv_jit *jit;  /* the block translator, NULL when the model interprets */
    void *jit_blk;       /* a timed block left before instruction jit_k: which, and where */
    uint32_t jit_k;
    uint32_t jit_divzero; /* bit i: the timed block's divide i had a divisor of 0 */
    uint64_t jit_cycle_end; /* timed code runs on: the cycle its budget counts down to */
    uint64_t jit_stall[8];  /* stall counts timed code replayed, not yet in stats (jit.h) */
    uint32_t jit_trace[128]; /* what a traced block did (jit.h, struct jit_timing traced) */
    /* traced blocks' dispatcher and tails: the registers (bit r; bit 0 the multiplier) that
     * may be ready after the present cycle, none after until (run_e31.c struct e31_late) */
    uint32_t jit_late_mask;
    uint64_t jit_late_until;
    /* --pipeline: where the timing model reports each instruction's stages (pipe.h), NULL
     * when nothing records; and the first cycle of the next instruction's fetch (its
     * predecessor's entry to ID, or the cycle fetch was redirected to it) */
    struct pipe_sink *pipe;
    uint64_t pipe_if;

    bool halted;         /* stopped by the debugger or a stop request */

    /* The timing model that runs (model.h) and its state: its properties and pipeline.  A
     * state of up to RV_TM_INLINE bytes lives in tm_inline (c->tm points there), which a
     * model may reach at its constant offset in the CPU instead (rv_tm_inline): the run
     * loop then needs no load of c->tm, and the compiler keeps the state apart from the
     * rest of the CPU (the ibex model's loops: 2.4% fewer host instructions). */
    const struct rv_model *tm_model;
    void *tm;
    _Alignas(16) unsigned char tm_inline[RV_TM_INLINE];
    struct rv_latency lat;
    bool obs_detail; /* an observer wants struct cpu_insn's detail (observe.c) */
    char obs_csr_buf[8]; /* the name of a CSR without one ("0x7c0") */

    /* How the model says the counters and Ibex's own CSRs are (run_ibex.c): cpuctrlsts
     * (0x7c0, and secureseed 0x7c1) and the trigger CSRs (0x7a0-0x7aa, dbg-triggers). */
    unsigned hpm_width;    /* the counters' width in bits, 1 to 64 (0: 40) */
    bool hpm_fixed;        /* mhpmevent3.. are hard-wired: counter N counts event bit N - 3 */
    bool has_cpuctrl, has_triggers;
    uint32_t cpuctrl_wmask; /* the bits of cpuctrlsts software can write */
    uint32_t cpuctrl_ones;  /* the bits that read 1 (ic_scr_key_valid with a cache) */

    /* Debug hooks, set by the gdb stub; NULL when no debugger is attached.  Breakpoints
     * cost nothing per instruction: the decoder turns a breakpoint address into
     * RV_DEBUG_BREAK.  Watchpoints mark pages in code_pages so stores there take the
     * slow path; no_read_window sends every load there while read watchpoints exist. */
    bool single_step;
    bool no_read_window;
    bool (*dbg_is_breakpoint)(struct rv_cpu *c, uint32_t pc);
    bool (*dbg_watch_load)(struct rv_cpu *c, uint32_t addr, unsigned size);
    bool (*dbg_watch_store)(struct rv_cpu *c, uint32_t addr, unsigned size);
    void *dbg;
    /* A one-time break (cpu_ops.break_at, rv_break_once): the instruction at brk_pc
     * decodes to RV_DEBUG_BREAK while brk_fn is set. */
    void (*brk_fn)(struct cpu *c, void *opaque);
    void *brk_opaque;
    uint32_t brk_pc;

    struct sim_processor proc;
    sim_time_t horizon;
    /* The kernel's sim.overrun in cycles, when past cycle_limit: how far translated code
     * may run on past it rather than interpret up to it (rv_cpu_run sets it with the
     * limit; a kick or a new horizon clears it, as does the end of the run). */
    uint64_t cycle_over;
    /* --fast-forward: the model and state to run when it ends (rv_cpu_end_fast_forward);
     * until then tm_model is the functional model.  NULL: none. */
    const struct rv_model *ff_model;
    void *ff_tm;
    /* --stats counts from these (rv_cpu_restart_stats) */
    uint64_t stats_cycle, stats_instret;

    struct cpu cpu; /* the hart as the rest of socsim sees it (soc/cpu.h, iface.c) */
};

/* The model's state when it fits in the CPU (its size at most RV_TM_INLINE: a model that
 * uses this asserts it). */
static inline void *rv_tm_inline(const struct rv_cpu *c) { return (void *)c->tm_inline; }

/* The name of the timing model the CPU runs ("ibex"). */
const char *rv_cpu_model_name(const struct rv_cpu *c);

/* Names for logs and messages (disasm.c). */
extern const char *const rv_reg_names[32]; /* ABI names: zero, ra, sp, ... */
extern const char *const rv_op_names[RV_OP_COUNT];
/* d, decoded from pc, in assembly ("addi a0, zero, 1"); a compressed instruction shows the
 * instruction it expands to. */
void rv_disasm(const struct rv_insn *d, uint32_t pc, char *buf, size_t n);
/* What an mcause value means ("illegal instruction", "machine timer interrupt"). */
const char *rv_cause_name(uint32_t cause);

/* The instruction bits at pc, as fetched (for mtval on an illegal instruction). */
uint32_t rv_insn_bits(struct rv_cpu *c, uint32_t pc);
/* Decode one instruction (raw bits; 16-bit ones in the low half) into d, for a hart with
 * the extensions ext (RV_EXT_*: what it lacks decodes as RV_ILLEGAL). */
void rv_decode(uint32_t raw, uint32_t ext, struct rv_insn *d);

void rv_cpu_reset(struct rv_cpu *c);
/* Run until time `horizon`, a stop request, or the instruction limit. */
void rv_cpu_run(struct rv_cpu *c, sim_time_t horizon);
/* Execute exactly one instruction (or take one pending interrupt), for debugger steps. */
void rv_cpu_step(struct rv_cpu *c);
sim_time_t rv_cpu_now(const struct rv_cpu *c);
/* Move the pc from outside (a debugger, a scenario): the timing model refetches from it. */
void rv_cpu_set_pc(struct rv_cpu *c, uint32_t pc);
/* Change the core clock (PLL reprogrammed): time per cycle changes from now on. */
void rv_cpu_set_freq(struct rv_cpu *c, uint64_t hz);
/* A trap loop: the same trap this many times in a row at the same pc, no instruction
 * retired between, stops the run with SIM_STOP_TRAP_LOOP. */
#define RV_TRAP_LOOP_REPEATS 100
/* The trap-loop stop in words, for the user: "firmware stuck in a trap loop: mcause=..." */
void rv_trap_loop_describe(const struct rv_cpu *c, char *buf, size_t n);
/* Set or clear one of the external interrupt lines (RV_MIP_*). */
void rv_cpu_set_line(struct rv_cpu *c, uint32_t mip_bit, bool level);
/* Make the run loop return at the next instruction boundary. */
static inline void rv_cpu_kick(struct rv_cpu *c) { c->cycle_limit = c->cycle_over = 0; }

/* The CSRs the hart implements, by name (for gdb's target description, Lua, --stats). */
struct rv_csr_name {
    uint16_t num;
    const char *name;
};
extern const struct rv_csr_name rv_csr_names[];
extern const unsigned rv_csr_name_count;
/* A CSR's number from its name, -1 when unknown. */
int rv_csr_number(const char *name);
/* A CSR's name, or its number in hex (written to buf) when the hart has none by it. */
const char *rv_csr_label(uint32_t num, char *buf, size_t n);

/* CSR access as the debugger sees it (no side effects on read). */
int rv_csr_read(struct rv_cpu *c, uint32_t csr, uint32_t *val);
int rv_csr_write(struct rv_cpu *c, uint32_t csr, uint32_t val);
uint64_t rv_mcycle(const struct rv_cpu *c);
uint64_t rv_minstret(const struct rv_cpu *c);
/* minstret counts n more than the instructions retired (a core's quirk, as the Ibex
 * model's), unless mcountinhibit.IR stops it. */
void rv_minstret_add(struct rv_cpu *c, uint64_t n);

/* Invalidate decoded instructions overlapping [addr, addr + n). */
void rv_dcache_invalidate(struct rv_cpu *c, uint32_t addr, uint32_t n);
void rv_dcache_flush(struct rv_cpu *c);
/* --fast-forward: from the functional model to the one the CPU was made with (cpu.h's
 * ff_model), and --stats from here (soc/cpu.h: end_fast_forward, restart_stats). */
int rv_cpu_end_fast_forward(struct rv_cpu *c);
void rv_cpu_restart_stats(struct rv_cpu *c);

/* Debugger memory access (semihosting): bus_debug_read, bus_debug_write on the CPU's bus. */
uint32_t rv_debug_read(struct rv_cpu *c, uint32_t addr, void *buf, uint32_t n);
uint32_t rv_debug_write(struct rv_cpu *c, uint32_t addr, const void *buf, uint32_t n);

struct rv_cpu *rv_cpu_of(struct device *d);
/* The hart behind the CPU interface, and the operations it implements (iface.c). */
static inline struct rv_cpu *rv_cpu_from(struct cpu *c)
{
    return container_of(c, struct rv_cpu, cpu);
}
extern const struct cpu_ops rv_cpu_ops;
/* Send stores to the page holding addr through the slow path (HTIF tohost, watchpoints). */
void rv_page_watch_public(struct rv_cpu *c, uint32_t addr);

#endif
