/* ELF loading through libelf. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "sim/error.h"
#include "sim/sim.h"
#include "soc/bus.h"
#include "soc/elf.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

static int cmp_sym(const void *a, const void *b)
{
    const struct elf_symbol *x = a, *y = b;
    return x->value < y->value ? -1 : x->value > y->value;
}

static int read_symbols(struct elf_image *img, Elf *e)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(e, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
            continue;
        Elf_Data *data = elf_getdata(scn, NULL);
        if (!data)
            return sim_err("%s: unreadable symbol table (truncated file?)", img->path);
        size_t n = sh.sh_size / sh.sh_entsize;
        img->syms = calloc(n ? n : 1, sizeof(*img->syms));
        if (!img->syms)
            abort();
        for (size_t i = 0; i < n; i++) {
            GElf_Sym s;
            if (!gelf_getsym(data, (int)i, &s))
                continue;
            const char *name = elf_strptr(e, sh.sh_link, s.st_name);
            if (!name || !*name || GELF_ST_TYPE(s.st_info) == STT_SECTION ||
                GELF_ST_TYPE(s.st_info) == STT_FILE)
                continue;
            struct elf_symbol *o = &img->syms[img->nsyms++];
            o->name = strdup(name);
            o->value = (uint32_t)s.st_value;
            o->size = (uint32_t)s.st_size;
            o->type = GELF_ST_TYPE(s.st_info);
        }
        sort_array(img->syms, img->nsyms, sizeof(*img->syms), cmp_sym);
        break;
    }
    return 0;
}

/* The segment's file bytes, then its bss zeros, onto the bus a chunk at a time: the memory
 * used is bounded whatever size the header claims (a 4 GiB p_memsz in a 4 KiB file).
 * *done: the bytes the bus took, short at the first that is not memory.  -1 on a read
 * error. */
static int load_segment(struct bus *bus, int fd, const GElf_Phdr *ph, uint64_t *done)
{
    static const uint8_t zeros[64 * 1024];
    uint8_t buf[sizeof(zeros)];
    for (*done = 0; *done < ph->p_memsz;) {
        uint64_t left = ph->p_memsz - *done;
        uint32_t n = left < sizeof(buf) ? (uint32_t)left : (uint32_t)sizeof(buf);
        const uint8_t *src = zeros;
        if (*done < ph->p_filesz) {
            uint64_t file_left = ph->p_filesz - *done;
            n = file_left < n ? (uint32_t)file_left : n;
            if (pread(fd, buf, n, (off_t)(ph->p_offset + *done)) != (ssize_t)n)
                return -1;
            src = buf;
        }
        uint32_t k = bus_load(bus, (uint32_t)(ph->p_paddr + *done), src, n);
        *done += k;
        if (k != n)
            break;
    }
    return 0;
}

static bool overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return alen && blen && a < b + blen && b < a + alen;
}

static int load_segments(struct elf_image *img, Elf *e, int fd, off_t file_size, struct bus *bus)
{
    size_t nph;
    if (elf_getphdrnum(e, &nph))
        return sim_err("%s: unreadable program headers (truncated file?)", img->path);
    int loaded = 0;
    img->segs = calloc(nph ? nph : 1, sizeof(*img->segs));
    if (!img->segs)
        return sim_err("%s: out of memory", img->path);
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph))
            return sim_err("%s: unreadable program header %zu (truncated file?)", img->path, i);
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        if (ph.p_filesz > ph.p_memsz)
            return sim_err("%s: segment %zu: file size 0x%llx exceeds memory size 0x%llx",
                           img->path, i, (unsigned long long)ph.p_filesz,
                           (unsigned long long)ph.p_memsz);
        if (ph.p_offset + ph.p_filesz > (uint64_t)file_size)
            return sim_err("%s: segment %zu: data at file offset 0x%llx+0x%llx lies past the end "
                           "of the file (truncated file)", img->path, i,
                           (unsigned long long)ph.p_offset, (unsigned long long)ph.p_filesz);
        uint64_t end = ph.p_paddr + ph.p_memsz;
        if (end > 0x100000000ULL)
            return sim_err("%s: segment %zu at 0x%llx runs past the 32-bit address space",
                           img->path, i, (unsigned long long)ph.p_paddr);
        /* Where bytes from a segment's file part fall in another segment, the later
         * would overwrite the earlier: a wrong load address in a linker script.  Zero
         * fill over zero fill is harmless, and common: a .bss or .stack kept in RAM gets
         * the load address after .data's, in flash, for each such segment alike. */
        for (size_t k = 0; k < img->nsegs; k++) {
            const struct elf_segment *o = &img->segs[k];
            if (overlap(ph.p_paddr, ph.p_filesz, o->addr, o->memsz) ||
                overlap(ph.p_paddr, ph.p_memsz, o->addr, o->filesz))
                return sim_err("%s: segments %u [0x%08x-0x%08x] and %zu [0x%08llx-0x%08llx] "
                               "overlap (a segment's load address is wrong)",
                               img->path, o->index, o->addr, o->addr + o->memsz - 1, i,
                               (unsigned long long)ph.p_paddr, (unsigned long long)(end - 1));
        }
        uint64_t done;
        if (load_segment(bus, fd, &ph, &done) < 0)
            return sim_err("%s: segment %zu: read error", img->path, i);
        if (done != ph.p_memsz)
            return sim_err("%s: segment %zu [0x%08llx-0x%08llx] lies outside every memory region "
                           "(first unmapped byte 0x%08llx)", img->path, i,
                           (unsigned long long)ph.p_paddr, (unsigned long long)(end - 1),
                           (unsigned long long)(ph.p_paddr + done));
        img->segs[img->nsegs++] = (struct elf_segment){(uint32_t)ph.p_paddr, (uint32_t)ph.p_filesz,
                                                       (uint32_t)ph.p_memsz, (unsigned)i};
        loaded++;
    }
    if (!loaded)
        return sim_err("%s: no loadable segment", img->path);
    return 0;
}

/* CRC-32 of the file's bytes (zlib's), read again after libelf is done with it. */
static uint32_t file_crc(int fd, off_t size)
{
    uLong crc = crc32(0, NULL, 0);
    unsigned char buf[65536];
    for (off_t off = 0; off < size;) {
        ssize_t n = pread(fd, buf, sizeof(buf), off);
        if (n <= 0)
            break;
        crc = crc32(crc, buf, (uInt)n);
        off += n;
    }
    return (uint32_t)crc;
}

int elf_load(struct elf_image *img, const char *path, struct bus *bus)
{
    memset(img, 0, sizeof(*img));
    img->path = strdup(path);
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return sim_err("%s: %s", path, strerror(errno));
    struct stat st;
    unsigned char ident[EI_NIDENT];
    int rc = -1;
    Elf *e = NULL;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        sim_err("%s: not a regular file%s", path, S_ISFIFO(st.st_mode) ? " (a FIFO)" : "");
        goto out;
    }
    if (pread(fd, ident, sizeof(ident), 0) != (ssize_t)sizeof(ident) ||
        memcmp(ident, ELFMAG, SELFMAG) != 0) {
        sim_err("%s: not an ELF file", path);
        goto out;
    }
    if (ident[EI_CLASS] != ELFCLASS32) {
        sim_err("%s: ELF class is %s, expected ELF32 (RV32 firmware)", path,
                ident[EI_CLASS] == ELFCLASS64 ? "ELF64" : "invalid");
        goto out;
    }
    if (ident[EI_DATA] != ELFDATA2LSB) {
        sim_err("%s: not a little-endian ELF", path);
        goto out;
    }
    elf_version(EV_CURRENT);
    e = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
        sim_err("%s: unreadable ELF header (truncated file?)", path);
        goto out;
    }
    if (eh.e_machine != EM_RISCV) {
        sim_err("%s: ELF machine is %u, expected RISC-V (%u)", path, eh.e_machine, EM_RISCV);
        goto out;
    }
    if (eh.e_type != ET_EXEC) {
        sim_err("%s: not an executable ELF (type %u)", path, eh.e_type);
        goto out;
    }
    if (eh.e_phoff + (uint64_t)eh.e_phnum * eh.e_phentsize > (uint64_t)st.st_size) {
        sim_err("%s: program headers lie past the end of the file (truncated file)", path);
        goto out;
    }
    img->entry = (uint32_t)eh.e_entry;
    if (load_segments(img, e, fd, st.st_size, bus) || read_symbols(img, e))
        goto out;
    img->file_size = (uint64_t)st.st_size;
    img->file_crc = file_crc(fd, st.st_size);
    rc = 0;
out:
    if (e)
        elf_end(e);
    close(fd);
    return rc;
}

void elf_free(struct elf_image *img)
{
    for (size_t i = 0; i < img->nsyms; i++)
        free(img->syms[i].name);
    free(img->syms);
    free(img->segs);
    free(img->path);
    memset(img, 0, sizeof(*img));
}

int elf_symbol(const struct elf_image *img, const char *name, uint32_t *addr)
{
    for (size_t i = 0; i < img->nsyms; i++)
        if (strcmp(img->syms[i].name, name) == 0)
            return *addr = img->syms[i].value, 0;
    return -1;
}

bool elf_loads(const struct elf_image *img, uint32_t addr)
{
    for (size_t i = 0; i < img->nsegs; i++)
        if (addr - img->segs[i].addr < img->segs[i].filesz)
            return true;
    return false;
}

const struct elf_symbol *elf_symbol_at(const struct elf_image *img, uint32_t addr)
{
    size_t i = UPPER_BOUND_U32(img->syms, img->nsyms, struct elf_symbol, value, addr);
    const struct elf_symbol *best = i ? &img->syms[i - 1] : NULL;
    /* Walk back to a function or object that covers addr. */
    while (best && best >= img->syms) {
        if ((best->type == STT_FUNC || best->type == STT_OBJECT) &&
            (addr - best->value < best->size || best->size == 0))
            return best;
        if (best == img->syms)
            break;
        best--;
    }
    return NULL;
}
