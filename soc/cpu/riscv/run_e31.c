/* The run loop for the E31 timing model (timing_e31.h). */
#include "soc/cpu/riscv/timing_e31.h"

#define RV_RUN_NAME rv_run_e31
#include "soc/cpu/riscv/run_template.h"

void rv_timing_reset_e31(struct rv_cpu *c) { tm_reset(c); }
