/* Every register of the FE310-G002's PLIC (manual v19p05 chapter 11; RISC-V PLIC
 * specification 1.0.0), read back and printed: priorities (3 bits, WARL, source 0 and
 * sources past 52 read 0), the pending array (read-only, bit 0 hardwired to 0, a level
 * request latched by the gateway until it is claimed), the enables (bit 0 and bits past
 * source 52 hardwired to 0), the threshold (3 bits, WARL) and claim/complete, with sources
 * below, at and above the threshold.  The claim is not affected by the threshold (spec,
 * "Interrupt Claim Process"); a priority-0 source never interrupts and is never claimed.
 * The same ELF runs on QEMU's sifive_e (tests/hifive1/plic_regs.sh) where its PLIC
 * follows the spec; the lines where QEMU 7.2 does not are listed there with the reason.
 *
 * Sources are raised through devices both machines model: GPIO pads 0-4 driven high by
 * their own output with the high interrupt enabled (sources 8-12) and UART1's txwm
 * (source 4).  Each section starts from a clean PLIC: every source low and claimed. */
#include "lib.h"

#define SRC_UART1 INT_UART1_BASE
#define SRC_PAD(n) (INT_GPIO_BASE + (n))

static void wr(uint32_t off, uint32_t v)
{
    PLIC_REG(off) = v;
}
static uint32_t rd(uint32_t off)
{
    return PLIC_REG(off);
}
static uint32_t prio_off(unsigned src)
{
    return PLIC_PRIORITY_OFFSET + 4 * src;
}

static unsigned meip(void)
{
    uint32_t v;
    __asm__ volatile("csrr %0, mip" : "=r"(v));
    return (v >> 11) & 1;
}

/* Drive source `src`'s interrupt line high (on) or low through its device. */
static void line(unsigned src, int on)
{
    if (src == SRC_UART1) {
        UART1_REG(UART_REG_TXCTRL) = UART_TXEN | UART_TXWM(1); /* txwm: FIFO below 1 entry */
        UART1_REG(UART_REG_IE) = on ? UART_IP_TXWM : 0;
        return;
    }
    uint32_t bit = 1u << (src - INT_GPIO_BASE);
    if (on) {
        GPIO_REG(GPIO_OUTPUT_VAL) |= bit;
        GPIO_REG(GPIO_OUTPUT_EN) |= bit;
        GPIO_REG(GPIO_INPUT_EN) |= bit;
        GPIO_REG(GPIO_HIGH_IE) |= bit;
    } else {
        GPIO_REG(GPIO_HIGH_IE) &= ~bit;
        GPIO_REG(GPIO_OUTPUT_VAL) &= ~bit;
        GPIO_REG(GPIO_HIGH_IP) = bit;
        GPIO_REG(GPIO_RISE_IP) = bit;
    }
}

static const unsigned test_src[] = {SRC_UART1,  SRC_PAD(0), SRC_PAD(1),
                                    SRC_PAD(2), SRC_PAD(3), SRC_PAD(4)};
#define NSRC (sizeof(test_src) / sizeof(test_src[0]))

/* Every test source low, claimed and completed; threshold 0, priorities 0, enables 0.
 * Claims are repeated: on QEMU a source can request again while claimed. */
static void clean(void)
{
    wr(PLIC_THRESHOLD_OFFSET, 0);
    for (unsigned i = 0; i < NSRC; i++) {
        line(test_src[i], 0);
        wr(prio_off(test_src[i]), 1);
    }
    wr(PLIC_ENABLE_OFFSET, 0xffffffff);
    wr(PLIC_ENABLE_OFFSET + 4, 0xffffffff);
    for (int round = 0; round < 3; round++) {
        uint32_t n;
        while ((n = rd(PLIC_CLAIM_OFFSET)) != 0)
            wr(PLIC_CLAIM_OFFSET, n);
        for (unsigned i = 0; i < NSRC; i++) /* also what a section left claimed */
            wr(PLIC_CLAIM_OFFSET, test_src[i]);
    }
    wr(PLIC_ENABLE_OFFSET, 0);
    wr(PLIC_ENABLE_OFFSET + 4, 0);
    for (unsigned i = 0; i < NSRC; i++)
        wr(prio_off(test_src[i]), 0);
}

static void show_pending(const char *key)
{
    printf("%s: pending 0x%08x 0x%08x, meip %u\n", key, rd(PLIC_PENDING_OFFSET),
           rd(PLIC_PENDING_OFFSET + 4), meip());
}

static void show_claim(const char *key)
{
    uint32_t n = rd(PLIC_CLAIM_OFFSET);
    printf("%s: claim %u, then pending 0x%08x, meip %u\n", key, n, rd(PLIC_PENDING_OFFSET), meip());
}

static void warl(const char *key, uint32_t off, uint32_t v)
{
    wr(off, v);
    printf("%s: wrote 0x%x, reads 0x%x\n", key, v, rd(off));
}

/* The PWMs' comparators out of reach of their stopped counts (their interrupt lines are
 * high at reset on socsim), then every source claimed and completed. */
static void quiet_start(void)
{
    static const uint32_t pwm[3] = {PWM0_CTRL_ADDR, PWM1_CTRL_ADDR, PWM2_CTRL_ADDR};
    for (unsigned n = 0; n < 3; n++)
        for (unsigned i = 0; i < 4; i++)
            _REG32(pwm[n], PWM_CMP0 + 4 * i) = 0xffff;
    for (unsigned src = 1; src <= PLIC_NUM_INTERRUPTS; src++)
        wr(prio_off(src), 1);
    clean();
    for (unsigned src = 1; src <= PLIC_NUM_INTERRUPTS; src++)
        wr(prio_off(src), 0);
}

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    quiet_start();

    /* Priorities: 3 bits (manual 11.3); source 0 does not exist, nor do sources past 52. */
    warl("priority 0", prio_off(0), 7);
    warl("priority 1", prio_off(1), 0xffffffff);
    warl("priority 9", prio_off(9), 5);
    warl("priority 52", prio_off(52), 0xfffffffa);
    warl("priority 53", prio_off(53), 7);
    for (unsigned s = 0; s <= 53; s++)
        wr(prio_off(s), 0);

    /* Threshold: 3 bits, WARL (manual 11.6). */
    warl("threshold all ones", PLIC_THRESHOLD_OFFSET, 0xffffffff);
    warl("threshold 3", PLIC_THRESHOLD_OFFSET, 3);
    wr(PLIC_THRESHOLD_OFFSET, 0);

    /* Enables: bit 0 (source 0) and the bits past source 52 are hardwired to 0 (11.5). */
    warl("enable word 0", PLIC_ENABLE_OFFSET, 0xffffffff);
    warl("enable word 1", PLIC_ENABLE_OFFSET + 4, 0xffffffff);
    wr(PLIC_ENABLE_OFFSET, 0);
    wr(PLIC_ENABLE_OFFSET + 4, 0);

    /* Pending: read-only (11.4); a claim with nothing pending returns 0 (11.7). */
    show_pending("quiet");
    wr(PLIC_PENDING_OFFSET, 0xffffffff);
    wr(PLIC_PENDING_OFFSET + 4, 0xffffffff);
    show_pending("pending written with ones");
    show_claim("nothing pending");

    /* Sources below, at and above the threshold, one of priority 0 and one not enabled:
     * each request is latched (pending 1 whatever the priority, threshold or enable: the
     * threshold only masks the notification); meip follows the one above the threshold. */
    clean();
    wr(PLIC_THRESHOLD_OFFSET, 2);
    wr(prio_off(SRC_PAD(0)), 1); /* below */
    wr(prio_off(SRC_PAD(1)), 2); /* at */
    wr(prio_off(SRC_PAD(2)), 3); /* above */
    wr(prio_off(SRC_PAD(3)), 0); /* never */
    wr(prio_off(SRC_PAD(4)), 3); /* not enabled */
    wr(PLIC_ENABLE_OFFSET, 0xf << SRC_PAD(0));
    line(SRC_PAD(0), 1);
    line(SRC_PAD(1), 1);
    show_pending("threshold 2, priorities 1 and 2 raised");
    line(SRC_PAD(3), 1);
    line(SRC_PAD(4), 1);
    show_pending("priority 0 and a disabled source raised");
    line(SRC_PAD(2), 1);
    show_pending("priority 3 raised");
    wr(PLIC_THRESHOLD_OFFSET, 3);
    show_pending("threshold 3");
    wr(PLIC_THRESHOLD_OFFSET, 2);
    show_pending("threshold 2 again");
    /* The claim takes the highest priority, then the lower ones: the threshold does not
     * apply to it (spec, "Interrupt Claim Process"); priority 0 and the disabled source
     * are never claimed. */
    show_claim("claim 1");
    show_claim("claim 2");
    show_claim("claim 3");
    show_claim("claim 4");
    /* Completion while the lines are still high: each source requests again. */
    wr(PLIC_CLAIM_OFFSET, SRC_PAD(0));
    show_pending("complete 8, line high");
    wr(PLIC_CLAIM_OFFSET, SRC_PAD(1));
    show_pending("complete 9, line high");
    wr(PLIC_CLAIM_OFFSET, SRC_PAD(2));
    show_pending("complete 10, line high");

    /* Ties: equal priorities are claimed lowest id first (11.3). */
    clean();
    for (unsigned p = 0; p < 3; p++) {
        wr(prio_off(SRC_PAD(p)), 4);
        line(SRC_PAD(p), 1);
    }
    wr(PLIC_ENABLE_OFFSET, 7 << SRC_PAD(0));
    wr(prio_off(SRC_PAD(2)), 5);
    printf("ties: pads 0-2 at priority 4, pad 2 at 5: claims %u", rd(PLIC_CLAIM_OFFSET));
    printf(" %u", rd(PLIC_CLAIM_OFFSET));
    printf(" %u", rd(PLIC_CLAIM_OFFSET));
    printf(" %u\n", rd(PLIC_CLAIM_OFFSET));

    /* The gateway (spec, "Interrupt Gateways"): a level request stays pending after the
     * line drops until it is claimed; while claimed, the source does not request again
     * until completed; a line that dropped before the completion does not request again. */
    clean();
    wr(prio_off(SRC_UART1), 1);
    wr(PLIC_ENABLE_OFFSET, 1u << SRC_UART1);
    line(SRC_UART1, 1);
    show_pending("uart1 raised");
    line(SRC_UART1, 0);
    show_pending("uart1 lowered before the claim");
    show_claim("uart1 claim 1");
    line(SRC_UART1, 1);
    show_pending("uart1 raised while claimed");
    line(SRC_UART1, 0);
    wr(PLIC_CLAIM_OFFSET, SRC_UART1);
    show_pending("uart1 lowered, then completed");
    show_claim("uart1 claim 2");

    /* Completion (11.8): an id that is not enabled is ignored, so the source stays
     * claimed; once enabled again the completion takes. */
    clean();
    wr(prio_off(SRC_PAD(0)), 1);
    wr(PLIC_ENABLE_OFFSET, 1u << SRC_PAD(0));
    line(SRC_PAD(0), 1);
    show_claim("pad 0 claim");
    wr(PLIC_ENABLE_OFFSET, 0);
    wr(PLIC_CLAIM_OFFSET, SRC_PAD(0));
    show_pending("pad 0 completed while disabled");
    wr(PLIC_ENABLE_OFFSET, 1u << SRC_PAD(0));
    show_pending("pad 0 enabled again");
    wr(PLIC_CLAIM_OFFSET, SRC_PAD(0));
    show_pending("pad 0 completed while enabled");

    /* Completing an id that was never claimed, or 0, or one past the last source changes
     * nothing. */
    clean();
    wr(prio_off(SRC_PAD(1)), 1);
    wr(PLIC_ENABLE_OFFSET, 1u << SRC_PAD(1));
    line(SRC_PAD(1), 1);
    wr(PLIC_CLAIM_OFFSET, SRC_PAD(1));
    wr(PLIC_CLAIM_OFFSET, 0);
    wr(PLIC_CLAIM_OFFSET, 53);
    show_pending("completions of unclaimed ids");
    show_claim("pad 1 claim");
    clean();
    show_pending("end");
    return 0;
}
