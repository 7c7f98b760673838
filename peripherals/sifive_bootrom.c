/* FE310-G002 boot path (FE310-G002 manual, 5 "Boot Process"): the read-only memories a
 * HiFive1 Rev B executes between reset and the program in flash.
 *
 *   image=gate   0x1000: the MSEL word (the mode-select pins; hard-wired to 3 on the
 *                FE310-G002 as packaged) and at 0x1004, the reset vector, code that jumps
 *                through a table indexed by MSEL: 0 trap loop, 1 flash 0x20000000,
 *                2 OTP 0x00020000, 3 mask ROM 0x00010000 (manual 5.1, Table 5).
 *   image=mask   0x10000: the mask ROM, which jumps to the OTP (5.1.2).
 *   image=otp    0x20000: the OTP as shipped: a jump to its last words, which hold
 *                "fence 0,0; li t0, 0x20000000; jr t0" (5.1.3); the rest reads 0.
 *   image=flash-boot  (no region of its own) the HiFive1 Rev B's factory bootloader at
 *                the start of the SPI flash, reduced to what a program sees: a jump to
 *                0x20010000, where programs are linked.  Written into the flash at
 *                finalize unless something (an image, the ELF) already occupies it.
 *
 * The instruction sequences are this model's own encodings of the documented behaviour,
 * not the chip's ROM contents; the jumps land where the manual says.  The OTP controller
 * registers (0x10010000) and OTP programming are not modelled. */
#include <stdlib.h>
#include <string.h>

#include "peripherals/sifive_common.h"
#include "sim/error.h"
#include "soc/machine.h"

static const char *const bootrom_images[] = { "gate", "mask", "otp", "flash-boot", NULL };
enum { IMG_GATE, IMG_MASK, IMG_OTP, IMG_FLASH_BOOT };

/* RV32I encodings used below. */
#define RV_AUIPC_T0_0 0x00000297u       /* auipc t0, 0 */
#define RV_LW_T1_M4_T0 0xffc2a303u      /* lw t1, -4(t0) */
#define RV_SLLI_T1_T1_2 0x00231313u     /* slli t1, t1, 2 */
#define RV_ADD_T0_T0_T1 0x006282b3u     /* add t0, t0, t1 */
#define RV_LW_T0_1C_T0 0x01c2a283u      /* lw t0, 0x1c(t0) */
#define RV_JR_T0 0x00028067u            /* jr t0 */
#define RV_J_SELF 0x0000006fu           /* j . */
#define RV_LUI_T0(hi20) (((uint32_t)(hi20) << 12) | 0x2b7u) /* lui t0, hi20 */
#define RV_FENCE_0_0 0x0000000fu        /* fence 0,0 (5.1.3: burnable into a jal) */
#define RV_J_OTP_TAIL 0x7f50106fu       /* j .+0x1ff4 */

#define OTP_TAIL 0x1ff4u                /* offset of the last three OTP words */
#define FLASH_PROGRAM 0x20010000u

struct sifive_bootrom {
    struct device dev;
    int image;
    uint64_t size;
    uint64_t msel;
    uint8_t *mem;
};

static const struct dev_prop bootrom_props[] = {
    { .name = "image", .type = PROP_ENUM, .offset = offsetof(struct sifive_bootrom, image),
      .def = "gate", .help = "which boot memory: gate (MSEL + reset vector), mask, otp, "
      "flash-boot", .choices = bootrom_images },
    DEV_PROP(struct sifive_bootrom, size, PROP_SIZE, "size", "0",
             "region size (0: 4K gate, 8K mask ROM, 8K OTP)"),
    { .name = "msel", .type = PROP_INT, .offset = offsetof(struct sifive_bootrom, msel),
      .def = "3", .help = "mode-select pins read at 0x1000 (3: boot through the mask ROM)",
      .max = 3 },
    { 0 },
};

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* Returns where the code jumps for the MSEL value set. */
static uint32_t fill_gate(struct sifive_bootrom *r)
{
    static const uint32_t code[] = {
        RV_AUIPC_T0_0,   /* 0x1004 */
        RV_LW_T1_M4_T0,  /* t1 = MSEL */
        RV_SLLI_T1_T1_2,
        RV_ADD_T0_T0_T1,
        RV_LW_T0_1C_T0,  /* t0 = table[MSEL], the table at 0x1020 */
        RV_JR_T0,
        RV_J_SELF,       /* 0x101c: MSEL 0 waits here for a debugger */
    };
    uint32_t base = (uint32_t)r->dev.addr;
    put32(r->mem, (uint32_t)r->msel);
    for (size_t i = 0; i < ARRAY_SIZE(code); i++)
        put32(r->mem + 4 + 4 * i, code[i]);
    const uint32_t table[4] = { base + 0x1c, 0x20000000u, 0x00020000u, 0x00010000u };
    for (size_t i = 0; i < 4; i++)
        put32(r->mem + 0x20 + 4 * i, table[i]);
    return table[r->msel];
}

static int bootrom_realize(struct device *d)
{
    struct sifive_bootrom *r = (struct sifive_bootrom *)d;
    if (r->image == IMG_FLASH_BOOT)
        return 0;
    if (!r->size)
        r->size = r->image == IMG_GATE ? 0x1000 : 0x2000;
    if (r->size < 0x2000 && r->image == IMG_OTP)
        return sim_err("%s: an OTP image needs size >= 8K", SIFIVE_DEV_NAME(d));
    if (r->size < 0x40)
        return sim_err("%s: size must be at least 64 bytes", SIFIVE_DEV_NAME(d));
    if (!d->addr_set || !d->bus)
        return sim_err("%s: sifive-bootrom needs addr= on a system bus", SIFIVE_DEV_NAME(d));
    r->mem = calloc(1, r->size);
    if (!r->mem)
        return sim_err("%s: out of memory for %llu bytes", SIFIVE_DEV_NAME(d),
                       (unsigned long long)r->size);
    /* Each image also declares its jumps, so that -kernel can tell where the boot path
     * enters the firmware (machine_boot_path). */
    uint32_t base = (uint32_t)d->addr;
    int rc = 0;
    switch (r->image) {
    case IMG_GATE:
        rc = machine_boot_jump(d->m, d, base + 4, fill_gate(r));
        break;
    case IMG_MASK:
        put32(r->mem, RV_LUI_T0(0x20)); /* t0 = 0x20000, the OTP */
        put32(r->mem + 4, RV_JR_T0);
        rc = machine_boot_jump(d->m, d, base, 0x20000);
        break;
    case IMG_OTP:
        put32(r->mem, RV_J_OTP_TAIL);
        put32(r->mem + OTP_TAIL, RV_FENCE_0_0);
        put32(r->mem + OTP_TAIL + 4, RV_LUI_T0(0x20000)); /* t0 = 0x20000000 */
        put32(r->mem + OTP_TAIL + 8, RV_JR_T0);
        if (machine_boot_jump(d->m, d, base, base + OTP_TAIL) ||
            machine_boot_jump(d->m, d, base + OTP_TAIL, 0x20000000))
            rc = -1;
        break;
    }
    if (rc)
        return sim_err_prefix("%s", SIFIVE_DEV_NAME(d));
    static const char *const names[] = { "gate-rom", "mask-rom", "otp" };
    struct bus_region reg = {
        .base = base,
        .size = (uint32_t)r->size,
        .host = r->mem,
        .readonly = true,
        .executable = true,
        .dev = d,
        .name = names[r->image],
    };
    return bus_map(d->bus, &reg);
}

/* The factory bootloader's jump, written into the flash unless it is already there. */
static void bootrom_finalize(struct device *d)
{
    struct sifive_bootrom *r = (struct sifive_bootrom *)d;
    if (r->image != IMG_FLASH_BOOT || !d->bus)
        return;
    uint32_t at = d->addr_set ? (uint32_t)d->addr : 0x20000000u;
    uint8_t cur[8], stub[8];
    if (bus_debug_read(d->bus, at, cur, sizeof cur) != sizeof cur) {
        sim_warn("%s: no flash at 0x%08x for the bootloader", SIFIVE_DEV_NAME(d), at);
        return;
    }
    static const uint8_t erased[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    static const uint8_t blank[8] = { 0 };
    if (memcmp(cur, erased, 8) && memcmp(cur, blank, 8))
        return; /* the flash holds a program there already */
    put32(stub, RV_LUI_T0(FLASH_PROGRAM >> 12));
    put32(stub + 4, RV_JR_T0);
    bus_load(d->bus, at, stub, sizeof stub);
    if (machine_boot_jump(d->m, d, at, FLASH_PROGRAM))
        sim_warn("%s: %s", SIFIVE_DEV_NAME(d), sim_err_msg());
}

static void bootrom_free(struct device *d)
{
    free(((struct sifive_bootrom *)d)->mem);
}

static const struct dev_type sifive_bootrom_type = {
    .name = "sifive-bootrom",
    .desc = "FE310 boot path: MSEL + reset vector, mask ROM, OTP, flash bootloader jump",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct sifive_bootrom),
    .props = bootrom_props,
    .realize = bootrom_realize,
    .finalize = bootrom_finalize,
    .free = bootrom_free,
};
DEV_TYPE(sifive_bootrom_type)
