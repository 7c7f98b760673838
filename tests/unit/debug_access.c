/* The debugger's access path (bus_debug_read, bus_debug_write) on a bare machine (no CPU):
 * a debugger read of a device register returns what the guest's read would, without its
 * side effects, so the guest's own read afterwards still sees the byte, the claim, the
 * interrupt; a debugger write is the guest's store; memory (ROM too) is copied directly.
 *   - every device type with registers declares a peek
 *   - ns16550a: RBR not popped, IIR not acknowledged, an empty RBR shows the last THR byte
 *   - plic: claim/complete not claimed
 *   - clint: mtime bytes from the word, a byte store refused as the guest's would be
 *   - sifive-uart, sifive-spi: rxdata not popped, txdata shows the last byte written
 *   - ROM written by the debugger, refused to the guest; unmapped and peek-less refused
 *   - external: read by the host program's peek handler, not its access handler; refused
 *     without one; a debugger write is the access handler's store */
#include <string.h>

#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "sim/socsim.h"
#include "soc/machine.h"
#include "tests/unit/check.h"

static struct machine m;
static uint8_t cap[16];
static unsigned ncap;

static void cap_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    (void)c;
    for (size_t i = 0; i < n && ncap < sizeof cap; i++)
        cap[ncap++] = buf[i];
}

static struct chardev ser16550 = {.id = "s0", .write = cap_write};
static struct chardev serfe = {.id = "s1", .write = cap_write};

#define UART16550 0x10000000u
#define PLIC 0x0c000000u
#define CLINT 0x02000000u
#define SUART 0x10013000u
#define SPI 0x10014000u
#define ROM 0x00010000u
#define NOPEEK 0x30000000u
#define EXT 0x20000000u

static void advance(sim_time_t t)
{
    sim_fire_until(&m.sim, t);
    if (m.sim.now < t)
        m.sim.now = t;
}

/* The guest's view: bus_read/bus_write, side effects and all. */
static uint32_t rd(uint32_t a, unsigned size)
{
    uint32_t v = 0xdeadbeef;
    bus_read(m.sysbus, a, size, &v);
    return v;
}

static void wr(uint32_t a, unsigned size, uint32_t v) { bus_write(m.sysbus, a, size, v); }

/* The debugger's view of n <= 4 bytes, little-endian; 0xdeadbeef when refused. */
static uint32_t peek(uint32_t a, uint32_t n)
{
    uint8_t b[4] = {0};
    if (bus_debug_read(m.sysbus, a, b, n) != n)
        return 0xdeadbeef;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static struct device *mk(const char *type, const struct kv *kv, size_t n)
{
    struct device *d = dev_create(&m, type, kv, n, "unit");
    if (!d)
        printf("FAIL debug.create.%s: %s\n", type, sim_err_msg());
    return d;
}

static void test_every_type(void)
{
    const struct dev_type **types;
    size_t n = dev_types(&types);
    unsigned with_regs = 0, with_peek = 0;
    for (size_t i = 0; i < n; i++) {
        if (!types[i]->read)
            continue;
        with_regs++;
        if (types[i]->peek)
            with_peek++;
        else
            printf("FAIL debug.peek.%s: registers but no peek\n", types[i]->name);
    }
    CHECK("debug.types.with.registers", with_regs >= 13);
    CHECK_EQ("debug.types.all.peek", with_peek, with_regs);
}

static void test_16550(void)
{
    /* A byte arrives: the debugger sees it in RBR and DR in LSR, twice; the guest pops it. */
    ser16550.fe.read(ser16550.fe.opaque, (const uint8_t *)"Z", 1);
    CHECK_EQ("debug.16550.lsr.dr", peek(UART16550 + 5, 1), 0x61);
    CHECK_EQ("debug.16550.rbr.peek", peek(UART16550, 1), 'Z');
    CHECK_EQ("debug.16550.rbr.peek.again", peek(UART16550, 1), 'Z');
    CHECK_EQ("debug.16550.all.regs", peek(UART16550, 4), 'Z'); /* a word read is RBR's */
    CHECK_EQ("debug.16550.rbr.guest", rd(UART16550, 1), 'Z');
    CHECK_EQ("debug.16550.lsr.after", peek(UART16550 + 5, 1), 0x60);
    /* Empty: the debugger sees the last byte written to THR, the guest reads 0. */
    ncap = 0;
    CHECK_EQ("debug.16550.write", bus_debug_write(m.sysbus, UART16550, "Q", 1), 1);
    CHECK_EQ("debug.16550.write.out", ncap == 1 && cap[0] == 'Q', 1);
    CHECK_EQ("debug.16550.thr.view", peek(UART16550, 1), 'Q');
    CHECK_EQ("debug.16550.rbr.guest.empty", rd(UART16550, 1), 0);
    /* THR-empty interrupt: reading IIR acknowledges it, peeking does not. */
    wr(UART16550 + 1, 1, 0x02);
    CHECK_EQ("debug.16550.iir.peek", peek(UART16550 + 2, 1), 0x02);
    CHECK_EQ("debug.16550.iir.peek.again", peek(UART16550 + 2, 1), 0x02);
    CHECK_EQ("debug.16550.iir.guest", rd(UART16550 + 2, 1), 0x02);
    CHECK_EQ("debug.16550.iir.acked", rd(UART16550 + 2, 1), 0x01);
    wr(UART16550 + 1, 1, 0);
}

static void test_plic(struct device *plic)
{
    wr(PLIC + 4 * 3, 4, 1);        /* priority of source 3 */
    wr(PLIC + 0x2000, 4, 1u << 3); /* enable */
    plic->type->set_input(plic, 3, true);
    CHECK_EQ("debug.plic.pending", peek(PLIC + 0x1000, 4), 1u << 3);
    CHECK_EQ("debug.plic.claim.peek", peek(PLIC + 0x200004, 4), 3);
    CHECK_EQ("debug.plic.claim.peek.again", peek(PLIC + 0x200004, 4), 3);
    CHECK_EQ("debug.plic.claim.byte", peek(PLIC + 0x200004, 1), 3); /* from the word */
    CHECK_EQ("debug.plic.claim.guest", rd(PLIC + 0x200004, 4), 3);
    CHECK_EQ("debug.plic.claimed", rd(PLIC + 0x200004, 4), 0);
    wr(PLIC + 0x200004, 4, 3);
    plic->type->set_input(plic, 3, false);
}

static void test_clint(void)
{
    advance(m.sim.now + 1000000000); /* at least 1 ms in: mtime (10 MHz) >= 10000 */
    uint64_t want = m.sim.now / 100000;
    uint8_t b[8];
    CHECK_EQ("debug.clint.mtime.8", bus_debug_read(m.sysbus, CLINT + 0xbff8, b, 8), 8);
    uint64_t got = 0;
    for (int i = 7; i >= 0; i--)
        got = got << 8 | b[i];
    CHECK_EQ("debug.clint.mtime", got, want);
    CHECK_EQ("debug.clint.mtime.byte1", peek(CLINT + 0xbff9, 1), (want >> 8) & 0xff);
    CHECK_EQ("debug.clint.mtime.half", peek(CLINT + 0xbffa, 2), (want >> 16) & 0xffff);
    /* Writes are the guest's: a word lands, a byte is refused like the guest's sb. */
    uint8_t cmp[4] = {0x78, 0x56, 0x34, 0x12};
    CHECK_EQ("debug.clint.mtimecmp.write", bus_debug_write(m.sysbus, CLINT + 0x4000, cmp, 4), 4);
    CHECK_EQ("debug.clint.mtimecmp.guest", rd(CLINT + 0x4000, 4), 0x12345678);
    CHECK_EQ("debug.clint.byte.write.refused", bus_debug_write(m.sysbus, CLINT + 0x4000, cmp, 1),
             0);
}

static void test_sifive_uart(void)
{
    wr(SUART + 0x0c, 4, 1); /* rxen */
    serfe.fe.read(serfe.fe.opaque, (const uint8_t *)"r", 1);
    advance(sim_next_event_time(&m.sim)); /* the frame time */
    CHECK_EQ("debug.suart.rx.peek", peek(SUART + 4, 4), 'r');
    CHECK_EQ("debug.suart.rx.peek.again", peek(SUART + 4, 4), 'r');
    CHECK_EQ("debug.suart.rx.guest", rd(SUART + 4, 4), 'r');
    CHECK_EQ("debug.suart.rx.empty", rd(SUART + 4, 4), 0x80000000u);
    wr(SUART + 0, 4, 'T'); /* tx disabled: the byte waits in the FIFO */
    CHECK_EQ("debug.suart.tx.view", peek(SUART, 4), 'T');
    CHECK_EQ("debug.suart.tx.guest", rd(SUART, 4), 0);
}

static void test_spi(void)
{
    /* Programmed I/O with nobody on the bus: one frame, 0xff received. */
    wr(SPI + 0x60, 4, 0); /* fctrl: the FIFO runs */
    wr(SPI + 0x48, 4, 0x9f);
    advance(sim_next_event_time(&m.sim));
    CHECK_EQ("debug.spi.rx.peek", peek(SPI + 0x4c, 4), 0xff);
    CHECK_EQ("debug.spi.rx.peek.again", peek(SPI + 0x4c, 4), 0xff);
    CHECK_EQ("debug.spi.rx.guest", rd(SPI + 0x4c, 4), 0xff);
    CHECK_EQ("debug.spi.rx.empty", rd(SPI + 0x4c, 4), 0x80000000u);
    CHECK_EQ("debug.spi.tx.view", peek(SPI + 0x48, 4), 0x9f);
    CHECK_EQ("debug.spi.tx.guest", rd(SPI + 0x48, 4), 0);
}

static const struct dev_type nopeek_type = {.name = "nopeek", .size = sizeof(struct device)};

static void test_memory_and_refusals(void)
{
    static struct device nopeek = {.type = &nopeek_type};
    struct bus_region r = {.base = NOPEEK, .size = 0x100, .dev = &nopeek, .name = "nopeek"};
    bus_map(m.sysbus, &r);
    uint8_t b[4] = {1, 2, 3, 4};
    CHECK_EQ("debug.rom.write", bus_debug_write(m.sysbus, ROM + 2, b, 4), 4);
    CHECK_EQ("debug.rom.read", peek(ROM + 2, 4), 0x04030201);
    CHECK_EQ("debug.rom.guest.store.faults", bus_write(m.sysbus, ROM, 4, 0), BUS_FAULT);
    CHECK_EQ("debug.unmapped.read", bus_debug_read(m.sysbus, 0x40000000, b, 4), 0);
    CHECK_EQ("debug.unmapped.write", bus_debug_write(m.sysbus, 0x40000000, b, 4), 0);
    CHECK_EQ("debug.short.at.hole", bus_debug_read(m.sysbus, ROM + 0x0ffe, b, 4), 2);
    CHECK_EQ("debug.nopeek.refused", bus_debug_read(m.sysbus, NOPEEK, b, 4), 0);
}

/* The host program of an external region: every access counted, reads 0xa5; the peek
 * handler shows 0x100 + offset in the first 16 bytes. */
static unsigned ext_accesses, ext_writes;

static bool ext_access(void *opaque, bool write, uint32_t off, unsigned size, uint32_t *val,
                       uint64_t *delay_ps)
{
    (void)opaque, (void)off, (void)size, (void)delay_ps;
    ext_accesses++;
    if (write)
        ext_writes++;
    else
        *val = 0xa5;
    return true;
}

static bool ext_peek(void *opaque, uint32_t off, unsigned size, uint32_t *val)
{
    (void)opaque, (void)size;
    *val = 0x100 + off;
    return off < 16;
}

static void test_external(struct device *ext)
{
    CHECK_EQ("debug.external.unbound.refused", peek(EXT, 4), 0xdeadbeef);
    socsim_external_bind(ext, ext_access, NULL);
    CHECK_EQ("debug.external.no.peek.refused", peek(EXT, 4), 0xdeadbeef);
    CHECK_EQ("debug.external.no.peek.no.access", ext_accesses, 0);
    socsim_external_bind_peek(ext, ext_peek, NULL);
    CHECK_EQ("debug.external.peek", peek(EXT + 4, 4), 0x104);
    CHECK_EQ("debug.external.peek.half", peek(EXT + 6, 2), 0x106);
    CHECK_EQ("debug.external.peek.no.access", ext_accesses, 0);
    CHECK_EQ("debug.external.peek.refused", peek(EXT + 16, 4), 0xdeadbeef);
    CHECK_EQ("debug.external.guest", rd(EXT + 4, 4), 0xa5);
    uint8_t b[4] = {1, 2, 3, 4};
    CHECK_EQ("debug.external.write", bus_debug_write(m.sysbus, EXT, b, 4), 4);
    CHECK_EQ("debug.external.write.access", ext_writes, 1);
}

int main(void)
{
    machine_init(&m);
    serfe.next = m.chardevs;
    ser16550.next = &serfe;
    m.chardevs = &ser16550;
    struct kv u16550[] = {{"id", "uart0"}, {"addr", "0x10000000"}, {"chardev", "s0"}};
    struct kv plic[] = {{"id", "plic"}, {"addr", "0x0c000000"}};
    struct kv clint[] = {{"id", "clint"}, {"addr", "0x02000000"}};
    struct kv suart[] = {{"id", "uart1"}, {"addr", "0x10013000"}, {"chardev", "s1"}};
    struct kv spi[] = {{"id", "qspi0"}, {"addr", "0x10014000"}, {"clock-frequency", "16MHz"}};
    struct kv rom[] = {{"id", "rom"}, {"addr", "0x10000"}, {"size", "4K"}};
    struct kv ext[] = {{"id", "ext"}, {"addr", "0x20000000"}, {"size", "0x100"}};
    struct device *dplic = mk("plic", plic, ARRAY_SIZE(plic));
    struct device *dext = mk("external", ext, ARRAY_SIZE(ext));
    if (!mk("ns16550a", u16550, ARRAY_SIZE(u16550)) || !dplic || !dext ||
        !mk("clint", clint, ARRAY_SIZE(clint)) || !mk("sifive-uart", suart, ARRAY_SIZE(suart)) ||
        !mk("sifive-spi", spi, ARRAY_SIZE(spi)) || !mk("rom", rom, ARRAY_SIZE(rom)) ||
        machine_finalize(&m)) {
        printf("FAIL debug.setup: %s\n", sim_err_msg());
        return 1;
    }
    test_every_type();
    test_16550();
    test_plic(dplic);
    test_clint();
    test_sifive_uart();
    test_spi();
    test_memory_and_refusals();
    test_external(dext);
    m.chardevs = serfe.next;
    machine_free(&m);
    return check_failures ? 1 : 0;
}
