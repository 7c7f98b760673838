// The SystemC side of the `tlm-target` device: build/libsocsim-systemc.so, loaded by
// peripherals/tlm_target.c through the C interface of soc/systemc/bridge.h.
//
// One SystemC kernel per process holds every model.  socsim's kernel is the master of
// time: sync() advances SystemC to socsim's time (sc_start up to it, then its delta cycles),
// and socsim schedules an event at next_activity() so that SystemC's own activity (a timer
// in a model) runs at its exact time.  A transaction is issued from a SystemC thread of the
// bridge, as an initiator would, so a model may call wait() in b_transport; its annotated
// delay plus the SystemC time such waits took is the access's latency.
#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#define SC_INCLUDE_DYNAMIC_PROCESSES
#include <systemc>
#include <tlm>

#include "soc/systemc/bridge.h"
#include "soc/systemc/payload.h"
#include "soc/systemc/socsim_tlm.h"

using namespace sc_core;

namespace {

// The forward path to a model's target socket, whatever its bus width.
struct fw_ref {
    virtual ~fw_ref() {}
    virtual tlm::tlm_fw_transport_if<> *fw() = 0;
};

template <unsigned W> struct fw_ref_w : fw_ref {
    tlm::tlm_initiator_socket<W> sock;
    fw_ref_w(const char *name, tlm::tlm_bw_transport_if<> &bw,
             tlm::tlm_base_target_socket_b<W> &target)
        : sock(name)
    {
        sock.bind(bw);
        sock.bind(target);
    }
    tlm::tlm_fw_transport_if<> *fw() override { return sock.operator->(); }
};

template <unsigned W> fw_ref *try_bind(sc_object *o, tlm::tlm_bw_transport_if<> &bw)
{
    auto *t = dynamic_cast<tlm::tlm_base_target_socket_b<W> *>(o);
    return t ? new fw_ref_w<W>("to_model", bw, *t) : nullptr;
}

fw_ref *bind_any(sc_object *o, tlm::tlm_bw_transport_if<> &bw)
{
    fw_ref *r;
    if ((r = try_bind<32>(o, bw)) || (r = try_bind<64>(o, bw)) || (r = try_bind<8>(o, bw)) ||
        (r = try_bind<16>(o, bw)) || (r = try_bind<128>(o, bw)) ||
        (r = try_bind<256>(o, bw)) || (r = try_bind<512>(o, bw)))
        return r;
    return nullptr;
}

struct output_change {
    struct scb_model *m;
    unsigned n;
    bool level;
};

std::vector<output_change> g_changes; // heard inside SystemC, delivered after it returns
std::vector<struct scb_model *> g_models;
bool g_started;   // SystemC has elaborated: no more models
bool g_failed;    // an error left SystemC unusable: no more simulation
bool g_delivering;

void report_handler(const sc_report &r, const sc_actions &a)
{
    if (a & SC_DISPLAY)
        std::fprintf(stderr, "socsim: systemc: %s: %s\n", r.get_msg_type(), r.get_msg());
    if (a & SC_THROW)
        throw r;
    if (a & (SC_ABORT | SC_STOP))
        sc_report_handler::default_handler(r, a & ~SC_DISPLAY);
}

void fail(const char *what, const char *msg)
{
    std::fprintf(stderr, "socsim: systemc: %s: %s\n", what, msg);
    g_failed = true;
}

} // namespace

// The bridge's module for one model: the initiator thread, the signals bound to the
// model's ports, the DMI regions it granted.
struct scb_model : sc_module, tlm::tlm_bw_transport_if<> {
    scb_host host;
    sc_module *model = nullptr;
    fw_ref *fwr = nullptr;
    // The model's own processes drive an output, and so does b_transport, which runs in
    // this module's thread: many writers.
    std::vector<sc_signal<bool, SC_MANY_WRITERS> *> out_sig;
    std::vector<sc_signal<bool> *> in_sig;
    std::vector<std::string> out_name, in_name;
    std::vector<bool> out_level; // as last told to socsim
    std::vector<tlm::tlm_dmi> dmi;

    tlm::tlm_generic_payload pl;
    sc_event req;
    sc_time delay;
    bool done = true;

    std::string error; // why the model cannot be bound

    SC_HAS_PROCESS(scb_model);
    // Sockets, signals and processes are made here, inside the module's construction.
    scb_model(sc_module_name n, sc_module *mod) : sc_module(n), model(mod)
    {
        SC_THREAD(transport);
        set_stack_size(1 << 20);
        for (sc_object *o : mod->get_child_objects()) {
            auto *sock = dynamic_cast<tlm::tlm_base_socket_if *>(o);
            if (sock && sock->get_socket_category() == tlm::TLM_TARGET_SOCKET) {
                if (fwr) {
                    error = std::string("module '") + mod->name() +
                            "' has more than one target socket";
                    return;
                }
                fwr = bind_any(o, *this);
                if (!fwr) {
                    error = std::string("target socket '") + o->name() +
                            "' has a bus width or protocol socsim does not bind";
                    return;
                }
            } else if (auto *in = dynamic_cast<sc_in<bool> *>(o)) {
                auto *s = new sc_signal<bool>(sc_gen_unique_name("in"));
                in->bind(*s);
                in_sig.push_back(s);
                in_name.push_back(o->basename());
            } else if (auto *out = dynamic_cast<sc_inout<bool> *>(o)) {
                auto *s = new sc_signal<bool, SC_MANY_WRITERS>(sc_gen_unique_name("out"));
                out->bind(*s);
                out_sig.push_back(s);
                out_name.push_back(o->basename());
                out_level.push_back(false);
                watch((unsigned)out_sig.size() - 1);
            }
        }
        if (!fwr)
            error = std::string("module '") + mod->name() + "' has no TLM-2.0 target socket";
    }

    void transport()
    {
        for (;;) {
            wait(req);
            sc_time d = SC_ZERO_TIME;
            try {
                fwr->fw()->b_transport(pl, d);
            } catch (const sc_unwind_exception &) {
                throw;
            } catch (const std::exception &e) {
                fail(name(), e.what());
                pl.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
            }
            delay = d;
            done = true;
        }
    }

    void watch(unsigned n)
    {
        sc_spawn_options o;
        o.spawn_method();
        o.dont_initialize();
        o.set_sensitivity(&out_sig[n]->value_changed_event());
        sc_spawn(
            [this, n]() {
                g_changes.push_back({this, n, out_sig[n]->read()});
            },
            sc_gen_unique_name("watch"), &o);
    }

    // tlm_bw_transport_if
    tlm::tlm_sync_enum nb_transport_bw(tlm::tlm_generic_payload &, tlm::tlm_phase &,
                                       sc_time &) override
    {
        return tlm::TLM_COMPLETED; // only b_transport is used
    }
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) override
    {
        for (size_t i = 0; i < dmi.size();) {
            if (dmi[i].get_start_address() <= end && start <= dmi[i].get_end_address())
                dmi.erase(dmi.begin() + (long)i);
            else
                i++;
        }
    }
};

namespace {

sc_time ps(uint64_t t) { return sc_time::from_value(t); }

void deliver()
{
    if (g_delivering)
        return; // the outer loop delivers what a nested call added
    g_delivering = true;
    for (size_t i = 0; i < g_changes.size(); i++) {
        output_change c = g_changes[i];
        if (c.m->out_level[c.n] == c.level)
            continue;
        c.m->out_level[c.n] = c.level;
        if (c.m->host.output)
            c.m->host.output(c.m->host.opaque, c.n, c.level);
    }
    g_changes.clear();
    g_delivering = false;
}

bool run(const sc_time &d)
{
    try {
        sc_start(d);
        return true;
    } catch (const std::exception &e) {
        fail("simulation", e.what());
        return false;
    }
}

// Run the delta cycles pending at the current time.
bool settle()
{
    while (!g_failed && sc_pending_activity_at_current_time())
        if (!run(SC_ZERO_TIME))
            return false;
    return !g_failed;
}

void start()
{
    if (g_started)
        return;
    g_started = true;
    settle(); // elaboration, then the initialisation phase at time 0
    // Outputs high from the start: the watchers (dont_initialize) heard no change.
    for (scb_model *m : g_models)
        for (unsigned n = 0; n < m->out_sig.size(); n++)
            if (m->out_sig[n]->read())
                g_changes.push_back({m, n, true});
}

bool advance(uint64_t now)
{
    if (g_failed)
        return false;
    start();
    sc_time t = ps(now);
    if (sc_time_stamp() < t && !run(t - sc_time_stamp()))
        return false;
    return settle();
}

void scb_sync(uint64_t now)
{
    advance(now);
    deliver();
}

uint64_t scb_next_activity()
{
    if (g_failed || !g_started || !sc_pending_activity())
        return SCB_NEVER;
    return (sc_time_stamp() + sc_time_to_pending_activity()).value();
}

bool setup_kernel(char *err, size_t errlen)
{
    static bool done;
    if (done)
        return true;
    done = true;
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
    sc_report_handler::set_handler(report_handler);
    // Picoseconds are socsim's unit: one sc_time tick each, so times map exactly.
    try {
        sc_set_time_resolution(1, SC_PS);
    } catch (const std::exception &) {
    }
    if (sc_get_time_resolution() != sc_time(1, SC_PS)) {
        std::snprintf(err, errlen, "SystemC's time resolution is %s, not 1 ps",
                      sc_get_time_resolution().to_string().c_str());
        return false;
    }
    return true;
}

scb_model *scb_open(const char *lib, const char *name, size_t nparams, const char *const *keys,
                    const char *const *values, const scb_host *host, char *err, size_t errlen)
{
    if (g_started) {
        std::snprintf(err, errlen, "'%s': SystemC has started: every tlm-target must be "
                                   "created before the simulation runs", lib);
        return nullptr;
    }
    if (!setup_kernel(err, errlen))
        return nullptr;
    void *dl = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        std::snprintf(err, errlen, "cannot load '%s': %s", lib, dlerror());
        return nullptr;
    }
    auto factory = reinterpret_cast<socsim_tlm_factory>(dlsym(dl, SOCSIM_TLM_FACTORY));
    if (!factory) {
        std::snprintf(err, errlen, "'%s' has no function %s (see docs/systemc.md)", lib,
                      SOCSIM_TLM_FACTORY);
        return nullptr; // the library stays loaded: its constructors may have run
    }
    sc_module *mod = nullptr;
    try {
        mod = factory(name, nparams, keys, values);
    } catch (const std::exception &e) {
        std::snprintf(err, errlen, "'%s': %s failed: %s", lib, SOCSIM_TLM_FACTORY, e.what());
        return nullptr;
    }
    if (!mod) {
        std::snprintf(err, errlen, "'%s': %s returned no module", lib, SOCSIM_TLM_FACTORY);
        return nullptr;
    }
    scb_model *m;
    try {
        m = new scb_model(sc_module_name((std::string(name) + "_socsim").c_str()), mod);
    } catch (const std::exception &e) {
        std::snprintf(err, errlen, "'%s': %s", lib, e.what());
        return nullptr;
    }
    if (!m->error.empty()) {
        std::snprintf(err, errlen, "'%s': %s", lib, m->error.c_str());
        return nullptr;
    }
    m->host = *host;
    g_models.push_back(m);
    return m;
}

void scb_close(scb_model *m)
{
    m->host.output = nullptr;
    m->dmi.clear();
}

unsigned scb_outputs(const scb_model *m) { return (unsigned)m->out_sig.size(); }
unsigned scb_inputs(const scb_model *m) { return (unsigned)m->in_sig.size(); }
const char *scb_output_name(const scb_model *m, unsigned n) { return m->out_name[n].c_str(); }
const char *scb_input_name(const scb_model *m, unsigned n) { return m->in_name[n].c_str(); }

scb_status status_of(tlm::tlm_response_status s)
{
    switch (s) {
    case tlm::TLM_OK_RESPONSE: return SCB_OK;
    case tlm::TLM_ADDRESS_ERROR_RESPONSE: return SCB_ADDRESS_ERROR;
    default: return SCB_GENERIC_ERROR;
    }
}

// A DMI region the model granted that covers the access: served by copying.
bool through_dmi(scb_model *m, bool write, uint64_t addr, uint8_t *data, unsigned len,
                 uint64_t *delay)
{
    for (const tlm::tlm_dmi &d : m->dmi) {
        if (addr < d.get_start_address() || addr + len - 1 > d.get_end_address())
            continue;
        if (write ? !d.is_write_allowed() : !d.is_read_allowed())
            continue;
        unsigned char *p = d.get_dmi_ptr() + (addr - d.get_start_address());
        if (write)
            std::memcpy(p, data, len);
        else
            std::memcpy(data, p, len);
        *delay = (write ? d.get_write_latency() : d.get_read_latency()).value();
        return true;
    }
    return false;
}

void ask_dmi(scb_model *m, bool write, uint64_t addr)
{
    tlm::tlm_generic_payload p;
    p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    p.set_address(addr);
    tlm::tlm_dmi d;
    try {
        if (m->fwr->fw()->get_direct_mem_ptr(p, d) && d.get_dmi_ptr())
            m->dmi.push_back(d);
    } catch (const std::exception &e) {
        fail(m->name(), e.what());
    }
}

scb_status scb_transport(scb_model *m, bool write, uint64_t addr, uint8_t *data, unsigned len,
                         uint64_t now, uint64_t *delay)
{
    *delay = 0;
    if (through_dmi(m, write, addr, data, len, delay))
        return SCB_OK;
    if (!advance(now)) {
        deliver();
        return SCB_GENERIC_ERROR;
    }
    tlm::tlm_generic_payload &p = m->pl;
    socsim_payload(p, write, addr, data, len);
    m->done = false;
    m->delay = SC_ZERO_TIME;
    sc_time t0 = sc_time_stamp();
    m->req.notify(SC_ZERO_TIME);
    // The thread runs in the next delta; a model that waits in b_transport moves SystemC on.
    while (!m->done && !g_failed) {
        if (sc_pending_activity_at_current_time())
            run(SC_ZERO_TIME);
        else if (sc_pending_activity())
            run(sc_time_to_pending_activity());
        else
            break;
    }
    settle();
    if (!m->done) {
        if (!g_failed)
            fail(m->name(), "b_transport did not return: it waits for something that never "
                            "happens");
        deliver();
        return SCB_GENERIC_ERROR;
    }
    *delay = (m->delay + (sc_time_stamp() - t0)).value();
    scb_status st = status_of(p.get_response_status());
    if (st == SCB_OK && p.is_dmi_allowed())
        ask_dmi(m, write, addr);
    deliver();
    return st;
}

// The debugger's read: transport_dbg, which the model answers at once, outside any
// process (a transport_dbg must not wait).  A simple_target_socket without a registered
// transport_dbg answers 0 bytes.
unsigned scb_debug_read(scb_model *m, uint64_t addr, uint8_t *data, unsigned len, uint64_t now)
{
    uint64_t no_delay;
    if (through_dmi(m, false, addr, data, len, &no_delay))
        return len;
    bool ok = advance(now);
    deliver();
    if (!ok)
        return 0;
    tlm::tlm_generic_payload p;
    socsim_payload(p, false, addr, data, len);
    unsigned n = 0;
    try {
        n = m->fwr->fw()->transport_dbg(p);
    } catch (const std::exception &e) {
        fail(m->name(), e.what());
    }
    return n < len ? n : len;
}

void scb_set_input(scb_model *m, unsigned n, bool level, uint64_t now)
{
    if (!advance(now)) {
        deliver();
        return;
    }
    m->in_sig[n]->write(level);
    settle(); // the update phase, and whatever the model does about it now
    deliver();
}

const scb_api api = {
    SCB_ABI,       scb_open,         scb_close,      scb_outputs,    scb_inputs,
    scb_output_name, scb_input_name, scb_transport,  scb_debug_read, scb_set_input,
    scb_sync,      scb_next_activity,
};

} // namespace

extern "C" const scb_api *socsim_systemc_bridge(void) { return &api; }

// libsystemc.so refers to sc_main (its own main() calls it); socsim is the program here,
// so this one is never called.  It lets the plugin load with every symbol resolved.
int sc_main(int, char **)
{
    std::fprintf(stderr, "socsim: libsocsim-systemc.so is a plugin, not a program\n");
    return 1;
}
