/* A binary min-heap of fixed-size elements, ordered by a `before` function: the queues in
 * which trace outputs hold what they may write only once nothing can come before it
 * (soc/vcd.c, soc/kanata.c).  Elements are copied in and out; the array grows as needed. */
#ifndef SIM_HEAP_H
#define SIM_HEAP_H

#include <stdbool.h>
#include <stddef.h>

struct heap {
    char *a; /* n elements of `size` bytes, the first one the least */
    size_t n, cap, size;
    bool (*before)(const void *x, const void *y);
};

static inline void heap_init(struct heap *h, size_t size,
                             bool (*before)(const void *x, const void *y))
{
    *h = (struct heap){.size = size, .before = before};
}
/* The least element; only when h->n > 0. */
static inline const void *heap_top(const struct heap *h)
{
    return h->a;
}
void heap_push(struct heap *h, const void *e);
/* Take the least element out into *out (h->n > 0). */
void heap_pop(struct heap *h, void *out);
void heap_free(struct heap *h);

#endif
