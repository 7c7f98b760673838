/* socsim --suite DIR|FILE.lua [-j N] [--shard K/N] [--junit FILE]: runs every scenario of
 * a directory or a suite file, each in a socsim of its own (this program again, from
 * /proc/self/exe) so that a crash or a runaway in one cannot take the others down, N at a
 * time; prints a table on stdout and writes JUnit XML (docs/scale.md).
 *
 * A scenario says what it runs on and how it must end in its header, the comment lines at
 * its top (docs/scenarios.md, "Headers"):
 *
 *   -- args: -M virt32 -kernel build/fw/virt32/hello.elf
 *   -- exit: 1
 *   -- stderr: ^socsim: .*greeting
 *
 * The command line's options (and a suite file's args) go to every scenario that does not
 * give the same option itself.  A child socsim reports its named checks, its failure's
 * position, the simulated time and the CPUs' counters on a descriptor of its own
 * (lua/lb_run.c, SOCSIM_SUITE_REPORT).
 *
 * What the suite writes depends on the scenarios' simulations alone, never on the host: no
 * host time unless --junit-time asks, rows in the scenarios' order whatever order they end
 * in, so a suite gives the same bytes every time and the JUnit files of its shards merge
 * into the unsharded run's (tests/suite/junit-merge.py). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <limits.h>
#include <lua.h>
#include <lualib.h>
#include <math.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim/error.h"
#include "sim/host_signal.h"
#include "sim/sim.h"
#include "sim/suite.h"

#define SUITE_MAX_TIME "10s"  /* for a scenario that sets no --max-time or --max-insns */
#define SUITE_KEEP (1u << 20) /* of a scenario's stdout and stderr, the last bytes kept */
#define SUITE_MAX_JOBS 256

/* ---- text and lists ---- */

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("socsim: --suite: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrdup(const char *s)
{
    return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

/* Growing text, always NUL-terminated. */
struct sbuf {
    char *p;
    size_t n, cap;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = b->cap ? b->cap : 64;
        while (b->n + n + 1 > b->cap)
            b->cap *= 2;
        b->p = xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static char *xvasprintf(const char *fmt, va_list ap)
{
    char *s;
    if (vasprintf(&s, fmt, ap) < 0) {
        fputs("socsim: --suite: out of memory\n", stderr);
        abort();
    }
    return s;
}

static char *__attribute__((format(printf, 1, 2))) xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

static void __attribute__((format(printf, 2, 3))) sb_printf(struct sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sb_add(b, s, strlen(s));
    free(s);
}

/* A list of strings (argv-like: NULL after the last). */
struct words {
    char **v;
    size_t n, cap;
};

static void words_push(struct words *w, const char *s)
{
    if (w->n + 2 > w->cap) {
        w->cap = w->cap ? 2 * w->cap : 16;
        w->v = xrealloc(w->v, w->cap * sizeof(*w->v));
    }
    w->v[w->n++] = xstrdup(s);
    w->v[w->n] = NULL;
}

static void words_free(struct words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
    *w = (struct words){0};
}

/* An args line into words, as a shell splits them: blanks separate; '...' is literal;
 * "..." and a backslash outside quotes escape the next character.  NULL, or why not. */
static char *split_words(const char *s, struct words *w)
{
    struct sbuf word = {0};
    bool in_word = false;
    char c;
    for (;;) {
        c = *s++;
        if (c == '\0' || c == ' ' || c == '\t') {
            if (in_word)
                words_push(w, word.p ? word.p : "");
            word.n = 0;
            in_word = false;
            if (c == '\0')
                break;
            continue;
        }
        in_word = true;
        if (c == '\'') {
            const char *end = strchr(s, '\'');
            if (!end)
                break;
            sb_add(&word, s, (size_t)(end - s));
            s = end + 1;
        } else if (c == '"') {
            while (*s && *s != '"') {
                if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
                    s++;
                sb_add(&word, s++, 1);
            }
            if (!*s) {
                c = '"';
                break;
            }
            s++;
        } else if (c == '\\' && *s) {
            sb_add(&word, s++, 1);
        } else {
            sb_add(&word, &c, 1);
        }
    }
    free(word.p);
    return c ? xasprintf("a %c is not closed", c) : NULL;
}

/* A word as a shell would need it to give it back (for the command a scenario ran). */
static void sb_shell_word(struct sbuf *b, const char *w)
{
    if (*w && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                        "_./:=,+@%-") == strlen(w)) {
        sb_add(b, w, strlen(w));
        return;
    }
    sb_add(b, "'", 1);
    for (; *w; w++)
        sb_add(b, *w == '\'' ? "'\\''" : w, *w == '\'' ? 4 : 1);
    sb_add(b, "'", 1);
}

/* ---- options: the command line's, a suite file's, a header's ---- */

/* One option as given: its name from socsim's table (NULL for a word that is no option)
 * and its one or two words. */
struct opt_group {
    const char *name;
    char *const *w;
    size_t n;
    bool suite_only;
};

static size_t group_options(const struct suite_config *c, char *const *w, size_t n,
                            struct opt_group *g)
{
    size_t k = 0;
    for (size_t i = 0; i < n; k++) {
        bool takes = false, suite_only = false;
        const char *name = w[i][0] == '-' ? c->option(w[i], &takes, &suite_only) : NULL;
        size_t len = takes && i + 1 < n ? 2 : 1;
        g[k] = (struct opt_group){name, w + i, len, suite_only};
        i += len;
    }
    return k;
}

static bool names_option(const struct opt_group *g, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (g[i].name && strcmp(g[i].name, name) == 0)
            return true;
    return false;
}

/* An option that a scenario or a suite file cannot give: the suite's own and --script
 * (the suite gives each scenario its --script).  NULL when there is none. */
static const struct opt_group *foreign_option(const struct opt_group *g, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (g[i].suite_only || (g[i].name && strcmp(g[i].name, "--script") == 0))
            return &g[i];
    return NULL;
}

/* ---- scenarios ---- */

struct check {
    char *name, *file, *msg; /* msg NULL: passed */
    long line;
};

struct cpu_count {
    char *id, *cycles, *instret;
};

enum result { R_PASS, R_FAIL, R_ERROR };

struct scenario {
    char *path;
    /* from the header */
    struct words args;
    int want_exit;
    char *want_err; /* an extended regular expression stderr must match; NULL: empty */
    regex_t err_re;
    char *bad; /* why it cannot run (a header error); it does not run */
    /* the run */
    struct words argv; /* the child's */
    pid_t pid;
    int fd[3]; /* stdout, stderr, report */
    double t0, host_s;
    int wstatus;
    bool finished;
    /* what it left */
    struct sbuf out, err;
    size_t out_dropped, err_dropped;
    struct check *checks;
    size_t nchecks;
    unsigned checks_failed;
    char *fail_file, *fail_msg; /* the scenario's failure (report "error") */
    long fail_line;
    char *time_ps;
    struct cpu_count *cpus;
    size_t ncpus;
    /* the verdict */
    enum result result;
    char *why;            /* the failure's message */
    const char *why_type; /* the JUnit failure's or error's type */
    long why_line;
};

/* "-- KEY: VALUE" in a header: VALUE (after one space), or NULL. */
static const char *header_value(const char *line, const char *key)
{
    line += 2 + strspn(line + 2, " ");
    size_t n = strlen(key);
    if (strncmp(line, key, n) != 0 || line[n] != ':')
        return NULL;
    return line + n + 1 + (line[n + 1] == ' ');
}

/* The header: the comment and blank lines before the scenario's first line of code. */
static void read_header(struct scenario *s)
{
    FILE *f = fopen(s->path, "r");
    if (!f) {
        s->bad = xasprintf("%s: cannot read the scenario: %s", s->path, strerror(errno));
        return;
    }
    struct sbuf args = {0}, err = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long ln = 0, exit_line = 0, err_line = 0;
    while (!s->bad && (len = getline(&line, &cap, f)) >= 0) {
        ln++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || (ln == 1 && line[0] == '#')) /* Lua skips a first line "#!..." */
            continue;
        if (strncmp(line, "--", 2) != 0)
            break;
        const char *v;
        if ((v = header_value(line, "args"))) {
            if (args.n)
                sb_add(&args, " ", 1);
            sb_add(&args, v, strlen(v));
            struct words w = {0};
            char *why = split_words(v, &w);
            if (why)
                s->bad = xasprintf("%s:%ld: -- args: %s", s->path, ln, why);
            free(why);
            words_free(&w);
        } else if ((v = header_value(line, "exit"))) {
            char *end;
            long code = strtol(v, &end, 10);
            if (exit_line)
                s->bad = xasprintf("%s:%ld: -- exit: given twice (first on line %ld)", s->path, ln,
                                   exit_line);
            else if (end == v || end[strspn(end, " \t")] || code < 0 || code > 255)
                s->bad =
                    xasprintf("%s:%ld: -- exit: '%s' is not an exit status 0..255", s->path, ln, v);
            s->want_exit = (int)code;
            exit_line = ln;
        } else if ((v = header_value(line, "stderr"))) {
            sb_add(&err, v, strlen(v)); /* several lines make one pattern */
            err_line = err_line ? err_line : ln;
        }
    }
    if (ferror(f) && !s->bad)
        s->bad = xasprintf("%s: cannot read the scenario: %s", s->path, strerror(errno));
    free(line);
    fclose(f);
    if (!s->bad && args.n)
        split_words(args.p, &s->args);
    free(args.p);
    if (!s->bad && err_line) {
        int rc = regcomp(&s->err_re, err.p, REG_EXTENDED | REG_NOSUB | REG_NEWLINE);
        if (rc) {
            char msg[256];
            regerror(rc, &s->err_re, msg, sizeof(msg));
            s->bad = xasprintf("%s:%ld: -- stderr: '%s': %s", s->path, err_line, err.p, msg);
        } else {
            s->want_err = xstrdup(err.p);
        }
    }
    free(err.p);
}

static void push_group(struct words *argv, const struct opt_group *g, bool *limit)
{
    for (size_t i = 0; i < g->n; i++)
        words_push(argv, g->w[i]);
    if (g->name && (strcmp(g->name, "--max-time") == 0 || strcmp(g->name, "--max-insns") == 0))
        *limit = true;
}

/* The child's command line: the command line's options, then the suite file's, then the
 * scenario's; an option a later one gives replaces every occurrence of it before. */
static void build_argv(struct scenario *s, const struct suite_config *c, const struct words *suite)
{
    size_t ncmd = (size_t)c->argc, nsuite = suite->n, nscen = s->args.n;
    struct opt_group *g = xrealloc(NULL, (ncmd + nsuite + nscen) * sizeof(*g));
    struct opt_group *cmd = g, *sui = g + ncmd, *scen = sui + nsuite;
    ncmd = group_options(c, c->argv, ncmd, cmd);
    nsuite = group_options(c, suite->v, nsuite, sui);
    nscen = group_options(c, s->args.v, nscen, scen);
    const struct opt_group *bad = foreign_option(scen, nscen);
    if (bad) {
        s->bad = xasprintf("%s: -- args: %s is not for a scenario (the suite gives each scenario "
                           "its --script)",
                           s->path, bad->name);
        free(g);
        return;
    }
    bool limit = false;
    words_push(&s->argv, "socsim");
    for (size_t i = 0; i < ncmd; i++)
        if (!cmd[i].suite_only && !(cmd[i].name && (names_option(sui, nsuite, cmd[i].name) ||
                                                    names_option(scen, nscen, cmd[i].name))))
            push_group(&s->argv, &cmd[i], &limit);
    for (size_t i = 0; i < nsuite; i++)
        if (!(sui[i].name && names_option(scen, nscen, sui[i].name)))
            push_group(&s->argv, &sui[i], &limit);
    for (size_t i = 0; i < nscen; i++)
        push_group(&s->argv, &scen[i], &limit);
    if (!limit) { /* a scenario that never ends must not hold up the suite */
        words_push(&s->argv, "--max-time");
        words_push(&s->argv, SUITE_MAX_TIME);
    }
    words_push(&s->argv, "--script");
    words_push(&s->argv, s->path);
    free(g);
}

static char *command_text(const struct scenario *s)
{
    struct sbuf b = {0};
    for (size_t i = 0; i < s->argv.n; i++) {
        if (i)
            sb_add(&b, " ", 1);
        sb_shell_word(&b, s->argv.v[i]);
    }
    return b.p ? b.p : xstrdup("");
}

/* ---- which scenarios ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* The *.lua files of a directory (not its subdirectories, not hidden ones).  Messages
 * start with `lead`. */
static int list_dir(const char *dir, const char *lead, struct words *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return sim_err("%s: %s", lead, strerror(errno));
    size_t len = strlen(dir), before = out->n;
    while (len > 1 && dir[len - 1] == '/')
        len--;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".lua"))
            continue;
        char *p = xasprintf("%.*s/%s", (int)len, dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
            words_push(out, p);
        free(p);
    }
    closedir(d);
    if (out->n == before)
        return sim_err("%s: no scenarios (*.lua files) there", lead);
    return 0;
}

static int add_path(const char *path, const char *lead, struct words *out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return sim_err("%s: %s", lead, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return list_dir(path, lead, out);
    words_push(out, path);
    return 0;
}

/* require "socsim" in a suite file: an error naming the suite file's line. */
static int no_socsim_module(lua_State *L)
{
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++)
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            break;
        }
    if (lua_type(L, -1) != LUA_TSTRING)
        lua_pushliteral(L, "");
    lua_pushstring(L, "a suite file lists scenarios and runs none: it cannot require 'socsim' "
                      "(a scenario is run by --suite DIR or from a suite file's list)");
    lua_concat(L, 2);
    return lua_error(L);
}

/* A suite file: Lua returning { "scenario.lua", "directory/", ..., args = "options" }.
 * It runs in a Lua state of its own with the standard libraries. */
static int read_suite_file(const char *path, struct words *out, struct words *args)
{
    lua_State *L = luaL_newstate();
    if (!L)
        return sim_err("%s: out of memory", path);
    luaL_openlibs(L);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "preload");
    lua_pushcfunction(L, no_socsim_module);
    lua_setfield(L, -2, "socsim");
    lua_pop(L, 2);
    int rc = 0;
    if (luaL_loadfile(L, path) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
        rc = sim_err("%s", lua_tostring(L, -1));
    else if (!lua_istable(L, -1))
        rc = sim_err("%s: a suite file returns a table of scenarios and directories (it returned "
                     "%s)",
                     path, luaL_typename(L, -1));
    lua_Integer n = rc ? 0 : (lua_Integer)lua_rawlen(L, -1);
    for (lua_Integer i = 1; i <= n && rc == 0; i++) {
        if (lua_rawgeti(L, -1, i) != LUA_TSTRING) {
            rc = sim_err("%s: entry %lld is a %s; expected the path of a scenario or a directory",
                         path, (long long)i, luaL_typename(L, -1));
        } else {
            char *lead = xasprintf("%s: entry %lld: %s", path, (long long)i, lua_tostring(L, -1));
            rc = add_path(lua_tostring(L, -1), lead, out);
            free(lead);
        }
        lua_pop(L, 1);
    }
    /* Of several unknown fields the first by name is reported, before args is looked at:
     * the table's iteration order changes from run to run (Lua seeds its string hash). */
    char *unknown = NULL;
    for (lua_pushnil(L); rc == 0 && lua_next(L, -2); lua_pop(L, 1)) {
        if (lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1 && lua_tointeger(L, -2) <= n)
            continue;
        if (lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), "args") == 0)
            continue;
        const char *key = luaL_tolstring(L, -2, NULL); /* a copy: the key stays as it is */
        if (!unknown || strcmp(key, unknown) < 0) {
            free(unknown);
            unknown = xstrdup(key);
        }
        lua_pop(L, 1);
    }
    if (unknown)
        rc = sim_err("%s: unknown field '%s' (a suite file has a list of scenarios and "
                     "directories, and args)",
                     path, unknown);
    free(unknown);
    lua_pushliteral(L, "args");
    int type = rc ? LUA_TNIL : lua_rawget(L, -2);
    if (type == LUA_TSTRING) {
        char *why = split_words(lua_tostring(L, -1), args);
        if (why)
            rc = sim_err("%s: args: %s", path, why);
        free(why);
    } else if (type != LUA_TNIL) {
        rc = sim_err("%s: args is a %s; expected options as on the command line", path,
                     lua_typename(L, type));
    }
    if (rc == 0 && out->n == 0)
        rc = sim_err("%s: the suite lists no scenarios", path);
    lua_close(L);
    return rc;
}

/* Every scenario of the suite, sorted; the suite file's args. */
static int list_suite(const char *path, struct words *out, struct words *args)
{
    char *lead = xasprintf("--suite %s", path);
    struct stat st;
    int rc = stat(path, &st)       ? sim_err("%s: %s", lead, strerror(errno))
             : S_ISDIR(st.st_mode) ? list_dir(path, lead, out)
                                   : read_suite_file(path, out, args);
    free(lead);
    if (rc)
        return rc;
    sort_array(out->v, out->n, sizeof(*out->v), cmp_str);
    for (size_t i = 1; i < out->n; i++)
        if (strcmp(out->v[i - 1], out->v[i]) == 0)
            return sim_err("%s: scenario %s is listed twice", path, out->v[i]);
    return 0;
}

int suite_parse_jobs(const char *text, unsigned *jobs)
{
    uint64_t n;
    if (sim_parse_u64(text, &n) || n == 0 || n > SUITE_MAX_JOBS)
        return sim_err("-j %s: expected a number of scenarios to run at once, 1..%d", text,
                       SUITE_MAX_JOBS);
    *jobs = (unsigned)n;
    return 0;
}

int suite_parse_shard(const char *text, unsigned *shard, unsigned *nshards)
{
    const char *slash = strchr(text, '/');
    uint64_t k = 0, n = 0;
    char num[32];
    if (slash && (size_t)(slash - text) < sizeof(num)) {
        snprintf(num, sizeof(num), "%.*s", (int)(slash - text), text);
        if (sim_parse_u64(num, &k) || sim_parse_u64(slash + 1, &n))
            k = n = 0;
    }
    if (n == 0 || n > 100000 || k == 0 || k > n)
        return sim_err("--shard %s: expected K/N, shard K of N (1 <= K <= N), such as 1/4", text);
    *shard = (unsigned)k;
    *nshards = (unsigned)n;
    return 0;
}

/* ---- running ---- */

/* An unnamed file (gone when closed), never passed on to another child. */
static int tmp_fd(void)
{
    const char *dir = getenv("TMPDIR");
    char *path = xasprintf("%s/socsim-suite.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    free(path);
    return fd;
}

/* This program: the file /proc/self/exe links to (a tool that runs socsim, valgrind,
 * shows socsim there, where exec'ing /proc/self/exe would start the tool itself), or the
 * link when it names no file (the program was replaced on disk). */
static const char *self_exe(void)
{
    static char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
    if (n <= 0 || (size_t)n >= sizeof(path) - 1)
        return "/proc/self/exe";
    path[n] = '\0';
    return access(path, X_OK) == 0 ? path : "/proc/self/exe";
}

/* ---- SIGINT, SIGTERM and SIGHUP ----
 *
 * A signal to the suite is passed on to the scenarios running, once each: each stops as a
 * socsim run stops for it (its output handed to the back ends, exit 128 + N), the suite
 * waits for them, starts no more, and reports what ran.  The scenarios run in their own
 * process groups, so a terminal's ^C reaches them only through the suite, never twice (a
 * second SIGINT would kill a scenario at once, its output lost).  live[] holds the pids
 * while they run; the handler marks a pid it signalled by negating it. */
static volatile sig_atomic_t *live;
static size_t live_n;

static void forward_signal(void *opaque)
{
    (void)opaque;
    for (size_t i = 0; i < live_n; i++) {
        pid_t pid = live[i];
        if (pid > 0) {
            live[i] = -pid;
            kill(pid, sim_signal_caught);
        }
    }
}

/* Notes a child as running (a caught signal is passed on to it at once) or, with pid 0,
 * the slot of `old` as free. */
static void live_set(pid_t old, pid_t pid)
{
    sigset_t block, prev;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &prev);
    for (size_t i = 0; i < live_n; i++) {
        if (pid ? live[i] == 0 : live[i] == old || live[i] == -old) {
            live[i] = pid;
            if (pid && sim_signal_caught) {
                live[i] = -pid;
                kill(pid, sim_signal_caught);
            }
            break;
        }
    }
    sigprocmask(SIG_SETMASK, &prev, NULL);
}

/* Starts the scenario's socsim (`exe`): 0, or -1 with sim_err set. */
static int start(struct scenario *s, const char *exe)
{
    for (int i = 0; i < 3; i++)
        if ((s->fd[i] = tmp_fd()) < 0)
            return sim_err("a temporary file: %s", strerror(errno));
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    s->t0 = sim_host_seconds();
    s->pid = fork();
    if (s->pid < 0)
        return sim_err("fork: %s", strerror(errno));
    if (s->pid > 0) {
        live_set(0, s->pid);
        return 0;
    }
    /* The child: stdin from /dev/null, stdout, stderr and the report (fd 3) into the
     * files; its own process group; it dies with the suite. */
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(127);
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int moved[3];
    for (int i = 0; i < 3; i++) /* out of the way of 0..3 before dup2 */
        moved[i] = fcntl(s->fd[i], F_DUPFD_CLOEXEC, 10);
    if (null < 0 || dup2(null, 0) < 0 || dup2(moved[0], 1) < 0 || dup2(moved[1], 2) < 0 ||
        dup2(moved[2], 3) < 0 || setenv("SOCSIM_SUITE_REPORT", "3", 1))
        _exit(127);
    execv(exe, s->argv.v);
    dprintf(2, "socsim: --suite: cannot run %s: %s\n", exe, strerror(errno));
    _exit(127);
}

/* The last `keep` bytes of what went to fd, from a line's start; `dropped` the rest. */
static void read_back(int fd, struct sbuf *b, size_t keep, size_t *dropped)
{
    struct stat st;
    off_t size = fstat(fd, &st) == 0 ? st.st_size : 0;
    off_t off = (size_t)size > keep ? size - (off_t)keep : 0;
    char buf[65536];
    for (ssize_t n; (n = pread(fd, buf, sizeof(buf), off)) > 0; off += n)
        sb_add(b, buf, (size_t)n);
    *dropped = (size_t)size - b->n;
    if (*dropped && b->n) {
        char *nl = memchr(b->p, '\n', b->n);
        size_t cut = nl ? (size_t)(nl + 1 - b->p) : 0;
        memmove(b->p, b->p + cut, b->n - cut + 1);
        b->n -= cut;
        *dropped += cut;
    }
    close(fd);
}

static char *unescape(char *s)
{
    char *o = s;
    for (char *i = s; *i; i++)
        *o++ = *i == '\\' && i[1] ? (++i, *i == 't' ? '\t' : *i == 'n' ? '\n' : *i) : *i;
    *o = '\0';
    return s;
}

/* The child's report (lua/lb_run.c, "named checks and the suite's report"). */
static void parse_report(struct scenario *s, char *text)
{
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *f[6];
        size_t n = 0;
        for (char *p = line; p && n < 6; n++) {
            f[n] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        for (size_t i = 0; i < n; i++)
            unescape(f[i]);
        if (strcmp(f[0], "check") == 0 && n >= 5) {
            s->checks = xrealloc(s->checks, (s->nchecks + 1) * sizeof(*s->checks));
            bool failed = strcmp(f[4], "fail") == 0;
            s->checks[s->nchecks++] =
                (struct check){xstrdup(f[1]), xstrdup(f[2]),
                               failed ? xstrdup(n > 5 ? f[5] : "") : NULL, strtol(f[3], NULL, 10)};
            s->checks_failed += failed;
        } else if (strcmp(f[0], "error") == 0 && n >= 4 && !s->fail_msg) {
            s->fail_file = xstrdup(f[1]);
            s->fail_line = strtol(f[2], NULL, 10);
            s->fail_msg = xstrdup(f[3]);
        } else if (strcmp(f[0], "time") == 0 && n >= 2 && !s->time_ps) {
            s->time_ps = xstrdup(f[1]);
        } else if (strcmp(f[0], "cpu") == 0 && n >= 4) {
            s->cpus = xrealloc(s->cpus, (s->ncpus + 1) * sizeof(*s->cpus));
            s->cpus[s->ncpus++] = (struct cpu_count){xstrdup(f[1]), xstrdup(f[2]), xstrdup(f[3])};
        }
    }
}

/* Is `file` (a position from Lua, shortened to "...tail" when long) the scenario? */
static bool is_scenario_file(const struct scenario *s, const char *file)
{
    if (strncmp(file, "...", 3) == 0)
        return ends_with(s->path, file + 3);
    return strcmp(file, s->path) == 0;
}

static void set_verdict(struct scenario *s, enum result r, const char *type, char *why)
{
    s->result = r;
    s->why_type = type;
    s->why = why;
}

/* Exit status and stderr against the header. */
static void judge(struct scenario *s)
{
    if (s->bad) {
        set_verdict(s, R_ERROR, "scenario", xstrdup(s->bad));
        return;
    }
    int stop = sim_signal_caught;
    if (stop && ((WIFEXITED(s->wstatus) && WEXITSTATUS(s->wstatus) == 128 + stop) ||
                 (WIFSIGNALED(s->wstatus) && WTERMSIG(s->wstatus) == stop))) {
        set_verdict(s, R_ERROR, "signal",
                    xasprintf("stopped: the suite was stopped by %s", sim_signal_name(stop)));
        return;
    }
    if (WIFSIGNALED(s->wstatus)) {
        int sig = WTERMSIG(s->wstatus);
        set_verdict(s, R_ERROR, "signal",
                    xasprintf("killed by signal %d (%s)", sig, strsignal(sig)));
        return;
    }
    int code = WEXITSTATUS(s->wstatus);
    const char *err = s->err.p ? s->err.p : "";
    if (code != s->want_exit) {
        struct sbuf b = {0};
        sb_printf(&b, "exit status %d, expected %d", code, s->want_exit);
        if (s->fail_msg && s->fail_file[0])
            sb_printf(&b, ": %s:%ld: %s", s->fail_file, s->fail_line, s->fail_msg);
        else if (s->fail_msg)
            sb_printf(&b, ": %s", s->fail_msg);
        else if (*err) /* no scenario ran: a usage error, a bad board or firmware */
            sb_printf(&b, ": %.*s", (int)strcspn(err, "\n"), err);
        if (s->fail_msg && s->fail_file[0] && is_scenario_file(s, s->fail_file))
            s->why_line = s->fail_line;
        set_verdict(s, R_FAIL, "exit-status", b.p);
    } else if (!s->want_err && *err) {
        set_verdict(s, R_FAIL, "stderr",
                    xasprintf("unexpected stderr: %.*s", (int)strcspn(err, "\n"), err));
    } else if (s->want_err && regexec(&s->err_re, err, 0, NULL, 0) != 0) {
        set_verdict(s, R_FAIL, "stderr",
                    xasprintf("stderr does not match /%s/: %.*s", s->want_err,
                              (int)strcspn(err, "\n"), *err ? err : "(empty)"));
    } else {
        s->result = R_PASS;
    }
}

static void finish(struct scenario *s)
{
    s->host_s = sim_host_seconds() - s->t0;
    if (s->pid > 0) {
        struct sbuf rep = {0};
        size_t none;
        read_back(s->fd[0], &s->out, SUITE_KEEP, &s->out_dropped);
        read_back(s->fd[1], &s->err, SUITE_KEEP, &s->err_dropped);
        read_back(s->fd[2], &rep, SIZE_MAX, &none);
        if (rep.p)
            parse_report(s, rep.p);
        free(rep.p);
    }
    judge(s);
    s->finished = true;
}

/* ---- the table ---- */

struct table {
    int width; /* of the scenario column */
    size_t printed;
    unsigned scenarios, passed, failed, checks;
};

static void print_row(const struct table *t, const struct scenario *s)
{
    char exit_col[16] = "-", checks[32] = "-", when[64] = "-";
    if (s->pid > 0 && WIFEXITED(s->wstatus))
        snprintf(exit_col, sizeof(exit_col), "%d", WEXITSTATUS(s->wstatus));
    else if (s->pid > 0 && WIFSIGNALED(s->wstatus))
        snprintf(exit_col, sizeof(exit_col), "sig%d", WTERMSIG(s->wstatus));
    if (s->nchecks)
        snprintf(checks, sizeof(checks), "%zu/%zu", s->nchecks - s->checks_failed, s->nchecks);
    if (s->time_ps)
        sim_format_time(when, sizeof(when), strtoull(s->time_ps, NULL, 10));
    const char *result = s->result == R_ERROR                      ? "ERROR"
                         : s->result == R_FAIL || s->checks_failed ? "FAIL"
                                                                   : "pass";
    printf("%-*s  %-6s %5s %7s %15s %12s\n", t->width, s->path, result, exit_col, checks, when,
           s->ncpus ? s->cpus[0].cycles : "-");
    if (s->why)
        printf("    %s\n", s->why);
    for (size_t i = 0; i < s->nchecks; i++)
        if (s->checks[i].msg)
            printf("    %s:%ld: '%s' failed%s%s\n", s->checks[i].file, s->checks[i].line,
                   s->checks[i].name, *s->checks[i].msg ? ": " : "", s->checks[i].msg);
    if (s->result != R_PASS || s->checks_failed) {
        char *cmd = command_text(s);
        if (*cmd)
            printf("    rerun: %s\n", cmd);
        free(cmd);
    }
}

/* Rows in the scenarios' order: each as soon as it and those before it have ended. */
static void print_rows(struct table *t, struct scenario **v, size_t n)
{
    for (; t->printed < n && v[t->printed]->finished; t->printed++) {
        struct scenario *s = v[t->printed];
        print_row(t, s);
        t->scenarios++;
        t->checks += (unsigned)s->nchecks;
        t->passed += (s->result == R_PASS) + (unsigned)(s->nchecks - s->checks_failed);
        t->failed += (s->result != R_PASS) + s->checks_failed;
    }
    fflush(stdout);
}

/* ---- JUnit XML ---- */

/* Text as XML character data, or an attribute value: valid UTF-8 of characters XML 1.0
 * allows (2.2 Characters), markup escaped; a byte that is neither is written \xNN.
 * tests/suite/junit-merge.py escapes the same characters the same way. */
static void xml_escape(FILE *f, const char *text, size_t n, bool attr)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i], len = c < 0x80                 ? 1
                                 : c >= 0xc2 && c <= 0xdf ? 2
                                 : c >= 0xe0 && c <= 0xef ? 3
                                 : c >= 0xf0 && c <= 0xf4 ? 4
                                                          : 0;
        uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
        for (unsigned k = 1; k < len; k++) {
            if (i + k >= n || (s[i + k] & 0xc0) != 0x80) {
                len = 0;
                break;
            }
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
        bool ok = len && cp >= least[len] && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) &&
                  (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') && cp != 0xfffe &&
                  cp != 0xffff;
        if (!ok) {
            fprintf(f, "\\x%02x", c);
            i++;
            continue;
        }
        const char *e = cp == '&'            ? "&amp;"
                        : cp == '<'          ? "&lt;"
                        : cp == '>'          ? "&gt;"
                        : cp == '\r'         ? "&#13;"
                        : attr && cp == '"'  ? "&quot;"
                        : attr && cp == '\n' ? "&#10;"
                        : attr && cp == '\t' ? "&#9;"
                                             : NULL;
        if (e)
            fputs(e, f);
        else
            fwrite(s + i, 1, len, f);
        i += len;
    }
}

static void xml_attr(FILE *f, const char *name, const char *value)
{
    fprintf(f, " %s=\"", name);
    xml_escape(f, value, strlen(value), true);
    fputc('"', f);
}

static void xml_start(FILE *f, int depth, const char *tag)
{
    fprintf(f, "%*s<%s", 2 * depth, "", tag);
}

/* Ends a started element that holds only text (none: <tag .../>). */
static void xml_text_end(FILE *f, const char *tag, const char *text, size_t n)
{
    if (!n) {
        fputs("/>\n", f);
        return;
    }
    fputc('>', f);
    xml_escape(f, text, n, false);
    fprintf(f, "</%s>\n", tag);
}

static void xml_property(FILE *f, const char *name, const char *value)
{
    xml_start(f, 3, "property");
    xml_attr(f, "name", name);
    xml_attr(f, "value", value);
    fputs("/>\n", f);
}

static void xml_output(FILE *f, const char *tag, const struct sbuf *b, size_t dropped)
{
    struct sbuf t = {0};
    if (dropped)
        sb_printf(&t, "[socsim --suite: the %zu bytes before these are not kept]\n", dropped);
    if (b->n)
        sb_add(&t, b->p, b->n);
    if (t.n) {
        xml_start(f, 3, tag);
        xml_text_end(f, tag, t.p, t.n);
    }
    free(t.p);
}

/* Host seconds with milliseconds, summed as the merge sums them. */
static unsigned long long millis(double s)
{
    return (unsigned long long)llround(s * 1000);
}

static void xml_time(FILE *f, const struct suite_config *c, unsigned long long ms)
{
    if (!c->junit_time)
        return;
    char t[32];
    snprintf(t, sizeof(t), "%llu.%03llu", ms / 1000, ms % 1000);
    xml_attr(f, "time", t);
}

static void xml_counts(FILE *f, unsigned long long tests, unsigned long long failures,
                       unsigned long long errors)
{
    char a[24], b[24], e[24];
    snprintf(a, sizeof(a), "%llu", tests);
    snprintf(b, sizeof(b), "%llu", failures);
    snprintf(e, sizeof(e), "%llu", errors);
    xml_attr(f, "tests", a);
    xml_attr(f, "failures", b);
    xml_attr(f, "errors", e);
}

/* A check's testcase name: its own, with " #2", " #3" on its repeats. */
static char *check_case_name(const struct scenario *s, size_t i)
{
    unsigned nth = 1;
    for (size_t k = 0; k < i; k++)
        nth += strcmp(s->checks[k].name, s->checks[i].name) == 0;
    return nth == 1 ? xstrdup(s->checks[i].name) : xasprintf("%s #%u", s->checks[i].name, nth);
}

static void junit_scenario(FILE *f, const struct suite_config *c, const struct scenario *s)
{
    char *classname =
        xasprintf("%.*s", (int)(strlen(s->path) - 4 * ends_with(s->path, ".lua")), s->path);
    const char *base = strrchr(s->path, '/') ? strrchr(s->path, '/') + 1 : s->path;
    xml_start(f, 1, "testsuite");
    xml_attr(f, "name", s->path);
    xml_counts(f, 1 + s->nchecks, (s->result == R_FAIL) + s->checks_failed, s->result == R_ERROR);
    xml_time(f, c, millis(s->host_s));
    fputs(">\n", f);
    if (s->argv.n) {
        char buf[64];
        fputs("    <properties>\n", f);
        char *cmd = command_text(s);
        xml_property(f, "command", cmd);
        free(cmd);
        if (s->pid > 0 && WIFEXITED(s->wstatus)) {
            snprintf(buf, sizeof(buf), "%d", WEXITSTATUS(s->wstatus));
            xml_property(f, "exit-status", buf);
        }
        snprintf(buf, sizeof(buf), "%d", s->want_exit);
        xml_property(f, "expected-exit-status", buf);
        if (s->time_ps) {
            sim_format_time(buf, sizeof(buf), strtoull(s->time_ps, NULL, 10));
            xml_property(f, "simulated-time", buf);
            xml_property(f, "simulated-time-ps", s->time_ps);
        }
        for (size_t i = 0; i < s->ncpus; i++) {
            char *name = xasprintf("%s.cycles", s->cpus[i].id);
            xml_property(f, name, s->cpus[i].cycles);
            free(name);
            name = xasprintf("%s.instructions", s->cpus[i].id);
            xml_property(f, name, s->cpus[i].instret);
            free(name);
        }
        fputs("    </properties>\n", f);
    }
    /* The scenario: exit status and stderr as its header wants. */
    xml_start(f, 2, "testcase");
    xml_attr(f, "name", base);
    xml_attr(f, "classname", classname);
    xml_attr(f, "file", s->path);
    if (s->why_line) {
        char ln[24];
        snprintf(ln, sizeof(ln), "%ld", s->why_line);
        xml_attr(f, "line", ln);
    }
    xml_time(f, c, millis(s->host_s));
    if (s->result == R_PASS && !s->out.n && !s->err.n) {
        fputs("/>\n", f);
    } else {
        fputs(">\n", f);
        if (s->result != R_PASS) {
            const char *tag = s->result == R_ERROR ? "error" : "failure";
            xml_start(f, 3, tag);
            xml_attr(f, "message", s->why);
            xml_attr(f, "type", s->why_type);
            xml_text_end(f, tag, s->why, strlen(s->why));
        }
        xml_output(f, "system-out", &s->out, s->out_dropped);
        xml_output(f, "system-err", &s->err, s->err_dropped);
        fputs("    </testcase>\n", f);
    }
    /* Its named checks. */
    for (size_t i = 0; i < s->nchecks; i++) {
        const struct check *k = &s->checks[i];
        char *name = check_case_name(s, i), ln[24];
        snprintf(ln, sizeof(ln), "%ld", k->line);
        xml_start(f, 2, "testcase");
        xml_attr(f, "name", name);
        xml_attr(f, "classname", classname);
        xml_attr(f, "file", is_scenario_file(s, k->file) ? s->path : k->file);
        xml_attr(f, "line", ln);
        free(name);
        if (!k->msg) {
            fputs("/>\n", f);
            continue;
        }
        fputs(">\n", f);
        char *text = xasprintf("%s:%ld: '%s' failed%s%s", k->file, k->line, k->name,
                               *k->msg ? ": " : "", k->msg);
        xml_start(f, 3, "failure");
        xml_attr(f, "message", *k->msg ? k->msg : "failed");
        xml_attr(f, "type", "check");
        xml_text_end(f, "failure", text, strlen(text));
        free(text);
        fputs("    </testcase>\n", f);
    }
    fputs("  </testsuite>\n", f);
    free(classname);
}

static void junit_write(FILE *f, const struct suite_config *c, struct scenario **v, size_t n)
{
    unsigned long long tests = 0, failures = 0, errors = 0, ms = 0;
    for (size_t i = 0; i < n; i++) {
        tests += 1 + v[i]->nchecks;
        failures += (v[i]->result == R_FAIL) + v[i]->checks_failed;
        errors += v[i]->result == R_ERROR;
        ms += millis(v[i]->host_s);
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
    xml_start(f, 0, "testsuites");
    xml_attr(f, "name", c->path);
    xml_counts(f, tests, failures, errors);
    xml_time(f, c, ms);
    if (!n) {
        fputs("/>\n", f);
        return;
    }
    fputs(">\n", f);
    for (size_t i = 0; i < n; i++)
        junit_scenario(f, c, v[i]);
    fputs("</testsuites>\n", f);
}

/* ---- the suite ---- */

static void scenario_free(struct scenario *s)
{
    free(s->path);
    words_free(&s->args);
    words_free(&s->argv);
    if (s->want_err)
        regfree(&s->err_re);
    free(s->want_err);
    free(s->bad);
    free(s->out.p);
    free(s->err.p);
    for (size_t i = 0; i < s->nchecks; i++) {
        free(s->checks[i].name);
        free(s->checks[i].file);
        free(s->checks[i].msg);
    }
    free(s->checks);
    for (size_t i = 0; i < s->ncpus; i++) {
        free(s->cpus[i].id);
        free(s->cpus[i].cycles);
        free(s->cpus[i].instret);
    }
    free(s->cpus);
    free(s->fail_file);
    free(s->fail_msg);
    free(s->time_ps);
    free(s->why);
    free(s);
}

/* Runs the scenarios, `jobs` at a time, printing rows as they are due. */
static int run_all(struct scenario **v, size_t n, unsigned jobs, struct table *t)
{
    const char *exe = self_exe();
    size_t next = 0, running = 0;
    while (t->printed < n) {
        while (running < jobs && next < n) {
            struct scenario *s = v[next++];
            if (sim_signal_caught && !s->bad)
                s->bad = xasprintf("not run: the suite was stopped by %s",
                                   sim_signal_name(sim_signal_caught));
            if (s->bad) {
                finish(s);
            } else if (start(s, exe)) {
                s->bad = xasprintf("%s: cannot start socsim: %s", s->path, sim_err_msg());
                for (int i = 0; i < 3; i++)
                    if (s->fd[i] >= 0)
                        close(s->fd[i]);
                s->pid = 0;
                finish(s);
            } else {
                running++;
            }
        }
        print_rows(t, v, n);
        if (!running)
            continue;
        int st;
        pid_t pid = waitpid(-1, &st, 0);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            return sim_err("waitpid: %s", strerror(errno));
        }
        for (size_t i = 0; i < n; i++)
            if (v[i]->pid == pid && !v[i]->finished) {
                live_set(pid, 0);
                v[i]->wstatus = st;
                finish(v[i]);
                running--;
                break;
            }
        print_rows(t, v, n);
    }
    return 0;
}

int suite_run(const struct suite_config *c)
{
    struct words all = {0}, suite_args = {0};
    if (list_suite(c->path, &all, &suite_args)) {
        sim_err_print();
        words_free(&all); /* what the list held before its fault */
        words_free(&suite_args);
        return SIM_EXIT_USAGE;
    }
    int rc = 0;
    struct opt_group *g = xrealloc(NULL, (suite_args.n + 1) * sizeof(*g));
    const struct opt_group *bad =
        foreign_option(g, group_options(c, suite_args.v, suite_args.n, g));
    if (bad) {
        sim_warn("--suite %s: args: %s is not for a scenario (the suite gives each scenario its "
                 "--script)",
                 c->path, bad->name);
        rc = SIM_EXIT_USAGE;
    }
    free(g);
    /* The JUnit file is written whole at the end (a temporary file renamed), never half. */
    char *tmp = NULL;
    FILE *junit = NULL;
    if (rc == 0 && c->junit) {
        tmp = xasprintf("%s.tmp.%d", c->junit, (int)getpid());
        junit = fopen(tmp, "we");
        if (!junit) {
            sim_warn("--junit %s: %s", c->junit, strerror(errno));
            rc = SIM_EXIT_USAGE;
        }
    }
    /* Shard K of N: the scenarios whose index in the sorted list is K-1 modulo N. */
    struct scenario **v = xrealloc(NULL, all.n * sizeof(*v));
    size_t n = 0;
    int width = (int)strlen("scenario");
    for (size_t i = 0; i < all.n && rc == 0; i++) {
        if (c->nshards && i % c->nshards != c->shard - 1)
            continue;
        struct scenario *s = xrealloc(NULL, sizeof(*s));
        *s = (struct scenario){.path = xstrdup(all.v[i]), .fd = {-1, -1, -1}};
        read_header(s);
        if (!s->bad)
            build_argv(s, c, &suite_args);
        if ((int)strlen(s->path) > width)
            width = (int)strlen(s->path);
        v[n++] = s;
    }
    struct table t = {.width = width};
    bool ran = false;
    if (rc == 0) {
        printf("%-*s  %-6s %5s %7s %15s %12s\n", width, "scenario", "result", "exit", "checks",
               "simulated", "cycles");
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        unsigned jobs = c->jobs ? c->jobs : cpus > 0 ? (unsigned)cpus : 1;
        live_n = jobs;
        live = xrealloc(NULL, jobs * sizeof(*live));
        for (size_t i = 0; i < jobs; i++)
            live[i] = 0;
        sim_signals_on_catch(forward_signal, NULL);
        sim_signals_install(NULL);
        ran = run_all(v, n, jobs, &t) == 0;
        if (!ran) {
            sim_err_prefix("--suite %s", c->path);
            sim_err_print();
            rc = 1;
        }
    }
    if (ran) {
        printf("%u scenario%s", t.scenarios, t.scenarios == 1 ? "" : "s");
        if (c->nshards)
            printf(" (shard %u/%u of %zu)", c->shard, c->nshards, all.n);
        printf(", %u named check%s: %u passed, %u failed\n", t.checks, t.checks == 1 ? "" : "s",
               t.passed, t.failed);
        fflush(stdout);
        rc = t.failed ? 1 : 0;
        if (sim_signal_caught) {
            sim_warn("--suite %s: stopped by %s", c->path, sim_signal_name(sim_signal_caught));
            rc = 128 + sim_signal_caught;
        }
    }
    if (junit) {
        if (ran)
            junit_write(junit, c, v, n);
        if (fclose(junit) || !ran || rename(tmp, c->junit)) {
            if (ran) {
                sim_warn("--junit %s: %s", c->junit, strerror(errno));
                rc = 1;
            }
            unlink(tmp);
        }
    }
    free(tmp);
    sim_signals_on_catch(NULL, NULL);
    free((void *)live);
    live = NULL;
    live_n = 0;
    for (size_t i = 0; i < n; i++)
        scenario_free(v[i]);
    free(v);
    words_free(&all);
    words_free(&suite_args);
    return rc;
}
