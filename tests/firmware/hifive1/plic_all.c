/* Every one of the FE310's 52 PLIC sources, raised by its own device, must be claimed
 * with its own number (manual 1.3 / 11 "Platform-Level Interrupt Controller"): watchdog
 * 1, RTC 2, UART0 3, UART1 4, QSPI0 5, SPI1 6, SPI2 7, GPIO 8..39, PWM0 40..43, PWM1
 * 44..47, PWM2 48..51, I2C 52.  The sources are polled through claim/complete with
 * interrupts off.  A device that is not on the bus yet (an access faults) is reported as
 * absent.  Also: 3 priority bits (a priority write of 0xff reads back 7), mip.MEIP
 * following the source and the threshold masking a source of equal priority. */
#include "lib.h"

static volatile int faulted;

uint32_t handle_exception(uint32_t mcause, uint32_t mepc)
{
    if (mcause != 5 && mcause != 7) {
        printf("exception mcause %u at 0x%x\n", mcause, mepc);
        exit(2);
    }
    faulted = 1;
    uint16_t insn = *(volatile uint16_t *)mepc;
    return mepc + ((insn & 3) == 3 ? 4 : 2);
}

static void wr(uint32_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }
static uint32_t rd(uint32_t addr) { return *(volatile uint32_t *)addr; }

/* Raise (on) or lower (off) source `src` through its device. */
static void source_set(unsigned src, int on)
{
    if (src == INT_WDOGCMP) {
        AON_REG(AON_WDOGKEY) = AON_WDOGKEY_VALUE;
        AON_REG(AON_WDOGCFG) = on ? AON_WDOGCFG_CMPIP : 0;
    } else if (src == INT_RTCCMP) {
        AON_REG(AON_RTCCMP) = on ? 0 : 0xffffffff;
    } else if (src == INT_UART0_BASE || src == INT_UART1_BASE) {
        uint32_t base = src == INT_UART0_BASE ? UART0_CTRL_ADDR : UART1_CTRL_ADDR;
        /* txwm: fewer than txcnt (1) bytes queued */
        wr(base + UART_REG_TXCTRL, UART_TXEN | UART_TXWM(1));
        wr(base + UART_REG_IE, on ? UART_IP_TXWM : 0);
    } else if (src >= INT_SPI0_BASE && src <= INT_SPI2_BASE) {
        static const uint32_t spi[3] = { SPI0_CTRL_ADDR, SPI1_CTRL_ADDR, SPI2_CTRL_ADDR };
        uint32_t base = spi[src - INT_SPI0_BASE];
        wr(base + 0x50, 1);             /* txmark: txwm while fewer than 1 queued */
        wr(base + 0x70, on ? 1 : 0);    /* ie.txwm */
    } else if (src >= INT_GPIO_BASE && src < INT_PWM0_BASE) {
        uint32_t bit = 1u << (src - INT_GPIO_BASE);
        if (on) {
            GPIO_REG(GPIO_PULLUP_EN) |= bit;  /* pad pulled high */
            GPIO_REG(GPIO_INPUT_EN) |= bit;
            GPIO_REG(GPIO_HIGH_IE) |= bit;
        } else {
            GPIO_REG(GPIO_HIGH_IE) &= ~bit;
            GPIO_REG(GPIO_INPUT_EN) &= ~bit;
            GPIO_REG(GPIO_PULLUP_EN) &= ~bit;
            GPIO_REG(GPIO_HIGH_IP) = bit;
            GPIO_REG(GPIO_RISE_IP) = bit;
            GPIO_REG(GPIO_FALL_IP) = bit;
            GPIO_REG(GPIO_LOW_IP) = bit;
        }
    } else if (src >= INT_PWM0_BASE && src < INT_I2C_BASE) {
        static const uint32_t pwm[3] = { PWM0_CTRL_ADDR, PWM1_CTRL_ADDR, PWM2_CTRL_ADDR };
        unsigned n = (src - INT_PWM0_BASE) / 4, x = (src - INT_PWM0_BASE) % 4;
        uint32_t base = pwm[n];
        for (unsigned i = 0; i < 4; i++) /* comparators out of reach of a stopped count */
            wr(base + PWM_CMP0 + 4 * i, 0xffff);
        wr(base + PWM_CFG, on ? (PWM_CFG_STICKY | (PWM_CFG_CMP0IP << x)) : 0);
    } else if (src == INT_I2C_BASE) {
        /* OpenCores-style I2C: enable core and interrupt, start a write of address 0x7f
         * (nobody answers); the transfer's end sets the interrupt flag. */
        if (on) {
            wr(I2C0_CTRL_ADDR + 0x00, 1);    /* prescale lo */
            wr(I2C0_CTRL_ADDR + 0x04, 0);    /* prescale hi */
            wr(I2C0_CTRL_ADDR + 0x08, 0xc0); /* ctr: EN | IEN */
            wr(I2C0_CTRL_ADDR + 0x0c, 0xfe); /* txr: address 0x7f, write */
            wr(I2C0_CTRL_ADDR + 0x10, 0x90); /* cr: STA | WR */
            for (int i = 0; i < 10000 && !faulted && (rd(I2C0_CTRL_ADDR + 0x10) & 0x02); i++)
                ; /* sr.TIP */
        } else {
            wr(I2C0_CTRL_ADDR + 0x10, 0x41); /* cr: STO | IACK */
            for (int i = 0; i < 10000 && !faulted && (rd(I2C0_CTRL_ADDR + 0x10) & 0x02); i++)
                ;
            wr(I2C0_CTRL_ADDR + 0x08, 0);
        }
    }
}

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    uart_drain();
    plic_init();

    PLIC_REG(PLIC_PRIORITY_OFFSET + 4 * 7) = 0xff;
    printf("priority 0xff reads %u\n", PLIC_REG(PLIC_PRIORITY_OFFSET + 4 * 7));
    PLIC_REG(PLIC_PRIORITY_OFFSET + 4 * 7) = 0;

    unsigned ok = 0, absent = 0, bad = 0;
    for (unsigned src = 1; src <= PLIC_NUM_INTERRUPTS; src++) {
        /* A quiet console: UART0's tx pin is pad 17 (source 25), high only between frames,
         * and UART0's txwm (source 3) needs its FIFO empty. */
        uart_drain();
        faulted = 0;
        plic_enable(src, 1);
        source_set(src, 1);
        if (faulted) {
            printf("source %u: device absent\n", src);
            absent++;
            plic_disable(src);
            continue;
        }
        uint32_t pend = PLIC_REG(PLIC_PENDING_OFFSET + 4 * (src / 32)) >> (src % 32) & 1;
        uint32_t meip;
        __asm__ volatile("csrr %0, mip" : "=r"(meip));
        PLIC_REG(PLIC_THRESHOLD_OFFSET) = 1; /* priority 1 is not above threshold 1 */
        uint32_t masked;
        __asm__ volatile("csrr %0, mip" : "=r"(masked));
        masked = (masked >> 11) & 1;
        meip = (meip >> 11) & 1;
        PLIC_REG(PLIC_THRESHOLD_OFFSET) = 0;
        uint32_t got = plic_claim();
        source_set(src, 0);
        plic_complete(got);
        uint32_t again = plic_claim();
        plic_disable(src);
        if (got == src && pend && meip && masked == 0 && again == 0) {
            ok++;
        } else {
            printf("source %u: pending %u, meip %u, claim %u (meip at threshold 1: %u, "
                   "claim after complete: %u)\n", src, pend, meip, got, masked, again);
            bad++;
        }
    }
    printf("%u sources claimed with their own number, %u absent, %u wrong\n", ok, absent, bad);
    return bad ? 1 : 0;
}
