/* Fuzz harness: the ELF loader (soc/elf.c, -kernel).  The input is the file.  It is loaded
 * onto a bus with 64 KiB of RAM at 0 and 1 MiB at 0x80000000 (where virt32 and the tests'
 * firmware put theirs); a file that loads must have put each segment's bytes on the bus,
 * and its symbol table must answer lookups.  A bad file is a clear error, never a crash, a
 * leak, undefined behaviour or an allocation its contents alone ask for. */
#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/opts.h"
#include "soc/bus.h"
#include "soc/device.h"
#include "soc/elf.h"
#include "soc/machine.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct machine m;

static void ram(const char *addr, const char *size)
{
    struct kv kv[] = {{"addr", addr}, {"size", size}};
    if (!dev_create(&m, "ram", kv, 2, "fuzz"))
        fuzz_fail("cannot make the RAM at %s", addr);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    machine_init(&m);
    ram("0", "64K");
    ram("0x80000000", "1M");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    const char *path = fuzz_file("fw.elf", data, size);
    struct elf_image img;
    if (elf_load(&img, path, m.sysbus) == 0) {
        uint32_t a;
        elf_symbol(&img, "tohost", &a);
        elf_loads(&img, img.entry);
        elf_symbol_at(&img, img.entry);
        for (size_t i = 0; i < img.nsyms; i++)
            if (elf_symbol_at(&img, img.syms[i].value) == NULL &&
                (img.syms[i].type == STT_FUNC || img.syms[i].type == STT_OBJECT))
                fuzz_fail("symbol %s at 0x%08x is not found at its own address", img.syms[i].name,
                          img.syms[i].value);
        for (size_t i = 0; i < img.nsegs; i++)
            if (img.segs[i].filesz && !elf_loads(&img, img.segs[i].addr))
                fuzz_fail("segment %zu at 0x%08x: elf_loads says no", i, img.segs[i].addr);
    }
    elf_free(&img);
    return 0;
}
