/* A CPU as the rest of socsim sees it: the machine, the devices, the debugger, Lua and the
 * program.
 *
 * A CPU model (soc/cpu/<isa>/) is a device type whose instance holds a struct cpu and
 * fills its operations; it calls cpu_attach() when it is realized.  Nothing outside
 * soc/cpu/ includes a model's own headers (the gdb stub's target description of the ISA
 * aside, gdbstub/rv_target.c): the kernel drives the model through struct sim_processor
 * (sim/sim.h), the core clock is a clock domain others may follow or drive, memory
 * written behind the CPU's back reaches it as a bus write notification, and everything
 * that reads or reports its state goes through the operations below.  None of this is on
 * the per-instruction path. */
#ifndef SOC_CPU_H
#define SOC_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/sim.h"
#include "soc/bus.h"
#include "soc/device.h"

struct cpu;
struct machine;

/* What a CPU counted since the machine was built, for --stats, `monitor stats` and Lua's
 * socsim.stats(): the timing model's name, instructions retired, core clock cycles, the
 * cycles lost per cause (stall_names[i] counted stalls[i]), and counters of the timing
 * model's own (counter_names[i] counted counters[i]). */
#define CPU_STATS_COUNTERS 8
struct cpu_stats {
    const char *model;
    uint64_t instructions;
    uint64_t cycles;
    unsigned nstalls;
    const char *const *stall_names;
    const uint64_t *stalls;
    unsigned ncounters;
    const char *counter_names[CPU_STATS_COUNTERS];
    uint64_t counters[CPU_STATS_COUNTERS];
};

struct cpu_ops {
    /* Registers as the debugger numbers them: 0..nregs-1 the general registers, nregs the
     * pc.  reg_find gives a register's number from its name ("a0", "x5", "pc"), -1 when
     * none has it.  Reads have no side effects; writing the pc refetches from there. */
    unsigned nregs;
    int (*reg_read)(struct cpu *c, unsigned n, uint64_t *val);
    int (*reg_write)(struct cpu *c, unsigned n, uint64_t val);
    int (*reg_find)(const char *name);
    /* System registers (RISC-V's CSRs) by number, below nsysregs, as the debugger sees
     * them (a read has no side effect); -1 when the CPU has none by that number.
     * sysreg_find gives the number from a name ("mstatus"), -1 when unknown. */
    uint32_t nsysregs;
    int (*sysreg_read)(struct cpu *c, uint32_t n, uint64_t *val);
    int (*sysreg_write)(struct cpu *c, uint32_t n, uint64_t val);
    int (*sysreg_find)(const char *name);
    /* The CPU's local time (it runs ahead of the kernel up to the horizon). */
    sim_time_t (*now)(const struct cpu *c);
    void (*stats)(const struct cpu *c, struct cpu_stats *s);
    /* Make the run loop return at the next instruction boundary. */
    void (*kick)(struct cpu *c);
    /* The core clock changed to hz (the CPU's clock domain, struct cpu.clock): time per
     * cycle changes from now on. */
    void (*set_freq)(struct cpu *c, uint64_t hz);
    /* [addr, addr + n) of the CPU's bus changed behind its back: drop what it decoded or
     * translated from those bytes. */
    void (*code_written)(struct cpu *c, uint32_t addr, uint32_t n);
    /* Where the CPU starts after reset when it does not start at the ELF's entry: true
     * and the address, or false when it starts at the entry. */
    bool (*reset_vector)(const struct cpu *c, uint64_t *pc);
    /* The run stopped because of this CPU (SIM_STOP_TRAP_LOOP): why, in words for the
     * user ("firmware stuck in a trap loop: mcause=..."). */
    void (*describe_stop)(const struct cpu *c, char *buf, size_t n);
    /* The machine is complete (devices wired and reset, firmware loaded); may be NULL. */
    void (*finalize)(struct cpu *c);
    /* Call fn(c, opaque) once, before the instruction at pc first executes from now on (a
     * trace window opening at a symbol, soc/trace.h), then forget it; the run goes on.  One
     * at a time: a new one replaces the last; fn NULL cancels.  The instruction costs the
     * same cycles as without it.  0, or -1 with sim_err set; NULL: the CPU cannot. */
    int (*break_at)(struct cpu *c, uint64_t pc, void (*fn)(struct cpu *c, void *opaque),
                    void *opaque);
    /* The interrupt lines as the CPU sees them (RISC-V: mip's MSIP, MTIP and MEIP), names
     * of struct cpu.lines[], NULL-terminated: the tree names "<cpu-id>.<name>" that trace
     * outputs and Lua watches use.  The model sets a line with cpu_line_set when its input
     * changes. */
    const char *const *line_names;
};

#define CPU_MAX_LINES 8

struct cpu {
    struct device *dev;
    const struct cpu_ops *ops;
    /* The core clock.  Its frequency is the CPU's freq property, or, when the clock
     * property names a device, that device's clock from the machine's finalize on (a
     * PLL: the CPU follows it as it changes).  Devices clocked by the core follow it in
     * turn (dev_clock). */
    struct sim_clock_domain clock;
    char *clock_src; /* the clock property: a device id, or NULL/empty */
    struct sim_clock_listener on_clock, on_src;
    struct bus_write_listener on_write;
    struct signal lines[CPU_MAX_LINES]; /* ops->line_names: their levels, as signals */
};

/* The `clock` property of a CPU type whose instance struct `inst` holds its struct cpu
 * as `member`. */
#define CPU_CLOCK_PROP(inst, member)                                                         \
    {.name = "clock", .type = PROP_STRING, .offset = offsetof(inst, member.clock_src),     \
     .help = "id of the clock generator driving the core (sifive-prci), instead of freq"}

/* Make c, part of device d, the machine's next CPU: its core clock at hz, told of writes
 * to bus by other masters.  From realize; 0, or -1 with sim_err set (too many CPUs). */
int cpu_attach(struct cpu *c, struct device *d, const struct cpu_ops *ops, struct bus *bus,
               uint64_t hz);
/* From machine_finalize, for each CPU: follow the clock its clock property names (none:
 * nothing to do).  0, or -1 with sim_err set. */
int cpu_follow_clock(struct cpu *c);

/* The model's interrupt line n (ops->line_names[n]) is now at `level` (soc/signal.h:
 * listeners hear changes only). */
static inline void cpu_line_set(struct cpu *c, unsigned n, bool level)
{
    signal_set(&c->lines[n], level);
}
/* Line i of the CPU as a signal with its name (ops->line_names[i]); NULL past the last. */
struct signal *cpu_line(struct cpu *c, unsigned i, const char **name);
/* The lines' listeners go with the CPU (its device's free hook). */
void cpu_free_lines(struct cpu *c);

/* How messages name a CPU: its id, or "cpu". */
const char *cpu_name(const struct cpu *c);
uint64_t cpu_pc(struct cpu *c);
static inline sim_time_t cpu_now(const struct cpu *c) { return c->ops->now(c); }
static inline void cpu_stats(const struct cpu *c, struct cpu_stats *s) { c->ops->stats(c, s); }
static inline void cpu_kick(struct cpu *c) { c->ops->kick(c); }

/* The one formatter of the CPUs' statistics (--summary, --stats, `monitor stats`): per
 * CPU, with full its instructions, cycles, CPI, simulated time, host MIPS and stall cycles
 * by cause, then with summary the one-line summary.  host_s: host seconds the run took
 * (for host MIPS). */
void cpu_print_stats(FILE *f, struct machine *m, double host_s, bool full, bool summary);

#endif
