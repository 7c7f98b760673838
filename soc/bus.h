/* Buses and address maps.
 *
 * A bus has an id ("sysbus", "spi0", "i2c0"), a kind, and — for memory-mapped kinds — a
 * map of non-overlapping regions kept sorted, looked up with a last-hit cache.  A region
 * is either host memory (RAM, ROM, memory-mapped flash contents: reached through a host
 * pointer) or a device window (reached through the device's read/write callbacks).
 * Each region may add wait states, which the timing models read. */
#ifndef SOC_BUS_H
#define SOC_BUS_H

#include <stdbool.h>
#include <stdint.h>

struct device;
struct machine;

enum bus_kind {
    BUS_NONE = 0,  /* not on a bus (CPUs, standalone signals) */
    BUS_SYSTEM,    /* memory-mapped system bus (AHB/TileLink/APB alike) */
    BUS_SPI,       /* chip selects 0..N */
    BUS_I2C,       /* 7-bit addresses */
    BUS_KIND_COUNT
};

const char *bus_kind_name(enum bus_kind k);

/* Access result: 0 = ok, BUS_FAULT = access fault (nothing there, or the device refused). */
#define BUS_OK 0
#define BUS_FAULT (-1)

struct bus_region {
    uint32_t base;
    uint32_t size;          /* bytes; base + size - 1 must not wrap */
    uint8_t *host;          /* host memory for RAM/ROM, else NULL */
    bool readonly;          /* guest stores fault (ROM); loaders may still write */
    bool executable;
    uint8_t read_wait;      /* extra cycles added to a read by this region */
    uint8_t write_wait;
    struct device *dev;     /* the device behind a device window (or owning the memory) */
    const char *name;
    /* Optional: cycles of a master clocked at hz to read len bytes at addr in one burst
     * (an instruction-cache line fill), for regions with their own timing, such as a QSPI
     * flash read through execute-in-place (sifive_xip_read_cycles).  NULL: len / 4 word
     * reads of 1 + read_wait cycles each. */
    uint64_t (*burst_cycles)(const struct bus_region *r, uint32_t addr, uint32_t len,
                             uint64_t hz);
    void *burst_ctx;        /* for burst_cycles */
};

/* Something kept from a bus's memory that a write there makes stale (a CPU's decoded and
 * translated instructions), told of the writes its owner did not make itself. */
struct bus_write_listener {
    void (*written)(struct bus_write_listener *l, uint32_t addr, uint32_t n);
    struct bus_write_listener *next;
};

struct bus {
    char *id;
    enum bus_kind kind;
    struct device *owner;   /* the controller that created it, NULL for the system bus */
    struct bus_region *regions;
    uint32_t nregions, cap;
    uint32_t last_hit;
    /* Latency in picoseconds that a device's read/write callback adds to the access in
     * progress beyond the region's wait states (a SystemC model's annotated delay).  The
     * CPU clears it before a device access and adds it after, rounded up to whole cycles
     * of its own clock. */
    uint64_t access_delay;
    /* SPI/I2C: attached devices by address (chip select or 7-bit address) */
    struct device **slots;
    uint32_t nslots;
    uint32_t naddr;         /* SPI: the owner has chip selects 0..naddr-1 (0: no limit) */
    struct bus_write_listener *write_listeners;
    /* SPI: while a trace output listens (--trace), the controller tells it of every frame
     * it exchanged: its bits' time [from, to) in picoseconds, the chip select, the byte
     * sent (MOSI) and the byte received (MISO), as the firmware writes and reads them.
     * NULL: nobody listens, and the controller does nothing more. */
    void (*spi_tap)(void *opaque, struct bus *b, unsigned cs, uint64_t from, uint64_t to,
                    uint8_t out, uint8_t in);
    void *spi_tap_opaque;
    struct bus *next;       /* machine's list of buses */
};

struct bus *bus_new(struct machine *m, const char *id, enum bus_kind kind, struct device *owner);
/* Free a bus that is off the machine's list (machine_free, a failed device creation). */
void bus_free(struct bus *b);
/* Take away every region of device d, its slot and the write listeners inside it: what it
 * mapped, plugged in or listens with. */
void bus_remove_device(struct bus *b, const struct device *d);

/* A device's region as its properties give it, in 64 bits (addr=, size=): 0 when a
 * bus_region holds it (1 to 0xffffffff bytes inside the 32-bit address space), else -1
 * with sim_err set.  Checked before the numbers are narrowed to a region's 32 bits. */
int bus_region_check(uint64_t base, uint64_t size);
/* Map a region; fails (with sim_err naming both) when it overlaps an existing one. */
int bus_map(struct bus *b, const struct bus_region *r);

/* Find the region containing addr, NULL if unmapped.  Uses the last-hit cache. */
static inline struct bus_region *bus_find(struct bus *b, uint32_t addr);
struct bus_region *bus_find_slow(struct bus *b, uint32_t addr);

static inline struct bus_region *bus_find(struct bus *b, uint32_t addr)
{
    if (b->nregions) { /* a bus with none has no regions array to index (C11 6.5.6) */
        struct bus_region *r = &b->regions[b->last_hit];
        if (addr - r->base < r->size)
            return r;
    }
    return bus_find_slow(b, addr);
}

/* Guest accesses: size is 1, 2 or 4; the value is zero-extended.  Return BUS_OK or BUS_FAULT.
 * The access must not cross a region boundary (callers split misaligned accesses). */
int bus_read(struct bus *b, uint32_t addr, unsigned size, uint32_t *val);
int bus_write(struct bus *b, uint32_t addr, unsigned size, uint32_t val);

/* Hear of writes to the bus's memory made by other masters (bus_written). */
void bus_listen_writes(struct bus *b, struct bus_write_listener *l);
/* [addr, addr + n) of the bus's host memory changed by a master other than the CPUs'
 * own stores (the debugger, a flash program or erase seen through an XIP window, DMA):
 * every listener drops what it kept of those bytes.  A CPU's own stores are its own
 * business (it sees them on its store path); bus_debug_write calls this itself. */
void bus_written(struct bus *b, uint32_t addr, uint32_t n);

/* Loader access: write host memory only (RAM, ROM and memory-mapped flash contents alike);
 * a device window ends it.  Returns the number of bytes done (short on the first byte
 * that is not host memory).  It loads before the run (the ELF, a boot ROM's image), when
 * nothing has been decoded yet, so no write listener is told. */
uint32_t bus_load(struct bus *b, uint32_t addr, const void *src, uint32_t n);

/* Debugger accesses (gdb, Lua scenarios, semihosting, --signature): the one path for
 * everything that looks at the machine from outside.  Host memory is copied directly (a
 * write reaches ROM too).  A device window is reached one naturally aligned access at a
 * time (4, 2 or 1 bytes, the largest the address and the count allow): a read through
 * the device's peek callback, which returns what the guest's read would without its side
 * effects (a byte the device takes only as a whole word is read from that word); a write
 * through the device's write callback, exactly as the guest's store, at the current
 * simulated time; the bytes written are then announced to the write listeners
 * (bus_written), so decoded instructions there are dropped.  Return the number of bytes
 * done, short at the first byte that is unmapped or that the device refuses (a device
 * without a peek refuses every read). */
uint32_t bus_debug_read(struct bus *b, uint32_t addr, void *dst, uint32_t n);
uint32_t bus_debug_write(struct bus *b, uint32_t addr, const void *src, uint32_t n);

#endif
