/* Placeholder back ends until the full set lands: stdio only.  (Replaced by chardev.c.) */
#include <stdlib.h>
#include <string.h>

#include "sim/backends/blockdev.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/machine.h"

static void stdio_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    (void)c;
    fwrite(buf, 1, n, stdout);
}

struct chardev *chardev_stdio(struct machine *m, const char *id)
{
    struct chardev *c = chardev_find(m, id);
    if (c)
        return c;
    c = calloc(1, sizeof(*c));
    c->id = strdup(id);
    c->write = stdio_write;
    c->next = m->chardevs;
    m->chardevs = c;
    return c;
}

struct chardev *chardev_find(struct machine *m, const char *id)
{
    for (struct chardev *c = m->chardevs; c; c = c->next)
        if (strcmp(c->id, id) == 0)
            return c;
    return NULL;
}

int chardev_add(struct machine *m, const char *spec)
{
    (void)m;
    return sim_err("-chardev %s: not supported yet", spec);
}

void chardev_attach(struct chardev *c, const struct chardev_frontend *fe)
{
    c->fe = *fe;
    c->fe_attached = true;
}

void chardev_write(struct chardev *c, const uint8_t *buf, size_t n) { c->write(c, buf, n); }
void chardev_accept_input(struct chardev *c) { (void)c; }
void chardev_flush_all(struct machine *m) { (void)m, fflush(stdout); }

void chardev_close_all(struct machine *m)
{
    for (struct chardev *c = m->chardevs, *n; c; c = n) {
        n = c->next;
        free(c->id);
        free(c);
    }
    m->chardevs = NULL;
}

void chardev_print_help(FILE *f) { fprintf(f, "  stdio            standard input and output\n"); }

struct blockdev *blockdev_find(struct machine *m, const char *node)
{
    (void)m, (void)node;
    return NULL;
}

int blockdev_add(struct machine *m, const char *spec)
{
    (void)m;
    return sim_err("-blockdev %s: not supported yet", spec);
}

void blockdev_close_all(struct machine *m) { (void)m; }
void blockdev_print_help(FILE *f) { (void)f; }
