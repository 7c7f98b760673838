/* --trace FILE: a timeline of the run in simulated time, as Chrome's trace-event JSON
 * (docs/timing-analysis.md), which ui.perfetto.dev and chrome://tracing open.
 *
 * Per CPU, one track of function spans from calls and returns (the RISC-V psABI's, as
 * the profile sees them: soc/profile.h), with a trap's span ("machine timer interrupt",
 * "illegal instruction") around its handler's until mret; the machine's lines
 * (trace_each_signal: interrupt lines, the timer's compare, pads, PWM and SPI lines; a
 * UART's tx and rx but as its bytes) as counters (0/1); every byte a UART writes to its
 * back end as an instant on the back end's track; every frame an SPI controller exchanges
 * as a span over its bits on its bus's track (bus.spi_tap), named by the bytes out and in;
 * and the marks a Lua scenario makes (socsim.mark) on the scenario's track.  Spans nest: a span that is still open when recording stops is closed
 * then.  Times are microseconds with picosecond digits (ts 12.345678). */
#ifndef SOC_TIMELINE_H
#define SOC_TIMELINE_H

struct machine;

/* 0, or -1 with sim_err set naming the option. */
int timeline_open(struct machine *m, const char *path);
/* A scenario's mark at sim_now (socsim.mark): 1 when recorded, 0 when the timeline is
 * not recording, -1 with sim_err set when there is no --trace. */
int timeline_mark(struct machine *m, const char *name);

#endif
