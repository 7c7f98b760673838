// One guest access as a TLM-2.0 generic payload, for both directions of the bridge
// (tlm_bridge.cpp, socsim_sc_module.cpp): a read or write of len bytes (1, 2 or 4,
// little-endian in data) at addr, no byte enables, the response not yet given.
#ifndef SOC_SYSTEMC_PAYLOAD_H
#define SOC_SYSTEMC_PAYLOAD_H

#include <cstdint>

#include <tlm>

static inline void socsim_payload(tlm::tlm_generic_payload &p, bool write, uint64_t addr,
                                  unsigned char *data, unsigned len)
{
    p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    p.set_address(addr);
    p.set_data_ptr(data);
    p.set_data_length(len);
    p.set_streaming_width(len);
    p.set_byte_enable_ptr(nullptr);
    p.set_byte_enable_length(0);
    p.set_dmi_allowed(false);
    p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

// The value of the len bytes (little-endian) a read brought back in data.
static inline uint32_t socsim_le_value(const unsigned char *data, unsigned len)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < len; i++)
        v |= (uint32_t)data[i] << (8 * i);
    return v;
}

#endif
