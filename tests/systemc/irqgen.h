// An interrupt generator for the SystemC tests, used two ways: as a tlm-target in socsim
// (irqgen.cpp) and inside the SystemC platform around socsim_sc_module (platform.cpp).
//   +0x0  write N: `irq` rises N ns later (SystemC time)
//   +0x4  write: `irq` falls
// No annotated delay.  No transport_dbg either, as many models have none: the debugger
// cannot read it (the refusal is tested with it).
#ifndef TESTS_SYSTEMC_IRQGEN_H
#define TESTS_SYSTEMC_IRQGEN_H

#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

struct irqgen : sc_core::sc_module {
    tlm_utils::simple_target_socket<irqgen> socket;
    sc_core::sc_out<bool> irq;
    sc_core::sc_event rise;

    SC_HAS_PROCESS(irqgen);
    explicit irqgen(sc_core::sc_module_name n) : sc_module(n), socket("socket"), irq("irq")
    {
        socket.register_b_transport(this, &irqgen::b_transport);
        SC_METHOD(on_rise);
        sensitive << rise;
        dont_initialize();
    }
    void on_rise() { irq.write(true); }
    void b_transport(tlm::tlm_generic_payload &p, sc_core::sc_time &)
    {
        uint32_t v = 0;
        for (unsigned i = 0; i < p.get_data_length() && i < 4; i++)
            v |= (uint32_t)p.get_data_ptr()[i] << (8 * i);
        if (p.is_write() && p.get_address() == 0) {
            rise.notify(sc_core::sc_time((double)v, sc_core::SC_NS));
        } else if (p.is_write() && p.get_address() == 4) {
            rise.cancel();
            irq.write(false);
        } else if (p.is_read()) {
            for (unsigned i = 0; i < p.get_data_length(); i++)
                p.get_data_ptr()[i] = 0;
        }
        p.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

#endif
