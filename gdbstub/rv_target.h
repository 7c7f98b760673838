/* The RISC-V side of the GDB stub: an RV32 hart as gdb sees it.
 *
 * gdbstub.c serves the protocol, the sockets and the run loop for any CPU (soc/cpu.h);
 * what is particular to the ISA is here: gdb's RISC-V register numbering and target
 * description, breakpoints and watchpoints (the core's debug module,
 * soc/cpu/riscv/debug.h), the debugger's run, and the signal a stop reports.  The
 * registers themselves are read and written through the CPU interface.  A second ISA
 * would make these functions a table the stub picks by the CPU's type. */
#ifndef GDBSTUB_RV_TARGET_H
#define GDBSTUB_RV_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#include "gdbstub/gdb_proto.h"
#include "sim/sim.h"

struct cpu;

#define RV_GDB_PC 32    /* gdb's RISC-V numbering: x0-x31, then pc */
#define RV_GDB_CSR0 65  /* CSR n is register 65 + n */
#define RV_GDB_G_REGS 33 /* the g packet carries x0-x31 and pc */
#define RV_GDB_PRIV (RV_GDB_CSR0 + 4096) /* the privilege level (org.gnu.gdb.riscv.virtual) */

/* Give the hart a debug state (breakpoint and watchpoint tables); false when out of
 * memory.  rv_target_free takes it away again. */
bool rv_target_attach(struct cpu *c);
void rv_target_free(struct cpu *c);
/* The target description (malloc'd XML) listing the CSRs this core implements. */
char *rv_target_xml(struct cpu *c);
int rv_target_read_reg(struct cpu *c, unsigned regno, uint64_t *val);
int rv_target_write_reg(struct cpu *c, unsigned regno, uint64_t val);
/* Z and z packets: 0, or -1 for what the hart cannot do (kind, a full table). */
int rv_target_insert_point(struct cpu *c, enum gdb_point type, uint64_t addr, uint64_t kind);
int rv_target_remove_point(struct cpu *c, enum gdb_point type, uint64_t addr, uint64_t kind);
/* Forget every breakpoint and watchpoint (gdb detached or went away). */
void rv_target_clear_points(struct cpu *c);
/* Let the hart go through the kernel: one instruction (step) or until a stop
 * (rv_debug_run). */
enum sim_stop_reason rv_target_run(struct cpu *c, bool step);
/* The stop reply for SIM_STOP_BREAKPOINT: which breakpoint or watchpoint, or a step. */
void rv_target_debug_stop(struct cpu *c, struct gdb_stop *st);
/* The signal a program on a host would get for the trap the firmware is stuck in. */
int rv_target_trap_signal(struct cpu *c);

#endif
