// socsim inside a SystemC virtual platform (docs/systemc.md).
//
// socsim_sc_module builds a socsim machine from a board script and firmware, and runs its
// CPU on SystemC's time.  Every `external` region of the board (a device of that type:
// `socsim.device("external", { id = "uart0", addr = 0x10000000, size = 0x100 })`) becomes
// a TLM-2.0 initiator socket named after the region's id; the firmware's accesses there
// are b_transport calls with the offset in the region as the address.  A region with an
// irq link gets an sc_in<bool>, irq(id), that drives it.
//
// Time: the module's thread runs socsim ahead of SystemC by at most `quantum` (temporal
// decoupling, as tlm_quantumkeeper does), passing the CPU's lead as the b_transport delay.
// quantum = SC_ZERO_TIME is exact lock-step: socsim runs only up to SystemC's next pending
// activity, and before each transaction SystemC is brought to the CPU's exact time, so
// the firmware sees the same cycles as with socsim's own devices of the same latency.
// The latency of a transaction (its annotated delay plus SystemC time spent inside it) is
// added to the access as wait cycles of the CPU, rounded up.
//
// The debugger's reads of a region (semihosting's buffers, and gdb or Lua where the host
// program offers them) are transport_dbg calls on its socket: no side effects, no time, the
// target answering at SystemC's current time.  A target without transport_dbg (it reads 0
// bytes) cannot be read that way.  The debugger's writes are b_transport, as the guest's.
//
// Link: build/libsocsim-sc.a, then build/libsocsim.a whole (sim/socsim.h), -lsystemc.
#ifndef SOC_SYSTEMC_SOCSIM_SC_MODULE_H
#define SOC_SYSTEMC_SOCSIM_SC_MODULE_H

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

struct socsim;
struct device;

class socsim_sc_module : public sc_core::sc_module {
public:
    struct config {
        std::string board;                 // boards/NAME.lua or a path
        std::string kernel;                // firmware ELF
        std::string cpu_model;             // empty: the board's
        std::vector<std::string> globals;  // -global D.P=V
        sc_core::sc_time quantum = sc_core::SC_ZERO_TIME;
        bool stop_on_exit = true;          // sc_stop() when the firmware exits
    };
    typedef tlm_utils::simple_initiator_socket<socsim_sc_module> socket_type;
    SC_HAS_PROCESS(socsim_sc_module);

    // Builds the machine; throws std::runtime_error with socsim's message on a bad board,
    // firmware or option.
    socsim_sc_module(sc_core::sc_module_name name, const config &cfg);
    ~socsim_sc_module() override;

    // The initiator socket of external region `id`; throws when there is none.
    socket_type &socket(const std::string &id);
    // The interrupt input of external region `id` (which must have irq=); throws if none.
    sc_core::sc_in<bool> &irq(const std::string &id);
    std::vector<std::string> regions() const;

    bool exited() const { return exited_; }
    int exit_code() const { return exit_code_; }
    sc_core::sc_event exit_event; // notified when the firmware exits or the machine stops
    uint64_t cycles(unsigned cpu = 0) const;
    uint64_t instructions(unsigned cpu = 0) const;
    struct socsim *sim() { return sim_; }

private:
    struct region {
        socsim_sc_module *owner;
        struct device *dev;
        std::string id;
        std::unique_ptr<socket_type> sock;
        std::unique_ptr<sc_core::sc_in<bool>> irq;
        tlm::tlm_generic_payload pl;
    };
    static bool access(void *opaque, bool write, uint32_t off, unsigned size, uint32_t *val,
                       uint64_t *delay_ps);
    static bool peek(void *opaque, uint32_t off, unsigned size, uint32_t *val);
    void run();
    void irq_changed(region *r);
    uint64_t sc_ps() const;

    config cfg_;
    struct socsim *sim_ = nullptr;
    std::vector<std::unique_ptr<region>> regions_;
    bool exited_ = false;
    int exit_code_ = 0;
};

#endif
