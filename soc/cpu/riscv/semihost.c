/* RISC-V semihosting (the RISC-V Semihosting spec, using the Arm semihosting operation
 * numbers): the sequence `slli x0,x0,0x1f; ebreak; srai x0,x0,7` with a0 = operation and
 * a1 = parameter (RV32: a pointer to a block of 32-bit words, or the value itself). */
#include <stdio.h>
#include <string.h>

#include "soc/cpu/riscv/internal.h"

enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05,
    SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08, SYS_ISTTY = 0x09, SYS_SEEK = 0x0a,
    SYS_FLEN = 0x0c, SYS_CLOCK = 0x10, SYS_TIME = 0x11, SYS_ERRNO = 0x13,
    SYS_GET_CMDLINE = 0x15, SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20,
    SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define SEMI_PRE 0x01f01013u  /* slli x0, x0, 0x1f */
#define SEMI_POST 0x40705013u /* srai x0, x0, 7 */

/* Handles: 0 stdin, 1 stdout, 2 stderr (":tt" opened with modes r / w / a), and the
 * feature file ":semihosting-features" announcing SYS_EXIT_EXTENDED and stdout/stderr. */
#define FEATURES_HANDLE 3
static const uint8_t features[5] = {'S', 'H', 'F', 'B', 0x03};

static uint32_t word(struct rv_cpu *c, uint32_t addr)
{
    uint32_t v = 0;
    rv_debug_read(c, addr, &v, 4);
    return v;
}

static void out(struct rv_cpu *c, uint32_t handle, const void *buf, size_t n)
{
    (void)c;
    FILE *f = handle == 2 ? stderr : stdout;
    fwrite(buf, 1, n, f);
    if (f == stderr)
        fflush(stdout);
}

static uint32_t do_write(struct rv_cpu *c, uint32_t blk)
{
    uint32_t h = word(c, blk), buf = word(c, blk + 4), len = word(c, blk + 8);
    if (h != 1 && h != 2)
        return len;
    uint8_t tmp[256];
    uint32_t done = 0;
    while (done < len) {
        uint32_t n = len - done < sizeof(tmp) ? len - done : (uint32_t)sizeof(tmp);
        if (rv_debug_read(c, buf + done, tmp, n) != n)
            return len - done;
        out(c, h, tmp, n);
        done += n;
    }
    return 0;
}

static uint32_t do_open(struct rv_cpu *c, uint32_t blk)
{
    uint32_t name = word(c, blk), mode = word(c, blk + 4), len = word(c, blk + 8);
    char s[32] = "";
    if (len >= sizeof(s))
        return UINT32_MAX;
    rv_debug_read(c, name, s, len);
    s[len] = 0;
    if (strcmp(s, ":tt") == 0)
        return mode < 4 ? 0 : mode < 8 ? 1 : 2;
    if (strcmp(s, ":semihosting-features") == 0) {
        c->semi_feature_pos = 0;
        return FEATURES_HANDLE;
    }
    return UINT32_MAX; /* no host file access */
}

static uint32_t do_read(struct rv_cpu *c, uint32_t blk)
{
    uint32_t h = word(c, blk), buf = word(c, blk + 4), len = word(c, blk + 8);
    if (h != FEATURES_HANDLE)
        return len; /* nothing read: EOF */
    uint32_t n = 0;
    while (n < len && c->semi_feature_pos < sizeof(features)) {
        rv_debug_write(c, buf + n, &features[c->semi_feature_pos++], 1);
        n++;
    }
    return len - n;
}

bool rv_semihosting(struct rv_cpu *c)
{
    struct machine *m = c->dev.m;
    uint32_t pre = 0, post = 0;
    /* M mode's only, as QEMU has it (without userspace=on): from U mode the sequence is a
     * breakpoint, so that a task cannot reach the host, nor memory PMP keeps from it. */
    if (!m->semihosting || c->priv != RV_PRIV_M)
        return false;
    if (rv_debug_read(c, c->pc - 4, &pre, 4) != 4 || rv_debug_read(c, c->pc + 4, &post, 4) != 4 ||
        pre != SEMI_PRE || post != SEMI_POST)
        return false;
    uint32_t op = c->x[10], arg = c->x[11], ret = 0;
    char ch;
    switch (op) {
    case SYS_WRITEC:
        rv_debug_read(c, arg, &ch, 1);
        out(c, 1, &ch, 1);
        break;
    case SYS_WRITE0:
        for (uint32_t a = arg; rv_debug_read(c, a, &ch, 1) == 1 && ch; a++)
            out(c, 1, &ch, 1);
        break;
    case SYS_WRITE: ret = do_write(c, arg); break;
    case SYS_OPEN: ret = do_open(c, arg); break;
    case SYS_CLOSE: ret = 0; break;
    case SYS_READ: ret = do_read(c, arg); break;
    case SYS_READC: ret = UINT32_MAX; break;
    case SYS_ISERROR: ret = (int32_t)word(c, arg) < 0; break;
    case SYS_ISTTY: ret = word(c, arg) <= 2; break;
    case SYS_SEEK:
        if (word(c, arg) == FEATURES_HANDLE)
            c->semi_feature_pos = word(c, arg + 4);
        ret = 0;
        break;
    case SYS_FLEN: ret = word(c, arg) == FEATURES_HANDLE ? sizeof(features) : 0; break;
    case SYS_CLOCK: ret = (uint32_t)(sim_now(&m->sim) / (10 * SIM_MS)); break; /* centiseconds */
    case SYS_TIME: ret = (uint32_t)(sim_now(&m->sim) / SIM_S); break;
    case SYS_ERRNO: ret = 0; break;
    case SYS_GET_CMDLINE: {
        uint32_t buf = word(c, arg), len = word(c, arg + 4);
        if (len) {
            char z = 0;
            rv_debug_write(c, buf, &z, 1);
            uint32_t zero = 0;
            rv_debug_write(c, arg + 4, &zero, 4);
        }
        break;
    }
    case SYS_HEAPINFO: {
        uint32_t blk = word(c, arg), zero[4] = {0, 0, 0, 0};
        rv_debug_write(c, blk, zero, sizeof(zero)); /* "use the linker's layout" */
        break;
    }
    case SYS_EXIT:
        /* RV32 passes the reason itself (like AArch32). */
        sim_stop(&m->sim, SIM_STOP_EXIT, arg == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
        break;
    case SYS_EXIT_EXTENDED: {
        uint32_t reason = word(c, arg), code = word(c, arg + 4);
        sim_stop(&m->sim, SIM_STOP_EXIT, reason == ADP_STOPPED_APPLICATION_EXIT ? (int)code : 1);
        break;
    }
    case SYS_ELAPSED: {
        uint64_t t = rv_mcycle(c);
        rv_debug_write(c, arg, &t, 8);
        break;
    }
    case SYS_TICKFREQ: ret = (uint32_t)c->freq; break;
    default: ret = UINT32_MAX; break;
    }
    c->x[10] = ret;
    return true;
}
