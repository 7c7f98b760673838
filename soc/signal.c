/* Signals: IRQ lines and GPIO pins. */
#include <stdlib.h>

#include "soc/signal.h"

void signal_init(struct signal *s, const char *name)
{
    s->level = false;
    s->past = false;
    s->name = name;
    s->first_listener = NULL;
    s->listeners = NULL;
}

void signal_listen(struct signal *s, signal_fn fn, void *opaque, int n)
{
    struct signal_listener *l = calloc(1, sizeof(*l));
    if (!l)
        abort();
    l->fn = fn;
    l->opaque = opaque;
    l->n = n;
    l->next = NULL;
    if (!s->listeners && s->first_listener)
        s->first_listener(s, s->first_listener_opaque);
    struct signal_listener **tail = &s->listeners;
    while (*tail)
        tail = &(*tail)->next;
    *tail = l;
    if (s->level)
        fn(opaque, n, true);
}

void signal_unlisten(struct signal *s, signal_fn fn, void *opaque)
{
    for (struct signal_listener **p = &s->listeners; *p;) {
        struct signal_listener *l = *p;
        if ((!fn || l->fn == fn) && l->opaque == opaque) {
            *p = l->next;
            free(l);
        } else {
            p = &l->next;
        }
    }
}

void signal_set(struct signal *s, bool level)
{
    if (s->level == level)
        return;
    s->level = level;
    for (struct signal_listener *l = s->listeners; l; l = l->next)
        l->fn(l->opaque, l->n, level);
}

void signal_set_past(struct signal *s, bool level, uint64_t at)
{
    s->past = true;
    s->past_at = at;
    signal_set(s, level);
    s->past = false;
}

void signal_pulse(struct signal *s)
{
    signal_set(s, true);
    signal_set(s, false);
}

void signal_free(struct signal *s)
{
    for (struct signal_listener *l = s->listeners, *next; l; l = next) {
        next = l->next;
        free(l);
    }
    s->listeners = NULL;
}
