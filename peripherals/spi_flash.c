/* spi-flash: a serial NOR flash on an SPI bus, after the ISSI IS25LP128 of the HiFive1 Rev B
 * (JEDEC ID 9D 60 18, 16 MiB, 256-byte pages, 4 KiB sectors, 32/64 KiB blocks).
 *
 * Reference: ISSI IS25LP128 data sheet: instruction set table, status register (WIP, WEL,
 * BP0-BP3, QE, SRWD), block protection table (BP bits protect the top of the array, TBS = 0),
 * program/erase timing (AC characteristics: typical tPP 0.2 ms, tSE 70 ms).
 *
 * The contents live in host memory, read from the drive at creation and written back to it
 * range by range as the guest programs or erases, so the memory-mapped (XIP) window of the
 * controller and a firmware loader reach the same bytes.  Loading an ELF into the window
 * changes only the memory, never the image file.  Programs and erases change the contents
 * when the command is accepted; WIP reads as set until the operation's time has elapsed, and
 * every command but READ STATUS is ignored until then.  A read-only drive shows as a fully
 * protected part: BP3..BP0 read as 1111, and writes of the status register, programs and
 * erases are ignored. */
#include <stdlib.h>
#include <string.h>

#include "peripherals/sifive_spi.h"
#include "sim/backends/blockdev.h"
#include "sim/error.h"
#include "sim/sim.h"
#include "soc/device.h"
#include "soc/machine.h"

#define PAGE_SIZE 256u
#define SECTOR_SIZE 4096u
#define BLOCK32_SIZE 32768u
#define BLOCK64_SIZE 65536u

/* Status register (data sheet "Status Register" table). */
#define SR_WIP 0x01u
#define SR_WEL 0x02u
#define SR_BP_SHIFT 2
#define SR_BP_MASK 0x3cu
#define SR_QE 0x40u
#define SR_SRWD 0x80u

enum {
    CMD_WRSR = 0x01,
    CMD_PP = 0x02,
    CMD_READ = 0x03,
    CMD_WRDI = 0x04,
    CMD_RDSR = 0x05,
    CMD_WREN = 0x06,
    CMD_FAST_READ = 0x0b,
    CMD_SER = 0x20,       /* 4 KiB sector erase */
    CMD_DUAL_READ = 0x3b, /* fast read, dual output: same bytes at byte level */
    CMD_BER32 = 0x52,
    CMD_CER = 0x60,
    CMD_RSTEN = 0x66,
    CMD_QUAD_READ = 0x6b, /* fast read, quad output */
    CMD_RDMDID = 0x90,
    CMD_RST = 0x99,
    CMD_RDID = 0x9f,
    CMD_RDPD = 0xab,      /* release from power-down / read device ID */
    CMD_DP = 0xb9,        /* deep power-down: accepted, not modelled */
    CMD_CER2 = 0xc7,
    CMD_BER64 = 0xd8,
};

struct spi_flash {
    struct device dev;

    /* Properties */
    uint64_t size;
    struct blockdev *drive;
    uint64_t jedec_id, device_id;
    sim_time_t t_pp, t_se, t_be32, t_be64, t_ce, t_w;

    uint8_t *mem;
    bool ro;
    bool xip;
    uint32_t xip_base;
    bool warned;

    uint8_t sr;          /* BP, QE, SRWD and WEL; WIP is derived from busy_until */
    sim_time_t busy_until;
    bool busy;

    /* The command in progress under chip select */
    bool selected;
    uint8_t cmd;
    uint32_t nbytes;     /* bytes received under this chip select, command included */
    uint32_t addr;
    uint8_t arg;         /* WRSR: the status byte */
    uint8_t page[PAGE_SIZE];
    uint32_t npage;      /* data bytes received by PP */
    bool rst_en;         /* the previous command was RESET ENABLE */
};

static sim_time_t flash_now(struct spi_flash *f) { return sim_now(&f->dev.m->sim); }

/* Retire a program or erase whose time has elapsed: WIP and WEL clear together. */
static void flash_sync(struct spi_flash *f)
{
    if (f->busy && flash_now(f) >= f->busy_until) {
        f->busy = false;
        f->sr &= (uint8_t)~SR_WEL;
    }
}

static uint8_t flash_status(struct spi_flash *f)
{
    flash_sync(f);
    uint8_t sr = f->sr;
    if (f->ro)
        sr |= SR_BP_MASK;
    return (uint8_t)(sr | (f->busy ? SR_WIP : 0));
}

/* Is any byte of [addr, addr + n) protected by BP3..BP0?  BP = 1..8 protects the top
 * 2^(BP-1) 64 KiB blocks, BP >= 9 the whole array (TBS = 0: protection from the top). */
static bool flash_protected(struct spi_flash *f, uint32_t addr, uint32_t n)
{
    unsigned bp = (flash_status(f) & SR_BP_MASK) >> SR_BP_SHIFT;
    if (bp == 0)
        return false;
    uint64_t prot = bp >= 9 ? f->size : (uint64_t)BLOCK64_SIZE << (bp - 1);
    if (prot > f->size)
        prot = f->size;
    return (uint64_t)addr + n > f->size - prot;
}

static void flash_writeback(struct spi_flash *f, uint32_t off, uint32_t n)
{
    if (f->xip) /* the CPUs may have decoded those bytes through the XIP window */
        bus_written(f->dev.m->sysbus, f->xip_base + off, n);
    if (!f->drive)
        return;
    if (blockdev_write(f->drive, off, f->mem + off, n) < 0 && !f->warned) {
        sim_warn("%s: writing drive '%s' failed: %s", dev_label(&f->dev),
                 f->drive->node_name, sim_err_msg());
        f->warned = true;
    }
}

static void flash_start_busy(struct spi_flash *f, sim_time_t t)
{
    f->busy = true;
    f->busy_until = flash_now(f) + t;
}

static void flash_erase(struct spi_flash *f, uint32_t addr, uint32_t unit, sim_time_t t)
{
    addr &= ~(unit - 1);
    if (flash_protected(f, addr, unit))
        return;
    memset(f->mem + addr, 0xff, unit);
    flash_writeback(f, addr, unit);
    flash_start_busy(f, t);
}

/* A command that acts when chip select goes high, after a whole number of bytes. */
static void flash_execute(struct spi_flash *f)
{
    bool wel = (f->sr & SR_WEL) != 0;
    uint8_t cmd = f->cmd;

    if (cmd != CMD_RSTEN)
        f->rst_en = false;
    switch (cmd) {
    case CMD_WREN:
        if (f->nbytes == 1)
            f->sr |= SR_WEL;
        break;
    case CMD_WRDI:
        if (f->nbytes == 1)
            f->sr &= (uint8_t)~SR_WEL;
        break;
    case CMD_RSTEN:
        f->rst_en = f->nbytes == 1;
        break;
    case CMD_RST:
        if (f->rst_en && f->nbytes == 1)
            f->sr &= (uint8_t)~SR_WEL;
        f->rst_en = false;
        break;
    case CMD_WRSR:
        if (f->nbytes != 2 || !wel || f->ro)
            break;
        f->sr = (uint8_t)((f->arg & (SR_BP_MASK | SR_QE | SR_SRWD)) | SR_WEL);
        flash_start_busy(f, f->t_w);
        break;
    case CMD_PP:
        if (f->nbytes < 5 || !wel || f->ro)
            break;
        {
            uint32_t page = f->addr & ~(PAGE_SIZE - 1);
            if (flash_protected(f, page, PAGE_SIZE))
                break;
            /* Programming only clears bits. */
            for (uint32_t i = 0; i < PAGE_SIZE; i++)
                f->mem[page + i] &= f->page[i];
            flash_writeback(f, page, PAGE_SIZE);
            flash_start_busy(f, f->t_pp);
        }
        break;
    case CMD_SER:
        if (f->nbytes == 4 && wel && !f->ro)
            flash_erase(f, f->addr, SECTOR_SIZE, f->t_se);
        break;
    case CMD_BER32:
        if (f->nbytes == 4 && wel && !f->ro)
            flash_erase(f, f->addr, BLOCK32_SIZE, f->t_be32);
        break;
    case CMD_BER64:
        if (f->nbytes == 4 && wel && !f->ro)
            flash_erase(f, f->addr, BLOCK64_SIZE, f->t_be64);
        break;
    case CMD_CER:
    case CMD_CER2:
        /* Chip erase is refused while any block is protected. */
        if (f->nbytes == 1 && wel && !f->ro && !(flash_status(f) & SR_BP_MASK))
            flash_erase(f, 0, (uint32_t)f->size, f->t_ce);
        break;
    default:
        break;
    }
}

static void flash_select(struct device *d, bool sel)
{
    struct spi_flash *f = (struct spi_flash *)d;
    if (sel) {
        f->selected = true;
        f->nbytes = 0;
        f->npage = 0;
        return;
    }
    if (f->selected && f->nbytes) {
        flash_sync(f);
        if (!f->busy)
            flash_execute(f);
    }
    f->selected = false;
}

static uint8_t flash_transfer(struct device *d, uint8_t mosi)
{
    struct spi_flash *f = (struct spi_flash *)d;
    uint32_t i = f->nbytes++;
    uint8_t out = 0xff;

    if (!f->selected)
        return 0xff;
    if (i == 0) {
        f->cmd = mosi;
        f->addr = 0;
        flash_sync(f);
        return 0xff;
    }
    /* While a program or erase runs only READ STATUS is answered. */
    if (f->busy && f->cmd != CMD_RDSR) {
        flash_sync(f);
        if (f->busy)
            return 0xff;
    }
    switch (f->cmd) {
    case CMD_RDSR:
        return flash_status(f);
    case CMD_RDID:
        if (i <= 3)
            out = (uint8_t)(f->jedec_id >> (8 * (3 - i)));
        return out;
    case CMD_RDPD:
        return i >= 4 ? (uint8_t)f->device_id : 0xff;
    case CMD_RDMDID:
        if (i <= 3) {
            f->addr = f->addr << 8 | mosi;
            return 0xff;
        }
        /* Address bit 0 picks which of manufacturer and device ID comes first. */
        return ((i - 4) + (f->addr & 1)) % 2 == 0 ? (uint8_t)(f->jedec_id >> 16)
                                                   : (uint8_t)f->device_id;
    case CMD_WRSR:
        if (i == 1)
            f->arg = mosi;
        return 0xff;
    case CMD_READ:
    case CMD_FAST_READ:
    case CMD_DUAL_READ:
    case CMD_QUAD_READ: {
        uint32_t data_at = f->cmd == CMD_READ ? 4 : 5; /* fast reads: 8 dummy clocks */
        if (i <= 3) {
            f->addr = (f->addr << 8 | mosi);
            if (i == 3)
                f->addr %= (uint32_t)f->size;
            return 0xff;
        }
        if (i < data_at)
            return 0xff;
        out = f->mem[f->addr];
        f->addr = (f->addr + 1) % (uint32_t)f->size; /* reads run on through the whole array */
        return out;
    }
    case CMD_PP:
        if (i <= 3) {
            f->addr = (f->addr << 8 | mosi);
            if (i == 3) {
                f->addr %= (uint32_t)f->size;
                memset(f->page, 0xff, sizeof f->page);
            }
            return 0xff;
        }
        /* Data wraps within the page; bytes past 256 replace the earliest ones. */
        f->page[(f->addr + f->npage) % PAGE_SIZE] = mosi;
        f->npage++;
        return 0xff;
    case CMD_SER:
    case CMD_BER32:
    case CMD_BER64:
        if (i <= 3) {
            f->addr = (f->addr << 8 | mosi);
            if (i == 3)
                f->addr %= (uint32_t)f->size;
        }
        return 0xff;
    default:
        return 0xff;
    }
}

static void flash_reset(struct device *d)
{
    struct spi_flash *f = (struct spi_flash *)d;
    f->sr &= (uint8_t)~SR_WEL;
    f->selected = false;
    f->nbytes = 0;
    f->rst_en = false;
}

static int flash_realize(struct device *d)
{
    struct spi_flash *f = (struct spi_flash *)d;

    if (f->size < BLOCK64_SIZE || f->size > (16u << 20) || f->size % BLOCK64_SIZE)
        return sim_err("%s: size %llu must be a multiple of 64K from 64K to 16M "
                       "(3-byte addresses)", dev_label(d), (unsigned long long)f->size);
    if (f->jedec_id > 0xffffff)
        return sim_err("%s: jedec-id 0x%llx is more than 3 bytes", dev_label(d),
                       (unsigned long long)f->jedec_id);
    f->mem = malloc(f->size);
    if (!f->mem)
        return sim_err("%s: out of memory for %llu bytes", dev_label(d),
                       (unsigned long long)f->size);
    memset(f->mem, 0xff, f->size); /* an erased part */
    if (f->drive) {
        if (dev_drive_load(d, f->drive, f->mem, f->size, "flash") < 0)
            return -1;
        f->ro = f->drive->read_only;
    }
    if (d->bus && d->bus->owner) {
        int r = sifive_spi_map_flash(d->bus->owner, d, (unsigned)d->addr, f->mem, f->size,
                                     &f->xip_base);
        if (r < 0)
            return -1;
        f->xip = r > 0;
    }
    flash_reset(d);
    return 0;
}

static void flash_free(struct device *d)
{
    struct spi_flash *f = (struct spi_flash *)d;
    free(f->mem);
    f->mem = NULL;
}

static void flash_info(struct device *d, FILE *f_, int indent)
{
    struct spi_flash *f = (struct spi_flash *)d;
    fprintf(f_, "%*s%llu bytes, JEDEC ID %06llx, status 0x%02x", indent, "",
            (unsigned long long)f->size, (unsigned long long)f->jedec_id, flash_status(f));
    dev_print_drive(f_, f->drive, f->ro);
}

#define P(field, type, name, def, help) DEV_PROP(struct spi_flash, field, type, name, def, help)
static const struct dev_prop spi_flash_props[] = {
    P(size, PROP_SIZE, "size", "16M", "capacity (IS25LP128: 16M)"),
    P(drive, PROP_BLOCKDEV, "drive", NULL,
      "block device holding the contents (none: erased, in memory only)"),
    P(jedec_id, PROP_INT, "jedec-id", "0x9d6018", "manufacturer, type, capacity (0x9F)"),
    P(device_id, PROP_INT, "device-id", "0x17", "device ID (0xAB, 0x90)"),
    P(t_pp, PROP_TIME, "page-program-time", "200us", "page program time (tPP)"),
    P(t_se, PROP_TIME, "sector-erase-time", "70ms", "4 KiB sector erase time (tSE)"),
    P(t_be32, PROP_TIME, "block32-erase-time", "100ms", "32 KiB block erase time"),
    P(t_be64, PROP_TIME, "block64-erase-time", "150ms", "64 KiB block erase time"),
    P(t_ce, PROP_TIME, "chip-erase-time", "45s", "chip erase time (tCE)"),
    P(t_w, PROP_TIME, "status-write-time", "2ms", "write status register time (tW)"),
    {0},
};
#undef P

static const struct dev_type spi_flash_type = {
    .name = "spi-flash",
    .desc = "SPI NOR flash (ISSI IS25LP128 command set), blockdev-backed",
    .bus = BUS_SPI,
    .size = sizeof(struct spi_flash),
    .props = spi_flash_props,
    .realize = flash_realize,
    .reset = flash_reset,
    .free = flash_free,
    .info = flash_info,
    .spi_select = flash_select,
    .spi_transfer = flash_transfer,
};
DEV_TYPE(spi_flash_type)
