/* The functional model (timing_functional.h, 1 CPI): its run loop, interpreted and with
 * translated blocks (jit.c), and its declaration. */
#include "soc/cpu/riscv/timing_functional.h"

#define RV_RUN_NAME rv_run_functional
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

/* The loop the observers watch (run_template.h, RV_OBSERVED). */
#define RV_RUN_NAME rv_run_functional_observed
#define RV_OBSERVED 1
#include "soc/cpu/riscv/run_template.h"

/* The properties are set: the extensions the hart decodes. */
static int realize(struct rv_cpu *c)
{
    const struct rv_functional *f = c->tm;
    c->isa_ext = (f->zba ? RV_EXT_ZBA : 0) | (f->zbb ? RV_EXT_ZBB : 0) |
                 (f->zbc ? RV_EXT_ZBC : 0) | (f->zbs ? RV_EXT_ZBS : 0);
    return 0;
}

#define EXT_PROP(ext, what)                                                                    \
    {.name = #ext, .type = OPT_BOOL, .offset = offsetof(struct rv_functional, ext),            \
     .def = "off", .help = what}
static const struct opt_desc functional_props[] = {
    EXT_PROP(zba, "Zba: sh1add, sh2add, sh3add"),
    EXT_PROP(zbb, "Zbb: andn, clz, cpop, max, rol, rev8, sext.b, zext.h, ..."),
    EXT_PROP(zbc, "Zbc: clmul, clmulh, clmulr"),
    EXT_PROP(zbs, "Zbs: bclr[i], bext[i], binv[i], bset[i]"),
    {0},
};

static const struct rv_model functional_model = {
    .name = "functional",
    .desc = "one cycle per instruction, whatever it does: what the firmware computes",
    .props = functional_props,
    .size = sizeof(struct rv_functional),
    .realize = realize,
    .run = rv_run_functional,
    .run_translated = rv_run_functional_jit,
    .run_observed = rv_run_functional_observed,
    .pipeline_one_cycle = true,
};
RV_MODEL(functional_model)
