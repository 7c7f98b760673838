/* For authors of SystemC models that socsim's `tlm-target` device loads (docs/systemc.md).
 *
 * A model library is a shared object built against SystemC that exports one C-linkage
 * factory, socsim_tlm_create: it constructs the TLM-2.0 target module and returns it.
 * socsim then finds, among the module's direct children:
 *   - its one target socket (any bus width): every guest access in the device's window
 *     arrives there as a tlm_generic_payload through b_transport, the address being the
 *     offset in the window; DMI is used where get_direct_mem_ptr grants it;
 *   - its sc_out<bool> ports, in declaration order: they drive the device's irq, irq1, ...
 *     links (socsim IRQ lines);
 *   - its sc_in<bool> ports, in declaration order: the device's numbered inputs
 *     (<device-id>.0, .1, ...) that socsim IRQ lines and GPIO pins drive.
 * Leave those ports unbound: socsim binds them.  The parameters are the device's
 * params=KEY=VALUE;KEY=VALUE text, split, in order.
 *
 *   extern "C" sc_core::sc_module *socsim_tlm_create(const char *name, size_t n,
 *                                                    const char *const *keys,
 *                                                    const char *const *values);
 *
 * Return NULL (after printing why on stderr) when a parameter is wrong: socsim then fails
 * to start with a message naming the library. */
#ifndef SOC_SYSTEMC_SOCSIM_TLM_H
#define SOC_SYSTEMC_SOCSIM_TLM_H

#include <cstddef>
#include <cstring>
#include <systemc>

#define SOCSIM_TLM_FACTORY "socsim_tlm_create"

extern "C" {
typedef sc_core::sc_module *(*socsim_tlm_factory)(const char *name, size_t n,
                                                  const char *const *keys,
                                                  const char *const *values);
}

/* The value of parameter `key`, or `def` when it was not given. */
static inline const char *socsim_tlm_param(size_t n, const char *const *keys,
                                           const char *const *values, const char *key,
                                           const char *def)
{
    for (size_t i = 0; i < n; i++)
        if (std::strcmp(keys[i], key) == 0)
            return values[i];
    return def;
}

#endif
