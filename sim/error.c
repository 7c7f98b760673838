/* The one error reporter (see error.h). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"

static char err_buf[SIM_ERR_MAX];
static bool err_option;

int sim_verr(const char *fmt, va_list ap)
{
    vsnprintf(err_buf, sizeof(err_buf), fmt, ap);
    err_option = false;
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

void sim_err_mark_option(void) { err_option = true; }

bool sim_err_is_option(void) { return err_option; }

/* Notes waiting for the console's line to end (sim_note). */
static char *notes;
static size_t notes_len, notes_cap;
size_t sim_notes_waiting_bytes;
static bool console_open;

#define NOTES_MAX (64u << 10) /* beyond this a note is printed mid-line rather than held */

void sim_notes_flush(void)
{
    if (!notes_len)
        return;
    fflush(stdout); /* what the firmware printed before the notes comes first */
    fwrite(notes, 1, notes_len, stderr);
    notes_len = sim_notes_waiting_bytes = 0;
}

void sim_console_line(bool open)
{
    console_open = open;
    if (!open)
        sim_notes_flush();
}

void sim_note(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
    if (console_open && notes_len + len <= NOTES_MAX) {
        if (notes_len + len > notes_cap) {
            size_t cap = notes_cap ? notes_cap : 1024;
            while (cap < notes_len + len)
                cap *= 2;
            char *p = realloc(notes, cap);
            if (p) {
                notes = p;
                notes_cap = cap;
            }
        }
        if (notes_len + len <= notes_cap) {
            memcpy(notes + notes_len, line, len);
            notes_len += len;
            sim_notes_waiting_bytes = notes_len;
            return;
        }
    }
    sim_notes_flush();
    fflush(stdout);
    fwrite(line, 1, len, stderr);
}

void sim_err_print(void)
{
    sim_notes_flush();
    fflush(stdout);
    fprintf(stderr, "socsim: %s\n", err_buf[0] ? err_buf : "unknown error");
}

void sim_warn(const char *fmt, ...)
{
    va_list ap;
    sim_notes_flush();
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
    /* Close means a typo, not a different word: at most a third of the name (one edit for
     * names of one or two characters). */
    size_t len = strlen(name), limit = len < 3 ? 1 : len / 3 + 1;
    const char *best = NULL, *prefixed = NULL;
    size_t best_d = SIZE_MAX, nprefixed = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(name, cands[i]) == 0)
            continue; /* never "did you mean" the very word: it is wrong here, not misspelt */
        size_t d = sim_edit_distance(name, cands[i], true);
        if (d < best_d)
            best = cands[i], best_d = d;
        if (len >= 3 && strncmp(name, cands[i], len) == 0)
            prefixed = cands[i], nprefixed++;
    }
    if (best_d <= limit)
        return best;
    return nprefixed == 1 ? prefixed : NULL; /* "ns16550" for "ns16550a" */
}
