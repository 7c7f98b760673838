/* Fuzz harness: socsim's command line.  The input is argv, its arguments separated by NUL
 * bytes; everything socsim does before it builds a machine runs on it: the option table,
 * --opt=value, options given twice, each value's check (durations, counts, -d categories,
 * -accel) and the help requests (-device NAME,help, -chardev DRIVER,help, -M help, ...).
 * Every input must end in a clear error, help or a parsed command line: never a crash, a
 * leak or undefined behaviour.  main.c's functions are static: it is included whole, its
 * main renamed. */
#define main socsim_main
#include "sim/main.c"
#undef main

#include <stdint.h>

#include "tests/fuzz/fuzz.h"

#define MAX_ARGS 64

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    setenv("SOCSIM_BOARDS", fuzz_tree_path("boards"), 1); /* -M NAME, -M help */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = 0;
    char *argv[MAX_ARGS + 1] = {"socsim"};
    int argc = 1;
    for (char *p = buf; p < buf + size && argc < MAX_ARGS; p += strlen(p) + 1)
        argv[argc++] = p;
    argv[argc] = NULL;
    struct options o = {0};
    int rc = parse_args(argc, argv, &o);
    bool done = rc != 0;
    if (!done)
        help_requests(&o, &done);
    options_free(&o);
    free(buf);
    return 0;
}
