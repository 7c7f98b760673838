/* uswitch: a U-mode task under PMP and a kernel that switches to it again and again, as an
 * RTOS with memory protection does.  The task (U mode) runs a CRC-32 over its own 64-byte
 * buffer, then yields with ecall; at each switch the kernel maps another task's private
 * KiB into PMP entry 0 (taking the last one's away, as when it switches between tasks),
 * and returns.  PMP: entry 0 the other task's KiB (RW), entry 1 the task's own KiB (RW:
 * buffer and stack), entry 2 all 4 MiB of RAM (R, X: the code).  Every switch is an
 * ecall, a trap entry and mret, two CSR writes and a change of what U mode may execute
 * (entry 0's KiB becomes executable through entry 2 and the other one stops being). */
#include "benchlib.h"

#define USWITCH_BASE_ITERS 150000u

static struct {
    uint8_t buf[64];
    volatile uint32_t crc; /* the task's result, which the kernel reads */
    uint32_t stack[239];
} task __attribute__((aligned(1024)));
static uint8_t others[2][1024] __attribute__((aligned(1024)));
static uint32_t switches, iters;

/* NAPOT: base >> 2 with size / 8 - 1 ones below */
#define NAPOT(base, size) (((uint32_t)(base) >> 2) | ((uint32_t)(size) / 8 - 1))

void bench_trap(uint32_t mcause, uint32_t mepc)
{
    if (mcause != 8) { /* only the task's ecall */
        bench_puts("uswitch: unexpected trap mcause ");
        bench_put_hex(mcause);
        bench_puts(" mepc ");
        bench_put_hex(mepc);
        bench_putc('\n');
        bench_exit(3);
    }
    csr_write(mepc, mepc + 4);
    if (++switches == iters) {
        bench_report("uswitch", iters, task.crc);
        bench_exit(0);
    }
    csr_write(pmpaddr0, NAPOT(others[switches & 1], sizeof(others[0])));
}

static void task_main(void)
{
    uint32_t crc = 0;
    for (;;) {
        crc = bench_crc32(crc, task.buf, sizeof(task.buf));
        task.buf[crc & 63] ^= (uint8_t)crc;
        task.crc = crc;
        __asm__ volatile("ecall" ::: "memory");
    }
}

int main(void)
{
    iters = BENCH_ITERS(USWITCH_BASE_ITERS);
    for (unsigned i = 0; i < sizeof(task.buf); i++)
        task.buf[i] = (uint8_t)(i * 13 + 5);
    csr_write(pmpaddr0, NAPOT(others[0], sizeof(others[0])));
    csr_write(pmpaddr1, NAPOT(&task, sizeof(task)));
    csr_write(pmpaddr2, NAPOT(0x80000000u, 4u << 20));
    csr_write(pmpcfg0, 0x1d1b1bu); /* NAPOT RW, NAPOT RW, NAPOT RX */
    csr_write(mepc, (uint32_t)task_main);
    csr_clear(mstatus, 3u << 11); /* mret to U mode */
    __asm__ volatile("mv sp, %0\n mret" ::"r"(&task.stack[239]));
    return 0;
}
