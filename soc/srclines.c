/* Source lines by address (soc/srclines.h). */
#include "soc/srclines.h"

#include <stdlib.h>
#include <string.h>
#include "sim/sim.h"

#ifdef SOCSIM_HAVE_LIBDW
#include <dlfcn.h>
#include <elfutils/libdw.h>
#include <fcntl.h>
#include <unistd.h>

/* libdw, loaded the first time a profile asks for lines: linked in, its libraries'
 * relocations cost every run about 230000 host instructions at start-up. */
static struct {
    __typeof__(dwarf_begin) *begin;
    __typeof__(dwarf_end) *end;
    __typeof__(dwarf_nextcu) *nextcu;
    __typeof__(dwarf_offdie) *offdie;
    __typeof__(dwarf_getsrclines) *getsrclines;
    __typeof__(dwarf_onesrcline) *onesrcline;
    __typeof__(dwarf_linesrc) *linesrc;
    __typeof__(dwarf_lineaddr) *lineaddr;
    __typeof__(dwarf_lineno) *lineno;
    __typeof__(dwarf_lineendsequence) *lineendsequence;
} dw;

static bool dw_load(void)
{
    static int state; /* 0: not tried, 1: loaded, -1: not there */
    if (state)
        return state > 0;
    state = -1;
    void *h = dlopen("libdw.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return false;
    void **fns[] = {(void **)&dw.begin,          (void **)&dw.end,         (void **)&dw.nextcu,
                    (void **)&dw.offdie,         (void **)&dw.getsrclines, (void **)&dw.onesrcline,
                    (void **)&dw.linesrc,        (void **)&dw.lineaddr,    (void **)&dw.lineno,
                    (void **)&dw.lineendsequence};
    const char *names[] = {"dwarf_begin",          "dwarf_end",         "dwarf_nextcu",
                           "dwarf_offdie",         "dwarf_getsrclines", "dwarf_onesrcline",
                           "dwarf_linesrc",        "dwarf_lineaddr",    "dwarf_lineno",
                           "dwarf_lineendsequence"};
    for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
        if (!(*fns[i] = dlsym(h, names[i])))
            return false; /* (an old libdw: no lines; the handle stays, as loaded libraries do) */
    state = 1;
    return true;
}

static const char *intern(struct src_lines *t, const char *name)
{
    for (size_t i = t->nfiles; i-- > 0;) /* (the last ones are the likely ones) */
        if (strcmp(t->files[i], name) == 0)
            return t->files[i];
    char **nf = realloc(t->files, (t->nfiles + 1) * sizeof(*nf));
    char *copy = strdup(name);
    if (!nf || !copy)
        abort();
    t->files = nf;
    return t->files[t->nfiles++] = copy;
}

static void add(struct src_lines *t, size_t *cap, uint32_t addr, uint32_t line, const char *file)
{
    if (t->n == *cap) {
        *cap = *cap ? 2 * *cap : 256;
        t->v = realloc(t->v, *cap * sizeof(*t->v));
        if (!t->v)
            abort();
    }
    t->v[t->n] = (struct src_line){.addr = addr, .line = line, .file = file, .seq = t->n};
    t->n++;
}

/* By address; rows at one address keep the tables' order (the last one holds). */
static int cmp_line(const void *a, const void *b)
{
    const struct src_line *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void src_lines_load(struct src_lines *t, const char *path)
{
    *t = (struct src_lines){0};
    if (!dw_load())
        return;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    Dwarf *dbg = dw.begin(fd, DWARF_C_READ);
    size_t cap = 0;
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dbg && dw.nextcu(dbg, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        Dwarf_Die cu;
        Dwarf_Lines *lines;
        size_t nl;
        if (dw.offdie(dbg, off + hsize, &cu) && dw.getsrclines(&cu, &lines, &nl) == 0) {
            for (size_t i = 0; i < nl; i++) {
                Dwarf_Line *l = dw.onesrcline(lines, i);
                Dwarf_Addr a;
                int ln;
                bool end = false;
                const char *src = l ? dw.linesrc(l, NULL, NULL) : NULL;
                if (!l || dw.lineaddr(l, &a) || dw.lineno(l, &ln) || !src)
                    continue;
                dw.lineendsequence(l, &end);
                add(t, &cap, (uint32_t)a, end ? 0 : (uint32_t)ln, end ? NULL : intern(t, src));
            }
        }
        off = next;
    }
    if (dbg)
        dw.end(dbg);
    close(fd);
    sort_array(t->v, t->n, sizeof(*t->v), cmp_line);
}
#else
void src_lines_load(struct src_lines *t, const char *path)
{
    (void)path;
    *t = (struct src_lines){0};
}
#endif

void src_lines_free(struct src_lines *t)
{
    for (size_t i = 0; i < t->nfiles; i++)
        free(t->files[i]);
    free(t->files);
    free(t->v);
    *t = (struct src_lines){0};
}

const struct src_line *src_lines_at(const struct src_lines *t, uint32_t pc)
{
    /* The last row at or below pc. */
    size_t i = UPPER_BOUND_U32(t->v, t->n, struct src_line, addr, pc);
    if (!i || !t->v[i - 1].line)
        return NULL;
    return &t->v[i - 1];
}
