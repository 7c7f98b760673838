// tests/systemc/irqgen.h as a tlm-target model.
#include "tests/systemc/irqgen.h"

#include "soc/systemc/socsim_tlm.h"

extern "C" sc_core::sc_module *socsim_tlm_create(const char *name, size_t, const char *const *,
                                                 const char *const *)
{
    return new irqgen(name);
}
