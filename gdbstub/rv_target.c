/* The RISC-V side of the GDB stub (rv_target.h).
 *
 * GDB's RISC-V numbering (gdb/riscv-tdep.h): 0-31 are x0-x31, 32 is pc, 33-64 the FP
 * registers (none here), and CSR number N is register 65 + N.  The description names the
 * features gdb's RISC-V port knows (org.gnu.gdb.riscv.cpu, org.gnu.gdb.riscv.csr) and
 * lists, with explicit regnum attributes, only the CSRs this core implements (probed
 * with a read), so `info registers mcause` and `p $mcycle` work and `info
 * all-registers` shows no phantom CSRs; and the privilege level, gdb's virtual register
 * priv (org.gnu.gdb.riscv.virtual), as QEMU gives it. */
#include "gdbstub/rv_target.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdbstub/gdb_proto.h"
#include "soc/cpu.h"
#include "soc/cpu/riscv/cpu.h"
#include "soc/cpu/riscv/debug.h"

/* gdb's names for x0-x31 (fp, not s0: its RISC-V port's own feature file). */
static const char *const xreg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static void add(char **s, size_t *len, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add(char **s, size_t *len, size_t *cap, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(*s ? *s + *len : NULL, *cap - *len, fmt, ap);
        va_end(ap);
        if (n < 0)
            return;
        if ((size_t)n < *cap - *len) {
            *len += (size_t)n;
            return;
        }
        size_t c = *cap ? *cap * 2 : 4096;
        while (c - *len <= (size_t)n)
            c *= 2;
        char *t = realloc(*s, c);
        if (!t)
            return;
        *s = t;
        *cap = c;
    }
}

char *rv_target_xml(struct cpu *c)
{
    char *s = NULL;
    size_t len = 0, cap = 0;
    add(&s, &len, &cap,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target version=\"1.0\">\n<architecture>riscv:rv32</architecture>\n"
        "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
    for (unsigned r = 0; r < 32; r++) {
        const char *type = r == 1 ? "code_ptr" : r == 2 ? "data_ptr" : "int";
        add(&s, &len, &cap, "  <reg name=\"%s\" bitsize=\"32\" type=\"%s\" regnum=\"%u\"/>\n",
            xreg_names[r], type, r);
    }
    add(&s, &len, &cap,
        "  <reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"%u\"/>\n</feature>\n"
        "<feature name=\"org.gnu.gdb.riscv.csr\">\n",
        RV_GDB_PC);
    for (unsigned i = 0; i < rv_csr_name_count; i++) {
        uint64_t v;
        if (c->ops->sysreg_read(c, rv_csr_names[i].num, &v) < 0)
            continue; /* not implemented by this core */
        add(&s, &len, &cap,
            "  <reg name=\"%s\" bitsize=\"32\" type=\"uint32\" regnum=\"%u\" group=\"csr\"/>\n",
            rv_csr_names[i].name, RV_GDB_CSR0 + rv_csr_names[i].num);
    }
    add(&s, &len, &cap,
        "</feature>\n<feature name=\"org.gnu.gdb.riscv.virtual\">\n"
        "  <reg name=\"priv\" bitsize=\"32\" type=\"int\" regnum=\"%u\"/>\n</feature>\n"
        "</target>\n",
        RV_GDB_PRIV);
    return s;
}

/* x0-x31 and pc are the CPU interface's registers 0-32; CSRs its system registers. */
int rv_target_read_reg(struct cpu *c, unsigned regno, uint64_t *val)
{
    if (regno <= RV_GDB_PC)
        return c->ops->reg_read(c, regno, val);
    if (regno >= RV_GDB_CSR0 && regno < RV_GDB_CSR0 + c->ops->nsysregs)
        return c->ops->sysreg_read(c, regno - RV_GDB_CSR0, val);
    if (regno == RV_GDB_PRIV)
        return *val = rv_cpu_from(c)->priv, 0;
    return -1;
}

int rv_target_write_reg(struct cpu *c, unsigned regno, uint64_t val)
{
    if (regno <= RV_GDB_PC)
        return c->ops->reg_write(c, regno, val);
    if (regno >= RV_GDB_CSR0 && regno < RV_GDB_CSR0 + c->ops->nsysregs)
        return c->ops->sysreg_write(c, regno - RV_GDB_CSR0, val);
    if (regno == RV_GDB_PRIV)
        return rv_debug_set_priv(rv_cpu_from(c), val);
    return -1;
}

/* The core's own: breakpoints, watchpoints, the debugger's run and the stop it reports. */

bool rv_target_attach(struct cpu *c) { return rv_debug_attach(rv_cpu_from(c)) != NULL; }

void rv_target_free(struct cpu *c) { rv_debug_free(rv_cpu_from(c)); }

void rv_target_clear_points(struct cpu *c) { rv_debug_clear(rv_cpu_from(c)); }

static unsigned watch_kind(enum gdb_point type)
{
    return type == GDB_WP_WRITE ? RV_WATCH_WRITE
           : type == GDB_WP_READ ? RV_WATCH_READ
                                 : RV_WATCH_ACCESS;
}

int rv_target_insert_point(struct cpu *c, enum gdb_point type, uint64_t addr, uint64_t kind)
{
    struct rv_cpu *rc = rv_cpu_from(c);
    if (addr > UINT32_MAX)
        return -1;
    if (type == GDB_BP_SW || type == GDB_BP_HW) {
        if (kind != 2 && kind != 4)
            return -1;
        return rv_debug_insert_bp(rc, (uint32_t)addr, type == GDB_BP_HW);
    }
    if (kind == 0 || kind > 4096 || addr + kind - 1 > UINT32_MAX)
        return -1;
    return rv_debug_insert_wp(rc, (uint32_t)addr, (uint32_t)kind, watch_kind(type));
}

int rv_target_remove_point(struct cpu *c, enum gdb_point type, uint64_t addr, uint64_t kind)
{
    struct rv_cpu *rc = rv_cpu_from(c);
    if (addr > UINT32_MAX)
        return -1;
    if (type == GDB_BP_SW || type == GDB_BP_HW)
        return rv_debug_remove_bp(rc, (uint32_t)addr, type == GDB_BP_HW);
    return rv_debug_remove_wp(rc, (uint32_t)addr, (uint32_t)kind, watch_kind(type));
}

enum sim_stop_reason rv_target_run(struct cpu *c, bool step)
{
    return rv_debug_run(rv_cpu_from(c), step);
}

void rv_target_debug_stop(struct cpu *c, struct gdb_stop *st)
{
    struct rv_debug *d = rv_cpu_from(c)->dbg;
    *st = (struct gdb_stop){.kind = GDB_STOP_SIGNAL, .sig = GDB_SIGTRAP};
    if (!d)
        return;
    switch (d->hit) {
    case RV_HIT_SWBREAK:
        st->why = GDB_WHY_SWBREAK;
        break;
    case RV_HIT_HWBREAK:
        st->why = GDB_WHY_HWBREAK;
        break;
    case RV_HIT_WATCH: {
        unsigned k = d->wp[d->hit_index].kind;
        st->why = k == RV_WATCH_WRITE ? GDB_WHY_WATCH
                  : k == RV_WATCH_READ ? GDB_WHY_RWATCH
                                       : GDB_WHY_AWATCH;
        st->addr = d->hit_addr;
        break;
    }
    default:
        break;
    }
    d->hit = RV_HIT_NONE;
}

int rv_target_trap_signal(struct cpu *c)
{
    switch (rv_cpu_from(c)->mcause) {
    case RV_EXC_ILLEGAL: return GDB_SIGILL;
    case RV_EXC_INSN_MISALIGNED: case RV_EXC_LOAD_MISALIGNED: case RV_EXC_STORE_MISALIGNED:
        return GDB_SIGBUS;
    case RV_EXC_INSN_FAULT: case RV_EXC_LOAD_FAULT: case RV_EXC_STORE_FAULT: return GDB_SIGSEGV;
    default: return GDB_SIGTRAP;
    }
}
