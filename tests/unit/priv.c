/* U mode and PMP CSRs as each CPU type has them (docs/timing-models.md, "Privilege modes and
 * PMP"): misa, mstatus at reset and its WARL fields (MPP written with 1 and 2, MPRV, TW),
 * mcounteren; PMP's WARL read-backs (W without R, NA4 with a grain above 4 bytes, pmpaddr's
 * low bits with a grain, locked entries and a locked TOR entry's base, entries beyond
 * pmp-regions, no PMP at all); and a U-mode program on each type, translated and
 * interpreted: cycle with mcounteren.CY open, instret with IR closed, wfi with TW, a
 * machine CSR, ecall, and mret to U clearing MPRV.  The Ibex values are the RTL's
 * (shared/reference/ibex-ext: misa 0x40101104, mstatus 0x80, MPP 1 and 2 read U).
 * Smepmp on Ibex with PMP: mseccfg's sticky and locked bits, the pmpcfg writes MML refuses,
 * every LRWX encoding against the specification's truth table, and a program in M mode
 * under MML and MMWP faulting on fetches and loads, translated and interpreted. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/bus.h"
#include "soc/cpu/riscv/cpu.h"
#include "soc/cpu/riscv/internal.h"
#include "soc/device.h"
#include "soc/machine.h"
#include "tests/unit/check.h"
#include "tests/unit/rv_enc.h"

#define RAM_BASE 0x80000000u
#define RAM_SIZE 0x10000u
#define HANDLER (RAM_BASE + 0x100)
#define U_CODE (RAM_BASE + 0x400)
#define LOG (RAM_BASE + 0x8000) /* the handler's record of mcause values */
#define RO_WORD (RAM_BASE + 0x8100) /* U mode may read it, not write it */

enum { MSTATUS = 0x300, MISA = 0x301, MCOUNTEREN = 0x306, PMPCFG0 = 0x3a0, PMPCFG1 = 0x3a1,
       PMPADDR0 = 0x3b0, MSECCFG = 0x747, MSECCFGH = 0x757 };
enum { TYPE_RV32, TYPE_IBEX, TYPE_E31, TYPES };
static const char *const type_names[] = {"rv32", "ibex", "e31"};

static struct machine m;
static char name[128];

static struct rv_cpu *setup(int type, const char *regions, const char *grain, int accel)
{
    machine_init(&m);
    m.accel = accel;
    struct kv cpu[] = {{"id", "cpu0"},
                       {"reset-pc", "0x80000000"},
                       {"pmp-regions", regions},
                       {"pmp-granularity", grain}};
    struct kv ram[] = {{"id", "ram"}, {"addr", "0x80000000"}, {"size", "64K"}};
    if (!dev_create(&m, type_names[type], cpu, regions ? 4 : 2, "unit") ||
        !dev_create(&m, "ram", ram, 3, "unit") || machine_finalize(&m)) {
        printf("FAIL priv.setup: %s\n", sim_err_msg());
        exit(1);
    }
    return rv_cpu_from(m.cpus[0]);
}

static uint32_t csr(struct rv_cpu *c, uint32_t n)
{
    uint32_t v = 0xdeadbeef;
    if (rv_csr_read(c, n, &v))
        return 0xdeadbeef;
    return v;
}

#define CHECK_CSR(what, c, n, want)                                                            \
    do {                                                                                       \
        snprintf(name, sizeof(name), "priv.%s.%s", type_names[type], what);                    \
        CHECK_EQ(name, csr(c, n), want);                                                       \
    } while (0)

/* misa, mstatus and mcounteren on each type. */
static void test_csrs(void)
{
    static const uint32_t misa[TYPES] = {0x40101105, 0x40101104, 0x40101105};
    static const uint32_t reset[TYPES] = {0x1800, 0x80, 0x1800};
    static const uint32_t mpp1[TYPES] = {0x1800, 0, 0x1800}; /* MPP written with 1 */
    static const uint32_t tw[TYPES] = {1u << 21, 1u << 21, 0};
    static const uint32_t counteren[TYPES] = {7, 0, 0x1f}; /* the E31: 2 hpm counters */
    for (int type = 0; type < TYPES; type++) {
        struct rv_cpu *c = setup(type, NULL, NULL, MACHINE_ACCEL_INTERP);
        CHECK_CSR("misa", c, MISA, misa[type]);
        CHECK_CSR("mstatus.reset", c, MSTATUS, reset[type]);
        rv_csr_write(c, MSTATUS, 1u << 11);
        CHECK_CSR("mstatus.mpp1", c, MSTATUS, mpp1[type]);
        rv_csr_write(c, MSTATUS, 2u << 11);
        CHECK_CSR("mstatus.mpp2", c, MSTATUS, 0);
        rv_csr_write(c, MSTATUS, 1u << 17);
        CHECK_CSR("mstatus.mprv", c, MSTATUS, 1u << 17);
        rv_csr_write(c, MSTATUS, 1u << 21);
        CHECK_CSR("mstatus.tw", c, MSTATUS, tw[type]);
        rv_csr_write(c, MCOUNTEREN, 0xffffffff);
        CHECK_CSR("mcounteren", c, MCOUNTEREN, counteren[type]);
        machine_free(&m);
    }
}

/* A step of a PMP check: write val to csr, or (what set) read csr and expect val. */
struct step {
    const char *what; /* NULL: a write */
    uint32_t csr, val;
};

static void run_steps(int type, const char *regions, const char *grain, const struct step *st,
                      unsigned n)
{
    struct rv_cpu *c = setup(type, regions, grain, MACHINE_ACCEL_INTERP);
    for (unsigned i = 0; i < n; i++) {
        if (!st[i].what)
            rv_csr_write(c, st[i].csr, st[i].val);
        else
            CHECK_CSR(st[i].what, c, st[i].csr, st[i].val);
    }
    machine_free(&m);
}

/* PMP's CSRs with 16 entries and a grain of 16 bytes (G = 2), 4 entries, none. */
static void test_pmp_csrs(void)
{
    static const struct step g2[] = {
        {NULL, PMPCFG0, 0x1a1a | 0x11u << 16 | 0x0fu << 24},
        /* W without R: W cleared; NA4 with a 16-byte grain: OFF */
        {"pmp.cfg.warl", PMPCFG0, 0x1818 | 0x01u << 16 | 0x0fu << 24},
        {NULL, PMPADDR0, 0x1000}, /* NAPOT: the bit below the grain reads 1 */
        {"pmp.napot.g2", PMPADDR0, 0x1001},
        {NULL, PMPCFG1, 0x08}, /* entry 4 TOR: the grain's bits read 0 */
        {NULL, PMPADDR0 + 4, 0xffffffff},
        {"pmp.tor.g2", PMPADDR0 + 4, 0xfffffffc},
        {NULL, PMPCFG1, 0x8b08}, /* entry 5 TOR, locked: its base pmpaddr4 too */
        {NULL, PMPCFG1, 0x0808},
        {NULL, PMPADDR0 + 4, 0x100},
        {NULL, PMPADDR0 + 5, 0x200},
        {"pmp.locked.cfg", PMPCFG1, 0x8b08},
        {"pmp.locked.base", PMPADDR0 + 4, 0xfffffffc},
        {"pmp.locked.addr", PMPADDR0 + 5, 0},
    };
    static const struct step four[] = {
        {NULL, PMPCFG1, 0x1f},
        {NULL, PMPADDR0 + 4, 0x1234},
        {NULL, PMPADDR0 + 3, 0x1234},
        {"pmp4.cfg1", PMPCFG1, 0},
        {"pmp4.addr4", PMPADDR0 + 4, 0},
        {"pmp4.addr3", PMPADDR0 + 3, 0x1234},
    };
    static const struct step none[] = {{"pmp0.cfg0.illegal", PMPCFG0, 0xdeadbeef}};
    for (int type = 0; type < TYPES; type++) {
        run_steps(type, "16", "2", g2, sizeof(g2) / sizeof(g2[0]));
        run_steps(type, "4", "0", four, sizeof(four) / sizeof(four[0]));
        run_steps(type, "0", "0", none, 1);
    }
}

/* The U-mode program: M mode's mret (to U, MPRV set before) at RAM_BASE, then in U mode
 * rdcycle, rdinstret, wfi (a nop where TW is read-only 0: it would sleep), csrr mstatus,
 * lr.w, sc.w and amoadd.w on a word PMP lets U mode read and not write (the store fault:
 * 7; Ibex has no A: illegal), ecall.  The handler logs mcause at s0 and resumes after the instruction; the ecall's
 * resumes at a j . in M mode. */
static uint8_t image[RAM_SIZE];
static uint32_t at;
static void emit32(uint32_t w) { memcpy(&image[at], &w, 4), at += 4; }

/* A handler's start at HANDLER: log mcause at s0 (advanced), t0 = mcause, t1 = mepc + 4. */
static void emit_handler_log(void)
{
    at = HANDLER - RAM_BASE;
    emit32(i_type(0x342, 0, 2, 5, 0x73)); /* csrr t0, mcause */
    emit32(s_type(0, 5, 8, 2));           /* sw t0, 0(s0) */
    emit32(rv_addi(8, 8, 4));             /* addi s0, s0, 4 */
    emit32(i_type(0x341, 0, 2, 6, 0x73)); /* csrr t1, mepc */
    emit32(rv_addi(6, 6, 4));             /* addi t1, t1, 4 */
}

static void build(bool tw)
{
    memset(image, 0, sizeof(image));
    at = 0;
    emit32(0x30200073); /* mret */
    at = U_CODE - RAM_BASE;
    emit32(i_type(0xc00, 0, 2, 10, 0x73));       /* rdcycle a0 */
    emit32(i_type(0xc02, 0, 2, 11, 0x73));       /* rdinstret a1 */
    emit32(tw ? 0x10500073 : rv_addi(0, 0, 0));  /* wfi */
    emit32(i_type(0x300, 0, 2, 12, 0x73));       /* csrr a2, mstatus */
    emit32(r_type(0x08, 0, 9, 2, 13, 0x2f));     /* lr.w a3, (s1) */
    emit32(r_type(0x0c, 15, 9, 2, 14, 0x2f));    /* sc.w a4, a5, (s1) */
    emit32(r_type(0x00, 15, 9, 2, 13, 0x2f));    /* amoadd.w a3, a5, (s1) */
    emit32(0x00000073);                          /* ecall */
    emit_handler_log();
    emit32(i_type(0x341, 6, 1, 0, 0x73));        /* csrw mepc, t1 */
    emit32(rv_addi(6, 0, 8));                    /* li t1, 8 */
    emit32(b_type(8, 6, 5, 0));                  /* beq t0, t1, +8 */
    emit32(0x30200073);                          /* mret */
    emit32(j_type(0, 0));                        /* j . */
}

/* Run the machine for max_insns instructions, then check the handler's log of mcause
 * values against want[0..n) ("PREFIX.mcauseI"). */
static void run_check_log(const char *prefix, const uint32_t *want, unsigned n, uint64_t max_insns)
{
    sim_resume(&m.sim);
    m.sim.max_insns = max_insns;
    sim_run(&m.sim);
    for (unsigned i = 0; i < n; i++) {
        uint32_t w = 0;
        bus_debug_read(m.sysbus, LOG + 4 * i, &w, 4);
        snprintf(name, sizeof(name), "%s.mcause%u", prefix, i);
        CHECK_EQ(name, w, want[i]);
    }
}

static void test_umode(void)
{
    /* mcause logged: rdcycle (ibex: no user counters), rdinstret (IR closed), wfi (TW),
     * csrr mstatus, lr.w (allowed), sc.w and amoadd.w (store faults), ecall from U */
    static const uint32_t log[TYPES][8] = {
        {2, 2, 2, 7, 7, 8}, {2, 2, 2, 2, 2, 2, 2, 8}, {2, 2, 7, 7, 8}};
    for (int type = 0; type < TYPES; type++) {
        for (int accel = 0; accel < 2; accel++) {
            build(type != TYPE_E31);
            struct rv_cpu *c =
                setup(type, "8", "0", accel ? MACHINE_ACCEL_JIT : MACHINE_ACCEL_INTERP);
            bus_load(m.sysbus, RAM_BASE, image, RAM_SIZE);
            rv_dcache_flush(c);
            c->mtvec = HANDLER | (c->mtvec_vectored ? 1 : 0);
            c->x[8] = LOG;
            c->x[9] = RO_WORD;
            rv_csr_write(c, PMPADDR0, RO_WORD >> 2);
            rv_csr_write(c, PMPADDR0 + 1, (RAM_BASE >> 2) | (RAM_SIZE / 8 - 1));
            rv_csr_write(c, PMPCFG0, 0x1f11); /* NA4 R; all RAM: NAPOT RWX */
            rv_csr_write(c, MCOUNTEREN, 1); /* CY */
            rv_csr_write(c, MSTATUS, 1u << 17 | 1u << 21); /* MPP = U, MPRV, TW */
            rv_csr_write(c, 0x341, U_CODE);
            const char *how = accel ? "jit" : "interp";
            char prefix[64];
            snprintf(prefix, sizeof(prefix), "priv.%s.%s.umode", type_names[type], how);
            run_check_log(prefix, log[type], 8, 100);
            snprintf(name, sizeof(name), "priv.%s.%s.umode.rdcycle", type_names[type], how);
            CHECK(name, type == TYPE_IBEX ? c->x[10] == 0 : c->x[10] > 0);
            snprintf(name, sizeof(name), "priv.%s.%s.umode.mret.clears.mprv", type_names[type],
                     how);
            CHECK_EQ(name, csr(c, MSTATUS) & (1u << 17), 0);
            snprintf(name, sizeof(name), "priv.%s.%s.umode.ends.in.m", type_names[type], how);
            CHECK_EQ(name, c->priv, RV_PRIV_M);
            machine_free(&m);
        }
    }
}

/* mseccfg (Smepmp 1.0): Ibex with PMP has it, the other types and Ibex without PMP not
 * (illegal).  MML and MMWP stay set; RLB can be set only while no entry is locked, and
 * cleared it stays clear once one is; with RLB a locked entry can be written; with MML, W
 * without R is kept (a Shared-Region) and a locked executable rule (LRWX 1101) is refused
 * without RLB, a locked read-only one (1100) is not. */
static void test_mseccfg(void)
{
    static const struct step sticky[] = {
        {"mseccfg.reset", MSECCFG, 0},
        {NULL, MSECCFG, 0xffffffff},
        {"mseccfg.all", MSECCFG, 7},
        {"mseccfgh", MSECCFGH, 0},
        {NULL, MSECCFG, 0},
        {"mseccfg.sticky", MSECCFG, 3}, /* RLB cleared, MML and MMWP kept */
        {NULL, PMPCFG0, 0x1a},          /* NAPOT, W without R: a Shared-Region with MML */
        {"mseccfg.mml.shared", PMPCFG0, 0x1a},
        {NULL, PMPCFG0, 0x9d}, /* L R X: an executable M-mode-only rule, refused */
        {"mseccfg.mml.refused", PMPCFG0, 0x1a},
        {NULL, PMPCFG0, 0x9c << 8 | 0x99}, /* L R, allowed; L X in entry 1, refused */
        {"mseccfg.mml.locked-ro", PMPCFG0, 0x99},
    };
    static const struct step rlb[] = {
        {NULL, MSECCFG, 4},
        {NULL, PMPCFG0, 0x9f}, /* locked */
        {"mseccfg.rlb.set", MSECCFG, 4},
        {NULL, PMPCFG0, 0x1f}, /* RLB: the locked entry can be written */
        {"mseccfg.rlb.bypass", PMPCFG0, 0x1f},
        {NULL, PMPCFG0, 0x9f},
        {NULL, MSECCFG, 0}, /* clearing is allowed */
        {NULL, MSECCFG, 4}, /* setting again is not: an entry is locked */
        {"mseccfg.rlb.locked-out", MSECCFG, 0},
        {NULL, PMPCFG0, 0x1f},
        {"mseccfg.rlb.locked", PMPCFG0, 0x9f},
        {NULL, PMPCFG0, 0x18}, /* W without R, no MML: W cleared */
        {"mseccfg.no-mml.w-cleared", PMPCFG0, 0x9f},
    };
    static const struct step none[] = {{"mseccfg.illegal", MSECCFG, 0xdeadbeef},
                                       {"mseccfgh.illegal", MSECCFGH, 0xdeadbeef}};
    for (int type = 0; type < TYPES; type++) {
        if (type == TYPE_IBEX) {
            run_steps(type, "16", "0", sticky, sizeof(sticky) / sizeof(sticky[0]));
            run_steps(type, "16", "0", rlb, sizeof(rlb) / sizeof(rlb[0]));
        } else {
            run_steps(type, "16", "0", none, 2);
        }
    }
    int type = TYPE_IBEX;
    run_steps(type, "0", "0", none, 2);
}

/* Smepmp 1.0's truth table with MML set, one row per LRWX: what M mode and U mode may do
 * ("rwx" letters), and with no matching entry (M: read and write, not execute; with MMWP
 * nothing; U: nothing). */
static void test_mml_table(void)
{
    static const char *const table[16][2] = {
        {"", ""},  {"", "x"},  {"rw", "r"}, {"rw", "rw"}, /* L=0 R=0 */
        {"", "r"}, {"", "rx"}, {"", "rw"},  {"", "rwx"},  /* L=0 R=1 */
        {"", ""},  {"x", ""},  {"x", "x"},  {"rx", "x"},  /* L=1 R=0 */
        {"r", ""}, {"rx", ""}, {"rw", ""},  {"r", "r"},   /* L=1 R=1 */
    };
    int type = TYPE_IBEX;
    struct rv_cpu *c = setup(type, "16", "0", MACHINE_ACCEL_INTERP);
    rv_csr_write(c, MSECCFG, 5); /* RLB, so that every encoding can be written; MML */
    rv_csr_write(c, PMPADDR0, (RAM_BASE >> 2) | 0x1ff); /* NAPOT 4 KiB */
    static const unsigned perm[3] = {RV_PMP_R, RV_PMP_W, RV_PMP_X};
    static const char letters[] = "rwx";
    for (unsigned lrwx = 0; lrwx < 16; lrwx++) {
        /* pmpcfg's L is bit 7, X 2, W 1, R 0 */
        uint32_t cfg = 0x18 | (lrwx & 8) << 4 | (lrwx & 1) << 2 | (lrwx & 2) | (lrwx & 4) >> 2;
        rv_csr_write(c, PMPCFG0, cfg);
        for (int m = 0; m < 2; m++) {
            char got[4] = "", *g = got;
            for (int k = 0; k < 3; k++)
                if (rv_pmp_allows(c, RAM_BASE, 4, m ? RV_PRIV_U : RV_PRIV_M, perm[k]))
                    *g++ = letters[k];
            *g = 0;
            snprintf(name, sizeof(name), "priv.ibex.mml.%c%c%c%c.%s", lrwx & 8 ? '1' : '0',
                     lrwx & 4 ? '1' : '0', lrwx & 2 ? '1' : '0', lrwx & 1 ? '1' : '0',
                     m ? "u" : "m");
            CHECK_EQ(name, strcmp(got, table[lrwx][m]), 0);
            if (strcmp(got, table[lrwx][m]))
                printf("  got '%s', expected '%s'\n", got, table[lrwx][m]);
        }
    }
    uint32_t out = RAM_BASE + 0x8000; /* no entry matches */
    CHECK("priv.ibex.mml.nomatch.m.rw", rv_pmp_allows(c, out, 4, RV_PRIV_M, RV_PMP_R) &&
                                            rv_pmp_allows(c, out, 4, RV_PRIV_M, RV_PMP_W));
    CHECK("priv.ibex.mml.nomatch.m.no-x", !rv_pmp_allows(c, out, 4, RV_PRIV_M, RV_PMP_X));
    CHECK("priv.ibex.mml.nomatch.u", !rv_pmp_allows(c, out, 4, RV_PRIV_U, RV_PMP_R));
    rv_csr_write(c, MSECCFG, 2);
    CHECK("priv.ibex.mmwp.nomatch.m", !rv_pmp_allows(c, out, 4, RV_PRIV_M, RV_PMP_R));
    machine_free(&m);
}

/* A program in M mode under MML: entry 0 makes the code and the handler M-mode-only
 * read/execute, entry 1 a U-mode-only region, entry 2 the log M-mode-only read/write.  A
 * load from the U-mode-only region faults (5); a store where no entry matches does not; a
 * jump there faults on the fetch (1); once MMWP is set a load there faults too (5). */
static void test_mml_run(void)
{
    const uint32_t uonly = RAM_BASE + 0x400, free_ = RAM_BASE + 0x9000, cont = RAM_BASE + 0x10;
    static const uint32_t log[4] = {5, 1, 5, 0};
    int type = TYPE_IBEX;
    for (int accel = 0; accel < 2; accel++) {
        memset(image, 0, sizeof(image));
        at = 0;
        emit32(i_type(0, 9, 2, 5, 0x03));     /* lw t0, 0(s1): U-only, fault */
        emit32(s_type(0, 5, 18, 2));          /* sw t0, 0(s2): no entry, allowed */
        emit32(i_type(0, 18, 0, 0, 0x67));    /* jr s2: fetch fault */
        emit32(j_type(0, 0));                 /* (not reached) */
        emit32(i_type(0, 18, 2, 6, 0x03));    /* cont: lw t1, 0(s2): allowed */
        emit32(i_type(0x747, 2, 6, 0, 0x73)); /* csrsi mseccfg, 2 (MMWP) */
        emit32(i_type(0, 18, 2, 7, 0x03));    /* lw t2, 0(s2): fault */
        emit32(j_type(0, 0));                 /* j . */
        emit_handler_log();
        emit32(rv_addi(7, 0, 1));             /* li t2, 1 */
        emit32(b_type(8, 7, 5, 1));           /* bne t0, t2, +8 */
        emit32(rv_addi(6, 19, 0));            /* mv t1, s3 (a fetch fault: cont) */
        emit32(i_type(0x341, 6, 1, 0, 0x73)); /* csrw mepc, t1 */
        emit32(0x30200073);                   /* mret */
        struct rv_cpu *c = setup(type, "16", "0", accel ? MACHINE_ACCEL_JIT : MACHINE_ACCEL_INTERP);
        bus_load(m.sysbus, RAM_BASE, image, RAM_SIZE);
        rv_dcache_flush(c);
        c->mtvec = HANDLER | 1; /* (vectored: exceptions go to the base) */
        c->x[8] = LOG, c->x[9] = uonly, c->x[18] = free_, c->x[19] = cont;
        rv_csr_write(c, PMPADDR0, (RAM_BASE >> 2) | 0x3f);       /* 512 B: code, handler */
        rv_csr_write(c, PMPADDR0 + 1, (uonly >> 2) | 0x1f);      /* 256 B */
        rv_csr_write(c, PMPADDR0 + 2, (LOG >> 2) | 0x1f);        /* 256 B */
        rv_csr_write(c, PMPCFG0, 0x9b << 16 | 0x1f << 8 | 0x9d); /* 1110, 0111, 1101 */
        rv_csr_write(c, MSECCFG, 1);                             /* MML */
        const char *how = accel ? "jit" : "interp";
        char prefix[64];
        snprintf(prefix, sizeof(prefix), "priv.ibex.%s.mml", how);
        run_check_log(prefix, log, 4, 60);
        uint32_t w = 1;
        bus_debug_read(m.sysbus, free_, &w, 4);
        snprintf(name, sizeof(name), "priv.ibex.%s.mml.store-allowed", how);
        CHECK_EQ(name, w, 5); /* t0: the handler's mcause, stored where no entry matches */
        snprintf(name, sizeof(name), "priv.ibex.%s.mml.mseccfg", how);
        CHECK_EQ(name, csr(c, MSECCFG), 3);
        snprintf(name, sizeof(name), "priv.ibex.%s.mml.ends", how);
        CHECK_EQ(name, c->pc, cont + 12);
        machine_free(&m);
    }
}

int main(void)
{
    test_csrs();
    test_pmp_csrs();
    test_umode();
    test_mseccfg();
    test_mml_table();
    test_mml_run();
    return check_failures ? 1 : 0;
}
