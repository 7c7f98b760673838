/* Unit test of the serial devices on a bare machine (no CPU): register reset values, frame
 * and byte timing to the picosecond, chip-select modes, FIFO limits, flash commands and
 * their busy times, the XIP window and the loader path into it, the I2C master with the
 * EEPROM's write cycle and the sensor.  Prints one PASS/FAIL line per check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peripherals/i2c_temp.h"
#include "sim/error.h"
#include "sim/sim.h"
#include "soc/bus.h"
#include "soc/device.h"
#include "soc/machine.h"

static int failures;

#define CHECK_EQ(name, want, got)                                                          \
    do {                                                                                   \
        unsigned long long w_ = (unsigned long long)(want), g_ = (unsigned long long)(got); \
        if (w_ == g_)                                                                      \
            printf("PASS spi_i2c.%s\n", name);                                            \
        else {                                                                             \
            printf("FAIL spi_i2c.%s: got 0x%llx (%llu), expected 0x%llx (%llu)\n", name,   \
                   g_, g_, w_, w_);                                                        \
            failures++;                                                                    \
        }                                                                                  \
    } while (0)

static struct machine m;

#define SPI 0x10014000u
#define I2C 0x10016000u
#define XIP 0x20000000u

static uint32_t rd(uint32_t addr)
{
    uint32_t v = 0xdeadbeef;
    if (bus_read(m.sysbus, addr, 4, &v) != BUS_OK)
        return 0xbad0bad0;
    return v;
}

static void wr(uint32_t addr, uint32_t v)
{
    if (bus_write(m.sysbus, addr, 4, v) != BUS_OK)
        printf("FAIL spi_i2c: write 0x%08x faulted\n", addr), failures++;
}

/* Fire what is due up to t and stand the kernel at t (no processor: kernel time is now). */
static void run_to(sim_time_t t)
{
    sim_fire_until(&m.sim, t);
    m.sim.now = t;
}

static struct device *create(const char *type, const struct kv *kv, size_t n)
{
    struct device *d = dev_create(&m, type, kv, n, "spi_i2c test");
    if (!d) {
        printf("FAIL spi_i2c: creating %s: %s\n", type, sim_err_msg());
        exit(1);
    }
    return d;
}

static bool irq_level;
static void irq_seen(void *opaque, int n, bool level)
{
    (void)opaque, (void)n;
    irq_level = level;
}

static void listen_irq(struct device *d)
{
    const struct dev_prop *p = dev_find_prop(d->type, "irq");
    struct irq_out *o = (struct irq_out *)((char *)d + p->offset);
    signal_listen(&o->sig, irq_seen, NULL, 0);
}

/* Send bytes under HOLD (one command), return the received bytes; time advances frame by
 * frame through the events. */
static void spi_cmd(const uint8_t *tx, int n, uint8_t *rx)
{
    wr(SPI + 0x18, 2); /* HOLD */
    for (int i = 0; i < n; i++) {
        wr(SPI + 0x48, tx[i]);
        uint32_t v;
        while ((v = rd(SPI + 0x4c)) & 0x80000000u)
            run_to(sim_next_event_time(&m.sim));
        if (rx)
            rx[i] = (uint8_t)v;
    }
    wr(SPI + 0x18, 0); /* AUTO: CS goes high now */
}

/* One frame without touching csmode; returns the received byte. */
static uint8_t spi_frame(uint8_t b)
{
    uint32_t v;
    wr(SPI + 0x48, b);
    while ((v = rd(SPI + 0x4c)) & 0x80000000u)
        run_to(sim_next_event_time(&m.sim));
    return (uint8_t)v;
}

static uint8_t rdsr(void)
{
    uint8_t tx[2] = {0x05, 0}, rx[2];
    spi_cmd(tx, 2, rx);
    return rx[1];
}

static struct device *spi, *i2c, *temp;

/* Everything is created before the machine is finalized (links wired, devices reset). */
static void setup(void)
{
    struct kv spi_kv[] = {{"id", "qspi0"}, {"addr", "0x10014000"},
                          {"clock-frequency", "16MHz"}, {"xip-base", "0x20000000"},
                          {"xip-size", "512M"}};
    spi = create("sifive-spi", spi_kv, 5);
    struct kv fl_kv[] = {{"bus", "qspi0.0"}, {"addr", "0"}, {"size", "1M"}};
    create("spi-flash", fl_kv, 3);
    struct kv i2c_kv[] = {{"id", "i2c0"}, {"addr", "0x10016000"},
                          {"clock-frequency", "16MHz"}};
    i2c = create("sifive-i2c", i2c_kv, 3);
    struct kv ee_kv[] = {{"bus", "i2c0.0"}, {"addr", "0x50"}, {"size", "256"}};
    create("i2c-eeprom", ee_kv, 3);
    struct kv ee2_kv[] = {{"bus", "i2c0.0"}, {"addr", "0x52"}, {"size", "4K"}};
    create("i2c-eeprom", ee2_kv, 3);
    struct kv t_kv[] = {{"bus", "i2c0.0"}, {"addr", "0x48"}, {"temperature", "-12500"}};
    temp = create("i2c-temp", t_kv, 3);
    if (machine_finalize(&m)) {
        printf("FAIL spi_i2c: finalize: %s\n", sim_err_msg());
        exit(1);
    }
}

static void test_spi(void)
{
    irq_level = false;
    listen_irq(spi);

    /* Reset values (FE310-G002 manual, SPI register descriptions). */
    CHECK_EQ("spi.reset.sckdiv", 3, rd(SPI + 0x00));
    CHECK_EQ("spi.reset.csdef", 1, rd(SPI + 0x14));
    CHECK_EQ("spi.reset.delay0", 0x00010001, rd(SPI + 0x28));
    CHECK_EQ("spi.reset.delay1", 0x00000001, rd(SPI + 0x2c));
    CHECK_EQ("spi.reset.fmt", 0x00080000, rd(SPI + 0x40));
    CHECK_EQ("spi.reset.fctrl", 1, rd(SPI + 0x60));
    CHECK_EQ("spi.reset.ffmt", 0x00030007, rd(SPI + 0x64));
    CHECK_EQ("spi.reset.ip", 1, rd(SPI + 0x74)); /* txwm: 0 entries < txmark 1 */
    CHECK_EQ("spi.reset.rxdata_empty", 0x80000000u, rd(SPI + 0x4c));

    /* With the flash interface on, the FIFO does not run. */
    wr(SPI + 0x48, 0x9f);
    CHECK_EQ("spi.fctrl_en_blocks_fifo", SIM_TIME_MAX, sim_next_event_time(&m.sim));
    /* Programmed I/O: sckdiv 3 at 16 MHz is a 500 ns SCK; AUTO: cssck 1 + 8 bits + sckcs 1 */
    wr(SPI + 0x60, 0);
    CHECK_EQ("spi.auto_frame_end_ps", 5000000, sim_next_event_time(&m.sim));
    run_to(4999999);
    CHECK_EQ("spi.rx_empty_before_end", 0x80000000u, rd(SPI + 0x4c));
    run_to(5000000);
    CHECK_EQ("spi.rx_after_end", 0xff, rd(SPI + 0x4c));

    /* JEDEC ID under HOLD from t = 10 us: frames of 9, 8, 8, 8 SCK (interxfr 0). */
    run_to(10000000);
    wr(SPI + 0x18, 2);
    wr(SPI + 0x48, 0x9f);
    wr(SPI + 0x48, 0);
    wr(SPI + 0x48, 0);
    wr(SPI + 0x48, 0);
    CHECK_EQ("spi.hold_frame1_end_ps", 14500000, sim_next_event_time(&m.sim));
    run_to(26499999);
    CHECK_EQ("spi.hold_3_frames_by_26.5us", 0xff, rd(SPI + 0x4c));
    CHECK_EQ("spi.jedec_1", 0x9d, rd(SPI + 0x4c));
    CHECK_EQ("spi.jedec_2", 0x60, rd(SPI + 0x4c));
    CHECK_EQ("spi.jedec_3_not_yet", 0x80000000u, rd(SPI + 0x4c));
    run_to(26500000);
    CHECK_EQ("spi.jedec_3", 0x18, rd(SPI + 0x4c));
    wr(SPI + 0x18, 0);

    /* FIFO depth 8: with one frame in the shifter, 8 more fit and the 10th is dropped. */
    wr(SPI + 0x40, 0x00080008); /* dir = Tx: nothing received */
    for (int i = 0; i < 8; i++)
        wr(SPI + 0x48, 0);
    CHECK_EQ("spi.txdata_not_full_at_8", 0, rd(SPI + 0x48));
    wr(SPI + 0x48, 0);
    CHECK_EQ("spi.txdata_full_at_9", 0x80000000u, rd(SPI + 0x48));
    wr(SPI + 0x48, 0); /* dropped */
    /* 9 AUTO frames of 10 SCK (5 us) + intercs 1 SCK from 26.5 us: the 9th leaves the FIFO
     * (txwm: 0 entries < txmark 1) at 26.5 + 8 * 5.5 = 70.5 us and ends at 75.5 us. */
    run_to(70499999);
    CHECK_EQ("spi.txwm_clear_while_queued", 0, rd(SPI + 0x74) & 1);
    run_to(70500000);
    CHECK_EQ("spi.txwm_set_when_fifo_empties", 1, rd(SPI + 0x74) & 1);
    CHECK_EQ("spi.last_frame_end_ps", 75500000, sim_next_event_time(&m.sim));
    run_to(75500000);
    CHECK_EQ("spi.idle_after_last", SIM_TIME_MAX, sim_next_event_time(&m.sim));
    CHECK_EQ("spi.rx_not_written_dir_tx", 0x80000000u, rd(SPI + 0x4c));
    wr(SPI + 0x40, 0x00080000);

    /* Watermark interrupt: rxmark 0, ie.rxwm: one received frame raises the line. */
    wr(SPI + 0x00, 0); /* 125 ns SCK */
    wr(SPI + 0x70, 2);
    CHECK_EQ("spi.irq_low", 0, irq_level);
    wr(SPI + 0x48, 0x05);
    while (!(rd(SPI + 0x74) & 2))
        run_to(sim_next_event_time(&m.sim));
    CHECK_EQ("spi.irq_rxwm_high", 1, irq_level);
    rd(SPI + 0x4c);
    CHECK_EQ("spi.irq_low_after_read", 0, irq_level);
    wr(SPI + 0x70, 0);

    /* Flash: status, write enable, sector erase busy for exactly 70 ms. */
    CHECK_EQ("flash.status_idle", 0x00, rdsr());
    uint8_t wren = 0x06;
    spi_cmd(&wren, 1, NULL);
    CHECK_EQ("flash.status_wel", 0x02, rdsr());
    uint8_t se[4] = {0x20, 0x00, 0x10, 0x00};
    spi_cmd(se, 4, NULL);
    sim_time_t t_erase = m.sim.now;
    CHECK_EQ("flash.status_erasing", 0x03, rdsr());
    /* The status byte is sampled at the end of its frame, 2.125 us after the read starts. */
    run_to(t_erase + 70 * SIM_MS - 3 * SIM_US);
    CHECK_EQ("flash.status_erasing_until_70ms", 0x03, rdsr());
    run_to(t_erase + 70 * SIM_MS);
    CHECK_EQ("flash.status_done_at_70ms", 0x00, rdsr());
    /* Page program wrapping in its page: 4 bytes at 0x10fe land at 0x10fe, 0x10ff, 0x1000,
     * 0x1001; busy 200 us. */
    spi_cmd(&wren, 1, NULL);
    uint8_t pp[8] = {0x02, 0x00, 0x10, 0xfe, 0x11, 0x22, 0x33, 0x44};
    spi_cmd(pp, 8, NULL);
    sim_time_t t_pp = m.sim.now;
    run_to(t_pp + 200 * SIM_US - 3 * SIM_US);
    CHECK_EQ("flash.programming", 0x03, rdsr());
    run_to(t_pp + 200 * SIM_US);
    CHECK_EQ("flash.programmed", 0x00, rdsr());
    uint32_t w;
    bus_read(m.sysbus, XIP + 0x1000, 4, &w);
    CHECK_EQ("flash.xip_wrapped_bytes", 0xffff4433u, w);
    bus_read(m.sysbus, XIP + 0x10fc, 4, &w);
    CHECK_EQ("flash.xip_page_end", 0x2211ffffu, w);
    CHECK_EQ("flash.xip_store_faults", BUS_FAULT, bus_write(m.sysbus, XIP, 4, 0));
    CHECK_EQ("flash.xip_ends_at_flash_size", BUS_FAULT,
             bus_read(m.sysbus, XIP + (1u << 20), 4, &w));

    /* The loader writes into the flash contents; SPI READ sees them. */
    static const uint8_t img[4] = {0xde, 0xc0, 0xad, 0x0b};
    CHECK_EQ("flash.bus_load", 4, bus_load(m.sysbus, XIP + 0x2000, img, 4));
    uint8_t rdc[8] = {0x03, 0x00, 0x20, 0x00}, rx[8];
    spi_cmd(rdc, 8, rx);
    CHECK_EQ("flash.read_loaded", 0xdec0ad0bu,
             (uint32_t)rx[4] << 24 | rx[5] << 16 | rx[6] << 8 | rx[7]);
    /* FAST READ: one dummy byte, then data. */
    uint8_t frc[7] = {0x0b, 0x00, 0x20, 0x01, 0x00};
    spi_cmd(frc, 7, rx);
    CHECK_EQ("flash.fast_read", 0xc0ad, rx[5] << 8 | rx[6]);

    /* Block protection: BP0 protects the top 64 KiB; a program there is ignored. */
    spi_cmd(&wren, 1, NULL);
    uint8_t wrsr[2] = {0x01, 0x04};
    spi_cmd(wrsr, 2, NULL);
    run_to(m.sim.now + 2 * SIM_MS);
    CHECK_EQ("flash.bp0_set", 0x04, rdsr());
    spi_cmd(&wren, 1, NULL);
    uint8_t ppt[5] = {0x02, 0x0f, 0xff, 0x00, 0x00};
    spi_cmd(ppt, 5, NULL);
    CHECK_EQ("flash.protected_program_ignored", 0x06, rdsr());
    bus_read(m.sysbus, XIP + 0xfff00, 4, &w);
    CHECK_EQ("flash.protected_unchanged", 0xffffffffu, w);
    uint8_t ce = 0xc7;
    spi_cmd(&ce, 1, NULL);
    CHECK_EQ("flash.chip_erase_refused_with_bp", 0x06, rdsr());

    /* csmode OFF: the hardware leaves CS alone and the line follows csdef, so software
     * selects the flash by writing csdef = 0 (low) and deselects it with 1. */
    wr(SPI + 0x18, 3);
    uint32_t id = 0;
    for (int i = 0; i < 4; i++)
        id = id << 8 | spi_frame(i ? 0 : 0x9f);
    CHECK_EQ("spi.csmode_off_not_selected", 0xffffffffu, id);
    wr(SPI + 0x14, 0);
    id = 0;
    for (int i = 0; i < 4; i++)
        id = id << 8 | spi_frame(i ? 0 : 0x9f);
    wr(SPI + 0x14, 1);
    CHECK_EQ("spi.csmode_off_manual_cs_jedec", 0xff9d6018u, id);
    wr(SPI + 0x18, 0);
}

/* One command; waits for TIP, or for Busy to clear after a STOP on its own. */
static uint32_t i2c_cmd(uint8_t txr, uint32_t cr)
{
    uint32_t wait = (cr & 0x30) ? 0x02 : (cr & 0x40) ? 0x40 : 0;
    wr(I2C + 0x0c, txr);
    wr(I2C + 0x10, cr);
    while (rd(I2C + 0x10) & wait)
        run_to(sim_next_event_time(&m.sim));
    return rd(I2C + 0x10);
}

static void test_i2c(void)
{
    irq_level = false;
    listen_irq(i2c);
    CHECK_EQ("i2c.reset.prerlo", 0xff, rd(I2C + 0x00));
    CHECK_EQ("i2c.reset.prerhi", 0xff, rd(I2C + 0x04));
    CHECK_EQ("i2c.reset.ctr", 0, rd(I2C + 0x08));
    CHECK_EQ("i2c.reset.sr", 0, rd(I2C + 0x10));

    /* prescale 31 at 16 MHz: SCL period 5 * 32 cycles = 10 us; START + byte = 100 us. */
    wr(I2C + 0x00, 31);
    wr(I2C + 0x04, 0);
    wr(I2C + 0x08, 0xc0); /* EN, IEN */
    wr(I2C + 0x00, 7);    /* ignored while enabled */
    CHECK_EQ("i2c.prer_locked_when_enabled", 31, rd(I2C + 0x00));
    sim_time_t t0 = m.sim.now;
    wr(I2C + 0x0c, 0x50 << 1);
    wr(I2C + 0x10, 0x90); /* STA | WR */
    CHECK_EQ("i2c.tip_busy", 0x42, rd(I2C + 0x10));
    CHECK_EQ("i2c.byte_time_ps", t0 + 100 * SIM_US, sim_next_event_time(&m.sim));
    run_to(t0 + 100 * SIM_US);
    CHECK_EQ("i2c.addr_acked_if", 0x41, rd(I2C + 0x10));
    CHECK_EQ("i2c.irq_if_ien", 1, irq_level);
    wr(I2C + 0x10, 0x01); /* IACK */
    CHECK_EQ("i2c.iack_clears", 0, irq_level);

    /* EEPROM: write 0x5a at 0x10, then the 5 ms write cycle NACKs the address. */
    i2c_cmd(0x10, 0x10);
    uint32_t sr = i2c_cmd(0x5a, 0x50); /* WR | STO */
    sim_time_t t_stop = m.sim.now;
    CHECK_EQ("i2c.stop_clears_busy", 0, sr & 0x40);
    CHECK_EQ("ee.nack_while_writing", 0x80, i2c_cmd(0x50 << 1, 0x90) & 0x80);
    i2c_cmd(0, 0x40);
    run_to(t_stop + 5 * SIM_MS - 100 * SIM_US - 1);
    CHECK_EQ("ee.nack_until_5ms", 0x80, i2c_cmd(0x50 << 1, 0x90) & 0x80);
    i2c_cmd(0, 0x40);
    run_to(t_stop + 5 * SIM_MS - 100 * SIM_US);
    CHECK_EQ("ee.ack_at_5ms", 0, i2c_cmd(0x50 << 1, 0x90) & 0x80);
    i2c_cmd(0x10, 0x10);
    i2c_cmd(0x50 << 1 | 1, 0x90);
    i2c_cmd(0, 0x20);
    CHECK_EQ("ee.read_back", 0x5a, rd(I2C + 0x0c));
    i2c_cmd(0, 0x28 | 0x40);
    CHECK_EQ("ee.sequential", 0xff, rd(I2C + 0x0c));

    /* 24C32: two address bytes, 32-byte pages: 3 bytes at 0xffe wrap to 0xfe0. */
    i2c_cmd(0x52 << 1, 0x90);
    i2c_cmd(0x0f, 0x10);
    i2c_cmd(0xfe, 0x10);
    i2c_cmd(0xa1, 0x10);
    i2c_cmd(0xa2, 0x10);
    i2c_cmd(0xa3, 0x50);
    run_to(m.sim.now + 5 * SIM_MS);
    i2c_cmd(0x52 << 1, 0x90);
    i2c_cmd(0x0f, 0x10);
    i2c_cmd(0xe0, 0x10);
    i2c_cmd(0x52 << 1 | 1, 0x90);
    i2c_cmd(0, 0x20);
    CHECK_EQ("ee32.page_wrapped", 0xa3, rd(I2C + 0x0c));
    i2c_cmd(0, 0x68);
    i2c_cmd(0x52 << 1, 0x90);
    i2c_cmd(0x0f, 0x10);
    i2c_cmd(0xfe, 0x10);
    i2c_cmd(0x52 << 1 | 1, 0x90);
    uint32_t b0, b1, b2;
    i2c_cmd(0, 0x20);
    b0 = rd(I2C + 0x0c);
    i2c_cmd(0, 0x20);
    b1 = rd(I2C + 0x0c);
    i2c_cmd(0, 0x68);
    b2 = rd(I2C + 0x0c);
    /* Sequential read rolls over from the last byte to the first (erased: 0xff). */
    CHECK_EQ("ee32.sequential_rollover", 0xa1a2ff, b0 << 16 | b1 << 8 | b2);

    CHECK_EQ("i2c.nobody_nack", 0x80, i2c_cmd(0x51 << 1, 0x90) & 0x80);
    i2c_cmd(0, 0x40);

    /* Sensor: -12.5 degrees = -200 steps of 1/16 = 0xf380 left-justified. */
    i2c_cmd(0x48 << 1, 0x90);
    i2c_cmd(0x00, 0x10);
    i2c_cmd(0x48 << 1 | 1, 0x90);
    i2c_cmd(0, 0x20);
    uint32_t hi = rd(I2C + 0x0c);
    i2c_cmd(0, 0x68);
    CHECK_EQ("temp.reading", 0xf380, hi << 8 | rd(I2C + 0x0c));
    i2c_temp_set(temp, 100000); /* 100 degrees: 1600 steps = 0x640 -> 0x6400 */
    i2c_cmd(0x48 << 1 | 1, 0x90);
    i2c_cmd(0, 0x20);
    hi = rd(I2C + 0x0c);
    i2c_cmd(0, 0x68);
    CHECK_EQ("temp.set_from_c", 0x6400, hi << 8 | rd(I2C + 0x0c));
    char buf[32];
    dev_format_prop(temp, dev_find_prop(temp->type, "temperature"), buf, sizeof buf);
    CHECK_EQ("temp.property_follows", 0, strcmp(buf, "100000"));
}

int main(void)
{
    machine_init(&m);
    setup();
    test_spi();
    test_i2c();
    machine_free(&m);
    return failures ? 1 : 0;
}
