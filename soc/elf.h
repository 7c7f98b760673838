/* ELF loading through libelf: PT_LOAD segments at their physical addresses, bss zeroed,
 * the entry point, and the symbol table kept for gdb, profiles and HTIF. */
#ifndef SOC_ELF_H
#define SOC_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bus;

struct elf_symbol {
    char *name;
    uint32_t value;
    uint32_t size;
    unsigned char type; /* STT_FUNC, STT_OBJECT, ... */
};

/* A loaded segment: filesz bytes from the file, then memsz - filesz of bss. */
struct elf_segment {
    uint32_t addr, filesz, memsz;
    unsigned index; /* its program header's */
};

struct elf_image {
    char *path;
    uint32_t entry;
    struct elf_segment *segs;
    size_t nsegs;
    struct elf_symbol *syms; /* sorted by value */
    size_t nsyms;
};

/* Load `path` into the bus.  Returns 0, or -1 with sim_err naming the file and fault. */
int elf_load(struct elf_image *img, const char *path, struct bus *bus);
void elf_free(struct elf_image *img);
/* Address of a symbol by name; returns 0 and sets *addr when found, -1 otherwise. */
int elf_symbol(const struct elf_image *img, const char *name, uint32_t *addr);
/* True when the ELF put bytes of its file at addr (not bss). */
bool elf_loads(const struct elf_image *img, uint32_t addr);
/* The symbol containing addr (function or object), NULL if none. */
const struct elf_symbol *elf_symbol_at(const struct elf_image *img, uint32_t addr);

#endif
