/* The functional model (timing_functional.h, 1 CPI): its run loop, interpreted and with
 * translated blocks (jit.c), and its declaration. */
#include "soc/cpu/riscv/timing_functional.h"

#define RV_RUN_NAME rv_run_functional
#include "soc/cpu/riscv/run_template.h"

static const struct rv_model functional_model = {
    .name = "functional",
    .desc = "one cycle per instruction, whatever it does: what the firmware computes",
    .run = rv_run_functional,
    .run_translated = rv_run_functional_jit,
};
RV_MODEL(functional_model)
