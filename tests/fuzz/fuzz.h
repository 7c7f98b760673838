/* What the fuzz harnesses (tests/fuzz/NAME.c, libFuzzer targets; docs/robustness.md)
 * share: a private scratch directory for the files a harness hands to socsim, the path of
 * the source tree, and a check that stops the run when an oracle fails. */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* "DIR/NAME" in the harness's own directory (made on first use, removed at exit): $FUZZ_SCRATCH
 * if set, which must not exist yet, else a fresh one in $TMPDIR. */
const char *fuzz_path(const char *name);
/* The same, after writing `data` to it (truncating what was there). */
const char *fuzz_file(const char *name, const void *data, size_t size);
/* "TREE/REL": a file of the source tree, found from the harness's place in build/fuzz/;
 * just REL when the harness runs from the top of the tree. */
const char *fuzz_tree_path(const char *rel);

/* An oracle failed: print why and abort, so libFuzzer keeps the input as a crash. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
