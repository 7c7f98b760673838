/* Source lines by address (soc/srclines.h). */
#include "soc/srclines.h"

#include <stdlib.h>
#include <string.h>

#ifdef SOCSIM_HAVE_LIBDW
#include <elfutils/libdw.h>
#include <fcntl.h>
#include <unistd.h>

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
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    Dwarf *dw = dwarf_begin(fd, DWARF_C_READ);
    size_t cap = 0;
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dw && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        Dwarf_Die cu;
        Dwarf_Lines *lines;
        size_t nl;
        if (dwarf_offdie(dw, off + hsize, &cu) && dwarf_getsrclines(&cu, &lines, &nl) == 0) {
            for (size_t i = 0; i < nl; i++) {
                Dwarf_Line *l = dwarf_onesrcline(lines, i);
                Dwarf_Addr a;
                int ln;
                bool end = false;
                const char *src = l ? dwarf_linesrc(l, NULL, NULL) : NULL;
                if (!l || dwarf_lineaddr(l, &a) || dwarf_lineno(l, &ln) || !src)
                    continue;
                dwarf_lineendsequence(l, &end);
                add(t, &cap, (uint32_t)a, end ? 0 : (uint32_t)ln, end ? NULL : intern(t, src));
            }
        }
        off = next;
    }
    if (dw)
        dwarf_end(dw);
    close(fd);
    qsort(t->v, t->n, sizeof(*t->v), cmp_line);
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
    size_t lo = 0, hi = t->n; /* the last row at or below pc */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->v[mid].addr <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo || !t->v[lo - 1].line)
        return NULL;
    return &t->v[lo - 1];
}
