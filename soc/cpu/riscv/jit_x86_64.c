/* The translator's x86-64 back end (jit_host.h): the code of a block, its exits and their
 * patching, the entry and exit sequences.
 *
 * Host registers: rbx = &c->x[0], r12 = budget (untimed: instructions; timed: cycles,
 * signed); r13 = a timed block's pipeline state key; r8, r9 = the read and write windows'
 * host pointers (loaded by the entry sequence: translated code never moves a window, an
 * access outside it leaves the block); eax, ecx, edx are scratch; rbp, rsi, rdi, r10, r11, r14,
 * r15 (and untimed or traced, r13) hold guest registers a0-a6 (a7) from the entry to the
 * exit (guest_map; a traced block's tail saves the caller-saved ones around its calls into
 * C: tail_call).  A
 * block leaves through the common exit with rdx saying why (JIT_EXIT_*), naming the exit
 * to link (struct jit_link; timed: the link + 1), or, timed, the exit entry that did not
 * hold (struct jit_texit).  A store to a page flagged in the code map is checked out of
 * the block's way (emit_code_check). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "soc/cpu/riscv/jit_host.h"

#if defined(__x86_64__)
#include <cpuid.h>

/* What the host has beyond baseline x86-64 (CPUID, read by jit_host_init): LZCNT (ABM),
 * TZCNT (BMI1) and POPCNT; without them clz and ctz take bsr and bsf, and cpop is
 * interpreted.  AVX2 (with the OS saving the ymm registers): a timed replay adds four
 * stall counters with one vector add (c->jit_stall), else one at a time to the stats.
 * jit_host_baseline makes the next translators use none of them. */
static bool has_lzcnt, has_tzcnt, has_popcnt, has_avx2, baseline_only;

void jit_host_baseline(bool on) { baseline_only = on; }

static void host_features(void)
{
    unsigned a, b, c, d;
    has_lzcnt = has_tzcnt = has_popcnt = has_avx2 = false;
    if (baseline_only)
        return;
    bool ymm = false;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        has_popcnt = c >> 23 & 1;
        if ((c >> 27 & 1) && (c >> 28 & 1)) { /* OSXSAVE, AVX: XCR0 says ymm is saved */
            unsigned lo, hi;
            __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            ymm = (lo & 6) == 6;
        }
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        has_tzcnt = b >> 3 & 1;
        has_avx2 = ymm && (b >> 5 & 1);
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d))
        has_lzcnt = c >> 5 & 1;
}

/* ---- x86-64 encoding ---- */

enum { EAX = 0, ECX = 1, EDX = 2, EBX = 3, EBP = 5, ESI = 6, EDI = 7 };
enum { R10 = 10, R11 = 11, R13 = 13, R14 = 14, R15 = 15 };

/* A field of struct rv_cpu as a displacement from rbx (= &c->x[0]). */
#define OFF(f) ((int32_t)(offsetof(struct rv_cpu, f) - offsetof(struct rv_cpu, x)))
#define WIN_HOST ((int32_t)offsetof(struct rv_window, host))

static void b1(struct rv_jit *j, unsigned v) { *j->p++ = (uint8_t)v; }
static void b4(struct rv_jit *j, uint32_t v)
{
    memcpy(j->p, &v, 4);
    j->p += 4;
}
static void b8(struct rv_jit *j, uint64_t v)
{
    memcpy(j->p, &v, 8);
    j->p += 8;
}
static void bytes(struct rv_jit *j, const char *s, unsigned n)
{
    memcpy(j->p, s, n);
    j->p += n;
}
/* A rel32 field at p pointing to target. */
static void set_rel32(uint8_t *p, const uint8_t *target)
{
    int32_t rel = (int32_t)(target - (p + 4));
    memcpy(p, &rel, 4);
}
static void jmp_to(struct rv_jit *j, const uint8_t *target)
{
    b1(j, 0xe9);
    set_rel32(j->p, target);
    j->p += 4;
}
/* A forward jcc (cc < 16) or jmp (cc < 0) with rel32; returns the field to patch. */
static uint8_t *jfwd(struct rv_jit *j, int cc)
{
    if (cc < 0) {
        b1(j, 0xe9);
    } else {
        b1(j, 0x0f);
        b1(j, 0x80 | cc);
    }
    uint8_t *f = j->p;
    b4(j, 0);
    return f;
}
/* A short forward jcc (or jmp, cc < 0); patched by here8. */
static uint8_t *jfwd8(struct rv_jit *j, int cc)
{
    b1(j, cc < 0 ? 0xeb : 0x70 | cc);
    b1(j, 0);
    return j->p - 1;
}
static void here8(struct rv_jit *j, uint8_t *f) { *f = (uint8_t)(j->p - (f + 1)); }

enum { CC_B = 2, CC_AE = 3, CC_E = 4, CC_NE = 5, CC_BE = 6, CC_A = 7, CC_L = 12, CC_GE = 13,
       CC_LE = 14, CC_G = 15 };
/* Group-1 ALU operations, by their /digit. */
enum { ALU_ADD = 0, ALU_OR = 1, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 };

/* Where the guest registers live while translated code runs: the most used ones in host
 * registers, loaded by the entry sequence and stored back by the exit sequence (so c->x is
 * current whenever the code has left), the others in c->x.  The choice follows the
 * compilers' allocation order (GCC's for RISC-V takes a5, a4 ... a0, a6, a7 first): of
 * the mix benchmark's register operands, a0-a7 are 85%.  hreg[r]: the host register of
 * guest register r, 0 (rax, never one) for one in c->x.  Untimed code has r13 free too
 * (no state key) for a7.  (Emission is one translator at a time: jit_host_init and
 * jit_host_emit set hreg.) */
#define GUEST_A0_A6                                                                                \
    [10] = EBP, [11] = ESI, [12] = EDI, [13] = R10, [14] = R11, [15] = R14, [16] = R15
static const uint8_t guest_map[2][32] = {{GUEST_A0_A6, [17] = R13}, {GUEST_A0_A6}};
/* Which map: untimed or traced (which has no state key in r13 either), or timed.  (Traced
 * blocks kept every register in c->x while they ran one per entry, when filling and
 * emptying the host registers around each cost more than they saved; their tails chain
 * them now, and the registers pay: make bench-profile e31 mix 17.0 -> 16.0 host
 * instructions per guest instruction, memcpy 18.0 -> 16.4, irq 12.0 -> 10.5.) */
static const uint8_t *map_of(const struct rv_jit *j)
{
    return guest_map[j->timed && !j->traced];
}
static const uint8_t *hreg;

/* An instruction whose ModRM r/m operand is guest register r: its host register, or
 * [rbx + 4 * r]; reg is the ModRM reg field (a host register, or an opcode's extension);
 * pfx a legacy prefix (0x66) or 0, w REX.W.  (Not for byte operands: without a REX
 * prefix, r/m 5-7 would name ch, dh, bh.) */
static void xrm(struct rv_jit *j, unsigned pfx, bool w, const char *op, unsigned oplen, int reg,
                unsigned r)
{
    int h = hreg[r];
    unsigned rex = (w ? 8u : 0) | (reg >= 8 ? 4u : 0) | (h >= 8 ? 1u : 0);
    if (pfx)
        b1(j, pfx);
    if (rex)
        b1(j, 0x40 | rex);
    bytes(j, op, oplen);
    if (h)
        b1(j, 0xc0 | (reg & 7) << 3 | (h & 7));
    else
        b1(j, 0x43 | (reg & 7) << 3), b1(j, 4 * r);
}
/* An instruction on host registers reg (ModRM reg) and rm (ModRM r/m, register direct). */
static void rr(struct rv_jit *j, bool w, const char *op, unsigned oplen, int reg, int rm)
{
    unsigned rex = (w ? 8u : 0) | (reg >= 8 ? 4u : 0) | (rm >= 8 ? 1u : 0);
    if (rex)
        b1(j, 0x40 | rex);
    bytes(j, op, oplen);
    b1(j, 0xc0 | (reg & 7) << 3 | (rm & 7));
}
/* reg = x[r] (any host register) */
static void ld(struct rv_jit *j, int reg, unsigned r)
{
    if (r == 0)
        rr(j, false, "\x31", 1, reg, reg); /* xor reg, reg */
    else if (!hreg[r] || hreg[r] != reg)
        xrm(j, 0, false, "\x8b", 1, reg, r);
}
/* rax/rcx = (int64_t)(int32_t)x[r] */
static void ld_sext64(struct rv_jit *j, int reg, unsigned r)
{
    if (r == 0) {
        ld(j, reg, 0);
        return;
    }
    xrm(j, 0, true, "\x63", 1, reg, r); /* movsxd */
}
/* x[r] = reg (r != 0) */
static void st(struct rv_jit *j, int reg, unsigned r)
{
    if (!hreg[r] || hreg[r] != reg)
        xrm(j, 0, false, "\x89", 1, reg, r);
}
/* While a block's body is emitted, the guest register whose value eax holds (0: none):
 * an instruction reading the register an instruction before it wrote from eax, or loaded
 * into it, takes eax as it is.  Every write to eax in the body goes through ld_eax and
 * st_eax or says that eax changed; the one place the body's code joins again (a store's
 * check of the code map, emit_code_check) leaves eax alone.  (Emission is one block at a
 * time.) */
static unsigned eax_holds;
/* Guest register r was written other than through st_eax. */
static void wrote(unsigned r)
{
    if (eax_holds == r)
        eax_holds = 0;
}

/* x[r] = imm (r != 0) */
static void st_imm(struct rv_jit *j, unsigned r, uint32_t imm)
{
    int h = hreg[r];
    if (h >= 8)
        b1(j, 0x41);
    if (h)
        b1(j, 0xb8 | (h & 7)), b4(j, imm); /* mov h, imm */
    else
        b1(j, 0xc7), b1(j, 0x43), b1(j, 4 * r), b4(j, imm);
    wrote(r);
}
/* eax = x[r], unless it holds it */
static void ld_eax(struct rv_jit *j, unsigned r)
{
    if (r && r == eax_holds)
        return;
    ld(j, EAX, r);
    eax_holds = r;
}
/* x[r] = eax (r != 0) */
static void st_eax(struct rv_jit *j, unsigned r)
{
    st(j, EAX, r);
    eax_holds = r;
}
static void alu_imm(struct rv_jit *j, int op, int reg, int32_t imm)
{
    if (reg >= 8)
        b1(j, 0x41);
    reg &= 7;
    if (imm >= -128 && imm <= 127) {
        b1(j, 0x83), b1(j, 0xc0 | op << 3 | reg), b1(j, (uint8_t)imm);
    } else {
        b1(j, 0x81), b1(j, 0xc0 | op << 3 | reg), b4(j, (uint32_t)imm);
    }
}
/* reg op= x[r] */
static void alu_x(struct rv_jit *j, int op, int reg, unsigned r)
{
    if (r == 0) {
        alu_imm(j, op, reg, 0);
        return;
    }
    char opcode = (char)(op << 3 | 3);
    xrm(j, 0, false, &opcode, 1, reg, r);
}
/* The host register with x[r]'s value: its own, or eax loaded with it. */
static int src(struct rv_jit *j, unsigned r)
{
    if (hreg[r])
        return hreg[r];
    ld_eax(j, r);
    return EAX;
}
/* reg = host register s + imm (lea, 32-bit) */
static void lea_imm(struct rv_jit *j, int reg, int s, int32_t imm)
{
    unsigned rex = (reg >= 8 ? 4u : 0) | (s >= 8 ? 1u : 0);
    if (rex)
        b1(j, 0x40 | rex);
    b1(j, 0x8d);
    if (imm >= -128 && imm <= 127)
        b1(j, 0x40 | (reg & 7) << 3 | (s & 7)), b1(j, (uint8_t)imm);
    else
        b1(j, 0x80 | (reg & 7) << 3 | (s & 7)), b4(j, (uint32_t)imm);
}
/* reg (eax or edx) = x[r] + imm (an address, a jump's target) */
static void ld_sum(struct rv_jit *j, int reg, unsigned r, int32_t imm)
{
    if (hreg[r] && imm) {
        lea_imm(j, reg, hreg[r], imm);
    } else {
        ld(j, reg, r);
        if (imm)
            alu_imm(j, ALU_ADD, reg, imm);
    }
    if (reg == EAX)
        eax_holds = 0;
}
/* reg op= the 32-bit field at rbx + off (op: the ALU's r, m form opcode) */
static void alu_field(struct rv_jit *j, int opcode, int reg, int32_t off)
{
    b1(j, opcode), b1(j, 0x83 | reg << 3), b4(j, (uint32_t)off);
}
/* reg64 = the pointer at rbx + off */
static void ld_ptr(struct rv_jit *j, int reg, int32_t off)
{
    b1(j, 0x48), b1(j, 0x8b), b1(j, 0x83 | reg << 3), b4(j, (uint32_t)off);
}
/* mov dword [rbx + OFF(pc)], pc: 10 bytes at p */
static void set_pc_at(uint8_t *p, uint32_t pc)
{
    int32_t off = OFF(pc);
    p[0] = 0xc7, p[1] = 0x83;
    memcpy(p + 2, &off, 4);
    memcpy(p + 6, &pc, 4);
}
static void set_pc(struct rv_jit *j, uint32_t pc)
{
    set_pc_at(j->p, pc);
    j->p += 10;
}
/* mov edx, how; jmp exit */
static void leave(struct rv_jit *j, uint32_t how)
{
    b1(j, 0xba), b4(j, how);
    jmp_to(j, j->exit);
}
/* add r12, k: give back the budget of instructions that did not run */
static void refund(struct rv_jit *j, unsigned k)
{
    if (k < 128) {
        bytes(j, "\x49\x83\xc4", 3), b1(j, k);
    } else {
        bytes(j, "\x49\x81\xc4", 3), b4(j, k);
    }
}

/* An indirect jump to the pc stored in c->pc (in rax too, zero-extended as every 32-bit
 * operation leaves it, unless reload): straight to the
 * block there when the map has one that may be jumped to (struct jit_entry), else to the
 * dispatcher. */
_Static_assert(offsetof(struct jit_entry, key) == 0 && offsetof(struct jit_entry, code) == 8 &&
                   offsetof(struct jit_entry, direct) == 24 && sizeof(struct jit_entry) == 32,
               "emit_lookup's offsets");
static void emit_lookup(struct rv_jit *j, bool reload, uint32_t how)
{
    if (reload)
        b1(j, 0x8b), b1(j, 0x83), b4(j, (uint32_t)OFF(pc)); /* mov eax, [pc] */
    bytes(j, "\x89\xc1\xd1\xe9", 4); /* mov ecx, eax; shr ecx, 1 */
    b1(j, 0x81), b1(j, 0xe1), b4(j, (1u << JIT_MAP_BITS) - 1); /* and ecx, mask */
    bytes(j, "\x48\xc1\xe1\x05", 4); /* shl rcx, 5: 32-byte entries */
    b1(j, 0x48), b1(j, 0xba), b8(j, (uint64_t)(uintptr_t)j->map); /* mov rdx, map */
    bytes(j, "\x48\x8d\x14\x0a", 4); /* lea rdx, [rdx + rcx] */
    /* or rax, [jit_key]: the key, pc | 1 and the privilege level above (jit_key) */
    b1(j, 0x48), b1(j, 0x0b), b1(j, 0x83), b4(j, (uint32_t)OFF(jit_key));
    bytes(j, "\x48\x3b\x02", 3); /* cmp rax, [rdx] */
    uint8_t *miss = jfwd8(j, CC_NE);
    bytes(j, "\x83\x7a\x18\x00", 4); /* cmp dword [rdx + 24], 0: direct */
    uint8_t *miss2 = jfwd8(j, CC_E);
    bytes(j, "\xff\x62\x08", 3);     /* jmp [rdx + 8] */
    here8(j, miss);
    here8(j, miss2);
    leave(j, how);
}

/* Go on to target: an exit stub of block h that returns to the dispatcher with its link
 * (timed: link + 1, odd, to tell it from an exit's entry), made a direct jump at once when
 * the block at target is translated (and, timed, does not need the dispatcher to read an
 * operand first), else by the dispatcher once it is. */
static void link_to(struct rv_cpu *c, struct rv_jit *j, struct jit_head *h, uint32_t target)
{
    struct jit_link *l = &h->out[h->nout++]; /* (a block has two exits to a pc at most) */
    *l = (struct jit_link){.stub = j->p, .target = target};
    set_pc(j, target);
    bytes(j, "\x48\x8d\x15", 3); /* lea rdx, [rip + link (+ 1)] */
    set_rel32(j->p, (const uint8_t *)l + j->timed);
    j->p += 4;
    jmp_to(j, j->exit);
    struct jit_entry *e = jit_slot(j, target);
    if (e->key == jit_key(c, target) && e->code &&
        !(j->timed && rv_jit_first_only(c, jit_timed(e->head)->ins[0].op)))
        rv_jit_link(l, e->head);
}

#define TX(f) ((unsigned)offsetof(struct jit_texit, f))
_Static_assert(offsetof(struct jit_texit, blk) < 128, "an exit entry's fields are at disp8");

/* The model's state (c->tm) is reached from rbx (= &c->x[0]) with a 32-bit displacement
 * when it lies within 2 GiB of the CPU, as the allocator puts it; else through rsi,
 * loaded from c->tm first (its guest register saved on the stack meanwhile: state_done).
 * Returns the base register's number (EBX or ESI). */
static int state_base(const struct rv_cpu *c, struct rv_jit *j)
{
    intptr_t d = (intptr_t)c->tm - (intptr_t)c->x;
    if (d > INT32_MIN / 2 && d < INT32_MAX / 2)
        return EBX;
    b1(j, 0x56); /* push rsi */
    ld_ptr(j, ESI, OFF(tm));
    return ESI;
}
static void state_done(struct rv_jit *j, int base)
{
    if (base == ESI)
        b1(j, 0x5e); /* pop rsi */
}

/* Store rcx's low `size` bytes (8, 4 or 2) to the model's state at offset off. */
static void st_state(struct rv_jit *j, const struct rv_cpu *c, int base, unsigned size,
                     uint32_t off)
{
    int32_t disp = base == EBX ? (int32_t)((intptr_t)c->tm + off - (intptr_t)c->x)
                               : (int32_t)off;
    if (size == 8)
        b1(j, 0x48);
    else if (size == 2)
        b1(j, 0x66);
    b1(j, 0x89), b1(j, 0x80 | ECX << 3 | base), b4(j, (uint32_t)disp); /* mov [base+d], rcx */
}

/* The model's fields (struct jit_timing) from the exit entry at rax, after its replay:
 * the block started at the cycle now (c->jit_cycle_end minus the budget) minus the
 * entry's cycles. */
static void emit_fields(const struct rv_cpu *c, struct rv_jit *j, const struct jit_block *b)
{
    bytes(j, "\x48\x8b\x93", 3), b4(j, (uint32_t)OFF(jit_cycle_end)); /* rdx = */
    bytes(j, "\x4c\x29\xe2", 3);                                      /* sub rdx, r12 */
    bytes(j, "\x48\x2b\x50", 3), b1(j, TX(cycle)); /* sub rdx, [rax + cycle]: the start */
    const struct jit_timing *tt = c->tm_model->jit;
    int base = state_base(c, j); /* through rbx or rsi */
    bytes(j, "\x48\x63\x48", 3), b1(j, TX(time_a)); /* movsxd rcx, [rax + time_a] */
    bytes(j, "\x48\x01\xd1", 3);                      /* add rcx, rdx */
    st_state(j, c, base, 8, tt->time_a);
    bytes(j, "\x8b\x48", 2), b1(j, TX(time_b));
    bytes(j, "\x48\x01\xd1", 3);
    st_state(j, c, base, 8, tt->time_b);
    bytes(j, "\x8b\x48", 2), b1(j, TX(word));
    st_state(j, c, base, 4, tt->word);
    bytes(j, "\x66\x8b\x48", 3), b1(j, TX(bytes)); /* the two bytes together */
    st_state(j, c, base, 2, tt->bytes);
    if (b->wb) {
        bytes(j, "\x8b\x48", 2), b1(j, TX(wb_a));
        bytes(j, "\x48\x01\xd1", 3);
        st_state(j, c, base, 8, tt->wb_free);
        bytes(j, "\x0f\xb6\x48", 3), b1(j, TX(wb_reg)); /* movzx ecx, wb_reg */
        bytes(j, "\x8b\x40", 2), b1(j, TX(reg_a));      /* eax = reg_a (the entry's last use) */
        bytes(j, "\x48\x01\xd0", 3);                    /* add rax, rdx */
        int32_t disp = base == EBX ? (int32_t)((intptr_t)c->tm + tt->reg_ready - (intptr_t)c->x)
                                   : (int32_t)tt->reg_ready;
        /* mov [base + rcx * 8 + disp], rax */
        b1(j, 0x48), b1(j, 0x89), b1(j, 0x84), b1(j, 0xc0 | ECX << 3 | base);
        b4(j, (uint32_t)disp);
    }
    state_done(j, base);
}

/* A timed block's way out after running whole (exit idx of b, to target, or to the pc
 * already stored for an indirect jump): replay the timing of one of the exit's entries
 * if it holds for the key in r13 (of the state and the windows' wait states; and for a
 * block with divides, whether their divisors were 0), then go on; else return the exit's
 * first entry. */
static void timed_exit(struct rv_cpu *c, struct rv_jit *j, struct jit_block *b, unsigned idx,
                       uint32_t target, bool taken, bool indirect)
{
    struct jit_texit *x = b->exits[idx];
    for (unsigned w = 0; w < JIT_TWAYS; w++) {
        memset(&x[w], 0, sizeof(x[w]));
        x[w].skey = x[w].next_skey = JIT_SKEY_NONE;
        x[w].taken = taken;
        x[w].blk = b;
    }
    uint8_t *miss[2] = {NULL, NULL};
    if (!rv_jit_first_only(c, b->ins[0].op)) { /* (else the dispatcher times it) */
        /* Each way but the last jumps to the replay on a match; the last falls into it
         * and leaves on a miss. */
        uint8_t *hit[JIT_TWAYS];
        for (unsigned w = 0; w < JIT_TWAYS; w++) {
            bool last_way = w + 1 == JIT_TWAYS;
            b1(j, 0x48), b1(j, 0xb8), b8(j, (uint64_t)(uintptr_t)&x[w]); /* mov rax, entry */
            bytes(j, "\x4c\x3b\x28", 3); /* cmp r13, [rax] */
            if (!b->ndiv) {
                if (last_way)
                    miss[0] = jfwd(j, CC_NE);
                else
                    hit[w] = jfwd(j, CC_E);
                continue;
            }
            /* (the windows' wait states are in the key) */
            uint8_t *other = jfwd(j, CC_NE);
            bytes(j, "\x8b\x8b", 2), b4(j, (uint32_t)OFF(jit_divzero)); /* ecx = */
            bytes(j, "\x3b\x48", 2), b1(j, TX(divzero)); /* cmp ecx, [rax + divzero] */
            if (last_way) {
                miss[0] = other;
                miss[1] = jfwd(j, CC_NE);
            } else {
                hit[w] = jfwd(j, CC_E);
                set_rel32(other, j->p);
            }
        }
        for (unsigned w = 0; w + 1 < JIT_TWAYS; w++)
            set_rel32(hit[w], j->p);
        /* the replay, from the entry at rax: the cycles, the stall counters, the next key;
         * the model's fields only where the state after is not a key (the dispatcher makes
         * them from the key the code leaves with, j->skey, otherwise) */
        bytes(j, "\x4c\x2b\x60", 3), b1(j, TX(cycle)); /* sub r12, [rax + cycle] */
        /* (an entry's counters outside the mask are 0: exit_miss makes no such entry) */
        for (unsigned i = 0; has_avx2 && i < JIT_TSTALLS; i += 4) {
            if (!(b->stall_mask >> i & 15))
                continue;
            bool y = i + 4 <= JIT_TSTALLS; /* four counters (ymm), else two (xmm) */
            /* vpmovzxdq y/xmm0, [rax + stall + 4i]; vpaddq y/xmm0, y/xmm0, [jit_stall + 8i];
             * vmovdqu [jit_stall + 8i], y/xmm0 */
            bytes(j, "\xc4\xe2", 2), b1(j, y ? 0x7d : 0x79), b1(j, 0x35), b1(j, 0x40);
            b1(j, TX(stall) + 4 * i);
            b1(j, 0xc5), b1(j, y ? 0xfd : 0xf9), b1(j, 0xd4), b1(j, 0x83);
            b4(j, (uint32_t)(OFF(jit_stall) + 8 * (int32_t)i));
            b1(j, 0xc5), b1(j, y ? 0xfe : 0xfa), b1(j, 0x7f), b1(j, 0x83);
            b4(j, (uint32_t)(OFF(jit_stall) + 8 * (int32_t)i));
        }
        for (unsigned i = 0; !has_avx2 && i < JIT_TSTALLS; i++) {
            if (!(b->stall_mask >> i & 1))
                continue;
            bytes(j, "\x8b\x48", 2), b1(j, TX(stall) + 4 * i);
            bytes(j, "\x48\x01\x8b", 3);
            b4(j, (uint32_t)(OFF(stats.stall) + 8 * (int32_t)jit_tstalls[i]));
        }
        bytes(j, "\x48\x83\x83", 3), b4(j, (uint32_t)OFF(instret)), b1(j, b->n);
        bytes(j, "\x4c\x8b\x68", 3), b1(j, TX(next_skey)); /* r13 = the next key */
        bytes(j, "\x4d\x85\xed", 3); /* test r13, r13 */
        uint8_t *none = jfwd(j, 8);  /* js: not a key */
        if (indirect)
            emit_lookup(j, true, JIT_EXIT_JUMP);
        else
            link_to(c, j, &b->h, target);
        set_rel32(none, j->p);
        emit_fields(c, j, b);
        if (!indirect)
            set_pc(j, target);
        leave(j, JIT_EXIT_JUMP);
    }
    for (unsigned i = 0; i < 2; i++)
        if (miss[i])
            set_rel32(miss[i], j->p);
    if (!indirect)
        set_pc(j, target);
    b1(j, 0x48), b1(j, 0xba), b8(j, (uint64_t)(uintptr_t)x); /* mov rdx, the first entry */
    jmp_to(j, j->exit);
}

/* A traced block (jit.h) leaves for the dispatcher, which times it: with the next pc
 * stored (here, or already for an indirect jump), saying which block and whether it was
 * taken; through a jump that its tail, once made, is patched into (b->tail_at: the jump
 * goes on to the leaving, which is where the tail leaves when a check fails; a second tail
 * is patched in over the first, and goes on to it instead: jit.h rv_jit_tail). */
static void traced_exit(struct rv_jit *j, struct jit_block *b, uint32_t target, bool taken,
                        bool indirect)
{
    if (!indirect)
        set_pc(j, target);
    b->tail_at[taken] = jfwd(j, -1);
    set_rel32(b->tail_at[taken], j->p);
    b1(j, 0x48), b1(j, 0xb8), b8(j, (uint64_t)(uintptr_t)b); /* mov rax, b */
    b1(j, 0x48), b1(j, 0x89), b1(j, 0x83), b4(j, (uint32_t)OFF(jit_blk));
    leave(j, taken ? JIT_EXIT_TAKEN : JIT_EXIT_JUMP);
}

/* mov [rbx + OFF(jit_trace) + 4 * slot], reg (any host register): what a traced block's
 * timing depends on. */
static void trace(struct rv_jit *j, int reg, unsigned slot)
{
    if (reg >= 8)
        b1(j, 0x44);
    b1(j, 0x89), b1(j, 0x83 | (reg & 7) << 3);
    b4(j, (uint32_t)(OFF(jit_trace) + 4 * (int32_t)slot));
}
/* A traced block's guest register r to its trace slot: from its host register, or through
 * ecx. */
static void trace_reg(struct rv_jit *j, unsigned r, unsigned slot)
{
    int v = hreg[r] ? hreg[r] : ECX;
    if (v == ECX)
        ld(j, ECX, r);
    trace(j, v, slot);
}

/* Leave block h for target. */
static void exit_to(struct rv_cpu *c, struct rv_jit *j, struct jit_head *h, uint32_t target,
                    bool taken)
{
    if (j->traced)
        traced_exit(j, jit_timed(h), target, taken, false);
    else if (j->timed)
        timed_exit(c, j, jit_timed(h), taken, target, taken, false);
    else
        link_to(c, j, h, target);
}

/* The ways out of a block's body that are emitted after it. */
struct slow_exit {
    uint8_t *field; /* rel32 of the jcc that leaves */
    unsigned index; /* the instruction, within the block */
};
struct code_check {
    uint8_t *field; /* rel32 of the jcc that comes here */
    uint8_t *back;  /* the store, when it may go ahead */
    unsigned index, size;
    bool aligned; /* the store is known to be aligned */
};
struct side_exits {
    struct slow_exit slow[6 * JIT_MAX_INSNS];
    unsigned nslow;
    struct code_check check[JIT_MAX_INSNS];
    unsigned ncheck;
};

static void slow_exit(struct rv_jit *j, struct side_exits *x, int cc, unsigned index)
{
    x->slow[x->nslow++] = (struct slow_exit){jfwd(j, cc), index};
}

/* A store into a page flagged in code_pages (or followed by one; edx = the address, rcx =
 * &code_pages[page]), out of the block's way: it goes ahead (to the window's check) unless
 * it is on a watched page or overlaps decoded or translated instructions
 * (rv_store_plain), where the interpreter does it.  Misaligned there, the interpreter
 * too.  (It takes eax.) */
_Static_assert(RV_CODE_CHUNK_BITS == 16, "emit_code_check takes a's low 16 bits with movzx");
static void emit_code_check(struct rv_jit *j, struct side_exits *x, const struct code_check *k)
{
    set_rel32(k->field, j->p);
    if (k->size > 1 && !k->aligned) {
        bytes(j, "\xf6\xc2", 2), b1(j, k->size - 1); /* test dl, size - 1 */
        slow_exit(j, x, CC_NE, k->index);
    }
    bytes(j, "\x80\x39", 2), b1(j, RV_PAGE_CODE); /* cmp byte [rcx], CODE */
    uint8_t *other = jfwd8(j, CC_NE);
    /* The 64 bits of the code map around the address: its halfword's bit, and for a word
     * the next one too (aligned: in the same 64). */
    bytes(j, "\x89\xd1\xc1\xe9", 4), b1(j, RV_CODE_CHUNK_BITS); /* ecx = a >> 16 */
    ld_ptr(j, EAX, OFF(code_bits));
    bytes(j, "\x48\x8b\x04\xc8", 4);             /* mov rax, [rax + rcx * 8]: the 64 KiB's bitmap */
    bytes(j, "\x0f\xb7\xca\xc1\xe9\x07", 6);     /* ecx = (a & 0xffff) >> 7 */
    bytes(j, "\x48\x8b\x04\xc8", 4);             /* mov rax, [rax + rcx * 8] */
    bytes(j, "\x89\xd1\xd1\xe9\x48\xd3\xe8", 7); /* ecx = a >> 1; shr rax, cl */
    b1(j, 0xa8), b1(j, k->size == 4 ? 3 : 1);    /* test al, mask */
    slow_exit(j, x, CC_NE, k->index);
    jmp_to(j, k->back);
    here8(j, other); /* not a code page: the next one is flagged, or this one is watched */
    bytes(j, "\x80\x39\x00", 3); /* cmp byte [rcx], 0 */
    set_rel32(jfwd(j, CC_E), k->back);
    slow_exit(j, x, -1, k->index);
}

/* Load or store; fast path to host memory through the window the interpreter uses. */
static void emit_mem(struct rv_cpu *c, struct rv_jit *j, const struct rv_insn *d,
                     struct side_exits *x, unsigned index)
{
    bool store = rv_op_class(d->op) == RV_CL_STORE;
    unsigned size = rv_op_size(d->op);
    const struct rv_window *w = store ? &c->wr_win : &c->rd_win;
    int32_t wbase = (int32_t)((const char *)w - (const char *)c->x);
    ld_sum(j, EDX, d->rs1, d->imm); /* the address */
    if (j->traced)
        trace(j, EDX, 2 * index);
    bool aligned = size == 1;
    if (size > 1 && (c->misaligned == RV_MISALIGNED_TRAP || j->timed || j->traced)) {
        /* (a timing model also times a split access: the interpreter does it) */
        bytes(j, "\xf6\xc2", 2), b1(j, size - 1); /* test dl, size - 1 */
        slow_exit(j, x, CC_NE, index);
        aligned = true;
    }
    if (store) { /* a page with code (or before one): emit_code_check, which comes back */
        bytes(j, "\x89\xd1\xc1\xe9", 4), b1(j, RV_PAGE_BITS);          /* ecx = a >> 12 */
        bytes(j, "\x48\x03\x8b", 3), b4(j, (uint32_t)OFF(code_pages)); /* add rcx, [] */
        bytes(j, "\x66\x83\x39\x00", 4); /* cmp word [rcx], 0: and the next page */
        struct code_check *k = &x->check[x->ncheck++];
        *k = (struct code_check){.field = jfwd(j, CC_NE), .index = index, .size = size,
                                 .aligned = aligned};
        k->back = j->p;
        eax_holds = 0;
    }
    /* edx = the offset in the window, if within it */
    alu_field(j, 0x2b, EDX, wbase + (int32_t)offsetof(struct rv_window, base));
    alu_field(j, 0x3b, EDX, wbase + (int32_t)offsetof(struct rv_window, lim));
    slow_exit(j, x, CC_AE, index);
    if (store) {
        int v = d->rs2 && hreg[d->rs2] ? hreg[d->rs2] : ECX;
        if (v == ECX)
            ld(j, ECX, d->rs2);
        /* mov [r9 + rdx], v (the REX prefix makes a byte of rbp, rsi, rdi bpl, sil, dil) */
        if (size == 2)
            b1(j, 0x66);
        b1(j, 0x41 | (v >= 8 ? 4 : 0));
        b1(j, size == 1 ? 0x88 : 0x89), b1(j, 0x04 | (v & 7) << 3), b1(j, 0x11);
        return;
    }
    /* straight into rd's host register, or eax and then x[rd] */
    int v = hreg[d->rd] ? hreg[d->rd] : EAX;
    b1(j, 0x41 | (v >= 8 ? 4 : 0));
    switch (d->op) {
    case RV_LB:
        b1(j, 0x0f), b1(j, 0xbe);
        break; /* movsx v, byte [r8 + rdx] */
    case RV_LBU:
        b1(j, 0x0f), b1(j, 0xb6);
        break;
    case RV_LH:
        b1(j, 0x0f), b1(j, 0xbf);
        break;
    case RV_LHU:
        b1(j, 0x0f), b1(j, 0xb7);
        break;
    default:
        b1(j, 0x8b);
        break; /* mov v, [r8 + rdx] */
    }
    b1(j, 0x04 | (v & 7) << 3), b1(j, 0x10);
    if (v == EAX && d->rd)
        st_eax(j, d->rd);
    else
        wrote(d->rd);
}

/* A timed block's divide number ord: bit ord of c->jit_divzero says its divisor was 0, the
 * one thing about its operands its cycles depend on. */
static void note_divisor(struct rv_jit *j, const struct rv_insn *d, unsigned ord)
{
    ld(j, ECX, d->rs2);
    bytes(j, "\x85\xc9", 2); /* test ecx, ecx */
    uint8_t *nz = jfwd8(j, CC_NE);
    b1(j, 0x81), b1(j, 0x8b), b4(j, (uint32_t)OFF(jit_divzero)), b4(j, 1u << ord); /* or */
    here8(j, nz);
}

/* div, divu, rem, remu with RISC-V's results for a zero divisor and overflow (Unpriv
 * 13.2); the host's idiv would fault on both. */
static void emit_div(struct rv_jit *j, const struct rv_insn *d)
{
    bool sign = d->op == RV_DIV || d->op == RV_REM;
    bool rem = d->op == RV_REM || d->op == RV_REMU;
    ld_eax(j, d->rs1);
    ld(j, ECX, d->rs2);
    bytes(j, "\x85\xc9", 2); /* test ecx, ecx */
    uint8_t *zero = jfwd8(j, CC_E), *ovf = NULL, *go = NULL;
    if (sign) {
        bytes(j, "\x83\xf9\xff", 3); /* cmp ecx, -1 */
        go = jfwd8(j, CC_NE);
        bytes(j, "\x3d\x00\x00\x00\x80", 5); /* cmp eax, INT32_MIN */
        ovf = jfwd8(j, CC_E);
        here8(j, go);
        bytes(j, "\x99\xf7\xf9", 3); /* cdq; idiv ecx */
    } else {
        bytes(j, "\x31\xd2\xf7\xf1", 4); /* xor edx, edx; div ecx */
    }
    if (rem)
        bytes(j, "\x89\xd0", 2); /* mov eax, edx */
    uint8_t *done = jfwd8(j, -1);
    here8(j, zero);
    if (!rem)
        bytes(j, "\xb8\xff\xff\xff\xff", 5); /* x / 0 = -1; x % 0 = x */
    if (sign) {
        uint8_t *done2 = jfwd8(j, -1);
        here8(j, ovf);
        if (rem)
            bytes(j, "\x31\xc0", 2); /* INT32_MIN % -1 = 0; INT32_MIN / -1 = INT32_MIN */
        here8(j, done2);
    }
    here8(j, done);
    st_eax(j, d->rd);
}

static void emit_mul(struct rv_jit *j, const struct rv_insn *d)
{
    if (d->op == RV_MUL) {
        int h = hreg[d->rd];
        if (h && d->rs1 && d->rs2) { /* in rd's host register: imul h, the other operand */
            unsigned other = d->rs2;
            if (d->rd == d->rs2)
                other = d->rs1; /* (rs2 * rs1) */
            else
                ld(j, h, d->rs1);
            xrm(j, 0, false, "\x0f\xaf", 2, h, other);
            wrote(d->rd);
            return;
        }
        ld_eax(j, d->rs1);
        if (d->rs2)
            xrm(j, 0, false, "\x0f\xaf", 2, EAX, d->rs2); /* imul eax, x[rs2] */
        else
            ld(j, EAX, 0);
        st_eax(j, d->rd);
        return;
    }
    /* The 64-bit product of the operands extended as the operation says; its high half. */
    if (d->op == RV_MULHU)
        ld(j, EAX, d->rs1); /* (zero-extended to rax: not ld_eax) */
    else
        ld_sext64(j, EAX, d->rs1);
    if (d->op == RV_MULH)
        ld_sext64(j, ECX, d->rs2);
    else
        ld(j, ECX, d->rs2);
    bytes(j, "\x48\x0f\xaf\xc1\x48\xc1\xe8\x20", 8); /* imul rax, rcx; shr rax, 32 */
    st_eax(j, d->rd);
}

/* The bit-manipulation operations the back end emits (jit_host_can_emit): eax = the
 * result, for emit_alu to store to rd; false for another operation (nothing emitted).
 * (Bitmanip 1.0.0 for their results; bitmanip.h.) */
static bool emit_bitmanip(struct rv_jit *j, const struct rv_insn *d)
{
    static const uint8_t cmov[] = {[RV_MIN] = 0x4f, [RV_MAX] = 0x4c, [RV_MINU] = 0x47,
                                   [RV_MAXU] = 0x42}; /* cmovg, cmovl, cmova, cmovb */
    static const uint8_t bt[] = {[RV_BSET] = 0xab, [RV_BCLR] = 0xb3, [RV_BINV] = 0xbb};
    static const int bti[] = {[RV_BSETI] = ALU_OR, [RV_BCLRI] = ALU_AND, [RV_BINVI] = ALU_XOR};
    static const uint8_t ext[] = {[RV_SEXT_B] = 0xbe, [RV_SEXT_H] = 0xbf, [RV_ZEXT_H] = 0xb7};
    unsigned op = d->op;
    switch (op) {
    case RV_SH1ADD: case RV_SH2ADD: case RV_SH3ADD:
        ld(j, EAX, d->rs1);
        ld(j, ECX, d->rs2);
        b1(j, 0x8d), b1(j, 0x04); /* lea eax, [rcx + rax * 2, 4 or 8] */
        b1(j, op == RV_SH1ADD ? 0x41 : op == RV_SH2ADD ? 0x81 : 0xc1);
        return true;
    case RV_ANDN: case RV_ORN:
        ld(j, ECX, d->rs2);
        bytes(j, "\xf7\xd1", 2); /* not ecx */
        ld(j, EAX, d->rs1);
        b1(j, op == RV_ANDN ? 0x21 : 0x09), b1(j, 0xc8); /* and/or eax, ecx */
        return true;
    case RV_XNOR:
        ld(j, EAX, d->rs1);
        alu_x(j, ALU_XOR, EAX, d->rs2);
        bytes(j, "\xf7\xd0", 2); /* not eax */
        return true;
    case RV_MIN: case RV_MAX: case RV_MINU: case RV_MAXU:
        ld(j, EAX, d->rs1);
        ld(j, ECX, d->rs2);
        bytes(j, "\x39\xc8\x0f", 3), b1(j, cmov[op]), b1(j, 0xc1); /* cmp eax, ecx; cmovcc */
        return true;
    case RV_CLZ:
        ld(j, EAX, d->rs1);
        if (has_lzcnt) {
            bytes(j, "\xf3\x0f\xbd\xc0", 4); /* lzcnt eax, eax */
        } else { /* 31 - bsr, and 63 ^ 31 = 32 for 0 (bsr sets ZF) */
            bytes(j, "\xb9\x3f\x00\x00\x00\x0f\xbd\xc0", 8); /* mov ecx, 63; bsr eax, eax */
            bytes(j, "\x0f\x44\xc1\x83\xf0\x1f", 6);           /* cmovz eax, ecx; xor eax, 31 */
        }
        return true;
    case RV_CTZ:
        ld(j, EAX, d->rs1);
        if (has_tzcnt) {
            bytes(j, "\xf3\x0f\xbc\xc0", 4); /* tzcnt eax, eax */
        } else {
            bytes(j, "\xb9\x20\x00\x00\x00\x0f\xbc\xc0", 8); /* mov ecx, 32; bsf eax, eax */
            bytes(j, "\x0f\x44\xc1", 3);                         /* cmovz eax, ecx */
        }
        return true;
    case RV_CPOP:
        ld(j, EAX, d->rs1);
        bytes(j, "\xf3\x0f\xb8\xc0", 4); /* popcnt eax, eax */
        return true;
    case RV_SEXT_B:
    case RV_SEXT_H:
    case RV_ZEXT_H: /* movsx/movzx eax, al/ax */
        ld(j, EAX, d->rs1);
        b1(j, 0x0f), b1(j, ext[op]), b1(j, 0xc0);
        return true;
    case RV_ROL: case RV_ROR:
        ld(j, ECX, d->rs2);
        ld(j, EAX, d->rs1);
        b1(j, 0xd3), b1(j, op == RV_ROL ? 0xc0 : 0xc8); /* rol/ror eax, cl */
        return true;
    case RV_RORI:
        ld(j, EAX, d->rs1);
        b1(j, 0xc1), b1(j, 0xc8), b1(j, (unsigned)d->imm & 31); /* ror eax, imm */
        return true;
    case RV_REV8:
        ld(j, EAX, d->rs1);
        bytes(j, "\x0f\xc8", 2); /* bswap eax */
        return true;
    case RV_ORC_B:
        /* A byte's top bit of ((x & 0x7f..) + 0x7f..) | x is set if the byte is non-zero
         * (no carry leaves a byte); those bits >> 7, times 0xff. */
        ld(j, EAX, d->rs1);
        bytes(j, "\x89\xc1\x25\x7f\x7f\x7f\x7f\x05\x7f\x7f\x7f\x7f", 12); /* ecx = eax */
        bytes(j, "\x09\xc8\x25\x80\x80\x80\x80\xc1\xe8\x07", 10);
        bytes(j, "\x69\xc0\xff\x00\x00\x00", 6); /* imul eax, eax, 0xff */
        return true;
    case RV_BSET: case RV_BCLR: case RV_BINV:
        ld(j, ECX, d->rs2);
        ld(j, EAX, d->rs1);
        b1(j, 0x0f), b1(j, bt[op]), b1(j, 0xc8); /* bts/btr/btc eax, ecx (mod 32) */
        return true;
    case RV_BSETI: case RV_BCLRI: case RV_BINVI: {
        uint32_t bit = 1u << (d->imm & 31);
        ld(j, EAX, d->rs1);
        alu_imm(j, bti[op], EAX, (int32_t)(op == RV_BCLRI ? ~bit : bit));
        return true;
    }
    case RV_BEXT:
        ld(j, ECX, d->rs2);
        ld(j, EAX, d->rs1);
        bytes(j, "\xd3\xe8\x83\xe0\x01", 5); /* shr eax, cl; and eax, 1 */
        return true;
    case RV_BEXTI:
        ld(j, EAX, d->rs1);
        b1(j, 0xc1), b1(j, 0xe8), b1(j, (unsigned)d->imm & 31); /* shr eax, imm */
        bytes(j, "\x83\xe0\x01", 3);
        return true;
    case RV_PACK:
        ld(j, EAX, d->rs1);
        ld(j, ECX, d->rs2);
        bytes(j, "\x0f\xb7\xc0\xc1\xe1\x10\x09\xc8", 8); /* movzx eax, ax; shl ecx, 16; or */
        return true;
    case RV_PACKH: /* movzx eax, al; movzx ecx, cl; shl ecx, 8; or eax, ecx */
        ld(j, EAX, d->rs1);
        ld(j, ECX, d->rs2);
        bytes(j, "\x0f\xb6\xc0\x0f\xb6\xc9\xc1\xe1\x08\x09\xc8", 11);
        return true;
    default: return false;
    }
}

static void emit_alu(struct rv_jit *j, const struct rv_insn *d, uint32_t pc)
{
    static const int alu_r[] = {[RV_ADD] = ALU_ADD, [RV_SUB] = ALU_SUB, [RV_XOR] = ALU_XOR,
                                [RV_OR] = ALU_OR, [RV_AND] = ALU_AND};
    static const int alu_i[] = {[RV_ADDI] = ALU_ADD, [RV_XORI] = ALU_XOR, [RV_ORI] = ALU_OR,
                                [RV_ANDI] = ALU_AND};
    static const uint8_t shift[] = {[RV_SLLI] = 0xe0, [RV_SRLI] = 0xe8, [RV_SRAI] = 0xf8,
                                    [RV_SLL] = 0xe0, [RV_SRL] = 0xe8, [RV_SRA] = 0xf8};
    unsigned op = d->op;
    if (d->rd == 0)
        return; /* no effect */
    /* rd in a host register: the result is made there (wrote), else in eax (st_eax) */
    int h = hreg[d->rd];
    switch (op) {
    case RV_LUI: st_imm(j, d->rd, (uint32_t)d->imm); return;
    case RV_AUIPC: st_imm(j, d->rd, pc + (uint32_t)d->imm); return;
    case RV_ADDI: case RV_XORI: case RV_ORI: case RV_ANDI:
        if (d->rs1 == 0) { /* li */
            st_imm(j, d->rd, op == RV_ANDI ? 0 : (uint32_t)d->imm);
            return;
        }
        if (h && op == RV_ADDI && d->rs1 != d->rd && hreg[d->rs1] && d->imm) {
            lea_imm(j, h, hreg[d->rs1], d->imm);
            wrote(d->rd);
            return;
        }
        if (h)
            ld(j, h, d->rs1);
        else
            ld_eax(j, d->rs1);
        if (d->imm || op == RV_ANDI)
            alu_imm(j, alu_i[op], h ? h : EAX, d->imm);
        if (!h)
            break;
        wrote(d->rd);
        return;
    case RV_ADD: case RV_SUB: case RV_XOR: case RV_OR: case RV_AND:
        if (!h) {
            ld_eax(j, d->rs1);
            alu_x(j, alu_r[op], EAX, d->rs2);
            break;
        }
        if (d->rd == d->rs2 && d->rd != d->rs1) {
            if (op == RV_SUB)
                rr(j, false, "\xf7", 1, 3, h); /* neg h: rs1 - rs2 = -rs2 + rs1 */
            alu_x(j, op == RV_SUB ? ALU_ADD : alu_r[op], h, d->rs1);
        } else {
            ld(j, h, d->rs1);
            alu_x(j, alu_r[op], h, d->rs2);
        }
        wrote(d->rd);
        return;
    case RV_SLTI: case RV_SLTIU: case RV_SLT: case RV_SLTU:
        ld_eax(j, d->rs1);
        if (op == RV_SLTI || op == RV_SLTIU)
            alu_imm(j, ALU_CMP, EAX, d->imm);
        else
            alu_x(j, ALU_CMP, EAX, d->rs2);
        b1(j, 0x0f), b1(j, op == RV_SLTI || op == RV_SLT ? 0x9c : 0x92), b1(j, 0xc0);
        bytes(j, "\x0f\xb6\xc0", 3); /* setl/setb al; movzx eax, al */
        break;
    case RV_SLLI: case RV_SRLI: case RV_SRAI:
    case RV_SLL:
    case RV_SRL:
    case RV_SRA: {
        bool by_imm = op == RV_SLLI || op == RV_SRLI || op == RV_SRAI;
        if (!by_imm)
            ld(j, ECX, d->rs2); /* (first: rd may be rs2) */
        int v = h ? h : EAX;
        if (h)
            ld(j, h, d->rs1);
        else
            ld_eax(j, d->rs1);
        if (v >= 8)
            b1(j, 0x41);
        if (by_imm)
            b1(j, 0xc1), b1(j, shift[op] | (v & 7)), b1(j, (unsigned)d->imm & 31);
        else
            b1(j, 0xd3), b1(j, shift[op] | (v & 7)); /* by cl: the host masks it to 5 bits too */
        if (!h)
            break;
        wrote(d->rd);
        return;
    }
    default:
        if (!emit_bitmanip(j, d))
            return; /* fence, fence.i: nothing to do */
        break;
    }
    st_eax(j, d->rd);
}

/* ---- a traced block's entry check and tails (jit.h, struct jit_tail) ---- */

/* The CPU's x[0], which rbx points to while code runs (set with hreg). */
static const uint8_t *xbase;

/* Field p is within a 32-bit displacement of rbx. */
static bool reach(const void *p)
{
    intptr_t d = (const uint8_t *)p - xbase;
    return d > INT32_MIN / 2 && d < INT32_MAX / 2;
}
/* An instruction whose ModRM r/m operand is the field at p, [rbx + disp32] (reach); reg
 * the ModRM reg field; pfx a legacy prefix or 0, w REX.W. */
static void xmem(struct rv_jit *j, unsigned pfx, bool w, const char *op, unsigned oplen,
                 int reg, const void *p)
{
    unsigned rex = (w ? 8u : 0) | (reg >= 8 ? 4u : 0);
    if (pfx)
        b1(j, pfx);
    if (rex)
        b1(j, 0x40 | rex);
    bytes(j, op, oplen);
    b1(j, 0x83 | (reg & 7) << 3);
    b4(j, (uint32_t)(int32_t)((const uint8_t *)p - xbase));
}

/* A traced block's entry, where another block's tail goes on to it: it runs only where the
 * cycles left to c->cycle_limit cover its bound and the model's words (struct jit_timing
 * entry_words: e31, each of its cache lines the one fetched last in its set) hold; else it
 * leaves, not run, through the jumps whose fields it puts in bail (returns how many). */
static unsigned traced_entry(struct rv_cpu *c, struct rv_jit *j, struct jit_block *b,
                             uint8_t *bail[JIT_ENTRY_WORDS + 2])
{
    const struct jit_timing *tt = c->tm_model->jit;
    uint32_t off[JIT_ENTRY_WORDS + 1], val[JIT_ENTRY_WORDS + 1];
    unsigned k = tt->entry_words ? tt->entry_words(c, b, off, val) : 0, n = 0;
    bool never = b->bound > INT32_MAX || k > JIT_ENTRY_WORDS;
    for (unsigned i = 0; i < k && !never; i++)
        never = !reach((const uint8_t *)c->tm + off[i]);
    if (never) {
        bail[n++] = jfwd(j, -1);
        return n;
    }
    /* cycle + bound <= cycle_limit (which may be 0, kicked, or UINT64_MAX; the sum, of a
     * cycle count and a bound below 2^31, does not wrap) */
    xmem(j, 0, true, "\x8b", 1, EAX, &c->cycle); /* mov rax, [cycle] */
    bytes(j, "\x48\x05", 2), b4(j, b->bound);    /* add rax, bound */
    xmem(j, 0, true, "\x3b", 1, EAX, &c->cycle_limit); /* cmp rax, [cycle_limit] */
    bail[n++] = jfwd(j, CC_A);
    for (unsigned i = 0; i < k; i++) {
        xmem(j, 0, false, "\x81", 1, 7, (const uint8_t *)c->tm + off[i]); /* cmp [w], v */
        b4(j, val[i]);
        bail[n++] = jfwd(j, CC_NE);
    }
    return n;
}

/* Call fn(c, b, taken) from a tail: r8 and r9 (the windows' host pointers) and the
 * caller-saved host registers of guest registers (hreg: rsi, rdi, r10, r11) kept, the stack
 * aligned (the code runs at 8 mod 16: the entry pushed six registers after the return
 * address); its result in ecx, the start in rdx again after it.  (The model's functions
 * read c->jit_trace, c->pc and their own state, never c->x, which is not current here.) */
static void tail_call(struct rv_cpu *c, struct rv_jit *j, struct jit_block *b, void *fn,
                      unsigned taken)
{
    static const uint8_t caller_saved[] = {8, 9, ESI, EDI, R10, R11};
    uint8_t kept[sizeof(caller_saved)];
    unsigned nkept = 0;
    for (unsigned i = 0; i < sizeof(caller_saved); i++) {
        bool used = i < 2;
        for (unsigned r = 1; r < 32 && !used; r++)
            used = hreg[r] == caller_saved[i];
        if (used)
            kept[nkept++] = caller_saved[i];
    }
    for (unsigned i = 0; i < nkept; i++) { /* push */
        if (kept[i] >= 8)
            b1(j, 0x41);
        b1(j, 0x50 | (kept[i] & 7));
    }
    if (nkept % 2 == 0)
        bytes(j, "\x48\x83\xec\x08", 4); /* sub rsp, 8 */
    b1(j, 0x48), b1(j, 0x8d), b1(j, 0xbb);           /* lea rdi, [rbx - x]: c */
    b4(j, (uint32_t)-(int32_t)offsetof(struct rv_cpu, x));
    b1(j, 0x48), b1(j, 0xbe), b8(j, (uint64_t)(uintptr_t)b); /* mov rsi, b */
    b1(j, 0xba), b4(j, taken);                               /* mov edx, taken */
    b1(j, 0x48), b1(j, 0xb8), b8(j, (uint64_t)(uintptr_t)fn);
    bytes(j, "\xff\xd0\x89\xc1", 4); /* call rax; mov ecx, eax */
    if (nkept % 2 == 0)
        bytes(j, "\x48\x83\xc4\x08", 4); /* add rsp, 8 */
    while (nkept--) { /* pop */
        if (kept[nkept] >= 8)
            b1(j, 0x41);
        b1(j, 0x58 | (kept[nkept] & 7));
    }
    xmem(j, 0, true, "\x8b", 1, EDX, &c->cycle);     /* mov rdx, [cycle] */
}

/* mov rax, [p]; sub rax, rdx; cmp rax, v: the 64-bit cycle at p against start + v, signed */
static void cmp_from_start(struct rv_jit *j, const void *p, uint32_t v)
{
    xmem(j, 0, true, "\x8b", 1, EAX, p);
    bytes(j, "\x48\x29\xd0\x48\x3d", 5), b4(j, v);
}

/* lea rax, [rdx + v]: start + v */
static void start_plus(struct rv_jit *j, uint32_t v) { bytes(j, "\x48\x8d\x82", 3), b4(j, v); }

/* A tail's end (JIT_TAIL_END o; rdx the start, ecx what the predictor added where pen):
 * the cycles, the late registers as run_e31.c's block_sched leaves them (with stay, the
 * last late cycle before still after the end: mask = o->mask | (stay ? mask & ~written :
 * 0), until the later of start + late (where o->mask) and, with stay, until), the count,
 * and on to the next block. */
static void tail_end(struct rv_cpu *c, struct rv_jit *j, struct jit_block *b,
                     const struct jit_tail *o, bool pen, uint32_t target, bool indirect,
                     uint8_t *alt)
{
    start_plus(j, o->v);
    if (pen)
        bytes(j, "\x48\x01\xc8", 3); /* add rax, rcx */
    xmem(j, 0, true, "\x89", 1, EAX, &c->cycle);
    xmem(j, 0, true, "\x89", 1, EAX, o->p);
    xmem(j, 0, true, "\x8b", 1, ECX, &c->jit_late_until);
    bytes(j, "\x48\x39\xc1", 3); /* cmp rcx, rax */
    uint8_t *stay = jfwd8(j, CC_A);
    xmem(j, 0, false, "\xc7", 1, 0, &c->jit_late_mask), b4(j, o->mask);
    if (o->mask) {
        start_plus(j, o->late);
        xmem(j, 0, true, "\x89", 1, EAX, &c->jit_late_until);
    } else {
        xmem(j, 0, true, "\xc7", 1, 0, &c->jit_late_until), b4(j, 0);
    }
    uint8_t *done = jfwd8(j, -1), *done2 = NULL;
    here8(j, stay);
    xmem(j, 0, false, "\x81", 1, ALU_AND, &c->jit_late_mask), b4(j, ~o->written);
    if (o->mask) {
        xmem(j, 0, false, "\x81", 1, ALU_OR, &c->jit_late_mask), b4(j, o->mask);
        start_plus(j, o->late);
        bytes(j, "\x48\x39\xc8", 3); /* cmp rax, rcx */
        done2 = jfwd8(j, CC_BE);
        xmem(j, 0, true, "\x89", 1, EAX, &c->jit_late_until);
    }
    here8(j, done);
    if (done2)
        here8(j, done2);
    if (reach(&j->ntail)) {
        xmem(j, 0, true, "\xff", 1, 0, &j->ntail); /* inc qword [ntail] */
    } else {
        b1(j, 0x48), b1(j, 0xb8), b8(j, (uint64_t)(uintptr_t)&j->ntail);
        bytes(j, "\x48\xff\x00", 3); /* inc qword [rax] */
    }
    if (alt)
        set_rel32(alt, j->p);
    if (indirect) {
        emit_lookup(j, true, JIT_EXIT_TIMED);
        return;
    }
    for (unsigned k = 0; k < b->h.nout; k++)
        if (b->h.out[k].target == target) { /* (a way out's second tail: the first's link) */
            jmp_to(j, b->h.out[k].stub);
            return;
        }
    link_to(c, j, &b->h, target);
}

/* An instruction whose ModRM r/m operand is [rbx + rax * 4 + disp32], disp that of field p
 * (reach): an entry of an array from p, rax its index times its size / 4. */
static void xmem_rax4(struct rv_jit *j, bool w, const char *op, unsigned oplen, int reg,
                      const void *p)
{
    if (w)
        b1(j, 0x48);
    bytes(j, op, oplen);
    b1(j, 0x84 | (reg & 7) << 3), b1(j, 0x83); /* SIB: rbx + rax * 4 */
    b4(j, (uint32_t)(int32_t)((const uint8_t *)p - xbase));
}

/* movzx eax, byte [top]; eax = (eax + add) & mask; mov [top], al: the return address stack's
 * top moved (eax: the new one) */
static void ras_move(struct rv_jit *j, uint8_t *top, uint32_t add, uint32_t mask)
{
    xmem(j, 0, false, "\x0f\xb6", 2, EAX, top);
    alu_imm(j, ALU_ADD, EAX, (int32_t)add);
    alu_imm(j, ALU_AND, EAX, (int32_t)mask);
    xmem(j, 0, false, "\x88", 1, EAX, top);
}

/* rax = the BTB entry *where names, times the entries' stride / 4 (xmem_rax4's index: lea
 * for 3, imul otherwise). */
static void btb_entry(struct rv_jit *j, const struct jit_tail_bp *p)
{
    xmem(j, 0, false, "\x0f\xb6", 2, EAX, p->where); /* movzx eax, byte [where] */
    if (p->stride / 4 == 3)
        bytes(j, "\x48\x8d\x04\x40", 4); /* lea rax, [rax + rax * 2] */
    else
        bytes(j, "\x48\x6b\xc0", 3), b1(j, p->stride / 4); /* imul rax, rax, q */
}

/* JIT_TAIL_BRANCH for a jump (struct jit_tail_bp jump): the cycles in ecx. */
static void tail_jump(struct rv_cpu *c, struct rv_jit *j, struct jit_block *b,
                      const struct jit_tail_bp *p, void *fn, unsigned taken)
{
    const uint8_t *e = p->btb;
    uint8_t *slow[6];
    unsigned ns = 0;
    xmem(j, 0, false, "\x80", 1, ALU_CMP, p->filter), b1(j, 1); /* cmp byte [filter], 1 */
    slow[ns++] = jfwd(j, CC_NE);
    btb_entry(j, p);
    xmem_rax4(j, false, "\x81", 1, ALU_CMP, e + p->pc_off), b4(j, p->pc);
    slow[ns++] = jfwd(j, CC_NE);
    xmem_rax4(j, false, "\x80", 1, ALU_CMP, e + p->kind_off), b1(j, p->kind);
    slow[ns++] = jfwd(j, CC_NE);
    if (p->ret) { /* the stack's top, which must hold one */
        xmem(j, 0, false, "\x80", 1, ALU_CMP, p->ras_n), b1(j, 0);
        slow[ns++] = jfwd(j, CC_E);
        xmem(j, 0, false, "\x0f\xb6", 2, EAX, p->ras_top);
        xmem_rax4(j, false, "\x8b", 1, ECX, p->ras);
    } else {
        xmem_rax4(j, false, "\x8b", 1, ECX, e + p->target_off);
    }
    if (p->indirect)
        xmem(j, 0, false, "\x3b", 1, ECX, &c->pc); /* cmp ecx, [pc] */
    else
        b1(j, 0x81), b1(j, 0xf9), b4(j, p->target); /* cmp ecx, target */
    slow[ns++] = jfwd(j, CC_NE);
    if (p->ret) {
        ras_move(j, p->ras_top, p->ras_size - 1, p->ras_size - 1);
        xmem(j, 0, false, "\xfe", 1, 1, p->ras_n); /* dec byte [ras_n] */
    }
    if (p->call) {
        ras_move(j, p->ras_top, 1, p->ras_size - 1);
        xmem_rax4(j, false, "\xc7", 1, 0, p->ras), b4(j, p->fall); /* ras[top] = fall */
        xmem(j, 0, false, "\x80", 1, ALU_CMP, p->ras_n), b1(j, (uint8_t)p->ras_size);
        uint8_t *full = jfwd8(j, CC_AE);
        xmem(j, 0, false, "\xfe", 1, 0, p->ras_n); /* inc byte [ras_n] */
        here8(j, full);
    }
    bytes(j, "\x31\xc9", 2); /* xor ecx, ecx: no cycles */
    uint8_t *done = jfwd(j, -1);
    for (unsigned k = 0; k < ns; k++)
        set_rel32(slow[k], j->p);
    tail_call(c, j, b, fn, taken);
    set_rel32(done, j->p);
}

/* JIT_TAIL_BRANCH (struct jit_tail_bp): the cycles in ecx, as JIT_TAIL_PREDICT leaves them. */
static void tail_branch(struct rv_cpu *c, struct rv_jit *j, struct jit_block *b,
                        const struct jit_tail_bp *p, void *fn, unsigned taken)
{
    const uint8_t *e = p->btb;
    if (p->jump) {
        tail_jump(c, j, b, p, fn, taken);
        return;
    }
    xmem(j, 0, false, "\x0f\xb6", 2, EAX, p->filter); /* movzx eax, byte [filter] */
    bytes(j, "\x3c\x01", 2);                         /* cmp al, 1 */
    uint8_t *not_one = jfwd8(j, CC_NE);
    btb_entry(j, p);
    xmem_rax4(j, false, "\x81", 1, ALU_CMP, e + p->pc_off), b4(j, p->pc);
    uint8_t *nohit = jfwd8(j, CC_NE);
    xmem_rax4(j, false, "\x80", 1, ALU_CMP, e + p->kind_off), b1(j, p->kind);
    uint8_t *slow = jfwd(j, CC_NE);
    xmem(j, 0, false, "\x80", 1, ALU_CMP, p->counter), b1(j, 2); /* cmp byte [counter], 2 */
    uint8_t *ptfall = jfwd8(j, CC_B);
    xmem_rax4(j, false, "\x8b", 1, ECX, e + p->target_off); /* ecx = the entry's target */
    uint8_t *have = jfwd8(j, -1);
    here8(j, not_one);
    bytes(j, "\x84\xc0", 2); /* test al, al: no entry */
    uint8_t *slow2 = jfwd(j, CC_NE);
    here8(j, nohit);
    here8(j, ptfall);
    b1(j, 0xb9), b4(j, p->fall); /* mov ecx, fall */
    here8(j, have);
    b1(j, 0x81), b1(j, 0xf9), b4(j, p->target); /* cmp ecx, target */
    b1(j, 0xb9), b4(j, 0);                     /* mov ecx, 0 (flags kept) */
    uint8_t *hit = jfwd8(j, CC_E);
    uint8_t *slow3 = NULL;
    if (taken) {
        slow3 = jfwd(j, -1); /* (the BTB to write: fn) */
    } else {
        b1(j, 0xb9), b4(j, p->penalty);
        xmem(j, 0, true, "\x81", 1, ALU_ADD, p->stall), b4(j, p->penalty);
    }
    here8(j, hit);
    xmem(j, 0, false, "\x80", 1, ALU_CMP, p->counter), b1(j, taken ? 3 : 0);
    uint8_t *sat = jfwd8(j, CC_E);
    xmem(j, 0, false, "\xfe", 1, taken ? 0 : 1, p->counter); /* inc / dec byte [counter] */
    here8(j, sat);
    uint8_t *done = jfwd(j, -1);
    set_rel32(slow, j->p);
    set_rel32(slow2, j->p);
    if (slow3)
        set_rel32(slow3, j->p);
    tail_call(c, j, b, fn, taken);
    set_rel32(done, j->p);
}

bool jit_host_tail(struct rv_cpu *c, struct rv_jit *j, struct jit_block *b, unsigned taken,
                   const struct jit_tail *ops, unsigned n, uint32_t target, bool indirect)
{
    xbase = (const uint8_t *)c->x;
    hreg = map_of(j);
    for (unsigned i = 0; i < n; i++) {
        const struct jit_tail_bp *p = ops[i].kind == JIT_TAIL_BRANCH ? ops[i].p : NULL;
        if (p ? !reach(p->filter) || !reach(p->where) || !reach(p->counter) ||
                    !reach(p->stall) || !reach(p->btb) || p->stride % 4 ||
                    p->stride / 4 > 127 ||
                    (p->jump && (!reach(p->ras) || !reach(p->ras_top) || !reach(p->ras_n) ||
                                 !p->ras_size || (p->ras_size & (p->ras_size - 1)) ||
                                 p->ras_size > 127))
              : (ops[i].p && !reach(ops[i].p)) || (ops[i].q && !reach(ops[i].q)))
            return false;
    }
    uint8_t *at = b->tail_at[taken], *code = j->p;
    int32_t rel;
    memcpy(&rel, at, 4);
    const uint8_t *bail = at + 4 + rel; /* (where the jump went: the leaving, or the tail
                                         * made before, jit.h rv_jit_tail) */
    xmem(j, 0, true, "\x8b", 1, EDX, &c->cycle); /* rdx = start */
    struct {
        uint8_t *field;
        unsigned to;
    } skip[4]; /* jumps over operations (SKIP, ELSE): to the operation to */
    unsigned nskip = 0;
    bool pen = false;
    uint8_t *alt = NULL; /* (JIT_TAIL_ALT's jump on to the next block) */
    for (unsigned i = 0; i < n; i++) {
        const struct jit_tail *o = &ops[i];
        for (unsigned k = 0; k < nskip; k++)
            if (skip[k].to == i)
                set_rel32(skip[k].field, j->p), skip[k--] = skip[--nskip];
        switch (o->kind) {
        case JIT_TAIL_EQ8:
            xmem(j, 0, false, "\x80", 1, ALU_CMP, o->p), b1(j, o->v);
            set_rel32(jfwd(j, CC_NE), bail);
            break;
        case JIT_TAIL_EQ32:
            xmem(j, 0, false, "\x81", 1, ALU_CMP, o->p), b4(j, o->v);
            set_rel32(jfwd(j, CC_NE), bail);
            break;
        case JIT_TAIL_SKIP:
            xmem(j, 0, false, "\xf7", 1, 0, &c->jit_late_mask), b4(j, o->mask); /* test */
            skip[nskip].field = jfwd(j, CC_E), skip[nskip++].to = i + 1 + o->v;
            xmem(j, 0, true, "\x39", 1, EDX, &c->jit_late_until); /* cmp [until], rdx */
            skip[nskip].field = jfwd(j, CC_BE), skip[nskip++].to = i + 1 + o->v;
            break;
        case JIT_TAIL_ALT: {
            tail_call(c, j, b, o->fn, taken);
            bytes(j, "\x80\xf9\x01", 3); /* cmp cl, 1 */
            uint8_t *on = jfwd(j, CC_E);
            set_rel32(jfwd(j, CC_B), bail);
            alt = jfwd(j, -1);
            set_rel32(on, j->p);
            break;
        }
        case JIT_TAIL_ELSE: {
            cmp_from_start(j, o->p, o->v);
            uint8_t *here = jfwd(j, CC_LE);
            tail_call(c, j, b, o->fn, taken);
            bytes(j, "\x84\xc9", 2); /* test cl, cl */
            set_rel32(jfwd(j, CC_E), bail);
            skip[nskip].field = jfwd(j, -1), skip[nskip++].to = i + 1 + o->n;
            set_rel32(here, j->p);
            break;
        }
        case JIT_TAIL_NEWORD:
            xmem(j, 0, false, "\x8b", 1, EAX, o->p); /* mov eax, [p]; xor eax, [q] */
            xmem(j, 0, false, "\x33", 1, EAX, o->q);
            bytes(j, "\x83\xf8\x03", 3); /* cmp eax, 3 */
            set_rel32(jfwd(j, CC_BE), bail);
            break;
        case JIT_TAIL_SETWORD:
            xmem(j, 0, false, "\x8b", 1, EAX, o->q); /* mov eax, [q]; shr eax, 2 */
            bytes(j, "\xc1\xe8\x02", 3);
            xmem(j, 0, false, "\x89", 1, EAX, o->p);
            break;
        case JIT_TAIL_READY:
            cmp_from_start(j, o->p, o->v);
            set_rel32(jfwd(j, CC_G), bail);
            break;
        case JIT_TAIL_CALL:
            tail_call(c, j, b, o->fn, taken);
            bytes(j, "\x84\xc9", 2); /* test cl, cl */
            set_rel32(jfwd(j, CC_E), bail);
            break;
        case JIT_TAIL_SET8:
            xmem(j, 0, false, "\xc6", 1, 0, o->p), b1(j, o->v);
            break;
        case JIT_TAIL_SET32:
            xmem(j, 0, false, "\xc7", 1, 0, o->p), b4(j, o->v);
            break;
        case JIT_TAIL_SET64:
            start_plus(j, o->v);
            xmem(j, 0, true, "\x89", 1, EAX, o->p);
            break;
        case JIT_TAIL_ADD64:
            xmem(j, 0, true, "\x81", 1, ALU_ADD, o->p), b4(j, o->v);
            break;
        case JIT_TAIL_PREDICT:
            tail_call(c, j, b, o->fn, taken);
            pen = true;
            break;
        case JIT_TAIL_BRANCH:
            tail_branch(c, j, b, o->p, o->fn, taken);
            pen = true;
            break;
        case JIT_TAIL_END:
            tail_end(c, j, b, o, pen, target, indirect, alt);
            break;
        }
    }
    set_rel32(at, code);
    return true;
}

/* ---- a block ---- */

void jit_host_emit(struct rv_cpu *c, struct rv_jit *j, struct jit_head *h,
                   const struct rv_insn *ins, unsigned n)
{
    struct jit_block *b = j->timed || j->traced ? jit_timed(h) : NULL;
    uint32_t start = h->start;
    struct side_exits x;
    x.nslow = x.ncheck = 0;
    uint8_t *bail, *bails[JIT_ENTRY_WORDS + 2];
    unsigned nbail = 0;
    if (j->timed) {
        /* cycles left, signed: were a replay ever to take more than a bound said, the run
         * would end a little late, never run away */
        bytes(j, "\x49\x81\xfc", 3), b4(j, b->bound); /* cmp r12, bound */
        bail = jfwd(j, CC_L);
        b->unchecked = j->p;
    } else if (j->traced) {
        xbase = (const uint8_t *)c->x;
        nbail = traced_entry(c, j, b, bails);
        bail = bails[0];
        b->unchecked = j->p;
    } else {
        bytes(j, "\x49\x83\xec", 3), b1(j, n); /* sub r12, n */
        bail = jfwd(j, CC_B);
    }
    eax_holds = 0;
    hreg = map_of(j);
    if (j->timed && b->ndiv) /* c->jit_divzero = 0: no divisor seen yet */
        b1(j, 0xc7), b1(j, 0x83), b4(j, (uint32_t)OFF(jit_divzero)), b4(j, 0);
    unsigned div_ord = 0;
    uint32_t ipc = start;
    const struct rv_insn *last = &ins[n - 1];
    for (unsigned i = 0; i < n; i++) {
        const struct rv_insn *d = &ins[i];
        unsigned cl = rv_op_class(d->op);
        if (cl == RV_CL_DIV && j->timed)
            note_divisor(j, d, div_ord++);
        if (cl == RV_CL_DIV && j->traced) { /* its operands, before rd may change them */
            trace_reg(j, d->rs1, 2 * i);
            trace_reg(j, d->rs2, 2 * i + 1);
        }
        /* (mul and div to x0: no effect; x[0] stays 0, as everyone reads it directly) */
        if (cl == RV_CL_LOAD || cl == RV_CL_STORE)
            emit_mem(c, j, d, &x, i);
        else if (cl == RV_CL_MUL) {
            if (d->rd)
                emit_mul(j, d);
        } else if (cl == RV_CL_DIV) {
            if (d->rd)
                emit_div(j, d);
        } else if (!rv_op_is(d->op, RV_OF_END)) {
            emit_alu(j, d, ipc);
        }
        if (i + 1 < n)
            ipc += d->len;
    }
    uint32_t next = ipc + last->len;
    static const int branch_cc[] = {[RV_BEQ] = CC_E, [RV_BNE] = CC_NE, [RV_BLT] = CC_L,
                                    [RV_BGE] = CC_GE, [RV_BLTU] = CC_B, [RV_BGEU] = CC_AE};
    switch (last->op) {
    case RV_JAL:
        if (last->rd)
            st_imm(j, last->rd, next);
        exit_to(c, j, h, ipc + (uint32_t)last->imm, true);
        break;
    case RV_JALR:
        ld_sum(j, EAX, last->rs1, last->imm);
        alu_imm(j, ALU_AND, EAX, -2);
        if (last->rd)
            st_imm(j, last->rd, next);
        b1(j, 0x89), b1(j, 0x83), b4(j, (uint32_t)OFF(pc)); /* mov [pc], eax */
        if (j->traced)
            traced_exit(j, b, 0, true, true);
        else if (j->timed)
            timed_exit(c, j, b, 1, 0, true, true);
        else
            emit_lookup(j, false, JIT_EXIT_JUMP);
        break;
    case RV_BEQ: case RV_BNE: case RV_BLT: case RV_BGE: case RV_BLTU: case RV_BGEU: {
        if (last->rs1 && !hreg[last->rs1] && last->rs2 && hreg[last->rs2])
            xrm(j, 0, false, "\x39", 1, hreg[last->rs2], last->rs1); /* cmp x[rs1], h */
        else
            alu_x(j, ALU_CMP, src(j, last->rs1), last->rs2);
        uint8_t *taken = jfwd(j, branch_cc[last->op]);
        exit_to(c, j, h, next, false);
        set_rel32(taken, j->p);
        exit_to(c, j, h, ipc + (uint32_t)last->imm, true);
        break;
    }
    default: exit_to(c, j, h, next, false); break;
    }
    for (unsigned k = 0; k < x.ncheck; k++)
        emit_code_check(j, &x, &x.check[k]);
    /* Leaving before instruction i: the ones before it retired, it goes to the
     * interpreter.  One stub per such instruction. */
    uint8_t *stub[JIT_MAX_INSNS] = {NULL};
    for (unsigned s = 0; s < x.nslow; s++) {
        unsigned index = x.slow[s].index;
        if (!stub[index]) {
            stub[index] = j->p;
            uint32_t spc = start;
            for (unsigned i = 0; i < index; i++)
                spc += ins[i].len;
            if (j->timed || j->traced) { /* which block, and how far it ran */
                b1(j, 0xc7), b1(j, 0x83), b4(j, (uint32_t)OFF(jit_k)), b4(j, index);
                b1(j, 0x48), b1(j, 0xb8), b8(j, (uint64_t)(uintptr_t)b); /* mov rax, b */
                b1(j, 0x48), b1(j, 0x89), b1(j, 0x83), b4(j, (uint32_t)OFF(jit_blk));
            } else {
                refund(j, n - index);
            }
            set_pc(j, spc);
            leave(j, JIT_EXIT_INTERP);
        }
        set_rel32(x.slow[s].field, stub[index]);
    }
    set_rel32(bail, j->p);
    if (j->traced) { /* (entered from a tail: the block did not run) */
        for (unsigned k = 1; k < nbail; k++)
            set_rel32(bails[k], j->p);
        set_pc(j, start);
        leave(j, JIT_EXIT_TIMED);
        return;
    }
    if (!j->timed)
        refund(j, n);
    set_pc(j, start);
    leave(j, JIT_EXIT_BUDGET);
}

/* ---- what the back end emits ---- */

bool jit_host_can_emit(unsigned op)
{
    switch (op) {
    /* emit_alu */
    case RV_LUI: case RV_AUIPC:
    case RV_ADDI: case RV_SLTI: case RV_SLTIU: case RV_XORI: case RV_ORI: case RV_ANDI:
    case RV_SLLI: case RV_SRLI: case RV_SRAI:
    case RV_ADD: case RV_SUB: case RV_SLL: case RV_SLT: case RV_SLTU: case RV_XOR: case RV_SRL:
    case RV_SRA: case RV_OR: case RV_AND:
    /* emit_mem, emit_mul, emit_div */
    case RV_LB: case RV_LH: case RV_LW: case RV_LBU: case RV_LHU: case RV_SB: case RV_SH:
    case RV_SW:
    case RV_MUL: case RV_MULH: case RV_MULHSU: case RV_MULHU:
    case RV_DIV: case RV_DIVU: case RV_REM: case RV_REMU:
    /* emit_bitmanip */
    case RV_SH1ADD: case RV_SH2ADD: case RV_SH3ADD: case RV_ANDN: case RV_ORN: case RV_XNOR:
    case RV_MIN: case RV_MAX: case RV_MINU: case RV_MAXU: case RV_CLZ: case RV_CTZ:
    case RV_SEXT_B: case RV_SEXT_H: case RV_ZEXT_H: case RV_ROL: case RV_ROR: case RV_RORI:
    case RV_REV8: case RV_ORC_B: case RV_BSET: case RV_BCLR: case RV_BINV: case RV_BSETI:
    case RV_BCLRI: case RV_BINVI: case RV_BEXT: case RV_BEXTI: case RV_PACK: case RV_PACKH:
    /* nothing to do: the decode cache and the blocks are kept coherent with stores */
    case RV_FENCE: case RV_FENCE_I:
    /* a block's end */
    case RV_JAL: case RV_JALR:
    case RV_BEQ: case RV_BNE: case RV_BLT: case RV_BGE: case RV_BLTU: case RV_BGEU:
        return true;
    case RV_CPOP: return has_popcnt;
    default: return false;
    }
}

/* ---- entry, exit and links ---- */

/* mov h, [rbx + 4 * r] (load) or mov [rbx + 4 * r], h: guest register r's host register
 * filled or emptied */
static void move_guest(struct rv_jit *j, unsigned r, bool load)
{
    int h = hreg[r];
    if (h >= 8)
        b1(j, 0x44);
    b1(j, load ? 0x8b : 0x89), b1(j, 0x43 | (h & 7) << 3), b1(j, 4 * r);
}

void jit_host_init(struct rv_jit *j)
{
    host_features();
    hreg = map_of(j);
    /* enter(x, budget, code, skey): push rbx, r12, r13, rbp, r14, r15; mov rbx, rdi;
     * mov r12, rsi; (timed) mov r13, rcx; mov rax, rdx; the guest registers' host
     * registers filled; r8, r9 = the windows' host pointers; jmp rax */
    j->enter = (jit_enter_fn)(uintptr_t)j->p;
    bytes(j, "\x53\x41\x54\x41\x55\x55\x41\x56\x41\x57", 10);
    bytes(j, "\x48\x89\xfb\x49\x89\xf4", 6);
    if (j->timed)
        bytes(j, "\x49\x89\xcd", 3);
    bytes(j, "\x48\x89\xd0", 3);
    for (unsigned r = 1; r < 32; r++)
        if (hreg[r])
            move_guest(j, r, true);
    bytes(j, "\x4c\x8b\x83", 3), b4(j, (uint32_t)(OFF(rd_win) + WIN_HOST)); /* mov r8, */
    bytes(j, "\x4c\x8b\x8b", 3), b4(j, (uint32_t)(OFF(wr_win) + WIN_HOST)); /* mov r9, */
    bytes(j, "\xff\xe0", 2);
    /* exit: the guest registers back to c->x; (timed) mov rax, &j->skey; mov [rax], r13;
     * mov rax, r12; pop r15, r14, rbp, r13, r12, rbx; ret (rdx: how) */
    j->exit = j->p;
    for (unsigned r = 1; r < 32; r++)
        if (hreg[r])
            move_guest(j, r, false);
    if (has_avx2 && j->timed)
        bytes(j, "\xc5\xf8\x77", 3); /* vzeroupper: no penalty for the C code's SSE */
    if (j->timed) {
        b1(j, 0x48), b1(j, 0xb8), b8(j, (uint64_t)(uintptr_t)&j->skey);
        bytes(j, "\x4c\x89\x28", 3);
    }
    bytes(j, "\x4c\x89\xe0", 3);
    bytes(j, "\x41\x5f\x41\x5e\x5d\x41\x5d\x41\x5c\x5b\xc3", 11);
}

void jit_host_link(struct jit_link *l, const uint8_t *code)
{
    l->stub[0] = 0xe9; /* jmp to the code, over the stub's first instruction */
    set_rel32(l->stub + 1, code);
}

void jit_host_unlink(struct jit_link *l)
{
    set_pc_at(l->stub, l->target); /* over the jmp */
}

#endif
