/* A timing model added through the registry alone (docs/timing-models.md, "Adding a timing
 * model"): toy2cpi takes `cpi` cycles (a property, 2 by default) per retired instruction
 * and 3 for an exception's entry, and counts the traps it saw for --stats.  Its hooks, its
 * run loop (run_template.h) and its RV_MODEL declaration are this file; nothing else in
 * socsim names it.  It runs through the ordinary paths: -cpu-model toy2cpi[,cpi=N] and
 * -global toy2cpi.cpi=N on an rv32 CPU, and --stats prints its counter.
 *
 * The program: t0 = 10; a loop of addi/bne ten times; csrr a0, mcycle; ecall, whose
 * handler reads mcycle into a1 and spins.  After 30 instructions (29 retired, the ecall
 * not): cycles 29 * cpi + 3; a0 = 21 * cpi (the 21 instructions before the csrr);
 * a1 = a0 + cpi + 3 (the csrr, then the trap entry). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/cpu.h"
#include "soc/cpu/riscv/cpu.h"
#include "soc/device.h"
#include "soc/machine.h"
#include "tests/unit/check.h"
#include "tests/unit/rv_enc.h"

/* ---- the model: what timing_toy2cpi.h would hold ---- */

struct toy {
    uint64_t cpi;   /* property */
    uint64_t traps; /* exceptions and interrupts taken, for --stats */
};

#define TM_EXEC_INFO 0      /* nothing here reads struct rv_exec */
#define TM_STATE struct toy /* the loop passes c->tm to tm_insn */

static inline void tm_insn(struct rv_cpu *c, const struct rv_insn *d, const struct rv_exec *x,
                           unsigned op, struct toy *t)
{
    (void)d, (void)x, (void)op;
    c->cycle += t->cpi;
}

static inline void tm_trap(struct rv_cpu *c, const struct rv_insn *d, uint32_t cause)
{
    struct toy *t = c->tm;
    (void)cause;
    t->traps++;
    if (d)
        c->cycle += 3; /* an exception's entry; an interrupt's costs nothing */
}

static inline uint64_t tm_csr_cycle(const struct rv_cpu *c) { return c->cycle; }

/* ---- and what run_toy2cpi.c would hold ---- */

#define RV_RUN_NAME toy_run
#include "soc/cpu/riscv/run_template.h"

static const struct opt_desc toy_props[] = {
    {.name = "cpi", .type = OPT_INT, .offset = offsetof(struct toy, cpi), .def = "2",
     .help = "cycles per retired instruction", .min = 1, .max = 16},
    {0},
};

static const struct rv_model_stat toy_stats[] = {
    {"toy-traps", offsetof(struct toy, traps)},
    {0},
};

static void toy_reset(struct rv_cpu *c) { ((struct toy *)c->tm)->traps = 0; }

static const struct rv_model toy_model = {
    .name = "toy2cpi",
    .desc = "a test's model: cpi cycles an instruction",
    .props = toy_props,
    .size = sizeof(struct toy),
    .reset = toy_reset,
    .run = toy_run,
    .stats = toy_stats,
};
RV_MODEL(toy_model)

/* ---- the test ---- */

#define RAM_BASE 0x80000000u
enum { T0 = 5, A0 = 10, A1 = 11 };

static uint8_t image[0x200];

static void program(void)
{
    const uint32_t code[] = {
        rv_addi(T0, 0, 10),
        rv_addi(T0, T0, -1),              /* loop: */
        b_type(-4, 0, T0, 1),             /* bne t0, zero, loop */
        i_type(0xb00, 0, 2, A0, 0x73),    /* csrrs a0, mcycle, zero */
        0x00000073,                       /* ecall */
    };
    const uint32_t handler[] = {
        i_type(0xb00, 0, 2, A1, 0x73),    /* csrrs a1, mcycle, zero */
        j_type(0, 0),                     /* j . */
    };
    memcpy(image, code, sizeof(code));
    memcpy(image + 0x100, handler, sizeof(handler));
}

static struct machine m;

/* Build virt32's core of it with -cpu-model `spec` (and a -global, if any), run n
 * instructions. */
static struct rv_cpu *run(const char *spec, const char *global, uint64_t n)
{
    machine_init(&m);
    m.cpu_model = strdup(spec);
    struct kv cpu[] = {{"id", "cpu0"}, {"reset-pc", "0x80000000"}, {"mtvec", "0x80000100"}};
    struct kv ram[] = {{"id", "ram"}, {"addr", "0x80000000"}, {"size", "64K"}};
    if ((global && machine_add_global(&m, global)) || !dev_create(&m, "rv32", cpu, 3, "unit") ||
        !dev_create(&m, "ram", ram, 3, "unit") || machine_finalize(&m)) {
        printf("FAIL toy_model.setup: %s\n", sim_err_msg());
        exit(1);
    }
    struct rv_cpu *c = rv_cpu_from(m.cpus[0]);
    bus_load(m.sysbus, RAM_BASE, image, sizeof(image));
    rv_dcache_flush(c);
    m.sim.max_insns = n;
    sim_run(&m.sim);
    return c;
}

static void check(const char *name, const char *spec, const char *global, uint64_t cpi)
{
    struct rv_cpu *c = run(spec, global, 30);
    char what[96];
    snprintf(what, sizeof(what), "toy_model.%s.model", name);
    CHECK(what, strcmp(rv_cpu_model_name(c), "toy2cpi") == 0);
    snprintf(what, sizeof(what), "toy_model.%s.instret", name);
    CHECK_EQ(what, c->instret, 29);
    snprintf(what, sizeof(what), "toy_model.%s.cycles", name);
    CHECK_EQ(what, c->cycle, 29 * cpi + 3);
    snprintf(what, sizeof(what), "toy_model.%s.mcycle-in-loop", name);
    CHECK_EQ(what, c->x[A0], 21 * cpi);
    snprintf(what, sizeof(what), "toy_model.%s.mcycle-in-handler", name);
    CHECK_EQ(what, c->x[A1], 21 * cpi + cpi + 3);
    snprintf(what, sizeof(what), "toy_model.%s.stat", name);
    CHECK_EQ(what, rv_model_stat(c->tm, &c->tm_model->stats[0]), 1);
    /* --stats prints the model's counter after the stall causes */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cpu_print_stats(f, &m, 0, true, false);
    fclose(f);
    snprintf(what, sizeof(what), "toy_model.%s.stats-line", name);
    CHECK(what, strstr(text, "  stall alu        0\n  toy-traps        1\n") != NULL);
    free(text);
    machine_free(&m);
}

int main(void)
{
    program();
    /* the registry lists it with the others, in name order */
    const char *const *names = rv_model_names;
    CHECK("toy_model.registered", rv_model_find("toy2cpi") == &toy_model);
    CHECK("toy_model.listed", names[0] && names[1] && names[2] && names[3] &&
                                  !strcmp(names[3], "toy2cpi") && !names[4]);
    check("default", "toy2cpi", NULL, 2);
    check("cpu-model-prop", "toy2cpi,cpi=3", NULL, 3);
    check("global", "toy2cpi", "toy2cpi.cpi=4", 4);
    return check_failures ? 1 : 0;
}
