/* The E31 model's instruction fetch: I-cache hits and misses, line fills timed by the region
 * behind (wait states, or the region's burst timing: a SiFive XIP flash window computed from
 * the SPI controller's registers), ITIM fetches; and the XIP timing formula alone. */
#include <string.h>

#include "peripherals/sifive_xip.h"
#include "soc/cpu/riscv/timing_e31.h"
#include "soc/machine.h"
#include "tests/unit/check.h"

static void test_xip_formula(void)
{
    /* Reset: SCK = clock / 8; cssck 1 + READ 8 + 24-bit address + 256 data bits + sckcs 1
     * = 290 SCK periods: 2320 cycles for a 32-byte line. */
    CHECK_EQ("xip.reset.line32", sifive_xip_read_cycles(SIFIVE_XIP_SCKDIV_RESET,
             SIFIVE_XIP_DELAY0_RESET, SIFIVE_XIP_FFMT_RESET, 32), 2320);
    CHECK_EQ("xip.reset.word", sifive_xip_read_cycles(3, 0x10001, 0x30007, 4), 8 * (2 + 32 + 32));
    /* Fast Read Quad Output (0x6b): command and address on one lane, 8 dummy cycles, data on
     * four; sckdiv 0 (SCK = clock / 2): 2 + 8 + 24 + 8 + 64 = 106 periods: 212. */
    uint32_t quad_out = 1 | 3 << 1 | 8 << 4 | 2 << 12 | 0x6bu << 16;
    CHECK_EQ("xip.quad-out.line32", sifive_xip_read_cycles(0, 0x10001, quad_out, 32), 212);
    /* Quad I/O (0xeb): address and data on four lanes, 6 dummy cycles, sckdiv 1:
     * 2 + 8 + 6 + 6 + 64 = 86 periods of 4 cycles: 344; without the command (continuous
     * read mode): 78 periods: 312. */
    uint32_t quad_io = 1 | 3 << 1 | 6 << 4 | 2 << 10 | 2 << 12 | 0xebu << 16;
    CHECK_EQ("xip.quad-io.line32", sifive_xip_read_cycles(1, 0x10001, quad_io, 32), 344);
    CHECK_EQ("xip.quad-io-nocmd.line32", sifive_xip_read_cycles(1, 0x10001, quad_io & ~1u, 32),
             312);
}

/* A flash window whose reads take the XIP interface's reset timing. */
static uint64_t xip_burst(const struct bus_region *r, uint32_t addr, uint32_t len, uint64_t hz)
{
    (void)r, (void)addr, (void)hz;
    return sifive_xip_read_cycles(SIFIVE_XIP_SCKDIV_RESET, SIFIVE_XIP_DELAY0_RESET,
                                  SIFIVE_XIP_FFMT_RESET, len);
}

static struct rv_cpu cpu;
static struct rv_e31 e31; /* the model's state (cpu.tm) */
static uint8_t flash[4096], ram[4096], itim[4096];

static uint64_t fetch(uint32_t pc, uint8_t len, uint8_t wait)
{
    struct rv_insn d = {.pc = pc, .len = len, .fetch_wait = wait};
    return e31_fetch(&cpu, &e31, &d, true);
}

static void test_fetch(void)
{
    static struct machine m;
    struct bus *b = bus_new(&m, "sysbus", BUS_SYSTEM, NULL);
    struct bus_region fr = {.base = 0x20000000, .size = sizeof flash, .host = flash,
                            .readonly = true, .executable = true, .name = "flash",
                            .burst_cycles = xip_burst};
    struct bus_region rr = {.base = 0x80000000, .size = sizeof ram, .host = ram,
                            .executable = true, .read_wait = 3, .name = "ram"};
    struct bus_region ir = {.base = 0x08000000, .size = sizeof itim, .host = itim,
                            .executable = true, .read_wait = 1, .name = "itim"};
    CHECK("e31-fetch.map", !bus_map(b, &fr) && !bus_map(b, &rr) && !bus_map(b, &ir));
    cpu.bus = b;
    cpu.freq = 16000000;
    cpu.tm = &e31;
    e31.cfg.icache_size = 16384;
    e31.cfg.icache_ways = 2;
    e31.cfg.icache_line = 32;
    e31.cfg.itim_base = 0x08000000;
    e31.cfg.itim_size = 8192;
    tm_reset(&cpu);

    CHECK_EQ("e31-fetch.xip.miss", fetch(0x20000100, 4, 0), 2320);
    CHECK_EQ("e31-fetch.xip.hit", fetch(0x20000104, 4, 0), 0);
    CHECK_EQ("e31-fetch.xip.hit-same-line", fetch(0x2000011c, 4, 0), 0);
    /* a 32-bit instruction across a line boundary: the second line is filled */
    CHECK_EQ("e31-fetch.xip.straddle", fetch(0x2000011e, 4, 0), 2320);
    /* again, each line the last fetched in its set (e31_fetch_lines' shortcut): a hit that
     * leaves the second line's set as the lookup would (way 0 its, way 1 the next victim) */
    CHECK_EQ("e31-fetch.xip.straddle-again", fetch(0x2000011e, 4, 0), 0);
    CHECK_EQ("e31-fetch.set9.ram", fetch(0x80000120, 4, 3), 32);        /* way 1 */
    CHECK_EQ("e31-fetch.set9.straddle-hit", fetch(0x2000011e, 4, 0), 0); /* way 0 used */
    CHECK_EQ("e31-fetch.set9.straddle-mru", fetch(0x2000011e, 4, 0), 0);
    CHECK_EQ("e31-fetch.set9.third", fetch(0x80002120, 4, 3), 32);      /* evicts way 1 */
    CHECK_EQ("e31-fetch.set9.flash-kept", fetch(0x2000013c, 4, 0), 0);
    CHECK_EQ("e31-fetch.set9.ram-evicted", fetch(0x80000120, 4, 3), 32);
    /* RAM with 3 wait states: 8 words of 4 cycles */
    CHECK_EQ("e31-fetch.ram.miss", fetch(0x80000000, 4, 3), 32);
    CHECK_EQ("e31-fetch.ram.hit", fetch(0x80000010, 2, 3), 0);
    /* The ITIM is not cached: every fetch pays its wait states, never a fill. */
    CHECK_EQ("e31-fetch.itim", fetch(0x08000000, 4, 1), 1);
    CHECK_EQ("e31-fetch.itim.again", fetch(0x08000000, 4, 1), 1);
    /* Two ways, LRU: 0x20000100, 0x80000100 and 0x80002100 all index set 8 (256 sets of
     * 32 bytes).  0x80002100 is unmapped: its fill falls back to 8 words of 1 + 3 cycles. */
    CHECK_EQ("e31-fetch.set8.ram", fetch(0x80000100, 4, 3), 32);
    CHECK_EQ("e31-fetch.set8.flash-still", fetch(0x20000100, 4, 0), 0);
    /* a third line of set 8 evicts the least recently used (the RAM line) */
    CHECK_EQ("e31-fetch.set8.third", fetch(0x80002100, 4, 3), 32);
    CHECK_EQ("e31-fetch.set8.flash-kept", fetch(0x20000104, 4, 0), 0);
    CHECK_EQ("e31-fetch.set8.ram-evicted", fetch(0x80000100, 4, 3), 32);
    /* icache-miss overrides every fill */
    e31.cfg.icache_miss = 50;
    CHECK_EQ("e31-fetch.override", fetch(0x20000400, 4, 0), 50);
    e31.cfg.icache_miss = 0;
    /* fence.i empties the cache */
    e31_ic_flush(&e31);
    CHECK_EQ("e31-fetch.flushed", fetch(0x20000104, 4, 0), 2320);
}

int main(void)
{
    test_xip_formula();
    test_fetch();
    return check_failures != 0;
}
