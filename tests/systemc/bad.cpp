// Broken models, for the start-up errors tests/systemc/tlm.sh checks: param mode=
//   null      the factory returns NULL       nosocket  a module without a target socket
//   throw     the factory throws             twosockets  two target sockets
#include <stdexcept>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "soc/systemc/socsim_tlm.h"

using namespace sc_core;

struct no_socket : sc_module {
    sc_out<bool> irq;
    explicit no_socket(sc_module_name n) : sc_module(n), irq("irq") {}
};

struct two_sockets : sc_module {
    tlm_utils::simple_target_socket<two_sockets> a, b;
    explicit two_sockets(sc_module_name n) : sc_module(n), a("a"), b("b") {}
};

extern "C" sc_module *socsim_tlm_create(const char *name, size_t n, const char *const *keys,
                                        const char *const *values)
{
    std::string mode = socsim_tlm_param(n, keys, values, "mode", "null");
    if (mode == "nosocket")
        return new no_socket(name);
    if (mode == "twosockets")
        return new two_sockets(name);
    if (mode == "throw")
        throw std::runtime_error("bad parameters");
    return nullptr;
}
