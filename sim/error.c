/* The one error reporter (see error.h). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sim/error.h"

static char err_buf[SIM_ERR_MAX];

int sim_verr(const char *fmt, va_list ap)
{
    vsnprintf(err_buf, sizeof(err_buf), fmt, ap);
    return -1;
}

int sim_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sim_verr(fmt, ap);
    va_end(ap);
    return -1;
}

int sim_err_prefix(const char *fmt, ...)
{
    char old[SIM_ERR_MAX];
    va_list ap;
    memcpy(old, err_buf, sizeof(old));
    va_start(ap, fmt);
    int n = vsnprintf(err_buf, sizeof(err_buf), fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof(err_buf))
        snprintf(err_buf + n, sizeof(err_buf) - (size_t)n, ": %.*s", SIM_ERR_MAX - 3, old);
    return -1;
}

const char *sim_err_msg(void) { return err_buf; }

void sim_err_print(void)
{
    fflush(stdout);
    fprintf(stderr, "socsim: %s\n", err_buf[0] ? err_buf : "unknown error");
}

void sim_warn(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("socsim: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

size_t sim_edit_distance(const char *a, const char *b, bool fold_case)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return SIZE_MAX;
    size_t prev[64], cur[64];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned char ca = (unsigned char)a[i - 1], cb = (unsigned char)b[j - 1];
            size_t sub = prev[j - 1] + (fold_case ? tolower(ca) != tolower(cb) : ca != cb);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof(size_t));
    }
    return prev[lb];
}

const char *sim_suggest(const char *name, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = sim_edit_distance(name, cands[i], false);
        bool prefix = strncmp(name, cands[i], strlen(name)) == 0 && strlen(name) >= 3;
        if (d < best_d || (prefix && !best))
            best = cands[i], best_d = d < best_d ? d : best_d;
    }
    return best;
}
