/* `monitor` commands (qRcmd): help, cycles, instret, time, stats, reset, info tree. */
#ifndef GDBSTUB_MONITOR_H
#define GDBSTUB_MONITOR_H

struct machine;
struct rv_cpu;
struct gdb_text;

/* Run one command line; output goes to out.  Returns 0, or -1 for an unknown command
 * (with a message in out). */
int gdb_monitor(struct machine *m, struct rv_cpu *c, const char *cmd, struct gdb_text *out);

#endif
