/* socsim: the program.  Parses a QEMU-style command line, assembles the machine from a
 * Lua board script plus -device options, loads the firmware and runs it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gdbstub/gdbstub.h"
#include "lua/lb.h"
#include "sim/backends/blockdev.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "sim/log.h"
#include "soc/cpu/riscv/cpu.h"
#include "soc/machine.h"

#define MAX_LIST 256

struct options {
    const char *board;
    const char *kernel;
    const char *signature;
    const char *devices[MAX_LIST];
    const char *chardevs[MAX_LIST];
    const char *blockdevs[MAX_LIST];
    const char *globals[MAX_LIST];
    const char *serials[4];
    unsigned ndevices, nchardevs, nblockdevs, nglobals, nserials;
    const char *cpu_model;
    int accel;
    sim_time_t max_time;
    uint64_t max_insns;
    bool stats, summary, info_tree, no_semihosting;
    const char *script; /* --script SCENARIO.lua */
    const char *gdb;  /* -gdb SPEC / -s */
    bool gdb_wait;    /* -S */
    const char *log;      /* -d CATEGORIES */
    const char *log_file; /* -D FILE */
};

static const char usage[] =
    "Usage: socsim -M BOARD -kernel FIRMWARE.elf [options]\n"
    "\n"
    "Machine:\n"
    "  -M BOARD             board name (BOARD.lua on the board path: $SOCSIM_BOARDS, then the\n"
    "                       boards installed with socsim) or path to a board script; -M help\n"
    "                       lists them\n"
    "  -kernel FILE         firmware ELF (RV32), loaded at its physical addresses; runs from its entry\n"
    "  -bios none           accepted for QEMU compatibility (socsim has no BIOS)\n"
    "  -device SPEC         add a device: NAME[,id=ID][,bus=BUS][,addr=N][,PROP=VALUE...]\n"
    "                       -device help lists device types; -device NAME,help their properties\n"
    "                       (tlm-target,lib=MODEL.so: a SystemC TLM-2.0 model, docs/systemc.md)\n"
    "  -global D.P=V        set property P of every device of type D (e.g. ibex.rv32m=slow)\n"
    "  -cpu-model MODEL     timing model for every CPU: functional, ibex, e31\n"
    "  -accel jit|interp    how the functional and ibex models run: translated to host code\n"
    "                       (jit, the default on x86-64 hosts) or interpreted; same cycles\n"
    "  --info-tree          print the assembled machine (buses, devices, memory map) and exit\n"
    "\n"
    "Back ends:\n"
    "  -chardev SPEC        DRIVER,id=ID[,opts]; -chardev help lists drivers (stdio, file,\n"
    "                       socket, pty, serial: a host serial line, null, ringbuf)\n"
    "  -blockdev SPEC       driver=DRIVER,node-name=N[,opts]; -blockdev help lists drivers\n"
    "                       (file: raw, qcow2 over a file node, nbd: an NBD export, overlay)\n"
    "  pass-through         -device i2c-host / spi-host / gpio-host put the host's I2C, SPI\n"
    "                       and GPIO devices on the guest's buses (docs/passthrough.md)\n"
    "  -serial SPEC         back end of the board's first UART (stdio, null, file:PATH, ...)\n"
    "  -nographic           accepted for QEMU compatibility (the UART is on stdio by default)\n"
    "\n"
    "Firmware interfaces:\n"
    "  -semihosting         accepted: RISC-V semihosting is on by default\n"
    "  --no-semihosting     treat the semihosting ebreak as a plain breakpoint\n"
    "  --signature FILE     at exit, write memory from begin_signature to end_signature\n"
    "                       as 8-digit hex words, one per line (riscv-arch-test)\n"
    "\n"
    "Run control (simulated time, not wall-clock):\n"
    "  --max-time DURATION  stop after this much simulated time (10ms, 2s); exit status 124\n"
    "  --max-insns N        stop after N instructions (retired or faulting); exit status 124\n"
    "  --stats              print cycles, instructions, CPI and stall cycles on stderr at exit\n"
    "  --summary            print one line (instructions, cycles, simulated time, host MIPS)\n"
    "  --script FILE        a Lua test scenario drives the run (docs/scenarios.md); its return\n"
    "                       value or socsim.exit(N) is the exit status, a failure exits 1\n"
    "\n"
    "Debugging (docs/gdb.md):\n"
    "  -gdb SPEC            GDB remote stub on tcp:[HOST]:PORT or unix:PATH\n"
    "  -s                   same as -gdb tcp::1234\n"
    "  -S                   hold the CPU at reset until gdb connects and continues\n"
    "  -d CAT[,CAT...]      log run-time events with their cycle: int (every trap), exec (every\n"
    "                       instruction), cpu (registers), guest_errors; -d help lists them\n"
    "  -D FILE              write the -d log to FILE instead of stderr\n"
    "\n"
    "  -h, --help           this help\n"
    "\n"
    "Environment:\n"
    "  SOCSIM_BOARDS        DIR[:DIR...]: directories searched for -M BOARD before the boards\n"
    "                       installed with socsim (docs/boards.md, \"Where boards are found\")\n"
    "\n"
    "Exit status: the firmware's exit code (finisher, semihosting exit, HTIF tohost);\n"
    "124 when a limit ended the run; 123 when the firmware is stuck in a trap loop (the\n"
    "instruction at its trap handler traps); 2 for a usage error; 1 when the simulation\n"
    "failed.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "socsim: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'socsim --help'.\n");
    return SIM_EXIT_USAGE;
}

/* Long options take one or two dashes, like QEMU's. */
static bool is_opt(const char *arg, const char *name)
{
    if (arg[0] != '-')
        return false;
    arg += arg[1] == '-' ? 2 : 1;
    return strcmp(arg, name + 1) == 0;
}

static int push(const char **list, unsigned *n, const char *v, const char *opt)
{
    if (*n == MAX_LIST)
        return usage_error("too many %s options", opt);
    list[(*n)++] = v;
    return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG()                                                                             \
    do {                                                                                       \
        if (!v)                                                                                \
            return usage_error("option %s needs an argument", a);                              \
        i++;                                                                                   \
    } while (0)
        int rc = 0;
        if (is_opt(a, "-h") || is_opt(a, "-help")) {
            fputs(usage, stdout);
            return -1;
        } else if (is_opt(a, "-M") || is_opt(a, "-machine")) {
            NEED_ARG();
            o->board = v;
        } else if (is_opt(a, "-kernel")) {
            NEED_ARG();
            o->kernel = v;
        } else if (is_opt(a, "-bios")) {
            NEED_ARG();
            if (strcmp(v, "none") != 0)
                return usage_error("-bios %s: only '-bios none' is supported", v);
        } else if (is_opt(a, "-device")) {
            NEED_ARG();
            rc = push(o->devices, &o->ndevices, v, a);
        } else if (is_opt(a, "-chardev")) {
            NEED_ARG();
            rc = push(o->chardevs, &o->nchardevs, v, a);
        } else if (is_opt(a, "-blockdev")) {
            NEED_ARG();
            rc = push(o->blockdevs, &o->nblockdevs, v, a);
        } else if (is_opt(a, "-global")) {
            NEED_ARG();
            rc = push(o->globals, &o->nglobals, v, a);
        } else if (is_opt(a, "-serial")) {
            NEED_ARG();
            if (o->nserials == 4)
                return usage_error("%s: at most 4 -serial options", a);
            o->serials[o->nserials++] = v;
        } else if (is_opt(a, "-cpu-model")) {
            NEED_ARG();
            o->cpu_model = v;
        } else if (is_opt(a, "-accel")) {
            NEED_ARG();
            if (strcmp(v, "jit") == 0)
                o->accel = MACHINE_ACCEL_JIT;
            else if (strcmp(v, "interp") == 0)
                o->accel = MACHINE_ACCEL_INTERP;
            else
                return usage_error("-accel %s: expected jit or interp", v);
        } else if (is_opt(a, "-max-time")) {
            NEED_ARG();
            if (sim_parse_time(v, &o->max_time) || o->max_time == 0)
                return usage_error("--max-time %s: expected a duration such as 10ms or 2s", v);
        } else if (is_opt(a, "-max-insns")) {
            NEED_ARG();
            if (sim_parse_u64(v, &o->max_insns) || o->max_insns == 0)
                return usage_error("--max-insns %s: expected a positive integer", v);
        } else if (is_opt(a, "-signature")) {
            NEED_ARG();
            o->signature = v;
        } else if (is_opt(a, "-script")) {
            NEED_ARG();
            if (access(v, R_OK) != 0)
                return usage_error("--script %s: cannot read the scenario", v);
            o->script = v;
        } else if (is_opt(a, "-stats")) {
            o->stats = true;
        } else if (is_opt(a, "-summary")) {
            o->summary = true;
        } else if (is_opt(a, "-info-tree")) {
            o->info_tree = true;
        } else if (is_opt(a, "-nographic") || is_opt(a, "-semihosting")) {
            /* accepted for QEMU compatibility */
        } else if (is_opt(a, "-no-semihosting")) {
            o->no_semihosting = true;
        } else if (is_opt(a, "-gdb")) {
            NEED_ARG();
            o->gdb = v;
        } else if (strcmp(a, "-s") == 0) {
            o->gdb = "tcp::1234";
        } else if (strcmp(a, "-S") == 0) {
            o->gdb_wait = true;
        } else if (is_opt(a, "-d")) {
            NEED_ARG();
            if (strcmp(v, "help") != 0 && sim_log_set(v))
                return usage_error("%s", sim_err_msg());
            o->log = v;
        } else if (is_opt(a, "-D")) {
            NEED_ARG();
            o->log_file = v;
        } else {
            return usage_error("unknown option '%s'", a);
        }
        if (rc)
            return rc;
#undef NEED_ARG
    }
    return 0;
}

/* "help" or "...,help" (as the last option). */
static bool is_help_spec(const char *spec)
{
    size_t n = strlen(spec);
    return strcmp(spec, "help") == 0 || (n > 5 && strcmp(spec + n - 5, ",help") == 0);
}

/* Help requests that print and exit before any machine is built. */
static int help_requests(const struct options *o, bool *done)
{
    *done = true;
    if (o->log && strcmp(o->log, "help") == 0) {
        sim_log_help(stdout);
        return 0;
    }
    if (o->board && strcmp(o->board, "help") == 0) {
        if (lb_print_boards(stdout) == 0)
            return 0;
        sim_err_print(); /* no board scripts anywhere: an installation problem */
        return SIM_EXIT_USAGE;
    }
    for (unsigned i = 0; i < o->ndevices; i++) {
        const char *d = o->devices[i];
        size_t len = strlen(d);
        if (strcmp(d, "help") == 0) {
            dev_print_help(stdout);
            return 0;
        }
        if (len > 5 && strcmp(d + len - 5, ",help") == 0) {
            char name[128];
            snprintf(name, sizeof(name), "%.*s", (int)(len - 5), d);
            if (dev_print_type_help(stdout, name)) {
                sim_err_print();
                return SIM_EXIT_USAGE;
            }
            return 0;
        }
    }
    /* "help" and "DRIVER,help": the back end code prints them (rc 1) without a machine. */
    for (unsigned i = 0; i < o->nchardevs; i++)
        if (is_help_spec(o->chardevs[i])) {
            if (chardev_add(NULL, o->chardevs[i]) < 0) {
                sim_err_print();
                return SIM_EXIT_USAGE;
            }
            return 0;
        }
    for (unsigned i = 0; i < o->nblockdevs; i++)
        if (is_help_spec(o->blockdevs[i])) {
            if (blockdev_add(NULL, o->blockdevs[i]) < 0) {
                sim_err_print();
                return SIM_EXIT_USAGE;
            }
            return 0;
        }
    *done = false;
    return 0;
}

/* Split "NAME,k=v,k=v" in place into the name and key=value pairs. */
static int split_spec(char *spec, const char **name, struct kv *kv, size_t max, size_t *n,
                      const char *opt)
{
    char *save = NULL;
    *name = strtok_r(spec, ",", &save);
    *n = 0;
    if (!*name)
        return sim_err("%s: empty specification", opt);
    for (char *tok; (tok = strtok_r(NULL, ",", &save));) {
        char *eq = strchr(tok, '=');
        if (!eq)
            return sim_err("%s %s: '%s' is not KEY=VALUE", opt, *name, tok);
        if (*n == max)
            return sim_err("%s %s: too many properties", opt, *name);
        *eq = 0;
        kv[*n].key = tok;
        kv[*n].value = eq + 1;
        (*n)++;
    }
    return 0;
}

static int add_devices(struct machine *m, const struct options *o)
{
    for (unsigned i = 0; i < o->ndevices; i++) {
        char *spec = strdup(o->devices[i]), where[300];
        const char *name;
        struct kv kv[64];
        size_t n;
        snprintf(where, sizeof(where), "-device %s", o->devices[i]);
        int rc = split_spec(spec, &name, kv, 64, &n, "-device");
        if (rc == 0 && !dev_create(m, name, kv, n, where))
            rc = -1;
        free(spec);
        if (rc)
            return -1;
    }
    return 0;
}

/* -serial SPEC: a chardev named serialN for the board's N-th UART. */
static int add_serials(struct machine *m, const struct options *o)
{
    for (unsigned i = 0; i < o->nserials; i++) {
        char id[16];
        snprintf(id, sizeof(id), "serial%u", i);
        struct chardev *c = chardev_serial(m, id, o->serials[i]);
        if (!c)
            return -1;
        m->serial[m->nserial++] = strdup(c->id);
    }
    return 0;
}

static int write_signature(struct machine *m, const char *path)
{
    uint32_t begin, end;
    if (elf_symbol(&m->elf, "begin_signature", &begin) || elf_symbol(&m->elf, "end_signature", &end))
        return sim_err("--signature %s: the ELF has no begin_signature/end_signature symbols", path);
    /* Write a temporary file and rename it: never a half-written signature. */
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return sim_err("--signature %s: %s", path, strerror(errno));
    for (uint32_t a = begin; a + 4 <= end; a += 4) {
        uint32_t w = 0;
        bus_debug_read(m->sysbus, a, &w, 4);
        fprintf(f, "%08x\n", w);
    }
    if (fclose(f) || rename(tmp, path)) {
        int e = errno;
        unlink(tmp);
        return sim_err("--signature %s: %s", path, strerror(e));
    }
    return 0;
}

static double host_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void print_stats(struct machine *m, double host_s, bool full)
{
    static const char *const stall_names[RV_STALL_COUNT] = {
        "fetch", "branch", "load-use", "memory", "mul/div", "csr/fence", "trap", "wfi",
    };
    char t[64];
    sim_format_time(t, sizeof(t), sim_now(&m->sim));
    for (unsigned i = 0; i < m->ncpus; i++) {
        struct rv_cpu *c = m->cpus[i];
        double mips = host_s > 0 ? (double)c->instret / host_s / 1e6 : 0;
        if (!full) {
            fprintf(stderr, "socsim: %llu instructions, %llu cycles, %s simulated, %.1f host MIPS\n",
                    (unsigned long long)c->instret, (unsigned long long)c->cycle, t, mips);
            continue;
        }
        fprintf(stderr, "socsim stats (%s, model %s):\n", c->dev.id ? c->dev.id : "cpu",
                rv_model_names[c->model]);
        fprintf(stderr, "  instructions %llu\n  cycles       %llu\n", (unsigned long long)c->instret,
                (unsigned long long)c->cycle);
        fprintf(stderr, "  CPI          %.3f\n", c->instret ? (double)c->cycle / (double)c->instret : 0);
        fprintf(stderr, "  simulated    %s\n  host MIPS    %.1f\n", t, mips);
        for (int k = 0; k < RV_STALL_COUNT; k++)
            fprintf(stderr, "  stall %-10s %llu\n", stall_names[k],
                    (unsigned long long)c->stats.stall[k]);
    }
}

static int run(struct machine *m, const struct options *o)
{
    struct sim *s = &m->sim;
    struct gdb_stub *gdb = NULL;
    if (o->gdb || o->gdb_wait) {
        gdb = gdb_stub_open(m, o->gdb ? o->gdb : "tcp::1234", o->gdb_wait);
        if (!gdb) {
            sim_err_print();
            return SIM_EXIT_USAGE;
        }
    }
    double t0 = host_seconds();
    if (o->script) {
        int status = lb_run_scenario(m, o->script);
        double host_s = host_seconds() - t0;
        machine_stop(m); /* what the UARTs still hold reaches the back ends */
        fflush(stdout);
        if (o->stats || o->summary)
            print_stats(m, host_s, o->stats);
        if (o->signature && write_signature(m, o->signature)) {
            sim_err_print();
            status = status ? status : 1;
        }
        return status;
    }
    for (;;) {
        enum sim_stop_reason r = gdb ? gdb_stub_run(gdb) : sim_run(s);
        if (r != SIM_STOP_RESET)
            break;
        machine_reset(m); /* the finisher's reset: start over, time goes on */
        sim_resume(s);
    }
    double host_s = host_seconds() - t0;
    gdb_stub_close(gdb);
    machine_stop(m); /* every way out of the loop: exit, limit, stuck CPU, gdb kill */
    fflush(stdout);
    int status;
    char t[64];
    switch (s->stop) {
    case SIM_STOP_EXIT: status = s->exit_code; break;
    case SIM_STOP_TIME_LIMIT:
        sim_format_time(t, sizeof(t), s->max_time);
        sim_warn("simulated time limit reached (--max-time %s) before the firmware exited", t);
        status = SIM_EXIT_LIMIT;
        break;
    case SIM_STOP_INSN_LIMIT:
        sim_warn("instruction limit reached (--max-insns %llu) before the firmware exited",
                 (unsigned long long)s->max_insns);
        status = SIM_EXIT_LIMIT;
        break;
    case SIM_STOP_ERROR:
        sim_warn("the CPU sleeps in wfi with no event pending and nothing can wake it (pc 0x%08x)",
                 m->ncpus ? m->cpus[0]->pc : 0);
        status = 1;
        break;
    case SIM_STOP_TRAP_LOOP: {
        char msg[256];
        rv_trap_loop_describe(m->cpus[0], msg, sizeof(msg));
        sim_warn("%s", msg);
        status = SIM_EXIT_TRAP_LOOP;
        break;
    }
    default:
        sim_warn("simulation stopped: %s", sim_stop_reason_name(s->stop));
        status = 1;
        break;
    }
    if (o->stats || o->summary)
        print_stats(m, host_s, o->stats);
    if (o->signature && write_signature(m, o->signature)) {
        sim_err_print();
        status = status ? status : 1;
    }
    return status;
}

/* A CPU that starts at its reset vector (boot=reset) enters the firmware where the
 * board's boot path goes, whatever the ELF's entry point says, so an ELF linked for another
 * board would spin without a word.  Warn when the entry point is not that address and the
 * ELF puts nothing there either (code there, a vector table, is the firmware's own way in
 * to its entry). */
static void check_entry(struct machine *m, const char *kernel)
{
    const struct rv_cpu *c = m->cpus[0];
    if (c->boot == 0) /* "entry": it starts at the entry point */
        return;
    uint32_t path[MACHINE_MAX_BOOT_JUMPS + 1];
    unsigned n = machine_boot_path(m, (uint32_t)c->reset_pc, path, ARRAY_SIZE(path));
    uint32_t to = path[n - 1];
    if (m->elf.entry == to || elf_loads(&m->elf, to))
        return;
    char route[200];
    int len = snprintf(route, sizeof(route), "0x%08x (reset vector)", path[0]);
    for (unsigned i = 1; i < n && len > 0 && (size_t)len < sizeof(route); i++)
        len += snprintf(route + len, sizeof(route) - (size_t)len, " -> 0x%08x", path[i]);
    sim_warn("warning: -kernel %s: entry point 0x%08x is not where %s boots: the boot path goes "
             "%s, and the ELF loads nothing at 0x%08x; the firmware will not run from its entry",
             kernel, m->elf.entry, m->board ? m->board : "the board", route, to);
}

static int build(struct machine *m, const struct options *o)
{
    m->cpu_model = o->cpu_model ? strdup(o->cpu_model) : NULL;
    m->accel = o->accel;
    m->semihosting = !o->no_semihosting;
    for (unsigned i = 0; i < o->nglobals; i++)
        if (machine_add_global(m, o->globals[i]))
            return -1;
    for (unsigned i = 0; i < o->nchardevs; i++)
        if (chardev_add(m, o->chardevs[i]) < 0)
            return -1;
    for (unsigned i = 0; i < o->nblockdevs; i++)
        if (blockdev_add(m, o->blockdevs[i]) < 0)
            return -1;
    if (add_serials(m, o))
        return -1;
    if (lb_run_board(m, o->board) || add_devices(m, o))
        return -1;
    if (m->ncpus == 0)
        return sim_err("-M %s: the board has no CPU", o->board);
    if (o->kernel && machine_load_kernel(m, o->kernel))
        return -1;
    if (machine_finalize(m))
        return -1;
    if (o->kernel)
        check_entry(m, o->kernel);
    m->sim.max_time = o->max_time ? o->max_time : SIM_TIME_MAX;
    m->sim.max_insns = o->max_insns ? o->max_insns : UINT64_MAX;
    return 0;
}

int main(int argc, char **argv)
{
    struct options o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    bool done;
    rc = help_requests(&o, &done);
    if (done)
        return rc;
    if (!o.board)
        return usage_error("%s", "no board given: use -M BOARD (-M help lists them)");
    if (!o.kernel && !o.info_tree)
        return usage_error("%s", "no firmware given: use -kernel FILE.elf");
    if (o.script && (o.gdb || o.gdb_wait))
        return usage_error("%s", "--script and -gdb/-s/-S cannot be combined: one drives the run");
    if (o.log_file && sim_log_open(o.log_file)) {
        sim_err_print();
        return SIM_EXIT_USAGE;
    }
    struct machine m;
    machine_init(&m);
    if (build(&m, &o)) {
        sim_err_print();
        machine_free(&m);
        return SIM_EXIT_USAGE;
    }
    if (o.info_tree) {
        machine_print_tree(&m, stdout);
        machine_free(&m);
        return 0;
    }
    /* Back ends go live: wait=on servers get their client, the poller hears the host. */
    if (chardev_start_all(&m)) {
        sim_err_print();
        machine_free(&m);
        return SIM_EXIT_USAGE;
    }
    chardev_poller_install(&m);
    rc = run(&m, &o);
    machine_free(&m);
    sim_log_close();
    return rc;
}
