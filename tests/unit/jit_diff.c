/* The block translator against the interpreter, on random programs: two machines (a
 * functional rv32 hart, 64 KiB of RAM, a CLINT whose timer interrupts the program every few
 * dozen instructions) run the same random RV32IMC code, one with -accel interp, one with
 * -accel jit, and are stopped together at random instruction counts (so translated blocks
 * are cut off at every position); at each stop every register, pc, cycle and instruction
 * count, the trap CSRs and all of RAM must be equal.  The programs branch and jump at
 * random, trap (load faults, wild jumps, illegal instructions, ecall), read mcycle and
 * minstret, take interrupts, and store into their own code (which must throw away the
 * translations of the bytes stored, and only those: the stores through x9 land in the
 * first 2 KiB of the body, where the programs run) and into the data they keep among it
 * (a few bytes here and there, jumped over: next to translated instructions, in their
 * granules).  The U-mode kinds run the programs in U mode under PMP (three NAPOT entries:
 * a KiB of the body and one of the data whose permissions, and the level the handler
 * returns to, mstatus.MPP written with any of 0-3, change at every trap), so that code
 * decoded and translated under one privilege level and set of PMP rules meets the others
 * (fetch faults, data windows).  Deterministic: fixed seeds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/bus.h"
#include "soc/cpu/riscv/cpu.h"
#include "soc/cpu/riscv/jit.h"
#include "soc/cpu/riscv/jit_host.h"
#include "soc/cpu/riscv/model.h"
#include "soc/cpu/riscv/timing_e31.h"
#include "soc/device.h"
#include "soc/machine.h"
#include "tests/unit/check.h"
#include "tests/unit/rv_enc.h"

#define RAM_BASE 0x80000000u
#define RAM_SIZE 0x10000u
#define HANDLER (RAM_BASE + 0x100)
#define BODY (RAM_BASE + 0x400)
#define BODY_MAX 0x3800u /* bytes of random code */
#define DATA (RAM_BASE + 0x8800)
#define CLINT 0x2000000u
#define PROLOGUE (RAM_BASE + 0x200) /* the U-mode kinds' M-mode start: PMP, mret to BODY */

static uint64_t rng;
static uint32_t rnd(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}
static uint32_t below(uint32_t n) { return rnd() % n; }

/* ---- the program ---- */
static uint8_t image[RAM_SIZE];
static uint32_t at; /* emit offset in image */

static void emit32(uint32_t w) { memcpy(&image[at], &w, 4), at += 4; }
static void emit16(uint16_t h) { memcpy(&image[at], &h, 2), at += 2; }

/* A destination: any register but x8 and x9 (the data and code pointers) and x30, x31
 * (the handler's). */
static unsigned rd_any(void)
{
    static const unsigned regs[] = {1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17,
                                    18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 0};
    return regs[below(sizeof(regs) / sizeof(regs[0]))];
}
static unsigned rs_any(void) { return below(32); }

/* A branch offset from the current instruction that stays in the body: near, or where far
 * (not c.beqz, c.bnez) and gen_far now and then up to 1 KiB away (loops whose lines share
 * I-cache sets: e31-smallcache-waits' sets repeat every 256 bytes). */
static bool gen_far;
static int32_t body_offset(bool far)
{
    int32_t here = (int32_t)(at - (BODY - RAM_BASE));
    int32_t off = ((int32_t)below(257) - 128) & ~1;
    if (far && gen_far && below(16) == 0)
        off = ((int32_t)below(2049) - 1024) & ~1;
    if (here + off < 0 || here + off >= (int32_t)BODY_MAX - 8)
        off = -here;
    return off;
}

/* A bit-manipulation instruction: the ratified ones and Ibex's drafts (illegal where the
 * hart lacks them), with imm[26:25] of the shift-immediate forms now and then set (which
 * Ibex ignores for the B forms). */
static bool gen_b; /* programs with them (the kinds with B) */
/* Programs whose loads often read the word the last store through x8 wrote, one at once
 * after it now and then (the e31 kinds: a load to a word still in the store pipeline
 * waits, timing_e31.h e31_mem). */
static bool gen_reload;
static int32_t last_store; /* that store's offset */
static void emit_bitmanip(void)
{
    static const uint8_t r_ops[][2] = {
        {0x10, 2}, {0x10, 4}, {0x10, 6}, {0x20, 7}, {0x20, 6}, {0x20, 4}, {0x30, 1},
        {0x30, 5}, {0x05, 4}, {0x05, 5}, {0x05, 6}, {0x05, 7}, {0x04, 4}, {0x24, 4},
        {0x04, 7}, {0x24, 1}, {0x14, 1}, {0x34, 1}, {0x24, 5}, {0x24, 7}, {0x34, 5},
        {0x14, 5}, {0x04, 1}, {0x04, 5}, {0x14, 2}, {0x14, 4}, {0x14, 6}, {0x10, 1},
        {0x10, 5}, {0x05, 1}, {0x05, 3}, {0x05, 2}, {0x04, 6}, {0x24, 6}};
    /* funct5 and funct3 of the shift-immediate forms; 0x0c/1 is the unary group */
    static const uint8_t i_ops[][2] = {{0x04, 1}, {0x09, 1}, {0x05, 1}, {0x0d, 1}, {0x01, 1},
                                       {0x04, 5}, {0x0c, 5}, {0x09, 5}, {0x0d, 5}, {0x05, 5},
                                       {0x01, 5}, {0x0c, 1}};
    static const uint8_t unary[] = {0x00, 0x01, 0x02, 0x04, 0x05, 0x10, 0x11, 0x12, 0x18,
                                    0x19, 0x1a};
    unsigned k = below(10), rd = rd_any();
    if (k < 5) {
        const uint8_t *o = r_ops[below(sizeof(r_ops) / sizeof(r_ops[0]))];
        unsigned rs2 = below(8) ? rs_any() : 0; /* pack with x0 is zext.h */
        emit32(r_type(o[0], rs2, rs_any(), o[1], rd, 0x33));
    } else if (k < 9) {
        const uint8_t *o = i_ops[below(sizeof(i_ops) / sizeof(i_ops[0]))];
        uint32_t imm = o[0] == 0x0c && o[1] == 1 ? unary[below(sizeof(unary))] : below(32);
        if (o[0] == 0x0d && below(3) == 0)
            imm = 24; /* rev8 */
        if (o[0] == 0x05 && o[1] == 5 && below(3) == 0)
            imm = 7; /* orc.b */
        if (below(8) == 0)
            imm |= below(4) << 5; /* imm[6:5] */
        emit32(i_type((int32_t)(o[0] << 7 | imm), rs_any(), o[1], rd, 0x13));
    } else { /* cmix, cmov, fsl, fsr; fsri */
        unsigned rs3 = rs_any();
        if (below(4) == 0)
            emit32(rs3 << 27 | 1u << 26 | below(64) << 20 | rs_any() << 15 | 5u << 12 | rd << 7 |
                   0x13);
        else
            emit32(rs3 << 27 | (2 + below(2)) << 25 | rs_any() << 20 | rs_any() << 15 |
                   (below(2) ? 5u : 1u) << 12 | rd << 7 | 0x33);
    }
}

static void emit_random(void)
{
    static const unsigned alu_f3[] = {0, 2, 3, 4, 6, 7, 1, 5};
    if (gen_b && below(4) == 0) {
        emit_bitmanip();
        return;
    }
    if (below(25) == 0) { /* 2 to 14 bytes of data, jumped over */
        unsigned len = 2 * (1 + below(7));
        emit32(j_type((int32_t)(4 + len), 0));
        for (unsigned i = 0; i < len; i += 2)
            emit16((uint16_t)rnd());
        return;
    }
    unsigned k = below(1000);
    if (k < 300) { /* register-register ALU, and M */
        unsigned f3 = below(8);
        unsigned f7 = below(4) == 0 ? 1 : ((f3 == 0 || f3 == 5) && below(2) ? 0x20 : 0);
        /* (a third of them with rd one of the sources: the translator's register
         * mapping treats those apart) */
        unsigned rd = rd_any(), rs1 = rs_any(), rs2 = rs_any(), same = below(6);
        if (same == 0)
            rs1 = rd;
        else if (same == 1)
            rs2 = rd;
        emit32(r_type(f7, rs2, rs1, f3, rd, 0x33));
    } else if (k < 500) { /* immediate ALU */
        unsigned f3 = alu_f3[below(8)];
        int32_t imm = (int32_t)below(4096) - 2048;
        if (f3 == 1)
            imm &= 31;
        else if (f3 == 5)
            imm = (imm & 31) | (below(2) ? 0x400 : 0);
        emit32(i_type(imm, rs_any(), f3, rd_any(), 0x13));
    } else if (k < 530) {
        emit32((rnd() & 0xfffff000u) | rd_any() << 7 | (below(2) ? 0x37 : 0x17)); /* lui, auipc */
    } else if (k < 640) { /* load through the data pointer (x9: the code) */
        static const unsigned f3s[] = {0, 1, 2, 4, 5};
        unsigned base = below(8) ? 8 : 9;
        int32_t off = base == 8 ? (int32_t)below(4096) - 2048 : (int32_t)below(1024) - 512;
        if (gen_reload && base == 8 && below(2))
            off = last_store;
        emit32(i_type(off, base, f3s[below(5)], rd_any(), 0x03));
    } else if (k < 740) { /* store (x9: into the code, now and then) */
        unsigned base = below(8) ? 8 : 9;
        int32_t off = base == 8 ? (int32_t)below(4096) - 2048 : (int32_t)below(1024) - 512;
        if (base == 8)
            last_store = off;
        emit32(s_type(off, rs_any(), base, below(3)));
        if (gen_reload && base == 8 && below(2) && at < BODY - RAM_BASE + BODY_MAX - 8)
            emit32(i_type(off & ~3, 8, 2, rd_any(), 0x03)); /* lw of its word */
    } else if (k < 840) { /* conditional branch */
        static const unsigned f3s[] = {0, 1, 4, 5, 6, 7};
        emit32(b_type(body_offset(true), rs_any(), rs_any(), f3s[below(6)]));
    } else if (k < 860) {
        emit32(j_type(body_offset(true), below(2) ? 0 : 1)); /* jal */
    } else if (k < 930) { /* compressed */
        unsigned r = rd_any(), c = below(8);
        if (r == 0)
            r = 1;
        switch (c) {
        case 0: /* c.addi */
            emit16((uint16_t)(0x0001 | (below(2) << 12) | r << 7 | below(32) << 2));
            break;
        case 1: /* c.li */
            emit16((uint16_t)(0x4001 | (below(2) << 12) | r << 7 | below(32) << 2));
            break;
        case 2: emit16((uint16_t)(0x8002 | r << 7 | (1 + below(31)) << 2)); break; /* c.mv */
        case 3: emit16((uint16_t)(0x9002 | r << 7 | (1 + below(31)) << 2)); break; /* c.add */
        case 4: /* c.lw a0-a5, uimm(s0) */
            emit16((uint16_t)(0x4000 | below(8) << 10 | below(4) << 5 | (2 + below(6)) << 2));
            break;
        case 5: /* c.sw s0-a5, uimm(s0) */
            emit16((uint16_t)(0xc000 | below(8) << 10 | below(4) << 5 | below(8) << 2));
            break;
        case 6: emit16(c_j(body_offset(true))); break;
        default: emit16(c_beqz(body_offset(false), 7, below(2))); break; /* c.beqz/c.bnez a5 */
        }
    } else if (k < 950) { /* read mcycle / minstret / mcause */
        static const unsigned csrs[] = {0xb00, 0xb02, 0x342, 0xc00};
        emit32(i_type((int32_t)csrs[below(4)], 0, 2, rd_any(), 0x73));
    } else if (k < 960) {
        emit32(below(2) ? 0x0000000f : 0x0000100f); /* fence, fence.i */
    } else if (k < 966) { /* jalr: mostly somewhere wild */
        emit32(i_type((int32_t)below(4096) - 2048, rs_any(), 0, rd_any(), 0x67));
    } else if (k < 972) {
        emit32(below(2) ? 0x00000073 : rnd() | 3); /* ecall, or random bits */
    } else if (k < 980) { /* a load from anywhere: mostly a fault */
        emit32(i_type((int32_t)below(4096) - 2048, rs_any(), 2, rd_any(), 0x03));
    } else if (k < 985) { /* a5 += 1 */
        emit32(i_type(1, 15, 0, 15, 0x13));
    } else if (k < 990) { /* a load, its value used at once by an instruction the */
        unsigned r = rd_any(); /* interpreter runs (a block ends after the load) */
        emit32(i_type((int32_t)below(4096) - 2048, 8, 2, r, 0x03));
        emit32(i_type(0x340, r, 2, 0, 0x73)); /* csrrs x0, mscratch, r */
    } else { /* the operands of the corner cases: 0, -1, 1, INT32_MIN */
        unsigned r = rd_any(), v = below(4);
        if (v == 3)
            emit32(0x80000000u | r << 7 | 0x37); /* lui r, 0x80000 */
        else
            emit32(i_type((int32_t)v - 1, 0, 0, r, 0x13)); /* li r, -1 / 0 / 1 */
    }
}

/* The vector table: the base's and the timer's entries (vectored mtvec, as Ibex has) jump to
 * the handler at HANDLER + 0x40, where emitting goes on. */
static void emit_vectors(void)
{
    at = HANDLER - RAM_BASE;
    emit32(j_type(0x40, 0)); /* the vector base: j handler */
    at = HANDLER - RAM_BASE + 4 * 7;
    emit32(j_type(0x40 - 4 * 7, 0)); /* the timer's vector */
    at = HANDLER - RAM_BASE + 0x40;
}

/* The handler's exception path: resume in the first 2 KiB of the body, where mcycle (x30)
 * says. */
static void emit_resume(void)
{
    emit32(i_type(0x7fe, 30, 7, 30, 0x13)); /* andi x30, x30, 0x7fe */
    emit32(0x80000000u | 31 << 7 | 0x37);   /* lui x31, 0x80000 */
    emit32(r_type(0, 31, 30, 0, 30, 0x33)); /* add x30, x30, x31 */
    emit32(i_type(0x400, 30, 0, 30, 0x13)); /* addi x30, x30, 0x400 */
    emit32(i_type(0x341, 30, 1, 0, 0x73));  /* csrw mepc, x30 */
    emit32(0x30200073);                     /* mret */
}

/* The handler's interrupt path: mtimecmp moves on by `delta` ticks; then, where mcycle's
 * bit 10 is set, on through the exception path `back` bytes before the branch. */
static void emit_irq(unsigned delta, int32_t back)
{
    emit32(0x02004000u | 30 << 7 | 0x37);            /* irq: lui x30, 0x2004 */
    emit32(i_type(0, 30, 2, 31, 0x03));              /* lw x31, 0(x30): mtimecmp */
    emit32(i_type((int32_t)delta, 31, 0, 31, 0x13)); /* addi x31, x31, delta */
    emit32(s_type(0, 31, 30, 2));                    /* sw x31, 0(x30) */
    emit32(i_type(0xb00, 0, 2, 30, 0x73));           /* csrr x30, mcycle */
    emit32(i_type(0x400, 30, 7, 31, 0x13));          /* andi x31, x30, 0x400 */
    emit32(b_type(back, 0, 31, 1));                  /* bnez x31, (the exception's path) */
    emit32(0x30200073);                              /* mret */
}

/* The trap handler: an interrupt moves mtimecmp on by `delta` ticks; an exception, and
 * every other interrupt (so that no program stays in one loop), resumes in the first
 * 2 KiB of the body, where mcycle says. */
static void emit_handler(unsigned delta)
{
    emit_vectors();
    emit32(i_type(0x342, 0, 2, 31, 0x73)); /* csrr x31, mcause */
    emit32(b_type(32, 0, 31, 4));          /* blt x31, x0, irq */
    emit32(i_type(0xb00, 0, 2, 30, 0x73)); /* csrr x30, mcycle */
    emit_resume();
    emit_irq(delta, -52); /* (to the csrr x30, mcycle) */
}

/* csrrw/csrrs/csrrc x0, csr, rs (f3 1, 2, 3) */
static uint32_t csr_op(unsigned f3, unsigned csr, unsigned rs)
{
    return i_type((int32_t)csr, rs, f3, 0, 0x73);
}

/* The U-mode kinds' handler: as emit_handler's, and first new permissions for PMP entries
 * 0 and 1 (R, W, X from mcycle's bits 0-2 and 8-10; W without R is reserved: WARL) and a
 * new mstatus.MPP (mcycle's bits 4-5: U, S, reserved or M, which the core legalizes), so
 * that the mret goes back to U or M mode under other rules, with interrupts enabled (MPIE).
 * x29 is kept in mscratch. */
static void emit_handler_u(unsigned delta)
{
    emit_vectors();
    emit32(csr_op(1, 0x340, 29));           /* csrw mscratch, x29 */
    emit32(i_type(0xb00, 0, 2, 30, 0x73));  /* csrr x30, mcycle */
    emit32(i_type(0x707, 30, 7, 31, 0x13)); /* andi x31, x30, 0x707 */
    emit32(rv_lui(29, 0x1f2));              /* li x29, 0x1f1818: NAPOT, NAPOT, */
    emit32(rv_addi(29, 29, -0x7e8));        /*   NAPOT RWX */
    emit32(r_type(0, 29, 31, 6, 31, 0x33)); /* or x31, x31, x29 */
    emit32(csr_op(1, 0x3a0, 31));           /* csrw pmpcfg0, x31 */
    emit32(i_type(4, 30, 5, 31, 0x13));     /* srli x31, x30, 4 */
    emit32(i_type(3, 31, 7, 31, 0x13));     /* andi x31, x31, 3 */
    emit32(i_type(11, 31, 1, 31, 0x13));    /* slli x31, x31, 11 */
    emit32(i_type(0x80, 31, 6, 31, 0x13));  /* ori x31, x31, 0x80: MPIE */
    emit32(rv_lui(29, 2));                  /* li x29, 0x1800 */
    emit32(rv_addi(29, 29, -0x800));
    emit32(csr_op(3, 0x300, 29));           /* csrc mstatus, x29 */
    emit32(csr_op(2, 0x300, 31));           /* csrs mstatus, x31 */
    emit32(i_type(0x340, 0, 2, 29, 0x73));  /* csrr x29, mscratch */
    emit32(i_type(0x342, 0, 2, 31, 0x73));  /* csrr x31, mcause */
    emit32(b_type(28, 0, 31, 4));           /* blt x31, x0, irq */
    emit_resume();
    emit_irq(delta, -48); /* (to the andi x30) */

    /* The start, in M mode: entry 0 a KiB of the body, 1 a KiB of the data, 2 all RAM (64
     * KiB), all NAPOT RWX; then mret to the body in U mode. */
    static const uint32_t addrs[3] = {((BODY + 0x400) >> 2) | 0x7f, (DATA >> 2) | 0x7f,
                                      (RAM_BASE >> 2) | (RAM_SIZE / 8 - 1)};
    at = PROLOGUE - RAM_BASE;
    for (unsigned i = 0; i < 3; i++) {
        emit32(rv_lui(30, (addrs[i] + 0x800) >> 12));
        emit32(rv_addi(30, 30, (int32_t)(addrs[i] << 20) >> 20));
        emit32(csr_op(1, 0x3b0 + i, 30));            /* csrw pmpaddrI, x30 */
    }
    emit32(rv_lui(30, 0x1f2));                       /* li x30, 0x1f1f1f */
    emit32(rv_addi(30, 30, -0xe1));
    emit32(csr_op(1, 0x3a0, 30));                    /* csrw pmpcfg0, x30 */
    emit32(rv_lui(30, BODY >> 12));                  /* li x30, BODY */
    emit32(rv_addi(30, 30, BODY & 0xfff));
    emit32(csr_op(1, 0x341, 30));                    /* csrw mepc, x30 */
    emit32(rv_lui(30, 2));                           /* li x30, 0x1800 */
    emit32(rv_addi(30, 30, -0x800));
    emit32(csr_op(3, 0x300, 30));                    /* csrc mstatus, x30: MPP = U */
    emit32(rv_addi(30, 0, 0x80));
    emit32(csr_op(2, 0x300, 30));                    /* csrs mstatus, x30: MPIE */
    emit32(0x30200073);                              /* mret */
}

static void build_program(bool umode)
{
    for (unsigned i = 0; i < RAM_SIZE; i += 4) {
        uint32_t w = rnd();
        memcpy(&image[i], &w, 4);
    }
    memset(image, 0, BODY - RAM_BASE);
    if (umode)
        emit_handler_u(3 + below(40));
    else
        emit_handler(3 + below(40));
    at = BODY - RAM_BASE;
    while (at < BODY - RAM_BASE + BODY_MAX - 8)
        emit_random();
    emit32(j_type(-(int32_t)(at - (BODY - RAM_BASE)), 0)); /* back to the start */
}

/* ---- the two machines ---- */
static struct machine ma, mb;

/* The hart: a functional rv32, an rv32 run with the ibex model, an Ibex core with the
 * branch target ALU and the slow multiplier (no A extension, vectored mtvec), or one with
 * a fetch delay of 1 on a RAM with wait states (1 to read, 2 to write), its translator
 * using baseline x86-64 only (its replays add the stall counters one at a time); with bit
 * manipulation in their programs: a functional rv32 with Zba, Zbb, Zbc and Zbs (its
 * translator using lzcnt, tzcnt and popcnt where the host has them, and once without),
 * and the ibex model with RV32BFull (every B instruction Ibex has); with the writeback
 * stage: an rv32 run with ibex,writeback-stage=on, an Ibex core with it and the branch
 * target ALU, and one on the RAM with wait states; and in U mode under PMP, a functional
 * rv32 and an Ibex core with 16 PMP entries; and the e31 model (traced blocks), with both
 * of its event counters counting every event (compared too) in odd seeds, and off in even
 * ones (where blocks are timed from their schedules, run_e31.c; the model's whole state is
 * compared too): as the FE310 has it, with a
 * 1 KiB instruction cache of 16-byte lines whose fills take 300 cycles (most fetches miss:
 * a block that would miss does not fit where the interpreter would stop) on the RAM with wait
 * states, and in U mode under PMP. */
enum {
    CPU_FUNCTIONAL, CPU_IBEX, CPU_IBEX_SLOWMUL, CPU_IBEX_WAITS,
    CPU_FUNCTIONAL_B, CPU_FUNCTIONAL_B_BASELINE, CPU_IBEX_B,
    CPU_IBEX_WB, CPU_IBEX_WB_BTALU, CPU_IBEX_WB_WAITS, CPU_FUNCTIONAL_U, CPU_IBEX_U,
    CPU_E31, CPU_E31_WAITS, CPU_E31_U, CPU_KINDS
};
static const char *const cpu_names[] = {
    "functional", "ibex", "ibex-btalu-slowmul", "ibex-waits", "functional-zb",
    "functional-zb-baseline", "ibex-rv32b-full", "ibex-wb", "ibex-wb-btalu", "ibex-wb-waits",
    "functional-umode", "ibex-umode", "e31", "e31-smallcache-waits", "e31-umode"};
static const char *const cpu_models[CPU_KINDS] = {
    [CPU_IBEX] = "ibex",
    [CPU_FUNCTIONAL_B] = "functional,zba=on,zbb=on,zbc=on,zbs=on",
    [CPU_FUNCTIONAL_B_BASELINE] = "functional,zba=on,zbb=on,zbc=on,zbs=on",
    [CPU_IBEX_B] = "ibex,rv32b=full",
    [CPU_IBEX_WB] = "ibex,writeback-stage=on",
    [CPU_E31] = "e31",
    [CPU_E31_WAITS] = "e31,icache-size=1K,icache-ways=4,icache-line=16,icache-miss=300",
    [CPU_E31_U] = "e31",
};
static bool kind_umode(int kind)
{
    return kind == CPU_FUNCTIONAL_U || kind == CPU_IBEX_U || kind == CPU_E31_U;
}
static bool kind_e31(int kind) { return kind >= CPU_E31 && kind <= CPU_E31_U; }
static bool e31_counting; /* the e31 kinds' event counters count (the seed is odd) */
/* setup adds a second RAM, without wait states, at RAM2 (the kinds with waits: RAM's are 1
 * to read, 2 to write) */
#define RAM2 0x80020000u
static bool two_rams;

static struct rv_cpu *setup(struct machine *m, int accel, const char *misaligned, int kind)
{
    machine_init(m);
    m->accel = accel;
    if (cpu_models[kind])
        m->cpu_model = strdup(cpu_models[kind]);
    jit_host_baseline(kind == CPU_FUNCTIONAL_B_BASELINE || kind == CPU_IBEX_WAITS);
    bool wb = kind == CPU_IBEX_WB_BTALU || kind == CPU_IBEX_WB_WAITS;
    struct kv cpu[] = {{"id", "cpu0"}, {"reset-pc", "0x80000400"}, {"misaligned", misaligned},
                       {"branch-target-alu", "on"}, {"rv32m", "slow"}};
    struct kv cpu_wb[] = {{"id", "cpu0"}, {"reset-pc", "0x80000400"}, {"misaligned", misaligned},
                          {"writeback-stage", "on"}, {"branch-target-alu", "on"}};
    struct kv cpu_waits[] = {{"id", "cpu0"}, {"reset-pc", "0x80000400"},
                             {"misaligned", misaligned}, {"ifetch-delay", "1"},
                             {"writeback-stage", wb ? "on" : "off"}};
    struct kv cpu_u[] = {{"id", "cpu0"}, {"reset-pc", "0x80000200"}, {"misaligned", misaligned},
                         {"pmp-regions", "16"}};
    struct kv ram[] = {{"id", "ram"}, {"addr", "0x80000000"}, {"size", "64K"},
                       {"read-wait", "1"}, {"write-wait", "2"}};
    struct kv ram2[] = {{"id", "ram2"}, {"addr", "0x80020000"}, {"size", "4K"}};
    struct kv clint[] = {{"id", "clint"}, {"addr", "0x2000000"}, {"timebase", "10MHz"},
                         {"mtip", "cpu0.mtip"}, {"msip", "cpu0.msip"}};
    bool waits = kind == CPU_IBEX_WAITS || kind == CPU_IBEX_WB_WAITS || kind == CPU_E31_WAITS;
    bool umode = kind_umode(kind), e31 = kind_e31(kind);
    bool ibex = (kind == CPU_IBEX_SLOWMUL || kind == CPU_IBEX_WB_BTALU || waits ||
                 kind == CPU_IBEX_U) && !e31;
    struct kv *props = umode ? cpu_u : e31 ? cpu : waits ? cpu_waits
                                     : kind == CPU_IBEX_WB_BTALU ? cpu_wb : cpu;
    unsigned nprops = umode ? 4 : e31 ? 3 : waits ? 5 : ibex ? 5 : 3;
    if (!dev_create(m, ibex ? "ibex" : "rv32", props, nprops, "unit") ||
        !dev_create(m, "ram", ram, waits ? 5 : 3, "unit") ||
        (two_rams && !dev_create(m, "ram", ram2, 3, "unit")) ||
        !dev_create(m, "clint", clint, 5, "unit") || machine_finalize(m)) {
        printf("FAIL jit_diff.setup: %s\n", sim_err_msg());
        exit(1);
    }
    struct rv_cpu *c = rv_cpu_from(m->cpus[0]);
    bus_load(m->sysbus, RAM_BASE, image, RAM_SIZE);
    rv_dcache_flush(c);
    c->mtvec = HANDLER | (c->mtvec_vectored ? 1 : 0);
    c->mie = RV_MIP_MTIP;
    c->mstatus |= RV_MSTATUS_MIE;
    for (unsigned r = 1; r < 32; r++)
        c->x[r] = rnd();
    c->x[8] = DATA;
    c->x[9] = BODY + 0x400;
    if (e31 && e31_counting) { /* counter 3: every microarchitectural event; 4: every class */
        c->hpm.event[0] = 1 | 0x3ff00;
        c->hpm.event[1] = 0 | 0x7ff00;
        c->hpm.on = true;
    }
    bus_write(m->sysbus, CLINT + 0x4000, 4, 40);
    bus_write(m->sysbus, CLINT + 0x4004, 4, 0);
    return c;
}

static int compare(struct rv_cpu *a, struct rv_cpu *b, uint64_t n, unsigned seed, int kind)
{
    char what[64] = "";
    static uint8_t ra[RAM_SIZE], rb[RAM_SIZE];
    for (unsigned r = 0; r < 32 && !*what; r++)
        if (a->x[r] != b->x[r])
            snprintf(what, sizeof(what), "x%u %#x != %#x", r, a->x[r], b->x[r]);
    if (!*what && a->pc != b->pc)
        snprintf(what, sizeof(what), "pc %#x != %#x", a->pc, b->pc);
    if (!*what && (a->cycle != b->cycle || a->instret != b->instret ||
                   a->exceptions != b->exceptions))
        snprintf(what, sizeof(what), "cycle %llu/%llu instret %llu/%llu",
                 (unsigned long long)a->cycle, (unsigned long long)b->cycle,
                 (unsigned long long)a->instret, (unsigned long long)b->instret);
    if (!*what && (a->mcause != b->mcause || a->mepc != b->mepc || a->mstatus != b->mstatus ||
                   a->priv != b->priv || memcmp(a->pmp.cfg, b->pmp.cfg, sizeof(a->pmp.cfg))))
        snprintf(what, sizeof(what), "mcause/mepc/mstatus/privilege/pmpcfg");
    if (!*what && memcmp(&a->stats, &b->stats, sizeof(a->stats)))
        snprintf(what, sizeof(what), "stall counters");
    if (!*what && memcmp(a->hpm.count, b->hpm.count, sizeof(a->hpm.count)))
        snprintf(what, sizeof(what), "event counters");
    if (!*what && kind_e31(kind)) {
        /* the state as it times what follows (the run loop leaves some behind) */
        static struct rv_e31 sa, sb;
        memcpy(&sa, a->tm, sizeof(sa));
        memcpy(&sb, b->tm, sizeof(sb));
        e31_state_canon(&sa, a->cycle);
        e31_state_canon(&sb, b->cycle);
        if (memcmp(&sa, &sb, sizeof(sa)))
            snprintf(what, sizeof(what), "e31 model state");
    }
    bus_debug_read(a->bus, RAM_BASE, ra, RAM_SIZE);
    bus_debug_read(b->bus, RAM_BASE, rb, RAM_SIZE);
    if (!*what && memcmp(ra, rb, RAM_SIZE))
        snprintf(what, sizeof(what), "RAM differs");
    if (*what) {
        printf("FAIL jit_diff.%s.seed%u: after %llu instructions: %s\n", cpu_names[kind], seed,
               (unsigned long long)n, what);
        return 1;
    }
    return 0;
}

static void run_to(struct machine *m, uint64_t n)
{
    sim_resume(&m->sim);
    m->sim.max_insns = n;
    sim_run(&m->sim);
}

/* A debugger breakpoint put into a loop that is already translated (and linked to
 * itself) stops the run there, mid-block, at once. */
static uint32_t bp_pc;
static bool is_bp(struct rv_cpu *c, uint32_t pc) { return (void)c, pc == bp_pc; }

static void test_breakpoint(void)
{
    memset(image, 0, sizeof(image));
    at = BODY - RAM_BASE;
    emit32(i_type(1, 10, 0, 10, 0x13));         /* loop: addi a0, a0, 1 */
    emit32(i_type(2, 11, 0, 11, 0x13));         /* addi a1, a1, 2 */
    emit32(b_type(-8, 12, 10, 1));              /* bne a0, a2, loop */
    emit32(j_type(0, 0));                       /* j . */
    struct rv_cpu *c = setup(&mb, MACHINE_ACCEL_JIT, "split", CPU_FUNCTIONAL);
    c->mie = 0;
    c->x[10] = c->x[11] = 0;
    c->x[12] = 1000000;
    run_to(&mb, 3000); /* 1000 times round the loop */
    CHECK_EQ("jit_diff.bp.before.pc", c->pc, BODY);
    bp_pc = BODY + 4;
    c->dbg_is_breakpoint = is_bp;
    rv_dcache_invalidate(c, bp_pc, 4); /* what the gdb stub does */
    run_to(&mb, 100000);
    CHECK_EQ("jit_diff.bp.stop.reason", mb.sim.stop, SIM_STOP_BREAKPOINT);
    CHECK_EQ("jit_diff.bp.stop.pc", c->pc, BODY + 4);
    CHECK_EQ("jit_diff.bp.stop.instret", c->instret, 3001);
    CHECK_EQ("jit_diff.bp.stop.a0", c->x[10], 1001);
    machine_free(&mb);
}

/* Random programs on two machines of one kind, translated and interpreted; 0 if they
 * always agreed. */
static unsigned run_kind(int kind, unsigned seeds, uint64_t *insns, uint64_t *traps,
                         unsigned *stops, uint64_t sched[6])
{
    unsigned failed = 0;
    for (unsigned seed = 1; seed <= seeds; seed++) {
        rng = 0x9e3779b97f4a7c15ull * seed;
        gen_b = kind >= CPU_FUNCTIONAL_B && kind <= CPU_IBEX_B;
        gen_reload = kind_e31(kind);
        gen_far = kind == CPU_E31_WAITS;
        build_program(kind_umode(kind));
        const char *mis = seed % 3 == 0 ? "trap" : "split";
        e31_counting = seed % 2;
        uint64_t keep = rng;
        struct rv_cpu *a = setup(&ma, MACHINE_ACCEL_INTERP, mis, kind);
        rng = keep;
        struct rv_cpu *b = setup(&mb, MACHINE_ACCEL_JIT, mis, kind);
        if (!b->jit) {
            printf("SKIP jit_diff.%s: no block translator on this host\n", cpu_names[kind]);
            machine_free(&ma), machine_free(&mb);
            return 0;
        }
        uint64_t n = 0;
        int bad = 0;
        for (unsigned step = 0; step < 60 && !bad; step++) {
            n += 1 + (step % 4 == 0 ? below(20000) : below(40));
            run_to(&ma, n);
            run_to(&mb, n);
            ++*stops;
            bad = compare(a, b, n, seed, kind);
        }
        *insns += a->instret;
        *traps += a->exceptions;
        sched[0] += b->jit->nsched;
        sched[1] += b->jit->nsched_late;
        sched[2] += b->jit->nsched_stq;
        sched[3] += b->jit->nsched_div;
        sched[4] += b->jit->nsched_moved;
        sched[5] += b->jit->ntail;
        failed += (unsigned)bad;
        machine_free(&ma);
        machine_free(&mb);
    }
    return failed;
}

/* The program in image run on model kind (e31) interpreted (ma) and translated (mb) side by
 * side without interrupts, both stopped after step + i % mod more instructions for each of
 * steps stops i and compared there: whether they disagreed (*b: the translated CPU, for its
 * counters; the caller frees both machines), or -1 with SKIP name without a translator. */
static int e31_side_by_side(int kind, const char *name, unsigned steps, unsigned step,
                            unsigned mod, struct rv_cpu **b)
{
    e31_counting = false;
    uint64_t keep = rng;
    struct rv_cpu *a = setup(&ma, MACHINE_ACCEL_INTERP, "split", kind);
    rng = keep;
    *b = setup(&mb, MACHINE_ACCEL_JIT, "split", kind);
    if (!(*b)->jit) {
        printf("SKIP %s: no block translator on this host\n", name);
        machine_free(&ma), machine_free(&mb);
        return -1;
    }
    a->mie = (*b)->mie = 0;
    a->x[9] = (*b)->x[9] = a->x[10] = (*b)->x[10] = a->x[8]; /* s1, a0: s0's data */
    int bad = 0;
    uint64_t n = 0;
    for (unsigned i = 0; i < steps && !bad; i++) {
        n += step + i % mod;
        run_to(&ma, n);
        run_to(&mb, n);
        bad = compare(a, *b, n, 0, kind);
    }
    return bad;
}

/* AddressSanitizer's allocator puts the CPU and the e31 model's state (c->tm) more than
 * 2 GiB apart, beyond the 32-bit displacements the compiled tails reach the state with
 * (jit_x86_64.c reach): the sanitized build makes no tails and times every run in the
 * dispatcher (as exact), so the tails' runs are required only in the other builds. */
static void check_tails(const char *name, bool ran)
{
#if defined(__SANITIZE_ADDRESS__)
    (void)ran;
    printf("SKIP %s: no compiled tails in a build with AddressSanitizer\n", name);
#else
    CHECK(name, ran);
#endif
}

/* e31 blocks whose cache lines share a set: a loop block a that runs itself a few times
 * (its line the last fetched in its set, and then known so: run_e31.c, struct e31_lines
 * mru), then mostly block c, 256 bytes on (in the same set of e31-smallcache-waits' cache),
 * whose fetch makes its own line the last fetched there (with late, timed instruction by
instruction: it waits for the load before it), and back to a; now and then d, e,
 * f, 512 to 1024 bytes on, in that set too: five lines in four ways, where the line filled
 * over is the one after the way hit last.  The interpreter and the translator agree at
 * every stop. */
static void test_icache_sets(bool late)
{
    memset(image, 0, sizeof(image));
    at = BODY - RAM_BASE;
    emit32(i_type(1, 5, 0, 5, 0x13));    /* a: addi t0, t0, 1 */
    emit32(i_type(3, 5, 7, 7, 0x13));    /* andi t2, t0, 3 */
    emit32(b_type(-8, 0, 7, 1));         /* bnez t2, a */
    emit32(i_type(12, 5, 7, 28, 0x13));  /* andi t3, t0, 12 */
    emit32(i_type(0, 8, 0, 29, 0x03));   /* lb t4, 0(s0) */
    emit32(b_type(256 - 20, 0, 28, 1));  /* bnez t3, c */
    emit32(j_type(512 - 24, 0));         /* j d */
    for (unsigned k = 1; k <= 4; k++) {  /* c, d, e, f */
        at = BODY - RAM_BASE + 256 * k;
        if (k == 1 && late)
            emit32(r_type(0, 29, 6, 0, 6, 0x33)); /* add t1, t1, t4 */
        else
            emit32(i_type(1, 6, 0, 6, 0x13)); /* addi t1, t1, 1 */
        int32_t to = k == 1 || k == 4 ? 0 : 256 * (int32_t)(k + 1);
        emit32(j_type(to - (256 * (int32_t)k + 4), 0)); /* j a (from c and f), e, f */
    }
    const char *name = late ? "jit_diff.e31.icache.sets.late" : "jit_diff.e31.icache.sets";
    struct rv_cpu *b;
    int bad = e31_side_by_side(CPU_E31_WAITS, name, 200, 400, 13, &b);
    if (bad < 0)
        return;
    char what[80];
    snprintf(what, sizeof(what), "%s.agree", name);
    CHECK_EQ(what, bad, 0);
    printf("%s: %llu runs timed from schedules, %llu by compiled tails\n", name,
           (unsigned long long)b->jit->nsched, (unsigned long long)b->jit->ntail);
    snprintf(what, sizeof(what), "%s.schedules", name);
    CHECK(what, b->jit->nsched > 1000);
    snprintf(what, sizeof(what), "%s.tails", name);
    check_tails(what, b->jit->ntail > 10000);
    machine_free(&ma);
    machine_free(&mb);
}

/* The translator's counts a test of a program requires (struct rv_jit). */
struct counts {
    uint64_t ntail, ntail_mem, nsched_stq;
};

/* The program in image on two e31 machines of this kind, interpreted and translated, with
 * interrupts off, compared at 200 stops each this many instructions apart (jit_diff.KIND.
 * NAME.agree); false: no translator (SKIP).  *j: the translator's counts. */
static bool diff_program(int kind, const char *name, unsigned each, struct counts *j)
{
    char full[80], what[96];
    snprintf(full, sizeof(full), "jit_diff.%s.%s", cpu_names[kind], name);
    struct rv_cpu *b;
    int bad = e31_side_by_side(kind, full, 200, each, 11, &b);
    if (bad < 0)
        return false;
    snprintf(what, sizeof(what), "%s.agree", full);
    CHECK_EQ(what, bad, 0);
    *j = (struct counts){b->jit->ntail, b->jit->ntail_mem, b->jit->nsched_stq};
    machine_free(&ma);
    machine_free(&mb);
    return true;
}

/* e31 blocks whose stores and loads meet in the store pipeline, run mostly by their compiled
 * tails (run_e31.c tail_stq): loop block a stores six words from a base that moves each
 * time (a0; the pipeline's four shift), after loading one it did not store and, through
 * s1 (a0 + 0, 4, 8 or 12 by turns), one of the first (shifted out by then: no hit),
 * second (hits), third (not stored) or fourth (hits); block b, every fourth time, loads
 * one of the last four a stored, stores and loads at once, and goes on to c, 64
 * instructions (a block cut short, not by a branch) that end in four stores, and d,
 * whose first load issues before the pipeline drained (sched_mem from the tail, on what
 * c's tail left there) and finds one of them, a different one by turns.  The interpreter and the
 * translator agree at every stop; the tails ran, their loads hit the pipeline (the
 * dispatcher then timed the run), and called sched_mem. */
static void test_store_pipeline(int kind)
{
    memset(image, 0, sizeof(image));
    at = BODY - RAM_BASE;
    emit32(i_type(1, 29, 0, 29, 0x13));      /* a: addi t4, t4, 1 */
    emit32(i_type(3, 29, 7, 30, 0x13));      /* andi t5, t4, 3 */
    emit32(i_type(2, 29, 1, 10, 0x13));      /* slli a0, t4, 2 */
    emit32(i_type(60, 10, 7, 10, 0x13));     /* andi a0, a0, 60 */
    emit32(r_type(0, 10, 8, 0, 10, 0x33));   /* add a0, s0, a0 */
    emit32(i_type(12, 29, 7, 31, 0x13));     /* andi t6, t4, 12 */
    emit32(r_type(0, 31, 10, 0, 9, 0x33));   /* add s1, a0, t6 */
    emit32(s_type(0, 5, 10, 2));             /* sw t0, 0(a0) */
    emit32(s_type(4, 6, 10, 2));             /* sw t1, 4(a0) */
    emit32(i_type(8, 8, 2, 7, 0x03));        /* lw t2, 8(s0) */
    emit32(s_type(12, 5, 10, 2));            /* sw t0, 12(a0) */
    emit32(s_type(16, 6, 10, 2));            /* sw t1, 16(a0) */
    emit32(s_type(20, 5, 10, 2));            /* sw t0, 20(a0) */
    emit32(i_type(0, 9, 2, 28, 0x03));       /* lw t3, 0(s1) */
    emit32(s_type(24, 6, 10, 2));            /* sw t1, 24(a0) */
    emit32(b_type(-60, 0, 30, 1));           /* bnez t5, a */
    emit32(i_type(12, 9, 2, 28, 0x03));      /* b: lw t3, 12(s1) */
    emit32(s_type(0, 7, 9, 2));              /* sw t2, 0(s1) */
    emit32(i_type(4, 10, 2, 28, 0x03));      /* lw t3, 4(a0) */
    emit32(j_type(4, 0));                    /* j c */
    for (unsigned k = 0; k < 60; k++)
        emit32(i_type(1, 5, 0, 5, 0x13));    /* c: addi t0, t0, 1 (60 times) */
    for (unsigned k = 0; k < 4; k++)
        emit32(s_type(4 * (int32_t)k, 5 + k % 2, 10, 2)); /* sw t0/t1, 4k(a0) */
    emit32(i_type(0, 9, 2, 28, 0x03));       /* d: lw t3, 0(s1) */
    emit32(j_type(-340, 0));                 /* j a */
    struct counts j;
    if (!diff_program(kind, "store.pipeline", 1000, &j))
        return;
    char what[80];
    printf("jit_diff.%s.store.pipeline: %llu runs timed by compiled tails (%llu through "
           "sched_mem), %llu store hits\n", cpu_names[kind], (unsigned long long)j.ntail,
           (unsigned long long)j.ntail_mem, (unsigned long long)j.nsched_stq);
    snprintf(what, sizeof(what), "jit_diff.%s.store.pipeline.hits", cpu_names[kind]);
    CHECK(what, j.nsched_stq > 2000);
    snprintf(what, sizeof(what), "jit_diff.%s.store.pipeline.tails", cpu_names[kind]);
    check_tails(what, j.ntail > 1000 && j.ntail_mem > 30);
}

/* Two e31 branches 2 KiB apart, both taken (the second three times in four), whose BTB
 * entries share a hash (timing_e31.h e31_btb_hash): the tails' predictor leaves them to
 * e31_predict.  The interpreter and the translator agree at every stop; tails ran. */
static void test_btb_shared(void)
{
    memset(image, 0, sizeof(image));
    at = BODY - RAM_BASE;
    emit32(i_type(1, 29, 0, 29, 0x13));      /* p: addi t4, t4, 1 */
    emit32(b_type(2044, 0, 0, 0));           /* beq x0, x0, q */
    at = BODY - RAM_BASE + 2048;
    emit32(i_type(3, 29, 7, 30, 0x13));      /* q: andi t5, t4, 3 */
    emit32(b_type(-2052, 0, 30, 1));         /* bnez t5, p (2048 bytes after p's beq) */
    emit32(i_type(1, 31, 0, 31, 0x13));      /* addi t6, t6, 1 */
    emit32(j_type(-2060, 0));                /* j p */
    struct counts j;
    if (!diff_program(CPU_E31, "btb.shared", 500, &j))
        return;
    printf("jit_diff.e31.btb.shared: %llu runs timed by compiled tails\n",
           (unsigned long long)j.ntail);
    check_tails("jit_diff.e31.btb.shared.tails", j.ntail > 10000);
}

/* e31 calls and returns, two and (every other time) three deep, against a return address
 * stack of two (timing_e31.h e31_predict): the tails' predictor pushes and pops it where
 * the jump goes where predicted, and leaves the rest to e31_predict (a return with the
 * stack empty, a mispredicted one).  The interpreter and the translator agree at every
 * stop; tails ran. */
static void test_calls(void)
{
    memset(image, 0, sizeof(image));
    at = BODY - RAM_BASE;
    emit32(i_type(1, 29, 0, 29, 0x13)); /* m: addi t4, t4, 1 */
    emit32(j_type(28, 1));              /* jal ra, f */
    emit32(i_type(3, 29, 7, 30, 0x13)); /* andi t5, t4, 3 */
    emit32(j_type(-12, 0));             /* j m */
    at = BODY - RAM_BASE + 32;
    emit32(i_type(0, 1, 0, 31, 0x13));  /* f: mv t6, ra */
    emit32(j_type(28, 1));              /* jal ra, g */
    emit32(i_type(0, 31, 0, 1, 0x13));  /* mv ra, t6 */
    emit32(i_type(0, 1, 0, 0, 0x67));   /* ret */
    emit32(i_type(0, 0, 0, 0, 0x13));   /* (nop) */
    emit32(i_type(0, 0, 0, 0, 0x13));
    emit32(i_type(0, 0, 0, 0, 0x13));
    emit32(i_type(0, 0, 0, 0, 0x13));
    emit32(i_type(0, 1, 0, 28, 0x13));  /* g: mv t3, ra */
    emit32(i_type(1, 29, 7, 30, 0x13)); /* andi t5, t4, 1 */
    emit32(b_type(12, 0, 30, 0));       /* beqz t5, 1f */
    emit32(j_type(20, 1));              /* jal ra, h */
    emit32(i_type(0, 0, 0, 0, 0x13));   /* nop */
    emit32(i_type(0, 28, 0, 1, 0x13));  /* 1: mv ra, t3 */
    emit32(i_type(0, 1, 0, 0, 0x67));   /* ret */
    emit32(i_type(0, 0, 0, 0, 0x13));   /* (nop) */
    emit32(i_type(1, 5, 0, 5, 0x13));   /* h: addi t0, t0, 1 */
    emit32(i_type(0, 1, 0, 0, 0x67));   /* ret */
    struct counts j;
    if (!diff_program(CPU_E31, "calls", 500, &j))
        return;
    printf("jit_diff.e31.calls: %llu runs timed by compiled tails\n", (unsigned long long)j.ntail);
    check_tails("jit_diff.e31.calls.tails", j.ntail > 10000);
}

/* An e31 block whose schedule a load hitting the store pipeline fails after the block's own
 * store changed the pipeline (run_e31.c sched_mem puts it back for block_time): block a, 64
 * instructions long, ends in a store to word X, so block b starts with the pipeline holding
 * X; b loads word W (no hit), and after an idle cycle (the pipeline drains) stores W and
 * loads it again (a hit).  Timed from the pipeline as the store left it, b's first load
 * would hit too. */
static void test_store_reload(void)
{
    memset(image, 0, sizeof(image));
    at = BODY - RAM_BASE;
    for (unsigned k = 0; k < JIT_MAX_INSNS - 1; k++)
        emit32(rv_addi(6, 6, 1));              /* a: addi t1, t1, 1 */
    emit32(s_type(0, 5, 8, 2));                /* sw t0, 0(s0) */
    emit32(i_type(4, 8, 2, 29, 0x03));         /* b: lw t4, 4(s0) */
    emit32(rv_addi(5, 5, 1));                  /* addi t0, t0, 1 */
    emit32(s_type(4, 5, 8, 2));                /* sw t0, 4(s0) */
    emit32(i_type(4, 8, 2, 30, 0x03));         /* lw t5, 4(s0) */
    emit32(j_type(-4 * (JIT_MAX_INSNS + 4), 0)); /* j a */
    struct rv_cpu *b;
    int bad = e31_side_by_side(CPU_E31, "jit_diff.e31.store.reload", 100, 300, 7, &b);
    if (bad < 0)
        return;
    CHECK_EQ("jit_diff.e31.store.reload.agree", bad, 0);
    printf("jit_diff.e31.store.reload: %llu store hits\n",
           (unsigned long long)b->jit->nsched_stq);
    CHECK("jit_diff.e31.store.reload.hits", b->jit->nsched_stq > 50);
    machine_free(&ma);
    machine_free(&mb);
}

/* e31 blocks that run on data in two memories of different wait states by turns (block_fast's
 * key, run_e31.c: each of their schedules depends on them): loop block a loads from and
 * stores to a0, first in RAM2 (no wait states), 32 times, then block b moves a0 to the other
 * memory (RAM, 1 and 2) and loads from there (a block that only loads), and back to a.  Each
 * block gets a schedule per memory and a compiled tail for each (run_e31.c sched_waits; the
 * tails' checks of the wait states first: a tail made at no wait states checks them too), so
 * the dispatcher times few runs instruction by instruction (without tails, in a build with
 * AddressSanitizer, it times the others from the schedules; j->ntimed: the run after each
 * move, the first of a, which left at the load outside the window, then the first
 * of a and b at each memory's).  The interpreter and the translator agree at every
 * stop. */
static void test_two_memories(void)
{
    memset(image, 0, sizeof(image));
    at = BODY - RAM_BASE;
    emit32(rv_lui(31, RAM2 >> 12));          /* lui t6, RAM2 */
    emit32(r_type(0, 8, 31, 4, 18, 0x33));   /* xor s2, t6, s0 */
    emit32(rv_addi(10, 31, 0));              /* mv a0, t6 */
    emit32(i_type(0, 10, 2, 6, 0x03));       /* a: lw t1, 0(a0) */
    emit32(r_type(0, 6, 5, 0, 5, 0x33));     /* add t0, t0, t1 */
    emit32(s_type(4, 5, 10, 2));             /* sw t0, 4(a0) */
    emit32(rv_addi(29, 29, 1));              /* addi t4, t4, 1 */
    emit32(i_type(31, 29, 7, 30, 0x13));     /* andi t5, t4, 31 */
    emit32(b_type(-20, 0, 30, 1));           /* bnez t5, a */
    emit32(r_type(0, 18, 10, 4, 10, 0x33));  /* b: xor a0, a0, s2 */
    emit32(i_type(8, 10, 2, 7, 0x03));       /* lw t2, 8(a0) */
    emit32(r_type(0, 7, 5, 0, 5, 0x33));     /* add t0, t0, t2 */
    emit32(j_type(-36, 0));                  /* j a */
    two_rams = true;
    struct rv_cpu *b;
    int bad = e31_side_by_side(CPU_E31_WAITS, "jit_diff.e31.two.memories", 200, 500, 11, &b);
    two_rams = false;
    if (bad < 0)
        return;
    CHECK_EQ("jit_diff.e31.two.memories.agree", bad, 0);
    struct rv_jit *j = b->jit;
    printf("jit_diff.e31.two.memories: %llu runs timed by compiled tails (%llu tails), %llu from "
           "schedules, %llu instruction by instruction; %llu schedules for other wait states\n",
           (unsigned long long)j->ntail, (unsigned long long)j->ntails,
           (unsigned long long)j->nsched, (unsigned long long)j->ntimed,
           (unsigned long long)j->nsched_waits);
    CHECK("jit_diff.e31.two.memories.schedules",
          j->nsched_waits >= 2 && 50 * j->ntimed < j->ntail + j->nsched);
    check_tails("jit_diff.e31.two.memories.tails", j->ntails >= 5 && j->ntail > 50 * j->ntimed);
    machine_free(&ma);
    machine_free(&mb);
}

/* Operations with x0 as destination leave x[0] 0 in translated code too (a debugger, a
 * scenario and the timing models read x[0] directly). */
static void test_x0(void)
{
    memset(image, 0, sizeof(image));
    at = BODY - RAM_BASE;
    emit32(r_type(1, 11, 10, 4, 0, 0x33));     /* div x0, a0, a1 */
    emit32(r_type(1, 11, 10, 3, 0, 0x33));     /* mulhu x0, a0, a1 */
    emit32(r_type(1, 11, 10, 0, 0, 0x33));     /* mul x0, a0, a1 */
    emit32(i_type(5, 10, 0, 0, 0x13));         /* addi x0, a0, 5 */
    emit32(j_type(0, 0));                      /* j . */
    struct rv_cpu *c = setup(&mb, MACHINE_ACCEL_JIT, "split", CPU_FUNCTIONAL);
    c->mie = 0;
    c->x[10] = 1000, c->x[11] = 7;
    run_to(&mb, 5); /* the block of five, translated and run whole */
    CHECK_EQ("jit_diff.x0.pc", c->pc, BODY + 16);
    CHECK_EQ("jit_diff.x0.stays.zero", c->x[0], 0);
    machine_free(&mb);
}

int main(void)
{
    static const unsigned seeds[CPU_KINDS] = {24, 16, 8, 8, 12, 6, 12, 12, 8, 8, 16, 8, 16, 8, 8};
    for (int kind = 0; kind < CPU_KINDS; kind++) {
        unsigned stops = 0;
        uint64_t insns = 0, traps = 0, sched[6] = {0};
        unsigned failed = run_kind(kind, seeds[kind], &insns, &traps, &stops, sched);
        printf("jit_diff.%s: %u stops, %llu instructions, %llu exceptions\n", cpu_names[kind],
               stops, (unsigned long long)insns, (unsigned long long)traps);
        char name[80];
        snprintf(name, sizeof(name), "jit_diff.%s.%u.random.programs.agree", cpu_names[kind],
                 seeds[kind]);
        CHECK_EQ(name, failed, 0);
        snprintf(name, sizeof(name), "jit_diff.%s.ran.enough", cpu_names[kind]);
        CHECK(name, insns > 300000 && traps > 100);
        if (kind_e31(kind)) { /* schedules fit, and each of their checks failed; runs whose
                               * divides took other latencies timed from the schedule
                               * moved for them (run_e31.c sched_shift) */
            printf("jit_diff.%s: %llu runs timed from schedules, %llu late, %llu store hits, "
                   "%llu other divide latencies (%llu then from the schedule); %llu runs timed "
                   "by compiled tails\n",
                   cpu_names[kind], (unsigned long long)sched[0], (unsigned long long)sched[1],
                   (unsigned long long)sched[2], (unsigned long long)sched[3],
                   (unsigned long long)sched[4], (unsigned long long)sched[5]);
            snprintf(name, sizeof(name), "jit_diff.%s.schedules.fit.and.miss", cpu_names[kind]);
            CHECK(name, sched[0] > 1000 && sched[1] > 100 && sched[2] > 0 && sched[3] > 0);
            snprintf(name, sizeof(name), "jit_diff.%s.schedules.other.divide.latencies",
                     cpu_names[kind]);
            CHECK(name, sched[4] > 0);
        }
    }
    test_breakpoint();
    test_x0();
    test_icache_sets(false);
    test_icache_sets(true);
    test_store_pipeline(CPU_E31);
    test_store_pipeline(CPU_E31_WAITS);
    test_store_reload();
    test_btb_shared();
    test_calls();
    test_two_memories();
    return check_failures ? 1 : 0;
}
