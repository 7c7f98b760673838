/* i2c-host: a device on a host I2C adapter (Linux i2c-dev, /dev/i2c-N: a USB-I2C adapter,
 * a Raspberry Pi's bus) answering at its address on the guest's I2C bus.
 *
 * The guest's controller works byte by byte; i2c-dev works in transactions (I2C_RDWR: a
 * list of messages joined by repeated STARTs, one STOP at the end).  So:
 *   - an address byte is answered from the device itself: a zero-length write to it (the
 *     SMBus quick command) ACKs when the device is there and ready, NAKs when it is absent
 *     or busy (an EEPROM's write cycle), so probing and acknowledge polling see the truth;
 *     adapters that cannot send zero-length messages get an ACK without asking;
 *   - written bytes are ACKed and kept; at the STOP they go out as one write message, and
 *     before a repeated START with a read they join the read in one I2C_RDWR (the device
 *     sees write, repeated START, read as the guest meant);
 *   - a read fetches read-ahead bytes at once (the count the guest will take is not known
 *     before its last byte); a read beyond them fetches the next read-ahead bytes in a new
 *     transaction.  A NAK from the device in a read's transaction is the read address's
 *     NAK; one in a write sent at the STOP comes after the guest saw ACKs, and is counted
 *     (--info-tree) and warned about once.
 * Simulated time is the guest controller's: each byte costs its SCL periods, whatever the
 * host adapter takes. */
#include <errno.h>
#include <fcntl.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "peripherals/host_dev.h"
#include "sim/error.h"
#include "soc/device.h"
#include "soc/machine.h"

#define MAX_WRITE 4096

struct i2c_host {
    struct device dev;
    char *path;
    uint64_t host_addr; /* 0x80 = the guest's address */
    uint64_t read_ahead;

    int fd;
    bool probe;   /* the adapter takes zero-length messages */
    bool reading; /* the current message is a read */
    uint8_t wbuf[MAX_WRITE];
    unsigned wlen;
    bool wheld; /* a write message waits for the STOP or a read to join */
    uint8_t *rbuf;
    unsigned rlen, rpos;
    uint64_t transfers, naks, late_naks, errors;
    bool warned;
};

static uint16_t haddr(const struct i2c_host *h)
{
    return (uint16_t)(h->host_addr < 0x80 ? h->host_addr : h->dev.addr);
}

static void host_failed(struct i2c_host *h, const char *what)
{
    h->errors++;
    if (!h->warned) {
        h->warned = true;
        sim_warn("%s: %s at 0x%02x on '%s': %s", dev_label(&h->dev), what, haddr(h), h->path,
                 strerror(errno));
    }
}

/* One I2C_RDWR: the held write (if any), then a read of n bytes (n = 0: none).
 * 1 = done, 0 = the device NAKed, -1 = another failure (warned). */
static int transfer(struct i2c_host *h, unsigned n)
{
    struct i2c_msg msgs[2];
    unsigned k = 0;
    if (h->wheld)
        msgs[k++] = (struct i2c_msg){
            .addr = haddr(h), .flags = 0, .len = (uint16_t)h->wlen, .buf = h->wbuf};
    if (n)
        msgs[k++] = (struct i2c_msg){
            .addr = haddr(h), .flags = I2C_M_RD, .len = (uint16_t)n, .buf = h->rbuf};
    h->wheld = false;
    h->wlen = 0;
    if (!k)
        return 1;
    struct i2c_rdwr_ioctl_data io = {.msgs = msgs, .nmsgs = k};
    h->transfers++;
    if (ioctl(h->fd, I2C_RDWR, &io) >= 0)
        return 1;
    if (errno == ENXIO || errno == EREMOTEIO || errno == EIO)
        return 0; /* i2c-dev's NAK (drivers differ in which) */
    host_failed(h, "transfer");
    return -1;
}

/* The address byte: is the device there?  A zero-length write asks it. */
static bool probe(struct i2c_host *h)
{
    if (!h->probe)
        return true;
    struct i2c_msg m = {.addr = haddr(h), .flags = 0, .len = 0, .buf = h->wbuf};
    struct i2c_rdwr_ioctl_data io = {.msgs = &m, .nmsgs = 1};
    h->transfers++;
    if (ioctl(h->fd, I2C_RDWR, &io) >= 0)
        return true;
    if (errno == EOPNOTSUPP || errno == EINVAL) {
        h->probe = false; /* no zero-length messages here: ACK without asking */
        return true;
    }
    if (errno != ENXIO && errno != EREMOTEIO && errno != EIO)
        host_failed(h, "probe");
    return false;
}

static void flush_write(struct i2c_host *h)
{
    if (!h->wheld)
        return;
    if (transfer(h, 0) == 0) {
        h->late_naks++;
        if (!h->warned) {
            h->warned = true;
            sim_warn("%s: the device at 0x%02x refused a write the guest saw acknowledged "
                     "(it is sent at the STOP)",
                     dev_label(&h->dev), haddr(h));
        }
    }
}

static bool ih_start(struct device *d, bool read)
{
    struct i2c_host *h = (struct i2c_host *)d;
    h->rlen = h->rpos = 0;
    h->reading = read;
    if (!read) {
        flush_write(h); /* a repeated START after a write to us: that write stands alone */
        if (!probe(h)) {
            h->naks++;
            return false;
        }
        h->wheld = true;
        h->wlen = 0;
        return true;
    }
    /* A read: fetched now, joined to a held write by a repeated START. */
    int r = transfer(h, (unsigned)h->read_ahead);
    if (r <= 0) {
        h->naks += r == 0;
        return false;
    }
    h->rlen = (unsigned)h->read_ahead;
    return true;
}

static bool ih_write(struct device *d, uint8_t byte)
{
    struct i2c_host *h = (struct i2c_host *)d;
    if (h->reading || !h->wheld)
        return false;
    if (h->wlen == MAX_WRITE) {
        flush_write(h); /* a longer write goes out in parts */
        h->wheld = true;
    }
    h->wbuf[h->wlen++] = byte;
    return true;
}

static uint8_t ih_read(struct device *d, bool ack)
{
    struct i2c_host *h = (struct i2c_host *)d;
    (void)ack;
    if (!h->reading)
        return 0xff;
    if (h->rpos == h->rlen) {
        if (transfer(h, (unsigned)h->read_ahead) <= 0)
            return 0xff;
        h->rlen = (unsigned)h->read_ahead;
        h->rpos = 0;
    }
    return h->rbuf[h->rpos++];
}

static void ih_stop(struct device *d)
{
    struct i2c_host *h = (struct i2c_host *)d;
    flush_write(h);
    h->reading = false;
    h->rlen = h->rpos = 0;
}

static int ih_realize(struct device *d)
{
    struct i2c_host *h = (struct i2c_host *)d;
    h->fd = -1;
    if (!h->path || !*h->path)
        return sim_err("%s: needs dev= (the host adapter, e.g. /dev/i2c-1)", dev_label(d));
    if (h->read_ahead < 1 || h->read_ahead > 4096)
        return sim_err("%s: read-ahead=%llu is out of range (1 to 4096)", dev_label(d),
                       (unsigned long long)h->read_ahead);
    if (h->host_addr != 0x80 && h->host_addr > 0x7f)
        return sim_err("%s: host-addr=0x%llx is not a 7-bit address", dev_label(d),
                       (unsigned long long)h->host_addr);
    h->fd = host_dev_open(h->path, "no such adapter: modprobe i2c-dev, then ls /dev/i2c-*",
                          "members of the device's group, often i2c, may open it");
    if (h->fd < 0)
        return sim_err_prefix("%s", dev_label(d));
    unsigned long funcs = 0;
    if (ioctl(h->fd, I2C_FUNCS, &funcs) < 0)
        return sim_err("%s: '%s' is not an I2C adapter (i2c-dev): %s", dev_label(d), h->path,
                       strerror(errno));
    if (!(funcs & I2C_FUNC_I2C))
        return sim_err("%s: '%s' does SMBus only, not plain I2C transfers (I2C_RDWR)", dev_label(d),
                       h->path);
    h->probe = true;
    h->rbuf = malloc(h->read_ahead);
    if (!h->rbuf)
        return sim_err("%s: out of memory", dev_label(d));
    return 0;
}

static void ih_free(struct device *d)
{
    struct i2c_host *h = (struct i2c_host *)d;
    if (h->fd >= 0)
        close(h->fd);
    free(h->rbuf);
}

static void ih_info(struct device *d, FILE *f, int indent)
{
    struct i2c_host *h = (struct i2c_host *)d;
    fprintf(f, "%*s%s at 0x%02x, %llu transfers, %llu NAKs, %llu late NAKs, %llu errors\n", indent,
            "", h->path, haddr(h), (unsigned long long)h->transfers, (unsigned long long)h->naks,
            (unsigned long long)h->late_naks, (unsigned long long)h->errors);
}

#define P(field, type, name, def, help) DEV_PROP(struct i2c_host, field, type, name, def, help)
static const struct dev_prop i2c_host_props[] = {
    P(path, PROP_STRING, "dev", NULL, "the host's I2C adapter (i2c-dev), e.g. /dev/i2c-1"),
    {.name = "host-addr",
     .type = PROP_INT,
     .offset = offsetof(struct i2c_host, host_addr),
     .def = "0x80",
     .help = "the device's address on the host bus (default: addr=)",
     .max = 0x80},
    {.name = "read-ahead",
     .type = PROP_INT,
     .offset = offsetof(struct i2c_host, read_ahead),
     .def = "32",
     .help = "bytes fetched by each read transaction",
     .min = 1,
     .max = 4096},
    {0},
};
#undef P

static const struct dev_type i2c_host_type = {
    .name = "i2c-host",
    .desc = "a device on a host I2C adapter (Linux i2c-dev), at its address on the guest bus",
    .bus = BUS_I2C,
    .size = sizeof(struct i2c_host),
    .props = i2c_host_props,
    .realize = ih_realize,
    .free = ih_free,
    .info = ih_info,
    .i2c_start = ih_start,
    .i2c_write = ih_write,
    .i2c_read = ih_read,
    .i2c_stop = ih_stop,
    .no_checkpoint = "its devices are the host's",
};
DEV_TYPE(i2c_host_type)
