/* The instruction loop, built once per timing model.
 *
 * A model's source defines RV_RUN_NAME, includes its timing header (which provides the
 * static inline hooks tm_insn, tm_trap, tm_csr_cycle described in timing.h) and then
 * includes this file.  The loop keeps pc in a local, fetches from the decode cache,
 * executes, lets the model add cycles, and leaves when the cycle limit is reached:
 * one compare per instruction covers the event horizon, stops and the instruction limit. */
#include <string.h>

#include "soc/cpu/riscv/cpu.h"
#include "soc/cpu/riscv/internal.h"

#ifndef RV_RUN_NAME
#error "define RV_RUN_NAME before including run_template.h"
#endif

void RV_RUN_NAME(struct rv_cpu *c)
{
    uint32_t *const x = c->x;
    struct rv_insn *const dc = c->dcache;
    uint32_t pc = c->pc;

    /* Interrupts are checked here only: whatever can make one pending (a line, a CSR
     * write, mret) kicks the loop, so instructions pay nothing for them. */
    if (unlikely(c->mip & c->mie)) {
        c->wfi = false;
        if (c->mstatus & RV_MSTATUS_MIE) {
            uint32_t cause = rv_irq_cause(c);
            c->pc = pc;
            rv_trap(c, cause, 0);
            tm_trap(c, NULL, cause);
            pc = c->pc;
        }
    }
    if (c->wfi)
        return;

/* Raise a synchronous exception for the current instruction and go on at the handler. */
#define TRAP(cause, tval)                                                                      \
    do {                                                                                       \
        c->pc = pc;                                                                            \
        rv_trap(c, (cause), (tval));                                                           \
        tm_trap(c, d, (cause));                                                                \
        pc = c->pc;                                                                            \
        goto next;                                                                             \
    } while (0)

/* Loads and stores: the fast path reaches host memory through the last-hit window. */
#define LOAD(type, size, dst)                                                                  \
    do {                                                                                       \
        uint32_t a_ = x[d->rs1] + (uint32_t)d->imm;                                            \
        uint32_t off_ = a_ - c->rd_win.base;                                                   \
        ex.mem = true;                                                                         \
        ex.mem_addr = a_;                                                                      \
        if (likely(off_ < c->rd_win.lim && !((a_ & ((size) - 1)) && c->misaligned == RV_MISALIGNED_TRAP))) { \
            type v_;                                                                           \
            memcpy(&v_, c->rd_win.host + off_, sizeof(v_));                                    \
            ex.mem_wait = c->rd_win.read_wait;                                                 \
            ex.mem_split = (a_ & ((size) - 1)) && ((a_ & 3) + (size) > 4);                     \
            dst = (uint32_t)v_;                                                                \
        } else {                                                                               \
            uint32_t v_;                                                                       \
            int cause_ = rv_load_slow(c, a_, (size), &v_, &ex);                                \
            if (cause_ >= 0)                                                                   \
                TRAP(cause_, a_);                                                              \
            dst = (uint32_t)(type)v_;                                                          \
        }                                                                                      \
    } while (0)

#define STORE(size)                                                                            \
    do {                                                                                       \
        uint32_t a_ = x[d->rs1] + (uint32_t)d->imm;                                            \
        uint32_t v_ = x[d->rs2];                                                               \
        uint32_t off_ = a_ - c->wr_win.base;                                                   \
        ex.mem = true;                                                                         \
        ex.mem_addr = a_;                                                                      \
        if (likely(off_ < c->wr_win.lim && !rv_page_watched(c, a_) && !((a_ & ((size) - 1)) && c->misaligned == RV_MISALIGNED_TRAP))) { \
            memcpy(c->wr_win.host + off_, &v_, (size));                                        \
            ex.mem_wait = c->wr_win.write_wait;                                                \
            ex.mem_split = (a_ & ((size) - 1)) && ((a_ & 3) + (size) > 4);                     \
        } else {                                                                               \
            c->pc = pc;                                                                        \
            int cause_ = rv_store_slow(c, a_, (size), v_, &ex);                                \
            if (cause_ >= 0)                                                                   \
                TRAP(cause_, a_);                                                              \
        }                                                                                      \
    } while (0)

#define BRANCH(cond)                                                                           \
    do {                                                                                       \
        ex.a = x[d->rs1];                                                                      \
        ex.b = x[d->rs2];                                                                      \
        if (cond) {                                                                            \
            ex.next_pc = pc + (uint32_t)d->imm;                                                \
            ex.taken = true;                                                                   \
        }                                                                                      \
    } while (0)

    while (likely(c->cycle < c->cycle_limit)) {
        struct rv_insn *d = &dc[(pc >> 1) & (RV_DCACHE_SIZE - 1)];
        if (unlikely(d->pc != pc || !(d->flags & RV_F_VALID)))
            rv_fill(c, pc, d);
        struct rv_exec ex;
        ex.next_pc = pc + d->len;
        ex.taken = false;
        ex.mem = false;
        ex.mem_split = false;
        ex.mem_wait = 0;
        ex.csr_flush = false;
        uint32_t rs1v = x[d->rs1], rs2v = x[d->rs2];
        uint32_t rdv;

        switch (d->op) {
        case RV_LUI: x[d->rd] = (uint32_t)d->imm; break;
        case RV_AUIPC: x[d->rd] = pc + (uint32_t)d->imm; break;
        case RV_JAL:
            x[d->rd] = pc + d->len;
            ex.next_pc = pc + (uint32_t)d->imm;
            ex.taken = true;
            break;
        case RV_JALR:
            ex.next_pc = (rs1v + (uint32_t)d->imm) & ~1u;
            x[d->rd] = pc + d->len;
            ex.taken = true;
            break;
        case RV_BEQ: BRANCH(rs1v == rs2v); break;
        case RV_BNE: BRANCH(rs1v != rs2v); break;
        case RV_BLT: BRANCH((int32_t)rs1v < (int32_t)rs2v); break;
        case RV_BGE: BRANCH((int32_t)rs1v >= (int32_t)rs2v); break;
        case RV_BLTU: BRANCH(rs1v < rs2v); break;
        case RV_BGEU: BRANCH(rs1v >= rs2v); break;
        case RV_LB: LOAD(int8_t, 1, rdv); x[d->rd] = rdv; break;
        case RV_LH: LOAD(int16_t, 2, rdv); x[d->rd] = rdv; break;
        case RV_LW: LOAD(uint32_t, 4, rdv); x[d->rd] = rdv; break;
        case RV_LBU: LOAD(uint8_t, 1, rdv); x[d->rd] = rdv; break;
        case RV_LHU: LOAD(uint16_t, 2, rdv); x[d->rd] = rdv; break;
        case RV_SB: STORE(1); break;
        case RV_SH: STORE(2); break;
        case RV_SW: STORE(4); break;
        case RV_ADDI: x[d->rd] = rs1v + (uint32_t)d->imm; break;
        case RV_SLTI: x[d->rd] = (int32_t)rs1v < d->imm; break;
        case RV_SLTIU: x[d->rd] = rs1v < (uint32_t)d->imm; break;
        case RV_XORI: x[d->rd] = rs1v ^ (uint32_t)d->imm; break;
        case RV_ORI: x[d->rd] = rs1v | (uint32_t)d->imm; break;
        case RV_ANDI: x[d->rd] = rs1v & (uint32_t)d->imm; break;
        case RV_SLLI: x[d->rd] = rs1v << d->imm; break;
        case RV_SRLI: x[d->rd] = rs1v >> d->imm; break;
        case RV_SRAI: x[d->rd] = (uint32_t)((int32_t)rs1v >> d->imm); break;
        case RV_ADD: x[d->rd] = rs1v + rs2v; break;
        case RV_SUB: x[d->rd] = rs1v - rs2v; break;
        case RV_SLL: x[d->rd] = rs1v << (rs2v & 31); break;
        case RV_SLT: x[d->rd] = (int32_t)rs1v < (int32_t)rs2v; break;
        case RV_SLTU: x[d->rd] = rs1v < rs2v; break;
        case RV_XOR: x[d->rd] = rs1v ^ rs2v; break;
        case RV_SRL: x[d->rd] = rs1v >> (rs2v & 31); break;
        case RV_SRA: x[d->rd] = (uint32_t)((int32_t)rs1v >> (rs2v & 31)); break;
        case RV_OR: x[d->rd] = rs1v | rs2v; break;
        case RV_AND: x[d->rd] = rs1v & rs2v; break;
        case RV_MUL:
        case RV_MULH:
        case RV_MULHSU:
        case RV_MULHU:
        case RV_DIV:
        case RV_DIVU:
        case RV_REM:
        case RV_REMU:
            ex.a = rs1v;
            ex.b = rs2v;
            x[d->rd] = rv_muldiv(d->op, rs1v, rs2v);
            break;
        case RV_FENCE: break;
        case RV_FENCE_I: break; /* the decode cache is kept coherent with stores */
        case RV_ECALL: TRAP(RV_EXC_ECALL_M, 0);
        case RV_EBREAK:
            c->pc = pc;
            if (rv_semihosting(c))
                break; /* a semihosting call, done: it retires like a nop */
            TRAP(RV_EXC_BREAKPOINT, pc);
        case RV_MRET:
            ex.next_pc = rv_mret(c);
            ex.taken = true;
            rv_cpu_kick(c); /* MIE may have been set: check interrupts */
            break;
        case RV_WFI:
            if (!(c->mip & c->mie)) {
                c->wfi = true;
                rv_cpu_kick(c);
            }
            break;
        case RV_CSRRW:
        case RV_CSRRS:
        case RV_CSRRC:
        case RV_CSRRWI:
        case RV_CSRRSI:
        case RV_CSRRCI: {
            uint32_t old;
            c->pc = pc;
            if (rv_csr_op(c, d, rs1v, &old, tm_csr_cycle(c), &ex))
                TRAP(RV_EXC_ILLEGAL, d->raw);
            x[d->rd] = old;
            break;
        }
        case RV_LR_W:
        case RV_SC_W:
        case RV_AMOSWAP_W:
        case RV_AMOADD_W:
        case RV_AMOXOR_W:
        case RV_AMOAND_W:
        case RV_AMOOR_W:
        case RV_AMOMIN_W:
        case RV_AMOMAX_W:
        case RV_AMOMINU_W:
        case RV_AMOMAXU_W: {
            uint32_t old;
            if (unlikely(!c->has_a))
                TRAP(RV_EXC_ILLEGAL, d->raw);
            c->pc = pc;
            ex.mem = true;
            ex.mem_addr = rs1v;
            int cause = rv_amo(c, d->op, rs1v, rs2v, &old, &ex);
            if (cause >= 0)
                TRAP(cause, rs1v);
            x[d->rd] = old;
            break;
        }
        case RV_FETCH_FAULT: TRAP(RV_EXC_INSN_FAULT, (uint32_t)d->imm);
        case RV_DEBUG_BREAK:
            c->pc = pc;
            rv_debug_break(c);
            goto out;
        default: TRAP(RV_EXC_ILLEGAL, d->raw);
        }
        x[0] = 0;
        c->instret++;
        tm_insn(c, d, &ex);
        pc = ex.next_pc;
    next:;
    }
out:
    c->pc = pc;
#undef TRAP
#undef LOAD
#undef STORE
#undef BRANCH
}
