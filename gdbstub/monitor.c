/* `monitor` commands: what the simulator knows that gdb cannot ask the target for.
 * Their output goes back through gdb (O packets), so a gdb script can log it. */
#define _GNU_SOURCE
#include "gdbstub/monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdbstub/gdb_proto.h"
#include "soc/cpu.h"
#include "soc/machine.h"

/* What a command is given: the machine, the CPU gdb debugs, the host seconds it ran. */
struct mon_ctx {
    struct machine *m;
    struct cpu *c;
    double run_s;
};

struct mon_cmd {
    const char *name;
    const char *help;
    void (*fn)(const struct mon_ctx *x, struct gdb_text *out);
};

static void mon_help(const struct mon_ctx *x, struct gdb_text *out);

static void mon_cycles(const struct mon_ctx *x, struct gdb_text *out)
{
    struct cpu_stats st;
    cpu_stats(x->c, &st);
    gdb_printf(out, "%llu\n", (unsigned long long)st.cycles);
}

static void mon_instret(const struct mon_ctx *x, struct gdb_text *out)
{
    struct cpu_stats st;
    cpu_stats(x->c, &st);
    gdb_printf(out, "%llu\n", (unsigned long long)st.instructions);
}

static void mon_time(const struct mon_ctx *x, struct gdb_text *out)
{
    char buf[64];
    sim_time_t t = cpu_now(x->c);
    sim_format_time(buf, sizeof buf, t);
    gdb_printf(out, "%s (%llu ps)\n", buf, (unsigned long long)t);
}

/* What a FILE writer prints (the stats formatter, the info tree), sent through gdb. */
static void print_through(const struct mon_ctx *x, struct gdb_text *out,
                          void (*print)(const struct mon_ctx *x, FILE *f))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    print(x, f);
    fclose(f);
    gdb_printf(out, "%s", buf ? buf : "");
    free(buf);
}

/* --stats' text, from its one formatter (soc/cpu.c). */
static void print_stats(const struct mon_ctx *x, FILE *f)
{
    cpu_print_stats(f, x->m, x->run_s, true, false);
}

static void print_tree(const struct mon_ctx *x, FILE *f) { machine_print_tree(x->m, f); }

static void mon_stats(const struct mon_ctx *x, struct gdb_text *out)
{
    print_through(x, out, print_stats);
}

static void mon_info_tree(const struct mon_ctx *x, struct gdb_text *out)
{
    print_through(x, out, print_tree);
}

static void mon_reset(const struct mon_ctx *x, struct gdb_text *out)
{
    machine_reset(x->m);
    gdb_printf(out, "reset: pc = 0x%08llx\n", (unsigned long long)cpu_pc(x->c));
}

static const struct mon_cmd cmds[] = {
    {"help", "list these commands", mon_help},
    {"cycles", "CPU cycles since reset", mon_cycles},
    {"instret", "instructions retired since reset", mon_instret},
    {"time", "simulated time", mon_time},
    {"stats", "cycles, instructions, CPI and stall cycles by cause", mon_stats},
    {"reset", "reset the whole SoC (the CPU restarts at its reset vector)", mon_reset},
    {"info tree", "the machine: buses, devices, address map", mon_info_tree},
};

static void mon_help(const struct mon_ctx *x, struct gdb_text *out)
{
    (void)x;
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        gdb_printf(out, "monitor %-10s %s\n", cmds[i].name, cmds[i].help);
}

int gdb_monitor(struct machine *m, struct cpu *c, double run_s, const char *cmd,
                struct gdb_text *out)
{
    const struct mon_ctx x = {m, c, run_s};
    /* Words separated by any run of blanks, so "info  tree" works too. */
    char norm[128];
    size_t n = 0;
    for (const char *p = cmd; *p && n < sizeof norm - 1; p++) {
        if (*p == ' ' || *p == '\t') {
            if (n && norm[n - 1] != ' ')
                norm[n++] = ' ';
        } else {
            norm[n++] = *p;
        }
    }
    while (n && norm[n - 1] == ' ')
        n--;
    norm[n] = 0;
    if (!n) {
        mon_help(&x, out);
        return 0;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (!strcmp(norm, cmds[i].name)) {
            cmds[i].fn(&x, out);
            return 0;
        }
    gdb_printf(out, "unknown monitor command '%s'; try 'monitor help'\n", norm);
    return -1;
}
