/* Register numbering and the target description of an RV32 hart, as gdb sees it. */
#ifndef GDBSTUB_RV_TARGET_H
#define GDBSTUB_RV_TARGET_H

#include <stdint.h>

struct rv_cpu;

#define RV_GDB_PC 32    /* gdb's RISC-V numbering: x0-x31, then pc */
#define RV_GDB_CSR0 65  /* CSR n is register 65 + n */
#define RV_GDB_G_REGS 33 /* the g packet carries x0-x31 and pc */

/* The target description (malloc'd XML) listing the CSRs this core implements. */
char *rv_target_xml(struct rv_cpu *c);
int rv_target_read_reg(struct rv_cpu *c, unsigned regno, uint32_t *val);
int rv_target_write_reg(struct rv_cpu *c, unsigned regno, uint32_t val);

#endif
