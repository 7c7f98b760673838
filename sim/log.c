/* The debug log (see log.h). */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "sim/error.h"
#include "sim/log.h"

unsigned sim_log_mask;
static FILE *log_file; /* NULL: stderr */

static const struct {
    const char *name;
    unsigned bit;
    const char *help;
} categories[] = {
    {"int", SIM_LOG_INT,
     "every trap taken, interrupt or exception: cycle, mcause, mepc, mtval, handler"},
    {"exec", SIM_LOG_EXEC,
     "every instruction executed: cycle, pc, encoding, disassembly (runs interpreted)"},
    {"cpu", SIM_LOG_CPU,
     "the registers and trap CSRs before every instruction (lots; runs interpreted)"},
    {"guest_errors", SIM_LOG_GUEST_ERRORS,
     "invalid firmware actions: accesses that fault (and why), illegal CSR accesses"},
};

int sim_log_set(const char *list)
{
    const char *p = list;
    unsigned mask = 0;
    for (;;) {
        size_t n = strcspn(p, ",");
        size_t i;
        for (i = 0; i < ARRAY_SIZE(categories); i++)
            if (strlen(categories[i].name) == n && strncmp(p, categories[i].name, n) == 0)
                break;
        if (i == ARRAY_SIZE(categories))
            return sim_err("-d %s: unknown log category '%.*s' (-d help lists them)", list, (int)n,
                           p);
        mask |= categories[i].bit;
        if (!p[n])
            break;
        p += n + 1;
    }
    sim_log_mask |= mask;
    return 0;
}

int sim_log_open(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return sim_err("-D %s: %s", path, strerror(errno));
    /* One instruction a line under -d exec: buffer the file, not stderr (whose lines then
     * keep their place among the other messages). */
    setvbuf(f, NULL, _IOFBF, 1 << 16);
    log_file = f;
    return 0;
}

void sim_log_help(FILE *f)
{
    fputs("Log categories (-d CAT[,CAT...], to stderr or to the -D FILE):\n", f);
    for (size_t i = 0; i < ARRAY_SIZE(categories); i++)
        fprintf(f, "  %-13s %s\n", categories[i].name, categories[i].help);
}

void sim_log(const char *fmt, ...)
{
    /* Formatted here and written at once: one write per line on an unbuffered stderr. */
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n > sizeof(line) - 2)
        n = (int)sizeof(line) - 2;
    line[n++] = '\n';
    fwrite(line, 1, (size_t)n, log_file ? log_file : stderr);
}

void sim_log_close(void)
{
    if (log_file) {
        fclose(log_file);
        log_file = NULL;
    }
    fflush(stderr);
}
