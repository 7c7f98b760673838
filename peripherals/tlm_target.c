/* tlm-target: a SystemC TLM-2.0 target model on the system bus (docs/systemc.md).
 *
 *   -device tlm-target,id=crc,addr=0x40000,size=0x1000,lib=crc.so[,params=K=V;K=V][,irq=...]
 *
 * The model lives in a shared library built against SystemC (its factory is described in
 * soc/systemc/socsim_tlm.h).  Each guest access in the window becomes a b_transport (or a
 * copy through the DMI pointer the model granted) at the CPU's exact time; the delay the
 * model annotates is the access's latency, which the CPU adds as wait cycles (struct bus
 * access_delay).  The model's sc_out<bool> ports drive irq, irq1, irq2, irq3; its
 * sc_in<bool> ports are this device's numbered inputs.
 *
 * The debugger (gdb, Lua's socsim.read32, semihosting) reads the model through its
 * transport_dbg, TLM-2.0's access without side effects or time; a model without one cannot
 * be read from outside.  The debugger's writes are the guest's store, through b_transport,
 * as for every device (docs/gdb.md).
 *
 * SystemC itself is reached through the plugin libsocsim-systemc.so (soc/systemc/bridge.h),
 * loaded on the first tlm-target, so socsim needs SystemC only when a board uses one.  The
 * plugin's kernel is shared by every tlm-target; this file keeps one socsim event at the
 * time of SystemC's next pending activity. */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/error.h"
#include "soc/device.h"
#include "soc/machine.h"
#include "soc/systemc/bridge.h"

#define TLM_OUTPUTS 4
#define TLM_MAX_PARAMS 32

struct tlm_target {
    struct device dev;
    char *lib;
    char *params;
    uint64_t size;
    struct irq_out irq[TLM_OUTPUTS];
    struct scb_model *model;
    bool peek_refused; /* said once that the debugger cannot read the model there */
};

/* The one SystemC kernel of the process, and the machine whose time drives it. */
static struct {
    const struct scb_api *api;
    struct machine *m;
    struct sim_event wake;
    unsigned users;
} sc;

/* The plugin: $SOCSIM_SYSTEMC_BRIDGE, else libsocsim-systemc.so beside the program. */
static int load_bridge(struct device *d)
{
    if (sc.api)
        return 0;
    /* A SystemC program with socsim inside it (socsim_sc_module) runs SystemC itself: the
     * bridge's kernel would be that one, and it must not drive it. */
    if (dlsym(RTLD_DEFAULT, "sc_main"))
        return sim_err("%s: this program runs SystemC itself: serve an external region with "
                       "the model instead (docs/systemc.md)", dev_label(d));
    char path[PATH_MAX + 32];
    const char *env = getenv("SOCSIM_SYSTEMC_BRIDGE");
    if (env && *env) {
        snprintf(path, sizeof(path), "%s", env);
    } else {
        char exe[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
        if (n <= 0)
            return sim_err("%s: cannot find the program's directory", dev_label(d));
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        *slash = 0;
        snprintf(path, sizeof(path), "%s/libsocsim-systemc.so", exe);
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return sim_err("%s: cannot load the SystemC bridge: %s (build it with make, or "
                       "set SOCSIM_SYSTEMC_BRIDGE)", dev_label(d), dlerror());
    const struct scb_api *(*entry)(void);
    *(void **)&entry = dlsym(h, SCB_ENTRY);
    const struct scb_api *api = entry ? entry() : NULL;
    if (!api || api->abi != SCB_ABI)
        return sim_err("%s: %s is not a SystemC bridge of this socsim", dev_label(d), path);
    sc.api = api; /* the plugin stays loaded: SystemC cannot be unloaded */
    return 0;
}

/* Event at SystemC's next pending activity (none: no event). */
static void reschedule(void)
{
    struct sim *s = &sc.m->sim;
    uint64_t t = sc.api->next_activity();
    if (t == SCB_NEVER) {
        sim_cancel(s, &sc.wake);
        return;
    }
    sim_time_t now = sim_now(s);
    sim_schedule(s, &sc.wake, t > now ? t : now);
}

static void wake(struct sim_event *ev)
{
    (void)ev;
    sc.api->sync(sim_now(&sc.m->sim));
    reschedule();
}

static void output_changed(void *opaque, unsigned n, bool level)
{
    struct tlm_target *t = opaque;
    if (n < TLM_OUTPUTS)
        signal_set(&t->irq[n].sig, level);
}

/* params=K=V;K=V into keys and values (in buf, which it cuts). */
static int split_params(struct device *d, char *buf, const char **keys, const char **values,
                        size_t *n)
{
    *n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq || eq == tok)
            return sim_err("%s: params: '%s' is not KEY=VALUE", dev_label(d), tok);
        if (*n == TLM_MAX_PARAMS)
            return sim_err("%s: params: more than %d", dev_label(d), TLM_MAX_PARAMS);
        *eq = 0;
        keys[*n] = tok;
        values[(*n)++] = eq + 1;
    }
    return 0;
}

static int tlm_realize(struct device *d)
{
    struct tlm_target *t = (struct tlm_target *)d;
    if (!d->addr_set)
        return sim_err("'%s' needs addr=", d->type->name);
    if (bus_region_check(d->addr, t->size) < 0)
        return -1;
    if (sc.m && sc.m != d->m)
        return sim_err("%s: SystemC runs once per process, and another machine has it",
                       dev_label(d));
    if (load_bridge(d))
        return -1;
    const char *keys[TLM_MAX_PARAMS], *values[TLM_MAX_PARAMS];
    size_t n = 0;
    char *buf = strdup(t->params ? t->params : "");
    int rc = split_params(d, buf, keys, values, &n);
    if (rc == 0) {
        char name[64], err[512];
        if (d->id)
            snprintf(name, sizeof(name), "%s", d->id);
        else
            snprintf(name, sizeof(name), "tlm_target%u", sc.users);
        struct scb_host host = {.opaque = t, .output = output_changed};
        t->model = sc.api->open(t->lib, name, n, keys, values, &host, err, sizeof(err));
        if (!t->model)
            rc = sim_err("%s: %s", dev_label(d), err);
    }
    free(buf);
    if (rc)
        return -1;
    if (sc.api->outputs(t->model) > TLM_OUTPUTS) {
        unsigned outs = sc.api->outputs(t->model);
        sc.api->close(t->model);
        t->model = NULL; /* tlm_free closes only a model that is open */
        return sim_err("%s: the model has %u sc_out<bool> ports, socsim links %d", dev_label(d),
                       outs, TLM_OUTPUTS);
    }
    if (!sc.users++) {
        sc.m = d->m;
        sim_event_init(&sc.wake, wake, "systemc");
    }
    struct bus_region r = {
        .base = (uint32_t)d->addr, .size = (uint32_t)t->size, .dev = d, .name = d->type->name,
    };
    return bus_map(d->bus, &r);
}

/* The machine is wired: SystemC elaborates (on the first call) and catches up. */
static void tlm_finalize(struct device *d)
{
    (void)d;
    sc.api->sync(sim_now(&sc.m->sim));
    reschedule();
}

static void tlm_free(struct device *d)
{
    struct tlm_target *t = (struct tlm_target *)d;
    if (!t->model)
        return;
    sc.api->close(t->model);
    if (--sc.users == 0) {
        sim_cancel(&sc.m->sim, &sc.wake);
        sc.m = NULL;
    }
}

/* size bytes as the bridge hands them (little-endian) to a register value */
static uint32_t le_bytes(const uint8_t *data, unsigned size)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)data[i] << (8 * i);
    return v;
}

static int tlm_access(struct device *d, bool write, uint32_t off, unsigned size, uint32_t *val)
{
    struct tlm_target *t = (struct tlm_target *)d;
    uint8_t data[4];
    for (unsigned i = 0; i < 4; i++)
        data[i] = (uint8_t)(*val >> (8 * i));
    uint64_t delay = 0;
    enum scb_status st =
        sc.api->transport(t->model, write, off, data, size, sim_now(&d->m->sim), &delay);
    d->bus->access_delay += delay;
    reschedule();
    if (st != SCB_OK)
        return BUS_FAULT; /* the guest sees an access fault */
    if (!write)
        *val = le_bytes(data, size);
    return BUS_OK;
}

static int tlm_read(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    *val = 0;
    return tlm_access(d, false, off, size, val);
}

static int tlm_write(struct device *d, uint32_t off, unsigned size, uint32_t val)
{
    return tlm_access(d, true, off, size, &val);
}

/* The debugger's read: the model's transport_dbg. */
static int tlm_peek(struct device *d, uint32_t off, unsigned size, uint32_t *val)
{
    struct tlm_target *t = (struct tlm_target *)d;
    uint8_t data[4] = {0};
    unsigned n = sc.api->debug_read(t->model, off, data, size, sim_now(&d->m->sim));
    reschedule();
    if (n < size) {
        if (!t->peek_refused)
            sim_warn("%s: the debugger cannot read offset 0x%x: the model's transport_dbg "
                     "read %u of %u bytes%s", dev_label(d), off, n, size,
                     n ? "" : " (a model without transport_dbg reads none)");
        t->peek_refused = true;
        return BUS_FAULT;
    }
    *val = le_bytes(data, size);
    return BUS_OK;
}

static void tlm_set_input(struct device *d, int n, bool level)
{
    struct tlm_target *t = (struct tlm_target *)d;
    sc.api->set_input(t->model, (unsigned)n, level, sim_now(&d->m->sim));
    reschedule();
}

static int tlm_input_count(struct device *d)
{
    struct tlm_target *t = (struct tlm_target *)d;
    return t->model ? (int)sc.api->inputs(t->model) : 0;
}

/* The model's outputs by their port names too ("crc.done"), for scenarios. */
static struct signal *tlm_output(struct device *d, const char *name)
{
    struct tlm_target *t = (struct tlm_target *)d;
    unsigned no = sc.api->outputs(t->model);
    for (unsigned i = 0; i < no; i++)
        if (strcmp(sc.api->output_name(t->model, i), name) == 0)
            return &t->irq[i].sig;
    return NULL;
}

static void tlm_info(struct device *d, FILE *f, int indent)
{
    struct tlm_target *t = (struct tlm_target *)d;
    unsigned no = sc.api->outputs(t->model), ni = sc.api->inputs(t->model);
    static const char *const links[TLM_OUTPUTS] = {"irq", "irq1", "irq2", "irq3"};
    for (unsigned i = 0; i < no; i++)
        fprintf(f, "%*ssc_out %s -> %s\n", indent, "", sc.api->output_name(t->model, i),
                links[i]);
    for (unsigned i = 0; i < ni; i++)
        fprintf(f, "%*ssc_in %s <- %s.%u\n", indent, "", sc.api->input_name(t->model, i),
                d->id ? d->id : "<id>", i);
}

static const struct dev_prop tlm_props[] = {
    {.name = "lib", .type = PROP_STRING, .offset = offsetof(struct tlm_target, lib),
     .help = "shared library with the SystemC model (exports socsim_tlm_create)",
     .flags = PROP_REQUIRED},
    {.name = "size", .type = PROP_SIZE, .offset = offsetof(struct tlm_target, size),
     .help = "size of the window in bytes (4K, 0x1000)", .flags = PROP_REQUIRED},
    {.name = "params", .type = PROP_STRING, .offset = offsetof(struct tlm_target, params),
     .help = "KEY=VALUE;KEY=VALUE handed to the model's factory"},
    {.name = "irq", .type = PROP_LINK, .offset = offsetof(struct tlm_target, irq[0]),
     .help = "driven by the model's first sc_out<bool> (e.g. cpu0.mtip)"},
    {.name = "irq1", .type = PROP_LINK, .offset = offsetof(struct tlm_target, irq[1]),
     .help = "driven by its second sc_out<bool>"},
    {.name = "irq2", .type = PROP_LINK, .offset = offsetof(struct tlm_target, irq[2]),
     .help = "driven by its third sc_out<bool>"},
    {.name = "irq3", .type = PROP_LINK, .offset = offsetof(struct tlm_target, irq[3]),
     .help = "driven by its fourth sc_out<bool>"},
    {0},
};

static const struct dev_type tlm_target_type = {
    .name = "tlm-target",
    .desc = "SystemC TLM-2.0 target model from a shared library (b_transport, DMI, "
            "transport_dbg, IRQs)",
    .bus = BUS_SYSTEM,
    .size = sizeof(struct tlm_target),
    .props = tlm_props,
    .realize = tlm_realize,
    .finalize = tlm_finalize,
    .free = tlm_free,
    .read = tlm_read,
    .write = tlm_write,
    .peek = tlm_peek,
    .set_input = tlm_set_input,
    .input_count = tlm_input_count,
    .info = tlm_info,
    .output = tlm_output,
};
DEV_TYPE(tlm_target_type)
