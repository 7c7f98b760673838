/* The RISC-V side of the GDB stub: the target description and register numbering.
 *
 * GDB's RISC-V numbering (gdb/riscv-tdep.h): 0-31 are x0-x31, 32 is pc, 33-64 the FP
 * registers (none here), and CSR number N is register 65 + N.  The description names the
 * features gdb's RISC-V port knows (org.gnu.gdb.riscv.cpu, org.gnu.gdb.riscv.csr) and
 * lists, with explicit regnum attributes, only the CSRs this core implements (probed
 * with rv_csr_read), so `info registers mcause` and `p $mcycle` work and `info
 * all-registers` shows no phantom CSRs. */
#include "gdbstub/rv_target.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdbstub/gdb_proto.h"
#include "soc/cpu/riscv/cpu.h"

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

char *rv_target_xml(struct rv_cpu *c)
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
        uint32_t v;
        if (rv_csr_read(c, rv_csr_names[i].num, &v) < 0)
            continue; /* not implemented by this core */
        add(&s, &len, &cap,
            "  <reg name=\"%s\" bitsize=\"32\" type=\"uint32\" regnum=\"%u\" group=\"csr\"/>\n",
            rv_csr_names[i].name, RV_GDB_CSR0 + rv_csr_names[i].num);
    }
    add(&s, &len, &cap, "</feature>\n</target>\n");
    return s;
}

int rv_target_read_reg(struct rv_cpu *c, unsigned regno, uint32_t *val)
{
    if (regno < 32) {
        *val = regno ? c->x[regno] : 0;
        return 0;
    }
    if (regno == RV_GDB_PC) {
        *val = c->pc;
        return 0;
    }
    if (regno >= RV_GDB_CSR0 && regno < RV_GDB_CSR0 + 4096)
        return rv_csr_read(c, regno - RV_GDB_CSR0, val);
    return -1;
}

int rv_target_write_reg(struct rv_cpu *c, unsigned regno, uint32_t val)
{
    if (regno < 32) {
        if (regno)
            c->x[regno] = val;
        return 0;
    }
    if (regno == RV_GDB_PC) {
        rv_cpu_set_pc(c, val);
        return 0;
    }
    if (regno >= RV_GDB_CSR0 && regno < RV_GDB_CSR0 + 4096)
        return rv_csr_write(c, regno - RV_GDB_CSR0, val);
    return -1;
}
