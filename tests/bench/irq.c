/* irq: a fixed amount of work (CRC-32 over a changing 256-byte buffer) while the CLINT
 * timer interrupts at BENCH_IRQ_HZ (10 kHz by default).  Each interrupt reads mtime and
 * moves mtimecmp one period on, so it costs two device reads, three device writes, a trap
 * entry and an mret.  The checksum covers the work only: how many interrupts land in it
 * depends on simulated time (on QEMU without -icount, on host time), so the tick count is
 * printed on a line of its own. */
#include "benchlib.h"

#define IRQ_BASE_ITERS 38000
#ifndef BENCH_IRQ_HZ
#define BENCH_IRQ_HZ 10000
#endif
#define IRQ_PERIOD (MTIME_HZ / BENCH_IRQ_HZ)

static uint8_t buf[256];
static volatile uint32_t ticks;
static uint64_t next_cmp;

void bench_trap(uint32_t mcause, uint32_t mepc)
{
    if (mcause != MCAUSE_MTI) {
        bench_puts("irq: unexpected trap mcause ");
        bench_put_hex(mcause);
        bench_puts(" mepc ");
        bench_put_hex(mepc);
        bench_putc('\n');
        bench_exit(3);
    }
    ticks++;
    next_cmp += IRQ_PERIOD;
    uint64_t now = bench_mtime();
    if (next_cmp <= now) /* fell behind (a paused host): skip the missed periods */
        next_cmp = now + IRQ_PERIOD;
    bench_set_mtimecmp(next_cmp);
}

int main(void)
{
    const uint32_t iters = BENCH_ITERS(IRQ_BASE_ITERS);
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)(i * 7 + 1);
    next_cmp = bench_mtime() + IRQ_PERIOD;
    bench_set_mtimecmp(next_cmp);
    csr_set(mie, MIE_MTIE);
    csr_set(mstatus, MSTATUS_MIE);

    uint32_t crc = 0;
    for (uint32_t it = 0; it < iters; it++) {
        crc = bench_crc32(crc, buf, sizeof(buf));
        buf[it & 255] ^= (uint8_t)crc;
    }

    csr_clear(mstatus, MSTATUS_MIE);
    csr_clear(mie, MIE_MTIE);
    bench_puts("irq: ticks ");
    bench_put_dec(ticks);
    bench_putc('\n');
    bench_report("irq", iters, crc);
    return 0;
}
