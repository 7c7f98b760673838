/* The run loop for the Ibex timing model (timing_ibex.h), built once per setting of the two
 * configuration switches that change the per-instruction code (the writeback stage and the
 * branch target ALU), so that each loop has them as constants. */
#include "soc/cpu/riscv/timing_ibex.h"

#define RV_RUN_NAME rv_run_ibex_base
#define TM_INSN_CONFIG , false, false
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_btalu
#define TM_INSN_CONFIG , false, true
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_wb
#define TM_INSN_CONFIG , true, false
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

#define RV_RUN_NAME rv_run_ibex_wb_btalu
#define TM_INSN_CONFIG , true, true
#include "soc/cpu/riscv/run_template.h"
#undef RV_RUN_NAME

void rv_run_ibex(struct rv_cpu *c)
{
    if (c->tcfg.writeback_stage)
        (c->tcfg.branch_target_alu ? rv_run_ibex_wb_btalu : rv_run_ibex_wb)(c);
    else
        (c->tcfg.branch_target_alu ? rv_run_ibex_btalu : rv_run_ibex_base)(c);
}

void rv_timing_reset_ibex(struct rv_cpu *c) { tm_reset(c); }

void rv_timing_pc_set_ibex(struct rv_cpu *c)
{
    c->tm.ibex.f.resync = true;
    c->tm.ibex.f.tab = NULL; /* the next instruction takes ibex_enter_slow */
}
