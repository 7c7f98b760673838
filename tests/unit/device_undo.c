/* A device whose creation fails leaves the machine as it was (soc/device.c create(),
 * machine_forget): each kind of registration a realize makes (a chardev front end, a
 * child bus, boot-path jumps, a bus window, its own memory) is taken back when the
 * creation fails after it, here because the device's window overlaps a UART already at
 * 0x10000000.  Under ASan the run also shows that nothing keeps pointing into the freed
 * device, and that nothing it allocated leaks. */
#include <string.h>

#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/cpu.h"
#include "soc/machine.h"
#include "tests/unit/check.h"

static struct machine m;

/* A CPU refused after it attached: its write listener on the bus and its place among the
 * machine's CPUs go with it. */
struct late_cpu {
    struct device dev;
    struct cpu cpu;
};

static const struct cpu_ops late_ops;

static int late_realize(struct device *d)
{
    struct late_cpu *c = (struct late_cpu *)d;
    if (cpu_attach(&c->cpu, d, &late_ops, d->m->sysbus, 1000000))
        return -1;
    return sim_err("address conflict on sysbus (late-cpu refuses after attaching)");
}

static const struct dev_type late_cpu_type = {
    .name = "late-cpu", .desc = "unit test: a CPU that fails after attaching",
    .size = sizeof(struct late_cpu), .realize = late_realize,
};
DEV_TYPE(late_cpu_type)

/* What a creation could leave behind. */
struct shape {
    uint32_t nregions, heap;
    unsigned nbuses, nboot_jumps, ndevices, ncpus, nwrite_listeners;
    bool fe_attached;
};

static void shape_of(struct shape *s, const struct chardev *c)
{
    memset(s, 0, sizeof(*s));
    s->nregions = m.sysbus->nregions;
    s->heap = m.sim.heap_len;
    for (struct bus *b = m.buses; b; b = b->next)
        s->nbuses++;
    for (struct device *d = m.devices; d; d = d->next)
        s->ndevices++;
    s->nboot_jumps = m.nboot_jumps;
    s->ncpus = m.ncpus;
    for (struct bus_write_listener *l = m.sysbus->write_listeners; l; l = l->next)
        s->nwrite_listeners++;
    s->fe_attached = c->fe_attached;
}

static void fails_cleanly(const char *name, const char *type, const struct kv *kv, size_t n,
                          const struct chardev *spare)
{
    struct shape before, after;
    char what[96];
    shape_of(&before, spare);
    struct device *d = dev_create(&m, type, kv, n, "unit");
    snprintf(what, sizeof what, "undo.%s.fails", name);
    CHECK(what, d == NULL && strstr(sim_err_msg(), "address conflict on sysbus"));
    shape_of(&after, spare);
    snprintf(what, sizeof what, "undo.%s.unchanged", name);
    CHECK(what, memcmp(&before, &after, sizeof before) == 0);
}

int main(void)
{
    machine_init(&m);
    static const struct kv uart0[] = {{"id", "uart0"}, {"addr", "0x10000000"}};
    CHECK("setup.uart0", dev_create(&m, "ns16550a", uart0, 2, "unit") != NULL);
    struct chardev *spare = chardev_create(&m, "null", "spare", NULL, 0, "unit");
    CHECK("setup.spare", spare != NULL);

    /* The front end attached in realize, the window refused after it. */
    static const struct kv ns[] = {{"id", "dup"}, {"addr", "0x10000000"}, {"chardev", "spare"}};
    fails_cleanly("ns16550a", "ns16550a", ns, 3, spare);
    static const struct kv su[] = {{"id", "dup"}, {"addr", "0x10000000"}, {"chardev", "spare"}};
    fails_cleanly("sifive-uart", "sifive-uart", su, 3, spare);
    /* A controller's bus, made in realize. */
    static const struct kv spi[] = {{"id", "spi1"}, {"addr", "0x10000000"}};
    fails_cleanly("sifive-spi", "sifive-spi", spi, 2, spare);
    CHECK("undo.sifive-spi.no-bus", machine_find_bus(&m, "spi1.0") == NULL);
    static const struct kv i2c[] = {{"id", "i2c1"}, {"addr", "0x10000000"}};
    fails_cleanly("sifive-i2c", "sifive-i2c", i2c, 2, spare);
    /* A boot ROM declares its jumps, then maps itself. */
    static const struct kv rom[] = {{"id", "mrom"}, {"addr", "0x10000000"}, {"image", "mask"}};
    fails_cleanly("sifive-bootrom", "sifive-bootrom", rom, 3, spare);
    /* Memory allocated in realize, its own window refused. */
    static const struct kv ram[] = {{"id", "r"}, {"addr", "0x10000000"}, {"size", "4K"}};
    fails_cleanly("ram", "ram", ram, 3, spare);
    static const struct kv clint[] = {{"id", "clint2"}, {"addr", "0x10000000"}};
    fails_cleanly("clint", "clint", clint, 2, spare);
    static const struct kv cpu[] = {{"id", "cpu9"}};
    fails_cleanly("late-cpu", "late-cpu", cpu, 1, spare);
    uint8_t byte = 1; /* a write behind the CPUs' backs reaches no freed listener */
    static const struct kv wram[] = {{"id", "wram"}, {"addr", "0x20000000"}, {"size", "4K"}};
    CHECK("undo.late-cpu.debug-write", dev_create(&m, "ram", wram, 3, "unit") != NULL &&
                                           bus_debug_write(m.sysbus, 0x20000000, &byte, 1) == 1);

    /* The machine goes on as if nothing happened: the chardev takes a UART that fits, and a
     * second one on it is refused. */
    static const struct kv ok[] = {{"id", "uart1"}, {"addr", "0x10001000"}, {"chardev", "spare"}};
    struct device *u1 = dev_create(&m, "ns16550a", ok, 3, "unit");
    CHECK("undo.then-uart1", u1 != NULL && spare->fe_attached && spare->fe.opaque == u1);
    static const struct kv two[] = {{"id", "uart2"}, {"addr", "0x10002000"}, {"chardev", "spare"}};
    CHECK("chardev.one-front-end", dev_create(&m, "ns16550a", two, 3, "unit") == NULL);
    CHECK("chardev.one-front-end.msg",
          strcmp(sim_err_msg(), "unit: ns16550a 'uart2': chardev 'spare' is already the back end "
                                "of ns16550a 'uart1' (one UART per chardev)") == 0);
    machine_free(&m);
    return check_failures != 0;
}
