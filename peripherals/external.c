/* external: an address range served by the program socsim is embedded in (sim/socsim.h),
 * such as the SystemC platform around socsim_sc_module, which turns each access into a
 * TLM-2.0 transaction on an initiator socket (docs/systemc.md).
 *
 *   -device external,id=uart0,addr=0x10000000,size=0x100[,irq=plic.10]
 *
 * Each access calls the bound handler at the CPU's time; the latency the handler reports
 * becomes the access's wait cycles (struct bus access_delay).  The handler drives `irq`.
 * With no handler bound (the socsim program), every access is an access fault.  The
 * debugger's reads go to a second handler (socsim_external_bind_peek); without one, the
 * debugger cannot read the region. */
#include "sim/error.h"
#include "sim/socsim.h"
#include "soc/device.h"
#include "soc/machine.h"

struct external {
    struct device dev;
    uint64_t size;
    struct irq_out irq;
    socsim_external_fn fn;
    void *opaque;
    socsim_external_peek_fn peek;
    void *peek_opaque;
    bool peek_refused; /* said once that the debugger cannot read the region */
};

static int ext_realize(struct device *d)
{
    struct external *e = (struct external *)d;
    if (!d->addr_set)
        return sim_err("'%s' needs addr=", d->type->name);
    if (!d->id)
        return sim_err("'%s' needs id= (the host program finds the region by it)",
                       d->type->name);
    if (bus_region_check(d->addr, e->size) < 0)
        return -1;
    struct bus_region r = {
        .base = (uint32_t)d->addr, .size = (uint32_t)e->size, .dev = d, .name = d->type->name,
    };
    return bus_map(d->bus, &r);
}

static int ext_access(struct device *d, bool write, uint32_t off, unsigned size, uint32_t *val)
{
    struct external *e = (struct external *)d;
    uint64_t delay = 0;
    if (!e->fn)
        return BUS_FAULT;
    bool ok = e->fn(e->opaque, write, off, size, val, &delay);
    d->bus->access_delay += delay;
    return ok ? BUS_OK : BUS_FAULT;
}

static int ext_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    *val = 0;
    return ext_access(d, false, off, size, val);
}

static int ext_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    return ext_access(d, true, off, size, &val);
}

static int ext_peek(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct external *e = (struct external *)d;
    *val = 0;
    if (e->peek && e->peek(e->peek_opaque, off, size, val))
        return BUS_OK;
    if (e->peek_refused)
        return BUS_FAULT;
    e->peek_refused = true;
    if (e->peek)
        sim_warn("%s: the host program refused the debugger's read of %u bytes at offset 0x%x "
                 "(socsim_sc_module: the target's transport_dbg read fewer)", dev_label(d),
                 size, off);
    else
        sim_warn("%s: the debugger cannot read the region: the host program serves no "
                 "debugger reads (socsim_external_bind_peek)", dev_label(d));
    return BUS_FAULT;
}

static void ext_info(struct device *d, FILE *f, int indent)
{
    struct external *e = (struct external *)d;
    fprintf(f, "%*s%s\n", indent, "",
            e->fn ? "served by the host program" : "not served: accesses fault");
}

const char *socsim_external_id(const struct device *d) { return d->id; }
uint32_t socsim_external_base(const struct device *d) { return (uint32_t)d->addr; }
uint32_t socsim_external_size(const struct device *d)
{
    return (uint32_t)((const struct external *)d)->size;
}
bool socsim_external_has_irq(const struct device *d)
{
    return ((const struct external *)d)->irq.link != NULL;
}

void socsim_external_bind(struct device *d, socsim_external_fn fn, void *opaque)
{
    struct external *e = (struct external *)d;
    e->fn = fn;
    e->opaque = opaque;
}

void socsim_external_bind_peek(struct device *d, socsim_external_peek_fn fn, void *opaque)
{
    struct external *e = (struct external *)d;
    e->peek = fn;
    e->peek_opaque = opaque;
    e->peek_refused = false;
}

void socsim_external_irq(struct device *d, bool level)
{
    signal_set(&((struct external *)d)->irq.sig, level);
}

static const struct dev_prop ext_props[] = {
    {.name = "size", .type = PROP_SIZE, .offset = offsetof(struct external, size),
     .help = "size of the range in bytes (4K, 0x1000)", .flags = PROP_REQUIRED},
    {.name = "irq", .type = PROP_LINK, .offset = offsetof(struct external, irq),
     .help = "interrupt the host program drives (e.g. plic.10)"},
    {0},
};

const struct dev_type external_type = {
    .name = "external",
    .desc = "address range served by the program socsim is embedded in (SystemC initiator)",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct external),
    .props = ext_props,
    .realize = ext_realize,
    .read = ext_read,
    .write = ext_write,
    .peek = ext_peek,
    .info = ext_info,
};
DEV_TYPE(external_type)
