/* A file the user names for socsim's output at the end of a run (--signature PATH):
 * checked before the run, written after it.
 *
 * A regular file, or one to be made, is replaced atomically: the output goes to a
 * temporary file beside it, renamed over it once complete, so the file is never half
 * written (it keeps its permission bits).  Through a symbolic link the link's target is
 * replaced and the link stays a link.  Anything else is written in place, never replaced:
 * a device (/dev/null, a terminal), a FIFO; /dev/stdout and /dev/stderr (links to
 * /proc/self/fd/N) are socsim's own descriptors, written where they stand. */
#ifndef SIM_OUTFILE_H
#define SIM_OUTFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

struct sim_outfile {
    char path[PATH_MAX]; /* the file to replace, or to write in place */
    bool replace;        /* a regular file (or a new one): write a temporary, rename it */
    bool existed;        /* the regular file exists: the new one takes its mode */
    mode_t mode;
    int own_fd; /* /dev/stdout, /dev/stderr: socsim's descriptor N; -1 otherwise */
    char tmp[PATH_MAX + 16];
};

/* Resolve and check `path` (the directory writable for a new file, the file writable
 * for an existing one).  0, or -1 with sim_err set (the caller names the option). */
int sim_outfile_check(struct sim_outfile *o, const char *path);
/* Open for writing (a temporary file when replacing).  NULL with sim_err set. */
FILE *sim_outfile_open(struct sim_outfile *o);
/* Close; when replacing, rename the temporary over the file, or remove it if anything
 * failed.  0, or -1 with sim_err set (a write error such as a full disk included). */
int sim_outfile_close(struct sim_outfile *o, FILE *f);
/* Close without completing: a temporary file is removed, the file left as it was (what
 * was written in place stays). */
void sim_outfile_discard(struct sim_outfile *o, FILE *f);
/* The directory part of `path` into dir: "a/b/c" -> "a/b", "c" -> ".", "/c" -> "/". */
void sim_path_dir(const char *path, char *dir, size_t n);

#endif
