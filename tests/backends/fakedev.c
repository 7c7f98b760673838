/* Stand-ins for host devices, loaded with LD_PRELOAD by tests/backends/passthrough.sh, so the
 * pass-through devices' own logic (i2c-host, spi-host, gpio-host) is tested on machines
 * without I2C, SPI or GPIO hardware.  They answer the same kernel interfaces socsim uses:
 *
 *   FAKEDEV_I2C=PATH   an i2c-dev adapter (I2C_FUNCS, I2C_RDWR) with a register-file device
 *                      at 0x48 (a write sets the pointer, then writes registers from it; a
 *                      read reads from it; register i starts as i), a device at 0x4a that
 *                      acknowledges its address but refuses data (EREMOTEIO), nothing else;
 *   FAKEDEV_SPI=PATH   a spidev (modes, SPI_IOC_MESSAGE) whose device answers each byte with
 *                      the one before it plus 1;
 *   FAKEDEV_GPIO=PATH  a GPIO chip of 8 lines (libgpiod's calls), line 5 taken by 'other';
 *                      input lines read 1 from the 4th read on;
 *   FAKEDEV_LOG=FILE   every transfer, mode change and line change, one per line.
 * Any other path goes to the real system. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <gpiod.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <linux/spi/spidev.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static bool i2c_fd[1024], spi_fd[1024]; /* descriptors that are stand-ins */
static bool regs_set;
static uint8_t regs[256], ptr;
static uint8_t spi_mode, spi_last;

static void logf_(const char *fmt, ...)
{
    const char *path = getenv("FAKEDEV_LOG");
    if (!path)
        return;
    FILE *f = fopen(path, "a");
    if (!f)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
    fclose(f);
}

static bool is(const char *env, const char *path)
{
    const char *p = getenv(env);
    return p && path && strcmp(p, path) == 0;
}

static int fake_open(const char *path)
{
    int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    int fd = real("/dev/null", O_RDWR);
    if (fd < 0 || fd >= 1024)
        return fd;
    if (is("FAKEDEV_I2C", path)) {
        i2c_fd[fd] = true;
        for (int i = 0; i < 256 && !regs_set; i++)
            regs[i] = (uint8_t)i;
        regs_set = true;
    } else {
        spi_fd[fd] = true;
    }
    return fd;
}

#define OPEN_WRAPPER(name)                                                                         \
    int name(const char *path, int flags, ...)                                                     \
    {                                                                                              \
        if (is("FAKEDEV_I2C", path) || is("FAKEDEV_SPI", path))                                    \
            return fake_open(path);                                                                \
        va_list ap;                                                                                \
        va_start(ap, flags);                                                                       \
        mode_t mode = va_arg(ap, mode_t);                                                          \
        va_end(ap);                                                                                \
        int (*real)(const char *, int, ...) =                                                      \
            (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #name);                              \
        return real(path, flags, mode);                                                            \
    }
OPEN_WRAPPER(open)
OPEN_WRAPPER(open64)

static int i2c_rdwr(struct i2c_rdwr_ioctl_data *io)
{
    char line[1024];
    int n = snprintf(line, sizeof line, "i2c");
    int rc = 0;
    for (unsigned i = 0; i < io->nmsgs; i++) {
        struct i2c_msg *m = &io->msgs[i];
        bool rd = m->flags & I2C_M_RD;
        n += snprintf(line + n, sizeof line - n, " %c%02x", rd ? 'R' : 'W', m->addr);
        if (m->addr != 0x48 && m->addr != 0x4a) {
            errno = ENXIO;
            rc = -1;
            n += snprintf(line + n, sizeof line - n, " nak");
            break;
        }
        if (rd) {
            for (unsigned k = 0; k < m->len; k++)
                m->buf[k] = regs[ptr++];
            n += snprintf(line + n, sizeof line - n, "/%u", m->len);
            continue;
        }
        for (unsigned k = 0; k < m->len; k++)
            n += snprintf(line + n, sizeof line - n, "%s%02x", k ? "" : ":", m->buf[k]);
        if (m->addr == 0x4a && m->len) {
            errno = EREMOTEIO;
            rc = -1;
            n += snprintf(line + n, sizeof line - n, " nak");
            break;
        }
        if (m->len)
            ptr = m->buf[0];
        for (unsigned k = 1; k < m->len; k++)
            regs[ptr++] = m->buf[k];
    }
    logf_("%s", line);
    return rc;
}

static int spi_message(struct spi_ioc_transfer *t, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (!t[i].len) {
            logf_("spi cs release");
            continue;
        }
        uint8_t *tx = (uint8_t *)(uintptr_t)t[i].tx_buf, *rx = (uint8_t *)(uintptr_t)t[i].rx_buf;
        for (unsigned k = 0; k < t[i].len; k++) {
            uint8_t out = (uint8_t)(spi_last + 1);
            spi_last = tx ? tx[k] : 0;
            if (rx)
                rx[k] = out;
            logf_("spi mode %u %u Hz cs_change %u: %02x -> %02x", spi_mode, t[i].speed_hz,
                  t[i].cs_change, spi_last, out);
        }
    }
    return 0;
}

int ioctl(int fd, unsigned long req, ...)
{
    va_list ap;
    va_start(ap, req);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    if (fd >= 0 && fd < 1024 && i2c_fd[fd]) {
        if (req == I2C_FUNCS) {
            *(unsigned long *)arg = I2C_FUNC_I2C | I2C_FUNC_SMBUS_QUICK;
            return 0;
        }
        if (req == I2C_RDWR)
            return i2c_rdwr(arg);
        errno = ENOTTY;
        return -1;
    }
    if (fd >= 0 && fd < 1024 && spi_fd[fd]) {
        if (req == SPI_IOC_RD_MODE) {
            *(uint8_t *)arg = spi_mode;
            return 0;
        }
        if (req == SPI_IOC_WR_MODE) {
            spi_mode = *(uint8_t *)arg;
            logf_("spi set mode %u", spi_mode);
            return 0;
        }
        if (_IOC_TYPE(req) == SPI_IOC_MAGIC && _IOC_NR(req) == 0)
            return spi_message(arg, _IOC_SIZE(req) / sizeof(struct spi_ioc_transfer));
        errno = ENOTTY;
        return -1;
    }
    int (*real)(int, unsigned long, ...) =
        (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
    return real(fd, req, arg);
}

int close(int fd)
{
    if (fd >= 0 && fd < 1024)
        i2c_fd[fd] = spi_fd[fd] = false;
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "close");
    return real(fd);
}

/* ---- libgpiod (v1) ---- */

#define NLINES 8
static struct fake_chip {
    int lines[NLINES];
    int reads;
} chip;
static int chip_open;

#define FAKE_CHIP ((struct gpiod_chip *)&chip)
#define LINE_OF(l) ((int *)(l)-chip.lines)
#define IS_LINE(l) ((int *)(l) >= chip.lines && (int *)(l) < chip.lines + NLINES)
#define REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

struct gpiod_chip *gpiod_chip_open(const char *path)
{
    if (is("FAKEDEV_GPIO", path)) {
        chip_open = 1;
        return FAKE_CHIP;
    }
    return REAL("gpiod_chip_open", struct gpiod_chip * (*)(const char *))(path);
}

void gpiod_chip_close(struct gpiod_chip *c)
{
    if (c == FAKE_CHIP) {
        logf_("gpio close");
        return;
    }
    REAL("gpiod_chip_close", void (*)(struct gpiod_chip *))(c);
}

unsigned int gpiod_chip_num_lines(struct gpiod_chip *c)
{
    if (c == FAKE_CHIP)
        return NLINES;
    return REAL("gpiod_chip_num_lines", unsigned (*)(struct gpiod_chip *))(c);
}

struct gpiod_line *gpiod_chip_get_line(struct gpiod_chip *c, unsigned int off)
{
    if (c == FAKE_CHIP)
        return off < NLINES ? (struct gpiod_line *)&chip.lines[off] : NULL;
    return REAL("gpiod_chip_get_line", struct gpiod_line * (*)(struct gpiod_chip *, unsigned))(c,
                                                                                               off);
}

static int take(struct gpiod_line *l, const char *how, int v)
{
    if (LINE_OF(l) == 5) {
        errno = EBUSY;
        return -1;
    }
    logf_("gpio line %d %s %d", (int)LINE_OF(l), how, v);
    return 0;
}

int gpiod_line_request_output(struct gpiod_line *l, const char *consumer, int v)
{
    if (IS_LINE(l))
        return take(l, "out", v);
    return REAL("gpiod_line_request_output",
                int (*)(struct gpiod_line *, const char *, int))(l, consumer, v);
}

int gpiod_line_request_input(struct gpiod_line *l, const char *consumer)
{
    if (IS_LINE(l))
        return take(l, "in", 0);
    return REAL("gpiod_line_request_input", int (*)(struct gpiod_line *, const char *))(l,
                                                                                        consumer);
}

const char *gpiod_line_consumer(struct gpiod_line *l)
{
    if (IS_LINE(l))
        return LINE_OF(l) == 5 ? "other" : NULL;
    return REAL("gpiod_line_consumer", const char *(*)(struct gpiod_line *))(l);
}

int gpiod_line_set_value(struct gpiod_line *l, int v)
{
    if (IS_LINE(l)) {
        logf_("gpio line %d = %d", (int)LINE_OF(l), v);
        return 0;
    }
    return REAL("gpiod_line_set_value", int (*)(struct gpiod_line *, int))(l, v);
}

int gpiod_line_get_value(struct gpiod_line *l)
{
    if (IS_LINE(l))
        return ++chip.reads >= 4;
    return REAL("gpiod_line_get_value", int (*)(struct gpiod_line *))(l);
}
