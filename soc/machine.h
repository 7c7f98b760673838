/* A machine: the simulation kernel plus everything a board assembled on it. */
#ifndef SOC_MACHINE_H
#define SOC_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"
#include "soc/bus.h"
#include "soc/device.h"
#include "soc/elf.h"

struct rv_cpu;
struct chardev;
struct blockdev;

#define MACHINE_MAX_CPUS 4

struct global_prop {
    char *driver, *prop, *value;
    bool used;
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
    struct rv_cpu *cpus[MACHINE_MAX_CPUS];
    unsigned ncpus;
    struct chardev *chardevs;
    struct blockdev *blockdevs;
    struct global_prop *globals;
    struct elf_image elf;     /* the loaded firmware and its symbols */
    bool elf_loaded;
    char *serial[4];          /* -serial chardev ids, by UART index */
    unsigned nserial;
    char *cpu_model;          /* -cpu-model override, NULL if none */
    int accel;                /* -accel: enum machine_accel */
    bool semihosting;
    uint32_t tohost, fromhost; /* HTIF symbol addresses, 0 if absent */
    bool finalized;
    /* The machine timer (CLINT mtime) behind the time/timeh CSRs; NULL when absent. */
    struct device *timebase;
    uint64_t (*timebase_read)(struct device *d);
    /* The Lua state the board script and a scenario share (lua/lb.h); machine_free calls
     * lua_free last, after every device and back end is gone. */
    struct lb *lua;
    void (*lua_free)(struct lb *lua);
};

void machine_init(struct machine *m);
void machine_free(struct machine *m);
struct device *machine_find_device(struct machine *m, const char *id);
struct bus *machine_find_bus(struct machine *m, const char *id);
/* The CPU whose device id is `id`; NULL when no device has that id or it is not a CPU. */
struct rv_cpu *machine_find_cpu(struct machine *m, const char *id);
/* First bus of a kind (for -device without bus=). */
struct bus *machine_first_bus(struct machine *m, enum bus_kind kind);
int machine_add_global(struct machine *m, const char *spec); /* "ibex.rv32m=slow" */
/* Load the firmware ELF (-kernel) at its physical addresses and note its HTIF tohost.
 * 0, or -1 with sim_err set ("-kernel: ..."). */
int machine_load_kernel(struct machine *m, const char *path);
/* Wire IRQ links, run finalize hooks, reset every device and CPU; stores to the
 * firmware's tohost then take the CPUs' slow path. */
int machine_finalize(struct machine *m);
void machine_reset(struct machine *m); /* whole-SoC reset (watchdog, monitor reset) */
void machine_print_tree(struct machine *m, FILE *f);

#endif
