/* Helpers of the chardev and blockdev cores: driver options from their tables, ids,
 * driver lookup errors, the host clock. */
#include "sim/backends/backend.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/error.h"
#include "sim/sim.h"

void *backend_cfg_new(const struct opt_desc *options, size_t size, const struct kv *kv, size_t n,
                      const char *const *reserved, const char *help, opt_resolve_fn resolve,
                      void *ctx, uint64_t *given)
{
    struct opt_owner own = {"option", resolve, ctx};
    void *cfg = calloc(1, size ? size : 1);
    if (!cfg) {
        sim_err("out of memory");
        return NULL;
    }
    if (opts_apply(&own, options, cfg, kv, n, reserved, help, given) < 0) {
        backend_cfg_free(options, cfg);
        return NULL;
    }
    return cfg;
}

void backend_cfg_free(const struct opt_desc *options, void *cfg)
{
    if (cfg)
        opt_free_strings(options, cfg);
    free(cfg);
}

int backend_unknown_driver(const char *kind, const char *name, const char *const *names,
                           size_t n)
{
    char list[256] = "";
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(list, ", ", sizeof(list) - strlen(list) - 1);
        strncat(list, names[i], sizeof(list) - strlen(list) - 1);
    }
    const char *s = sim_suggest(name, names, n);
    if (s)
        return sim_err("unknown %s driver '%s' (did you mean '%s'?)", kind, name, s);
    return sim_err("unknown %s driver '%s' (drivers: %s)", kind, name, list);
}

/* Letters, digits, '-', '.', '_', starting with a letter (QEMU's id rule). */
static bool id_valid(const char *id)
{
    if (!isalpha((unsigned char)id[0]))
        return false;
    for (const char *p = id; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.' && *p != '_')
            return false;
    return true;
}

int backend_id_check(const char *key, const char *id)
{
    if (!id || !*id)
        return sim_err("missing %s=", key);
    if (!id_valid(id))
        return sim_err("bad %s '%s' (use letters, digits, '-', '.' and '_', starting with a "
                       "letter)", key, id);
    return 0;
}

void backend_print_driver(FILE *f, const char *name, const char *desc,
                          const struct opt_desc *options)
{
    fprintf(f, "  %-9s %s\n", name, desc);
    opt_print_table(f, options);
}

int64_t backend_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
