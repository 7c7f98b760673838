/* socsim as a library: build a machine from a board script and firmware, run it to a
 * time, and serve the board's external regions from the host program.  This is what
 * soc/systemc/socsim_sc_module.cpp (socsim inside a SystemC platform) is built on;
 * docs/systemc.md describes both.  Link build/libsocsim.a whole (its device types
 * register themselves from constructors):
 *   -Wl,--whole-archive build/libsocsim.a -Wl,--no-whole-archive -llua5.4 -lelf -lutil -lm
 *
 * One machine at a time per thread; nothing here is thread-safe. */
#ifndef SIM_SOCSIM_H
#define SIM_SOCSIM_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

struct socsim;
struct device;

struct socsim_config {
    const char *board;             /* -M: a name from boards/ or a path to a .lua file */
    const char *kernel;            /* -kernel: the firmware ELF */
    const char *cpu_model;         /* -cpu-model MODEL[,PROP=VALUE...], NULL: the board's */
    const char *const *globals;    /* -global D.P=V specs, NULL-terminated, or NULL */
    const char *serial;            /* -serial for the board's first UART, NULL: stdio */
};

/* Build and reset the machine.  NULL on an error, whose message socsim_error() gives
 * ("socsim: -M foo: unknown board 'foo'"). */
struct socsim *socsim_open(const struct socsim_config *cfg);
const char *socsim_error(void);
/* Flush every back end (a UART's last bytes), then free everything. */
void socsim_close(struct socsim *s);

struct machine *socsim_machine(struct socsim *s);
sim_time_t socsim_now(struct socsim *s);
/* Push what the firmware wrote to the back ends (UARTs) out now. */
void socsim_flush(struct socsim *s);
/* CPU n's cycles and retired instructions since reset (0 when there is no CPU n). */
uint64_t socsim_cycles(struct socsim *s, unsigned n);
uint64_t socsim_instructions(struct socsim *s, unsigned n);

/* Run until simulated time t, or until the firmware exits or the machine cannot go on.
 * Returns SIM_RUNNING when t was reached, else why it stopped (SIM_STOP_EXIT: the exit
 * code is socsim_exit_code()).  A processor may end past t by the cycles of its last
 * instruction, as at any event.  From a callback during the run (an external access),
 * socsim_limit() brings t earlier. */
enum sim_stop_reason socsim_run_until(struct socsim *s, sim_time_t t);
void socsim_limit(struct socsim *s, sim_time_t t);
int socsim_exit_code(struct socsim *s);

/* External regions: devices of type `external` that the board placed
 * (`-device external,id=ID,addr=A,size=N[,irq=LINK]`).  Each access of the firmware in
 * one calls its handler at the CPU's time; the handler fills *val on a read, may add a
 * latency in picoseconds to *delay_ps (wait cycles for the CPU, rounded up to its
 * clock), and returns false for an access fault.  Unbound, every access faults. */
typedef bool (*socsim_external_fn)(void *opaque, bool write, uint32_t offset, unsigned size,
                                   uint32_t *val, uint64_t *delay_ps);
unsigned socsim_external_count(struct socsim *s);
struct device *socsim_external(struct socsim *s, unsigned i); /* in creation order */
const char *socsim_external_id(const struct device *d);
uint32_t socsim_external_base(const struct device *d);
uint32_t socsim_external_size(const struct device *d);
bool socsim_external_has_irq(const struct device *d);           /* irq= is linked */
void socsim_external_bind(struct device *d, socsim_external_fn fn, void *opaque);
/* The debugger's reads of a region (gdb, semihosting's buffers, --signature; dev_type.peek
 * in soc/device.h): the handler fills *val with what a read of that size would return now,
 * without the read's side effects and without time passing, and returns false where it
 * cannot (socsim_sc_module: the target's transport_dbg).  Unbound, the debugger cannot read
 * the region.  The debugger's writes go to the socsim_external_fn handler, as the guest's
 * stores do. */
typedef bool (*socsim_external_peek_fn)(void *opaque, uint32_t offset, unsigned size,
                                        uint32_t *val);
void socsim_external_bind_peek(struct device *d, socsim_external_peek_fn fn, void *opaque);
/* Drive the region's irq output at the current simulated time. */
void socsim_external_irq(struct device *d, bool level);

#ifdef __cplusplus
}
#endif

#endif
