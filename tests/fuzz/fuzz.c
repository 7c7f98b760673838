/* The harnesses' shared helpers (fuzz.h). */
#define _GNU_SOURCE
#include "tests/fuzz/fuzz.h"

#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[PATH_MAX];

/* Lua 5.4 seeds its string hashes with time(NULL) (lstate.c, luai_makeseed), so the order in
 * which a board's table hands socsim its properties, and with it the code a harness
 * reaches, would change from one second to the next.  socsim itself never calls time(), so
 * in the harnesses it stands still: with the addresses fixed (fuzz.sh runs them with
 * address randomization off) a fixed-seed run repeats exactly. */
time_t time(time_t *t)
{
    if (t)
        *t = 0;
    return 0;
}

static void remove_dir(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz: could not remove %s\n", dir);
}

const char *fuzz_path(const char *name)
{
    if (!dir[0]) {
        /* FUZZ_SCRATCH names it (fuzz.sh: the same path on every run, since the paths a
         * harness hands socsim are inputs to the code it covers too), else a fresh one */
        const char *fixed = getenv("FUZZ_SCRATCH"), *tmp = getenv("TMPDIR");
        if (fixed && *fixed) {
            snprintf(dir, sizeof dir, "%s", fixed);
            if (mkdir(dir, 0700) != 0)
                fuzz_fail("cannot make the scratch directory %s", dir);
        } else {
            snprintf(dir, sizeof dir, "%s/socsim-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
            if (!mkdtemp(dir))
                fuzz_fail("cannot make a scratch directory in %s", tmp && *tmp ? tmp : "/tmp");
        }
        atexit(remove_dir);
    }
    static char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

const char *fuzz_file(const char *name, const void *data, size_t size)
{
    const char *path = fuzz_path(name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) || close(fd) != 0)
        fuzz_fail("cannot write %s", path);
    return path;
}

const char *fuzz_tree_path(const char *rel)
{
    static char path[PATH_MAX + 64];
    char exe[PATH_MAX], up[PATH_MAX + 8], tree[PATH_MAX], cwd[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        fuzz_fail("cannot read /proc/self/exe");
    exe[n] = 0;
    snprintf(up, sizeof up, "%s/../..", dirname(exe)); /* build/fuzz/NAME */
    /* Run from the top of the tree (fuzz.sh), the path as written there: the same path,
     * so the same run, in every checkout */
    if (realpath(up, tree) && getcwd(cwd, sizeof cwd) && strcmp(tree, cwd) == 0)
        snprintf(path, sizeof path, "%s", rel);
    else
        snprintf(path, sizeof path, "%s/%s", up, rel);
    return path;
}

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "fuzz: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    abort();
}
