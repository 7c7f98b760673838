/* spi-host: a device on a host SPI bus (Linux spidev, /dev/spidevB.C: a Raspberry Pi's
 * SPI0 chip select 0, a USB-SPI adapter) at a chip select of the guest's SPI bus.
 *
 * Every byte the guest's controller exchanges with it is one full-duplex spidev transfer
 * (SPI_IOC_MESSAGE), made with the SPI mode (CPOL, CPHA) and SCK frequency the guest has
 * programmed at that moment, and with cs_change set so the host keeps chip select asserted
 * between the guest's bytes; when the guest deselects, a zero-length transfer without
 * cs_change lets it go.  (Host controllers that do not honour cs_change drop CS between
 * bytes; docs/passthrough.md.)  The byte the device sends back is the guest's MISO.
 * Simulated time is the guest controller's: each frame costs its SCK periods, whatever the
 * host took. */
#include <errno.h>
#include <linux/spi/spidev.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "peripherals/host_dev.h"
#include "peripherals/sifive_spi.h"
#include "sim/error.h"
#include "soc/device.h"
#include "soc/machine.h"

struct spi_host {
    struct device dev;
    char *path;
    uint64_t max_hz;

    int fd;
    int mode; /* last mode given to the host, -1 = none yet */
    uint64_t hz;
    bool selected, active; /* active: bytes went out under this selection */
    uint64_t bytes, errors;
    bool warned;
};

static void sh_failed(struct spi_host *h, const char *what)
{
    h->errors++;
    if (!h->warned) {
        h->warned = true;
        sim_warn("%s: %s on '%s': %s", dev_label(&h->dev), what, h->path, strerror(errno));
    }
}

/* The guest's current mode and clock; the mode is given to the host when it changed. */
static uint32_t sh_line(struct spi_host *h)
{
    unsigned mode = 0;
    uint64_t hz = 1000000;
    if (h->dev.bus && h->dev.bus->owner)
        sifive_spi_line(h->dev.bus->owner, &mode, &hz);
    if (h->max_hz && hz > h->max_hz)
        hz = h->max_hz;
    if ((int)mode != h->mode) {
        uint8_t m = (uint8_t)mode;
        if (ioctl(h->fd, SPI_IOC_WR_MODE, &m) < 0)
            sh_failed(h, "setting the SPI mode");
        else
            h->mode = (int)mode;
    }
    h->hz = hz;
    return (uint32_t)(hz > UINT32_MAX ? UINT32_MAX : hz);
}

static uint8_t sh_transfer(struct device *d, uint8_t mosi)
{
    struct spi_host *h = (struct spi_host *)d;
    if (!h->selected)
        return 0xff;
    uint8_t miso = 0xff;
    struct spi_ioc_transfer t;
    memset(&t, 0, sizeof t);
    t.tx_buf = (uintptr_t)&mosi;
    t.rx_buf = (uintptr_t)&miso;
    t.len = 1;
    t.speed_hz = sh_line(h);
    t.bits_per_word = 8;
    t.cs_change = 1; /* keep CS asserted after this message */
    if (ioctl(h->fd, SPI_IOC_MESSAGE(1), &t) < 0) {
        sh_failed(h, "transfer");
        return 0xff;
    }
    h->bytes++;
    h->active = true;
    return miso;
}

static void sh_select(struct device *d, bool sel)
{
    struct spi_host *h = (struct spi_host *)d;
    h->selected = sel;
    if (sel || !h->active)
        return;
    h->active = false;
    struct spi_ioc_transfer t;
    memset(&t, 0, sizeof t);
    t.speed_hz = (uint32_t)(h->hz > UINT32_MAX ? UINT32_MAX : h->hz);
    t.bits_per_word = 8;
    if (ioctl(h->fd, SPI_IOC_MESSAGE(1), &t) < 0) /* ends with CS deasserted */
        sh_failed(h, "releasing chip select");
}

static int sh_realize(struct device *d)
{
    struct spi_host *h = (struct spi_host *)d;
    h->fd = -1;
    h->mode = -1;
    if (!h->path || !*h->path)
        return sim_err("%s: needs dev= (the host's spidev, e.g. /dev/spidev0.0)", dev_label(d));
    h->fd = host_dev_open(h->path,
                          "no such device: load spidev and bind it (on a Raspberry Pi: "
                          "dtparam=spi=on), then ls /dev/spidev*",
                          "members of the device's group, often spi, may open it");
    if (h->fd < 0)
        return sim_err_prefix("%s", dev_label(d));
    uint8_t mode;
    if (ioctl(h->fd, SPI_IOC_RD_MODE, &mode) < 0)
        return sim_err("%s: '%s' is not an SPI device (spidev): %s", dev_label(d), h->path,
                       strerror(errno));
    return 0;
}

static void sh_free(struct device *d)
{
    struct spi_host *h = (struct spi_host *)d;
    if (h->fd >= 0)
        close(h->fd);
}

static void sh_info(struct device *d, FILE *f, int indent)
{
    struct spi_host *h = (struct spi_host *)d;
    fprintf(f, "%*s%s, mode %d, %llu Hz, %llu bytes, %llu errors\n", indent, "", h->path, h->mode,
            (unsigned long long)h->hz, (unsigned long long)h->bytes, (unsigned long long)h->errors);
}

#define P(field, type, name, def, help) DEV_PROP(struct spi_host, field, type, name, def, help)
static const struct dev_prop spi_host_props[] = {
    P(path, PROP_STRING, "dev", NULL, "the host's SPI device (spidev), e.g. /dev/spidev0.0"),
    P(max_hz, PROP_FREQ, "max-speed", "0", "cap on the host's SCK (0: the guest's clock as it is)"),
    {0},
};
#undef P

static const struct dev_type spi_host_type = {
    .name = "spi-host",
    .desc = "a device on a host SPI bus (Linux spidev), at a chip select of the guest bus",
    .bus = BUS_SPI,
    .size = sizeof(struct spi_host),
    .props = spi_host_props,
    .realize = sh_realize,
    .free = sh_free,
    .info = sh_info,
    .spi_select = sh_select,
    .spi_transfer = sh_transfer,
    .no_checkpoint = "its devices are the host's",
};
DEV_TYPE(spi_host_type)
