/* Fuzz harness: board scripts (lua/lb.c; -M FILE).  The input is a board script.  It runs
 * on a fresh machine as -M runs it, the machine is wired (machine_finalize) and freed: a
 * script error is a clear message, never a crash, a leak or undefined behaviour, and a
 * device that fails to be made leaves nothing behind.  Lua runs as socsim --sandbox
 * --lua-limit 200000 would run it, so the fuzzer neither hangs nor touches the host: the
 * limit ends a loop (pcall loops too), the sandbox takes away programs, writing files,
 * native code, bytecode and the debug library. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lb.h"
#include "soc/machine.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The largest board takes about 6000 Lua instructions. */
static const struct lb_options lua = {.lua_limit = 200000, .sandbox = true};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    setenv("SOCSIM_BOARDS", fuzz_tree_path("boards"), 1); /* for socsim.board_path */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const char *path = fuzz_file("board.lua", data, size);
    struct machine m;
    machine_init(&m);
    if (lb_run_board(&m, path, &lua) == 0)
        machine_finalize(&m);
    machine_free(&m);
    return 0;
}
