/* The firmware's functions by address (soc/functions.h). */
#include "soc/functions.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"
#include "soc/elf.h"

static int cmp_fn(const void *a, const void *b)
{
    const struct code_fn *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* A symbol that names code: a function, or an assembly label (no type) in the loaded
 * bytes; not the toolchain's own ($x, .L..., __global_pointer$). */
static bool code_symbol(const struct elf_image *img, const struct elf_symbol *s)
{
    if (s->type == STT_FUNC)
        return true;
    return s->type == STT_NOTYPE && !strchr(s->name, '$') && s->name[0] != '.' &&
           elf_loads(img, s->value);
}

void code_fns_build(struct code_fns *t, const struct elf_image *img)
{
    t->fn = calloc(img->nsyms + 1, sizeof(*t->fn));
    if (!t->fn)
        abort();
    t->n = 0;
    for (size_t i = 0; i < img->nsyms; i++) {
        const struct elf_symbol *s = &img->syms[i];
        if (!code_symbol(img, s))
            continue;
        struct code_fn *f = &t->fn[t->n++];
        f->name = s->name;
        f->lo = s->value & ~1u;
        f->hi = s->size ? f->lo + s->size : 0; /* 0: up to the next one */
    }
    sort_array(t->fn, t->n, sizeof(*t->fn), cmp_fn);
    /* One name per address (a function, over the labels at its start), then the ends. */
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (n && t->fn[n - 1].lo == t->fn[i].lo) {
            if (!t->fn[n - 1].hi && t->fn[i].hi)
                t->fn[n - 1] = t->fn[i];
            continue;
        }
        t->fn[n++] = t->fn[i];
    }
    t->n = n;
    for (size_t i = 0; i < n; i++) {
        uint32_t next = i + 1 < n ? t->fn[i + 1].lo : UINT32_MAX;
        if (!t->fn[i].hi || t->fn[i].hi > next)
            t->fn[i].hi = next;
    }
    t->fn[t->n++] = (struct code_fn){.name = "(no symbol)"};
}

void code_fns_free(struct code_fns *t)
{
    free(t->fn);
    t->fn = NULL;
    t->n = 0;
}

int code_fns_at(const struct code_fns *t, uint32_t pc)
{
    size_t i = UPPER_BOUND_U32(t->fn, t->n - 1, struct code_fn, lo, pc); /* not "(no symbol)" */
    if (i > 0 && pc < t->fn[i - 1].hi)
        return (int)i - 1;
    return (int)t->n - 1;
}

int code_fns_named(const struct code_fns *t, const char *name)
{
    for (size_t i = 0; i + 1 < t->n; i++)
        if (strcmp(t->fn[i].name, name) == 0)
            return (int)i;
    return -1;
}
