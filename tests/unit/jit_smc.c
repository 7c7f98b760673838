/* Stores beside and into code, translated and interpreted.  Firmware keeps its data right
 * after its code more often than not (docs/quickstart.md's linker script puts .bss there),
 * so a store that lands next to translated or decoded instructions must cost no more than
 * any other store, and one that lands on them must throw away only what it overlaps.
 *
 * Each program runs on four CPUs (the functional and the ibex model, each translated and
 * interpreted) and must give the same exact registers and memory on all.  Speed is not
 * asserted; what makes it is: the stores beside code stay on the fast path (the CPU's
 * count of slow stores stays at 1, the first store, which opens the store window), the
 * translator throws no block away for them and makes few blocks (not one per iteration),
 * and never flushes all of its code. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/bus.h"
#include "soc/cpu/riscv/jit.h"
#include "soc/device.h"
#include "soc/machine.h"
#include "tests/unit/check.h"
#include "tests/unit/rv_enc.h"

#define RAM_BASE 0x80000000u
#define RAM_SIZE 0x10000u

enum { A0 = 10, A1 = 11, A2 = 12, A4 = 14, A5 = 15, S0 = 8, T1 = 6, RA = 1 };

static uint8_t image[RAM_SIZE];
static uint32_t at;
static void org(uint32_t addr) { at = addr - RAM_BASE; }
static void emit32(uint32_t w) { memcpy(&image[at], &w, 4), at += 4; }
static void emit16(uint16_t h) { memcpy(&image[at], &h, 2), at += 2; }
/* li rd, v (lui, addi) */
static void emit_li(unsigned rd, uint32_t v)
{
    uint32_t upper = (v + 0x800) >> 12;
    emit32(rv_lui(rd, upper & 0xfffff));
    emit32(rv_addi(rd, rd, (int32_t)(v - (upper << 12))));
}
/* The set-up before the program at `to`: s0 = store address, t1 = the value stored. */
static void emit_setup(uint32_t to, uint32_t s0, uint32_t t1)
{
    org(to - 0x20);
    emit_li(S0, s0);
    emit_li(T1, t1);
    emit32(j_type(0x20 - 16, 0)); /* j to */
}
static uint32_t ram_word(struct machine *m, uint32_t addr)
{
    uint32_t w = 0;
    bus_debug_read(m->sysbus, addr, &w, 4);
    return w;
}

enum { CFG_FUNCTIONAL, CFG_INTERP, CFG_IBEX, CFG_IBEX_INTERP, CFGS };
static const char *const cfg_names[] = {"functional", "interp", "ibex", "ibex-interp"};

static struct machine m;

static struct rv_cpu *setup(int cfg, uint32_t pc)
{
    machine_init(&m);
    m.accel = cfg == CFG_INTERP || cfg == CFG_IBEX_INTERP ? MACHINE_ACCEL_INTERP
                                                          : MACHINE_ACCEL_JIT;
    if (cfg == CFG_IBEX || cfg == CFG_IBEX_INTERP)
        m.cpu_model = strdup("ibex");
    char reset[16];
    snprintf(reset, sizeof(reset), "%#x", pc);
    struct kv cpu[] = {{"id", "cpu0"}, {"reset-pc", reset}};
    struct kv ram[] = {{"id", "ram"}, {"addr", "0x80000000"}, {"size", "64K"}};
    if (!dev_create(&m, "rv32", cpu, 2, "unit") || !dev_create(&m, "ram", ram, 3, "unit") ||
        machine_finalize(&m)) {
        printf("FAIL jit_smc.setup: %s\n", sim_err_msg());
        exit(1);
    }
    bus_load(m.sysbus, RAM_BASE, image, RAM_SIZE);
    return rv_cpu_from(m.cpus[0]);
}

static void run_to(uint64_t n)
{
    sim_resume(&m.sim);
    m.sim.max_insns = n;
    sim_run(&m.sim);
}

/* What a run left: checked per CPU. */
struct expect {
    uint32_t addr, word; /* a word of RAM */
    unsigned reg;
    uint32_t val;        /* a register */
    uint64_t max_blocks; /* translated blocks at most */
    bool beside;         /* every store but the first took the fast path, no block was
                          * thrown away */
    uint32_t linked;     /* translated: the block at this pc is jumped to straight from
                          * another block's code (a link into it; 0: not checked) */
};

static void check_run(const char *test, uint32_t pc, uint64_t insns, const struct expect *e)
{
    for (int cfg = 0; cfg < CFGS; cfg++) {
        struct rv_cpu *c = setup(cfg, pc);
        if (cfg == CFG_FUNCTIONAL && !c->jit) {
            printf("SKIP jit_smc.%s: no block translator on this host\n", test);
            machine_free(&m);
            return;
        }
        run_to(insns);
        char name[96];
        snprintf(name, sizeof(name), "jit_smc.%s.%s.instret", test, cfg_names[cfg]);
        CHECK_EQ(name, c->instret, insns);
        snprintf(name, sizeof(name), "jit_smc.%s.%s.x%u", test, cfg_names[cfg], e->reg);
        CHECK_EQ(name, c->x[e->reg], e->val);
        if (e->addr) {
            snprintf(name, sizeof(name), "jit_smc.%s.%s.word.%#x", test, cfg_names[cfg],
                     e->addr);
            CHECK_EQ(name, ram_word(&m, e->addr), e->word);
        }
        if (e->beside) {
            snprintf(name, sizeof(name), "jit_smc.%s.%s.one.slow.store", test, cfg_names[cfg]);
            CHECK_EQ(name, c->slow_stores, 1);
        }
        if (c->jit) {
            snprintf(name, sizeof(name), "jit_smc.%s.%s.blocks.at.most.%llu", test,
                     cfg_names[cfg], (unsigned long long)e->max_blocks);
            CHECK(name, c->jit->ntranslated <= e->max_blocks);
            if (c->jit->ntranslated > e->max_blocks)
                printf("  (%llu blocks translated)\n", (unsigned long long)c->jit->ntranslated);
            snprintf(name, sizeof(name), "jit_smc.%s.%s.no.flush", test, cfg_names[cfg]);
            CHECK_EQ(name, c->jit->nflushes, 0);
            if (e->beside) {
                snprintf(name, sizeof(name), "jit_smc.%s.%s.none.thrown.away", test,
                         cfg_names[cfg]);
                CHECK_EQ(name, c->jit->nremoved, 0);
            }
            if (e->linked) {
                const struct jit_entry *t = jit_slot(c->jit, e->linked);
                snprintf(name, sizeof(name), "jit_smc.%s.%s.linked.%#x", test, cfg_names[cfg],
                         e->linked);
                CHECK(name, t->key == jit_key(c, e->linked) && t->head && t->head->in);
            }
        }
        machine_free(&m);
    }
}

/* The quick start's `volatile uint32_t counter; for (;;) counter++;` as GCC compiles it
 * (-O2, rv32imac), at the addresses its linker script gives: counter at 0x8000001c, in the
 * same 16 bytes as the loop (issue 12: 0.4 host MIPS translated, 114 interpreted).  With
 * `far`, the counter is 256 bytes on, still on the loop's page (about 20x slower). */
static void test_spin(bool far)
{
    memset(image, 0, sizeof(image));
    int32_t off = far ? 0x11c : 0x1c;
    org(RAM_BASE + 0x0c);
    emit32(rv_lui(A4, 0x80000));      /* main: lui a4, 0x80000 */
    emit32(i_type(off, A4, 2, A5, 3)); /* loop: lw a5, off(a4) */
    emit16(0x0785);                   /* c.addi a5, 1 */
    emit32(s_type(off, A5, A4, 2));   /* sw a5, off(a4) */
    emit16(c_j(-10));                 /* j loop */
    const unsigned iters = 10000;
    struct expect e = {.addr = RAM_BASE + (uint32_t)off, .word = iters, .reg = A5,
                       .val = iters, .max_blocks = 6, .beside = true};
    check_run(far ? "spin.same.page" : "spin.same.granule", RAM_BASE + 0x0c, 1 + 4 * iters,
              &e);
}

/* A loop calls a two-instruction function and then stores a halfword: right after the
 * function's last instruction (`next`), or into its first one, turning `addi a1, a1, 1`
 * into `addi a1, a1, 2` (`hit`).  Beside: no block is thrown away.  Into: each store
 * throws away the function's block only; it runs with the new immediate from the next
 * call on, and once its bytes have been written often it is interpreted instead of being
 * translated again and again.  With `far` the function is on the next page: the call
 * links to it all the same (blocks link across pages: a store that throws a block away
 * unlinks the jumps into it, wherever they come from), and a store into it throws away
 * its block only, as on one page. */
static void test_store_next_to_code(bool hit, bool far)
{
    memset(image, 0, sizeof(image));
    const uint32_t loop = RAM_BASE + 0x100, fn = RAM_BASE + (far ? 0x1040 : 0x140);
    org(loop);
    emit32(rv_addi(A0, A0, 1));                    /* loop: addi a0, a0, 1 */
    emit32(j_type((int32_t)(fn - (loop + 4)), RA)); /* jal fn */
    emit32(s_type(0, T1, S0, 1));                  /* sh t1, 0(s0) */
    emit32(b_type(-12, A2, A0, 1));                /* bne a0, a2, loop */
    emit32(j_type(0, 0));                          /* j . */
    emit_setup(loop, hit ? fn + 2 : fn + 8, rv_addi(A1, A1, 2) >> 16); /* its upper half */
    org(fn);
    emit32(rv_addi(A1, A1, 1));                    /* fn: addi a1, a1, 1 */
    emit32(i_type(0, RA, 0, 0, 0x67));             /* ret */
    org(loop - 0x40);
    emit32(rv_addi(A2, 0, 1000));
    emit32(j_type(0x20 - 4, 0)); /* to the set-up */
    /* 1000 iterations of 6 instructions, then j . (7 set-up instructions before) */
    struct expect e = {.addr = fn, .reg = A1};
    if (hit) {
        e.word = rv_addi(A1, A1, 2);
        e.val = 1 + 2 * 999;
        e.max_blocks = 10 + JIT_HOT_WRITES;
    } else {
        e.word = rv_addi(A1, A1, 1);
        e.val = 1000;
        e.max_blocks = 10;
        e.beside = true;
        e.linked = fn;
    }
    char test[32];
    snprintf(test, sizeof(test), "store.%s.code%s", hit ? "into" : "beside",
             far ? ".next.page" : "");
    check_run(test, loop - 0x40, 7 + 6000 + 10, &e);
}

/* A block that stores into one of its own instructions still to come runs the new one
 * (the translated block must leave at the store); one that stores into an instruction it
 * has run already runs the new one from the next time on. */
static void test_store_into_running_block(void)
{
    const uint32_t a = RAM_BASE + 0x200;
    memset(image, 0, sizeof(image));
    emit_setup(a, a, rv_addi(A1, A1, 5));
    org(a);
    emit32(s_type(8, T1, S0, 2)); /* a: sw t1, 8(s0), over the addi at a + 8 */
    emit32(rv_addi(A0, A0, 1));   /* addi a0, a0, 1 */
    emit32(rv_addi(A1, A1, 1));   /* addi a1, a1, 1: becomes addi a1, a1, 5 */
    emit32(j_type(0, 0));         /* j . */
    struct expect e = {.addr = a + 8, .word = rv_addi(A1, A1, 5), .reg = A1, .val = 5,
                       .max_blocks = 4};
    check_run("store.ahead.in.block", a - 0x20, 5 + 4, &e);

    memset(image, 0, sizeof(image));
    emit_setup(a, a, rv_addi(A1, A1, 5));
    org(a);
    emit32(rv_addi(A1, A1, 1));    /* a: addi a1, a1, 1: becomes addi a1, a1, 5 */
    emit32(s_type(0, T1, S0, 2));  /* sw t1, 0(s0) */
    emit32(b_type(-8, A1, A0, 1)); /* bne a0, a1, a (a0 = 0: taken) */
    /* a1: 1, then 6, 11, 16 after four passes */
    e = (struct expect){.addr = a, .word = rv_addi(A1, A1, 5), .reg = A1, .val = 16,
                        .max_blocks = 4 + JIT_HOT_WRITES};
    check_run("store.behind.in.block", a - 0x20, 5 + 4 * 3, &e);
}

int main(void)
{
    test_spin(false);
    test_spin(true);
    for (int far = 0; far < 2; far++) {
        test_store_next_to_code(false, far);
        test_store_next_to_code(true, far);
    }
    test_store_into_running_block();
    return check_failures ? 1 : 0;
}
