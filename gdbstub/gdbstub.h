/* The GDB stub: a remote serial protocol server for the machine's first CPU.
 *
 *   -s                  same as -gdb tcp::1234
 *   -gdb tcp:[HOST]:PORT  listen on TCP (HOST defaults to localhost)
 *   -gdb unix:PATH      listen on a Unix socket
 *   -S                  hold the CPU at reset until gdb connects and continues
 *
 * The stub never adds simulated work: while the target is stopped the simulation is not
 * run at all (simulated time stands still), and while it runs the stub only looks at its
 * socket from the kernel's host poller, between events.  Connections come one after
 * another: after a detach or a dropped connection the firmware runs freely and the stub
 * accepts the next one, which stops the firmware where it is. */
#ifndef GDBSTUB_GDBSTUB_H
#define GDBSTUB_GDBSTUB_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"

struct machine;
struct gdb_stub;

/* Listen on `spec` ("tcp::1234", "tcp:127.0.0.1:1234", "unix:/tmp/s").  With `wait`, the
 * first gdb_stub_run() blocks for a connection before anything executes.  With a
 * reverse_interval, gdb can run the firmware backwards (reverse.h): a checkpoint is kept
 * every that many instructions.  Returns NULL with sim_err set. */
struct gdb_stub *gdb_stub_open(struct machine *m, const char *spec, bool wait,
                               uint64_t reverse_interval);

/* The run loop with a debugger: like sim_run(), but stops for gdb are served here.
 * Returns the reason the simulation ended (exit, a limit, an error, a reset request,
 * or SIM_STOP_HOST when gdb killed the program). */
enum sim_stop_reason gdb_stub_run(struct gdb_stub *g);

void gdb_stub_close(struct gdb_stub *g);

#endif
