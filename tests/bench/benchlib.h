/* The benchmark firmware's little runtime: the devices every benchmark uses, at the
 * addresses socsim's virt32 board and QEMU's riscv32 virt machine share.
 *   ns16550a UART   0x10000000 (THR +0, LSR +5, LSR bit 5 = THR empty)
 *   sifive_test     0x00100000 (0x5555 = pass, (code << 16) | 0x3333 = fail with code)
 *   CLINT           0x02000000 (mtimecmp +0x4000, mtime +0xbff8, 10 MHz) */
#ifndef BENCH_BENCHLIB_H
#define BENCH_BENCHLIB_H

#include <stddef.h>
#include <stdint.h>

#define UART_BASE 0x10000000u
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20u
#define FINISHER_BASE 0x00100000u
#define CLINT_BASE 0x02000000u
#define CLINT_MTIMECMP (CLINT_BASE + 0x4000u)
#define CLINT_MTIME (CLINT_BASE + 0xbff8u)
#define MTIME_HZ 10000000u

#define MSTATUS_MIE (1u << 3)
#define MIE_MTIE (1u << 7)
#define MCAUSE_MTI 0x80000007u

/* The build sets BENCH_SCALE (percent of the default run length); the product folds to a
 * constant, so no run-time 64-bit division (and no libgcc) is needed. */
#ifndef BENCH_SCALE
#define BENCH_SCALE 100
#endif
#define BENCH_ITERS(base) ((uint32_t)(((uint64_t)(base) * BENCH_SCALE + 99) / 100))

static inline void mmio_write8(uint32_t addr, uint8_t v) { *(volatile uint8_t *)addr = v; }
static inline uint8_t mmio_read8(uint32_t addr) { return *(volatile uint8_t *)addr; }
static inline void mmio_write32(uint32_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }
static inline uint32_t mmio_read32(uint32_t addr) { return *(volatile uint32_t *)addr; }

#define csr_read(name) ({ uint32_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })
#define csr_write(name, v) __asm__ volatile("csrw " #name ", %0" ::"r"(v))
#define csr_set(name, v) __asm__ volatile("csrs " #name ", %0" ::"r"(v))
#define csr_clear(name, v) __asm__ volatile("csrc " #name ", %0" ::"r"(v))

/* Polled UART output: waits for THR empty, then writes the byte. */
static inline void bench_putc(char c)
{
    while (!(mmio_read8(UART_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    mmio_write8(UART_BASE + UART_THR, (uint8_t)c);
}

void bench_puts(const char *s);
void bench_put_hex(uint32_t v); /* 0x%08x */
void bench_put_dec(uint32_t v);
/* Prints "NAME: iterations N checksum 0xXXXXXXXX", the line run-bench.sh compares. */
void bench_report(const char *name, uint32_t iterations, uint32_t checksum);
void bench_exit(int code) __attribute__((noreturn));

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit at a time. */
uint32_t bench_crc32(uint32_t crc, const void *p, size_t n);
uint32_t bench_crc32_word(uint32_t crc, uint32_t w);

uint64_t bench_mtime(void);
void bench_set_mtimecmp(uint64_t t);

/* Called from the trap entry with mcause and mepc; the default one reports the
 * unexpected trap and fails the run.  A benchmark that takes interrupts defines its own. */
void bench_trap(uint32_t mcause, uint32_t mepc);

#endif
