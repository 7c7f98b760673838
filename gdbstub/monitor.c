/* `monitor` commands: what the simulator knows that gdb cannot ask the target for.
 * Their output goes back through gdb (O packets), so a gdb script can log it. */
#define _GNU_SOURCE
#include "gdbstub/monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdbstub/gdb_proto.h"
#include "soc/cpu/riscv/cpu.h"
#include "soc/machine.h"

struct mon_cmd {
    const char *name;
    const char *help;
    void (*fn)(struct machine *m, struct rv_cpu *c, struct gdb_text *out);
};

static void mon_help(struct machine *m, struct rv_cpu *c, struct gdb_text *out);

static void mon_cycles(struct machine *m, struct rv_cpu *c, struct gdb_text *out)
{
    (void)m;
    gdb_printf(out, "%llu\n", (unsigned long long)c->cycle);
}

static void mon_instret(struct machine *m, struct rv_cpu *c, struct gdb_text *out)
{
    (void)m;
    gdb_printf(out, "%llu\n", (unsigned long long)c->instret);
}

static void mon_time(struct machine *m, struct rv_cpu *c, struct gdb_text *out)
{
    (void)m;
    char buf[64];
    sim_time_t t = rv_cpu_now(c);
    sim_format_time(buf, sizeof buf, t);
    gdb_printf(out, "%s (%llu ps)\n", buf, (unsigned long long)t);
}

static void mon_stats(struct machine *m, struct rv_cpu *c, struct gdb_text *out)
{
    static const char *const stall_names[RV_STALL_COUNT] = {
        [RV_STALL_FETCH] = "fetch",       [RV_STALL_BRANCH] = "branch",
        [RV_STALL_LOAD_USE] = "load-use", [RV_STALL_MEM] = "memory",
        [RV_STALL_MULDIV] = "mul/div",    [RV_STALL_CSR] = "csr/fence",
        [RV_STALL_TRAP] = "trap",         [RV_STALL_WFI] = "wfi",
    };
    char buf[64];
    sim_format_time(buf, sizeof buf, rv_cpu_now(c));
    gdb_printf(out, "cpu %s (%s model, %llu Hz)\n", c->dev.id ? c->dev.id : "cpu0",
               rv_cpu_model_name(c), (unsigned long long)c->freq);
    gdb_printf(out, "  time      %s\n", buf);
    gdb_printf(out, "  cycles    %llu\n", (unsigned long long)c->cycle);
    gdb_printf(out, "  instret   %llu\n", (unsigned long long)c->instret);
    if (c->instret) {
        /* CPI with three decimals, in integers (no floating point in timing output). */
        unsigned long long milli = (unsigned long long)(c->cycle * 1000 / c->instret);
        gdb_printf(out, "  CPI       %llu.%03llu\n", milli / 1000, milli % 1000);
    }
    for (int i = 0; i < RV_STALL_COUNT; i++)
        if (c->stats.stall[i])
            gdb_printf(out, "  stall %-9s %llu\n", stall_names[i],
                       (unsigned long long)c->stats.stall[i]);
    for (const struct rv_model_stat *s = c->tm_model->stats; s && s->name; s++)
        gdb_printf(out, "  %-15s %llu\n", s->name, (unsigned long long)rv_model_stat(c->tm, s));
    (void)m;
}

static void mon_reset(struct machine *m, struct rv_cpu *c, struct gdb_text *out)
{
    machine_reset(m);
    gdb_printf(out, "reset: pc = 0x%08x\n", c->pc);
}

static void mon_info_tree(struct machine *m, struct rv_cpu *c, struct gdb_text *out)
{
    (void)c;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    machine_print_tree(m, f);
    fclose(f);
    gdb_printf(out, "%s", buf ? buf : "");
    free(buf);
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

static void mon_help(struct machine *m, struct rv_cpu *c, struct gdb_text *out)
{
    (void)m;
    (void)c;
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        gdb_printf(out, "monitor %-10s %s\n", cmds[i].name, cmds[i].help);
}

int gdb_monitor(struct machine *m, struct rv_cpu *c, const char *cmd, struct gdb_text *out)
{
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
        mon_help(m, c, out);
        return 0;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (!strcmp(norm, cmds[i].name)) {
            cmds[i].fn(m, c, out);
            return 0;
        }
    gdb_printf(out, "unknown monitor command '%s'; try 'monitor help'\n", norm);
    return -1;
}
