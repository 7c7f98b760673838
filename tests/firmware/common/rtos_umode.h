/* rtos-umode: a small RTOS-style kernel in M mode running two tasks in U mode under PMP
 * (Privileged spec 3.7), the same program on virt32 (tests/firmware/virt32/rtos_umode.c) and
 * on the HiFive1 (tests/firmware/hifive1/rtos_umode.c), whose expected output QEMU gives too
 * (-M virt and -M sifive_e).  The including file defines k_puts(s), k_hex(v) (0x%08x),
 * k_exit(code), K_INIT() and K_HAVE_TW (1 where mstatus.TW is writable: not on the E31).
 *
 * The kernel gives U mode 7 of the 8 PMP entries (the E31 has 8; QEMU's harts 16):
 *   0 NA4 over the first word of u_work: R, no X (retargeted to u_other by a syscall)
 *   1 NA4 over ro_word: R
 *   2 NAPOT over secret[4] (16 bytes): nothing
 *   3 NAPOT over ustack (1 KiB): R, W (the tasks' stacks)
 *   4 NAPOT over ubuf (256 bytes): R, W (a buffer; write access revoked by a syscall)
 *   5, 6 TOR [_start, _erodata): R, X (the code and read-only data)
 * and entries 7, 1 and 0 are locked at the end (L: they bind M mode too).  A task's
 * access outside these faults; the kernel logs the fault (cause, and for access faults
 * mtval named) and the probe that made it returns the cause.  Syscalls (ecall, a7): write,
 * hex, yield, exit, pmp (revoke or grant the tasks' write access, move entry 0); a task's
 * semihosting call is a breakpoint.  Then M
 * mode: MPRV with MPP = U makes M-mode loads follow U's rules; a locked entry faults M-mode
 * loads and stores, or fetches, and ignores writes, at once where M mode read the word or
 * ran the code before. */
#include <stdint.h>

#define CSRR(name)                                                                                 \
    ({                                                                                             \
        uint32_t v_;                                                                               \
        __asm__ volatile("csrr %0, " #name : "=r"(v_));                                            \
        v_;                                                                                        \
    })
#define CSRW(name, v) __asm__ volatile("csrw " #name ", %0" ::"r"(v))
#define CSRS(name, v) __asm__ volatile("csrs " #name ", %0" ::"r"(v))
#define CSRC(name, v) __asm__ volatile("csrc " #name ", %0" ::"r"(v))

#define MSTATUS_MPP (3u << 11)
#define MSTATUS_MPRV (1u << 17)
#define MSTATUS_TW (1u << 21)
#define PMP_R 0x01u
#define PMP_W 0x02u
#define PMP_X 0x04u
#define PMP_TOR 0x08u
#define PMP_NA4 0x10u
#define PMP_NAPOT 0x18u
#define PMP_L 0x80u

enum { SYS_WRITE = 1, SYS_HEX, SYS_YIELD, SYS_EXIT, SYS_PMP };
enum { PMP_REVOKE_W, PMP_GRANT_W, PMP_NOX_OTHER, PMP_NOX_WORK };

/* A task's registers as the trap entry saves them: x1..x31 at 4 * (i - 1), then mepc. */
struct ctx {
    uint32_t x[31];
    uint32_t pc;
};
#define REG(c, i) ((c)->x[(i) - 1])

struct task {
    struct ctx ctx; /* first: the trap entry finds it through mscratch */
    const char *name;
    int done;
};

/* The memory U mode may write: the tasks' stacks and a buffer (each NAPOT, so aligned to
 * its size). */
static struct {
    uint32_t a[128], b[128];
} ustack __attribute__((aligned(1024)));
static uint32_t ubuf[64] __attribute__((aligned(256)));

static volatile uint32_t secret[4] __attribute__((aligned(16))) = {0x5ec2e7, 1, 2, 3};
static volatile uint32_t ro_word __attribute__((aligned(4))) = 0x0123abcd;
static volatile uint32_t locked_word __attribute__((aligned(4))) = 0x10c4ed;
static struct task tasks[2];
static unsigned cur;
extern char _start[], _erodata[];
uint32_t kernel_stack[256] __attribute__((aligned(16)));

/* The probes (4-byte instructions, so that the kernel resumes at mepc + 4): each returns
 * {value, cause}, the cause 0 unless the kernel (or the M-mode trap path) set a1. */
struct probe {
    uint32_t val, cause;
};
struct probe probe_lw(volatile uint32_t *p);
struct probe probe_mprv_lw(volatile uint32_t *p);
struct probe probe_sw(volatile uint32_t *p, uint32_t v);
struct probe probe_call(uint32_t (*fn)(void));
struct probe probe_csrr_mstatus(void);
struct probe probe_mret(void);
struct probe probe_wfi(void);
struct probe probe_rdcycle(void);
void probe_semihosting(const char *s);
uint32_t u_work(void), u_other(void);
void trap_entry(void), task_start(struct ctx *c) __attribute__((noreturn));

__asm__(".text\n"
        ".option push\n"
        ".option norvc\n"
        ".balign 4\n"
        "probe_lw: li a1, 0\n lw a0, 0(a0)\n ret\n"
        /* the load with mstatus.MPRV set (the trap path keeps t1) */
        "probe_mprv_lw: li t1, 0x20000\n csrs mstatus, t1\n li a1, 0\n lw a0, 0(a0)\n"
        "  csrc mstatus, t1\n ret\n"
        "probe_sw: mv t0, a1\n li a1, 0\n sw t0, 0(a0)\n li a0, 0\n ret\n"
        "probe_csrr_mstatus: li a1, 0\n csrr a0, mstatus\n ret\n"
        "probe_mret: li a1, 0\n li a0, 0\n mret\n ret\n"
        "probe_wfi: li a1, 0\n li a0, 0\n wfi\n ret\n"
        "probe_rdcycle: li a1, 0\n li a0, 0\n rdcycle a0\n ret\n"
        /* SYS_WRITE0: from U mode a breakpoint (the kernel resumes at the srai) */
        "probe_semihosting: mv a1, a0\n li a0, 4\n slli x0, x0, 0x1f\n ebreak\n"
        "  srai x0, x0, 7\n ret\n"
        /* a fetch fault returns to ra: right after the jalr */
        "probe_call: addi sp, sp, -16\n sw ra, 12(sp)\n li a1, 0\n jalr a0\n"
        "  lw ra, 12(sp)\n addi sp, sp, 16\n ret\n"
        ".balign 8\n"
        "u_work: li a0, 42\n ret\n"
        ".balign 8\n"
        "u_other: li a0, 43\n ret\n"
        /* Trap entry (direct mode).  From U mode mscratch holds the task's ctx; from M mode
         * it is 0 and only a probe traps: a1 = mcause, a2 = mtval, resume at mepc + 4. */
        ".balign 4\n"
        "trap_entry: csrrw sp, mscratch, sp\n bnez sp, 1f\n"
        "  csrrw sp, mscratch, sp\n csrr a1, mcause\n csrr a2, mtval\n"
        "  csrr t0, mepc\n addi t0, t0, 4\n csrw mepc, t0\n mret\n"
        "1:\n"
        "  sw x1, 0(sp)\n sw x3, 8(sp)\n sw x4, 12(sp)\n sw x5, 16(sp)\n"
        "  sw x6, 20(sp)\n sw x7, 24(sp)\n sw x8, 28(sp)\n sw x9, 32(sp)\n sw x10, 36(sp)\n"
        "  sw x11, 40(sp)\n sw x12, 44(sp)\n sw x13, 48(sp)\n sw x14, 52(sp)\n sw x15, 56(sp)\n"
        "  sw x16, 60(sp)\n sw x17, 64(sp)\n sw x18, 68(sp)\n sw x19, 72(sp)\n sw x20, 76(sp)\n"
        "  sw x21, 80(sp)\n sw x22, 84(sp)\n sw x23, 88(sp)\n sw x24, 92(sp)\n sw x25, 96(sp)\n"
        "  sw x26, 100(sp)\n sw x27, 104(sp)\n sw x28, 108(sp)\n sw x29, 112(sp)\n"
        "  sw x30, 116(sp)\n sw x31, 120(sp)\n"
        "  csrrw t0, mscratch, zero\n sw t0, 4(sp)\n csrr t0, mepc\n sw t0, 124(sp)\n"
        "  mv a0, sp\n la sp, kernel_stack + 1024\n call kernel_trap\n"
        /* resume the ctx in a0 in U mode (MPP is U: set before the first start) */
        "task_start: csrw mscratch, a0\n lw t0, 124(a0)\n csrw mepc, t0\n"
        "  lw x1, 0(a0)\n lw x2, 4(a0)\n lw x3, 8(a0)\n lw x4, 12(a0)\n lw x5, 16(a0)\n"
        "  lw x6, 20(a0)\n lw x7, 24(a0)\n lw x8, 28(a0)\n lw x9, 32(a0)\n lw x11, 40(a0)\n"
        "  lw x12, 44(a0)\n lw x13, 48(a0)\n lw x14, 52(a0)\n lw x15, 56(a0)\n lw x16, 60(a0)\n"
        "  lw x17, 64(a0)\n lw x18, 68(a0)\n lw x19, 72(a0)\n lw x20, 76(a0)\n lw x21, 80(a0)\n"
        "  lw x22, 84(a0)\n lw x23, 88(a0)\n lw x24, 92(a0)\n lw x25, 96(a0)\n"
        "  lw x26, 100(a0)\n lw x27, 104(a0)\n lw x28, 108(a0)\n lw x29, 112(a0)\n"
        "  lw x30, 116(a0)\n lw x31, 120(a0)\n lw x10, 36(a0)\n"
        "  mret\n"
        ".option pop\n");

/* ---- U mode: the tasks (they touch only ubuf, their stacks, and what the probes try) ---- */

static inline uint32_t syscall(uint32_t n, uint32_t a0)
{
    register uint32_t r0 __asm__("a0") = a0;
    register uint32_t r7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "+r"(r0) : "r"(r7) : "memory");
    return r0;
}
#define u_write(s) syscall(SYS_WRITE, (uint32_t)(s))
#define u_hex(v) syscall(SYS_HEX, (v))

static void task_a(void)
{
    u_write("A: running in U mode\n");
    ubuf[0] = 7; /* its own memory: allowed */
    u_hex(ubuf[0] * 6);
    struct probe p = probe_lw(&ro_word); /* NA4, R: allowed */
    u_hex(p.val);
    u_hex(probe_sw(&ro_word, 1).cause); /* not W: store fault 7 */
    for (int i = 0; i < 3; i++) /* u_work is executable (entry 0 covers u_other) */
        u_hex(probe_call(u_work).val);
    syscall(SYS_YIELD, 0);
    u_write("A: again\n");
    syscall(SYS_PMP, PMP_REVOKE_W); /* entry 4 loses W: the buffer is read-only */
    u_hex(probe_sw(&ubuf[1], 5).cause);
    u_hex(probe_lw(&ubuf[0]).val);
    syscall(SYS_PMP, PMP_GRANT_W);
    u_hex(probe_sw(&ubuf[1], 5).cause);
    u_hex(ubuf[1]);
    syscall(SYS_PMP, PMP_NOX_WORK); /* u_work, run above, is no longer executable */
    u_hex(probe_call(u_work).cause);
    u_hex(probe_call(u_other).val);
    syscall(SYS_PMP, PMP_NOX_OTHER);
    u_hex(probe_call(u_work).val);
    syscall(SYS_EXIT, 0);
}

static void task_b(void)
{
    u_write("B: running in U mode\n");
    u_hex(probe_lw(&secret[1]).cause);     /* NAPOT, no permission: load fault 5 */
    u_hex(probe_sw(&secret[3], 9).cause);  /* store fault 7 */
    u_hex(probe_lw(&locked_word).cause);   /* no entry: U may not */
    u_hex(probe_call(u_other).cause);      /* NA4 without X: fetch fault 1 */
    u_hex(probe_csrr_mstatus().cause);     /* a machine CSR: illegal 2 */
    u_hex(probe_mret().cause);             /* mret: M mode's own */
    u_hex(probe_rdcycle().cause);          /* mcounteren.CY = 0 */
    probe_semihosting("B: semihosting from U mode\n"); /* a breakpoint, 3: not printed */
#if K_HAVE_TW
    u_hex(probe_wfi().cause); /* mstatus.TW = 1 */
#endif
    syscall(SYS_YIELD, 0);
    u_write("B: done\n");
    syscall(SYS_EXIT, 0);
}

/* ---- M mode: the kernel ---- */

static void pmp_set(unsigned i, uint32_t cfg, uint32_t addr)
{
    /* pmpaddrN first, then its byte of pmpcfgN/4 */
    switch (i) {
    case 0: CSRW(pmpaddr0, addr); break;
    case 1: CSRW(pmpaddr1, addr); break;
    case 2: CSRW(pmpaddr2, addr); break;
    case 3: CSRW(pmpaddr3, addr); break;
    case 4: CSRW(pmpaddr4, addr); break;
    case 5: CSRW(pmpaddr5, addr); break;
    case 6: CSRW(pmpaddr6, addr); break;
    case 7: CSRW(pmpaddr7, addr); break;
    }
    uint32_t sh = 8 * (i & 3), m = 0xffu << sh, v = cfg << sh;
    if (i < 4) {
        CSRC(pmpcfg0, m);
        CSRS(pmpcfg0, v);
    } else {
        CSRC(pmpcfg1, m);
        CSRS(pmpcfg1, v);
    }
}

static const char *addr_name(uint32_t a)
{
    if (a == (uint32_t)&secret[1]) return "secret[1]";
    if (a == (uint32_t)&secret[3]) return "secret[3]";
    if (a == (uint32_t)&ro_word) return "ro_word";
    if (a == (uint32_t)&locked_word) return "locked_word";
    if (a == (uint32_t)&ubuf[1]) return "ubuf[1]";
    if (a == (uint32_t)u_work) return "u_work";
    if (a == (uint32_t)u_other) return "u_other";
    return "?";
}

/* NAPOT addresses: the base >> 2 and size / 8 - 1 ones below it */
#define UBUF_NAPOT (((uint32_t)ubuf >> 2) | (sizeof ubuf / 8 - 1))
#define USTACK_NAPOT (((uint32_t)&ustack >> 2) | (sizeof ustack / 8 - 1))
#define SECRET_NAPOT (((uint32_t)secret >> 2) | (sizeof secret / 8 - 1))

static void kernel_finish(void);

struct ctx *kernel_trap(struct ctx *c);
struct ctx *kernel_trap(struct ctx *c)
{
    struct task *t = &tasks[cur];
    uint32_t cause = CSRR(mcause), tval = CSRR(mtval);
    if (cause == 8) { /* ecall from U */
        c->pc += 4;
        switch (REG(c, 17)) {
        case SYS_WRITE: k_puts((const char *)REG(c, 10)); break;
        case SYS_HEX:
            k_puts(t->name);
            k_puts(": ");
            k_hex(REG(c, 10));
            k_puts("\n");
            break;
        case SYS_EXIT: t->done = 1; /* fall through */
        case SYS_YIELD:
            cur ^= 1;
            if (tasks[cur].done)
                cur ^= 1;
            if (tasks[cur].done)
                kernel_finish();
            return &tasks[cur].ctx;
        case SYS_PMP:
            switch (REG(c, 10)) {
            case PMP_REVOKE_W: pmp_set(4, PMP_NAPOT | PMP_R, UBUF_NAPOT); break;
            case PMP_GRANT_W: pmp_set(4, PMP_NAPOT | PMP_R | PMP_W, UBUF_NAPOT); break;
            case PMP_NOX_OTHER: pmp_set(0, PMP_NA4 | PMP_R, (uint32_t)u_other >> 2); break;
            case PMP_NOX_WORK: pmp_set(0, PMP_NA4 | PMP_R, (uint32_t)u_work >> 2); break;
            }
            break;
        }
        return c;
    }
    k_puts("kernel: ");
    k_puts(t->name);
    k_puts(" trapped, mcause ");
    k_hex(cause);
    if (cause == 1 || cause == 5 || cause == 7) {
        k_puts(", mtval ");
        k_puts(addr_name(tval));
    }
    k_puts(", mstatus.MPP ");
    k_hex((CSRR(mstatus) & MSTATUS_MPP) >> 11);
    k_puts("\n");
    REG(c, 11) = cause; /* the probe's cause */
    /* a fetch fault: back where the probe called from; the others: past the instruction */
    c->pc = cause == 1 ? REG(c, 1) : c->pc + 4;
    return c;
}

static void kernel_finish(void)
{
    k_puts("kernel: tasks done, mstatus.MPP ");
    k_hex((CSRR(mstatus) & MSTATUS_MPP) >> 11);
    k_puts("\n");
    /* MPRV = 1, MPP = U: M-mode loads and stores follow U's rules (Priv 3.1.6.3) */
    CSRC(mstatus, MSTATUS_MPP);
    struct probe p1 = probe_mprv_lw(&secret[1]);
    CSRC(mstatus, MSTATUS_MPP); /* (the fault's mret left U in it too) */
    struct probe p2 = probe_mprv_lw(&ro_word);
    struct probe p3 = probe_lw(&secret[1]);
    k_puts("M, MPRV: secret cause ");
    k_hex(p1.cause);
    k_puts(", ro_word ");
    k_hex(p2.val);
    k_puts("; MPRV off: secret ");
    k_hex(p3.val);
    k_puts("\n");
    /* entry 7 locked over locked_word, no permissions: binds M mode; writes are ignored */
    pmp_set(7, PMP_NA4 | PMP_L, (uint32_t)&locked_word >> 2);
    struct probe p4 = probe_lw(&locked_word);
    struct probe p5 = probe_sw(&locked_word, 1);
    pmp_set(7, PMP_NA4 | PMP_R | PMP_W, 0);
    k_puts("M, locked: load cause ");
    k_hex(p4.cause);
    k_puts(", store cause ");
    k_hex(p5.cause);
    k_puts(", pmpcfg1 ");
    k_hex(CSRR(pmpcfg1) & 0xff000000u);
    k_puts(", pmpaddr7 == locked_word ");
    k_hex(CSRR(pmpaddr7) == (uint32_t)&locked_word >> 2);
    k_puts(", other entries load ");
    k_hex(probe_lw(&secret[1]).val);
    k_puts("\n");
    /* locking entry 1 (ro_word, R) with no permissions takes M mode's access away at once */
    struct probe p6 = probe_lw(&ro_word);
    pmp_set(1, PMP_NA4 | PMP_L, (uint32_t)&ro_word >> 2);
    struct probe p7 = probe_lw(&ro_word);
    k_puts("M, ro_word: ");
    k_hex(p6.val);
    k_puts(", locked: load cause ");
    k_hex(p7.cause);
    k_puts("\n");
    /* and locking entry 0 (u_other, R: U mode's rules stay) takes away M mode's execution
     * of code it has run */
    struct probe p8 = probe_call(u_other);
    CSRS(pmpcfg0, PMP_L);
    struct probe p9 = probe_call(u_other);
    k_puts("M, u_other: ");
    k_hex(p8.val);
    k_puts(", locked: fetch cause ");
    k_hex(p9.cause);
    k_puts("\n");
    k_exit(0);
}

static void task_init(struct task *t, const char *name, void (*fn)(void), uint32_t *stack_top)
{
    t->name = name;
    t->ctx.pc = (uint32_t)fn;
    REG(&t->ctx, 2) = (uint32_t)stack_top;
    __asm__ volatile("mv %0, gp" : "=r"(REG(&t->ctx, 3)));
}

int main(void)
{
    K_INIT();
    CSRW(mtvec, (uint32_t)trap_entry);
    CSRW(mscratch, 0);
    k_puts("kernel: misa.U ");
    k_hex((CSRR(misa) >> 20) & 1);
    k_puts("\n");
    pmp_set(0, PMP_NA4 | PMP_R, (uint32_t)u_other >> 2);
    pmp_set(1, PMP_NA4 | PMP_R, (uint32_t)&ro_word >> 2);
    pmp_set(2, PMP_NAPOT, SECRET_NAPOT);
    pmp_set(3, PMP_NAPOT | PMP_R | PMP_W, USTACK_NAPOT);
    pmp_set(4, PMP_NAPOT | PMP_R | PMP_W, UBUF_NAPOT);
    pmp_set(5, 0, (uint32_t)_start >> 2);
    pmp_set(6, PMP_TOR | PMP_R | PMP_X, ((uint32_t)_erodata + 3) >> 2);
    CSRW(mcounteren, 0);
#if K_HAVE_TW
    CSRS(mstatus, MSTATUS_TW);
#endif
    task_init(&tasks[0], "A", task_a, ustack.a + 128);
    task_init(&tasks[1], "B", task_b, ustack.b + 128);
    CSRC(mstatus, MSTATUS_MPP); /* mret to U */
    task_start(&tasks[0].ctx);
}
