/* Run points (runpoint.h). */
#include "soc/runpoint.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "sim/error.h"
#include "soc/cpu.h"
#include "soc/machine.h"

int run_point_parse(const char *text, struct run_point *p)
{
    *p = (struct run_point){0};
    size_t n = strlen(text);
    if (n > 1 && text[n - 1] == 'i' && isdigit((unsigned char)text[0])) {
        char num[32];
        if (n - 1 < sizeof(num)) {
            memcpy(num, text, n - 1);
            num[n - 1] = '\0';
            if (sim_parse_u64(num, &p->value) == 0) {
                p->kind = RUN_POINT_INSNS;
                return 0;
            }
        }
        return sim_err("'%s': an instruction count is a number and 'i' (250000i)", text);
    }
    if (n && (isdigit((unsigned char)text[0]) || text[0] == '.')) {
        if (sim_parse_time(text, &p->value) == 0) {
            p->kind = RUN_POINT_TIME;
            return 0;
        }
        const char *why = sim_parse_why();
        return sim_err("'%s' is no time (10ms), instruction count (250000i) or symbol (main)%s%s",
                       text, why ? ": " : "", why ? why : "");
    }
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)text[i]) && !strchr("_.$", text[i]))
            n = 0;
    if (!n)
        return sim_err("'%s' is no time (10ms), instruction count (250000i) or symbol (main)",
                       text);
    p->kind = RUN_POINT_SYMBOL;
    p->symbol = text;
    return 0;
}

void run_point_describe(const struct run_point *p, char *buf, size_t n)
{
    switch (p->kind) {
    case RUN_POINT_TIME: sim_format_time(buf, n, p->value); break;
    case RUN_POINT_INSNS: snprintf(buf, n, "%llui", (unsigned long long)p->value); break;
    case RUN_POINT_SYMBOL: snprintf(buf, n, "%s at 0x%08x", p->symbol, p->addr); break;
    }
}

int run_points_arm(struct machine *m, struct run_point *pts, size_t n, sim_time_t max_time,
                   uint64_t max_insns)
{
    struct sim *s = &m->sim;
    s->max_time = max_time;
    s->max_insns = max_insns;
    for (size_t i = 0; i < n; i++) {
        struct run_point *p = &pts[i];
        if (p->done)
            continue;
        if (p->kind == RUN_POINT_TIME && p->value < s->max_time)
            s->max_time = p->value;
        else if (p->kind == RUN_POINT_INSNS && p->value < s->max_insns)
            s->max_insns = p->value;
        else if (p->kind == RUN_POINT_SYMBOL && !p->armed) {
            if (!m->elf_loaded || elf_symbol(&m->elf, p->symbol, &p->addr))
                return sim_err("the firmware has no symbol '%s'", p->symbol);
            struct cpu *c = m->cpus[0];
            if (!c->ops->stop_at || c->ops->stop_at(c, p->addr, true))
                return -1;
            p->armed = true;
        }
    }
    return 0;
}

bool run_point_reached(struct machine *m, struct run_point *p, enum sim_stop_reason why)
{
    struct sim *s = &m->sim;
    bool at = false;
    if (p->done)
        return false;
    switch (p->kind) {
    case RUN_POINT_TIME: at = why == SIM_STOP_TIME_LIMIT && sim_now(s) >= p->value; break;
    case RUN_POINT_INSNS: at = why == SIM_STOP_INSN_LIMIT && s->max_insns == p->value; break;
    case RUN_POINT_SYMBOL:
        at = why == SIM_STOP_BREAKPOINT && cpu_pc(m->cpus[0]) == p->addr;
        if (at) {
            struct cpu *c = m->cpus[0];
            c->ops->stop_at(c, p->addr, false);
            p->armed = false;
        }
        break;
    }
    p->done = at;
    return at;
}
