/* The GDB remote serial protocol: framing, acks, escaping and the command set.
 * References are to the GDB manual, appendix E "GDB Remote Serial Protocol". */
#include "gdbstub/gdb_proto.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/error.h"

/* Error numbers in E NN replies: gdb only shows them, so errno values are customary. */
#define E_PERM "E01"   /* malformed or oversized packet */
#define E_CSUM "E02"   /* bad checksum in no-ack mode */
#define E_BUSY "E03"   /* a resume request while the target already runs */
#define E_INVAL "E16"  /* bad argument (EINVAL = 22 = 0x16) */
#define E_FAULT "E0e"  /* memory not accessible (EFAULT = 14) */

/* The largest 'm' read that fits a reply payload as hex. */
#define MAX_MEM_XFER ((GDB_PACKET_SIZE - 4) / 2)

void gdb_printf(struct gdb_text *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        size_t room = t->cap - t->len;
        va_start(ap, fmt);
        int n = vsnprintf(t->s ? t->s + t->len : NULL, room, fmt, ap);
        va_end(ap);
        if (n < 0)
            return;
        if ((size_t)n < room) {
            t->len += (size_t)n;
            return;
        }
        size_t cap = t->cap ? t->cap : 256;
        while (cap - t->len <= (size_t)n)
            cap *= 2;
        char *s = realloc(t->s, cap);
        if (!s)
            return;
        t->s = s;
        t->cap = cap;
    }
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static const char hexdig[] = "0123456789abcdef";

/* Parse 1 to 16 hex digits at *s (not past end) into *out and advance *s; -1 if none or
 * too many.  The caller checks what follows. */
static int parse_hex(const char **s, const char *end, uint64_t *out)
{
    const char *q = *s;
    uint64_t v = 0;
    int digits = 0;
    while (q < end && hexval((unsigned char)*q) >= 0) {
        if (++digits > 16)
            return -1;
        v = v << 4 | (uint64_t)hexval((unsigned char)*q);
        q++;
    }
    if (!digits)
        return -1;
    *s = q;
    *out = v;
    return 0;
}

/* Parse "HEX" followed by the character `sep` (or by the end when sep is 0). */
static int parse_hex_sep(const char **s, const char *end, char sep, uint64_t *out)
{
    if (parse_hex(s, end, out) < 0)
        return -1;
    if (sep == 0)
        return *s == end ? 0 : -1;
    if (*s == end || **s != sep)
        return -1;
    (*s)++;
    return 0;
}

/* Decode n bytes of hex at s into buf; -1 on a non-hex digit. */
static int unhex(const char *s, uint8_t *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hexval((unsigned char)s[2 * i]), lo = hexval((unsigned char)s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        buf[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* ---- transmit ---------------------------------------------------------------------- */

static int tx_reserve(struct gdb_proto *p, size_t n)
{
    if (n <= p->tx_cap)
        return 0;
    size_t cap = p->tx_cap ? p->tx_cap : 256;
    while (cap < n)
        cap *= 2;
    char *t = realloc(p->tx, cap);
    if (!t)
        return -1;
    p->tx = t;
    p->tx_cap = cap;
    return 0;
}

/* Frame a payload: '$' data '#' checksum.  Replies never use run-length encoding;
 * '$', '#', '}' and '*' inside are escaped (E.1 "Overview": binary data). */
void gdb_proto_send_packet(struct gdb_proto *p, const char *payload, size_t n)
{
    if (tx_reserve(p, 2 * n + 4) < 0)
        return;
    char *o = p->tx;
    uint8_t sum = 0;
    *o++ = '$';
    for (size_t i = 0; i < n; i++) {
        char ch = payload[i];
        if (ch == '$' || ch == '#' || ch == '}' || ch == '*') {
            *o++ = '}';
            sum += '}';
            ch ^= 0x20;
        }
        *o++ = ch;
        sum += (uint8_t)ch;
    }
    *o++ = '#';
    *o++ = hexdig[sum >> 4];
    *o++ = hexdig[sum & 15];
    p->tx_len = (size_t)(o - p->tx);
    p->send(p->io, p->tx, p->tx_len);
}

static void reply(struct gdb_proto *p, const char *s)
{
    gdb_proto_send_packet(p, s, strlen(s));
}

/* ---- stop replies ------------------------------------------------------------------ */

size_t gdb_format_stop(char *buf, size_t n, const struct gdb_stop *st)
{
    static const char *const why[] = {
        [GDB_WHY_NONE] = "",         [GDB_WHY_SWBREAK] = "swbreak",
        [GDB_WHY_HWBREAK] = "hwbreak", [GDB_WHY_WATCH] = "watch",
        [GDB_WHY_RWATCH] = "rwatch", [GDB_WHY_AWATCH] = "awatch",
    };
    int len;
    switch (st->kind) {
    case GDB_STOP_EXITED:
        len = snprintf(buf, n, "W%02x", st->code & 0xff);
        break;
    case GDB_STOP_TERMINATED:
        len = snprintf(buf, n, "X%02x", st->sig & 0xff);
        break;
    default:
        if (st->why == GDB_WHY_HISTORY_BEGIN)
            len = snprintf(buf, n, "T%02xthread:1;replaylog:begin;", st->sig & 0xff);
        else if (st->why >= GDB_WHY_WATCH)
            len = snprintf(buf, n, "T%02xthread:1;%s:%llx;", st->sig & 0xff, why[st->why],
                           (unsigned long long)st->addr);
        else if (st->why != GDB_WHY_NONE)
            len = snprintf(buf, n, "T%02xthread:1;%s:;", st->sig & 0xff, why[st->why]);
        else
            len = snprintf(buf, n, "T%02xthread:1;", st->sig & 0xff);
        break;
    }
    return len < 0 ? 0 : (size_t)len;
}

void gdb_proto_stopped(struct gdb_proto *p, const struct gdb_stop *st)
{
    char buf[96];
    p->running = false;
    p->last = *st;
    size_t n = gdb_format_stop(buf, sizeof buf, st);
    gdb_proto_send_packet(p, buf, n);
}

/* ---- commands ---------------------------------------------------------------------- */

static void resume(struct gdb_proto *p, bool step)
{
    if (p->running) {
        reply(p, E_BUSY);
        return;
    }
    p->running = true;
    p->ops->resume(p->target, step);
}

static void put_reg(char *o, uint64_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++, v >>= 8) {
        o[2 * i] = hexdig[(v >> 4) & 15];
        o[2 * i + 1] = hexdig[v & 15];
    }
}

static int get_reg(const char *s, unsigned bytes, uint64_t *v)
{
    uint8_t b[8];
    if (bytes > 8 || unhex(s, b, bytes) < 0)
        return -1;
    *v = 0;
    for (unsigned i = bytes; i-- > 0;)
        *v = *v << 8 | b[i];
    return 0;
}

static void cmd_read_regs(struct gdb_proto *p)
{
    unsigned rb = p->ops->reg_bytes;
    size_t n = (size_t)p->ops->g_regs * rb * 2;
    char *o = malloc(n + 1);
    if (!o) {
        reply(p, E_PERM);
        return;
    }
    for (unsigned r = 0; r < p->ops->g_regs; r++) {
        uint64_t v;
        if (p->ops->read_reg(p->target, r, &v) < 0)
            memset(o + (size_t)r * rb * 2, 'x', rb * 2); /* unavailable (E.4 'g') */
        else
            put_reg(o + (size_t)r * rb * 2, v, rb);
    }
    gdb_proto_send_packet(p, o, n);
    free(o);
}

static void cmd_write_regs(struct gdb_proto *p, const char *s, size_t len)
{
    unsigned rb = p->ops->reg_bytes;
    if (len % (rb * 2) || len / (rb * 2) > p->ops->g_regs) {
        reply(p, E_INVAL);
        return;
    }
    uint64_t vals[256];
    unsigned nregs = (unsigned)(len / (rb * 2));
    if (nregs > sizeof vals / sizeof vals[0]) {
        reply(p, E_INVAL);
        return;
    }
    for (unsigned r = 0; r < nregs; r++)
        if (get_reg(s + (size_t)r * rb * 2, rb, &vals[r]) < 0) {
            reply(p, E_INVAL);
            return;
        }
    for (unsigned r = 0; r < nregs; r++)
        p->ops->write_reg(p->target, r, vals[r]);
    reply(p, "OK");
}

/* p n: one register; P n=r...: write one (E.4 "Packets"). */
static void cmd_read_reg(struct gdb_proto *p, const char *s, const char *end)
{
    uint64_t regno, v;
    if (parse_hex_sep(&s, end, 0, &regno) < 0 || regno > 0xffff) {
        reply(p, E_INVAL);
        return;
    }
    if (p->ops->read_reg(p->target, (unsigned)regno, &v) < 0) {
        reply(p, E_INVAL);
        return;
    }
    char o[17];
    put_reg(o, v, p->ops->reg_bytes);
    gdb_proto_send_packet(p, o, p->ops->reg_bytes * 2);
}

static void cmd_write_reg(struct gdb_proto *p, const char *s, const char *end)
{
    uint64_t regno, v;
    if (parse_hex_sep(&s, end, '=', &regno) < 0 || regno > 0xffff ||
        (size_t)(end - s) != p->ops->reg_bytes * 2 || get_reg(s, p->ops->reg_bytes, &v) < 0) {
        reply(p, E_INVAL);
        return;
    }
    reply(p, p->ops->write_reg(p->target, (unsigned)regno, v) < 0 ? E_INVAL : "OK");
}

/* m addr,length: a short read answers the bytes that could be read; none at all is E NN. */
static void cmd_read_mem(struct gdb_proto *p, const char *s, const char *end)
{
    uint64_t addr, len;
    if (parse_hex_sep(&s, end, ',', &addr) < 0 || parse_hex_sep(&s, end, 0, &len) < 0) {
        reply(p, E_INVAL);
        return;
    }
    if (len > MAX_MEM_XFER)
        len = MAX_MEM_XFER;
    if (len == 0) {
        reply(p, "");
        return;
    }
    uint8_t *buf = malloc(len);
    char *o = malloc(2 * len);
    if (!buf || !o) {
        free(buf);
        free(o);
        reply(p, E_PERM);
        return;
    }
    size_t got = p->ops->read_mem(p->target, addr, buf, len);
    for (size_t i = 0; i < got; i++) {
        o[2 * i] = hexdig[buf[i] >> 4];
        o[2 * i + 1] = hexdig[buf[i] & 15];
    }
    if (got == 0)
        reply(p, E_FAULT);
    else
        gdb_proto_send_packet(p, o, 2 * got);
    free(buf);
    free(o);
}

/* M addr,length:XX... (hex) and X addr,length:bin... (binary, '}'-escaped). */
static void cmd_write_mem(struct gdb_proto *p, const char *s, const char *end, bool binary)
{
    uint64_t addr, len;
    if (parse_hex_sep(&s, end, ',', &addr) < 0 || parse_hex_sep(&s, end, ':', &len) < 0 ||
        len > GDB_PACKET_SIZE) {
        reply(p, E_INVAL);
        return;
    }
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf) {
        reply(p, E_PERM);
        return;
    }
    size_t n = 0;
    if (binary) {
        while (s < end && n < len) {
            uint8_t ch = (uint8_t)*s++;
            if (ch == '}') {
                if (s == end)
                    break;
                ch = (uint8_t)*s++ ^ 0x20;
            }
            buf[n++] = ch;
        }
        if (n != len || s != end) {
            free(buf);
            reply(p, E_INVAL);
            return;
        }
    } else {
        if ((size_t)(end - s) != 2 * len || unhex(s, buf, len) < 0) {
            free(buf);
            reply(p, E_INVAL);
            return;
        }
        n = len;
    }
    size_t done = n ? p->ops->write_mem(p->target, addr, buf, n) : 0;
    free(buf);
    reply(p, done == n ? "OK" : E_FAULT);
}

/* Z type,addr,kind / z type,addr,kind (E.4: Z0..Z4); trailing ;cond_list is ignored. */
static void cmd_point(struct gdb_proto *p, const char *s, const char *end, bool insert)
{
    uint64_t type, addr, kind;
    if (parse_hex_sep(&s, end, ',', &type) < 0 || parse_hex_sep(&s, end, ',', &addr) < 0 ||
        parse_hex(&s, end, &kind) < 0 || (s != end && *s != ';')) {
        reply(p, E_INVAL);
        return;
    }
    if (type > GDB_WP_ACCESS) {
        reply(p, "");
        return;
    }
    int r = insert ? p->ops->insert_point(p->target, (enum gdb_point)type, addr, kind)
                   : p->ops->remove_point(p->target, (enum gdb_point)type, addr, kind);
    reply(p, r == 0 ? "OK" : r > 0 ? "" : E_INVAL);
}

/* c [addr] / s [addr]: resume, optionally at a new pc (register `pc_regno`).  The C/S
 * forms carry a signal first, which a bare-metal target has no use for. */
static void cmd_resume(struct gdb_proto *p, const char *s, const char *end, bool step, bool sig)
{
    uint64_t v;
    if (sig) {
        if (parse_hex(&s, end, &v) < 0) {
            reply(p, E_INVAL);
            return;
        }
        if (s < end && *s == ';')
            s++;
        else if (s != end) {
            reply(p, E_INVAL);
            return;
        }
    }
    if (s != end) {
        if (parse_hex_sep(&s, end, 0, &v) < 0) {
            reply(p, E_INVAL);
            return;
        }
        /* The program counter follows the general registers in every description we
         * build (g_regs - 1). */
        p->ops->write_reg(p->target, p->ops->g_regs - 1, v);
    }
    resume(p, step);
}

/* vCont;action[:thread];...  The first action that applies to thread 1 (or to all) wins
 * (E.4 vCont); 't' (stop) needs nothing in all-stop mode with one thread. */
static void cmd_vcont(struct gdb_proto *p, const char *s, const char *end)
{
    while (s < end) {
        if (*s != ';') {
            reply(p, E_INVAL);
            return;
        }
        s++;
        if (s == end) {
            reply(p, E_INVAL);
            return;
        }
        char act = *s++;
        uint64_t v;
        if (act == 'C' || act == 'S') {
            if (parse_hex(&s, end, &v) < 0) {
                reply(p, E_INVAL);
                return;
            }
        } else if (act != 'c' && act != 's' && act != 't') {
            reply(p, E_INVAL);
            return;
        }
        bool applies = true;
        if (s < end && *s == ':') {
            s++;
            if (s < end && *s == '-') { /* -1: all threads */
                s++;
                if (s == end || *s != '1') {
                    reply(p, E_INVAL);
                    return;
                }
                s++;
            } else {
                if (parse_hex(&s, end, &v) < 0) {
                    reply(p, E_INVAL);
                    return;
                }
                applies = v == 1 || v == 0;
            }
        }
        if (s != end && *s != ';') {
            reply(p, E_INVAL);
            return;
        }
        if (applies && act != 't') {
            resume(p, act == 's' || act == 'S');
            return;
        }
    }
    reply(p, E_INVAL);
}

/* qXfer:features:read:ANNEX:offset,length -> 'm' data (more follows) or 'l' data (last). */
static void cmd_xfer_features(struct gdb_proto *p, const char *s, const char *end)
{
    const char *colon = memchr(s, ':', (size_t)(end - s));
    if (!colon) {
        reply(p, E_INVAL);
        return;
    }
    if ((size_t)(colon - s) != strlen("target.xml") || memcmp(s, "target.xml", 10) != 0) {
        reply(p, E_FAULT); /* no such annex: E00-style error (E.4 qXfer) */
        return;
    }
    s = colon + 1;
    uint64_t off, len;
    if (parse_hex_sep(&s, end, ',', &off) < 0 || parse_hex_sep(&s, end, 0, &len) < 0) {
        reply(p, E_INVAL);
        return;
    }
    const char *xml = p->ops->xml;
    size_t total = strlen(xml);
    if (len > GDB_PACKET_SIZE - 8)
        len = GDB_PACKET_SIZE - 8;
    if (off >= total) {
        reply(p, "l");
        return;
    }
    size_t n = total - off < len ? total - off : len;
    char *o = malloc(n + 1);
    if (!o) {
        reply(p, E_PERM);
        return;
    }
    o[0] = off + n < total ? 'm' : 'l';
    memcpy(o + 1, xml + off, n);
    gdb_proto_send_packet(p, o, n + 1); /* framing escapes the binary data */
    free(o);
}

static void cmd_monitor(struct gdb_proto *p, const char *s, const char *end)
{
    size_t n = (size_t)(end - s);
    if (n % 2) {
        reply(p, E_INVAL);
        return;
    }
    char *cmd = malloc(n / 2 + 1);
    if (!cmd || unhex(s, (uint8_t *)cmd, n / 2) < 0) {
        free(cmd);
        reply(p, E_INVAL);
        return;
    }
    cmd[n / 2] = 0;
    if (strlen(cmd) != n / 2) { /* an embedded NUL */
        free(cmd);
        reply(p, E_INVAL);
        return;
    }
    struct gdb_text out = {0};
    p->ops->monitor(p->target, cmd, &out);
    free(cmd);
    if (out.len == 0) {
        reply(p, "OK");
        free(out.s);
        return;
    }
    /* Output goes back in O packets (console output, shown as it arrives), then OK;
     * each O packet is 'O' plus hex, within the packet size. */
    size_t chunk = (GDB_PACKET_SIZE - 2) / 2;
    char *o = malloc(2 * chunk + 1);
    if (!o) {
        free(out.s);
        reply(p, E_PERM);
        return;
    }
    for (size_t at = 0; at < out.len; at += chunk) {
        size_t k = out.len - at < chunk ? out.len - at : chunk;
        o[0] = 'O';
        for (size_t i = 0; i < k; i++) {
            uint8_t b = (uint8_t)out.s[at + i];
            o[1 + 2 * i] = hexdig[b >> 4];
            o[2 + 2 * i] = hexdig[b & 15];
        }
        gdb_proto_send_packet(p, o, 1 + 2 * k);
    }
    free(o);
    free(out.s);
    reply(p, "OK");
}

static bool starts(const char *s, const char *end, const char *prefix)
{
    size_t n = strlen(prefix);
    return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

static bool equals(const char *s, const char *end, const char *what)
{
    return (size_t)(end - s) == strlen(what) && memcmp(s, what, (size_t)(end - s)) == 0;
}

/* bc, bs: backwards (GDB docs E.4 'bc', 'bs'), when the target offers it. */
static void cmd_reverse(struct gdb_proto *p, const char *s, const char *end)
{
    if (!p->ops->reverse || !(equals(s, end, "bc") || equals(s, end, "bs"))) {
        reply(p, "");
        return;
    }
    if (p->running) {
        reply(p, E_BUSY);
        return;
    }
    p->running = true;
    p->ops->reverse(p->target, s[1] == 's');
}

static void cmd_query(struct gdb_proto *p, const char *s, const char *end)
{
    if (starts(s, end, "qSupported")) {
        char buf[192];
        snprintf(buf, sizeof buf,
                 "PacketSize=%x;qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;"
                 "QStartNoAckMode+%s",
                 GDB_PACKET_SIZE, p->ops->reverse ? ";ReverseStep+;ReverseContinue+" : "");
        reply(p, buf);
    } else if (starts(s, end, "qXfer:features:read:")) {
        cmd_xfer_features(p, s + strlen("qXfer:features:read:"), end);
    } else if (equals(s, end, "qAttached") || starts(s, end, "qAttached:")) {
        reply(p, "1"); /* attached to an existing process: kill is not implied on quit */
    } else if (equals(s, end, "qC")) {
        reply(p, "QC1");
    } else if (equals(s, end, "qfThreadInfo")) {
        reply(p, "m1");
    } else if (equals(s, end, "qsThreadInfo")) {
        reply(p, "l");
    } else if (starts(s, end, "qRcmd,")) {
        cmd_monitor(p, s + strlen("qRcmd,"), end);
    } else if (starts(s, end, "qSymbol:")) {
        reply(p, "OK"); /* no symbol lookups wanted */
    } else {
        reply(p, ""); /* unknown: the empty reply (E.1) */
    }
}

static void dispatch(struct gdb_proto *p, const char *s, size_t n)
{
    const char *end = s + n;
    p->packets++;
    if (n == 0) {
        reply(p, "");
        return;
    }
    const char *a = s + 1;
    switch (s[0]) {
    case '?':
        if (n == 1) {
            char buf[96];
            gdb_proto_send_packet(p, buf, gdb_format_stop(buf, sizeof buf, &p->last));
        } else {
            reply(p, "");
        }
        return;
    case 'g':
        if (n == 1)
            cmd_read_regs(p);
        else
            reply(p, E_INVAL);
        return;
    case 'G':
        cmd_write_regs(p, a, n - 1);
        return;
    case 'p':
        cmd_read_reg(p, a, end);
        return;
    case 'P':
        cmd_write_reg(p, a, end);
        return;
    case 'm':
        cmd_read_mem(p, a, end);
        return;
    case 'M':
        cmd_write_mem(p, a, end, false);
        return;
    case 'X':
        cmd_write_mem(p, a, end, true);
        return;
    case 'Z':
    case 'z':
        cmd_point(p, a, end, s[0] == 'Z');
        return;
    case 'c':
    case 's':
        cmd_resume(p, a, end, s[0] == 's', false);
        return;
    case 'b':
        cmd_reverse(p, s, end);
        return;
    case 'C':
    case 'S':
        cmd_resume(p, a, end, s[0] == 'S', true);
        return;
    case 'H':
        /* Hg/Hc thread selection: thread 1, 0 (any) or -1 (all) are all ours. */
        if (n >= 2 && (equals(s + 2, end, "1") || equals(s + 2, end, "0") ||
                       equals(s + 2, end, "-1")))
            reply(p, "OK");
        else
            reply(p, E_INVAL);
        return;
    case 'T':
        reply(p, equals(a, end, "1") ? "OK" : E_INVAL);
        return;
    case 'k':
        /* No reply (E.4 'k'); gdb closes the connection. */
        p->killed = true;
        p->detached = true;
        p->ops->kill(p->target);
        return;
    case 'D':
        reply(p, "OK");
        p->detached = true;
        p->ops->detach(p->target);
        return;
    case 'q':
        cmd_query(p, s, end);
        return;
    case 'Q':
        if (equals(s, end, "QStartNoAckMode")) {
            reply(p, "OK"); /* this reply is still acked; no acks after it */
            p->noack = true;
        } else {
            reply(p, "");
        }
        return;
    case 'v':
        if (equals(s, end, "vCont?"))
            reply(p, "vCont;c;C;s;S;t");
        else if (starts(s, end, "vCont;"))
            cmd_vcont(p, s + 5, end);
        else if (starts(s, end, "vKill")) {
            reply(p, "OK");
            p->killed = true;
            p->detached = true;
            p->ops->kill(p->target);
        } else
            reply(p, ""); /* vMustReplyEmpty and anything unknown */
        return;
    default:
        reply(p, "");
        return;
    }
}

/* ---- receive ----------------------------------------------------------------------- */

static void send_raw(struct gdb_proto *p, char ch)
{
    p->send(p->io, &ch, 1);
}

/* A packet whose checksum is wrong or not hex: drop it and ask for a retransmit
 * (E.1 "Overview"), or, with acks off, answer E_CSUM. */
static void bad_checksum(struct gdb_proto *p)
{
    p->rx = GDB_RX_IDLE;
    p->bad_checksums++;
    if (!p->noack)
        send_raw(p, '-');
    else
        reply(p, E_CSUM);
}

static void packet_done(struct gdb_proto *p, uint8_t csum)
{
    if (csum != p->sum) {
        bad_checksum(p);
        return;
    }
    p->rx = GDB_RX_IDLE;
    if (!p->noack)
        send_raw(p, '+');
    if (p->overflow) {
        reply(p, E_PERM);
        return;
    }
    p->pkt[p->len] = 0;
    dispatch(p, p->pkt, p->len);
}

void gdb_proto_input(struct gdb_proto *p, const void *data, size_t n)
{
    const uint8_t *b = data;
    for (size_t i = 0; i < n && !p->detached; i++) {
        uint8_t ch = b[i];
        switch (p->rx) {
        case GDB_RX_IDLE:
            if (ch == '$') {
                p->rx = GDB_RX_DATA;
                p->len = 0;
                p->sum = 0;
                p->overflow = false;
            } else if (ch == 0x03) {
                /* Ctrl-C outside a packet: interrupt a running target (E.9). */
                if (p->running)
                    p->ops->interrupt(p->target);
            } else if (ch == '-' && !p->noack && p->tx_len) {
                p->retransmits++;
                p->send(p->io, p->tx, p->tx_len);
            }
            /* '+' acks and stray bytes need nothing. */
            break;
        case GDB_RX_DATA:
            if (ch == '#') {
                p->rx = GDB_RX_CSUM1;
            } else if (ch == '$') {
                /* A new packet start inside a packet: the previous one was truncated;
                 * drop it and take the new one. */
                p->len = 0;
                p->sum = 0;
                p->overflow = false;
            } else {
                p->sum += ch;
                if (p->len < GDB_PACKET_SIZE)
                    p->pkt[p->len++] = (char)ch;
                else
                    p->overflow = true;
            }
            break;
        case GDB_RX_CSUM1:
            if (hexval(ch) < 0) {
                bad_checksum(p);
                break;
            }
            p->csum_hi = (uint8_t)hexval(ch);
            p->rx = GDB_RX_CSUM2;
            break;
        case GDB_RX_CSUM2:
            if (hexval(ch) < 0) {
                bad_checksum(p);
                break;
            }
            packet_done(p, (uint8_t)(p->csum_hi << 4 | hexval(ch)));
            break;
        }
    }
}

int gdb_proto_init(struct gdb_proto *p, const struct gdb_target_ops *ops, void *target,
                   void (*send)(void *io, const void *buf, size_t n), void *io)
{
    memset(p, 0, sizeof *p);
    p->ops = ops;
    p->target = target;
    p->send = send;
    p->io = io;
    p->pkt = malloc(GDB_PACKET_SIZE + 1);
    if (!p->pkt)
        return sim_err("gdb: out of memory");
    p->last.kind = GDB_STOP_SIGNAL;
    p->last.sig = GDB_SIGTRAP;
    return 0;
}

void gdb_proto_free(struct gdb_proto *p)
{
    free(p->pkt);
    free(p->tx);
    p->pkt = NULL;
    p->tx = NULL;
}
