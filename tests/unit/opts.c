/* The one option parser (sim/opts.c) and the one number syntax (sim/parse.c): ",," escapes,
 * integers without octal, times with units, booleans and their short forms, typed tables
 * with defaults, references and "did you mean". */
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"
#include "sim/opts.h"
#include "sim/sim.h"
#include "tests/unit/check.h"

#define CHECK_STR(name, got, want)                                                                 \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if (g_ && strcmp(g_, w_) == 0)                                                             \
            printf("PASS %s\n", name);                                                             \
        else {                                                                                     \
            printf("FAIL %s: got '%s', expected '%s'\n", name, g_ ? g_ : "(null)", w_);            \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

static void test_split(void)
{
    struct opts o;
    CHECK_EQ("split.rc", opts_parse("file,id=f0,path=a,,b,server", &o), 0);
    CHECK_EQ("split.n", o.n, 4);
    CHECK_STR("split.name", o.kv[0].key, "file");
    CHECK("split.name.bare", o.kv[0].value == NULL);
    CHECK_STR("split.comma", kv_get(o.kv, o.n, "path"), "a,b");
    CHECK_STR("split.bare", kv_get(o.kv, o.n, "server"), "");
    CHECK("split.absent", kv_get(o.kv, o.n, "port") == NULL);
    opts_free(&o);
    CHECK_EQ("split.eq-in-value", opts_parse("x,k=a=b", &o), 0);
    CHECK_STR("split.eq-in-value.v", kv_get(o.kv, o.n, "k"), "a=b");
    opts_free(&o);
    CHECK_EQ("split.comma-in-name", opts_parse("my,,board.lua,help", &o), 0);
    CHECK_STR("split.comma-in-name.v", o.kv[0].key, "my,board.lua");
    CHECK("split.help", opts_want_help(&o));
    opts_free(&o);
    CHECK_EQ("split.question", opts_parse("?", &o), 0);
    CHECK("split.question.help", opts_want_help(&o));
    opts_free(&o);
    CHECK_EQ("split.empty-element", opts_parse("a,,,b", &o), 0); /* "a," then "b" */
    CHECK_STR("split.empty-element.v", o.kv[0].key, "a,");
    opts_free(&o);
    CHECK_EQ("split.trailing", opts_parse("a,b=1,", &o), -1);
    CHECK_STR("split.trailing.msg", sim_err_msg(), "empty element in 'a,b=1,'");
    CHECK_EQ("split.no-key", opts_parse("a,=1", &o), -1);
    CHECK_EQ("split.empty", opts_parse("", &o), -1);
    struct kv dup[] = {{"a", "1"}, {"b", "2"}, {"a", "3"}};
    CHECK_EQ("split.twice", kv_check_unique(dup, 3), -1);
    CHECK_STR("split.twice.msg", sim_err_msg(), "option a= given twice");
}

static void test_numbers(void)
{
    uint64_t v = 0;
    CHECK("num.dec", sim_parse_u64("10", &v) == 0 && v == 10);
    CHECK("num.zero", sim_parse_u64("0", &v) == 0 && v == 0);
    CHECK("num.hex", sim_parse_u64("0x10", &v) == 0 && v == 16);
    CHECK("num.bin", sim_parse_u64("0b101", &v) == 0 && v == 5);
    CHECK("num.suffix.K", sim_parse_u64("64K", &v) == 0 && v == 65536);
    CHECK("num.suffix.MiB", sim_parse_u64("2MiB", &v) == 0 && v == 2 << 20);
    CHECK("num.suffix.hex", sim_parse_u64("0x10K", &v) == 0 && v == 16384);
    /* Never octal: "010" is neither 8 nor 10, the user has to say which. */
    CHECK("num.octal", sim_parse_u64("010", &v) == -1);
    CHECK_STR("num.octal.why", sim_parse_why(),
              "a leading 0 is not allowed: socsim reads no octal");
    CHECK("num.octal.00", sim_parse_u64("00", &v) == -1);
    CHECK("num.neg", sim_parse_u64("-1", &v) == -1);
    CHECK("num.junk", sim_parse_u64("12abc", &v) == -1);
    CHECK("num.junk.why", sim_parse_why() == NULL);
    CHECK("num.overflow", sim_parse_u64("18446744073709551616", &v) == -1);
    CHECK("num.overflow.suffix", sim_parse_u64("17179869184G", &v) == -1);
    CHECK("num.max", sim_parse_u64("18446744073709551615", &v) == 0 && v == UINT64_MAX);
    CHECK("size.same-syntax", sim_parse_size("0x4000", &v) == 0 && v == 0x4000);
    CHECK("size.octal", sim_parse_size("0400", &v) == -1);

    CHECK("time.ms", sim_parse_time("10ms", &v) == 0 && v == 10 * SIM_MS);
    CHECK("time.frac", sim_parse_time("0.5us", &v) == 0 && v == 500 * SIM_NS);
    CHECK("time.zero", sim_parse_time("0", &v) == 0 && v == 0);
    /* A bare number is no time: seconds? picoseconds?  Lua takes integers as ps. */
    CHECK("time.bare", sim_parse_time("1000", &v) == -1);
    CHECK_STR("time.bare.why", sim_parse_why(), "a time needs a unit: ps, ns, us, ms or s");
    CHECK("time.octal", sim_parse_time("010ms", &v) == -1);
    CHECK("time.dot", sim_parse_time("1.ms", &v) == -1);
    CHECK("freq.bare-hz", sim_parse_freq("32768", &v) == 0 && v == 32768);
    CHECK("freq.MHz", sim_parse_freq("320MHz", &v) == 0 && v == 320000000);
    CHECK("freq.octal", sim_parse_freq("016MHz", &v) == -1);

    bool b = false;
    CHECK("bool.on", sim_parse_bool("on", &b) == 0 && b);
    CHECK("bool.no", sim_parse_bool("no", &b) == 0 && !b);
    CHECK("bool.1", sim_parse_bool("1", &b) == 0 && b);
    CHECK("bool.bad", sim_parse_bool("maybe", &b) == -1);
}

struct cfg {
    char *path;
    uint64_t port;
    bool server, wait;
    int mode;
    sim_time_t delay;
    void *peer;
};

static const char *const modes[] = {"fast", "slow", NULL};
static const struct opt_desc table[] = {
    OPT(struct cfg, path, OPT_STRING, "path", NULL, "a file"),
    {.name = "port",
     .type = OPT_INT,
     .offset = offsetof(struct cfg, port),
     .help = "a port",
     .max = 65535},
    OPT(struct cfg, server, OPT_BOOL, "server", "off", "listen"),
    OPT(struct cfg, wait, OPT_BOOL, "wait", "on", "wait for the client"),
    {.name = "mode",
     .type = OPT_ENUM,
     .offset = offsetof(struct cfg, mode),
     .def = "fast",
     .choices = modes},
    OPT(struct cfg, delay, OPT_TIME, "delay", "10us", "a time"),
    {.name = "peer",
     .type = OPT_CHARDEV,
     .offset = offsetof(struct cfg, peer),
     .flags = OPT_REQUIRED},
    {0},
};

static int resolve(void *ctx, const struct opt_desc *d, void *field, const char *text)
{
    (void)d;
    if (strcmp(text, "c0") != 0)
        return sim_err("no chardev with id '%s'", text);
    *(void **)field = ctx;
    return 0;
}

static int apply(const char *spec, struct cfg *c, uint64_t *given)
{
    static int token;
    static const char *const reserved[] = {"id", NULL};
    struct opt_owner own = {"option", resolve, &token};
    struct opts o;
    memset(c, 0, sizeof(*c));
    if (opts_parse(spec, &o))
        return -1;
    int rc = opts_apply(&own, table, c, o.kv, o.n, reserved, "-x help", given);
    opts_free(&o);
    return rc;
}

static void test_table(void)
{
    struct cfg c;
    uint64_t given;
    CHECK_EQ("table.ok",
             apply("id=x,path=a,,b,port=0x10,server,nowait,mode=slow,peer=c0", &c, &given), 0);
    CHECK_STR("table.string", c.path, "a,b");
    CHECK_EQ("table.int", c.port, 16);
    CHECK("table.short-bool", c.server && !c.wait);
    CHECK_EQ("table.enum", c.mode, 1);
    CHECK_EQ("table.default", c.delay, 10 * SIM_US);
    CHECK("table.ref", c.peer != NULL);
    CHECK("table.given", opt_given(table, given, "port") && opt_given(table, given, "wait") &&
                             !opt_given(table, given, "delay"));
    opt_free_strings(table, &c);
    CHECK("table.freed", c.path == NULL);

    CHECK_EQ("table.unknown", apply("prot=4,peer=c0", &c, &given), -1);
    CHECK_STR("table.unknown.msg", sim_err_msg(), "unknown option 'prot' (did you mean 'port'?)");
    CHECK_EQ("table.unknown.far", apply("verbose=1,peer=c0", &c, &given), -1);
    CHECK_STR("table.unknown.far.msg", sim_err_msg(), "unknown option 'verbose' (see -x help)");
    CHECK_EQ("table.octal", apply("port=010,peer=c0", &c, &given), -1);
    CHECK_STR("table.octal.msg", sim_err_msg(),
              "option 'port': '010' is not a valid int (a leading 0 is not allowed: socsim "
              "reads no octal)");
    CHECK_EQ("table.range", apply("port=70000,peer=c0", &c, &given), -1);
    CHECK_STR("table.range.msg", sim_err_msg(), "option 'port': 70000 is out of range [0, 65535]");
    CHECK_EQ("table.bool", apply("server=maybe,peer=c0", &c, &given), -1);
    CHECK_STR("table.bool.msg", sim_err_msg(),
              "option 'server': 'maybe' is not a boolean (on/off)");
    CHECK_EQ("table.enum.bad", apply("mode=medium,peer=c0", &c, &given), -1);
    CHECK_STR("table.enum.bad.msg", sim_err_msg(),
              "option 'mode': 'medium' is not one of fast|slow");
    CHECK_EQ("table.time.bare", apply("delay=5,peer=c0", &c, &given), -1);
    CHECK_STR("table.time.bare.msg", sim_err_msg(),
              "option 'delay': '5' is not a valid time (a time needs a unit: ps, ns, us, ms or s)");
    CHECK_EQ("table.bare", apply("port,peer=c0", &c, &given), -1);
    CHECK_STR("table.bare.msg", sim_err_msg(), "'port' is not KEY=VALUE");
    CHECK_EQ("table.twice", apply("server,server=off,peer=c0", &c, &given), -1);
    CHECK_STR("table.twice.msg", sim_err_msg(), "option server= given twice");
    CHECK_EQ("table.ref.bad", apply("peer=c9", &c, &given), -1);
    CHECK_STR("table.ref.bad.msg", sim_err_msg(), "option 'peer': no chardev with id 'c9'");
    CHECK_EQ("table.required", apply("port=1", &c, &given), -1);
    CHECK_STR("table.required.msg", sim_err_msg(), "missing peer=");
}

static void test_suggest(void)
{
    static const char *const c[] = {"wait", "port", "path", "reconnect", "reconnect-ms"};
    CHECK_STR("suggest.typo", sim_suggest("prot", c, 5), "port");
    CHECK_STR("suggest.case", sim_suggest("Wait", c, 5), "wait");
    /* The very word is wrong where it was written, not misspelt: no "did you mean 'wait'". */
    static const char *const w[] = {"wait"};
    CHECK("suggest.never-same", sim_suggest("wait", w, 1) == NULL);
    CHECK("suggest.far", sim_suggest("verbose", c, 5) == NULL);
    CHECK_STR("suggest.prefix", sim_suggest("reconnect-", c, 5), "reconnect");
    static const char *const d[] = {"ns16550a", "sifive-uart"};
    CHECK_STR("suggest.prefix.unique", sim_suggest("ns16550", d, 2), "ns16550a");
}

int main(void)
{
    test_split();
    test_numbers();
    test_table();
    test_suggest();
    return check_failures ? 1 : 0;
}
