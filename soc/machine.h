/* A machine: the simulation kernel plus everything a board assembled on it. */
#ifndef SOC_MACHINE_H
#define SOC_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"
#include "soc/bus.h"
#include "soc/device.h"
#include "soc/elf.h"

struct cpu;
struct chardev;
struct blockdev;
struct trace;

#define MACHINE_MAX_CPUS 4
#define MACHINE_MAX_BOOT_JUMPS 8

/* A jump of the board's boot path: code at `from` (a boot ROM) goes on at `to`. */
struct machine_boot_jump {
    uint32_t from, to;
    const struct device *dev; /* the boot ROM that declared it */
};

struct global_prop {
    char *driver, *prop, *value;
    char *spec; /* "-global ..." as the user wrote it, for messages */
    /* The property is this set's (a timing model's), not a device type's */
    const struct dev_propset *set;
    bool used;  /* a device (or a set's user) took it: machine_finalize reports the rest */
    struct global_prop *next;
};

/* How the functional and ibex models run: block translation where the host has it (the
 * default), translation or an error, or the interpreter. */
enum machine_accel { MACHINE_ACCEL_AUTO, MACHINE_ACCEL_JIT, MACHINE_ACCEL_INTERP };

struct machine {
    struct sim sim;
    char *board;              /* board name (from -M) */
    char *board_desc;
    struct bus *sysbus;
    struct bus *buses;        /* every bus, sysbus first */
    struct device *devices;   /* creation order */
    struct device **dev_tail;
    struct cpu *cpus[MACHINE_MAX_CPUS]; /* soc/cpu.h, in creation order (cpu_attach) */
    unsigned ncpus;
    struct chardev *chardevs;
    struct blockdev *blockdevs;
    struct global_prop *globals;
    struct elf_image elf;     /* the loaded firmware and its symbols */
    bool elf_loaded;
    char *serial[4];          /* -serial chardev ids, by UART index */
    unsigned nserial;
    unsigned serial_asked;    /* bit n: the board asked for serial port n (socsim.serial) */
    char *cpu_model;          /* -cpu-model override, NULL if none */
    int accel;                /* -accel: enum machine_accel */
    bool semihosting;
    uint32_t tohost, fromhost; /* HTIF symbol addresses, 0 if absent */
    bool finalized;
    bool stopped;             /* machine_stop ran: the devices' output is flushed */
    /* The boot path from a CPU's reset vector to the firmware, declared by the boot ROMs
     * (machine_boot_jump) so that -kernel can say where a CPU that starts at its reset
     * vector enters the firmware. */
    struct machine_boot_jump boot_jumps[MACHINE_MAX_BOOT_JUMPS];
    unsigned nboot_jumps;
    /* The machine timer (CLINT mtime) behind the time/timeh CSRs; NULL when absent. */
    struct device *timebase;
    uint64_t (*timebase_read)(struct device *d);
    /* The Lua state the board script and a scenario share (lua/lb.h); machine_free calls
     * lua_free first, while every device and back end its finalizers could reach exists. */
    struct lb *lua;
    /* The trace outputs (--vcd) and their window (soc/trace.h); NULL when none. */
    struct trace *trace;
    /* A signal may gain a listener during the run: a trace output's window opens later, a
     * scenario watches (socsim.watch).  Set by trace_add and lb_run_scenario, before the
     * run.  Devices that draw a line only while something listens (uart_wave.h) note what
     * they would draw meanwhile only then: otherwise nothing ever will listen. */
    bool late_listeners;
    void (*lua_free)(struct lb *lua);
};

void machine_init(struct machine *m);
void machine_free(struct machine *m);
struct device *machine_find_device(struct machine *m, const char *id);
struct bus *machine_find_bus(struct machine *m, const char *id);
/* The CPU whose device id is `id`; NULL when no device has that id or it is not a CPU. */
struct cpu *machine_find_cpu(struct machine *m, const char *id);
/* The CPU that device d is; NULL when it is not one. */
struct cpu *machine_cpu_of(struct machine *m, const struct device *d);
/* First bus of a kind (for -device without bus=). */
struct bus *machine_first_bus(struct machine *m, enum bus_kind kind);
int machine_add_global(struct machine *m, const char *spec); /* "ibex.rv32m=slow" */
/* Load the firmware ELF (-kernel) at its physical addresses and note its HTIF tohost.
 * 0, or -1 with sim_err set ("-kernel: ..."). */
int machine_load_kernel(struct machine *m, const char *path);
/* Wire IRQ links, run the devices' finalize hooks, make the CPUs follow the clocks they
 * name, reset every device and CPU, then let each CPU model finish (cpu_ops.finalize). */
int machine_finalize(struct machine *m);
void machine_reset(struct machine *m); /* whole-SoC reset (watchdog, monitor reset) */
/* The run is over for good, whatever ended it: every device's flush hook hands its
 * buffered output to its back end, then every chardev flushes to the host.  The one place
 * every exit path goes through (main's run, a scenario's final stop, machine_free);
 * calling it again does nothing. */
void machine_stop(struct machine *m);
/* A back end could not write what the guest gave it (a full disk: a file chardev, an
 * image); each said so on stderr when it happened.  The run must not look successful. */
bool machine_output_lost(struct machine *m);
/* True when a device will reset the machine by itself (dev_type.reset_armed). */
bool machine_reset_armed(struct machine *m);
/* Declare a jump of the boot path (boot ROM d's code at `from` goes on at `to`). */
int machine_boot_jump(struct machine *m, const struct device *d, uint32_t from, uint32_t to);
/* Take back everything device d registered on the machine while it was being created,
 * when its creation fails: its regions and slots on every bus, the buses it made, its
 * chardev front ends, listeners on IRQ lines, its CPU, the timebase, boot-path jumps,
 * pending events inside it.  Then the machine is as if d had never been asked for. */
void machine_forget(struct machine *m, struct device *d);
/* Where code entered at `start` ends up after the boot path's jumps: the path, start
 * first, in path[0..return value - 1] (at most max addresses). */
unsigned machine_boot_path(const struct machine *m, uint32_t start, uint32_t *path,
                           unsigned max);
void machine_print_tree(struct machine *m, FILE *f);

#endif
