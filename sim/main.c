/* socsim: the program.  Parses a QEMU-style command line, assembles the machine from a
 * Lua board script plus -device options, loads the firmware and runs it. */
#define _GNU_SOURCE
#include <errno.h>
#include <lua.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gdbstub/gdbstub.h"
#include "lua/lb.h"
#include "sim/backends/blockdev.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "sim/host_signal.h"
#include "sim/log.h"
#include "sim/opts.h"
#include "sim/outfile.h"
#include "gdbstub/reverse.h"
#include "sim/suite.h"
#include "soc/cpu.h"
#include "soc/cpu/riscv/model.h"
#include "soc/checkpoint.h"
#include "soc/machine.h"
#include "soc/commitlog.h"
#include "soc/profile.h"
#include "soc/timeline.h"
#include "soc/runpoint.h"
#include "soc/trace.h"
#include "soc/kanata.h"
#include "soc/vcd.h"

/* Options that may be repeated, in command-line order. */
struct cli_list {
    const char **v;
    size_t n, cap;
};

struct options {
    /* as given (each at most once) */
    const char *board, *kernel, *signature, *cpu_model, *script, *gdb;
    const char *bios, *accel_arg, *max_time_arg, *max_insns_arg;
    const char *log;      /* -d CATEGORIES */
    const char *log_file; /* -D FILE */
    const char *vcd, *pipeline, *trace_from, *trace_to; /* trace outputs, their window */
    const char *lua_limit_arg;
    const char *profile, *profile_format, *trace, *log_commits; /* timing analysis */
    const char *reverse_arg; /* --reverse-interval N */
    const char *save_ckpt, *load_ckpt; /* --save-checkpoint FILE@WHEN, --load-checkpoint */
    const char *ff_arg;                /* --fast-forward WHEN[,warm=N] */
    struct cli_list devices, chardevs, blockdevs, globals, serials, sandbox_writes;
    bool stats, summary, info_tree, no_semihosting, gdb_wait, sandbox;
    const char *suite, *jobs_arg, *shard_arg, *junit; /* --suite and its options */
    bool junit_time;
    /* converted by the checks */
    int accel;
    sim_time_t max_time;
    uint64_t max_insns;
    uint64_t lua_limit;
    uint64_t reverse_interval;
    unsigned jobs, shard, nshards;
    char *save_path;              /* --save-checkpoint's FILE */
    struct run_point save_point;  /* and its WHEN */
    struct run_point ff_point;    /* --fast-forward's WHEN */
    uint64_t ff_warm;             /* and its warm-up, instructions */
    char *ff_when;                /* (the WHEN the point's symbol points into) */
};

#define SOCSIM_VERSION "0.1"

static const char usage[] =
    "Usage: socsim -M BOARD -kernel FIRMWARE.elf [options]\n"
    "\n"
    "Options take one or two dashes; an option's value follows as the next argument or\n"
    "after '=' (--max-time=10ms).  In SPECs, ',,' is a comma inside a value.  Numbers:\n"
    "42, 0x2a, 0b101010, 64K (x1024); a leading 0 is an error (no octal).\n"
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
    "  -global D.P=V        set property P of every device of type D (rv32.misaligned=trap,\n"
    "                       ibex.pmp-regions=16: PMP entries; -device D,help lists them),\n"
    "                       or of timing model D on every CPU that runs it (ibex.rv32m=slow;\n"
    "                       ibex.config=opentitan: an Ibex configuration, PMP included; what\n"
    "                       -global gives besides it wins); one that sets nothing is an error\n"
    "  -cpu-model MODEL[,PROP=VALUE...]\n"
    "                       timing model of every CPU, with its properties (e.g.\n"
    "                       ibex,writeback-stage=on; bit manipulation: ibex,rv32b=balanced,\n"
    "                       functional,zba=on,zbb=on); -cpu-model help lists the models,\n"
    "                       MODEL,help their properties\n"
    "  -accel jit|interp    how the functional, ibex and e31 models run: translated to host\n"
    "                       code (jit, the default on x86-64 hosts) or interpreted; same\n"
    "                       cycles\n"
    "  --info-tree          print the assembled machine (buses, devices, memory map) and exit\n"
    "\n"
    "Back ends:\n"
    "  -chardev SPEC        DRIVER,id=ID[,opts]; -chardev help lists drivers (stdio, file,\n"
    "                       socket, pty, serial: a host serial line, null, ringbuf), DRIVER,help\n"
    "                       one driver's options\n"
    "  -blockdev SPEC       driver=DRIVER,node-name=N[,opts]; -blockdev help lists drivers\n"
    "                       (file: raw, qcow2 over a file node, nbd: an NBD export, overlay)\n"
    "  pass-through         -device i2c-host / spi-host / gpio-host put the host's I2C, SPI\n"
    "                       and GPIO devices on the guest's buses (docs/passthrough.md)\n"
    "  -serial SPEC         back end of the board's next UART (stdio, null, file:PATH, ...);\n"
    "                       one per serial port the board has, at most 4\n"
    "  -nographic           accepted for QEMU compatibility (the UART is on stdio by default)\n"
    "\n"
    "Firmware interfaces:\n"
    "  -semihosting         accepted: RISC-V semihosting is on by default\n"
    "  --no-semihosting     treat the semihosting ebreak as a plain breakpoint\n"
    "  --signature FILE     at exit, write memory from begin_signature to end_signature\n"
    "                       as 8-digit hex words, one per line (riscv-arch-test); checked\n"
    "                       before the run; a regular file (or a symlink's target) is\n"
    "                       replaced atomically, a device, FIFO or /dev/stdout written to\n"
    "\n"
    "Run control (simulated time, not wall-clock):\n"
    "  --max-time DURATION  stop after this much simulated time (10ms, 2s: the unit is\n"
    "                       required); exit status 124\n"
    "  --max-insns N        stop after N instructions (retired or faulting); exit status 124\n"
    "  --stats              print cycles, instructions, CPI and stall cycles on stderr at exit\n"
    "  --summary            print one line (instructions, cycles, simulated time, host MIPS)\n"
    "  --script FILE        a Lua test scenario drives the run (docs/scenarios.md); its return\n"
    "                       value or socsim.exit(N) is the exit status, a failure exits 1\n"
    "\n"
    "Checkpoints (docs/checkpoints.md):\n"
    "  --save-checkpoint FILE@WHEN\n"
    "                       at WHEN, write the whole machine's state to FILE and end the run\n"
    "                       there (exit status 0); WHEN is a simulated time (10ms), a number\n"
    "                       of instructions executed (250000i) or the first execution of a\n"
    "                       symbol of the firmware (main)\n"
    "  --fast-forward WHEN[,warm=N]\n"
    "                       run the functional model (translated) up to WHEN (as for\n"
    "                       --save-checkpoint), then the CPU's timing model, its pipeline\n"
    "                       warmed by N instructions (default 0) that --stats leaves out:\n"
    "                       --stats and --summary count only the detailed part\n"
    "                       (docs/fast-forward.md)\n"
    "  --load-checkpoint FILE\n"
    "                       go on from FILE, made with the same board, firmware and options:\n"
    "                       the same output, cycles and stall counters as the run it was\n"
    "                       taken from; a checkpoint of another machine is refused\n"
    "\n"
    "Boards and scenarios are programs: run only those you trust, or sandbox them:\n"
    "  --lua-limit N        a board or scenario that runs N Lua instructions while simulated\n"
    "                       time stands still fails (an endless loop); default 100000000,\n"
    "                       0 for no limit\n"
    "  --sandbox            Lua runs no programs (os.execute, io.popen), loads no native or\n"
    "                       precompiled code, has no debug library and writes no files\n"
    "  --sandbox-write DIR  in the sandbox, Lua may write files under DIR (repeatable;\n"
    "                       implies --sandbox)\n"
    "\n"
    "Test suites (docs/scale.md):\n"
    "  --suite DIR|FILE     run every scenario of DIR (its *.lua) or of a suite file, each in a\n"
    "                       socsim of its own with the options its '-- args:' header gives; the\n"
    "                       command line's apply where a scenario gives none of its own; prints a\n"
    "                       table; exit status 1 when a scenario or a named check failed\n"
    "  -j N                 run N scenarios at once (default: the host's CPUs)\n"
    "  --shard K/N          run only shard K of N: the scenarios whose place in the sorted list\n"
    "                       is K, K+N, K+2N, ... (for CI matrices, GNU parallel, Slurm arrays)\n"
    "  --junit FILE         write JUnit XML: a testsuite per scenario, a testcase for it and one\n"
    "                       per named check (socsim.check, socsim.test)\n"
    "  --junit-time         add host run times to the JUnit file (left out by default so that\n"
    "                       runs and shards compare byte for byte)\n"
    "\n"
    "Timing analysis (docs/timing-analysis.md; every output is off unless asked for):\n"
    "  --profile FILE       per-function cycles, instructions and stall cycles per cause, self\n"
    "                       and inclusive, calls, interrupt latency, per CPU: a callgrind file\n"
    "                       (callgrind_annotate, KCachegrind); '-': a top list on stderr\n"
    "  --profile-format F   callgrind, folded (stacks for flame graphs, speedscope) or text\n"
    "  --trace FILE         a timeline in simulated time (Chrome/Perfetto trace-event JSON:\n"
    "                       ui.perfetto.dev): function and interrupt spans per CPU, the\n"
    "                       machine's lines as counters (timer compares, interrupts, pads),\n"
    "                       UART bytes, SPI frames (bytes out and in), Lua's socsim.mark(name)\n"
    "  --log-commits FILE[,cycles=on]\n"
    "                       one line per retired instruction as Spike's --log-commits writes\n"
    "                       it (pc, encoding, register, CSR and memory writes, traps);\n"
    "                       cycles=on adds the cycle it retired in\n"
    "  --vcd FILE[,signals=PATTERN]\n"
    "                       write a Value Change Dump (GTKWave) of the machine's signals: IRQ\n"
    "                       lines at the devices and the CPU's mip bits, GPIO pads, UART tx/rx\n"
    "                       and SPI lines as waveforms, PWM outputs; times in picoseconds.\n"
    "                       signals= keeps the names matching a glob (uart0.*), given again\n"
    "                       it keeps more; --vcd help lists the names (-M BOARD needed)\n"
    "  --pipeline FILE[,cpu=ID]\n"
    "                       write the pipeline of the first CPU (or cpu=ID), instruction by\n"
    "                       instruction, as its timing model (ibex, e31) works it out: each\n"
    "                       stage's cycles, stalls with their cause, instructions flushed by\n"
    "                       taken branches and traps (functional: one EX cycle each); a\n"
    "                       Kanata log for the Konata viewer.\n"
    "                       The CPU interprets while it records (no translated blocks)\n"
    "  --trace-from WHEN    outputs record from WHEN: a time (10ms), an instruction count\n"
    "                       (5000insn) or a symbol, its first execution (main); default: start\n"
    "  --trace-to WHEN      and up to WHEN (default: the end of the run)\n"
    "\n"
    "Debugging (docs/gdb.md):\n"
    "  -gdb SPEC            GDB remote stub on tcp:[HOST]:PORT or unix:PATH (only a stale\n"
    "                       socket at PATH is replaced; the socket is removed at exit)\n"
    "  -s                   same as -gdb tcp::1234\n"
    "  -S                   hold the CPU at reset until gdb connects and continues\n"
    "  --reverse-interval N while gdb is attached, keep a checkpoint every N instructions\n"
    "                       so that it can go backwards (reverse-stepi, reverse-continue,\n"
    "                       reverse-finish); a step back runs up to N instructions again;\n"
    "                       default 1000000, 0: no reverse execution\n"
    "  -d CAT[,CAT...]      log run-time events with their cycle: int (every trap), exec (every\n"
    "                       instruction), cpu (registers), guest_errors; -d help lists them\n"
    "  -D FILE              write the -d log to FILE instead of stderr\n"
    "\n"
    "  -h, --help           this help\n"
    "  --version            print the version and exit\n"
    "\n"
    "A help request in place of a value (-M help, -device ?, -chardev socket,help) prints\n"
    "what it may be.  Giving -M, -kernel or another single-valued option twice is an error.\n"
    "\n"
    "Environment:\n"
    "  SOCSIM_BOARDS        DIR[:DIR...]: directories searched for -M BOARD before the boards\n"
    "                       installed with socsim (docs/boards.md, \"Where boards are found\")\n"
    "\n"
    "Exit status: the firmware's exit code (finisher, semihosting exit, HTIF tohost);\n"
    "124 when a limit ended the run; 123 when the firmware is stuck in a trap loop (the\n"
    "instruction at its trap handler traps); 128+N when signal N (SIGINT, SIGTERM, SIGHUP)\n"
    "ended it, every output written first; 2 for a usage error; 1 when the simulation\n"
    "failed.\n";

static int __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "socsim: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'socsim --help'.\n");
    va_end(ap);
    return SIM_EXIT_USAGE;
}

/* ---- the option table ---- */

enum cli_kind {
    CLI_FLAG, /* no value: sets a bool */
    CLI_ONCE, /* one value (a const char *); given twice is an error */
    CLI_LIST, /* a value each time, kept in order (struct cli_list) */
    CLI_SHOW, /* prints something and ends the program (help, version) */
};

#define CLI_DONE (-1) /* a check printed what was asked: exit 0 */

struct cli_option {
    const char *name;  /* as documented: "-kernel", "--max-time" (one or two dashes work) */
    const char *alias; /* another spelling, or NULL */
    enum cli_kind kind;
    size_t offset;       /* in struct options */
    const char *implied; /* CLI_ONCE without a value of its own: what it stands for (-s) */
    /* Checks or converts a value as soon as it is read: 0, CLI_DONE, or an exit status
     * after printing the error. */
    int (*check)(struct options *o, const char *value);
    /* Prints help when the value asks for it ("help", "?", "NAME,help"): 1 when it did,
     * 0 when the value is not a help request, -1 with sim_err set. */
    int (*help)(const char *value);
    bool suite; /* an option of --suite itself, not given on to the scenarios */
};

static int show_help(struct options *o, const char *v)
{
    (void)o, (void)v;
    fputs(usage, stdout);
    return CLI_DONE;
}

static int show_version(struct options *o, const char *v)
{
    (void)o, (void)v;
    printf("socsim %s (RISC-V RV32IMAC SoC simulator, Lua %s.%s)\n", SOCSIM_VERSION,
           LUA_VERSION_MAJOR, LUA_VERSION_MINOR);
    return CLI_DONE;
}

static int check_bios(struct options *o, const char *v)
{
    (void)o;
    return strcmp(v, "none") == 0 ? 0 : usage_error("-bios %s: only '-bios none' is supported", v);
}

static int check_accel(struct options *o, const char *v)
{
    if (strcmp(v, "jit") == 0)
        o->accel = MACHINE_ACCEL_JIT;
    else if (strcmp(v, "interp") == 0)
        o->accel = MACHINE_ACCEL_INTERP;
    else
        return usage_error("-accel %s: expected jit or interp", v);
    return 0;
}

static int check_max_time(struct options *o, const char *v)
{
    if (sim_parse_time(v, &o->max_time) || o->max_time == 0) {
        const char *why = sim_parse_why();
        return usage_error("--max-time %s: expected a duration such as 10ms or 2s%s%s%s", v,
                           why ? " (" : "", why ? why : "", why ? ")" : "");
    }
    return 0;
}

static int check_max_insns(struct options *o, const char *v)
{
    if (sim_parse_u64(v, &o->max_insns) || o->max_insns == 0)
        return usage_error("--max-insns %s: expected a positive integer", v);
    return 0;
}

/* FILE@WHEN: the file is checked when written, WHEN now. */
static int check_save_ckpt(struct options *o, const char *v)
{
    const char *at = strrchr(v, '@');
    if (!at || at == v || !at[1])
        return usage_error("--save-checkpoint %s: expected FILE@WHEN (cp.bin@10ms, "
                           "cp.bin@250000i, cp.bin@main)", v);
    if (run_point_parse(at + 1, &o->save_point))
        return usage_error("--save-checkpoint %s: %s", v, sim_err_msg());
    free(o->save_path);
    o->save_path = strndup(v, (size_t)(at - v));
    return o->save_path ? 0 : usage_error("%s", "out of memory");
}

/* WHEN[,warm=N] */
static int check_fast_forward(struct options *o, const char *v)
{
    const char *comma = strchr(v, ',');
    size_t n = comma ? (size_t)(comma - v) : strlen(v);
    free(o->ff_when);
    if (!(o->ff_when = strndup(v, n)))
        return usage_error("%s", "out of memory");
    if (!n)
        return usage_error("--fast-forward %s: expected WHEN[,warm=N] (10ms, 250000i, main)", v);
    if (run_point_parse(o->ff_when, &o->ff_point))
        return usage_error("--fast-forward %s: %s", v, sim_err_msg());
    o->ff_warm = 0;
    if (comma && (strncmp(comma + 1, "warm=", 5) != 0 || sim_parse_u64(comma + 6, &o->ff_warm)))
        return usage_error("--fast-forward %s: expected warm=N (instructions) after the comma",
                           v);
    return 0;
}

static int check_script(struct options *o, const char *v)
{
    (void)o;
    struct stat st;
    if (access(v, R_OK) != 0)
        return usage_error("--script %s: cannot read the scenario: %s", v, strerror(errno));
    if (stat(v, &st) == 0 && !S_ISREG(st.st_mode)) /* a FIFO would hang the read */
        return usage_error("--script %s: not a regular file%s", v,
                           S_ISFIFO(st.st_mode) ? " (a FIFO)" : "");
    return 0;
}

static int check_reverse_interval(struct options *o, const char *v)
{
    if (sim_parse_u64(v, &o->reverse_interval))
        return usage_error("--reverse-interval %s: expected a number of instructions (0: no "
                           "reverse execution)", v);
    return 0;
}

static int check_lua_limit(struct options *o, const char *v)
{
    if (sim_parse_u64(v, &o->lua_limit)) {
        const char *why = sim_parse_why();
        return usage_error("--lua-limit %s: expected a number of instructions (0: no limit)%s%s%s",
                           v, why ? " (" : "", why ? why : "", why ? ")" : "");
    }
    return 0;
}

static int check_sandbox_write(struct options *o, const char *v)
{
    struct stat st;
    (void)o;
    if (stat(v, &st) != 0)
        return usage_error("--sandbox-write %s: %s", v, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return usage_error("--sandbox-write %s: not a directory", v);
    return 0;
}

static int check_suite(struct options *o, const char *v)
{
    (void)o;
    if (access(v, R_OK) != 0)
        return usage_error("--suite %s: %s", v, strerror(errno));
    return 0;
}

static int check_jobs(struct options *o, const char *v)
{
    return suite_parse_jobs(v, &o->jobs) ? usage_error("%s", sim_err_msg()) : 0;
}

static int check_shard(struct options *o, const char *v)
{
    return suite_parse_shard(v, &o->shard, &o->nshards) ? usage_error("%s", sim_err_msg()) : 0;
}

static int check_log(struct options *o, const char *v)
{
    (void)o;
    if (!opt_is_help(v) && sim_log_set(v))
        return usage_error("%s", sim_err_msg());
    return 0;
}

static int log_help(const char *v)
{
    if (!opt_is_help(v))
        return 0;
    sim_log_help(stdout);
    return 1;
}

static int check_serial(struct options *o, const char *v)
{
    (void)v;
    if (o->serials.n > 4)
        return usage_error("-serial %s: at most 4 -serial options (serial0..serial3)", v);
    return 0;
}

/* -M NAME[,help]: the one option parser, so ",," is a comma in a path here too. */
static int split_board(const char *spec, struct opts *o)
{
    if (opts_parse(spec, o))
        return sim_err_prefix("-M %s", spec);
    if (o->kv[0].value)
        return sim_err("-M %s: expected a board name or a path to a board script", spec);
    for (size_t i = 1; i < o->n; i++)
        if (!opt_is_help(o->kv[i].key))
            return sim_err("-M %s: unknown option '%s' (boards take none)", spec, o->kv[i].key);
    return 0;
}

static int board_help(const char *spec)
{
    struct opts o;
    int rc = split_board(spec, &o);
    if (rc == 0 && (opts_want_help(&o) || opt_is_help(o.kv[0].key)))
        rc = lb_print_boards(stdout) == 0 ? 1 : -1; /* none anywhere: an installation problem */
    opts_free(&o);
    return rc;
}

/* "help" or "?", or "NAME,help"/"NAME,?". */
static bool wants_help(const char *spec)
{
    struct opts o;
    bool help = opts_parse(spec, &o) == 0 && opts_want_help(&o);
    opts_free(&o);
    return help;
}

static int device_help(const char *spec)
{
    struct opts o;
    if (!wants_help(spec) || opts_parse(spec, &o))
        return 0;
    int rc = 1;
    if (o.n == 1)
        dev_print_help(stdout);
    else if (dev_print_type_help(stdout, o.kv[0].key))
        rc = -1;
    opts_free(&o);
    return rc;
}

/* -cpu-model help, -cpu-model NAME,help: the models and their properties (model.h). */
static int cpu_model_help(const char *spec)
{
    struct opts o;
    if (!wants_help(spec) || opts_parse(spec, &o))
        return 0;
    int rc = 1;
    if (opt_is_help(o.kv[0].key))
        rv_model_print_help(stdout);
    else if (rv_model_print_props(stdout, o.kv[0].key))
        rc = -1;
    opts_free(&o);
    return rc;
}

/* -cpu-model NAME[,PROP=VALUE...]: the model exists and takes those values (each CPU sets
 * them when the board makes it). */
static int check_cpu_model(struct options *o, const char *v)
{
    (void)o;
    struct opts spec;
    const struct rv_model *m;
    if (wants_help(v))
        return 0;
    if (rv_model_parse_spec(v, &spec, &m))
        return usage_error("-cpu-model %s: %s", v, sim_err_msg());
    opts_free(&spec);
    return 0;
}

static int chardev_help(const char *spec)
{
    return wants_help(spec) ? chardev_add(NULL, spec) : 0;
}

static int blockdev_help(const char *spec)
{
    return wants_help(spec) ? blockdev_add(NULL, spec) : 0;
}

#define ONCE(name, field, ...)                                                                 \
    { name, .kind = CLI_ONCE, .offset = offsetof(struct options, field), __VA_ARGS__ }
#define LIST(name, field, ...)                                                                 \
    { name, .kind = CLI_LIST, .offset = offsetof(struct options, field), __VA_ARGS__ }
#define FLAG(name, field, ...)                                                                 \
    { name, .kind = CLI_FLAG, .offset = offsetof(struct options, field), __VA_ARGS__ }
#define IGNORED(name) {name, .kind = CLI_FLAG, .offset = SIZE_MAX}

static const struct cli_option cli_options[] = {
    ONCE("-M", board, .alias = "-machine", .help = board_help),
    ONCE("-kernel", kernel),
    ONCE("-bios", bios, .check = check_bios),
    LIST("-device", devices, .help = device_help),
    LIST("-global", globals),
    ONCE("-cpu-model", cpu_model, .check = check_cpu_model, .help = cpu_model_help),
    ONCE("-accel", accel_arg, .check = check_accel),
    FLAG("--info-tree", info_tree),
    LIST("-chardev", chardevs, .help = chardev_help),
    LIST("-blockdev", blockdevs, .help = blockdev_help),
    LIST("-serial", serials, .check = check_serial),
    IGNORED("-nographic"),
    IGNORED("-semihosting"),
    FLAG("--no-semihosting", no_semihosting),
    ONCE("--signature", signature),
    ONCE("--max-time", max_time_arg, .check = check_max_time),
    ONCE("--max-insns", max_insns_arg, .check = check_max_insns),
    FLAG("--stats", stats),
    FLAG("--summary", summary),
    ONCE("--script", script, .check = check_script),
    ONCE("--save-checkpoint", save_ckpt, .check = check_save_ckpt),
    ONCE("--load-checkpoint", load_ckpt),
    ONCE("--fast-forward", ff_arg, .check = check_fast_forward),
    ONCE("--lua-limit", lua_limit_arg, .check = check_lua_limit),
    FLAG("--sandbox", sandbox),
    LIST("--sandbox-write", sandbox_writes, .check = check_sandbox_write),
    ONCE("--suite", suite, .check = check_suite, .suite = true),
    ONCE("-j", jobs_arg, .alias = "--jobs", .check = check_jobs, .suite = true),
    ONCE("--shard", shard_arg, .check = check_shard, .suite = true),
    ONCE("--junit", junit, .suite = true),
    FLAG("--junit-time", junit_time, .suite = true),
    ONCE("-gdb", gdb),
    ONCE("-s", gdb, .implied = "tcp::1234"),
    FLAG("-S", gdb_wait),
    ONCE("--profile", profile),
    ONCE("--profile-format", profile_format),
    ONCE("--trace", trace),
    ONCE("--log-commits", log_commits),
    ONCE("--reverse-interval", reverse_arg, .check = check_reverse_interval),
    ONCE("--vcd", vcd),
    ONCE("--pipeline", pipeline),
    ONCE("--trace-from", trace_from),
    ONCE("--trace-to", trace_to),
    ONCE("-d", log, .check = check_log, .help = log_help),
    ONCE("-D", log_file),
    {"--help", "-h", CLI_SHOW, 0, NULL, show_help, NULL, false},
    {"--version", NULL, CLI_SHOW, 0, NULL, show_version, NULL, false},
};

static const char *undash(const char *s)
{
    return s + (s[0] == '-') + (s[0] == '-' && s[1] == '-');
}

/* The option named `name` (without dashes, `len` characters). */
static const struct cli_option *cli_find(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(cli_options); i++) {
        const struct cli_option *c = &cli_options[i];
        const char *n = undash(c->name), *a = c->alias ? undash(c->alias) : NULL;
        if ((strlen(n) == len && strncmp(n, name, len) == 0) ||
            (a && strlen(a) == len && strncmp(a, name, len) == 0))
            return c;
    }
    return NULL;
}

/* Does the option take the next word as its value (without '=' in its own word)? */
static bool cli_takes_value(const struct cli_option *c)
{
    return c->kind == CLI_ONCE ? !c->implied : c->kind == CLI_LIST;
}

static int unknown_option(const char *arg)
{
    const char *names[ARRAY_SIZE(cli_options)];
    for (size_t i = 0; i < ARRAY_SIZE(cli_options); i++)
        names[i] = undash(cli_options[i].name);
    char name[64];
    snprintf(name, sizeof(name), "%.*s", (int)strcspn(undash(arg), "="), undash(arg));
    const char *s = sim_suggest(name, names, ARRAY_SIZE(cli_options));
    if (s)
        return usage_error("unknown option '%s' (did you mean '%.*s%s'?)", arg,
                           (int)(undash(arg) - arg), arg, s);
    return usage_error("unknown option '%s'", arg);
}

/* An option as given, for messages: "-kernel fw.elf", "-s". */
struct cli_seen {
    const struct cli_option *opt;
    const char *value;
};

static int cli_conflict(const struct cli_seen *seen, size_t n, const struct cli_seen *now)
{
    for (size_t i = 0; i < n; i++) {
        const struct cli_seen *e = &seen[i];
        if (e->opt->kind != CLI_ONCE || e->opt->offset != now->opt->offset)
            continue;
        return usage_error("%s%s%s: conflicts with %s%s%s (give it once)", now->opt->name,
                           now->opt->implied ? "" : " ", now->opt->implied ? "" : now->value,
                           e->opt->name, e->opt->implied ? "" : " ",
                           e->opt->implied ? "" : e->value);
    }
    return 0;
}

static int list_push(struct cli_list *l, const char *v)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        const char **p = realloc(l->v, cap * sizeof(*p));
        if (!p)
            return usage_error("%s", "out of memory");
        l->v = p;
        l->cap = cap;
    }
    l->v[l->n++] = v;
    return 0;
}

static void options_free(struct options *o)
{
    free(o->devices.v);
    free(o->chardevs.v);
    free(o->blockdevs.v);
    free(o->globals.v);
    free(o->serials.v);
    free(o->sandbox_writes.v);
    free(o->save_path);
    free(o->ff_when);
}

/* Reads argv through the table: 0, CLI_DONE (help or version printed), or an exit status
 * after printing the error. */
static int parse_args(int argc, char **argv, struct options *o)
{
    struct cli_seen *seen = calloc((size_t)argc + 1, sizeof(*seen));
    size_t nseen = 0;
    int rc = seen ? 0 : usage_error("%s", "out of memory");
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i], *name = undash(a), *eq = strchr(name, '=');
        if (a[0] != '-' || !*name) {
            rc = usage_error("unexpected argument '%s' (options begin with '-'; the firmware "
                             "is -kernel FILE)",
                             a);
            break;
        }
        /* --opt=value: the value after the first '=' (names never hold one). */
        const struct cli_option *c = cli_find(name, eq ? (size_t)(eq - name) : strlen(name));
        if (!c) {
            rc = unknown_option(a);
            break;
        }
        const char *v = eq ? eq + 1 : NULL;
        bool takes = cli_takes_value(c);
        if (!takes && v) {
            char opt[64];
            snprintf(opt, sizeof(opt), "%.*s", (int)(eq - a), a);
            rc = usage_error("option %s takes no value", opt);
            break;
        }
        if (takes && !v) {
            if (i + 1 == argc) {
                rc = usage_error("option %s needs an argument", a);
                break;
            }
            v = argv[++i];
        }
        struct cli_seen now = {c, c->implied ? c->implied : v};
        switch (c->kind) {
        case CLI_FLAG:
            if (c->offset != SIZE_MAX)
                *(bool *)((char *)o + c->offset) = true;
            break;
        case CLI_ONCE:
            rc = cli_conflict(seen, nseen, &now);
            if (rc == 0)
                *(const char **)((char *)o + c->offset) = now.value;
            break;
        case CLI_LIST: rc = list_push((struct cli_list *)((char *)o + c->offset), v); break;
        case CLI_SHOW: break;
        }
        seen[nseen++] = now;
        if (rc == 0 && c->check)
            rc = c->check(o, now.value);
    }
    free(seen);
    return rc;
}

/* Help asked in place of a value: printed before any machine is built. */
static int help_requests(const struct options *o, bool *done)
{
    *done = true;
    for (size_t i = 0; i < ARRAY_SIZE(cli_options); i++) {
        const struct cli_option *c = &cli_options[i];
        if (!c->help)
            continue;
        const char *one = NULL;
        const struct cli_list *l = c->kind == CLI_LIST ? (const void *)((const char *)o + c->offset)
                                                       : NULL;
        if (c->kind == CLI_ONCE)
            one = *(const char *const *)((const char *)o + c->offset);
        size_t n = l ? l->n : one != NULL;
        for (size_t k = 0; k < n; k++) {
            int rc = c->help(l ? l->v[k] : one);
            if (rc < 0) {
                sim_err_print();
                return SIM_EXIT_USAGE;
            }
            if (rc > 0)
                return 0;
        }
    }
    *done = false;
    return 0;
}

static int add_devices(struct machine *m, const struct options *o)
{
    for (size_t i = 0; i < o->devices.n; i++) {
        const char *spec = o->devices.v[i];
        char *where = NULL;
        struct opts p;
        int rc = asprintf(&where, "-device %s", spec) < 0 ? sim_err("out of memory") : 0;
        if (rc == 0 && opts_parse(spec, &p))
            rc = sim_err_prefix("%s", where);
        else if (rc == 0) {
            if (p.kv[0].value)
                rc = sim_err("%s: expected NAME[,PROP=VALUE...] (-device help lists names)", where);
            else if (!dev_create(m, p.kv[0].key, p.kv + 1, p.n - 1, where))
                rc = -1;
            opts_free(&p);
        }
        free(where);
        if (rc)
            return -1;
    }
    return 0;
}

/* -serial SPEC: a chardev named serialN for the board's N-th UART. */
static int add_serials(struct machine *m, const struct options *o)
{
    for (size_t i = 0; i < o->serials.n; i++) {
        char id[32];
        snprintf(id, sizeof(id), "serial%zu", i);
        struct chardev *c = chardev_serial(m, id, o->serials.v[i]);
        if (!c)
            return -1;
        m->serial[m->nserial++] = strdup(c->id);
    }
    return 0;
}

/* The N-th -serial goes to the board's N-th serial port (socsim.serial(N)), as in QEMU; one
 * the board never asks for would be ignored without a word. */
static int check_serials(struct machine *m, const struct options *o)
{
    unsigned ports = 0;
    while (ports < 4 && (m->serial_asked >> ports & 1))
        ports++;
    static const char *const nth[] = {"1st", "2nd", "3rd", "4th"};
    for (size_t i = 0; i < o->serials.n; i++)
        if (!(m->serial_asked >> i & 1))
            return sim_err("-serial %s: board '%s' has %u serial port%s, so a %s -serial would be "
                           "ignored", o->serials.v[i], o->board, ports, ports == 1 ? "" : "s",
                           nth[i & 3]);
    return 0;
}

/* --signature: checked before the run (the ELF's symbols, the path), written after it. */
struct signature {
    const char *path; /* as given */
    struct sim_outfile out;
    uint32_t begin, end;
};

static int check_signature(struct machine *m, struct signature *sig)
{
    if (elf_symbol(&m->elf, "begin_signature", &sig->begin) ||
        elf_symbol(&m->elf, "end_signature", &sig->end))
        return sim_err("--signature %s: the ELF has no begin_signature/end_signature symbols",
                       sig->path);
    if (sim_outfile_check(&sig->out, sig->path))
        return sim_err_prefix("--signature %s", sig->path);
    return 0;
}

static int write_signature(struct machine *m, struct signature *sig)
{
    FILE *f = sim_outfile_open(&sig->out);
    if (!f)
        return sim_err_prefix("--signature %s", sig->path);
    for (uint32_t a = sig->begin; a + 4 <= sig->end; a += 4) {
        uint32_t w = 0;
        bus_debug_read(m->sysbus, a, &w, 4);
        fprintf(f, "%08x\n", w);
    }
    if (sim_outfile_close(&sig->out, f))
        return sim_err_prefix("--signature %s", sig->path);
    return 0;
}

/* A signal ends the program with 128 + its number, whatever else went wrong (a board
 * script or a wait for a client that the signal cut short). */
static int exit_status(int status)
{
    return sim_signal_caught ? 128 + sim_signal_caught : status;
}

/* Output the host refused (a full disk under stdout, a file chardev or an image) makes a
 * run that would have succeeded exit 1; each back end said what it lost when it happened. */
static int output_status(struct machine *m, int status)
{
    errno = 0;
    bool lost = fflush(stdout) != 0 || ferror(stdout);
    bool said = false; /* the stdio chardev said it (semihosting writes stdout directly) */
    for (struct chardev *c = m->chardevs; c; c = c->next)
        said |= c->failed && strcmp(c->drv->name, "stdio") == 0;
    if (lost && !said)
        sim_warn("writing stdout: %s", errno ? strerror(errno) : "a write failed");
    if (lost || machine_output_lost(m))
        return status ? status : 1;
    return status;
}

/* The end of every run but a scenario's: what the host lost, the statistics, the
 * signature, the exit status. */
static int finish(struct machine *m, const struct options *o, int status, double host_s,
                  struct signature *sig)
{
    status = output_status(m, status);
    if (o->stats || o->summary)
        cpu_print_stats(stderr, m, host_s, o->stats, o->summary);
    if (sig && write_signature(m, sig)) {
        sim_err_print();
        status = status ? status : 1;
    }
    return exit_status(status);
}

/* --save-checkpoint reached its point: cp is the machine there.  The machine has stopped
 * since (what its UARTs held went to the back ends), which cp notes, and the file is
 * written.  Exit status 0 when it was. */
static int saved(struct machine *m, const struct options *o, struct ckpt *cp, double host_s,
                 struct signature *sig)
{
    int status = 1;
    if (cp) {
        ckpt_note_stop(cp, m);
        if (ckpt_write_file(cp, o->save_path) == 0) {
            char t[64];
            sim_format_time(t, sizeof(t), ckpt_time(cp));
            sim_warn("checkpoint %s: %s simulated, %llu instructions", o->save_path, t,
                     (unsigned long long)ckpt_insns(cp));
            status = 0;
        } else {
            sim_err_prefix("--save-checkpoint %s", o->save_ckpt);
            sim_err_print();
        }
        ckpt_free(cp);
    }
    return finish(m, o, status, host_s, sig);
}

/* The trace outputs (soc/trace.h): whether the options ask for one, and opening them with
 * their window.  An output's option joins both. */
static bool traces_asked(const struct options *o)
{
    return o->vcd || o->pipeline || o->profile || o->trace || o->log_commits;
}

static int open_traces(struct machine *m, const struct options *o)
{
    if (o->profile_format && !o->profile)
        return sim_err("--profile-format %s: no --profile FILE to write", o->profile_format);
    if (o->vcd && vcd_open(m, o->vcd))
        return -1;
    if (o->profile && profile_open(m, o->profile, o->profile_format))
        return -1;
    if (o->trace && timeline_open(m, o->trace))
        return -1;
    if (o->log_commits && commitlog_open(m, o->log_commits))
        return -1;
    if (o->pipeline && kanata_open(m, o->pipeline))
        return -1;
    return trace_enabled(m) ? trace_window(m, o->trace_from, o->trace_to) : 0;
}

static int run(struct machine *m, const struct options *o, struct signature *sig)
{
    struct sim *s = &m->sim;
    struct gdb_stub *gdb = NULL;
    if (o->gdb || o->gdb_wait) {
        gdb = gdb_stub_open(m, o->gdb ? o->gdb : "tcp::1234", o->gdb_wait,
                            o->reverse_arg ? o->reverse_interval : REV_DEFAULT_INTERVAL);
        if (!gdb) {
            sim_err_print();
            return exit_status(SIM_EXIT_USAGE);
        }
    }
    double t0 = sim_host_seconds();
    if (o->script) {
        int status = lb_run_scenario(m, o->script);
        double host_s = sim_host_seconds() - t0;
        machine_stop(m); /* what the UARTs still hold reaches the back ends */
        return finish(m, o, status, host_s, sig);
    }
    /* The points the run stops at: --save-checkpoint's, --fast-forward's and the end of
     * its warm-up (armed when the fast-forward ends). */
    enum { P_SAVE, P_FF, P_WARM, P_N };
    struct run_point pts[P_N] = {[P_SAVE] = o->save_point, [P_FF] = o->ff_point};
    pts[P_SAVE].done = !o->save_ckpt;
    pts[P_FF].done = !o->ff_arg;
    pts[P_WARM].done = true;
    struct run_point *save = o->save_ckpt ? &pts[P_SAVE] : NULL;
    sim_time_t max_time = o->max_time ? o->max_time : SIM_TIME_MAX;
    uint64_t max_insns = s->max_insns;
    if (run_points_arm(m, pts, P_N, max_time, max_insns)) {
        sim_err_prefix("%s %s", o->save_ckpt ? "--save-checkpoint" : "--fast-forward",
                       o->save_ckpt ? o->save_ckpt : o->ff_arg);
        sim_err_print();
        gdb_stub_close(gdb);
        return exit_status(SIM_EXIT_USAGE);
    }
    struct ckpt *cp = NULL;
    struct cpu *c0 = m->cpus[0];
    for (;;) {
        enum sim_stop_reason r = gdb ? gdb_stub_run(gdb) : sim_run(s);
        if (r == SIM_STOP_RESET) {
            machine_reset(m); /* the finisher's reset: start over, time goes on */
            sim_resume(s);
            continue;
        }
        if (run_point_reached(m, &pts[P_FF], r)) {
            if (c0->ops->end_fast_forward && c0->ops->end_fast_forward(c0)) {
                sim_err_prefix("--fast-forward %s", o->ff_arg);
                sim_err_print();
                break;
            }
            struct cpu_stats st;
            cpu_stats(c0, &st);
            pts[P_WARM] = (struct run_point){.kind = RUN_POINT_INSNS,
                                              .value = st.executed + o->ff_warm};
            if (!o->ff_warm && c0->ops->restart_stats)
                c0->ops->restart_stats(c0);
            pts[P_WARM].done = !o->ff_warm;
        } else if (run_point_reached(m, &pts[P_WARM], r)) {
            if (c0->ops->restart_stats)
                c0->ops->restart_stats(c0);
        } else if (save && run_point_reached(m, save, r)) {
            s->max_time = max_time; /* (a limit of the point's is no limit of the user's) */
            if (!(cp = ckpt_take(m))) {
                sim_err_prefix("--save-checkpoint %s", o->save_ckpt);
                sim_err_print();
            }
            break;
        } else {
            break;
        }
        sim_resume(s);
        run_points_arm(m, pts, P_N, max_time, max_insns); /* (the symbol was found) */
    }
    double host_s = sim_host_seconds() - t0;
    gdb_stub_close(gdb);
    machine_stop(m); /* every way out of the loop: exit, limit, stuck CPU, gdb kill */
    if (save && save->done)
        return saved(m, o, cp, host_s, sig);
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
                 m->ncpus ? (unsigned)cpu_pc(m->cpus[0]) : 0);
        status = 1;
        break;
    case SIM_STOP_TRAP_LOOP: {
        char msg[256];
        m->cpus[0]->ops->describe_stop(m->cpus[0], msg, sizeof(msg));
        sim_warn("%s", msg);
        status = SIM_EXIT_TRAP_LOOP;
        break;
    }
    case SIM_STOP_SIGNAL:
        sim_format_time(t, sizeof(t), sim_now(s));
        sim_warn("%s: the run stopped at %s simulated", sim_signal_name(s->exit_code - 128), t);
        status = s->exit_code;
        break;
    default:
        sim_warn("simulation stopped: %s", sim_stop_reason_name(s->stop));
        status = 1;
        break;
    }
    if (save) {
        char w[160];
        run_point_describe(save, w, sizeof(w));
        sim_warn("--save-checkpoint %s: the run ended before %s: no checkpoint was written",
                 o->save_ckpt, w);
        status = status ? status : 1;
    }
    return finish(m, o, status, host_s, sig);
}

/* A CPU that starts at its reset vector (boot=reset) enters the firmware where the
 * board's boot path goes, whatever the ELF's entry point says, so an ELF linked for another
 * board would spin without a word.  Warn when the entry point is not that address and the
 * ELF puts nothing there either (code there, a vector table, is the firmware's own way in
 * to its entry). */
static void check_entry(struct machine *m, const char *kernel)
{
    const struct cpu *c = m->cpus[0];
    uint64_t reset_pc;
    if (!c->ops->reset_vector(c, &reset_pc)) /* it starts at the entry point */
        return;
    uint32_t path[MACHINE_MAX_BOOT_JUMPS + 1];
    unsigned n = machine_boot_path(m, (uint32_t)reset_pc, path, ARRAY_SIZE(path));
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
    m->fast_forward = o->ff_arg != NULL;
    m->accel = o->accel;
    m->semihosting = !o->no_semihosting;
    for (size_t i = 0; i < o->chardevs.n; i++)
        if (chardev_add(m, o->chardevs.v[i]) < 0)
            return -1;
    for (size_t i = 0; i < o->blockdevs.n; i++)
        if (blockdev_add(m, o->blockdevs.v[i]) < 0)
            return -1;
    /* After the blockdevs: a -global naming one is checked at once. */
    for (size_t i = 0; i < o->globals.n; i++)
        if (machine_add_global(m, o->globals.v[i]))
            return -1;
    if (add_serials(m, o))
        return -1;
    struct opts board;
    struct lb_options lua = {
        .lua_limit = o->lua_limit_arg ? o->lua_limit : LB_LUA_LIMIT,
        .sandbox = o->sandbox || o->sandbox_writes.n,
        .write_dirs = o->sandbox_writes.v,
        .nwrite_dirs = o->sandbox_writes.n,
    };
    int rc = split_board(o->board, &board);
    if (rc == 0)
        rc = lb_run_board(m, board.kv[0].key, &lua);
    opts_free(&board);
    if (rc > 0) /* os.exit in the board */
        return 1;
    if (rc || check_serials(m, o) || add_devices(m, o))
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

/* For --suite (sim/suite.h): the option a word of a command line starts. */
static const char *suite_option(const char *word, bool *takes_value, bool *suite_only)
{
    const char *name = undash(word), *eq = strchr(name, '=');
    const struct cli_option *c =
        *name ? cli_find(name, eq ? (size_t)(eq - name) : strlen(name)) : NULL;
    if (!c)
        return NULL;
    *takes_value = !eq && cli_takes_value(c);
    *suite_only = c->suite;
    return c->name;
}

/* Every scenario of a directory or suite file, each in a socsim of its own. */
static int run_suite(const struct options *o, int argc, char **argv)
{
    if (o->script || o->gdb || o->gdb_wait)
        return usage_error("--suite and %s cannot be combined: the suite runs each scenario with "
                           "its own --script",
                           o->script ? "--script" : "-gdb/-s/-S");
    struct suite_config c = {
        .path = o->suite,
        .jobs = o->jobs,
        .shard = o->shard,
        .nshards = o->nshards,
        .junit = o->junit,
        .junit_time = o->junit_time,
        .argv = argv + 1,
        .argc = argc - 1,
        .option = suite_option,
    };
    return suite_run(&c);
}

/* --load-checkpoint: the machine goes on from the file's state; a point to save at must
 * lie ahead of it.  0, or -1 with sim_err set. */
static int load_checkpoint(struct machine *m, const struct options *o)
{
    struct ckpt *cp = ckpt_read_file(o->load_ckpt);
    int rc = cp ? ckpt_restore(m, cp) : -1;
    if (rc)
        sim_err_prefix("--load-checkpoint %s", o->load_ckpt);
    const struct run_point *p = &o->save_point;
    if (rc == 0 && o->save_ckpt &&
        ((p->kind == RUN_POINT_TIME && p->value <= ckpt_time(cp)) ||
         (p->kind == RUN_POINT_INSNS && p->value <= ckpt_insns(cp)))) {
        char t[64];
        sim_format_time(t, sizeof(t), ckpt_time(cp));
        rc = sim_err("--save-checkpoint %s: that point has passed at the checkpoint loaded "
                     "(%s simulated, %llu instructions)",
                     o->save_ckpt, t, (unsigned long long)ckpt_insns(cp));
    }
    ckpt_free(cp);
    return rc;
}

/* Build the machine the options describe and run it: the exit status. */
static int run_machine(const struct options *o)
{
    for (size_t i = 0; i < ARRAY_SIZE(cli_options); i++) {
        const struct cli_option *c = &cli_options[i];
        if (!c->suite) /* (ignored options have no field: offset SIZE_MAX) */
            continue;
        const void *field = (const char *)o + c->offset;
        bool given =
            c->kind == CLI_FLAG ? *(const bool *)field : *(const char *const *)field != NULL;
        if (given)
            return usage_error("%s: only with --suite DIR|FILE (docs/scale.md)", c->name);
    }
    if (!o->board)
        return usage_error("%s", "no board given: use -M BOARD (-M help lists them)");
    bool vcd_help = o->vcd && opt_is_help(o->vcd);
    if (!o->kernel && !o->info_tree && !vcd_help)
        return usage_error("%s", "no firmware given: use -kernel FILE.elf");
    if ((o->trace_from || o->trace_to) && !traces_asked(o))
        return usage_error("%s %s: no trace output to record (--vcd, --pipeline, --profile, "
                           "--trace or --log-commits FILE)",
                           o->trace_from ? "--trace-from" : "--trace-to",
                           o->trace_from ? o->trace_from : o->trace_to);
    if (o->script && (o->gdb || o->gdb_wait))
        return usage_error("%s", "--script and -gdb/-s/-S cannot be combined: one drives the run");
    if (o->ff_arg && (o->script || o->gdb || o->gdb_wait || o->save_ckpt || o->load_ckpt))
        return usage_error("--fast-forward and %s cannot be combined",
                           o->script ? "--script" : o->save_ckpt ? "--save-checkpoint"
                           : o->load_ckpt ? "--load-checkpoint" : "-gdb/-s/-S");
    if (o->save_ckpt && (o->script || o->gdb || o->gdb_wait))
        return usage_error("--save-checkpoint and %s cannot be combined (a scenario saves with "
                           "socsim.checkpoint(), docs/checkpoints.md)",
                           o->script ? "--script" : "-gdb/-s/-S");
    if (o->log_file && sim_log_open(o->log_file)) {
        sim_err_print();
        return SIM_EXIT_USAGE;
    }
    struct machine m;
    machine_init(&m);
    m.irq_latency = o->stats || o->profile || o->script;
    sim_signals_install(&m.sim);
    int built = build(&m, o);
    if (built > 0) { /* the board called os.exit: nothing ran, its status is socsim's */
        int status = lb_exit_status(&m);
        machine_free(&m);
        return exit_status(status);
    }
    if (built) {
        sim_err_print();
        machine_free(&m);
        return exit_status(SIM_EXIT_USAGE);
    }
    if (o->info_tree) {
        machine_print_tree(&m, stdout);
        machine_free(&m);
        return 0;
    }
    if (vcd_help) {
        vcd_list(&m, stdout);
        machine_free(&m);
        return 0;
    }
    struct signature sig = {.path = o->signature};
    if (o->signature && check_signature(&m, &sig)) {
        sim_err_print();
        machine_free(&m);
        return exit_status(SIM_EXIT_USAGE);
    }
    /* Before the back ends start: a file chardev goes on where the checkpoint's ended. */
    if (o->load_ckpt && load_checkpoint(&m, o)) {
        sim_err_print();
        machine_free(&m);
        return exit_status(SIM_EXIT_USAGE);
    }
    if (open_traces(&m, o)) {
        sim_err_print();
        machine_free(&m);
        return exit_status(SIM_EXIT_USAGE);
    }
    /* Back ends go live: wait=on servers get their client, the poller hears the host. */
    if (chardev_start_all(&m)) {
        sim_err_print();
        machine_free(&m);
        return exit_status(SIM_EXIT_USAGE);
    }
    chardev_poller_install(&m);
    if (trace_arm(&m)) { /* the window opens now, or its first edge waits */
        sim_err_print();
        machine_free(&m);
        return exit_status(SIM_EXIT_USAGE);
    }
    int rc = run(&m, o, o->signature ? &sig : NULL);
    machine_free(&m);
    sim_log_close();
    return rc;
}

int main(int argc, char **argv)
{
    struct options o = {0};
    int rc = parse_args(argc, argv, &o);
    bool done = rc != 0;
    if (rc == 0)
        rc = help_requests(&o, &done);
    else if (rc == CLI_DONE)
        rc = 0;
    if (!done)
        rc = o.suite ? run_suite(&o, argc, argv) : run_machine(&o);
    options_free(&o);
    return rc;
}
