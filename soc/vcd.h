/* --vcd FILE[,signals=PATTERN]: a Value Change Dump (IEEE 1364-2005 section 18) of the
 * machine's signals, which GTKWave and other waveform viewers open.
 *
 * Every signal of every device with an id is a wire named by its tree name
 * "<device-id>.<output>" (dev_signal: IRQ outputs, GPIO pads, UART and SPI lines, PWM
 * outputs, a CPU's interrupt lines "cpu0.mip.mtip"); the dots make the scopes GTKWave
 * shows.  signals= keeps those whose name matches a glob (fnmatch: "uart0.*", "*.irq*");
 * given several times, a name matching any is kept.  Times are picoseconds of simulated
 * time ($timescale 1ps), each change at the time it happened.  The output is a trace
 * output (soc/trace.h): it listens to its signals only while the window is open, and
 * writes $dumpvars (later $dumpon) with every level when the window opens, $dumpoff when
 * it closes.  The file is written as --signature's is (sim/outfile.h): a regular file is
 * replaced once complete, so a run that fails leaves no half-written file. */
#ifndef SOC_VCD_H
#define SOC_VCD_H

#include <stdio.h>

struct machine;

/* Create the output `spec` ("FILE[,signals=PATTERN]...") asks for on machine m (built and
 * finalized), write its header, and give it to the machine's trace.  0, or -1 with sim_err
 * set, naming the option ("--vcd out.vcd,signals=uart9.*: no signal matches 'uart9.*'"). */
int vcd_open(struct machine *m, const char *spec);
/* --vcd help: every signal a VCD may hold, one tree name a line. */
void vcd_list(struct machine *m, FILE *f);

#endif
