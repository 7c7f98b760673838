/* The firmware's functions by address, from the ELF's symbol table: what the profile and
 * the timeline (--profile, --trace) name the code they saw running.  A function is a
 * symbol of type FUNC, or an assembly label (no type) on bytes the ELF loads; it runs to
 * its size, or to the next one where the symbol has none. */
#ifndef SOC_FUNCTIONS_H
#define SOC_FUNCTIONS_H

#include <stddef.h>
#include <stdint.h>

struct elf_image;

struct code_fn {
    const char *name;
    uint32_t lo, hi; /* [lo, hi) */
};

/* Sorted by lo, one per address; the last entry is "(no symbol)", for the rest. */
struct code_fns {
    struct code_fn *fn;
    size_t n;
};

/* Build the table of img (its names stay img's).  Aborts when out of memory. */
void code_fns_build(struct code_fns *t, const struct elf_image *img);
void code_fns_free(struct code_fns *t);
/* The index of the function holding pc; the "(no symbol)" entry for none. */
int code_fns_at(const struct code_fns *t, uint32_t pc);
/* The index of the function called name; -1 when none. */
int code_fns_named(const struct code_fns *t, const char *name);

#endif
