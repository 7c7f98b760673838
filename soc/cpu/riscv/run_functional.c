/* The run loop for the functional model (1 CPI). */
#include "soc/cpu/riscv/timing_functional.h"

#define RV_RUN_NAME rv_run_functional
#include "soc/cpu/riscv/run_template.h"
