/* The run loop for the Ibex timing model (timing_ibex.h). */
#include "soc/cpu/riscv/timing_ibex.h"

#define RV_RUN_NAME rv_run_ibex
#include "soc/cpu/riscv/run_template.h"

void rv_timing_reset_ibex(struct rv_cpu *c) { tm_reset(c); }
