/* The timing-model registry.
 *
 * A timing model is a declaration, as a device type is: its name, a line of description,
 * its properties, the size of its per-CPU state, and its hooks.  It lives in two files of
 * its own: timing_<name>.h (its state struct and the per-instruction hooks that
 * run_template.h inlines, timing.h) and run_<name>.c (the run loop built with them, the
 * property table and the RV_MODEL declaration).  Nothing else lists the models: the CPU's
 * model property, -cpu-model and its help, -global MODEL.PROP=VALUE, -device CPU,help and
 * --info-tree read the registry (docs/timing-models.md, "Adding a timing model").
 *
 * A model's properties belong to the model, not to a CPU type: every CPU that runs the
 * model has them, on any board.  Their values live in the model's state (the table's
 * offsets are into it), allocated per CPU (c->tm) with the model's defaults, then the
 * board's values for them (when the board's model is the one that runs), -global
 * MODEL.PROP=VALUE, and -cpu-model MODEL,PROP=VALUE, in that order. */
#ifndef SOC_CPU_RISCV_MODEL_H
#define SOC_CPU_RISCV_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/opts.h"

struct rv_cpu;
struct rv_insn;
struct jit_timing;

/* A counter of the model's own that --stats prints after the stall counters: a uint64_t
 * in its state. */
struct rv_model_stat {
    const char *name;
    size_t offset;
};

/* A range of a model's state that a checkpoint leaves out (a pointer, a cache of what the
 * rest determines): RV_MODEL_DERIVED(struct rv_ibex, memo). */
struct rv_model_derived {
    size_t offset, size;
};
#define RV_MODEL_DERIVED(type, field) {offsetof(type, field), sizeof(((type *)0)->field)}

struct rv_model {
    const char *name;
    const char *desc;
    /* Its properties (sim/opts.h tables: value syntax and help as devices'), whose offsets
     * are into its state; NULL for none. */
    const struct opt_desc *props;
    /* Its per-CPU state (c->tm, zeroed, then the properties' values): properties, pipeline
     * state, anything kept across resets.  0 for none (c->tm is NULL). */
    size_t size;
    /* The properties are set: check them and prepare the state (a message naming the CPU
     * and the property, -1; else 0).  Optional. */
    int (*realize)(struct rv_cpu *c);
    /* The CPU goes away: free what realize or the run allocated (not c->tm).  Optional. */
    void (*free)(struct rv_cpu *c);
    /* The pipeline state after a reset (c->pc is the first instruction).  Optional. */
    void (*reset)(struct rv_cpu *c);
    /* The pc was moved from outside the pipeline (a debugger, a scenario).  Optional. */
    void (*set_pc)(struct rv_cpu *c);
    /* An instruction was decoded into the decode cache: set its RV_F_MODEL bits of fetch
     * (cpu.h), if the model keeps any.  Optional. */
    void (*decoded)(const struct rv_cpu *c, struct rv_insn *d);
    /* The run loop (run_template.h built with the model's hooks): runs until c->cycle
     * reaches c->cycle_limit, a stop, or wfi. */
    void (*run)(struct rv_cpu *c);
    /* The same with translated blocks (jit.c), where this configuration can have them
     * (translatable NULL, or true); NULL: the model always interprets. */
    void (*run_translated)(struct rv_cpu *c);
    bool (*translatable)(const struct rv_cpu *c);
    /* The run loop built once more with RV_OBSERVED (run_template.h): it tells the
     * observers (profile, trace, commit log: soc/cpu.h) of every instruction, and runs
     * while one listens.  NULL: the model cannot be observed (those outputs refuse it). */
    void (*run_observed)(struct rv_cpu *c);
    /* What the translator needs of a model whose blocks replay its timing (jit.h); NULL:
     * the blocks count one cycle per instruction. */
    const struct jit_timing *jit;
    /* Its run loop reports every instruction's stages to c->pipe while it is set
     * (--pipeline, pipe.h). */
    bool pipeline;
    /* It has no pipeline, and takes one cycle per instruction (the functional model):
     * while c->pipe is set the CPU runs run_observed, which reports each instruction as
     * one stage, EX, of the cycle it took (observe.c). */
    bool pipeline_one_cycle;
    /* Its own counters for --stats; NULL, or ended by a NULL name. */
    const struct rv_model_stat *stats;
    /* Checkpoints save the state whole (soc/checkpoint.h), but for these ranges of it,
     * which a restore leaves as they are; NULL, or ended by a size of 0.  A new field of
     * the state is saved without a word. */
    const struct rv_model_derived *derived;
    /* A checkpoint was restored into the state: bring the derived ranges in line (a cache
     * of answers that no longer apply).  Optional. */
    void (*restored)(struct rv_cpu *c);
    /* State the model keeps outside its struct (a cache that realize allocated), plain
     * bytes that a checkpoint saves and restores with the rest: where, and *n its size.
     * NULL, or NULL returned: none. */
    void *(*extra_state)(struct rv_cpu *c, size_t *n);
    /* Named sets of property values (a configuration of the core), chosen by the enum
     * property `preset_prop`, whose choices are the presets' names in this order (the
     * first, "none", chooses none); ended by a NULL name.  A preset's values are set
     * before any other: the properties given beside it override them, in any order.  Its
     * cpu_values are the CPU's own properties (-device CPU,help: pmp-regions), set in place
     * of their defaults unless the board or -global gave them (dev_set_prop_default).
     * NULL: none. */
    const struct rv_model_preset *presets;
    const char *preset_prop;
};

struct rv_model_preset {
    const char *name;
    const char *values; /* "PROP=VALUE,PROP=VALUE..." */
    const char *help;
    const char *cpu_values; /* the CPU's properties, the same way; NULL: none */
};

/* The value of one of a model's own counters, in its state. */
static inline uint64_t rv_model_stat(const void *state, const struct rv_model_stat *s)
{
    return *(const uint64_t *)((const char *)state + s->offset);
}

void rv_model_register(const struct rv_model *m);
/* Declares a timing model: `RV_MODEL(toy_model)` after `static const struct rv_model
 * toy_model = {...}`. */
#define RV_MODEL(m)                                                                            \
    static void __attribute__((constructor)) m##_register(void) { rv_model_register(&m); }

/* The model named `name`, NULL if none is registered by that name. */
const struct rv_model *rv_model_find(const char *name);
/* Every model, sorted by name, NULL-terminated; and their names, in the same order (the
 * choices of the CPU's model property, an index into both). */
const struct rv_model *const *rv_models(void);
extern const char *rv_model_names[];

/* rv_model_find, or NULL with sim_err set: "unknown timing model 'x' (did you mean 'y'?)",
 * else the list of models. */
const struct rv_model *rv_model_lookup(const char *name);
/* Set property `key` of model m in its state from text: 0, or -1 with sim_err set
 * ("timing model 'ibex' has no property 'x' (...)", "property 'rv32m': ..."). */
int rv_model_set(const struct rv_model *m, void *state, const char *key, const char *value);
/* -cpu-model NAME[,PROP=VALUE...]: the model, and the spec split into o (o->kv[0] the name,
 * then the properties; opts_free it), each property one of the model's with a value that
 * parses.  0, or -1 with sim_err set (unprefixed) and nothing to free. */
int rv_model_parse_spec(const char *spec, struct opts *o, const struct rv_model **m);

/* -cpu-model help: the models, one a line. */
void rv_model_print_help(FILE *f);
/* -cpu-model NAME,help: the model's properties; -1 with sim_err set when there is none by
 * that name. */
int rv_model_print_props(FILE *f, const char *name);
/* Model m's preset `name`, NULL with sim_err set when it has none by that name. */
const struct rv_model_preset *rv_model_preset(const struct rv_model *m, const char *name);
/* Set the values of model m's preset `name` (one of presets[]) in its state: 0, or -1 with
 * sim_err set.  (Its cpu_values are the CPU's to set: cpu.c.) */
int rv_model_apply_preset(const struct rv_model *m, void *state, const char *name);
/* The properties of a model, as -device CPU,help shows them under the CPU's own, and its
 * presets. */
void rv_model_print_table(FILE *f, const struct rv_model *m);

#endif
