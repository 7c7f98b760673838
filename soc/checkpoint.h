/* Checkpoints: the whole machine's run-time state, in memory or in a file (docs/checkpoints.md).
 *
 * A checkpoint holds what a resumed run needs to go on exactly as the uninterrupted one
 * would (the same output, cycles and stall counters), and nothing that the command line
 * and the board give again (properties, wiring):
 *   - each device's declared state (struct dev_type state, soc/device.h), the levels of its
 *     IRQ outputs, the events inside it that are pending (time and sequence number, found
 *     in the kernel's heap), and what its type saves itself (the CPU: its timing model);
 *   - host memory: every region of the system bus that is host memory (RAM, ROM, a
 *     flash's XIP window), a page at a time, a page of one repeated byte as that byte;
 *   - the kernel's time and sequence counter;
 *   - each chardev's byte counts and the input it holds; a file chardev's position.
 * What the state determines is rebuilt when it is restored (decoded and translated code,
 * memo tables): the types' restored hooks.
 *
 * A checkpoint is made for one machine: board, firmware, devices and their properties, the
 * timing model and its properties, and the layout of the state this socsim saves (a type
 * that keeps other state in another build).  Restoring it into a machine that differs in
 * any of these is refused with a message naming what differs, before anything changes.
 *
 * File: "SOCSIMCP", the format version, the payload's length and CRC-32, then the payload
 * deflated (zlib).  In memory the payload is kept as it is. */
#ifndef SOC_CHECKPOINT_H
#define SOC_CHECKPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct machine;

/* ---- the byte streams a device type's save and load hooks use ---- */

struct ckpt_out {
    uint8_t *buf;
    size_t len, cap;
    bool oom; /* an allocation failed: the checkpoint is not made */
};

struct ckpt_in {
    const uint8_t *p;
    size_t len, pos;
    bool bad; /* read past the end: the checkpoint is damaged */
};

void ckpt_put(struct ckpt_out *w, const void *p, size_t n);
void ckpt_put_u8(struct ckpt_out *w, uint8_t v);
void ckpt_put_u32(struct ckpt_out *w, uint32_t v);
void ckpt_put_u64(struct ckpt_out *w, uint64_t v);
void ckpt_put_str(struct ckpt_out *w, const char *s); /* NULL as "" */

/* Readers return 0 (or "") once the stream is bad. */
const void *ckpt_get(struct ckpt_in *r, size_t n);
uint8_t ckpt_get_u8(struct ckpt_in *r);
uint32_t ckpt_get_u32(struct ckpt_in *r);
uint64_t ckpt_get_u64(struct ckpt_in *r);
/* A string saved with ckpt_put_str, copied into buf (n bytes), cut if longer. */
const char *ckpt_get_str(struct ckpt_in *r, char *buf, size_t n);

/* ---- checkpoints ---- */

struct ckpt;

/* The machine's state now, between instructions (the kernel is not inside a run).
 * NULL with sim_err set: a device that no checkpoint can hold, out of memory. */
struct ckpt *ckpt_take(struct machine *m);
/* Put cp's state in m.  Everything is checked first: on an error (sim_err set: what
 * differs, or that cp is damaged) m is as it was.  Then the machine is at cp's time, and
 * events that are not a device's (a scenario's timers) are left as they were. */
int ckpt_restore(struct machine *m, const struct ckpt *cp);
void ckpt_free(struct ckpt *cp);
/* Bytes cp takes in memory. */
size_t ckpt_size(const struct ckpt *cp);

/* cp was taken to end the run (--save-checkpoint): the machine stopped since
 * (machine_stop), and what the devices still held went to the back ends then.  cp
 * notes how many bytes that was per chardev, so that the resumed run does not send
 * them again when its devices do (and where a file chardev's file ends now). */
void ckpt_note_stop(struct ckpt *cp, struct machine *m);

/* The file: written whole or not at all (a temporary file renamed over `path`).  0, or -1
 * with sim_err set (unprefixed). */
int ckpt_write_file(const struct ckpt *cp, const char *path);
/* NULL with sim_err set (not naming the file): cannot read it, not a checkpoint, another format
 * version, damaged (truncated, a byte changed). */
struct ckpt *ckpt_read_file(const char *path);

/* A resumed run's output to a file chardev goes after what the saving run wrote there:
 * the chardevs restored from a checkpoint (ckpt_restore) before the back ends start
 * (chardev_start_all) append where the checkpoint's file ended. */

/* The simulated time and instructions executed (retired or faulting, all CPUs) at cp. */
uint64_t ckpt_time(const struct ckpt *cp);
uint64_t ckpt_insns(const struct ckpt *cp);

#endif
