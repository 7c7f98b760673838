/* --pipeline: the rows the timing models report, labelled (pipe.h). */
#include <stdio.h>

#include "soc/cpu/riscv/pipe.h"

void rv_pipe_insn(struct rv_cpu *c, const struct rv_insn *d, uint32_t pc, const char *note,
                  struct pipe_row *r)
{
    struct rv_insn fetched;
    if (!d) {
        /* An instruction fetched but not executed: decoded from memory as it is now. */
        rv_decode(rv_insn_bits(c, pc), c->isa_ext, &fetched);
        d = &fetched;
    }
    char text[64];
    rv_disasm(d, pc, text, sizeof(text));
    snprintf(r->text, sizeof(r->text), "0x%08x: %s%s%s", pc, text, note ? " " : "",
             note ? note : "");
    c->pipe->row(c->pipe, r);
}

void rv_pipe_irq(struct rv_cpu *c, uint32_t pc, uint32_t cause, struct pipe_row *r)
{
    snprintf(r->text, sizeof(r->text), "0x%08x: interrupt, mcause 0x%08x (%s)", pc, cause,
             rv_cause_name(cause));
    r->flushed = true;
    c->pipe->row(c->pipe, r);
}
