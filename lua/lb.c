/* The `socsim` Lua module: the board builder (this file) and the scenario runtime
 * (lb_run.c) in one Lua state per machine, open from the board script to exit.
 *
 *   local socsim = require "socsim"
 *   socsim.board { description = "..." }
 *   socsim.device("rv32", { id = "cpu0", freq = "100MHz" })
 *   socsim.ram { id = "ram", addr = 0x80000000, size = "128M" }
 *   socsim.device("ns16550a", { id = "uart0", addr = 0x10000000, chardev = socsim.serial(0) })
 *
 * Property values go through the same parser as -device: integers, strings ("16K",
 * "320MHz", "10ms") and booleans are turned into text first. */
#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <lua.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lua/lb.h"
#include "lua/lb_int.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "sim/host_signal.h"
#include "soc/machine.h"

#define LB_STATE "socsim.lb"
#define LB_MAX_KV 64

struct lb *lb_get(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, LB_STATE);
    struct lb *lb = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return lb;
}

static struct machine *lb_machine(lua_State *L) { return lb_get(L)->m; }

void lb_check_open(lua_State *L, const char *fn)
{
    if (lb_get(L)->closing)
        luaL_error(L, "socsim.%s: the machine is going away (socsim is exiting)", fn);
}

/* Building stops where the scenario starts: the machine is wired and reset by then. */
static void check_building(lua_State *L, const char *fn)
{
    lb_check_open(L, fn);
    if (lb_get(L)->scenario)
        luaL_error(L, "socsim.%s: the machine is already built (boards build, scenarios run)", fn);
}

/* The value at the top of the stack as property text, in buf.  An integer for a time is
 * picoseconds, as everywhere in the Lua API. */
static const char *value_text(lua_State *L, const struct dev_type *t, const char *key, char *buf,
                              size_t n)
{
    switch (lua_type(L, -1)) {
    case LUA_TSTRING: return lua_tostring(L, -1);
    case LUA_TBOOLEAN: return lua_toboolean(L, -1) ? "on" : "off";
    case LUA_TNUMBER: {
        if (!lua_isinteger(L, -1)) {
            luaL_error(L, "property '%s': %f is not an integer", key, lua_tonumber(L, -1));
            return NULL;
        }
        const struct dev_prop *p = t ? dev_find_prop(t, key) : NULL;
        snprintf(buf, n, "%llu%s", (unsigned long long)lua_tointeger(L, -1),
                 p && p->type == PROP_TIME ? "ps" : "");
        return buf;
    }
    default:
        luaL_error(L, "property '%s': a %s is not a property value", key, luaL_typename(L, -1));
        return NULL;
    }
}

static int create(lua_State *L, const char *type, int tbl)
{
    check_building(L, "device");
    struct machine *m = lb_machine(L);
    struct kv kv[LB_MAX_KV];
    char bufs[LB_MAX_KV][32];
    size_t n = 0;
    const struct dev_type *t = dev_type_find(type);
    if (!lua_isnoneornil(L, tbl)) {
        luaL_checktype(L, tbl, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, tbl)) {
            if (lua_type(L, -2) != LUA_TSTRING)
                return luaL_error(L, "device '%s': property names must be strings", type);
            if (n == LB_MAX_KV)
                return luaL_error(L, "device '%s': too many properties", type);
            kv[n].key = lua_tostring(L, -2);
            kv[n].value = value_text(L, t, kv[n].key, bufs[n], sizeof(bufs[n]));
            n++;
            lua_pop(L, 1); /* strings stay alive: the table still holds them */
        }
    }
    struct device *d = dev_create(m, type, kv, n, "device");
    if (!d) {
        /* dev_create prefixed "device: "; the script position says more, unless the fault
         * is a command-line option's (-global, -blockdev). */
        const char *msg = sim_err_msg();
        if (strncmp(msg, "device: ", 8) == 0)
            msg += 8;
        if (sim_err_is_option())
            lb_raise_option_error(L, msg);
        return luaL_error(L, "%s", msg);
    }
    if (d->id)
        lua_pushstring(L, d->id);
    else
        lua_pushnil(L);
    return 1;
}

static int l_device(lua_State *L) { return create(L, luaL_checkstring(L, 1), 2); }
static int l_ram(lua_State *L) { return create(L, "ram", 1); }
static int l_rom(lua_State *L) { return create(L, "rom", 1); }

/* socsim.serial(n): the chardev id for the board's n-th UART ("serial0" unless -serial
 * said otherwise); a stdio chardev is made for serial0 when nothing else was given. */
static int l_serial(lua_State *L)
{
    struct machine *m = lb_machine(L);
    lb_check_open(L, "serial");
    lua_Integer i = luaL_optinteger(L, 1, 0);
    if (i < 0 || i > 3)
        return luaL_error(L, "serial(%d): index must be 0..3", (int)i);
    m->serial_asked |= 1u << i;
    if ((unsigned)i < m->nserial && m->serial[i]) {
        lua_pushstring(L, m->serial[i]);
        return 1;
    }
    if (i != 0) {
        lua_pushnil(L);
        return 1;
    }
    chardev_stdio(m, "serial0");
    lua_pushstring(L, "serial0");
    return 1;
}

/* A table of named options (at stack index tbl, absolute) takes only `keys`: any other key
 * is an error of socsim.FN naming it, with a "did you mean".  Of several, the first by name
 * is reported: a table's iteration order changes from run to run (Lua seeds its string
 * hash).  A key that is not a string is named as tostring() writes it. */
static void check_keys(lua_State *L, int tbl, const char *fn, const char *const *keys, size_t n)
{
    int best = lua_gettop(L) + 1; /* the first unknown key by name so far, as text */
    lua_pushnil(L);
    lua_pushnil(L);
    while (lua_next(L, tbl)) {
        lua_pop(L, 1);
        bool known = false;
        for (size_t k = 0; k < n && !known && lua_type(L, -1) == LUA_TSTRING; k++)
            known = strcmp(lua_tostring(L, -1), keys[k]) == 0;
        if (known)
            continue;
        const char *name = luaL_tolstring(L, -1, NULL); /* a copy: lua_next needs the key */
        if (lua_isnil(L, best) || strcmp(name, lua_tostring(L, best)) < 0)
            lua_replace(L, best);
        else
            lua_pop(L, 1);
    }
    if (lua_isnil(L, best)) {
        lua_pop(L, 1);
        return;
    }
    const char *name = lua_tostring(L, best), *s = sim_suggest(name, keys, n);
    if (s)
        luaL_error(L, "socsim.%s: unknown key '%s' (did you mean '%s'?)", fn, name, s);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < n; i++) {
        luaL_addstring(&b, i ? ", " : "");
        luaL_addstring(&b, keys[i]);
    }
    luaL_pushresult(&b);
    luaL_error(L, "socsim.%s: unknown key '%s' (known keys: %s)", fn, name, lua_tostring(L, -1));
}

/* socsim.board{description = TEXT}: what the machine is, as --info-tree shows it. */
static int l_board(lua_State *L)
{
    static const char *const keys[] = {"description"};
    struct machine *m = lb_machine(L);
    check_building(L, "board");
    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1, "board", keys, ARRAY_SIZE(keys));
    int type = lua_getfield(L, 1, "description");
    if (type != LUA_TNIL && !lua_isstring(L, -1))
        return luaL_error(L, "socsim.board: description is a %s; expected text",
                          lua_typename(L, type));
    if (type != LUA_TNIL) {
        free(m->board_desc);
        m->board_desc = strdup(lua_tostring(L, -1));
    }
    lua_pop(L, 1);
    return 0;
}

static int l_board_path(lua_State *L);

static const luaL_Reg socsim_funcs[] = {
    {"device", l_device}, {"ram", l_ram}, {"rom", l_rom}, {"serial", l_serial},
    {"board", l_board}, {"board_path", l_board_path}, {NULL, NULL},
};

static int open_socsim(lua_State *L)
{
    luaL_newlib(L, socsim_funcs);
    lb_runtime_register(L);
    return 1;
}

/* ---- the board path ---- */

#define MAX_BOARD_DIRS 16

/* Where -M NAME looks, in order: each directory of $SOCSIM_BOARDS (colon-separated), then
 * beside the program: <bindir>/../share/socsim/boards (make install) and <bindir>/../boards
 * (build/socsim in a source tree).  Never the current directory: a board is code, and the
 * directory a user happens to be in is not a place to run code from. */
struct board_dirs {
    char dir[MAX_BOARD_DIRS][PATH_MAX];
    size_t n;
};

static void path_add(struct board_dirs *bp, const char *dir, size_t len)
{
    if (len == 0 || len >= PATH_MAX || bp->n == MAX_BOARD_DIRS)
        return;
    char *d = bp->dir[bp->n];
    memcpy(d, dir, len);
    d[len] = 0;
    for (size_t i = 0; i < bp->n; i++)
        if (strcmp(bp->dir[i], d) == 0)
            return;
    bp->n++;
}

static void board_dirs_get(struct board_dirs *bp)
{
    bp->n = 0;
    const char *env = getenv("SOCSIM_BOARDS");
    for (const char *p = env; p && *p;) {
        size_t len = strcspn(p, ":");
        path_add(bp, p, len);
        p += len + (p[len] == ':');
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char *slash = n > 0 ? (exe[n] = 0, strrchr(exe, '/')) : NULL;
    if (!slash)
        return;
    *slash = 0;
    static const char *const beside[] = {"/../share/socsim/boards", "/../boards"};
    for (size_t i = 0; i < ARRAY_SIZE(beside); i++) {
        char cand[PATH_MAX + 32], real[PATH_MAX];
        snprintf(cand, sizeof(cand), "%s%s", exe, beside[i]);
        if (realpath(cand, real))
            path_add(bp, real, strlen(real));
    }
}

/* "DIR, DIR" (or "no directory") for messages. */
static const char *path_text(const struct board_dirs *bp, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    for (size_t i = 0; i < bp->n && k < n; i++)
        k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? ", " : "", bp->dir[i]);
    return bp->n ? buf : "no directory";
}

/* The first NAME.lua on the path; false when there is none. */
static bool board_find(const struct board_dirs *bp, const char *name, char *path, size_t n)
{
    for (size_t i = 0; i < bp->n; i++) {
        snprintf(path, n, "%s/%s.lua", bp->dir[i], name);
        if (access(path, R_OK) == 0)
            return true;
    }
    return false;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every board name on the path, each once (an earlier directory hides a later one's, as
 * board_find sees them), sorted: readdir gives a file system's order (ext4's is a hash of
 * the name), which neither -M help nor a "did you mean" among equally close names should
 * follow.  The caller frees the array and its names (free_boards). */
static size_t list_boards(const struct board_dirs *bp, char ***out)
{
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < bp->n; i++) {
        DIR *dir = opendir(bp->dir[i]);
        if (!dir)
            continue;
        for (struct dirent *e; (e = readdir(dir));) {
            size_t len = strlen(e->d_name);
            if (len <= 4 || strcmp(e->d_name + len - 4, ".lua") != 0)
                continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                names = realloc(names, cap * sizeof(*names));
            }
            char *name = names ? strndup(e->d_name, len - 4) : NULL;
            if (!name)
                abort();
            names[n++] = name;
        }
        closedir(dir);
    }
    sort_array(names, n, sizeof(*names), cmp_name);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && strcmp(names[k - 1], names[i]) == 0)
            free(names[i]);
        else
            names[k++] = names[i];
    }
    *out = names;
    return k;
}

static void free_boards(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* A board's description: its first line, a comment "-- <description>". */
static void board_desc(const char *path, char *buf, size_t n)
{
    buf[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[256];
    if (fgets(line, sizeof(line), f) && strncmp(line, "-- ", 3) == 0) {
        line[strcspn(line, "\n")] = 0;
        snprintf(buf, n, "%s", line + 3);
    }
    fclose(f);
}

static int no_boards(const char *what, const struct board_dirs *bp)
{
    char dirs[1024];
    return sim_err("%s: no board scripts found (searched %s); set SOCSIM_BOARDS to a "
                   "directory of board scripts, or install socsim with its boards "
                   "(make install)", what, path_text(bp, dirs, sizeof(dirs)));
}

int lb_print_boards(FILE *f)
{
    struct board_dirs bp;
    board_dirs_get(&bp);
    char **names;
    size_t n = list_boards(&bp, &names);
    if (n == 0)
        return no_boards("-M help", &bp); /* (names is NULL) */
    fprintf(f, "Supported boards (-M NAME, or -M path/to/board.lua):\n");
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX + 128], desc[256];
        board_find(&bp, names[i], path, sizeof(path));
        board_desc(path, desc, sizeof(desc));
        fprintf(f, "  %-14s %s\n", names[i], desc);
    }
    free_boards(names, n);
    char dirs[1024];
    fprintf(f, "Board path: %s\n", path_text(&bp, dirs, sizeof(dirs)));
    return 0;
}

static bool is_board_file(const char *board)
{
    size_t len = strlen(board);
    return strchr(board, '/') || (len > 4 && strcmp(board + len - 4, ".lua") == 0);
}

/* A board script is read as a file: a FIFO or a device would hang the read or never end. */
static int regular_board(const char *board, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return sim_err("-M %s: %s is not a regular file%s", board, path,
                       S_ISFIFO(st.st_mode) ? " (a FIFO)" : "");
    return 0;
}

static int resolve_board(const char *board, char *path, size_t n)
{
    if (is_board_file(board)) {
        snprintf(path, n, "%s", board);
        if (access(path, R_OK) != 0)
            return sim_err("-M %s: cannot read board script %s", board, path);
        return regular_board(board, path);
    }
    struct board_dirs bp;
    board_dirs_get(&bp);
    if (board_find(&bp, board, path, n))
        return regular_board(board, path);
    char **names, what[128];
    size_t nb = list_boards(&bp, &names);
    snprintf(what, sizeof(what), "-M %s: unknown board '%s'", board, board);
    if (nb == 0)
        return no_boards(what, &bp); /* (names is NULL) */
    const char *s = sim_suggest(board, (const char *const *)names, nb);
    int rc = s ? sim_err("%s (did you mean '%s'?)", what, s) : sim_err("%s (see -M help)", what);
    free_boards(names, nb);
    return rc;
}

/* socsim.board_path(name): the board script -M name would run, for a board that builds
 * on another: dofile(socsim.board_path("virt32")). */
static int l_board_path(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    if (is_board_file(name))
        return luaL_error(L, "socsim.board_path: '%s' is a path, not a board name", name);
    struct board_dirs bp;
    board_dirs_get(&bp);
    char path[PATH_MAX + 128], dirs[1024];
    if (!board_find(&bp, name, path, sizeof(path)))
        return luaL_error(L, "socsim.board_path: no board '%s' (searched %s)", name,
                          path_text(&bp, dirs, sizeof(dirs)));
    lua_pushstring(L, path);
    return 1;
}

/* The machine is going away (machine_free, before any device goes): finalizers that
 * lua_close runs find the socsim module refusing what needs the machine. */
static void lb_free(struct lb *lb)
{
    lb->closing = true;
    sim_signals_on_catch(NULL, NULL);
    lb_runtime_free(lb);
    lua_close(lb->L);
    for (size_t i = 0; i < lb->nwrite_dirs; i++)
        free(lb->write_dirs[i]);
    free(lb->write_dirs);
    free(lb);
}

static int setup_k(lua_State *L)
{
    struct lb *lb = lua_touserdata(L, 1);
    luaL_openlibs(L);
    lua_pushlightuserdata(L, lb);
    lua_setfield(L, LUA_REGISTRYINDEX, LB_STATE);
    luaL_requiref(L, "socsim", open_socsim, 0);
    lb_replace_os_exit(L);
    if (lb->sandbox)
        lb_sandbox(L);
    return 0;
}

/* The machine's Lua state, made on first use. */
static struct lb *lb_open(struct machine *m, const struct lb_options *o)
{
    if (m->lua)
        return m->lua;
    struct lb *lb = calloc(1, sizeof(*lb));
    lua_State *L = luaL_newstate();
    if (!lb || !L) {
        free(lb);
        if (L)
            lua_close(L);
        sim_err("cannot create a Lua state");
        return NULL;
    }
    lb->L = L;
    lb->m = m;
    lb->err_ref = LUA_NOREF;
    lb_runtime_init(lb);
    sim_signals_on_catch(lb_signal_stop, L);
    m->lua = lb;
    m->lua_free = lb_free;
    lb->max_steps = o ? o->lua_limit : LB_LUA_LIMIT;
    lb->sandbox = o && o->sandbox;
    for (size_t i = 0; o && i < o->nwrite_dirs; i++) {
        char real[PATH_MAX];
        if (!realpath(o->write_dirs[i], real)) {
            sim_err("--sandbox-write %s: %s", o->write_dirs[i], strerror(errno));
            return NULL;
        }
        char **dirs = realloc(lb->write_dirs, (lb->nwrite_dirs + 1) * sizeof(*dirs));
        if (dirs)
            lb->write_dirs = dirs;
        if (!dirs || !(dirs[lb->nwrite_dirs] = strdup(real))) {
            sim_err("out of memory");
            return NULL;
        }
        lb->nwrite_dirs++;
    }
    /* Even opening the libraries can raise (out of memory): protected, as every call. */
    lua_pushcfunction(L, setup_k);
    lua_pushlightuserdata(L, lb);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        sim_err("cannot set up Lua: %s", lb_describe(L, -1));
        return NULL;
    }
    return lb;
}

struct prepare {
    struct lb *lb;
    const char *script;
};

static int prepare_k(lua_State *L)
{
    const struct prepare *p = lua_touserdata(L, 1);
    struct board_dirs bp;
    const char *dirs[MAX_BOARD_DIRS];
    board_dirs_get(&bp);
    for (size_t i = 0; i < bp.n; i++)
        dirs[i] = bp.dir[i];
    return lb_set_require_path(L, p->script, dirs, bp.n);
}

int lb_run_script(struct lb *lb, const char *script, int nresults)
{
    lua_State *L = lb->L;
    int msgh = lua_gettop(L) + 1;
    lua_pushcfunction(L, lb_msgh);
    struct prepare p = {lb, script};
    lua_pushcfunction(L, prepare_k);
    lua_pushlightuserdata(L, &p);
    int rc = lua_pcall(L, 1, 0, 0);
    if (rc == LUA_OK) {
        lb_limit_reset(lb);
        rc = lb_load(lb, script);
    }
    if (rc == LUA_OK)
        rc = lua_pcall(L, 0, nresults, msgh);
    return rc;
}

int lb_exit_status(const struct machine *m)
{
    const struct lb *lb = m->lua;
    return lb ? lb->exit_status : 0;
}

int lb_run_board(struct machine *m, const char *board, const struct lb_options *o)
{
    char path[PATH_MAX + 128];
    if (resolve_board(board, path, sizeof(path)))
        return -1;
    struct lb *lb = lb_open(m, o);
    if (!lb)
        return -1;
    lua_State *L = lb->L;
    int base = lua_gettop(L);
    int rc = lb_run_script(lb, path, 0);
    bool exited = rc != LUA_OK && lb_is_exit(L, -1);
    lb_exit_done(lb);
    if (rc != LUA_OK && !exited)
        sim_err("%s", lb_describe(L, -1));
    lua_settop(L, base);
    if (rc != LUA_OK)
        return exited ? 1 : -1;
    free(m->board);
    m->board = strdup(board);
    return 0;
}
