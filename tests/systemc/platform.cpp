// A SystemC virtual platform with socsim's core in it (tests/systemc/platform.sh):
// socsim_sc_module runs a board whose UART and a memory are `external` regions, served
// here by SystemC models: an ns16550a-like UART (THR, LSR) that prints to stdout, and a
// memory with an annotated latency, and an interrupt generator (irqgen.h) whose output
// drives socsim's PLIC through the module's sc_in<bool>.  The memory answers transport_dbg
// (the debugger's reads: semihosting's buffers); the UART does not.
//   platform BOARD FIRMWARE QUANTUM_PS MEM_LATENCY_PS [CPU_MODEL]
// On exit prints "cycles N instructions N exit N" on stderr.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "soc/systemc/socsim_sc_module.h"
#include "tests/systemc/irqgen.h"

using namespace sc_core;

struct uart_model : sc_module {
    tlm_utils::simple_target_socket<uart_model> socket;
    explicit uart_model(sc_module_name n) : sc_module(n), socket("socket")
    {
        socket.register_b_transport(this, &uart_model::b_transport);
    }
    void b_transport(tlm::tlm_generic_payload &p, sc_time &)
    {
        unsigned char *d = p.get_data_ptr();
        uint64_t a = p.get_address();
        if (p.is_write() && a == 0)
            std::fputc(d[0], stdout); // THR
        else if (p.is_read())
            std::memset(d, a == 5 ? 0x60 : 0, p.get_data_length()); // LSR: THRE | TEMT
        p.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

struct memory_model : sc_module {
    tlm_utils::simple_target_socket<memory_model> socket;
    std::vector<unsigned char> mem;
    sc_time latency;
    memory_model(sc_module_name n, size_t size, sc_time lat)
        : sc_module(n), socket("socket"), mem(size), latency(lat)
    {
        socket.register_b_transport(this, &memory_model::b_transport);
        socket.register_transport_dbg(this, &memory_model::transport_dbg);
    }
    unsigned transport_dbg(tlm::tlm_generic_payload &p)
    {
        uint64_t a = p.get_address();
        unsigned n = p.get_data_length();
        if (!p.is_read() || a + n > mem.size())
            return 0;
        std::memcpy(p.get_data_ptr(), &mem[a], n);
        return n;
    }
    void b_transport(tlm::tlm_generic_payload &p, sc_time &delay)
    {
        uint64_t a = p.get_address();
        unsigned n = p.get_data_length();
        if (a + n > mem.size()) {
            p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
            return;
        }
        if (p.is_read())
            std::memcpy(p.get_data_ptr(), &mem[a], n);
        else
            std::memcpy(&mem[a], p.get_data_ptr(), n);
        delay += latency;
        p.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

int sc_main(int argc, char **argv)
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: platform BOARD FIRMWARE QUANTUM_PS MEM_LATENCY_PS "
                             "[CPU_MODEL]\n");
        return 2;
    }
    socsim_sc_module::config cfg;
    cfg.board = argv[1];
    cfg.kernel = argv[2];
    cfg.quantum = sc_time::from_value(std::strtoull(argv[3], 0, 0));
    if (argc > 5)
        cfg.cpu_model = argv[5];
    socsim_sc_module *soc;
    try {
        soc = new socsim_sc_module("soc", cfg);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    uart_model uart("uart");
    memory_model mem("mem", 64 * 1024, sc_time::from_value(std::strtoull(argv[4], 0, 0)));
    irqgen gen("irqgen");
    // Driven by the generator's process and by its b_transport, in socsim's thread.
    sc_signal<bool, SC_MANY_WRITERS> gen_irq("gen_irq");
    gen.irq.bind(gen_irq);
    try {
        soc->socket("uart0").bind(uart.socket);
        soc->socket("extmem").bind(mem.socket);
        soc->socket("irqgen").bind(gen.socket);
        soc->irq("irqgen").bind(gen_irq);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    sc_start();
    std::fflush(stdout);
    std::fprintf(stderr, "cycles %llu instructions %llu exit %d\n",
                 (unsigned long long)soc->cycles(), (unsigned long long)soc->instructions(),
                 soc->exit_code());
    return soc->exited() ? soc->exit_code() : 1;
}
