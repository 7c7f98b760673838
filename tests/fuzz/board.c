/* Fuzz harness: board scripts (lua/lb.c; -M FILE).  The input is a board script.  It runs
 * on a fresh machine as -M runs it, the machine is wired (machine_finalize) and freed: a
 * script error is a clear message, never a crash, a leak or undefined behaviour, and a
 * device that fails to be made leaves nothing behind.
 *
 * Lua is bounded and kept off the host here, so the fuzzer neither hangs nor touches the
 * machine it runs on: a count hook ends a script after LIMIT VM instructions (from then
 * on every instruction raises the error, so no pcall loop outlives it), and a prelude run
 * in the same state first takes away os.execute/remove/rename/exit, io, debug and
 * package loading; dofile may only load what socsim.board_path names (a board building on
 * on another, as boards may). */
#include <lauxlib.h>
#include <lua.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lb.h"
#include "lua/lb_int.h"
#include "sim/error.h"
#include "soc/machine.h"
#include "tests/fuzz/fuzz.h"

#define LIMIT 200000 /* VM instructions per script: the largest board takes about 6000 */
#define EVERY 1000

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char prelude[] =
    "local socsim = require 'socsim'\n"
    "for _, k in ipairs{'execute', 'exit', 'remove', 'rename', 'tmpname', 'getenv'} do\n"
    "    os[k] = nil\n"
    "end\n"
    "for k in pairs(io) do io[k] = nil end\n"
    "debug, package.loaded.debug, package.loadlib = nil, nil, nil\n"
    "package.path, package.cpath = '', ''\n"
    "local board_path, real_dofile, named = socsim.board_path, dofile, {}\n"
    "socsim.board_path = function(name)\n"
    "    local p = board_path(name)\n"
    "    named[p] = true\n"
    "    return p\n"
    "end\n"
    "dofile = function(p)\n"
    "    if not named[p] then error('fuzz: dofile of a file board_path did not name') end\n"
    "    return real_dofile(p)\n"
    "end\n"
    "loadfile = nil\n";

static const char *prelude_path;
static unsigned long executed;

static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    executed += EVERY;
    if (executed < LIMIT)
        return;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    luaL_error(L, "fuzz: more than %d Lua instructions", LIMIT);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    setenv("SOCSIM_BOARDS", fuzz_tree_path("boards"), 1);
    prelude_path = strdup(fuzz_file("prelude.lua", prelude, sizeof prelude - 1));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const char *path = fuzz_file("board.lua", data, size);
    struct machine m;
    machine_init(&m);
    if (lb_run_board(&m, prelude_path))
        fuzz_fail("the prelude failed: %s", sim_err_msg());
    executed = 0;
    lua_sethook(m.lua->L, count_hook, LUA_MASKCOUNT, EVERY);
    if (lb_run_board(&m, path) == 0)
        machine_finalize(&m);
    machine_free(&m);
    return 0;
}
