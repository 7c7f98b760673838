// A CRC-32 accelerator (IEEE 802.3, reflected, as zlib's crc32) with an annotated latency,
// for the tlm-target tests.
//   +0x0 DATA    write: feeds the word's 4 bytes, lowest first (a byte or halfword store
//                feeds that many bytes); read: TLM_GENERIC_ERROR_RESPONSE
//   +0x4 RESULT  read: the CRC of the bytes fed so far; write: TLM_GENERIC_ERROR_RESPONSE
//   +0x8 CTRL    write: start over (no bytes fed); read: bytes fed so far
// Any other offset: TLM_ADDRESS_ERROR_RESPONSE.  Every access annotates `latency` (param,
// picoseconds; default 110000); RESULT reads annotate `result-latency` (default the same).
// `done` (sc_out<bool>) rises `done-after` ps (default 0: never) after a DATA write and
// falls at the next access.  With `wait=1` the model spends its latency in wait() inside
// b_transport instead of annotating it (the loosely-timed style without a delay).
// transport_dbg (the debugger's access) reads RESULT and CTRL as a read does, leaving
// `done` as it is; it takes no writes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "soc/systemc/socsim_tlm.h"

using namespace sc_core;

struct sc_crc : sc_module {
    tlm_utils::simple_target_socket<sc_crc> socket;
    sc_out<bool> done;

    sc_time latency, result_latency, done_after;
    bool waits = false;
    uint32_t state = 0xffffffffu, fed = 0;
    sc_event done_ev;

    SC_HAS_PROCESS(sc_crc);
    sc_crc(sc_module_name n, uint64_t lat, uint64_t rlat, uint64_t after)
        : sc_module(n), socket("socket"), done("done"), latency(sc_time::from_value(lat)),
          result_latency(sc_time::from_value(rlat)), done_after(sc_time::from_value(after))
    {
        socket.register_b_transport(this, &sc_crc::b_transport);
        socket.register_transport_dbg(this, &sc_crc::transport_dbg);
        SC_METHOD(on_done);
        sensitive << done_ev;
        dont_initialize();
    }

    void on_done() { done.write(true); }

    void feed(uint8_t b)
    {
        state ^= b;
        for (int k = 0; k < 8; k++)
            state = state & 1 ? (state >> 1) ^ 0xedb88320u : state >> 1;
        fed++;
    }

    // RESULT or CTRL as a read returns it; false at any other offset.
    bool read_reg(uint64_t off, unsigned char *d, unsigned len) const
    {
        uint32_t r;
        if (off == 4)
            r = ~state;
        else if (off == 8)
            r = fed;
        else
            return false;
        for (unsigned i = 0; i < len; i++)
            d[i] = i < 4 ? (unsigned char)(r >> (8 * i)) : 0;
        return true;
    }

    unsigned transport_dbg(tlm::tlm_generic_payload &p)
    {
        unsigned len = p.get_data_length();
        return p.is_read() && read_reg(p.get_address(), p.get_data_ptr(), len) ? len : 0;
    }

    void b_transport(tlm::tlm_generic_payload &p, sc_time &delay)
    {
        uint64_t off = p.get_address();
        unsigned len = p.get_data_length();
        unsigned char *d = p.get_data_ptr();
        done.write(false);
        done_ev.cancel();
        sc_time lat = latency;
        if (off == 0 && p.is_write()) {
            for (unsigned i = 0; i < len; i++)
                feed(d[i]);
            if (done_after != SC_ZERO_TIME)
                done_ev.notify(done_after);
        } else if (p.is_read() && read_reg(off, d, len)) {
            if (off == 4)
                lat = result_latency;
        } else if (off == 8 && p.is_write()) {
            state = 0xffffffffu, fed = 0;
        } else if (off == 0 || off == 4) {
            p.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
            return;
        } else {
            p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
            return;
        }
        if (waits)
            wait(lat);
        else
            delay += lat;
        p.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

static uint64_t num(size_t n, const char *const *k, const char *const *v, const char *key,
                    const char *def)
{
    return std::strtoull(socsim_tlm_param(n, k, v, key, def), 0, 0);
}

extern "C" sc_module *socsim_tlm_create(const char *name, size_t n, const char *const *keys,
                                        const char *const *values)
{
    uint64_t lat = num(n, keys, values, "latency", "110000");
    char def[32];
    std::snprintf(def, sizeof def, "%llu", (unsigned long long)lat);
    sc_crc *m = new sc_crc(name, lat, num(n, keys, values, "result-latency", def),
                           num(n, keys, values, "done-after", "0"));
    m->waits = num(n, keys, values, "wait", "0") != 0;
    return m;
}
