/* Small helpers for virt32 C firmware: UART output, exit through the sifive_test finisher,
 * CSR and MMIO access, CLINT time. */
#ifndef VIRT32_LIB_H
#define VIRT32_LIB_H

#include <stdint.h>

#define UART0_BASE     0x10000000u
#define FINISHER_BASE  0x00100000u
#define CLINT_BASE     0x02000000u
#define CLINT_MSIP     (CLINT_BASE + 0x0u)
#define CLINT_MTIMECMP (CLINT_BASE + 0x4000u)
#define CLINT_MTIME    (CLINT_BASE + 0xbff8u)
#define CLINT_HZ       10000000u /* mtime ticks per second (as QEMU's virt) */

#define csr_read(csr) ({ uint32_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" : : "r"((uint32_t)(v)))
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" : : "r"((uint32_t)(v)))
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" : : "r"((uint32_t)(v)))

static inline uint32_t mmio_read32(uint32_t addr)
{
    return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uint32_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

void uart_putc(char c);
void uart_puts(const char *s);
void uart_puthex(uint32_t v);   /* 0x%08x */
void uart_putdec(uint32_t v);   /* %u */
uint64_t clint_mtime(void);
void clint_set_mtimecmp(uint64_t t);
void fw_exit(int code) __attribute__((noreturn));
void fw_unexpected_trap(void) __attribute__((noreturn));

#endif
