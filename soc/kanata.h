/* --pipeline FILE[,cpu=ID]: the pipeline of a CPU, instruction by instruction, as its
 * timing model works it out (soc/pipeline.h), in the Kanata log format (version 0004) that
 * the Konata pipeline viewer opens.
 *
 * Kanata is tab-separated text: the header "Kanata\t0004", "C=\tN" (the first cycle),
 * "C\tN" (N cycles later), and per instruction "I\tID\tSEQ\tTHREAD" (it appears), "L\tID\t0
 * \tTEXT" (its label), "S\tID\tLANE\tSTAGE" and "E\tID\tLANE\tSTAGE" (a stage starts and
 * ends; lane 0 the stages, lane 1 the stalls, named by their cause), "R\tID\tRETIRE\tTYPE"
 * (it leaves: 0 retired, 1 flushed).  Time only goes forward in the file, so rows are held
 * until no later row can have an event before theirs.  The output is a trace output
 * (soc/trace.h): it records between the window's edges; the CPU interprets meanwhile (its
 * translated blocks do not report stages).  The file is written as --signature's is
 * (sim/outfile.h). */
#ifndef SOC_KANATA_H
#define SOC_KANATA_H

struct machine;

/* Create the output `spec` ("FILE[,cpu=ID]") asks for on machine m (built and finalized)
 * and give it to the machine's trace.  0, or -1 with sim_err set, naming the option
 * ("--pipeline p.log: cpu0 runs the functional timing model, which has no pipeline"). */
int kanata_open(struct machine *m, const char *spec);

#endif
