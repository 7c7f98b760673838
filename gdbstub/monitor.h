/* `monitor` commands (qRcmd): help, cycles, instret, time, stats, reset, info tree. */
#ifndef GDBSTUB_MONITOR_H
#define GDBSTUB_MONITOR_H

struct machine;
struct cpu;
struct gdb_text;

/* Run one command line about CPU c of machine m; output goes to out.  run_s: host
 * seconds the target has run so far (stats' host MIPS).  Returns 0, or -1 for an unknown
 * command (with a message in out). */
int gdb_monitor(struct machine *m, struct cpu *c, double run_s, const char *cmd,
                struct gdb_text *out);

#endif
