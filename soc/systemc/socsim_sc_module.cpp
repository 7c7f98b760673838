// socsim inside a SystemC platform: see socsim_sc_module.h.
#define SC_INCLUDE_DYNAMIC_PROCESSES
#include "soc/systemc/socsim_sc_module.h"

#include <stdexcept>

#include "sim/socsim.h"
#include "soc/systemc/payload.h"

using namespace sc_core;

socsim_sc_module::socsim_sc_module(sc_module_name name, const config &cfg)
    : sc_module(name), cfg_(cfg)
{
    // socsim counts picoseconds; one SystemC tick each keeps both sides exact.
    if (sc_get_time_resolution() != sc_time(1, SC_PS))
        throw std::runtime_error("socsim_sc_module: SystemC's time resolution must be 1 ps");
    std::vector<const char *> globals;
    for (const std::string &g : cfg_.globals)
        globals.push_back(g.c_str());
    globals.push_back(nullptr);
    socsim_config c = {};
    c.board = cfg_.board.c_str();
    c.kernel = cfg_.kernel.c_str();
    c.cpu_model = cfg_.cpu_model.empty() ? nullptr : cfg_.cpu_model.c_str();
    c.globals = globals.data();
    sim_ = socsim_open(&c);
    if (!sim_)
        throw std::runtime_error(socsim_error());
    for (unsigned i = 0; i < socsim_external_count(sim_); i++) {
        auto r = std::unique_ptr<region>(new region);
        r->owner = this;
        r->dev = socsim_external(sim_, i);
        r->id = socsim_external_id(r->dev);
        r->sock.reset(new socket_type(r->id.c_str()));
        if (socsim_external_has_irq(r->dev)) {
            r->irq.reset(new sc_in<bool>((r->id + "_irq").c_str()));
            sc_spawn_options o;
            o.spawn_method();
            o.dont_initialize();
            o.set_sensitivity(&r->irq->value_changed());
            region *rp = r.get();
            sc_spawn([this, rp]() { irq_changed(rp); }, sc_gen_unique_name("irq"), &o);
        }
        socsim_external_bind(r->dev, access, r.get());
        socsim_external_bind_peek(r->dev, peek, r.get());
        regions_.push_back(std::move(r));
    }
    SC_THREAD(run);
    set_stack_size(16 << 20); // the CPU's run loop runs on this thread's stack
}

socsim_sc_module::~socsim_sc_module() { socsim_close(sim_); }

socsim_sc_module::socket_type &socsim_sc_module::socket(const std::string &id)
{
    for (auto &r : regions_)
        if (r->id == id)
            return *r->sock;
    throw std::runtime_error("socsim_sc_module: the board has no external region '" + id + "'");
}

sc_in<bool> &socsim_sc_module::irq(const std::string &id)
{
    for (auto &r : regions_)
        if (r->id == id && r->irq)
            return *r->irq;
    throw std::runtime_error("socsim_sc_module: no external region '" + id + "' with irq=");
}

std::vector<std::string> socsim_sc_module::regions() const
{
    std::vector<std::string> v;
    for (auto &r : regions_)
        v.push_back(r->id);
    return v;
}

uint64_t socsim_sc_module::cycles(unsigned cpu) const { return socsim_cycles(sim_, cpu); }
uint64_t socsim_sc_module::instructions(unsigned cpu) const
{
    return socsim_instructions(sim_, cpu);
}

uint64_t socsim_sc_module::sc_ps() const { return sc_time_stamp().value(); }

// The interrupt line changed in SystemC: socsim is at the same time (lock-step) or ahead.
void socsim_sc_module::irq_changed(region *r) { socsim_external_irq(r->dev, r->irq->read()); }

// Time of SystemC's next pending activity, or never.
static uint64_t next_activity()
{
    if (!sc_pending_activity())
        return SIM_TIME_MAX;
    return (sc_time_stamp() + sc_time_to_pending_activity()).value();
}

void socsim_sc_module::run()
{
    for (;;) {
        uint64_t now = sc_ps();
        uint64_t limit = cfg_.quantum != SC_ZERO_TIME ? now + cfg_.quantum.value()
                                                      : next_activity();
        enum sim_stop_reason r = socsim_run_until(sim_, limit);
        if (r != SIM_RUNNING) {
            socsim_flush(sim_);
            exited_ = true;
            exit_code_ = r == SIM_STOP_EXIT ? socsim_exit_code(sim_) : -1;
            exit_event.notify(SC_ZERO_TIME);
            if (cfg_.stop_on_exit) {
                // Without SystemC's "Simulation stopped by user" note, which it prints
                // on stdout (where the firmware's output goes) when sc_start returns.
                sc_report_handler::set_actions("/OSCI/SystemC", SC_INFO, SC_DO_NOTHING);
                sc_stop();
            }
            return;
        }
        uint64_t t = socsim_now(sim_);
        if (t > sc_ps())
            wait(sc_time::from_value(t - sc_ps()));
        else
            wait(SC_ZERO_TIME); // let SystemC's activity at this time run
    }
}

// An access of the firmware to an external region, at the CPU's time `a`.
bool socsim_sc_module::access(void *opaque, bool write, uint32_t off, unsigned size,
                              uint32_t *val, uint64_t *delay_ps)
{
    region *r = static_cast<region *>(opaque);
    socsim_sc_module *m = r->owner;
    bool lockstep = m->cfg_.quantum == SC_ZERO_TIME;
    uint64_t a = socsim_now(m->sim_);
    if (lockstep && a > m->sc_ps())
        sc_core::wait(sc_time::from_value(a - m->sc_ps())); // SystemC catches up
    // Temporally decoupled, the CPU's lead over SystemC is the transaction's delay.
    sc_time delay = sc_time::from_value(a > m->sc_ps() ? a - m->sc_ps() : 0);
    unsigned char data[4];
    for (unsigned i = 0; i < 4; i++)
        data[i] = (unsigned char)(*val >> (8 * i));
    tlm::tlm_generic_payload &p = r->pl;
    socsim_payload(p, write, off, data, size);
    (*r->sock)->b_transport(p, delay);
    uint64_t done = m->sc_ps() + delay.value();
    *delay_ps = done > a ? done - a : 0;
    if (lockstep) // what the transaction started may be due before socsim's deadline
        socsim_limit(m->sim_, next_activity());
    if (!p.is_response_ok())
        return false;
    if (!write)
        *val = socsim_le_value(data, size);
    return true;
}

// The debugger's read of an external region: transport_dbg, which takes no time, so the
// target answers at SystemC's time (in lock-step nothing happens in SystemC between it and
// the CPU's; temporally decoupled, as a b_transport's target sees its state).
bool socsim_sc_module::peek(void *opaque, uint32_t off, unsigned size, uint32_t *val)
{
    region *r = static_cast<region *>(opaque);
    unsigned char data[4] = {0, 0, 0, 0};
    tlm::tlm_generic_payload p;
    socsim_payload(p, false, off, data, size);
    if ((*r->sock)->transport_dbg(p) < size)
        return false;
    *val = socsim_le_value(data, size);
    return true;
}
