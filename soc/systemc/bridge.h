/* The SystemC bridge's C interface: what the `tlm-target` device (peripherals/tlm_target.c,
 * plain C) asks of the plugin build/libsocsim-systemc.so (soc/systemc/tlm_bridge.cpp, C++
 * built against libsystemc).  socsim loads the plugin with dlopen on the first tlm-target,
 * so the socsim program itself neither links nor needs SystemC.
 *
 * The SystemC kernel is one per process: every model of every tlm-target lives in it, and
 * socsim's kernel is the master of time.  The bridge advances SystemC to the time socsim
 * gives (never backwards), runs the delta cycles there, and reports the time of SystemC's
 * next pending activity so that socsim schedules an event for it.  Times are picoseconds,
 * SystemC's time resolution. */
#ifndef SOC_SYSTEMC_BRIDGE_H
#define SOC_SYSTEMC_BRIDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SCB_ABI 2            /* 2: debug_read */
#define SCB_NEVER UINT64_MAX /* no pending SystemC activity */

/* What a transaction came back with (the tlm_response_status, folded). */
enum scb_status {
    SCB_OK = 0,
    SCB_ADDRESS_ERROR,  /* TLM_ADDRESS_ERROR_RESPONSE */
    SCB_GENERIC_ERROR,  /* TLM_GENERIC_ERROR_RESPONSE, command/burst/byte-enable errors,
                           a response left incomplete, or an exception in the model */
};

struct scb_model;

/* socsim's side of one model: an output port of the model changed level.  Called after
 * SystemC has returned control (never from inside a SystemC process), in the order the
 * changes happened. */
struct scb_host {
    void *opaque;
    void (*output)(void *opaque, unsigned n, bool level);
};

struct scb_api {
    int abi; /* SCB_ABI */
    /* Load `lib`, call its factory with the instance name and the parameters, and bind the
     * module's target socket and its sc_in<bool>/sc_out<bool> ports.  NULL with a message
     * in err (which names the library) when any of it fails.  Only before the first
     * sync: SystemC elaborates once. */
    struct scb_model *(*open)(const char *lib, const char *name, size_t nparams,
                              const char *const *keys, const char *const *values,
                              const struct scb_host *host, char *err, size_t errlen);
    /* The device goes away: no more output callbacks, DMI pointers forgotten.  The model
     * itself stays (SystemC cannot remove a module). */
    void (*close)(struct scb_model *m);
    unsigned (*outputs)(const struct scb_model *m);
    unsigned (*inputs)(const struct scb_model *m);
    const char *(*output_name)(const struct scb_model *m, unsigned n);
    const char *(*input_name)(const struct scb_model *m, unsigned n);
    /* One access of len bytes (1, 2 or 4, little-endian in data) at offset addr of the
     * model's address space, at socsim time now.  Through DMI when the model granted it
     * for the range, else b_transport.  *delay_ps: the latency the model annotated (or the
     * DMI latency), plus any SystemC time a wait() in b_transport consumed. */
    enum scb_status (*transport)(struct scb_model *m, bool write, uint64_t addr, uint8_t *data,
                                 unsigned len, uint64_t now, uint64_t *delay_ps);
    /* The debugger's read (gdb, Lua's socsim.read32, semihosting; dev_type.peek): len bytes
     * at addr into data as the model holds them at socsim time now, without side effects
     * and without time passing in the model.  That is TLM-2.0's debug transport interface
     * (transport_dbg, IEEE 1666-2011 clause 11), used unless DMI the model granted covers
     * the range (then a copy from the pointer).  SystemC is first brought to now, as for
     * transport: the passing of time, not an effect of the read.  Returns the bytes read:
     * fewer than len when the model refuses the address, 0 when it does not implement
     * transport_dbg. */
    unsigned (*debug_read)(struct scb_model *m, uint64_t addr, uint8_t *data, unsigned len,
                           uint64_t now);
    /* Drive the model's input n at socsim time now. */
    void (*set_input)(struct scb_model *m, unsigned n, bool level, uint64_t now);
    /* Advance SystemC to now and run its delta cycles there. */
    void (*sync)(uint64_t now);
    /* Absolute time of SystemC's next pending activity, SCB_NEVER when none. */
    uint64_t (*next_activity)(void);
};

/* The plugin's one exported entry point. */
const struct scb_api *socsim_systemc_bridge(void);
#define SCB_ENTRY "socsim_systemc_bridge"

#ifdef __cplusplus
}
#endif

#endif
