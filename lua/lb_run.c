/* The scenario runtime of the `socsim` module: run the machine for a time, until the
 * firmware exits or until a UART's output matches; read and write memory, registers and
 * CSRs; drive device inputs and watch signals; schedule callbacks; assert.
 *
 *   local socsim = require "socsim"
 *   socsim.expect("uart0", "Hello from (%w+)\n", "10ms")
 *   socsim.assert_eq(socsim.wait_exit("1ms"), 0, "exit code")
 *
 * Lua never runs inside the CPU's instruction loop.  A run function calls sim_run(); what
 * it waits for (the end of its time window, new UART output, a signal change) becomes a
 * kernel event at the current simulated time, so the CPU returns at its next instruction
 * boundary and the kernel fires the event, which may call Lua.  Breaking the CPU's run
 * there never changes what it computes (sim.h), so watching does not perturb timing.  A
 * callback's error stops the run and the run function re-raises it in the scenario. */
#include <fcntl.h>
#include <lauxlib.h>
#include <limits.h>
#include <lua.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lb.h"
#include "lua/lb_int.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "sim/host_signal.h"
#include "soc/checkpoint.h"
#include "soc/cpu.h"
#include "soc/machine.h"
#include "soc/profile.h"
#include "soc/trace.h"
#include "soc/timeline.h"

#define LB_FIND "socsim.find"   /* string.find, safe from scenarios that replace `string` */
#define LB_UART_KEEP (1u << 20) /* unread output kept per chardev; older bytes are dropped */

/* A chardev's output as the scenario sees it: what has not been read yet. */
struct lb_uart {
    struct lb *lb;
    struct chardev *chr;
    char *buf;
    size_t len, cap;
    struct sim_event check; /* an expect() looks at the new output */
    struct lb_uart *next;
};

struct lb_change {
    bool level;
    sim_time_t time;
};

struct lb_watch {
    struct lb *lb;
    uint64_t id;
    struct signal *sig;
    int fn;        /* registry reference of the callback */
    bool quiet;    /* while listening starts: the current level is not a change */
    struct lb_change *q;
    size_t n, cap;
    struct sim_event ev;
    struct lb_watch *next;
};

struct lb_timer {
    struct sim_event ev;
    struct lb *lb;
    uint64_t id;
    int fn;
    struct lb_timer *next;
};

/* ---- errors and callbacks ---- */

/* Call the function below the top `nargs` values from a kernel event.  An error (with
 * the callback's line: lb_msgh) is kept for the run function and stops the run; later
 * callbacks of that run are skipped. */
static void callback(struct lb *lb, int nargs)
{
    lua_State *L = lb->L;
    int fn = lua_gettop(L) - nargs;
    lua_pushcfunction(L, lb_msgh);
    lua_insert(L, fn);
    lb_limit_instant(lb);
    lb->in_callback = true;
    int rc = lua_pcall(L, nargs, 0, fn);
    lb->in_callback = false;
    if (rc != LUA_OK) {
        lb->err_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        sim_stop(&lb->m->sim, SIM_STOP_HOST, 0);
    }
    lua_pop(L, 1); /* the handler */
}

static bool can_call(struct lb *lb)
{
    return lb->err_ref == LUA_NOREF && lua_checkstack(lb->L, 8);
}

/* The binding behind a runtime function, after checking it may run now. */
static struct lb *runtime(lua_State *L, const char *fn, bool runs)
{
    struct lb *lb = lb_get(L);
    lb_check_open(L, fn);
    if (!lb->scenario)
        luaL_error(L, "socsim.%s: only in a scenario (--script), after the machine is built", fn);
    if (runs && lb->in_callback)
        luaL_error(L, "socsim.%s: not inside a callback (callbacks run within a run)", fn);
    if (runs && lb->running) /* a finalizer that the garbage collector ran during a run */
        luaL_error(L, "socsim.%s: a run is in progress", fn);
    return lb;
}

/* ---- argument helpers ---- */

/* A duration or time: integer picoseconds or text such as "10ms". */
static sim_time_t check_time(lua_State *L, int arg)
{
    if (lua_type(L, arg) == LUA_TSTRING) {
        sim_time_t t;
        if (sim_parse_time(lua_tostring(L, arg), &t)) {
            const char *why = sim_parse_why();
            luaL_argerror(L, arg, lua_pushfstring(L, "'%s' is not a duration such as 10ms, "
                                                  "2us or 500ns%s%s (an integer is picoseconds)",
                                                  lua_tostring(L, arg), why ? ": " : "",
                                                  why ? why : ""));
        }
        return t;
    }
    lua_Integer v = luaL_checkinteger(L, arg);
    if (v < 0)
        luaL_argerror(L, arg, "a time cannot be negative");
    return (sim_time_t)v;
}

static sim_time_t after(sim_time_t now, sim_time_t d)
{
    return d > SIM_TIME_MAX - now ? SIM_TIME_MAX : now + d;
}

static const char *fmt_time(lua_State *L, sim_time_t t)
{
    char buf[64];
    sim_format_time(buf, sizeof(buf), t);
    return lua_pushstring(L, buf);
}

static uint32_t check_addr(lua_State *L, int arg)
{
    lua_Integer a = luaL_checkinteger(L, arg);
    if (a < 0 || a > 0xffffffffLL)
        luaL_argerror(L, arg, "address outside 0..0xffffffff");
    return (uint32_t)a;
}

/* luaL_error has no %x: hex numbers are formatted here first. */
static const char *hex(lua_State *L, uint32_t v, int digits)
{
    char buf[16];
    snprintf(buf, sizeof(buf), "0x%0*x", digits, v);
    return lua_pushstring(L, buf);
}

static struct cpu *check_cpu(lua_State *L, struct machine *m, int arg)
{
    if (lua_isnoneornil(L, arg)) {
        if (!m->ncpus)
            luaL_error(L, "the machine has no CPU");
        return m->cpus[0];
    }
    const char *id = luaL_checkstring(L, arg);
    struct cpu *c = machine_find_cpu(m, id);
    if (!c)
        luaL_error(L, "no CPU with id '%s'", id);
    return c;
}

/* ---- the run loop ---- */

static void deadline_fired(struct sim_event *ev)
{
    struct lb *lb = container_of(ev, struct lb, deadline);
    lb->deadline_hit = true;
    sim_stop(&lb->m->sim, SIM_STOP_HOST, 0);
}

enum lb_end { LB_TIME, LB_STOP, LB_MATCH, LB_EXIT };

/* Run until `deadline`, a match of the expect() in progress, socsim.stop() or the
 * firmware's exit.  Re-raises a callback's error; a limit or a stuck CPU is an error. */
static enum lb_end run_until(lua_State *L, struct lb *lb, sim_time_t deadline)
{
    struct machine *m = lb->m;
    struct sim *s = &m->sim;
    lb->deadline_hit = lb->stop_req = false;
    if (s->stop == SIM_RUNNING) { /* else it stopped for good before (the firmware exited) */
        if (deadline != SIM_TIME_MAX)
            sim_schedule(s, &lb->deadline, deadline);
        for (;;) {
            lb->running = true;
            enum sim_stop_reason r = sim_run(s);
            lb->running = false;
            if (r == SIM_STOP_RESET) {
                machine_reset(m); /* the finisher's reset: start over, time goes on */
                sim_resume(s);
                continue;
            }
            if (r != SIM_STOP_HOST)
                break;
            sim_resume(s);
            if (lb->err_ref != LUA_NOREF || lb->deadline_hit || lb->stop_req || lb->matched)
                break;
        }
        sim_cancel(s, &lb->deadline);
    }
    lb_limit_instant(lb);
    /* Stopped for good (exit, limit, stuck CPU): what the UARTs still hold reaches the
     * chardevs now, so the scenario reads all the firmware wrote. */
    if (s->stop != SIM_RUNNING)
        machine_stop(m);
    lb->expecting = NULL;
    if (lb->err_ref != LUA_NOREF) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, lb->err_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, lb->err_ref);
        lb->err_ref = LUA_NOREF;
        lua_error(L);
    }
    switch (s->stop) {
    case SIM_RUNNING: return lb->matched ? LB_MATCH : lb->stop_req ? LB_STOP : LB_TIME;
    case SIM_STOP_EXIT: return LB_EXIT;
    case SIM_STOP_TIME_LIMIT:
        lb->limit = true;
        luaL_error(L, "simulated time limit reached (--max-time %s)", fmt_time(L, s->max_time));
        break;
    case SIM_STOP_INSN_LIMIT:
        lb->limit = true;
        luaL_error(L, "instruction limit reached (--max-insns %I)", (lua_Integer)s->max_insns);
        break;
    case SIM_STOP_ERROR:
    {
        char pc[16];
        snprintf(pc, sizeof(pc), "0x%08x", m->ncpus ? (unsigned)cpu_pc(m->cpus[0]) : 0);
        luaL_error(L, "the CPU sleeps in wfi with no event pending and nothing can wake it "
                      "(pc %s)", pc);
        break;
    }
    case SIM_STOP_TRAP_LOOP: {
        char msg[256];
        m->cpus[0]->ops->describe_stop(m->cpus[0], msg, sizeof(msg));
        lb->trap_loop = true;
        luaL_error(L, "%s", msg);
        break;
    }
    case SIM_STOP_SIGNAL:
        luaL_error(L, "stopped by %s", sim_signal_name(s->exit_code - 128));
        break;
    default: luaL_error(L, "simulation stopped: %s", sim_stop_reason_name(s->stop)); break;
    }
    return LB_TIME;
}

/* socsim.run(duration): run for that much simulated time.  Returns "time", or "stop"
 * when a callback called socsim.stop(), or "exit" and the code when the firmware exited. */
static int l_run(lua_State *L)
{
    struct lb *lb = runtime(L, "run", true);
    sim_time_t d = check_time(L, 1);
    lb->matched = false;
    switch (run_until(L, lb, after(sim_now(&lb->m->sim), d))) {
    case LB_EXIT:
        lua_pushliteral(L, "exit");
        lua_pushinteger(L, lb->m->sim.exit_code);
        return 2;
    case LB_STOP: lua_pushliteral(L, "stop"); return 1;
    default: lua_pushliteral(L, "time"); return 1;
    }
}

/* socsim.wait_exit([timeout]): run until the firmware exits; returns its exit code (nil
 * after socsim.stop()).  Not exiting within the timeout is an error. */
static int l_wait_exit(lua_State *L)
{
    struct lb *lb = runtime(L, "wait_exit", true);
    sim_time_t d = lua_isnoneornil(L, 1) ? SIM_TIME_MAX : check_time(L, 1);
    lb->matched = false;
    switch (run_until(L, lb, after(sim_now(&lb->m->sim), d))) {
    case LB_EXIT: lua_pushinteger(L, lb->m->sim.exit_code); return 1;
    case LB_STOP: lua_pushnil(L); return 1;
    default: return luaL_error(L, "wait_exit: the firmware did not exit within %s", fmt_time(L, d));
    }
}

/* socsim.stop(): from a callback, make the run function in progress return. */
static int l_stop(lua_State *L)
{
    struct lb *lb = runtime(L, "stop", false);
    if (!lb->in_callback)
        return luaL_error(L, "socsim.stop: only in a callback (at, after, watch)");
    lb->stop_req = true;
    sim_stop(&lb->m->sim, SIM_STOP_HOST, 0);
    return 0;
}

/* socsim.exit([code]): end the scenario now; socsim exits with `code` (default 0). */
static int l_exit(lua_State *L)
{
    runtime(L, "exit", false);
    lua_Integer code = luaL_optinteger(L, 1, 0);
    luaL_argcheck(L, code >= 0 && code <= 255, 1, "exit status must be 0..255");
    return lb_raise_exit(L, (int)code);
}

/* ---- UART output ---- */

static void uart_tap(void *opaque, const uint8_t *buf, size_t n)
{
    struct lb_uart *u = opaque;
    if (n > LB_UART_KEEP) {
        buf += n - LB_UART_KEEP;
        n = LB_UART_KEEP;
    }
    if (u->len + n > LB_UART_KEEP) { /* nobody reads it: keep the newest bytes */
        size_t drop = u->len + n - LB_UART_KEEP;
        memmove(u->buf, u->buf + drop, u->len - drop);
        u->len -= drop;
    }
    if (u->len + n > u->cap) {
        size_t cap = u->cap ? u->cap : 256;
        while (cap < u->len + n)
            cap *= 2;
        char *b = realloc(u->buf, cap);
        if (!b)
            abort();
        u->buf = b;
        u->cap = cap;
    }
    memcpy(u->buf + u->len, buf, n);
    u->len += n;
    struct sim *s = &u->lb->m->sim;
    if (u->lb->expecting == u && !sim_event_pending(&u->check))
        sim_schedule(s, &u->check, sim_now(s));
}

/* string.find(unread output, pattern): leaves its results on the stack and returns how
 * many (0 when nothing matched), or -1 with the error message there. */
static int uart_find(lua_State *L, struct lb_uart *u, const char *pattern)
{
    int top = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, LB_FIND);
    lua_pushlstring(L, u->buf ? u->buf : "", u->len);
    lua_pushstring(L, pattern);
    if (lua_pcall(L, 2, LUA_MULTRET, 0) != LUA_OK)
        return -1;
    if (lua_isnil(L, top + 1)) {
        lua_settop(L, top);
        return 0;
    }
    return lua_gettop(L) - top;
}

static void uart_check(struct sim_event *ev)
{
    struct lb_uart *u = container_of(ev, struct lb_uart, check);
    struct lb *lb = u->lb;
    lua_State *L = lb->L;
    if (lb->expecting != u || !can_call(lb))
        return;
    int top = lua_gettop(L);
    int n = uart_find(L, u, lb->pattern);
    if (n < 0) {
        lb->err_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        sim_stop(&lb->m->sim, SIM_STOP_HOST, 0);
    } else if (n > 0) {
        lb->matched = true;
        sim_stop(&lb->m->sim, SIM_STOP_HOST, 0);
    }
    lua_settop(L, top);
}

static struct lb_uart *check_uart(lua_State *L, struct lb *lb, int arg)
{
    const char *name = luaL_checkstring(L, arg);
    struct chardev *c = NULL;
    struct device *d = machine_find_device(lb->m, name);
    if (d) {
        for (const struct dev_prop *p = d->type->props; p && p->name && !c; p++)
            if (p->type == PROP_CHARDEV)
                c = *(struct chardev **)((char *)d + p->offset);
        if (!c)
            luaL_error(L, "'%s' writes to no chardev: there is no output to read", name);
    } else {
        c = chardev_find(lb->m, name);
        if (!c)
            luaL_error(L, "no UART or chardev with id '%s'", name);
    }
    for (struct lb_uart *u = lb->uarts; u; u = u->next)
        if (u->chr == c)
            return u;
    luaL_error(L, "chardev '%s' was made after the scenario started", c->id);
    return NULL;
}

/* Text for an error message: the last bytes of s, escaped, in quotes. */
static const char *quoted(lua_State *L, const char *s, size_t n)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    if (n > 120) {
        luaL_addstring(&b, "...");
        s += n - 120;
        n = 120;
    }
    luaL_addchar(&b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        char e[8];
        if (ch == '\n')
            luaL_addstring(&b, "\\n");
        else if (ch == '"' || ch == '\\')
            luaL_addchar(&b, '\\'), luaL_addchar(&b, (char)ch);
        else if (ch < 32 || ch > 126)
            snprintf(e, sizeof(e), "\\x%02x", ch), luaL_addstring(&b, e);
        else
            luaL_addchar(&b, (char)ch);
    }
    luaL_addchar(&b, '"');
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

static void uart_consume(struct lb_uart *u, size_t n)
{
    memmove(u->buf, u->buf + n, u->len - n);
    u->len -= n;
}

/* socsim.expect(uart, pattern [, timeout]): run until the UART's unread output matches
 * the Lua pattern; the output up to the end of the match is read.  Returns the pattern's
 * captures, or the matched text when it has none.  A timeout or the firmware's exit
 * before a match is an error (nil after socsim.stop()). */
static int l_expect(lua_State *L)
{
    struct lb *lb = runtime(L, "expect", true);
    struct lb_uart *u = check_uart(L, lb, 1);
    const char *pattern = luaL_checkstring(L, 2);
    sim_time_t d = lua_isnoneornil(L, 3) ? SIM_TIME_MAX : check_time(L, 3);
    int top = lua_gettop(L);
    int n = uart_find(L, u, pattern);
    if (n < 0)
        return luaL_error(L, "expect: %s", lua_tostring(L, -1));
    if (n == 0) {
        lb->expecting = u;
        lb->pattern = pattern;
        lb->matched = false;
        enum lb_end end = run_until(L, lb, after(sim_now(&lb->m->sim), d));
        lb->matched = false;
        if (end == LB_STOP) {
            lua_pushnil(L);
            return 1;
        }
        /* At the exit the UARTs flushed: the firmware may have printed it just before. */
        if (end == LB_EXIT && (n = uart_find(L, u, pattern)) <= 0)
            return luaL_error(L, "expect %s: the firmware exited (code %d) before output "
                                 "matched %s; unread output %s", lua_tostring(L, 1),
                              lb->m->sim.exit_code, quoted(L, pattern, strlen(pattern)),
                              quoted(L, u->buf, u->len));
        if (end == LB_TIME)
            return luaL_error(L, "expect %s: no output matched %s within %s; unread output %s",
                              lua_tostring(L, 1), quoted(L, pattern, strlen(pattern)),
                              fmt_time(L, d), quoted(L, u->buf, u->len));
        if (end == LB_MATCH && (n = uart_find(L, u, pattern)) <= 0)
            return luaL_error(L, "expect %s: the match went away", lua_tostring(L, 1));
    }
    lua_Integer first = lua_tointeger(L, top + 1), last = lua_tointeger(L, top + 2);
    if (n == 2)
        lua_pushlstring(L, u->buf + first - 1, (size_t)(last - first + 1));
    uart_consume(u, (size_t)last);
    return n == 2 ? 1 : n - 2;
}

/* socsim.output(uart): the unread output, which is read by this call. */
static int l_output(lua_State *L)
{
    struct lb *lb = runtime(L, "output", false);
    struct lb_uart *u = check_uart(L, lb, 1);
    lua_pushlstring(L, u->buf ? u->buf : "", u->len);
    u->len = 0;
    return 1;
}

/* socsim.send(uart, text): the UART receives text as if its back end's host side had
 * sent it (held until the UART has room, like host input). */
static int l_send(lua_State *L)
{
    struct lb *lb = runtime(L, "send", false);
    struct lb_uart *u = check_uart(L, lb, 1);
    size_t n;
    const char *text = luaL_checklstring(L, 2, &n);
    chardev_inject(u->chr, (const uint8_t *)text, n);
    return 0;
}

/* ---- memory ---- */

/* Reads and writes take the debugger's path (bus_debug_read, bus_debug_write), as
 * gdb's do: a device register reads without side effects and writes as the guest's store;
 * memory (RAM, ROM, flash contents) is written like a loader does, and decoded
 * instructions there are dropped. */
static int mem_read(lua_State *L, unsigned size)
{
    struct lb *lb = runtime(L, "read", false);
    uint32_t addr = check_addr(L, 1);
    uint8_t b[4] = {0};
    if (bus_debug_read(lb->m->sysbus, addr, b, size) != size)
        return luaL_error(L, "read%d(%s): nothing readable there", (int)size * 8,
                          hex(L, addr, 8));
    lua_pushinteger(L, (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
                           (uint32_t)b[3] << 24);
    return 1;
}

static int mem_write(lua_State *L, unsigned size)
{
    struct lb *lb = runtime(L, "write", false);
    uint32_t addr = check_addr(L, 1);
    uint32_t v = (uint32_t)luaL_checkinteger(L, 2);
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    if (bus_debug_write(lb->m->sysbus, addr, b, size) != size)
        return luaL_error(L, "write%d(%s): nothing writable there", (int)size * 8,
                          hex(L, addr, 8));
    return 0;
}

static int l_read8(lua_State *L) { return mem_read(L, 1); }
static int l_read16(lua_State *L) { return mem_read(L, 2); }
static int l_read32(lua_State *L) { return mem_read(L, 4); }
static int l_write8(lua_State *L) { return mem_write(L, 1); }
static int l_write16(lua_State *L) { return mem_write(L, 2); }
static int l_write32(lua_State *L) { return mem_write(L, 4); }

/* socsim.sym(name): the address of a symbol of the firmware ELF. */
static int l_sym(lua_State *L)
{
    struct lb *lb = runtime(L, "sym", false);
    const char *name = luaL_checkstring(L, 1);
    uint32_t a;
    if (!lb->m->elf_loaded || elf_symbol(&lb->m->elf, name, &a))
        return luaL_error(L, "the firmware has no symbol '%s'", name);
    lua_pushinteger(L, a);
    return 1;
}

/* ---- CPU registers, CSRs, counters ---- */

/* A register of c: a number 0..nregs-1, or a name the CPU knows (x0..x31, ABI names, fp,
 * pc). */
static unsigned check_reg(lua_State *L, struct cpu *c, int arg)
{
    if (lua_type(L, arg) == LUA_TNUMBER) {
        lua_Integer n = luaL_checkinteger(L, arg);
        if (n < 0 || n >= (lua_Integer)c->ops->nregs)
            luaL_argerror(L, arg, lua_pushfstring(L, "register number must be 0..%d",
                                                  (int)c->ops->nregs - 1));
        return (unsigned)n;
    }
    const char *name = luaL_checkstring(L, arg);
    int n = c->ops->reg_find(name);
    if (n < 0)
        luaL_argerror(L, arg, lua_pushfstring(L, "unknown register '%s'", name));
    return (unsigned)n;
}

/* socsim.reg(name [, cpu]) */
static int l_reg(lua_State *L)
{
    struct lb *lb = runtime(L, "reg", false);
    struct cpu *c = check_cpu(L, lb->m, 2);
    uint64_t v = 0;
    c->ops->reg_read(c, check_reg(L, c, 1), &v);
    lua_pushinteger(L, (lua_Integer)v);
    return 1;
}

/* socsim.set_reg(name, value [, cpu]) */
static int l_set_reg(lua_State *L)
{
    struct lb *lb = runtime(L, "set_reg", false);
    struct cpu *c = check_cpu(L, lb->m, 3);
    unsigned r = check_reg(L, c, 1);
    uint32_t v = (uint32_t)luaL_checkinteger(L, 2);
    c->ops->reg_write(c, r, v);
    return 0;
}

static uint32_t check_csr(lua_State *L, struct cpu *c, int arg)
{
    if (lua_type(L, arg) == LUA_TNUMBER) {
        lua_Integer n = luaL_checkinteger(L, arg);
        if (n < 0 || n >= (lua_Integer)c->ops->nsysregs) {
            char msg[48];
            snprintf(msg, sizeof(msg), "CSR number must be 0..0x%x", c->ops->nsysregs - 1);
            luaL_argerror(L, arg, msg);
        }
        return (uint32_t)n;
    }
    const char *name = luaL_checkstring(L, arg);
    int num = c->ops->sysreg_find(name);
    if (num >= 0)
        return (uint32_t)num;
    luaL_argerror(L, arg, lua_pushfstring(L, "unknown CSR '%s' (give its number)", name));
    return 0;
}

/* socsim.csr(name|number [, cpu]) */
static int l_csr(lua_State *L)
{
    struct lb *lb = runtime(L, "csr", false);
    struct cpu *c = check_cpu(L, lb->m, 2);
    uint32_t n = check_csr(L, c, 1);
    uint64_t v;
    if (c->ops->sysreg_read(c, n, &v) < 0)
        return luaL_error(L, "csr %s: not implemented by %s", hex(L, n, 3), cpu_name(c));
    lua_pushinteger(L, (lua_Integer)v);
    return 1;
}

/* socsim.set_csr(name|number, value [, cpu]) */
static int l_set_csr(lua_State *L)
{
    struct lb *lb = runtime(L, "set_csr", false);
    struct cpu *c = check_cpu(L, lb->m, 3);
    uint32_t n = check_csr(L, c, 1);
    uint32_t v = (uint32_t)luaL_checkinteger(L, 2);
    if (c->ops->sysreg_write(c, n, v) < 0)
        return luaL_error(L, "csr %s: %s cannot write it", hex(L, n, 3), cpu_name(c));
    return 0;
}

/* Counters: core cycles and retired instructions since reset (the CPU's statistics). */
static int counter(lua_State *L, bool cycles)
{
    struct lb *lb = runtime(L, cycles ? "cycles" : "instret", false);
    struct cpu_stats st;
    cpu_stats(check_cpu(L, lb->m, 1), &st);
    lua_pushinteger(L, (lua_Integer)(cycles ? st.cycles : st.instructions));
    return 1;
}

static int l_cycles(lua_State *L) { return counter(L, true); }
static int l_instret(lua_State *L) { return counter(L, false); }

/* mcycle and minstret as the firmware reads them (they can be written and inhibited):
 * the 64-bit value of a CSR pair, both halves read at the same instant. */
static int csr64(lua_State *L, const char *lo, const char *hi)
{
    struct lb *lb = runtime(L, lo, false);
    struct cpu *c = check_cpu(L, lb->m, 1);
    uint64_t l = 0, h = 0;
    c->ops->sysreg_read(c, (uint32_t)c->ops->sysreg_find(lo), &l);
    c->ops->sysreg_read(c, (uint32_t)c->ops->sysreg_find(hi), &h);
    lua_pushinteger(L, (lua_Integer)(l | h << 32));
    return 1;
}

static int l_mcycle(lua_State *L) { return csr64(L, "mcycle", "mcycleh"); }
static int l_minstret(lua_State *L) { return csr64(L, "minstret", "minstreth"); }

/* socsim.stats([cpu]): what --stats prints, as a table: cpu, model, instructions,
 * cycles, stall = {cause = cycles, ...} with the causes --stats names, and the timing
 * model's own counters by name. */
static int l_stats(lua_State *L)
{
    struct lb *lb = runtime(L, "stats", false);
    struct cpu *c = check_cpu(L, lb->m, 1);
    struct cpu_stats st;
    cpu_stats(c, &st);
    lua_createtable(L, 0, 5);
    lua_pushstring(L, cpu_name(c));
    lua_setfield(L, -2, "cpu");
    lua_pushstring(L, st.model);
    lua_setfield(L, -2, "model");
    lua_pushinteger(L, (lua_Integer)st.instructions);
    lua_setfield(L, -2, "instructions");
    lua_pushinteger(L, (lua_Integer)st.cycles);
    lua_setfield(L, -2, "cycles");
    lua_createtable(L, 0, (int)st.nstalls);
    for (unsigned i = 0; i < st.nstalls; i++) {
        lua_pushinteger(L, (lua_Integer)st.stalls[i]);
        lua_setfield(L, -2, st.stall_names[i]);
    }
    lua_setfield(L, -2, "stall");
    for (unsigned i = 0; i < st.ncounters; i++) {
        lua_pushinteger(L, (lua_Integer)st.counters[i]);
        lua_setfield(L, -2, st.counter_names[i]);
    }
    lua_createtable(L, 0, (int)st.nlatency);
    for (unsigned i = 0; i < st.nlatency; i++) {
        const struct cpu_latency *l = &st.latency[i];
        const struct {
            const char *name;
            uint64_t v;
        } f[] = {{"count", l->count},         {"entry_min", l->entry_min},
                 {"entry_median", l->entry_median}, {"entry_max", l->entry_max},
                 {"returns", l->nret},        {"return_min", l->ret_min},
                 {"return_median", l->ret_median}, {"return_max", l->ret_max}};
        lua_createtable(L, 0, (int)ARRAY_SIZE(f));
        for (size_t k = 0; k < ARRAY_SIZE(f); k++) {
            lua_pushinteger(L, (lua_Integer)f[k].v);
            lua_setfield(L, -2, f[k].name);
        }
        lua_setfield(L, -2, l->source);
    }
    lua_setfield(L, -2, "latency");
    return 1;
}

/* socsim.profile(name): what --profile holds for the firmware's function `name` so far:
 * self and inclusive cycles, calls, instructions, and the self stall cycles per cause. */
static int l_profile(lua_State *L)
{
    struct lb *lb = runtime(L, "profile", false);
    const char *name = luaL_checkstring(L, 1);
    struct profile_figures f;
    if (profile_function(lb->m, name, &f))
        return luaL_error(L, "socsim.profile: %s", sim_err_msg());
    lua_createtable(L, 0, 5);
    lua_pushinteger(L, (lua_Integer)f.self_cycles);
    lua_setfield(L, -2, "self");
    lua_pushinteger(L, (lua_Integer)f.incl_cycles);
    lua_setfield(L, -2, "inclusive");
    lua_pushinteger(L, (lua_Integer)f.calls);
    lua_setfield(L, -2, "calls");
    lua_pushinteger(L, (lua_Integer)f.instructions);
    lua_setfield(L, -2, "instructions");
    lua_createtable(L, 0, (int)f.nstalls);
    for (unsigned i = 0; i < f.nstalls; i++) {
        lua_pushinteger(L, (lua_Integer)f.stalls[i]);
        lua_setfield(L, -2, f.stall_names[i]);
    }
    lua_setfield(L, -2, "stall");
    return 1;
}

/* ---- time ---- */

/* socsim.now(): simulated time in picoseconds. */
static int l_now(lua_State *L)
{
    struct lb *lb = runtime(L, "now", false);
    lua_pushinteger(L, (lua_Integer)sim_now(&lb->m->sim));
    return 1;
}

/* socsim.time_str([ps]): a time as text ("1.5 ms"); now when none is given. */
static int l_time_str(lua_State *L)
{
    struct lb *lb = runtime(L, "time_str", false);
    fmt_time(L, lua_isnoneornil(L, 1) ? sim_now(&lb->m->sim) : check_time(L, 1));
    return 1;
}

/* socsim.ps(duration): "10ms" -> 10000000000. */
static int l_ps(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_time(L, 1));
    return 1;
}

static void timer_fired(struct sim_event *ev)
{
    struct lb_timer *t = container_of(ev, struct lb_timer, ev);
    struct lb *lb = t->lb;
    for (struct lb_timer **p = &lb->timers; *p; p = &(*p)->next)
        if (*p == t) {
            *p = t->next;
            break;
        }
    if (can_call(lb)) {
        /* The kernel fires events once the CPU reaches an instruction boundary at or
         * after their time: the callback gets the time it runs, socsim.now(). */
        lua_rawgeti(lb->L, LUA_REGISTRYINDEX, t->fn);
        lua_pushinteger(lb->L, (lua_Integer)sim_now(&lb->m->sim));
        callback(lb, 1);
    }
    luaL_unref(lb->L, LUA_REGISTRYINDEX, t->fn);
    free(t);
}

/* socsim.at and socsim.after return a function that cancels the callback: it returns true
 * when the callback was still to come. */
static int l_cancel_timer(lua_State *L)
{
    struct lb *lb = lb_get(L);
    uint64_t id = (uint64_t)lua_tointeger(L, lua_upvalueindex(1));
    for (struct lb_timer **p = &lb->timers; *p; p = &(*p)->next) {
        struct lb_timer *t = *p;
        if (t->id == id) {
            *p = t->next;
            sim_cancel(&lb->m->sim, &t->ev);
            luaL_unref(L, LUA_REGISTRYINDEX, t->fn);
            free(t);
            lua_pushboolean(L, true);
            return 1;
        }
    }
    lua_pushboolean(L, false);
    return 1;
}

static int schedule(lua_State *L, struct lb *lb, sim_time_t when)
{
    luaL_checktype(L, 2, LUA_TFUNCTION);
    struct lb_timer *t = calloc(1, sizeof(*t));
    if (!t)
        return luaL_error(L, "out of memory");
    lua_pushvalue(L, 2);
    t->fn = luaL_ref(L, LUA_REGISTRYINDEX);
    t->lb = lb;
    t->id = ++lb->next_id;
    sim_event_init(&t->ev, timer_fired, "lua-timer");
    t->next = lb->timers;
    lb->timers = t;
    sim_schedule(&lb->m->sim, &t->ev, when);
    lua_pushinteger(L, (lua_Integer)t->id);
    lua_pushcclosure(L, l_cancel_timer, 1);
    return 1;
}

/* socsim.at(time, fn): call fn(now) when simulated time reaches `time`. */
static int l_at(lua_State *L)
{
    struct lb *lb = runtime(L, "at", false);
    sim_time_t t = check_time(L, 1), now = sim_now(&lb->m->sim);
    if (t < now)
        return luaL_error(L, "socsim.at(%s): that time has passed (now %s)", fmt_time(L, t),
                          fmt_time(L, now));
    return schedule(L, lb, t);
}

/* socsim.after(duration, fn): call fn(now) that much simulated time from now. */
static int l_after(lua_State *L)
{
    struct lb *lb = runtime(L, "after", false);
    return schedule(L, lb, after(sim_now(&lb->m->sim), check_time(L, 1)));
}

/* ---- signals ---- */

/* "<device-id>.<output>": a signal of the device (dev_signal: an IRQ output property such
 * as uart0.irq, a GPIO pad, a CPU's interrupt line), as --vcd names them. */
static struct signal *check_output(lua_State *L, struct machine *m, int arg)
{
    const char *name = luaL_checkstring(L, arg);
    const char *dot = strchr(name, '.');
    if (!dot || dot == name || !dot[1])
        luaL_error(L, "signal '%s' is not <device-id>.<output>", name);
    lua_pushlstring(L, name, (size_t)(dot - name));
    const char *id = lua_tostring(L, -1), *out = dot + 1;
    struct device *d = machine_find_device(m, id);
    if (!d)
        luaL_error(L, "signal '%s': no device with id '%s'", name, id);
    struct signal *s = dev_find_signal(d, out);
    if (s)
        return s;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    char buf[64];
    for (unsigned i = 0; dev_signal(d, i, buf, sizeof(buf)); i++) {
        luaL_addstring(&b, i ? ", " : "");
        luaL_addstring(&b, buf);
    }
    luaL_pushresult(&b);
    luaL_error(L, "signal '%s': '%s' has no output '%s'%s%s%s", name, id, out,
               lua_rawlen(L, -1) ? " (outputs: " : "", lua_tostring(L, -1),
               lua_rawlen(L, -1) ? ")" : "");
    return NULL;
}

static void watch_changed(void *opaque, int n, bool level)
{
    struct lb_watch *w = opaque;
    (void)n;
    if (w->quiet)
        return;
    struct sim *s = &w->lb->m->sim;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 8;
        struct lb_change *q = realloc(w->q, cap * sizeof(*q));
        if (!q)
            abort();
        w->q = q;
        w->cap = cap;
    }
    w->q[w->n++] = (struct lb_change){level, sim_now(s)};
    if (!sim_event_pending(&w->ev))
        sim_schedule(s, &w->ev, sim_now(s));
}

static void watch_fire(struct sim_event *ev)
{
    struct lb_watch *w = container_of(ev, struct lb_watch, ev);
    struct lb *lb = w->lb;
    /* A callback may change the signal again: those changes join the queue. */
    for (size_t i = 0; i < w->n && can_call(lb); i++) {
        lua_rawgeti(lb->L, LUA_REGISTRYINDEX, w->fn);
        lua_pushboolean(lb->L, w->q[i].level);
        lua_pushinteger(lb->L, (lua_Integer)w->q[i].time);
        callback(lb, 2);
    }
    w->n = 0;
}

/* socsim.watch returns a function that ends the watch: changes not yet reported are
 * dropped; it returns true the first time. */
static int l_unwatch(lua_State *L)
{
    struct lb *lb = lb_get(L);
    uint64_t id = (uint64_t)lua_tointeger(L, lua_upvalueindex(1));
    for (struct lb_watch *w = lb->watches; w; w = w->next) {
        if (w->id == id && w->sig) {
            signal_unlisten(w->sig, watch_changed, w);
            w->sig = NULL;
            w->n = 0;
            sim_cancel(&lb->m->sim, &w->ev);
            lua_pushboolean(L, true);
            return 1;
        }
    }
    lua_pushboolean(L, false);
    return 1;
}

/* socsim.watch(signal, fn): call fn(level, time) at each change of an output signal. */
static int l_watch(lua_State *L)
{
    struct lb *lb = runtime(L, "watch", false);
    struct signal *sig = check_output(L, lb->m, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    struct lb_watch *w = calloc(1, sizeof(*w));
    if (!w)
        return luaL_error(L, "out of memory");
    lua_pushvalue(L, 2);
    w->fn = luaL_ref(L, LUA_REGISTRYINDEX);
    w->lb = lb;
    w->id = ++lb->next_id;
    w->sig = sig;
    sim_event_init(&w->ev, watch_fire, "lua-watch");
    w->next = lb->watches;
    lb->watches = w;
    w->quiet = true;
    signal_listen(sig, watch_changed, w, 0);
    w->quiet = false;
    lua_pushinteger(L, (lua_Integer)w->id);
    lua_pushcclosure(L, l_unwatch, 1);
    return 1;
}

/* socsim.level(signal): an output signal's level (true = high). */
static int l_level(lua_State *L)
{
    struct lb *lb = runtime(L, "level", false);
    lua_pushboolean(L, check_output(L, lb->m, 1)->level);
    return 1;
}

/* socsim.set_input("<device-id>.<input>", level): drive a device input ("plic.5", a GPIO
 * pad "gpio0.3") as a wire from outside would; level is a boolean or 0/1. */
static int l_set_input(lua_State *L)
{
    struct lb *lb = runtime(L, "set_input", false);
    const char *name = luaL_checkstring(L, 1);
    bool level = lua_isboolean(L, 2) ? lua_toboolean(L, 2) : luaL_checkinteger(L, 2) != 0;
    struct device *d;
    int n;
    if (dev_resolve_input(lb->m, name, &d, &n))
        return luaL_error(L, "set_input: %s", sim_err_msg());
    d->type->set_input(d, n, level);
    return 0;
}

/* ---- trace outputs ---- */

/* socsim.trace_start([name]), socsim.trace_stop([name]): every trace output the command line
 * asked for (--vcd), or the one called name ("vcd"), starts or stops recording now; returns
 * how many it applied to. */
static int trace_onoff(lua_State *L, const char *fn, bool on)
{
    struct lb *lb = runtime(L, fn, false);
    const char *name = luaL_optstring(L, 1, NULL);
    int n = trace_switch(lb->m, name, on);
    if (n < 0)
        return luaL_error(L, "socsim.%s: %s", fn, sim_err_msg());
    lua_pushinteger(L, n);
    return 1;
}

static int l_trace_start(lua_State *L) { return trace_onoff(L, "trace_start", true); }
static int l_trace_stop(lua_State *L) { return trace_onoff(L, "trace_stop", false); }

/* socsim.mark(name): a mark on --trace's timeline now; true when recorded (false without
 * --trace, or outside its window), so a scenario marks whether or not a timeline is made. */
static int l_mark(lua_State *L)
{
    struct lb *lb = runtime(L, "mark", false);
    const char *name = luaL_checkstring(L, 1);
    lua_pushboolean(L, timeline_mark(lb->m, name) > 0);
    return 1;
}

/* ---- assertions ---- */

static const char *describe(lua_State *L, int i)
{
    if (lua_isinteger(L, i)) {
        lua_Integer v = lua_tointeger(L, i);
        char buf[48];
        if (v >= 0 && v < 10)
            snprintf(buf, sizeof(buf), "%lld", (long long)v);
        else
            snprintf(buf, sizeof(buf), "%lld (0x%llx)", (long long)v, (unsigned long long)v);
        return lua_pushstring(L, buf);
    }
    if (lua_type(L, i) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, i, &n);
        return quoted(L, s, n);
    }
    return luaL_tolstring(L, i, NULL);
}

/* socsim.assert_eq(actual, expected [, what]): fail the scenario unless they are equal. */
static int l_assert_eq(lua_State *L)
{
    luaL_checkany(L, 2);
    if (lua_compare(L, 1, 2, LUA_OPEQ))
        return 0;
    const char *what = luaL_optstring(L, 3, "assert_eq");
    const char *got = describe(L, 1), *want = describe(L, 2);
    return luaL_error(L, "%s: got %s, expected %s", what, got, want);
}

/* ---- named checks and the suite's report ---- */

/* socsim --suite (sim/suite.c) runs each scenario in a socsim of its own with
 * SOCSIM_SUITE_REPORT=FD, and reads back on that descriptor what the exit status and the
 * output do not say: one record a line, fields split by tabs (a tab, newline or backslash
 * inside a field is written \t, \n, \\):
 *   check NAME FILE LINE pass          a named check that passed
 *   check NAME FILE LINE fail MESSAGE  one that failed
 *   error FILE LINE MESSAGE            why the scenario failed (no position: FILE and LINE
 *                                      empty)
 *   time PS                            the simulated time at the end
 *   cpu ID CYCLES INSTRUCTIONS         each CPU's counters at the end
 * Each record is written whole as it happens, so a socsim that dies leaves the ones before. */
static FILE *report_open(void)
{
    const char *v = getenv("SOCSIM_SUITE_REPORT");
    if (!v)
        return NULL;
    char *end;
    long fd = strtol(v, &end, 10);
    unsetenv("SOCSIM_SUITE_REPORT"); /* not for a socsim the scenario starts (os.execute) */
    if (end == v || *end || fd < 3 || fd > INT_MAX || fcntl((int)fd, F_SETFD, FD_CLOEXEC) < 0)
        return NULL;
    return fdopen((int)fd, "w");
}

/* report(lb, kind, n, field...): one record of n text fields. */
static void report(struct lb *lb, const char *kind, int n, ...)
{
    if (!lb->report)
        return;
    fputs(kind, lb->report);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        fputc('\t', lb->report);
        for (const char *c = va_arg(ap, const char *); *c; c++) {
            if (*c == '\t' || *c == '\n' || *c == '\\')
                fputc('\\', lb->report);
            fputc(*c == '\t' ? 't' : *c == '\n' ? 'n' : *c, lb->report);
        }
    }
    va_end(ap);
    fputc('\n', lb->report);
    fflush(lb->report);
}

/* The end of a scenario: why it failed (`failure`, the message on stderr, NULL when it did
 * not), the time and the counters. */
static void report_end(lua_State *L, struct lb *lb, const char *failure)
{
    char a[32], b[32];
    if (failure) {
        size_t n;
        long line;
        const char *rest = lb_split_position(failure, &n, &line);
        snprintf(a, sizeof(a), "%ld", rest ? line : 0);
        report(lb, "error", 3, rest ? lua_pushlstring(L, failure, n) : "", rest ? a : "",
               rest ? rest : failure);
    }
    struct machine *m = lb->m;
    snprintf(a, sizeof(a), "%llu", (unsigned long long)sim_now(&m->sim));
    report(lb, "time", 1, a);
    for (unsigned i = 0; i < m->ncpus; i++) {
        char id[32];
        snprintf(id, sizeof(id), "cpu%u", i);
        struct cpu_stats st;
        cpu_stats(m->cpus[i], &st);
        snprintf(a, sizeof(a), "%llu", (unsigned long long)st.cycles);
        snprintf(b, sizeof(b), "%llu", (unsigned long long)st.instructions);
        report(lb, "cpu", 3, m->cpus[i]->dev->id ? m->cpus[i]->dev->id : id, a, b);
    }
}

/* A named check's result: on stderr when it failed (msg not NULL), in the report either
 * way. */
static void check_result(struct lb *lb, const char *name, const char *file, long line,
                         const char *kind, const char *msg)
{
    char ln[24];
    snprintf(ln, sizeof(ln), "%ld", line);
    lb->checks++;
    if (!msg) {
        report(lb, "check", 4, name, file, ln, "pass");
        return;
    }
    lb->checks_failed++;
    sim_warn("%s:%ld: %s '%s' failed%s%s", file, line, kind, name, *msg ? ": " : "", msg);
    report(lb, "check", 5, name, file, ln, "fail", msg);
}

static const char *check_name(lua_State *L, int arg)
{
    const char *name = luaL_checkstring(L, arg);
    luaL_argcheck(L, *name, arg, "a check needs a name");
    return name;
}

/* Where the calling Lua code is: its file (as Lua shows it in messages) and line. */
static long caller(lua_State *L, lua_Debug *ar)
{
    if (lua_getstack(L, 1, ar) && lua_getinfo(L, "Sl", ar))
        return ar->currentline;
    strcpy(ar->short_src, "?");
    return 0;
}

/* socsim.check(name, condition [, message]): a named check (a testcase of its own in the
 * JUnit file of socsim --suite).  A false condition is reported on stderr and the scenario
 * goes on; it exits 1 at its end.  Returns the condition as a boolean. */
static int l_check(lua_State *L)
{
    struct lb *lb = runtime(L, "check", false);
    const char *name = check_name(L, 1);
    luaL_checkany(L, 2);
    bool ok = lua_toboolean(L, 2);
    const char *msg = luaL_optstring(L, 3, "");
    lua_Debug ar;
    long line = caller(L, &ar);
    check_result(lb, name, ar.short_src, line, "check", ok ? NULL : msg);
    lua_pushboolean(L, ok);
    return 1;
}

/* socsim.test(name, fn): runs fn() as a named check: an error in it (a failed assert_eq,
 * an expect that timed out) fails the check with the error's message and line, and the
 * scenario goes on.  Returns true when fn returned. */
static int l_test(lua_State *L)
{
    struct lb *lb = runtime(L, "test", false);
    const char *name = check_name(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_Debug ar;
    long line = caller(L, &ar);
    lua_pushcfunction(L, lb_msgh);
    lua_pushvalue(L, 2);
    if (lua_pcall(L, 0, 0, -2) == LUA_OK) {
        check_result(lb, name, ar.short_src, line, "test", NULL);
        lua_pushboolean(L, true);
        return 1;
    }
    /* socsim.exit(), --lua-limit and a signal end the scenario, not the check. */
    if (lb_must_end(lb))
        return lua_error(L);
    const char *msg = lb_describe(L, -1), *file = ar.short_src;
    size_t n;
    const char *rest = lb_split_position(msg, &n, &line);
    if (rest) {
        file = lua_pushlstring(L, msg, n);
        msg = rest;
    }
    check_result(lb, name, file, line, "test", msg);
    lua_pushboolean(L, false);
    return 1;
}

/* ---- checkpoints (soc/checkpoint.h) ---- */

#define LB_CKPT "socsim.checkpoint"

static struct ckpt **check_ckpt(lua_State *L, int arg)
{
    struct ckpt **cp = luaL_checkudata(L, arg, LB_CKPT);
    if (!*cp)
        luaL_argerror(L, arg, "a checkpoint that was freed");
    return cp;
}

static int ckpt_gc(lua_State *L)
{
    struct ckpt **cp = luaL_checkudata(L, 1, LB_CKPT);
    ckpt_free(*cp);
    *cp = NULL;
    return 0;
}

/* cp.time (picoseconds), cp.instructions, cp.size (bytes in memory). */
static int ckpt_index(lua_State *L)
{
    struct ckpt *cp = *check_ckpt(L, 1);
    const char *k = luaL_checkstring(L, 2);
    if (strcmp(k, "time") == 0)
        lua_pushinteger(L, (lua_Integer)ckpt_time(cp));
    else if (strcmp(k, "instructions") == 0)
        lua_pushinteger(L, (lua_Integer)ckpt_insns(cp));
    else if (strcmp(k, "size") == 0)
        lua_pushinteger(L, (lua_Integer)ckpt_size(cp));
    else
        lua_pushnil(L);
    return 1;
}

static int ckpt_tostring(lua_State *L)
{
    struct ckpt *cp = *check_ckpt(L, 1);
    char t[64];
    sim_format_time(t, sizeof(t), ckpt_time(cp));
    lua_pushfstring(L, "checkpoint at %s, %I instructions", t, (lua_Integer)ckpt_insns(cp));
    return 1;
}

/* socsim.checkpoint(): the whole machine's state now, in memory (docs/checkpoints.md). */
static int l_checkpoint(lua_State *L)
{
    struct lb *lb = runtime(L, "checkpoint", true);
    struct ckpt **ud = lua_newuserdatauv(L, sizeof(*ud), 0);
    *ud = NULL;
    if (luaL_newmetatable(L, LB_CKPT)) {
        static const luaL_Reg meta[] = {
            {"__gc", ckpt_gc}, {"__close", ckpt_gc}, {"__index", ckpt_index},
            {"__tostring", ckpt_tostring}, {NULL, NULL},
        };
        luaL_setfuncs(L, meta, 0);
    }
    lua_setmetatable(L, -2);
    if (!(*ud = ckpt_take(lb->m)))
        return luaL_error(L, "socsim.checkpoint: %s", sim_err_msg());
    return 1;
}

/* socsim.restore(cp): the machine goes back (or forward) to cp: its devices, memory,
 * time and pending events.  The scenario's own callbacks, watches and unread output stay
 * as they are.  A machine that stopped (the firmware exited) runs again. */
static int l_restore(lua_State *L)
{
    struct lb *lb = runtime(L, "restore", true);
    struct ckpt *cp = *check_ckpt(L, 1);
    if (ckpt_restore(lb->m, cp))
        return luaL_error(L, "socsim.restore: %s", sim_err_msg());
    sim_resume(&lb->m->sim);
    return 0;
}

static const luaL_Reg runtime_funcs[] = {
    {"run", l_run},           {"wait_exit", l_wait_exit}, {"expect", l_expect},
    {"output", l_output},     {"send", l_send},           {"stop", l_stop},
    {"exit", l_exit},         {"read8", l_read8},         {"read16", l_read16},
    {"read32", l_read32},     {"write8", l_write8},       {"write16", l_write16},
    {"write32", l_write32},   {"sym", l_sym},             {"reg", l_reg},
    {"set_reg", l_set_reg},   {"csr", l_csr},             {"set_csr", l_set_csr},
    {"cycles", l_cycles},     {"instret", l_instret},     {"mcycle", l_mcycle},
    {"minstret", l_minstret}, {"stats", l_stats},         {"now", l_now},
    {"time_str", l_time_str},
    {"ps", l_ps},             {"at", l_at},               {"after", l_after},
    {"watch", l_watch},       {"level", l_level},         {"set_input", l_set_input},
    {"trace_start", l_trace_start}, {"trace_stop", l_trace_stop},
    {"mark", l_mark},         {"profile", l_profile},
    {"assert_eq", l_assert_eq}, {"check", l_check},        {"test", l_test},
    {"checkpoint", l_checkpoint}, {"restore", l_restore},
    {NULL, NULL},
};

void lb_runtime_init(struct lb *lb)
{
    sim_event_init(&lb->deadline, deadline_fired, "lua-deadline");
}

void lb_runtime_register(lua_State *L)
{
    luaL_setfuncs(L, runtime_funcs, 0);
    lua_getglobal(L, "string");
    lua_getfield(L, -1, "find");
    lua_setfield(L, LUA_REGISTRYINDEX, LB_FIND);
    lua_pop(L, 1);
}

void lb_runtime_free(struct lb *lb)
{
    /* Called while the machine still exists (machine_free closes Lua first): its chardevs,
     * signals and event heap let go of everything here. */
    struct sim *s = &lb->m->sim;
    sim_cancel(s, &lb->deadline);
    for (struct lb_uart *u = lb->uarts, *n; u; u = n) {
        n = u->next;
        if (u->chr->tap_opaque == u) {
            u->chr->tap = NULL;
            u->chr->tap_opaque = NULL;
        }
        sim_cancel(s, &u->check);
        free(u->buf);
        free(u);
    }
    for (struct lb_watch *w = lb->watches, *n; w; w = n) {
        n = w->next;
        if (w->sig)
            signal_unlisten(w->sig, watch_changed, w);
        sim_cancel(s, &w->ev);
        free(w->q);
        free(w);
    }
    for (struct lb_timer *t = lb->timers, *n; t; t = n) {
        n = t->next;
        sim_cancel(s, &t->ev);
        free(t);
    }
    lb->uarts = NULL;
    lb->watches = NULL;
    lb->timers = NULL;
}

int lb_run_scenario(struct machine *m, const char *path)
{
    struct lb *lb = m->lua;
    if (!lb) {
        sim_warn("--script %s: the board made no Lua state", path);
        return 1;
    }
    lua_State *L = lb->L;
    lb->scenario = true;
    m->late_listeners = true; /* socsim.watch */
    for (struct chardev *c = m->chardevs; c; c = c->next) {
        struct lb_uart *u = calloc(1, sizeof(*u));
        if (!u)
            abort();
        u->lb = lb;
        u->chr = c;
        sim_event_init(&u->check, uart_check, "lua-expect");
        u->next = lb->uarts;
        lb->uarts = u;
        c->tap = uart_tap;
        c->tap_opaque = u;
    }
    lb->report = report_open();
    int base = lua_gettop(L);
    int rc = lb_run_script(lb, path, 1);
    lb_exit_done(lb);
    int status;
    const char *failure = NULL; /* what went wrong, as said on stderr */
    if (rc != LUA_OK) {
        if (lb_is_exit(L, -1)) {
            status = lb->exit_status;
        } else {
            failure = lb_describe(L, -1); /* lb_msgh gave its position */
            status = lb->limit ? SIM_EXIT_LIMIT : lb->trap_loop ? SIM_EXIT_TRAP_LOOP : 1;
        }
    } else if (lua_isnil(L, -1)) {
        status = m->sim.stop == SIM_STOP_EXIT ? m->sim.exit_code : 0;
    } else if (lua_isboolean(L, -1)) {
        status = lua_toboolean(L, -1) ? 0 : 1;
    } else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 0 && lua_tointeger(L, -1) <= 255) {
        status = (int)lua_tointeger(L, -1);
    } else {
        failure = lua_pushfstring(L,
                                  "%s: the scenario returned %s; expected an exit status "
                                  "0..255, a boolean or nothing",
                                  path, lb_describe(L, -1));
        status = 1;
    }
    /* A failed check never ends in status 0. */
    if (status == 0 && lb->checks_failed) {
        failure = lua_pushfstring(L, "%s: %d of %d named checks failed", path,
                                  (int)lb->checks_failed, (int)lb->checks);
        status = lb->limit ? SIM_EXIT_LIMIT : lb->trap_loop ? SIM_EXIT_TRAP_LOOP : 1;
    }
    if (failure)
        sim_warn("%s", failure);
    report_end(L, lb, failure);
    if (lb->report)
        fclose(lb->report);
    lb->report = NULL;
    lua_settop(L, base);
    return status;
}
