/* FE310-G002 register map, in the style of the SiFive freedom-e-sdk headers: a base
 * address per block, register offsets, and BLOCK_REG(offset) accessors (written for these
 * tests from the FE310-G002 manual; firmware for the real board touches the same words). */
#ifndef FE310_H
#define FE310_H

#include <stdint.h>

#define _REG32(base, off) (*(volatile uint32_t *)((base) + (off)))

/* Memory map (manual 4) */
#define MSEL_ADDR 0x00001000UL
#define MASKROM_ADDR 0x00010000UL
#define OTP_MEM_ADDR 0x00020000UL
#define CLINT_CTRL_ADDR 0x02000000UL
#define ITIM_ADDR 0x08000000UL
#define PLIC_CTRL_ADDR 0x0C000000UL
#define AON_CTRL_ADDR 0x10000000UL
#define PRCI_CTRL_ADDR 0x10008000UL
#define OTP_CTRL_ADDR 0x10010000UL
#define GPIO_CTRL_ADDR 0x10012000UL
#define UART0_CTRL_ADDR 0x10013000UL
#define SPI0_CTRL_ADDR 0x10014000UL
#define PWM0_CTRL_ADDR 0x10015000UL
#define I2C0_CTRL_ADDR 0x10016000UL
#define UART1_CTRL_ADDR 0x10023000UL
#define SPI1_CTRL_ADDR 0x10024000UL
#define PWM1_CTRL_ADDR 0x10025000UL
#define SPI2_CTRL_ADDR 0x10034000UL
#define PWM2_CTRL_ADDR 0x10035000UL
#define SPI0_MEM_ADDR 0x20000000UL
#define DTIM_ADDR 0x80000000UL

/* CLINT */
#define CLINT_MSIP 0x0000
#define CLINT_MTIMECMP 0x4000
#define CLINT_MTIME 0xBFF8
#define CLINT_REG(off) _REG32(CLINT_CTRL_ADDR, off)
#define RTC_FREQ 32768

/* PLIC (one context: hart 0 M-mode) */
#define PLIC_PRIORITY_OFFSET 0x0000
#define PLIC_PENDING_OFFSET 0x1000
#define PLIC_ENABLE_OFFSET 0x2000
#define PLIC_THRESHOLD_OFFSET 0x200000
#define PLIC_CLAIM_OFFSET 0x200004
#define PLIC_REG(off) _REG32(PLIC_CTRL_ADDR, off)
#define PLIC_NUM_INTERRUPTS 52
#define PLIC_NUM_PRIORITIES 7

/* PLIC sources (manual 1.3, Table "PLIC Interrupt ID Mapping") */
#define INT_RESERVED 0
#define INT_WDOGCMP 1
#define INT_RTCCMP 2
#define INT_UART0_BASE 3
#define INT_UART1_BASE 4
#define INT_SPI0_BASE 5
#define INT_SPI1_BASE 6
#define INT_SPI2_BASE 7
#define INT_GPIO_BASE 8
#define INT_PWM0_BASE 40
#define INT_PWM1_BASE 44
#define INT_PWM2_BASE 48
#define INT_I2C_BASE 52

/* AON */
#define AON_WDOGCFG 0x000
#define AON_WDOGCOUNT 0x008
#define AON_WDOGS 0x010
#define AON_WDOGFEED 0x018
#define AON_WDOGKEY 0x01C
#define AON_WDOGCMP 0x020
#define AON_RTCCFG 0x040
#define AON_RTCLO 0x048
#define AON_RTCHI 0x04C
#define AON_RTCS 0x050
#define AON_RTCCMP 0x060
#define AON_LFROSC 0x070
#define AON_BACKUP0 0x080
#define AON_PMUIE 0x140
#define AON_PMUCAUSE 0x144
#define AON_PMUKEY 0x14C
#define AON_REG(off) _REG32(AON_CTRL_ADDR, off)
#define AON_WDOGKEY_VALUE 0x51F15E
#define AON_WDOGFEED_VALUE 0xD09F00D
#define AON_WDOGCFG_SCALE 0x0000000F
#define AON_WDOGCFG_RSTEN 0x00000100
#define AON_WDOGCFG_ZEROCMP 0x00000200
#define AON_WDOGCFG_ENALWAYS 0x00001000
#define AON_WDOGCFG_ENCOREAWAKE 0x00002000
#define AON_WDOGCFG_CMPIP 0x10000000
#define AON_RTCCFG_SCALE 0x0000000F
#define AON_RTCCFG_ENALWAYS 0x00001000
#define AON_RTCCFG_CMPIP 0x10000000
#define AON_PMUCAUSE_RESETCAUSE(v) (((v) >> 8) & 3)
#define AON_RESETCAUSE_POWERON 0
#define AON_RESETCAUSE_EXTERNAL 1
#define AON_RESETCAUSE_WATCHDOG 2

/* PRCI */
#define PRCI_HFROSCCFG 0x0000
#define PRCI_HFXOSCCFG 0x0004
#define PRCI_PLLCFG 0x0008
#define PRCI_PLLDIV 0x000C
#define PRCI_REG(off) _REG32(PRCI_CTRL_ADDR, off)
#define ROSC_DIV(x) (((x) & 0x3F) << 0)
#define ROSC_TRIM(x) (((x) & 0x1F) << 16)
#define ROSC_EN(x) (((x) & 0x1) << 30)
#define ROSC_RDY(x) (((x) & 0x1) << 31)
#define XOSC_EN(x) (((x) & 0x1) << 30)
#define XOSC_RDY(x) (((x) & 0x1) << 31)
#define PLL_R(x) (((x) & 0x7) << 0)
#define PLL_F(x) (((x) & 0x3F) << 4)
#define PLL_Q(x) (((x) & 0x3) << 10)
#define PLL_SEL(x) (((x) & 0x1) << 16)
#define PLL_REFSEL(x) (((x) & 0x1) << 17)
#define PLL_BYPASS(x) (((x) & 0x1) << 18)
#define PLL_LOCK(x) (((x) & 0x1) << 31)
#define PLL_FINAL_DIV(x) (((x) & 0x3F) << 0)
#define PLL_FINAL_DIV_BY_1(x) (((x) & 0x1) << 8)

/* GPIO */
#define GPIO_INPUT_VAL 0x00
#define GPIO_INPUT_EN 0x04
#define GPIO_OUTPUT_EN 0x08
#define GPIO_OUTPUT_VAL 0x0C
#define GPIO_PULLUP_EN 0x10
#define GPIO_DRIVE 0x14
#define GPIO_RISE_IE 0x18
#define GPIO_RISE_IP 0x1C
#define GPIO_FALL_IE 0x20
#define GPIO_FALL_IP 0x24
#define GPIO_HIGH_IE 0x28
#define GPIO_HIGH_IP 0x2C
#define GPIO_LOW_IE 0x30
#define GPIO_LOW_IP 0x34
#define GPIO_IOF_EN 0x38
#define GPIO_IOF_SEL 0x3C
#define GPIO_OUTPUT_XOR 0x40
#define GPIO_REG(off) _REG32(GPIO_CTRL_ADDR, off)
#define IOF0_UART0_MASK 0x00030000UL /* pads 16 (rx) and 17 (tx) */
#define IOF1_PWM1_MASK 0x00780000UL  /* pads 19..22 */

/* HiFive1 Rev B RGB LED (active low) */
#define RED_LED_OFFSET 22
#define GREEN_LED_OFFSET 19
#define BLUE_LED_OFFSET 21

/* UART */
#define UART_REG_TXFIFO 0x00
#define UART_REG_RXFIFO 0x04
#define UART_REG_TXCTRL 0x08
#define UART_REG_RXCTRL 0x0C
#define UART_REG_IE 0x10
#define UART_REG_IP 0x14
#define UART_REG_DIV 0x18
#define UART0_REG(off) _REG32(UART0_CTRL_ADDR, off)
#define UART1_REG(off) _REG32(UART1_CTRL_ADDR, off)
#define UART_TXEN 0x1
#define UART_TXSTOP 0x2
#define UART_RXEN 0x1
#define UART_TXWM(x) (((x) & 0x7) << 16)
#define UART_RXWM(x) (((x) & 0x7) << 16)
#define UART_IP_TXWM 0x1
#define UART_IP_RXWM 0x2
#define UART_TXFIFO_FULL 0x80000000UL
#define UART_RXFIFO_EMPTY 0x80000000UL

/* PWM */
#define PWM_CFG 0x00
#define PWM_COUNT 0x08
#define PWM_S 0x10
#define PWM_CMP0 0x20
#define PWM_CMP1 0x24
#define PWM_CMP2 0x28
#define PWM_CMP3 0x2C
#define PWM0_REG(off) _REG32(PWM0_CTRL_ADDR, off)
#define PWM1_REG(off) _REG32(PWM1_CTRL_ADDR, off)
#define PWM2_REG(off) _REG32(PWM2_CTRL_ADDR, off)
#define PWM_CFG_SCALE 0x0000000F
#define PWM_CFG_STICKY 0x00000100
#define PWM_CFG_ZEROCMP 0x00000200
#define PWM_CFG_DEGLITCH 0x00000400
#define PWM_CFG_ENALWAYS 0x00001000
#define PWM_CFG_ONESHOT 0x00002000
#define PWM_CFG_CMP0IP 0x10000000
#define PWM_CFG_CMP1IP 0x20000000
#define PWM_CFG_CMP2IP 0x40000000
#define PWM_CFG_CMP3IP 0x80000000

#endif
