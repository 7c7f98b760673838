/* The FE310 peripheral models on a bare machine (no CPU): register accesses through the
 * system bus at chosen simulated times, checked against the FE310-G002 manual.
 *   UART: a 10-bit frame takes 10 * (div + 1) bus-clock cycles (86.875 us at 16 MHz,
 *         div 138; 86.805 us when f_in / (div + 1) is exactly 115200), 2 stop bits add
 *         one bit time, the FIFO holds 8 bytes behind the shifter, watermarks, receive.
 *   GPIO: outside drive, input_en, rise/fall/high/low pendings (write 1 to clear), the
 *         per-pad interrupt lines, out_xor on the pad signal.
 *   AON:  RTC compare interrupt at the exact lfclk edge, watchdog key and feed.
 *   PWM:  zerocmp period and comparator edges on the output signal.
 *   PRCI: reset value, PLL lock delay, hfclk handed to a subscriber. */
#include <string.h>

#include "peripherals/sifive_gpio.h"
#include "peripherals/sifive_prci.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "soc/machine.h"
#include "tests/unit/check.h"

static struct machine m;
static uint8_t cap[64];
static sim_time_t cap_time[64];
static unsigned ncap;

static void cap_write(struct chardev *c, const uint8_t *buf, size_t n)
{
    (void)c;
    for (size_t i = 0; i < n && ncap < 64; i++) {
        cap_time[ncap] = sim_now(&m.sim);
        cap[ncap++] = buf[i];
    }
}

static struct chardev capdev = { .id = "cap", .write = cap_write };
static struct chardev capdev2 = { .id = "cap2", .write = cap_write };

static void advance(sim_time_t t)
{
    sim_fire_until(&m.sim, t);
    if (m.sim.now < t)
        m.sim.now = t;
}

static uint32_t rd(uint32_t a)
{
    uint32_t v = 0xdeadbeef;
    bus_read(m.sysbus, a, 4, &v);
    return v;
}

static void wr(uint32_t a, uint32_t v) { bus_write(m.sysbus, a, 4, v); }

static struct device *mk(const char *type, const struct kv *kv, size_t n)
{
    struct device *d = dev_create(&m, type, kv, n, "unit");
    if (!d)
        printf("FAIL create %s: %s\n", type, sim_err_msg());
    return d;
}

/* An IRQ output or pin of a device, by property name. */
static struct signal *out_sig(struct device *d, const char *prop)
{
    return &((struct irq_out *)((char *)d + dev_find_prop(d->type, prop)->offset))->sig;
}

/* Counts changes of a signal. */
struct watch {
    unsigned changes;
    bool level;
    sim_time_t last;
};

static void watch_fn(void *opaque, int n, bool level)
{
    struct watch *w = opaque;
    (void)n;
    w->changes++;
    w->level = level;
    w->last = sim_now(&m.sim);
}

#define UART 0x10013000u
#define UART2 0x10023000u
#define GPIO 0x10012000u
#define AON 0x10000000u
#define PWM 0x10015000u
#define PRCI 0x10008000u

static void test_uart(void)
{
    ncap = 0;
    wr(UART + 0x18, 138);
    wr(UART + 0x08, 1); /* txen */
    wr(UART + 0x00, 'A');
    wr(UART + 0x00, 'B');
    advance(86874999);
    CHECK_EQ("uart.tx.before.frame.end", ncap, 0);
    advance(86875000);
    CHECK_EQ("uart.tx.frame.86.875us", ncap, 1);
    CHECK_EQ("uart.tx.byte", cap[0], 'A');
    CHECK_EQ("uart.tx.frame.time", cap_time[0], 86875000);
    advance(200000000);
    CHECK_EQ("uart.tx.second.frame.173.75us", cap_time[1], 173750000);

    /* Two stop bits: 11 bit times. */
    wr(UART + 0x08, 1 | 2);
    wr(UART + 0x00, 'C');
    advance(400000000);
    CHECK_EQ("uart.tx.nstop2.95.5625us", cap_time[2] - 200000000, 95562500);
    wr(UART + 0x08, 1);

    /* FIFO: the shifter takes one byte at once, then 8 fit; the 10th write is dropped. */
    for (int i = 0; i < 9; i++)
        wr(UART + 0x00, '0' + i);
    CHECK_EQ("uart.txdata.full", rd(UART + 0x00) >> 31, 1);
    wr(UART + 0x00, 'X');
    advance(400000000 + 10 * 86875000ull);
    CHECK_EQ("uart.tx.9.bytes", ncap, 12);
    CHECK_EQ("uart.tx.last", cap[11], '8');
    CHECK_EQ("uart.txdata.not.full", rd(UART + 0x00), 0);

    /* Watermark: txwm pends while fewer than txcnt bytes wait. */
    wr(UART + 0x08, 1 | (2 << 16));
    CHECK_EQ("uart.ip.txwm", rd(UART + 0x14) & 1, 1);
    wr(UART + 0x08, 0 | (2 << 16)); /* tx disabled: bytes stay queued */
    wr(UART + 0x00, 'a');
    wr(UART + 0x00, 'b');
    CHECK_EQ("uart.ip.txwm.clear", rd(UART + 0x14) & 1, 0);
    wr(UART + 0x08, 1);

    /* Receive: a byte offered by the back end lands one frame later. */
    CHECK_EQ("uart.rx.disabled.refuses", capdev.fe.can_read(capdev.fe.opaque), 0);
    wr(UART + 0x0c, 1);
    CHECK_EQ("uart.rx.can.read", capdev.fe.can_read(capdev.fe.opaque), 1);
    sim_time_t t0 = m.sim.now;
    capdev.fe.read(capdev.fe.opaque, (const uint8_t *)"z", 1);
    CHECK_EQ("uart.rx.busy", capdev.fe.can_read(capdev.fe.opaque), 0);
    advance(t0 + 86874999);
    CHECK_EQ("uart.rxdata.empty", rd(UART + 0x04), 0x80000000u);
    advance(t0 + 86875000);
    CHECK_EQ("uart.ip.rxwm", rd(UART + 0x14) & 2, 2);
    CHECK_EQ("uart.rxdata", rd(UART + 0x04), 'z');
    CHECK_EQ("uart.rxdata.empty.again", rd(UART + 0x04), 0x80000000u);
    CHECK_EQ("uart.div.reads", rd(UART + 0x18), 138);
}

/* The tx pin carries the frame: start bit, 8 data bits LSB first, stop bit. */
static void test_uart_pin(struct device *uart)
{
    struct watch tx = { 0 };
    advance(m.sim.now + 4 * 86875000); /* let the bytes still queued go out */
    signal_listen(out_sig(uart, "tx"), watch_fn, &tx, 0);
    CHECK_EQ("uart.tx.pin.idle", tx.level, 1);
    unsigned c0 = tx.changes;
    sim_time_t t0 = m.sim.now;
    wr(UART + 0x00, 0x55); /* 1,0,1,0,1,0,1,0 after the start bit */
    CHECK_EQ("uart.tx.pin.start.bit", tx.level, 0);
    advance(t0 + 8687500 - 1);
    CHECK_EQ("uart.tx.pin.start.bit.holds", tx.changes - c0, 1);
    advance(t0 + 8687500);
    CHECK_EQ("uart.tx.pin.bit0", tx.level, 1);
    advance(t0 + 86875000);
    CHECK_EQ("uart.tx.pin.10.edges", tx.changes - c0, 10);
    CHECK_EQ("uart.tx.pin.stop.bit.at.9.bit.times", tx.last, t0 + 9 * 8687500);
    CHECK_EQ("uart.tx.pin.stop.level", tx.level, 1);
}

/* The brief's number: f_in / (div + 1) = 115200 exactly gives 86.805 us per byte. */
static void test_uart_115200(void)
{
    ncap = 0;
    sim_time_t t0 = m.sim.now;
    wr(UART2 + 0x18, 138);
    wr(UART2 + 0x08, 1);
    wr(UART2 + 0x00, 'Q');
    advance(t0 + SIM_MS);
    CHECK_EQ("uart.115200.frame.ps", cap_time[0] - t0, 86805555);
}

static void test_gpio(struct device *gpio)
{
    struct watch irq = { 0 }, pad7 = { 0 };
    /* irq line of pad 3 is linked nowhere here; watch it through its signal */
    signal_listen(out_sig(gpio, "irq3"), watch_fn, &irq, 0);
    signal_listen(sifive_gpio_pin(gpio, 7), watch_fn, &pad7, 0);
    unsigned base_changes = pad7.changes;

    sifive_gpio_drive(gpio, 3, 1);
    CHECK_EQ("gpio.input_val.disabled", rd(GPIO + 0x00), 0);
    wr(GPIO + 0x04, 1u << 3); /* input_en: input_val 0 -> 1 is a rising edge */
    CHECK_EQ("gpio.input_val", rd(GPIO + 0x00), 1u << 3);
    CHECK_EQ("gpio.rise_ip", rd(GPIO + 0x1c), 1u << 3);
    CHECK_EQ("gpio.high_ip", rd(GPIO + 0x2c) & (1u << 3), 1u << 3);
    CHECK_EQ("gpio.irq.off.without.ie", irq.level, 0);
    wr(GPIO + 0x18, 1u << 3); /* rise_ie */
    CHECK_EQ("gpio.irq.rise", irq.level, 1);
    wr(GPIO + 0x1c, 1u << 3); /* write 1 to clear */
    CHECK_EQ("gpio.rise_ip.w1c", rd(GPIO + 0x1c), 0);
    CHECK_EQ("gpio.irq.cleared", irq.level, 0);
    wr(GPIO + 0x2c, 1u << 3); /* high_ip re-asserts while the pad is high */
    CHECK_EQ("gpio.high_ip.level", rd(GPIO + 0x2c) & (1u << 3), 1u << 3);
    sifive_gpio_drive(gpio, 3, 0);
    CHECK_EQ("gpio.fall_ip", rd(GPIO + 0x24), 1u << 3);
    sifive_gpio_drive(gpio, 3, -1);

    /* Outputs: the pad signal follows output_val ^ out_xor while output_en. */
    wr(GPIO + 0x0c, 1u << 7);
    CHECK_EQ("gpio.pad.not.driven", pad7.changes, base_changes);
    wr(GPIO + 0x08, 1u << 7);
    CHECK_EQ("gpio.pad.high", pad7.level, 1);
    wr(GPIO + 0x40, 1u << 7);
    CHECK_EQ("gpio.pad.out_xor", pad7.level, 0);
    CHECK_EQ("gpio.pad.changes", pad7.changes, base_changes + 2);
    /* A byte write touches only its lane. */
    bus_write(m.sysbus, GPIO + 0x41, 1, 0xff);
    CHECK_EQ("gpio.byte.lane", rd(GPIO + 0x40), (1u << 7) | 0xff00);
}

static void test_aon(struct device *aon)
{
    struct watch rtc = { 0 };
    signal_listen(out_sig(aon, "rtc-irq"), watch_fn, &rtc, 0);
    /* Start the RTC at an lfclk edge: the count is whole lfclk cycles since time 0. */
    struct sim_clock lf;
    sim_clock_init(&lf, 32768);
    uint64_t c0 = sim_clock_to_cycles_ceil(&lf, m.sim.now);
    advance(sim_clock_to_time_ceil(&lf, c0));
    wr(AON + 0x60, 10);      /* rtccmp0 */
    wr(AON + 0x40, 1u << 12); /* rtcenalways, scale 0 */
    advance(sim_clock_to_time_ceil(&lf, c0 + 10) - 1);
    CHECK_EQ("aon.rtc.before.match", rtc.level, 0);
    CHECK_EQ("aon.rtcs.9", rd(AON + 0x50), 9);
    advance(sim_clock_to_time_ceil(&lf, c0 + 10));
    CHECK_EQ("aon.rtc.match.irq", rtc.level, 1);
    CHECK_EQ("aon.rtc.match.time", rtc.last, sim_clock_to_time_ceil(&lf, c0 + 10));
    CHECK_EQ("aon.rtccfg.ip", rd(AON + 0x40) >> 28 & 1, 1);
    wr(AON + 0x60, 100);
    CHECK_EQ("aon.rtc.cmp.clears", rtc.level, 0);

    /* Watchdog: locked writes are ignored; the key opens one write. */
    wr(AON + 0x20, 5);
    CHECK_EQ("aon.wdogcmp.locked", rd(AON + 0x20), 0xffff);
    wr(AON + 0x1c, 0x51f15e);
    CHECK_EQ("aon.wdogkey.unlocked", rd(AON + 0x1c), 1);
    wr(AON + 0x20, 5);
    CHECK_EQ("aon.wdogcmp.written", rd(AON + 0x20), 5);
    CHECK_EQ("aon.wdogkey.relocked", rd(AON + 0x1c), 0);
    wr(AON + 0x1c, 0x51f15e);
    wr(AON + 0x00, 1u << 12); /* enalways, scale 0, no reset */
    advance(m.sim.now + 3 * 30517579);
    uint32_t cnt = rd(AON + 0x08);
    CHECK("aon.wdogcount.counts", cnt >= 2 && cnt <= 3);
    wr(AON + 0x1c, 0x51f15e);
    wr(AON + 0x18, 0xd09f00d);
    CHECK_EQ("aon.wdogfeed", rd(AON + 0x08), 0);
    advance(m.sim.now + 6 * 30517579);
    CHECK_EQ("aon.wdog.ip", rd(AON + 0x00) >> 28 & 1, 1);
    CHECK_EQ("aon.pmucause.poweron", rd(AON + 0x144), 0);
}

static void test_pwm(struct device *pwm)
{
    struct watch out1 = { 0 };
    signal_listen(out_sig(pwm, "out1"), watch_fn, &out1, 0);
    wr(PWM + 0x20, 99);  /* period: 100 counts */
    wr(PWM + 0x24, 25);  /* out1 high for counts 25..99 */
    sim_time_t t0 = m.sim.now;
    wr(PWM + 0x00, (1u << 12) | (1u << 9)); /* enalways, zerocmp, scale 0 */
    unsigned c0 = out1.changes;
    advance(t0 + 62500ull * 25 - 1);
    CHECK_EQ("pwm.out1.low", out1.level, 0);
    advance(t0 + 62500ull * 25);
    CHECK_EQ("pwm.out1.rises.at.25", out1.level, 1);
    advance(t0 + 62500ull * 100);
    CHECK_EQ("pwm.out1.falls.at.restart", out1.level, 0);
    CHECK_EQ("pwm.out1.time", out1.last, t0 + 62500ull * 100);
    advance(t0 + 62500ull * 1000);
    CHECK_EQ("pwm.out1.20.edges.in.10.periods", out1.changes - c0, 20);
    CHECK_EQ("pwm.count.after.10.periods", rd(PWM + 0x08), 0);
    wr(PWM + 0x00, 0);
}

struct clk_probe {
    struct sim_clock_listener u;
    uint64_t hz;
};

static void probe_changed(struct sim_clock_listener *u, uint64_t hz)
{
    ((struct clk_probe *)u)->hz = hz;
}

static void test_prci(struct device *prci)
{
    struct clk_probe p = { .u.changed = probe_changed };
    CHECK_EQ("prci.hfclk.reset", sim_clock_domain_listen(dev_clock(prci), &p.u), 13800000);
    CHECK_EQ("prci.hfrosccfg.reset", rd(PRCI + 0x00), 0xc0100004u);
    CHECK_EQ("prci.pllcfg.reset", rd(PRCI + 0x08) & 0x7fffffff, 0x00060df1u);
    CHECK_EQ("prci.plloutdiv.reset", rd(PRCI + 0x0c), 0x100);
    /* PLL from the 16 MHz crystal: r=1 (8 MHz), f=39 (x80), q=1 (/2) = 320 MHz */
    sim_time_t t0 = m.sim.now;
    wr(PRCI + 0x08, (1u << 17) | 1 | (39u << 4) | (1u << 10));
    CHECK_EQ("prci.pll.unlocked", rd(PRCI + 0x08) >> 31, 0);
    advance(t0 + 100 * SIM_US);
    CHECK_EQ("prci.pll.locked.after.100us", rd(PRCI + 0x08) >> 31, 1);
    CHECK_EQ("prci.hfclk.still.rosc", p.hz, 0);
    wr(PRCI + 0x08, rd(PRCI + 0x08) | (1u << 16));
    CHECK_EQ("prci.hfclk.320MHz", p.hz, 320000000);
    wr(PRCI + 0x0c, 1); /* divide by 2 * (1 + 1) */
    CHECK_EQ("prci.hfclk.outdiv4", p.hz, 80000000);
}

int main(void)
{
    machine_init(&m);
    capdev2.next = m.chardevs;
    capdev.next = &capdev2;
    m.chardevs = &capdev;
    struct kv uart[] = { { "id", "uart0" }, { "addr", "0x10013000" }, { "chardev", "cap" },
                         { "clk-freq", "16MHz" } };
    struct kv uart2[] = { { "id", "uart1" }, { "addr", "0x10023000" }, { "chardev", "cap2" },
                          { "clk-freq", "16012800Hz" } };
    struct kv gpio[] = { { "id", "gpio0" }, { "addr", "0x10012000" } };
    struct kv aon[] = { { "id", "aon" }, { "addr", "0x10000000" } };
    struct kv pwm[] = { { "id", "pwm0" }, { "addr", "0x10015000" }, { "cmp-width", "8" },
                        { "clk-freq", "16MHz" } };
    struct kv prci[] = { { "id", "prci" }, { "addr", "0x10008000" } };
    struct device *du = mk("sifive-uart", uart, ARRAY_SIZE(uart));
    struct device *du2 = mk("sifive-uart", uart2, ARRAY_SIZE(uart2));
    struct device *dg = mk("sifive-gpio", gpio, ARRAY_SIZE(gpio));
    struct device *da = mk("sifive-aon", aon, ARRAY_SIZE(aon));
    struct device *dp = mk("sifive-pwm", pwm, ARRAY_SIZE(pwm));
    struct device *dc = mk("sifive-prci", prci, ARRAY_SIZE(prci));
    if (!du || !du2 || !dg || !da || !dp || !dc || machine_finalize(&m)) {
        printf("FAIL hifive1.setup: %s\n", sim_err_msg());
        return 1;
    }
    test_uart();
    test_uart_pin(du);
    test_uart_115200();
    test_gpio(dg);
    test_aon(da);
    test_pwm(dp);
    test_prci(dc);
    m.chardevs = capdev2.next;
    machine_free(&m);
    return check_failures ? 1 : 0;
}
