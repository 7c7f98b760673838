/* The one error reporter (see error.h). */
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
