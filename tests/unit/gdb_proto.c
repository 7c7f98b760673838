/* The GDB protocol layer against a fake target: framing, acks, escaping, every command
 * the stub answers, and malformed input.  Each check compares the exact bytes sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdbstub/gdb_proto.h"

static int failures, checks;

/* ---- the fake target: 33 registers (x0..x31, pc), 256 bytes of RAM at 0x1000, one
 * CSR-like register at 0x341 + 65 ---------------------------------------------------- */
struct fake {
    uint32_t reg[33];
    uint32_t csr;
    uint8_t ram[256];
    int resumed, stepped, interrupted, killed, detached;
    char points[256];
};

static const char fake_xml[] = "<?xml version=\"1.0\"?><target>$#}*</target>";

static int f_read_reg(void *t, unsigned r, uint64_t *v)
{
    struct fake *f = t;
    if (r < 33)
        *v = f->reg[r];
    else if (r == 65 + 0x341)
        *v = f->csr;
    else
        return -1;
    return 0;
}

static int f_write_reg(void *t, unsigned r, uint64_t v)
{
    struct fake *f = t;
    if (r < 33)
        f->reg[r] = (uint32_t)v;
    else if (r == 65 + 0x341)
        f->csr = (uint32_t)v;
    else
        return -1;
    return 0;
}

static size_t f_read_mem(void *t, uint64_t a, void *buf, size_t n)
{
    struct fake *f = t;
    size_t k = 0;
    for (; k < n && a + k >= 0x1000 && a + k < 0x1100; k++)
        ((uint8_t *)buf)[k] = f->ram[a + k - 0x1000];
    return k;
}

static size_t f_write_mem(void *t, uint64_t a, const void *buf, size_t n)
{
    struct fake *f = t;
    size_t k = 0;
    for (; k < n && a + k >= 0x1000 && a + k < 0x1100; k++)
        f->ram[a + k - 0x1000] = ((const uint8_t *)buf)[k];
    return k;
}

static int f_point(void *t, enum gdb_point ty, uint64_t a, uint64_t kind, char op)
{
    struct fake *f = t;
    if (ty == GDB_WP_READ)
        return 1; /* pretend read watchpoints are unsupported */
    if (a == 0xdead)
        return -1;
    size_t l = strlen(f->points);
    snprintf(f->points + l, sizeof f->points - l, "%c%d,%llx,%llx;", op, ty,
             (unsigned long long)a, (unsigned long long)kind);
    return 0;
}
static int f_insert(void *t, enum gdb_point ty, uint64_t a, uint64_t k)
{
    return f_point(t, ty, a, k, 'Z');
}
static int f_remove(void *t, enum gdb_point ty, uint64_t a, uint64_t k)
{
    return f_point(t, ty, a, k, 'z');
}
static void f_resume(void *t, bool step)
{
    struct fake *f = t;
    if (step)
        f->stepped++;
    else
        f->resumed++;
}
static void f_interrupt(void *t) { ((struct fake *)t)->interrupted++; }
static void f_kill(void *t) { ((struct fake *)t)->killed++; }
static void f_detach(void *t) { ((struct fake *)t)->detached++; }
static int f_monitor(void *t, const char *cmd, struct gdb_text *out)
{
    (void)t;
    if (!strcmp(cmd, "cycles")) {
        gdb_printf(out, "cycles: %d\n", 1234);
        return 0;
    }
    if (!strcmp(cmd, "quiet") || !*cmd)
        return 0;
    if (!strcmp(cmd, "big")) {
        for (int i = 0; i < 1000; i++)
            gdb_printf(out, "line %04d of a long monitor output\n", i);
        return 0;
    }
    gdb_printf(out, "unknown command '%s'\n", cmd);
    return -1;
}

static const struct gdb_target_ops fake_ops = {
    .xml = fake_xml,
    .g_regs = 33,
    .reg_bytes = 4,
    .read_reg = f_read_reg,
    .write_reg = f_write_reg,
    .read_mem = f_read_mem,
    .write_mem = f_write_mem,
    .insert_point = f_insert,
    .remove_point = f_remove,
    .resume = f_resume,
    .interrupt = f_interrupt,
    .kill = f_kill,
    .detach = f_detach,
    .monitor = f_monitor,
};

/* ---- capture what the stub sends ------------------------------------------------------ */
static char out[200000];
static size_t out_len;

static void cap_send(void *io, const void *buf, size_t n)
{
    (void)io;
    if (out_len + n < sizeof out) {
        memcpy(out + out_len, buf, n);
        out_len += n;
    }
    out[out_len] = 0;
}

/* Frame a payload as gdb would. */
static void frame(char *dst, const char *payload)
{
    unsigned sum = 0;
    for (const char *q = payload; *q; q++)
        sum += (unsigned char)*q;
    sprintf(dst, "$%s#%02x", payload, sum & 0xff);
}

static void check(const char *what, const char *got, const char *want)
{
    checks++;
    if (strcmp(got, want)) {
        failures++;
        printf("FAIL gdb_proto %s: got '%.300s', expected '%.300s'\n", what, got, want);
    }
}

static void check_int(const char *what, long got, long want)
{
    checks++;
    if (got != want) {
        failures++;
        printf("FAIL gdb_proto %s: got %ld, expected %ld\n", what, got, want);
    }
}

static struct gdb_proto P;
static struct fake F;

static void raw(const void *s, size_t n)
{
    out_len = 0;
    out[0] = 0;
    gdb_proto_input(&P, s, n);
}

/* Send a packet and expect '+' (in ack mode) then the framed reply `want_payload`, or
 * nothing more when want_payload is NULL (resume requests). */
static void ask(const char *payload, const char *want_payload)
{
    char pkt[GDB_PACKET_SIZE + 16], want[GDB_PACKET_SIZE + 16] = "";
    bool noack = P.noack;
    frame(pkt, payload);
    raw(pkt, strlen(pkt));
    if (!noack)
        strcpy(want, "+");
    if (want_payload)
        frame(want + strlen(want), want_payload);
    check(payload, out, want);
}

/* Everything the stub sent is acks and well-formed packets: '+', '-', or '$' payload '#'
 * and the two hex digits of the payload's sum.  Returns the number of packets, or -1. */
static int well_formed(const char *s, size_t n)
{
    int packets = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '+' || s[i] == '-') {
            i++;
            continue;
        }
        if (s[i] != '$')
            return -1;
        unsigned sum = 0;
        size_t j = i + 1;
        while (j < n && s[j] != '#')
            sum += (unsigned char)s[j++];
        unsigned got;
        if (j + 3 > n)
            return -1;
        if (sscanf(s + j + 1, "%2x", &got) != 1 || got != (sum & 0xff))
            return -1;
        packets++;
        i = j + 3;
    }
    return packets;
}

/* A deterministic pseudo-random number (xorshift32). */
static uint32_t fuzz_state = 0x2545f491u;
static uint32_t fuzz_rand(void)
{
    fuzz_state ^= fuzz_state << 13;
    fuzz_state ^= fuzz_state >> 17;
    fuzz_state ^= fuzz_state << 5;
    return fuzz_state;
}

static void reset(void)
{
    gdb_proto_free(&P);
    memset(&F, 0, sizeof F);
    gdb_proto_init(&P, &fake_ops, &F, cap_send, NULL);
}

int main(void)
{
    gdb_proto_init(&P, &fake_ops, &F, cap_send, NULL);
    reset();

    /* Handshake and queries (E.4 qSupported). */
    ask("qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;fork-events+;vContSupported+",
        "PacketSize=4000;qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;"
        "QStartNoAckMode+");
    ask("vMustReplyEmpty", "");
    ask("Hg0", "OK");
    ask("Hc-1", "OK");
    ask("Hg5", "E16");
    ask("qAttached", "1");
    ask("qC", "QC1");
    ask("qfThreadInfo", "m1");
    ask("qsThreadInfo", "l");
    ask("T1", "OK");
    ask("T2", "E16");
    ask("?", "T05thread:1;");
    ask("qTStatus", "");
    ask("vCont?", "vCont;c;C;s;S;t");
    ask("", "");
    ask("!", "");

    /* Target description: chunks, 'm' then 'l', escaping of $ # } * in the reply. */
    ask("qXfer:features:read:target.xml:0,a", "m<?xml vers");
    {
        char pkt[64], want[64] = "+";
        frame(pkt, "qXfer:features:read:target.xml:1d,100");
        raw(pkt, strlen(pkt));
        /* 0x1d: the tail "$#}*</target>", each special byte escaped as '}' byte^0x20 */
        frame(want + 1, "l}\x04}\x03}]}\x0a</target>");
        check("xfer escaped tail", out, want);
    }
    ask("qXfer:features:read:target.xml:1000,10", "l");
    ask("qXfer:features:read:other.xml:0,10", "E0e");
    ask("qXfer:features:read:target.xml:zz,10", "E16");

    /* Registers. */
    F.reg[1] = 0x80001234;
    F.reg[32] = 0x80000000;
    {
        char want[300] = "";
        for (int r = 0; r < 33; r++)
            strcat(want, r == 1 ? "34120080" : r == 32 ? "00000080" : "00000000");
        ask("g", want);
        want[8 * 5] = '7'; /* x5 = 0x70 */
        {
            char cmd[300] = "G";
            strcat(cmd, want);
            ask(cmd, "OK");
            check_int("G wrote x5", F.reg[5], 0x70);
            check_int("G kept pc", F.reg[32], 0x80000000);
        }
    }
    ask("G123", "E16");
    ask("p1", "34120080");
    ask("p20", "00000080");
    ask("p3a2", "E16"); /* a register the target does not have */
    F.csr = 0xb;
    ask("p382", "0b000000");
    ask("P382=11000000", "OK");
    check_int("P wrote csr", F.csr, 0x11);
    ask("P20=04000080", "OK");
    check_int("P wrote pc", F.reg[32], 0x80000004);
    ask("P20=0400", "E16");
    ask("P20", "E16");
    ask("pzz", "E16");
    ask("p", "E16");
    ask("p99999999999999999", "E16");

    /* Memory: hex reads, short reads, unmapped reads, hex and binary writes. */
    for (int i = 0; i < 256; i++)
        F.ram[i] = (uint8_t)i;
    ask("m1000,4", "00010203");
    ask("m10fe,4", "feff");
    ask("m2000,4", "E0e");
    ask("m1000,0", "");
    ask("m1000", "E16");
    ask("m1000,", "E16");
    ask("m,4", "E16");
    ask("mxyz,4", "E16");
    ask("M1000,2:abcd", "OK");
    check_int("M wrote", F.ram[0] << 8 | F.ram[1], 0xabcd);
    ask("M1000,2:abc", "E16");
    ask("M1000,2:abcg", "E16");
    ask("M2000,1:00", "E0e");
    ask("M10ff,2:0000", "E0e");
    /* X with escaped bytes: payload bytes 0x23 ('#'), 0x24 ('$'), 0x7d ('}') */
    {
        char pkt[64];
        const char body[] = "X1010,3:}\x03}\x04}]";
        unsigned sum = 0;
        for (const char *q = body; *q; q++)
            sum += (unsigned char)*q;
        snprintf(pkt, sizeof pkt, "$%s#%02x", body, sum & 0xff);
        raw(pkt, strlen(pkt));
        check("X escaped", out, "+$OK#9a");
        check_int("X bytes", F.ram[0x10] << 16 | F.ram[0x11] << 8 | F.ram[0x12], 0x23247d);
    }
    ask("X1000,0:", "OK"); /* gdb probes X support this way */
    ask("X1000,2:a", "E16");
    ask("X1000,1:ab", "E16");

    /* Breakpoints and watchpoints. */
    ask("Z0,80000010,2", "OK");
    ask("Z0,80000014,4", "OK");
    ask("Z1,80000020,4", "OK");
    ask("Z2,80001000,4", "OK");
    ask("Z3,80001000,4", "");
    ask("Z4,80001004,1", "OK");
    ask("z0,80000010,2", "OK");
    ask("Z0,dead,4", "E16");
    ask("Z5,1000,4", "");
    ask("Z0,1000", "E16");
    ask("Z0,1000,4;X2,ab", "OK");
    check("points", F.points,
          "Z0,80000010,2;Z0,80000014,4;Z1,80000020,4;Z2,80001000,4;Z4,80001004,1;"
          "z0,80000010,2;Z0,1000,4;");

    /* Resume, stop replies, Ctrl-C. */
    {
        raw("$c#63", 5);
        check("c ack only", out, "+");
        check_int("c resumed", F.resumed, 1);
        check_int("running", P.running, 1);
        ask("c", "E03");
        raw("\x03", 1);
        check_int("ctrl-c interrupts", F.interrupted, 1);
        struct gdb_stop st = {.kind = GDB_STOP_SIGNAL, .sig = GDB_SIGINT};
        raw("", 0);
        gdb_proto_stopped(&P, &st);
        char want[64];
        frame(want, "T02thread:1;");
        check("stop SIGINT", out, want);
        check_int("stopped", P.running, 0);
        raw("\x03", 1);
        check_int("ctrl-c when stopped does nothing", F.interrupted, 1);
        ask("?", "T02thread:1;");

        raw("$s#73", 5);
        check_int("s steps", F.stepped, 1);
        st = (struct gdb_stop){.kind = GDB_STOP_SIGNAL, .sig = GDB_SIGTRAP};
        gdb_proto_stopped(&P, &st);
        ask("c80000100", NULL);
        check_int("c addr sets pc", F.reg[32], 0x80000100);
        st.why = GDB_WHY_SWBREAK;
        gdb_proto_stopped(&P, &st);
        char buf[96];
        gdb_format_stop(buf, sizeof buf, &st);
        check("swbreak", buf, "T05thread:1;swbreak:;");
        st.why = GDB_WHY_HWBREAK;
        gdb_format_stop(buf, sizeof buf, &st);
        check("hwbreak", buf, "T05thread:1;hwbreak:;");
        st.why = GDB_WHY_WATCH;
        st.addr = 0x80001000;
        gdb_format_stop(buf, sizeof buf, &st);
        check("watch", buf, "T05thread:1;watch:80001000;");
        st.why = GDB_WHY_AWATCH;
        gdb_format_stop(buf, sizeof buf, &st);
        check("awatch", buf, "T05thread:1;awatch:80001000;");
        st = (struct gdb_stop){.kind = GDB_STOP_EXITED, .code = 3};
        gdb_format_stop(buf, sizeof buf, &st);
        check("exit", buf, "W03");
        st = (struct gdb_stop){.kind = GDB_STOP_TERMINATED, .sig = GDB_SIGALRM};
        gdb_format_stop(buf, sizeof buf, &st);
        check("terminated", buf, "X0e");

        st = (struct gdb_stop){.kind = GDB_STOP_SIGNAL, .sig = GDB_SIGTRAP};
        ask("C05", NULL);
        check_int("C continues", F.resumed, 3);
        gdb_proto_stopped(&P, &st);
        ask("S05;80000200", NULL);
        check_int("S steps at addr", F.stepped, 2);
        check_int("S set pc", F.reg[32], 0x80000200);
        gdb_proto_stopped(&P, &st);
        ask("vCont;s:1;c", NULL);
        check_int("vCont s", F.stepped, 3);
        gdb_proto_stopped(&P, &st);
        ask("vCont;c", NULL);
        check_int("vCont c", F.resumed, 4);
        gdb_proto_stopped(&P, &st);
        ask("vCont;s:2;c:-1", NULL);
        check_int("vCont other thread", F.resumed, 5);
        gdb_proto_stopped(&P, &st);
        ask("vCont;x", "E16");
        ask("vCont;", "E16");
        ask("vCont;c:", "E16");
        ask("vCont;t", "E16");
        ask("vCont;C05:1", NULL);
        check_int("vCont C", F.resumed, 6);
        gdb_proto_stopped(&P, &st);
    }

    /* Framing errors: bad checksum, non-hex checksum, truncated packet, oversized packet,
     * retransmission. */
    raw("$g#00", 5);
    check("bad checksum asks for retransmit", out, "-");
    raw("$g#zz", 5);
    check("non-hex checksum", out, "-");
    raw("$g#0", 4);
    raw("z", 1);
    check("half non-hex checksum", out, "-");
    raw("$qC$qC#b4", 9);
    check("truncated then new packet", out, "+$QC1#c5");
    raw("-", 1);
    check("retransmit on -", out, "$QC1#c5");
    check_int("retransmit counted", P.retransmits, 1);
    raw("+", 1);
    check("ack needs nothing", out, "");
    raw("garbage", 7);
    check("noise outside packets ignored", out, "");
    {
        static char big[GDB_PACKET_SIZE * 2 + 16];
        big[0] = '$';
        memset(big + 1, 'a', GDB_PACKET_SIZE + 100);
        unsigned sum = ('a' * (GDB_PACKET_SIZE + 100)) & 0xff;
        sprintf(big + 1 + GDB_PACKET_SIZE + 100, "#%02x", sum);
        raw(big, strlen(big));
        check("oversized packet", out, "+$E01#a6");
        ask("qC", "QC1"); /* still in sync */
    }
    /* Byte-by-byte feeding gives the same result. */
    {
        char got[64] = "";
        const char *pkt = "$qC#b4";
        size_t at = 0;
        for (const char *q = pkt; *q; q++) {
            raw(q, 1);
            memcpy(got + at, out, out_len);
            at += out_len;
        }
        got[at] = 0;
        check("byte by byte", got, "+$QC1#c5");
    }

    /* No-ack mode. */
    ask("QStartNoAckMode", "OK");
    check_int("noack", P.noack, 1);
    ask("qC", "QC1");
    raw("$qC#00", 6);
    check("noack bad checksum", out, "$E02#a7");
    raw("-", 1);
    check("noack ignores -", out, "");

    /* Detach and kill. */
    ask("D", "OK");
    check_int("detach", F.detached, 1);
    check_int("detached flag", P.detached, 1);
    raw("$qC#b4", 6);
    check("nothing after detach", out, "");
    reset();
    raw("$k#6b", 5);
    check("k has no reply", out, "+");
    check_int("kill", F.killed, 1);
    reset();
    ask("vKill;1", "OK");
    check_int("vKill", F.killed, 1);
    reset();

    /* Monitor commands. */
    ask("qRcmd,", "OK");
    {
        char pkt[128];
        frame(pkt, "qRcmd,6379636c6573"); /* "cycles" */
        raw(pkt, strlen(pkt));
        char want[256] = "+";
        frame(want + 1, "O6379636c65733a20313233340a"); /* "cycles: 1234\n" */
        frame(want + strlen(want), "OK");
        check("monitor cycles", out, want);
    }
    ask("qRcmd,7175696574", "OK"); /* "quiet": no output */
    ask("qRcmd,7", "E16");
    ask("qRcmd,zz", "E16");
    ask("qRcmd,6100", "E16");
    {
        char pkt[128];
        frame(pkt, "qRcmd,626967"); /* "big": 36000 bytes, several O packets */
        raw(pkt, strlen(pkt));
        int opk = 0;
        for (char *q = out; (q = strstr(q, "$O")); q++)
            opk++;
        check_int("big monitor output in O packets", opk, 5 + 1); /* 5 O and the $OK */
        check_int("big monitor ends with OK", strcmp(out + out_len - 6, "$OK#9a"), 0);
    }
    {
        char pkt[128];
        frame(pkt, "qRcmd,78"); /* "x" unknown */
        raw(pkt, strlen(pkt));
        char want[256] = "+";
        frame(want + 1, "O756e6b6e6f776e20636f6d6d616e64202778270a");
        frame(want + strlen(want), "OK");
        check("monitor unknown", out, want);
    }

    /* Fuzz: random byte streams (rich in framing characters), then random well-framed
     * packets built from the command letters and random arguments.  Whatever comes in,
     * the stub answers with acks and well-formed packets only, and every framed packet in
     * ack mode gets exactly one '+' and one reply (resume requests: the stop reply). */
    reset();
    static const char alphabet[] = "$#}*+-\x03:;,=0123456789abcdefABCDEFgGmMXpPzZcsvqQkD?HT";
    int bad_streams = 0;
    for (int i = 0; i < 20000; i++) {
        char buf[64];
        size_t n = 1 + fuzz_rand() % sizeof buf;
        for (size_t k = 0; k < n; k++)
            buf[k] = fuzz_rand() % 4 ? alphabet[fuzz_rand() % (sizeof alphabet - 1)]
                                     : (char)fuzz_rand();
        raw(buf, n);
        if (well_formed(out, out_len) < 0)
            bad_streams++;
        if (P.running) {
            struct gdb_stop st = {.kind = GDB_STOP_SIGNAL, .sig = GDB_SIGTRAP};
            gdb_proto_stopped(&P, &st);
        }
        if (P.detached || P.killed || i % 1000 == 999)
            reset();
    }
    check_int("fuzz: byte streams answered with malformed output", bad_streams, 0);

    reset();
    static const char *const heads[] = {
        "m", "M", "X", "p", "P", "g", "G", "Z0,", "z1,", "Z2,", "Z3,", "Z4,", "c", "s",
        "vCont;c", "vCont;s", "vCont?", "vCont;x", "?", "qC", "qSupported:", "qAttached",
        "qXfer:features:read:target.xml:", "qXfer:features:read:nosuch.xml:", "qfThreadInfo",
        "qsThreadInfo", "qRcmd,", "H", "T", "QStartNoAckMode", "vMustReplyEmpty", "q", "v",
    };
    static const char argchars[] = "0123456789abcdef,:;=-xX";
    int bad_replies = 0;
    for (int i = 0; i < 20000; i++) {
        char payload[256], pkt[600];
        const char *h = heads[fuzz_rand() % (sizeof heads / sizeof heads[0])];
        if (!strcmp(h, "QStartNoAckMode") && fuzz_rand() % 2)
            h = "qC"; /* keep mostly to ack mode, where the count of replies is checked */
        size_t n = strlen(h), args = fuzz_rand() % 40;
        memcpy(payload, h, n);
        for (size_t k = 0; k < args; k++)
            payload[n++] = argchars[fuzz_rand() % (sizeof argchars - 1)];
        payload[n] = 0;
        bool ack = !P.noack;
        frame(pkt, payload);
        raw(pkt, strlen(pkt));
        if (P.running) {
            struct gdb_stop st = {.kind = GDB_STOP_SIGNAL, .sig = GDB_SIGTRAP};
            gdb_proto_stopped(&P, &st);
            int replies = well_formed(out, out_len);
            if (replies != 1 || (ack && out[0] != '+'))
                bad_replies++;
        } else {
            int replies = well_formed(out, out_len);
            bool done = P.detached || P.killed;
            /* qRcmd: console output in O packets, then the reply */
            bool one = strncmp(payload, "qRcmd,", 6) ? replies == 1 : replies >= 1;
            if (replies < 0 || (ack && out[0] != '+') || (!done && !one)) {
                bad_replies++;
                printf("  %s -> %s\n", payload, out);
            }
        }
        if (P.detached || P.killed || P.noack || i % 1000 == 999)
            reset();
    }
    check_int("fuzz: packets without exactly one well-formed reply", bad_replies, 0);

    gdb_proto_free(&P);
    if (failures) {
        printf("FAIL gdb_proto_unit: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("PASS gdb_proto_unit (%d checks)\n", checks);
    return 0;
}
