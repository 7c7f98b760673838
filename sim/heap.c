/* A binary min-heap of fixed-size elements (sim/heap.h). */
#include "sim/heap.h"

#include <stdlib.h>
#include <string.h>

static inline char *at(const struct heap *h, size_t i)
{
    return h->a + i * h->size;
}

void heap_push(struct heap *h, const void *e)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 64;
        char *a = realloc(h->a, cap * h->size);
        if (!a)
            abort();
        h->a = a;
        h->cap = cap;
    }
    /* Move the parents after e down into the hole, then put e where it stops. */
    size_t i = h->n++;
    while (i && h->before(e, at(h, (i - 1) / 2))) {
        memcpy(at(h, i), at(h, (i - 1) / 2), h->size);
        i = (i - 1) / 2;
    }
    memcpy(at(h, i), e, h->size);
}

void heap_pop(struct heap *h, void *out)
{
    memcpy(out, h->a, h->size);
    /* The last element fills the hole at the top, sifted down; it stays where it was (past
     * the new end) until then, since only places before the end are written. */
    const char *last = at(h, --h->n);
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->before(at(h, c + 1), at(h, c)))
            c++;
        if (!h->before(at(h, c), last))
            break;
        memcpy(at(h, i), at(h, c), h->size);
        i = c;
    }
    if (h->n)
        memcpy(at(h, i), last, h->size);
}

void heap_free(struct heap *h)
{
    free(h->a);
    h->a = NULL;
    h->n = h->cap = 0;
}
