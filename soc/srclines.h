/* Source lines by address, from the ELF's DWARF line tables (libdw, where socsim was built
 * with it): what --profile's callgrind file gives per line, so that KCachegrind and
 * callgrind_annotate show a function's cycles on its source.  Without libdw, or for an ELF
 * without debug information, the table is empty and the profile is per address only. */
#ifndef SOC_SRCLINES_H
#define SOC_SRCLINES_H

#include <stddef.h>
#include <stdint.h>

struct src_line {
    uint32_t addr;
    uint32_t line; /* 0: no line (the end of a sequence: addresses past it have none) */
    const char *file;
    size_t seq; /* its place in the tables (the order of rows at one address) */
};

struct src_lines {
    struct src_line *v; /* by address */
    size_t n;
    char **files; /* the file names, each once */
    size_t nfiles;
};

/* Read the line tables of the ELF at path into t (empty when there are none, or socsim
 * has no libdw).  Aborts when out of memory; a table it cannot read is left out. */
void src_lines_load(struct src_lines *t, const char *path);
void src_lines_free(struct src_lines *t);
/* The row that holds pc; NULL when no line does. */
const struct src_line *src_lines_at(const struct src_lines *t, uint32_t pc);

#endif
