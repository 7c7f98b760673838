/* The timing-model registry (model.h): the models declared with RV_MODEL, kept sorted by
 * name, and what -cpu-model help and NAME,help print from it. */
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "soc/cpu/riscv/model.h"
#include "soc/device.h"

#define MAX_MODELS 32

static const struct rv_model *models[MAX_MODELS + 1];
const char *rv_model_names[MAX_MODELS + 1];
static struct dev_propset propsets[MAX_MODELS];
static size_t nmodels;

/* Constructors run before main, so the table is complete before any CPU is made (the
 * CPU's model property is an index into it). */
void rv_model_register(const struct rv_model *m)
{
    if (nmodels == MAX_MODELS || rv_model_find(m->name))
        abort(); /* a build error: two models by one name, or too many */
    size_t i = nmodels++;
    for (; i > 0 && strcmp(models[i - 1]->name, m->name) > 0; i--) {
        models[i] = models[i - 1];
        rv_model_names[i] = rv_model_names[i - 1];
    }
    models[i] = m;
    rv_model_names[i] = m->name;
    /* -global MODEL.PROP=VALUE: the model's properties are a set -global can name */
    struct dev_propset *s = &propsets[nmodels - 1];
    s->name = m->name;
    s->props = m->props;
    s->size = m->size;
    s->help = "-cpu-model %s,help";
    s->none = "no CPU in the machine runs the %s timing model";
    dev_propset_register(s);
}

const struct rv_model *rv_model_find(const char *name)
{
    for (size_t i = 0; i < nmodels; i++)
        if (strcmp(models[i]->name, name) == 0)
            return models[i];
    return NULL;
}

const struct rv_model *const *rv_models(void)
{
    return models;
}

const struct rv_model *rv_model_lookup(const char *name)
{
    const struct rv_model *m = rv_model_find(name);
    if (m)
        return m;
    const char *s = sim_suggest(name, rv_model_names, nmodels);
    if (s) {
        sim_err("unknown timing model '%s' (did you mean '%s'?)", name, s);
    } else {
        char list[256] = "";
        for (size_t i = 0, n = 0; i < nmodels && n < sizeof(list); i++)
            n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "",
                                  rv_model_names[i]);
        sim_err("unknown timing model '%s' (%s)", name, list);
    }
    return NULL;
}

int rv_model_set(const struct rv_model *m, void *state, const char *key, const char *value)
{
    const struct opt_desc *p = m->props ? opt_find(m->props, key) : NULL;
    if (!p) {
        char lead[96], help[96];
        snprintf(lead, sizeof(lead), "timing model '%s' has no property", m->name);
        snprintf(help, sizeof(help), "-cpu-model %s,help", m->name);
        static const struct opt_desc none[] = {{0}};
        return opt_err_unknown(lead, key, m->props ? m->props : none, NULL, help);
    }
    struct opt_owner own = {"property", NULL, NULL};
    return opt_set(&own, state, p, value);
}

int rv_model_parse_spec(const char *spec, struct opts *o, const struct rv_model **m)
{
    if (opts_parse(spec, o))
        return -1;
    if (o->kv[0].value) {
        opts_free(o);
        return sim_err("expected NAME[,PROP=VALUE...]");
    }
    if (!(*m = rv_model_lookup(o->kv[0].key))) {
        opts_free(o);
        return -1;
    }
    /* the values are checked now, on a scratch state, as -global's are */
    void *scratch = (*m)->size ? calloc(1, (*m)->size) : NULL;
    int rc = (*m)->size && !scratch ? sim_err("out of memory") : 0;
    for (size_t i = 1; rc == 0 && i < o->n; i++) {
        struct kv e = o->kv[i];
        if ((*m)->props)
            opt_short_bool((*m)->props, &e); /* a bare KEY of a boolean is KEY=on */
        if (!e.value && (*m)->props && opt_find((*m)->props, e.key))
            rc = sim_err("'%s' is not PROP=VALUE", e.key);
        else
            rc = rv_model_set(*m, scratch, e.key, e.value ? e.value : "");
    }
    if (rc == 0)
        rc = kv_check_unique(o->kv + 1, o->n - 1);
    if (scratch && (*m)->props)
        opt_free_strings((*m)->props, scratch);
    free(scratch);
    if (rc)
        opts_free(o);
    return rc;
}

void rv_model_print_help(FILE *f)
{
    fprintf(f, "Timing models (-cpu-model NAME[,PROP=VALUE...]):\n");
    for (size_t i = 0; i < nmodels; i++)
        fprintf(f, "  %-16s %s\n", models[i]->name, models[i]->desc);
    fprintf(f, "\nUse -cpu-model NAME,help for a model's properties.\n");
}

const struct rv_model_preset *rv_model_preset(const struct rv_model *m, const char *name)
{
    const struct rv_model_preset *p = m->presets;
    while (p && p->name && strcmp(p->name, name) != 0)
        p++;
    if (!p || !p->name) {
        sim_err("timing model '%s' has no preset '%s'", m->name, name);
        return NULL;
    }
    return p;
}

int rv_model_apply_preset(const struct rv_model *m, void *state, const char *name)
{
    const struct rv_model_preset *p = rv_model_preset(m, name);
    if (!p)
        return -1;
    struct opts o = {0};
    if (p->values[0] == '\0')
        return 0;
    if (opts_parse(p->values, &o))
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < o.n; i++)
        rc = rv_model_set(m, state, o.kv[i].key, o.kv[i].value ? o.kv[i].value : "");
    opts_free(&o);
    if (rc)
        sim_err_prefix("preset %s=%s", m->preset_prop, name);
    return rc;
}

void rv_model_print_table(FILE *f, const struct rv_model *m)
{
    if (m->props && m->props[0].name)
        opt_print_table(f, m->props);
    else
        fprintf(f, "    (none)\n");
    if (!m->presets)
        return;
    fprintf(f, "  presets (%s=NAME; properties given beside it override its values):\n",
            m->preset_prop);
    for (const struct rv_model_preset *p = m->presets; p->name; p++) {
        const char *cpu = p->cpu_values ? p->cpu_values : "";
        fprintf(f, "    %-18s %s%s%s%s%s\n", p->name, p->help, p->values[0] || *cpu ? ": " : "",
                p->values, p->values[0] && *cpu ? "," : "", cpu);
    }
}

int rv_model_print_props(FILE *f, const char *name)
{
    const struct rv_model *m = rv_model_find(name);
    if (!m) {
        const char *s = sim_suggest(name, rv_model_names, nmodels);
        if (s)
            return sim_err("-cpu-model %s,help: unknown timing model '%s' (did you mean '%s'?)",
                           name, name, s);
        return sim_err("-cpu-model %s,help: unknown timing model '%s' (see -cpu-model help)",
                       name, name);
    }
    fprintf(f, "%s: %s\n", m->name, m->desc);
    fprintf(f, "  properties:\n");
    rv_model_print_table(f, m);
    return 0;
}
