/* --pipeline, on the RISC-V side (soc/pipeline.h): while c->pipe is set, the timing model's
 * recording run loop (another build of run_template.h, with a constant of its hooks true:
 * the e31's rec, the ibex's rare) reports each instruction's stages and stalls here.  The
 * loops that run otherwise are built without it: recording off costs nothing per
 * instruction. */
#ifndef SOC_CPU_RISCV_PIPE_H
#define SOC_CPU_RISCV_PIPE_H

#include "soc/cpu/riscv/cpu.h"
#include "soc/pipeline.h"

/* What --stats calls each stall cause (enum rv_stall): a stall span's name. */
extern const char *const rv_stall_names[RV_STALL_COUNT];

static inline void rv_pipe_stage(struct pipe_row *r, const char *name, uint64_t from, uint64_t to)
{
    if (to > from && r->nstages < PIPE_MAX_STAGES)
        r->stage[r->nstages++] = (struct pipe_span){from, to, name};
}

static inline void rv_pipe_stall(struct pipe_row *r, unsigned cause, uint64_t from, uint64_t to)
{
    if (to > from && r->nstalls < PIPE_MAX_STALLS)
        r->stall[r->nstalls++] = (struct pipe_span){from, to, rv_stall_names[cause]};
}

/* Report row r of the instruction at pc (d: it decoded, NULL: look it up), labelled with
 * its address and assembly and `note` (NULL: none). */
void rv_pipe_insn(struct rv_cpu *c, const struct rv_insn *d, uint32_t pc, const char *note,
                  struct pipe_row *r);
/* Report the row of an interrupt taken before the instruction at pc (mcause `cause`). */
void rv_pipe_irq(struct rv_cpu *c, uint32_t pc, uint32_t cause, struct pipe_row *r);

#endif
