/* Boards and scenarios are code: what keeps socsim itself safe from them, and a user from
 * a script they did not write.
 *
 * - Every Lua API call that can raise runs protected, and every error becomes one message
 *   that names the script's line (lb_msgh, lb_describe), whatever the error object is.
 * - The instruction limit (--lua-limit): Lua may run a bounded number of VM instructions
 *   while simulated time stands still, so an endless loop or an endless chain of callbacks
 *   at one instant stops with an error instead of hanging socsim; callbacks driven by
 *   simulated time are bounded by --max-time.  The same hook stops Lua on a signal.
 * - require finds modules only beside the script and on the board path (never in the
 *   current directory by default, never native modules).
 * - The sandbox (--sandbox): no programs (os.execute, io.popen), no native code
 *   (package.loadlib), no debug library, no precompiled chunks, and no file written,
 *   removed or renamed except under the --sandbox-write directories. */
#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <lua.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lua/lb_int.h"
#include "sim/host_signal.h"
#include "sim/outfile.h"
#include "soc/machine.h"

#define LB_OPTION_ERR "socsim.option_error"
static char exit_key; /* the error object of an exit: its address */
#define LB_LIMIT_ERR "socsim.limit_error"
#define LB_HOOK_CHUNK 65536 /* instructions between two looks at the limit, at most */

/* ---- errors ---- */

const char *lb_split_position(const char *msg, size_t *file_len, long *line)
{
    for (const char *c = msg; *c && *c != '\n'; c++) {
        if (*c != ':')
            continue;
        const char *p = c + 1;
        long n = 0;
        while (*p >= '0' && *p <= '9' && n < 100000000)
            n = n * 10 + (*p++ - '0');
        if (p > c + 1 && p[0] == ':' && p[1] == ' ') {
            *file_len = (size_t)(c - msg);
            *line = n;
            return p + 2;
        }
    }
    return NULL;
}

/* "file:123: ..." on its first line already says where. */
static bool has_position(const char *msg)
{
    size_t n;
    long line;
    return lb_split_position(msg, &n, &line) != NULL;
}

static int tostring_k(lua_State *L)
{
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* The value at 1 as text: a string as it is, else what its __tostring gives (run
 * protected: it may raise or return something else), a number, boolean or nil as
 * tostring() writes it, else "a TYPE value". */
static int describe_k(lua_State *L)
{
    int t = lua_type(L, 1);
    if (t == LUA_TSTRING)
        return 1;
    if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        lua_pushcfunction(L, tostring_k);
        lua_pushvalue(L, 1);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK)
            return 1;
        lua_pushfstring(L, "a %s value whose __tostring failed (%s)", luaL_typename(L, 1),
                        lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?");
        return 1;
    }
    if (t == LUA_TNUMBER || t == LUA_TBOOLEAN || t == LUA_TNIL)
        luaL_tolstring(L, 1, NULL);
    else
        lua_pushfstring(L, "a %s value", luaL_typename(L, 1));
    return 1;
}

const char *lb_describe(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, describe_k);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK || lua_type(L, -1) != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushliteral(L, "a value that cannot be shown (out of memory)");
    }
    return lua_tostring(L, -1);
}

void lb_raise_option_error(lua_State *L, const char *msg)
{
    lua_pushstring(L, msg);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, LB_OPTION_ERR);
    lua_error(L);
}

int lb_msgh(lua_State *L)
{
    if (lb_is_exit(L, 1))
        return 1;
    /* A command-line option's fault (-global, -blockdev): the option says where. */
    lua_getfield(L, LUA_REGISTRYINDEX, LB_OPTION_ERR);
    bool option = lua_rawequal(L, 1, -1);
    lua_pop(L, 1);
    if (option)
        return 1;
    const char *msg;
    int t = lua_type(L, 1);
    if (t != LUA_TSTRING && t != LUA_TNUMBER && luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL)
        msg = lua_pushfstring(L, "error object is a %s value", luaL_typename(L, 1)); /* error({}) */
    else
        msg = lb_describe(L, 1); /* (a metafield found above is below it, unused) */
    if (has_position(msg))
        return 1;
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
            return 1;
        }
    }
    return 1;
}

/* ---- exits ---- */

static void lua_hook(lua_State *L, lua_Debug *ar);

int lb_raise_exit(lua_State *L, int status)
{
    struct lb *lb = lb_get(L);
    lb->exit_status = status;
    lb->exiting = true;
    lua_sethook(L, lua_hook, LUA_MASKCOUNT, 1);
    lua_pushlightuserdata(L, &exit_key);
    return lua_error(L);
}

bool lb_is_exit(lua_State *L, int idx)
{
    return lua_touserdata(L, idx) == &exit_key;
}

/* os.exit([code [, close]]): Lua's own would leave the process at once, and the bytes a
 * UART still holds, --summary and --signature would be lost.  true or nothing is 0, false
 * is 1, as in Lua. */
static int os_exit(lua_State *L)
{
    if (lb_get(L)->closing)
        return luaL_error(L, "os.exit: socsim is exiting already");
    lua_Integer code;
    if (lua_isnoneornil(L, 1) || lua_isboolean(L, 1))
        code = lua_isnoneornil(L, 1) || lua_toboolean(L, 1) ? 0 : 1;
    else
        code = luaL_checkinteger(L, 1);
    luaL_argcheck(L, code >= 0 && code <= 255, 1, "exit status must be 0..255");
    return lb_raise_exit(L, (int)code);
}

void lb_replace_os_exit(lua_State *L)
{
    lua_getglobal(L, "os");
    lua_pushcfunction(L, os_exit);
    lua_setfield(L, -2, "exit");
    lua_pop(L, 1);
}

static int load_k(lua_State *L)
{
    const struct lb *lb = lua_touserdata(L, 1);
    const char *path = lua_touserdata(L, 2);
    if (luaL_loadfilex(L, path, lb->sandbox ? "t" : NULL) == LUA_OK)
        return 1;
    const char *msg = lua_tostring(L, -1);
    if (msg && !has_position(msg) && strncmp(msg, "cannot ", 7) != 0)
        lua_pushfstring(L, "%s: %s", path, msg); /* a binary chunk in the sandbox */
    return lua_error(L);
}

int lb_load(struct lb *lb, const char *path)
{
    lua_pushcfunction(lb->L, load_k);
    lua_pushlightuserdata(lb->L, lb);
    lua_pushlightuserdata(lb->L, (void *)path);
    return lua_pcall(lb->L, 2, 1, 0);
}

/* ---- the instruction limit and signals ---- */

static void limit_arm(lua_State *L, const struct lb *lb)
{
    uint64_t left = lb->steps < lb->max_steps ? lb->max_steps - lb->steps : 1;
    if (sim_signal_caught) /* (the handler's count of 1 must stay) */
        left = 1;
    lua_sethook(L, lua_hook, LUA_MASKCOUNT, (int)(left < LB_HOOK_CHUNK ? left : LB_HOOK_CHUNK));
}

void lb_signal_stop(void *L)
{
    /* From the signal handler: lua_sethook may be called there (Lua 5.4, ldebug.c). */
    lua_sethook(L, lua_hook, LUA_MASKCOUNT, 1);
}

bool lb_must_end(const struct lb *lb)
{
    return lb->limit_hit || lb->exiting || sim_signal_caught;
}

void lb_exit_done(struct lb *lb)
{
    if (!lb->exiting)
        return;
    lb->exiting = false;
    if (lb->max_steps || sim_signal_caught)
        limit_arm(lb->L, lb);
    else
        lua_sethook(lb->L, NULL, 0, 0);
}

/* After every chunk of instructions of any coroutine: they are charged to the current
 * instant of simulated time.  Lua gets control at a new instant when a run function
 * returns or a callback starts, and the count starts afresh there (lb_limit_instant).
 * A signal (SIGINT, SIGTERM, SIGHUP: sim/host_signal.h) sets this hook to run at the next
 * instruction (lb_signal_stop), so Lua that loops without running the machine ends too;
 * so does an exit (lb_raise_exit).  Each is raised again at every instruction: a pcall
 * that caught it cannot go on, the error reaches the board or scenario, whose end it is. */
static void lua_hook(lua_State *L, lua_Debug *ar)
{
    if (sim_signal_caught) {
        lua_sethook(L, lua_hook, LUA_MASKCOUNT, 1);
        luaL_error(L, "stopped by %s", sim_signal_name(sim_signal_caught));
    }
    struct lb *lb = lb_get(L);
    if (lb->exiting) {
        lua_pushlightuserdata(L, &exit_key);
        lua_error(L);
    }
    if (!lb->max_steps)
        return;
    if (lb->limit_hit) {
        lua_getfield(L, LUA_REGISTRYINDEX, LB_LIMIT_ERR);
        lua_error(L);
    }
    sim_time_t now = sim_now(&lb->m->sim);
    if (now != lb->steps_time) { /* (a coroutine begun at an earlier instant) */
        lb->steps_time = now;
        lb->steps = 0;
    } else {
        lb->steps += (uint64_t)lua_gethookcount(L);
    }
    if (lb->steps < lb->max_steps) {
        limit_arm(L, lb);
        return;
    }
    lb->limit_hit = true;
    lua_sethook(L, lua_hook, LUA_MASKCOUNT, 1);
    char t[64];
    sim_format_time(t, sizeof(t), now);
    lua_getinfo(L, "Sl", ar);
    lua_pushfstring(L, "%s:%d: Lua ran %I instructions while simulated time stood still at "
                       "%s (--lua-limit)",
                    ar->short_src, ar->currentline, (lua_Integer)lb->max_steps, t);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, LB_LIMIT_ERR);
    lua_error(L);
}

void lb_limit_instant(struct lb *lb)
{
    sim_time_t now = sim_now(&lb->m->sim);
    if (now == lb->steps_time || lb->limit_hit || !lb->max_steps)
        return;
    lb->steps = 0;
    lb->steps_time = now;
    limit_arm(lb->L, lb);
}

void lb_limit_reset(struct lb *lb)
{
    lb->steps = 0;
    lb->steps_time = sim_now(&lb->m->sim);
    lb->limit_hit = false;
    if (lb->max_steps)
        limit_arm(lb->L, lb);
}

/* ---- require's search path ---- */

int lb_set_require_path(lua_State *L, const char *script, const char *const *dirs, size_t n)
{
    char own[PATH_MAX];
    sim_path_dir(script, own, sizeof(own));
    luaL_Buffer b;
    lua_getglobal(L, "package");
    if (!lua_istable(L, -1)) { /* the script replaced it: nothing to steer */
        lua_pop(L, 1);
        return 0;
    }
    luaL_buffinit(L, &b);
    for (size_t i = 0; i <= n; i++) {
        const char *d = i == 0 ? own : dirs[i - 1];
        if (strpbrk(d, ";?") || (i > 0 && strcmp(d, own) == 0)) /* not writable; given */
            continue;
        luaL_addstring(&b, b.n ? ";" : "");
        luaL_addstring(&b, d);
        luaL_addstring(&b, "/?.lua");
    }
    luaL_pushresult(&b);
    lua_setfield(L, -2, "path");
    lua_pushliteral(L, ""); /* native modules are never loaded from a script's search */
    lua_setfield(L, -2, "cpath");
    lua_pop(L, 1);
    return 0;
}

/* ---- the sandbox ---- */

/* Call the function a guard replaced (its upvalue) with the guard's arguments. */
static int call_original(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* load(chunk [, name [, mode [, env]]]) and loadfile(file [, mode [, env]]) with their mode
 * made "t": a precompiled chunk can break the interpreter's memory safety. */
static int text_only(lua_State *L, int mode_arg)
{
    if (lua_gettop(L) < mode_arg)
        lua_settop(L, mode_arg - 1);
    else
        lua_remove(L, mode_arg);
    lua_pushliteral(L, "t");
    lua_insert(L, mode_arg);
    return call_original(L);
}

static int sb_load(lua_State *L) { return text_only(L, 3); }
static int sb_loadfile(lua_State *L) { return text_only(L, 2); }

static int sb_dofile(lua_State *L)
{
    const char *name = luaL_optstring(L, 1, NULL);
    lua_settop(L, 1);
    if (luaL_loadfilex(L, name, "t") != LUA_OK)
        return lua_error(L);
    lua_call(L, 0, LUA_MULTRET);
    return lua_gettop(L) - 1;
}

/* package.searchers' Lua searcher, text only. */
static int sb_search(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchpath");
    lua_pushstring(L, name);
    lua_getfield(L, -3, "path");
    lua_call(L, 2, 2);
    if (lua_isnil(L, -2))
        return 1; /* the message: where it looked */
    const char *file = lua_tostring(L, -2);
    if (luaL_loadfilex(L, file, "t") != LUA_OK)
        return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, file,
                          lua_tostring(L, -1));
    lua_pushstring(L, file);
    return 2;
}

/* May the sandbox write `path`?  Its real location (the directory's, for a file yet to be
 * made) must lie under one of the --sandbox-write directories. */
static bool write_allowed(const struct lb *lb, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        struct stat st;
        if (errno != ENOENT || lstat(path, &st) == 0) /* a dangling link leads elsewhere */
            return false;
        char dir[PATH_MAX];
        sim_path_dir(path, dir, sizeof(dir));
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || !realpath(dir, real))
            return false;
        size_t len = strlen(real);
        if (len + 1 + strlen(base) >= sizeof(real))
            return false;
        snprintf(real + len, sizeof(real) - len, "%s%s", real[len - 1] == '/' ? "" : "/", base);
    }
    for (size_t i = 0; i < lb->nwrite_dirs; i++) {
        const char *d = lb->write_dirs[i];
        size_t len = strlen(d);
        if (strncmp(real, d, len) == 0 && (real[len] == '/' || (len > 0 && d[len - 1] == '/')))
            return true;
    }
    return false;
}

static int refuse_write(lua_State *L, const char *fn, const char *path)
{
    return luaL_error(L, "%s: --sandbox: may not write '%s' (allowed: files under the "
                         "--sandbox-write directories)", fn, path);
}

static int check_write(lua_State *L, const char *fn, const char *path)
{
    if (!write_allowed(lb_get(L), path))
        return refuse_write(L, fn, path);
    return 0;
}

/* io.open(file [, mode]): reading is free, writing only where allowed. */
static int sb_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1), *mode = luaL_optstring(L, 2, "r");
    if (mode[0] != 'r' || strchr(mode, '+'))
        check_write(L, "io.open", path);
    return call_original(L);
}

/* io.output([file]): a name opens the file for writing. */
static int sb_output(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING)
        check_write(L, "io.output", lua_tostring(L, 1));
    return call_original(L);
}

static int sb_refused(lua_State *L)
{
    return luaL_error(L, "%s: not allowed with --sandbox", lua_tostring(L, lua_upvalueindex(1)));
}

/* What the sandbox replaces: LIB.NAME by a guard that calls the original (fn), or by a
 * function that refuses (fn NULL). */
static const struct {
    const char *lib, *name;
    lua_CFunction fn;
} guards[] = {
    {"_G", "load", sb_load},         {"_G", "loadfile", sb_loadfile},
    {"os", "execute", NULL},         {"os", "remove", NULL},
    {"os", "rename", NULL},          {"os", "tmpname", NULL},
    {"io", "popen", NULL},           {"io", "tmpfile", NULL},
    {"io", "open", sb_open},         {"io", "output", sb_output},
    {"package", "loadlib", NULL},
};

void lb_sandbox(lua_State *L)
{
    for (size_t i = 0; i < ARRAY_SIZE(guards); i++) {
        lua_getglobal(L, guards[i].lib);
        if (guards[i].fn) {
            lua_getfield(L, -1, guards[i].name);
            lua_pushcclosure(L, guards[i].fn, 1);
        } else {
            lua_pushfstring(L, "%s.%s", guards[i].lib, guards[i].name);
            lua_pushcclosure(L, sb_refused, 1);
        }
        lua_setfield(L, -2, guards[i].name);
        lua_pop(L, 1);
    }
    lua_pushcfunction(L, sb_dofile); /* text only, and no original to call */
    lua_setglobal(L, "dofile");
    lua_pushnil(L);
    lua_setglobal(L, "debug"); /* it could lift the limit and reach the registry */
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "loaded");
    lua_pushnil(L);
    lua_setfield(L, -2, "debug");
    lua_pop(L, 1);
    /* The searchers: the preloaded modules, then Lua files as text; no native ones. */
    lua_getfield(L, -1, "searchers");
    lua_createtable(L, 2, 0);
    lua_rawgeti(L, -2, 1);
    lua_rawseti(L, -2, 1);
    lua_pushcfunction(L, sb_search);
    lua_rawseti(L, -2, 2);
    lua_setfield(L, -3, "searchers");
    lua_pop(L, 2);
}
