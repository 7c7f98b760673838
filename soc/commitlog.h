/* --log-commits FILE[,cycles=on]: one line per retired instruction in the format of Spike's
 * --log-commits (docs/timing-analysis.md), so that a run diffs line by line against Spike
 * or an RTL core's retirement trace:
 *
 *   core   0: 3 0x80000004 (0x00a00513) x10 0x0000000a
 *   core   0: 3 0x80000008 (0x00a12023) mem 0x80001000 0x0000000a
 *
 * the hart, the privilege level, the pc, the encoding (4 hex digits for a compressed
 * one), then what it wrote: a register ("x10 VALUE"), a CSR ("c768_mstatus VALUE"), a
 * load's address ("mem ADDR"), a store's address and value.  A trap is marked as Spike
 * marks it, "core   0: exception trap_illegal_instruction, epc 0x..." (an interrupt:
 * "exception interrupt #7"), with a "tval" line where the cause has one.  cycles=on adds
 * the cycle the instruction retired in (the CPU's cycle counter after it) at the end. */
#ifndef SOC_COMMITLOG_H
#define SOC_COMMITLOG_H

struct machine;

/* 0, or -1 with sim_err set naming the option. */
int commitlog_open(struct machine *m, const char *spec);

#endif
