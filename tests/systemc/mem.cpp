// A memory that grants DMI, for the tlm-target tests.
//   [0, size - 16)  memory: b_transport annotates `latency` (param, ps; default 50000) and
//                   sets the DMI hint; get_direct_mem_ptr grants read/write DMI over this
//                   range with `dmi-latency` (default 20000) per access
//   size - 16       read: how many b_transport calls came before this one
//   size - 12       write: the memory revokes DMI (invalidate_direct_mem_ptr)
//   size - 8        write: from now on DMI is refused (read: 1 while refused)
// `size` is a param (bytes; default 4096).  transport_dbg (the debugger's access) reads the
// memory and the two readable words without counting itself as a call; it takes no writes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "soc/systemc/socsim_tlm.h"

using namespace sc_core;

struct sc_mem : sc_module {
    tlm_utils::simple_target_socket<sc_mem> socket;
    std::vector<unsigned char> mem;
    uint64_t size, data_size;
    sc_time latency, dmi_latency;
    uint32_t calls = 0;
    bool refuse = false;

    sc_mem(sc_module_name n, uint64_t size_, uint64_t lat, uint64_t dlat)
        : sc_module(n), socket("socket"), mem(size_), size(size_), data_size(size_ - 16),
          latency(sc_time::from_value(lat)), dmi_latency(sc_time::from_value(dlat))
    {
        socket.register_b_transport(this, &sc_mem::b_transport);
        socket.register_get_direct_mem_ptr(this, &sc_mem::get_dmi);
        socket.register_transport_dbg(this, &sc_mem::transport_dbg);
    }

    // A read of the two readable words; false at any other offset.
    bool read_word(uint64_t a, unsigned char *d, unsigned len) const
    {
        uint32_t r;
        if (a == size - 16)
            r = calls;
        else if (a == size - 8)
            r = refuse;
        else
            return false;
        std::memcpy(d, &r, len < 4 ? len : 4);
        return true;
    }

    // The memory, or a register (false where there is none); no time, no count.
    bool access(bool write, uint64_t a, unsigned char *d, unsigned len)
    {
        if (a + len <= data_size) {
            if (write)
                std::memcpy(&mem[a], d, len);
            else
                std::memcpy(d, &mem[a], len);
            return true;
        }
        if (!write)
            return read_word(a, d, len);
        if (a == size - 8)
            refuse = true;
        else if (a != size - 12)
            return false;
        socket->invalidate_direct_mem_ptr(0, data_size - 1);
        return true;
    }

    // Reads have no side effect here: the debugger's is a read that is not counted.
    unsigned transport_dbg(tlm::tlm_generic_payload &p)
    {
        unsigned len = p.get_data_length();
        return p.is_read() && access(false, p.get_address(), p.get_data_ptr(), len) ? len : 0;
    }

    void b_transport(tlm::tlm_generic_payload &p, sc_time &delay)
    {
        uint64_t a = p.get_address();
        unsigned len = p.get_data_length();
        unsigned char *d = p.get_data_ptr();
        delay += latency;
        p.set_response_status(access(p.is_write(), a, d, len) ? tlm::TLM_OK_RESPONSE
                                                              : tlm::TLM_ADDRESS_ERROR_RESPONSE);
        if (p.is_response_ok() && a + len <= data_size)
            p.set_dmi_allowed(!refuse);
        calls++;
    }

    bool get_dmi(tlm::tlm_generic_payload &p, tlm::tlm_dmi &dmi)
    {
        if (refuse || p.get_address() >= data_size)
            return false;
        dmi.allow_read_write();
        dmi.set_dmi_ptr(&mem[0]);
        dmi.set_start_address(0);
        dmi.set_end_address(data_size - 1);
        dmi.set_read_latency(dmi_latency);
        dmi.set_write_latency(dmi_latency);
        return true;
    }
};

extern "C" sc_module *socsim_tlm_create(const char *name, size_t n, const char *const *keys,
                                        const char *const *values)
{
    auto num = [&](const char *k, const char *def) {
        return std::strtoull(socsim_tlm_param(n, keys, values, k, def), 0, 0);
    };
    uint64_t size = num("size", "4096");
    if (size < 32) {
        std::fprintf(stderr, "sc_mem: size must be at least 32\n");
        return nullptr;
    }
    return new sc_mem(name, size, num("latency", "50000"), num("dmi-latency", "20000"));
}
