// A SystemC model of the Ibex simple-system timer (docs/timing-models.md), for the
// tlm-target tests: the same registers and interrupt rule as peripherals/ibex_timer.c, so
// that firmware sees the same values and cycles with either.
//   +0x0/+0x4 mtime, +0x8/+0xc mtimecmp; any other offset answers
//   TLM_ADDRESS_ERROR_RESPONSE, except +0x200: the level of input `ext` (read-only).
// mtime counts cycles of `freq` (param, Hz; default 50000000) from SystemC time.  `irq`
// rises on the clock edge after a cycle with mtime >= mtimecmp and stays high until
// mtimecmp is written; a write takes effect on the next edge.  No annotated delay.
// transport_dbg (the debugger's access) reads as b_transport does; it takes no writes.
#include <cstdint>
#include <cstdlib>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "soc/systemc/socsim_tlm.h"

using namespace sc_core;

struct sc_timer : sc_module {
    tlm_utils::simple_target_socket<sc_timer> socket;
    sc_out<bool> irq;
    sc_in<bool> ext;

    uint64_t period; // ps per cycle
    uint64_t base_cycle = 0, base_val = 0, cmp = 0, arm_cycle = 0;
    bool level = false;
    sc_event rise;

    SC_HAS_PROCESS(sc_timer);
    sc_timer(sc_module_name n, uint64_t hz)
        : sc_module(n), socket("socket"), irq("irq"), ext("ext"), period(1000000000000ULL / hz)
    {
        socket.register_b_transport(this, &sc_timer::b_transport);
        socket.register_transport_dbg(this, &sc_timer::transport_dbg);
        SC_METHOD(on_rise);
        sensitive << rise;
        dont_initialize();
        SC_METHOD(start);
    }

    uint64_t now_cycle() const { return sc_time_stamp().value() / period; }
    uint64_t mtime_at(uint64_t c) const { return base_val + (c - base_cycle); }

    void start() { arm(); } // time 0: mtimecmp is 0, so the line rises after cycle 0

    void set_level(bool l)
    {
        level = l;
        irq.write(l);
    }

    void arm()
    {
        rise.cancel();
        if (level)
            return;
        uint64_t now = now_cycle();
        uint64_t from = now > arm_cycle ? now : arm_cycle;
        uint64_t m = mtime_at(from);
        uint64_t hit = m >= cmp ? from : from + (cmp - m);
        uint64_t edge = hit + 1;
        if (edge < hit || edge > UINT64_MAX / (period + 1))
            return; // beyond representable time: never
        uint64_t when = edge * period, t = sc_time_stamp().value();
        rise.notify(sc_time::from_value(when > t ? when - t : 0));
    }

    void on_rise() { set_level(true); }

    static uint64_t merge(uint64_t old, unsigned off, unsigned size, uint32_t val)
    {
        unsigned shift = 8 * (off & 7);
        uint64_t mask = (size == 4 ? 0xffffffffULL : (1ULL << (8 * size)) - 1) << shift;
        return (old & ~mask) | (((uint64_t)val << shift) & mask);
    }

    // The register at off as a read returns it now; false where there is none.
    bool read_reg(uint64_t off, unsigned char *d, unsigned len) const
    {
        uint64_t r;
        if (off < 8)
            r = mtime_at(now_cycle());
        else if (off < 16)
            r = cmp;
        else if ((off & ~3ULL) == 0x200)
            r = ext.read();
        else
            return false;
        r >>= 8 * (off & 7) % 64;
        for (unsigned i = 0; i < len; i++)
            d[i] = i < 8 ? (unsigned char)(r >> (8 * i)) : 0;
        return true;
    }

    unsigned transport_dbg(tlm::tlm_generic_payload &p)
    {
        unsigned len = p.get_data_length();
        return p.is_read() && read_reg(p.get_address(), p.get_data_ptr(), len) ? len : 0;
    }

    void b_transport(tlm::tlm_generic_payload &p, sc_time &)
    {
        uint64_t off = p.get_address();
        unsigned len = p.get_data_length();
        unsigned char *d = p.get_data_ptr();
        uint32_t v = 0;
        if (p.is_read()) {
            if (!read_reg(off, d, len)) {
                p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
                return;
            }
        } else {
            for (unsigned i = 0; i < len; i++)
                v |= (uint32_t)d[i] << (8 * i);
            uint64_t now = now_cycle();
            if (off < 8) {
                base_val = merge(mtime_at(now) + 1, (unsigned)off, len, v);
                base_cycle = now + 1;
            } else if (off < 16) {
                cmp = merge(cmp, (unsigned)off, len, v);
                arm_cycle = now + 1;
                set_level(false);
            } else {
                p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
                return;
            }
            arm();
        }
        p.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

extern "C" sc_module *socsim_tlm_create(const char *name, size_t n, const char *const *keys,
                                        const char *const *values)
{
    uint64_t hz = std::strtoull(socsim_tlm_param(n, keys, values, "freq", "50000000"), 0, 0);
    if (!hz || 1000000000000ULL % hz) {
        std::fprintf(stderr, "sc_timer: freq must divide 1 THz (a whole number of ps)\n");
        return nullptr;
    }
    return new sc_timer(name, hz);
}
