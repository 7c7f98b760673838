/* The instruction loop, built once per timing model.
 *
 * A model's source defines RV_RUN_NAME, includes its timing header (which provides the
 * static inline hooks tm_insn, tm_trap, tm_csr_cycle described in timing.h) and then
 * includes this file.  The loop keeps pc in a local, fetches from the decode cache,
 * executes, lets the model add cycles, and leaves when the cycle limit is reached:
 * one compare per instruction covers the event horizon, stops and the instruction limit. */
#include <string.h>

#include "soc/cpu/riscv/bitmanip.h"
#include "soc/cpu/riscv/cpu.h"
#include "soc/cpu/riscv/internal.h"

#ifndef RV_RUN_NAME
#error "define RV_RUN_NAME before including run_template.h"
#endif

/* A model that needs nothing but next_pc from struct rv_exec (the functional model)
 * defines TM_EXEC_INFO 0, and the fast paths skip filling it in. */
#ifndef TM_EXEC_INFO
#define TM_EXEC_INFO 1
#endif
#define EX_SET(field, v)                                                                       \
    do {                                                                                       \
        if (TM_EXEC_INFO)                                                                      \
            ex.field = (v);                                                                    \
    } while (0)

/* A model whose every retired instruction costs exactly one cycle (the functional model)
 * defines TM_ONE_CYCLE 1: the loop then counts retired instructions in a local and checks
 * it against a local budget, and writes cycle and instret back around every call out of
 * the loop (SYNC_OUT) and re-reads the limit after it (SYNC_IN): a call is the only place
 * where a device can read the time, or a kick can lower the limit. */
#ifndef TM_ONE_CYCLE
#define TM_ONE_CYCLE 0
#endif
#if TM_ONE_CYCLE
#define SYNC_OUT()                                                                             \
    do {                                                                                       \
        c->cycle += n_;                                                                        \
        c->instret += n_;                                                                      \
        n_ = 0;                                                                                \
    } while (0)
#define SYNC_IN() (budget_ = c->cycle_limit > c->cycle ? c->cycle_limit - c->cycle : 0)
#define RUNNING() likely(n_ < budget_)
#define RETIRE(k_) n_++
#else
#ifdef TM_INSN_LOOP
/* A model with its own TM_INSN_LOOP (below) has the loop keep c->cycle in a local (cyc_),
 * which TM_INSN_LOOP moves on, written back around every call out of the loop and read
 * again after it. */
#define SYNC_OUT() (c->cycle = cyc_)
#define SYNC_IN() (cyc_ = c->cycle)
#define RUNNING() likely(cyc_ < c->cycle_limit)
#else
#define SYNC_OUT() ((void)0)
#define SYNC_IN() ((void)0)
#define RUNNING() likely(c->cycle < c->cycle_limit)
#endif
#define RETIRE(k_)                                                                             \
    do {                                                                                       \
        ex.next_pc = npc;                                                                      \
        c->instret++;                                                                          \
        TM_INSN(k_);                                                                           \
    } while (0)
#endif
/* A model whose harts decode no bit-manipulation instruction (the e31 model) defines
 * TM_BITMANIP 0: their operations get no handlers of their own, only labels on the illegal
 * instruction's, which the decoder never sends them to. */
#ifndef TM_BITMANIP
#define TM_BITMANIP 1
#endif
/* A model that defines TM_STATE (the type of its state, c->tm) has the loop hold c->tm in
 * a local (it does not change while the CPU exists) and pass it to tm_insn after op.  A
 * model that defines TM_LOCAL (a type) has the loop keep its pipeline state in a local of
 * that type, copied from c->tm by tm_local_in and back by tm_local_out around every call
 * out of the loop, and passed to tm_insn next.  An includer that builds one loop per
 * configuration defines TM_INSN_CONFIG as the extra constant arguments of tm_insn
 * (", a, b"). */
#ifndef TM_INSN_CONFIG
#define TM_INSN_CONFIG
#endif
/* A model that defines TM_INSN_LOOP (a function taking what tm_insn takes, and after d the
 * instruction's pc, which the loop holds in a register, and the loop's cycle, &cyc_ above) has the loop call it instead of tm_insn, and one that defines
 * TM_ENTER(c) has it called where the loop starts (the e31 model: its loop's own
 * shortcuts, which the translated code's callers of tm_insn do not keep). */
#ifdef TM_INSN_LOOP
#define TM_INSN_CALL(...) TM_INSN_LOOP(c, d, pc, &cyc_, __VA_ARGS__)
#else
#define TM_INSN_CALL(...) tm_insn(c, d, __VA_ARGS__)
#endif
#ifdef TM_STATE
#define TM_STATE_ARG , ts_
#else
#define TM_STATE_ARG
#endif
#ifdef TM_LOCAL
#define LOCAL_IN() tm_local_in(c, &tl_)
#define LOCAL_OUT() tm_local_out(c, &tl_)
#define TM_INSN(k_) TM_INSN_CALL(&ex, (k_)TM_STATE_ARG, &tl_ TM_INSN_CONFIG)
#else
#define LOCAL_IN() ((void)0)
#define LOCAL_OUT() ((void)0)
#define TM_INSN(k_) TM_INSN_CALL(&ex, (k_)TM_STATE_ARG TM_INSN_CONFIG)
#endif
/* The observed variant (RV_OBSERVED defined, to 1): the same loop, which also tells the
 * observers (soc/cpu.h, observe.c) of every instruction it retires and every trap it
 * enters, for the profile, the trace and the commit log.  A model builds it once more
 * under another name (run_observed in its declaration); the CPU runs it, interpreted,
 * while an observer listens, and the plain loops have none of this.  OBS_FETCH keeps the
 * operands as they were before the instruction (a load may overwrite its base). */
#ifndef RV_OBSERVED
#define RV_OBSERVED 0
#endif
#if RV_OBSERVED
#define OBS_FETCH()                                                                            \
    do {                                                                                       \
        oa_ = x[d->rs1];                                                                       \
        ob_ = x[d->rs2];                                                                       \
    } while (0)
#define OBS(expr)                                                                              \
    do {                                                                                       \
        SYNC_OUT();                                                                            \
        expr;                                                                                  \
        SYNC_IN();                                                                             \
    } while (0)
#define OBS_RETIRE() OBS(rv_obs_insn(c, pc, d, npc, oa_, ob_))
#define OBS_TRAP() OBS(rv_obs_trap(c, d))
#else
#define OBS_FETCH() ((void)0)
#define OBS_RETIRE() ((void)0)
#define OBS_TRAP() ((void)0)
#endif
/* Call out of the loop with the counters written back. */
#define CALL(expr)                                                                             \
    do {                                                                                       \
        SYNC_OUT();                                                                            \
        LOCAL_OUT();                                                                           \
        expr;                                                                                  \
        LOCAL_IN();                                                                            \
        SYNC_IN();                                                                             \
    } while (0)
/* The same for a call that fills in the exec record: expr gets &ex_, a copy, so that ex
 * itself never escapes (the compiler keeps it in registers and drops unread stores). */
#define CALL_EX(expr)                                                                          \
    do {                                                                                       \
        struct rv_exec ex_ = ex;                                                               \
        CALL(expr);                                                                            \
        ex = ex_;                                                                              \
    } while (0)

void RV_RUN_NAME(struct rv_cpu *c)
{
/* The registers, at their constant offset in the CPU: a pointer local of their own was one
 * more value for the handlers to hold, which GCC kept on the stack in the e31 loop and
 * reloaded in every handler (make bench-profile mix e31-interp 62.3 -> 61.2, ibex-interp
 * 73.2 -> 71.1 host instructions per guest instruction; interp 24.3 unchanged). */
#define x (c->x)
    uint32_t pc = c->pc;

    /* Interrupts are checked here only: whatever can make one pending (a line, a CSR
     * write, mret) kicks the loop, so instructions pay nothing for them.  A model that
     * defines TM_IRQ_LATE lets the instruction it says goes first run before the interrupt
     * is taken: one instruction, then the loop is back here. */
#ifdef TM_IRQ_LATE
    if (unlikely(c->mip & c->mie) && TM_IRQ_LATE(c)) {
        if (c->cycle_limit > c->cycle + 1)
            c->cycle_limit = c->cycle + 1;
    } else
#endif
    if (unlikely(c->mip & c->mie)) {
        uint32_t cause = rv_irq_take(c);
        if (cause) {
            tm_trap(c, NULL, cause);
            if (OUTPUT_HOOK(true))
                rv_irq_entered(c, cause); /* (latency figures, observers) */
            pc = c->pc;
        }
    }
    if (c->wfi)
        return;
#ifdef TM_ENTER
    TM_ENTER(c);
#endif
    /* The decode cache of the privilege level (cpu.h): it changes with the level, so only
     * where a trap or mret changes that. */
    struct rv_insn *dc = c->dcache;

/* Raise a synchronous exception for the current instruction and go on at the handler. */
#define TRAP(cause, tval)                                                                      \
    do {                                                                                       \
        c->pc = pc;                                                                            \
        CALL(rv_trap(c, (cause), (tval)); tm_trap(c, d, (cause)));                             \
        OBS_TRAP();                                                                            \
        pc = c->pc;                                                                            \
        dc = c->dcache;                                                                        \
        goto next;                                                                             \
    } while (0)

/* A slow memory path's failure: an exception, or a watchpoint, which stops the run before
 * the instruction executes (gdb's RISC-V port steps over it itself).  The slow path kicked
 * the loop, so it leaves at the next check with pc on the instruction; going there rather
 * than straight out keeps the loop's exits few, and its registers where they were (one
 * more edge to `out` from every memory handler cost the interpreted loop 1.5 host
 * instructions per guest instruction: GCC gave the label table's register up). */
#define MEM_FAIL(cause, tval)                                                                  \
    do {                                                                                       \
        if ((cause) == RV_MEM_WATCH_STOP)                                                      \
            goto next;                                                                         \
        TRAP((cause), (tval));                                                                 \
    } while (0)

/* Loads and stores: the fast path reaches host memory through the last-hit window. */
#define LOAD(type, size, dst)                                                                  \
    do {                                                                                       \
        uint32_t a_ = x[d->rs1] + (uint32_t)d->imm;                                            \
        uint32_t off_ = a_ - c->rd_win.base;                                                   \
        EX_SET(mem, true);                                                                     \
        EX_SET(mem_addr, a_);                                                                  \
        if (likely(off_ < c->rd_win.lim && !((a_ & ((size) - 1)) && c->misaligned == RV_MISALIGNED_TRAP))) { \
            type v_;                                                                           \
            memcpy(&v_, c->rd_win.host + off_, sizeof(v_));                                    \
            EX_SET(mem_wait, c->rd_win.read_wait);                                             \
            EX_SET(mem_split, (a_ & ((size) - 1)) && ((a_ & 3) + (size) > 4));                 \
            dst = (uint32_t)v_;                                                                \
        } else {                                                                               \
            uint32_t v_;                                                                       \
            int cause_;                                                                        \
            CALL_EX(cause_ = rv_load_slow(c, a_, (size), &v_, &ex_));                          \
            if (cause_ >= 0)                                                                   \
                MEM_FAIL(cause_, a_);                                                          \
            dst = (uint32_t)(type)v_;                                                          \
        }                                                                                      \
    } while (0)

/* A store takes the fast path when it has nothing to invalidate or report: its pages hold
 * no code and are not watched, or it is beside the code on its page (internal.h). */
#define STORE(size)                                                                            \
    do {                                                                                       \
        uint32_t a_ = x[d->rs1] + (uint32_t)d->imm;                                            \
        uint32_t v_ = x[d->rs2];                                                               \
        uint32_t off_ = a_ - c->wr_win.base;                                                   \
        EX_SET(mem, true);                                                                     \
        EX_SET(mem_addr, a_);                                                                  \
        if (likely(off_ < c->wr_win.lim &&                                                     \
                   (rv_pages_plain(c, a_) || rv_store_beside_code(c, a_, (size))) &&           \
                   !((a_ & ((size) - 1)) && c->misaligned == RV_MISALIGNED_TRAP))) {           \
            memcpy(c->wr_win.host + off_, &v_, (size));                                        \
            EX_SET(mem_wait, c->wr_win.write_wait);                                            \
            EX_SET(mem_split, (a_ & ((size) - 1)) && ((a_ & 3) + (size) > 4));                 \
        } else {                                                                               \
            c->pc = pc;                                                                        \
            int cause_;                                                                        \
            CALL_EX(cause_ = rv_store_slow(c, a_, (size), v_, &ex_));                          \
            if (cause_ >= 0)                                                                   \
                MEM_FAIL(cause_, a_);                                                          \
        }                                                                                      \
    } while (0)

#define MULDIV(op)                                                                             \
    do {                                                                                       \
        EX_SET(a, rs1v);                                                                       \
        EX_SET(b, rs2v);                                                                       \
        x[d->rd] = rv_muldiv(op, rs1v, rs2v);                                                  \
    } while (0)

/* A bit-manipulation operation (bitmanip.h): rs2's value or the immediate, and rs3's for the
 * ternary ones, as the operation table says it reads them.  Its label is cold: with these
 * 64 handlers as hot as the rest, GCC gave the decode cache's base and the label table's
 * registers up in every handler (make bench-profile interp 24.2 -> 26.7 host instructions
 * per guest instruction; cold, 24.2).  (GCC only: clang takes cold for functions.) */
#if defined(__GNUC__) && !defined(__clang__)
#define COLD_LABEL __attribute__((cold))
#else
#define COLD_LABEL
#endif
#define BITMANIP(name)                                                                         \
    case RV_##name: L_RV_##name: COLD_LABEL;                                                   \
        x[d->rd] = rv_bitmanip(RV_##name, rs1v,                                                \
                               rv_op_is(RV_##name, RV_OF_R2) ? rs2v : (uint32_t)d->imm,        \
                               rv_op_is(RV_##name, RV_OF_R3) ? x[rv_rs3(d->imm)] : 0);         \
        NEXT_OP(RV_##name);
#define BITMANIP_LABEL(name) case RV_##name: L_RV_##name:
/* Every bit-manipulation operation of the operation table. */
#define BITMANIP_OPS(X)                                                                        \
    X(SH1ADD) X(SH2ADD) X(SH3ADD) X(ANDN) X(ORN) X(XNOR) X(CLZ) X(CTZ) X(CPOP) X(MAX) X(MAXU)  \
    X(MIN) X(MINU) X(SEXT_B) X(SEXT_H) X(ZEXT_H) X(ROL) X(ROR) X(RORI) X(ORC_B) X(REV8)        \
    X(CLMUL) X(CLMULH) X(CLMULR) X(BCLR) X(BCLRI) X(BEXT) X(BEXTI) X(BINV) X(BINVI) X(BSET)    \
    X(BSETI) X(PACK) X(PACKU) X(PACKH) X(SLO) X(SRO) X(SLOI) X(SROI) X(GREV) X(GREVI) X(GORC)  \
    X(GORCI) X(SHFL) X(UNSHFL) X(SHFLI) X(UNSHFLI) X(XPERM_N) X(XPERM_B) X(XPERM_H) X(BFP)     \
    X(CMIX) X(CMOV) X(FSL) X(FSR) X(FSRI) X(CRC32_B) X(CRC32_H) X(CRC32_W) X(CRC32C_B)         \
    X(CRC32C_H) X(CRC32C_W) X(BCOMPRESS) X(BDECOMPRESS)

#define BRANCH(cond)                                                                           \
    do {                                                                                       \
        EX_SET(a, x[d->rs1]);                                                                  \
        EX_SET(b, x[d->rs2]);                                                                  \
        if (cond) {                                                                            \
            npc = pc + (uint32_t)d->imm;                                                       \
            EX_SET(taken, true);                                                               \
        }                                                                                      \
    } while (0)

    /* Threaded dispatch: each operation's address, so every handler can end in its own
     * indirect jump (better predicted than one shared switch jump).  One entry per row of
     * the operation table (ops.h): a row without a handler below does not compile. */
#define RV_OP_LABEL_(name, ...) [RV_##name] = &&L_RV_##name,
    static const void *const ops[RV_OP_COUNT] = {RV_OPS(RV_OP_LABEL_)};
#undef RV_OP_LABEL_
#if TM_ONE_CYCLE
    uint64_t n_ = 0, budget_;
    SYNC_IN();
#elif defined(TM_INSN_LOOP)
    uint64_t cyc_;
    SYNC_IN();
#endif
#ifdef TM_STATE
    TM_STATE *const ts_ = c->tm;
#endif
#ifdef TM_LOCAL
    TM_LOCAL tl_;
    LOCAL_IN();
#endif
    struct rv_insn *d;
    struct rv_insn d_kept_; /* a CSR instruction's entry, which its own write may flush */
    struct rv_exec ex;
    uint32_t npc, rdv;
#if RV_OBSERVED
    uint32_t oa_ = 0, ob_ = 0;
#endif
/* Operands are read where a handler needs them, not for every instruction; a handler reads
 * its sources before it writes rd. */
#define rs1v (x[d->rs1])
#define rs2v (x[d->rs2])

/* Look the instruction at pc up (decode it on a miss) and read its operands. */
#define FETCH()                                                                                \
    do {                                                                                       \
        /* &dc[(pc >> 1) & mask], with one shift fewer: the slot is 16 bytes */             \
        d = (struct rv_insn *)((char *)dc + ((pc << 3) & ((RV_DCACHE_SIZE - 1) << 4)));        \
        if (unlikely(d->pc != pc))                                                             \
            rv_fill(c, pc, d);                                                                 \
        /* A predicted branch rather than a data dependency: the host runs ahead to the   \
         * next instruction without waiting for d->len to load.  (npc is kept out of ex,  \
         * so it stays in a register; the empty asm keeps GCC from using a cmov.) */      \
        if (d->len == 4) {                                                                     \
            npc = pc + 4;                                                                      \
        } else {                                                                               \
            __asm__ volatile("");                                                              \
            npc = pc + 2;                                                                      \
        }                                                                                      \
        EX_SET(taken, false);                                                                  \
        EX_SET(mem, false);                                                                    \
        EX_SET(mem_split, false);                                                              \
        EX_SET(mem_wait, 0);                                                                   \
        EX_SET(csr_flush, false);                                                              \
        OBS_FETCH();                                                                           \
    } while (0)
/* The end of every handler: retire, then fetch and jump to the next handler from here, so
 * each handler has its own indirect jump (threaded code).  A handler of one operation
 * names it (NEXT_OP), so the timing model sees its class as a constant. */
#define NEXT NEXT_OP(d->op)
#define NEXT_OP(k_)                                                                            \
    do {                                                                                       \
        x[0] = 0;                                                                              \
        RETIRE(k_);                                                                            \
        OBS_RETIRE();                                                                          \
        pc = npc;                                                                              \
        if (unlikely(!RUNNING()))                                                              \
            goto out;                                                                          \
        FETCH();                                                                               \
        goto *ops[d->op];                                                                      \
    } while (0)

    while (RUNNING()) {
        FETCH();
        goto *ops[d->op];
        switch (d->op) { /* entered through ops[] only */
        case RV_LUI: L_RV_LUI: x[d->rd] = (uint32_t)d->imm; NEXT_OP(RV_LUI);
        case RV_AUIPC: L_RV_AUIPC: x[d->rd] = pc + (uint32_t)d->imm; NEXT_OP(RV_AUIPC);
        case RV_JAL: L_RV_JAL:
            x[d->rd] = pc + d->len;
            npc = pc + (uint32_t)d->imm;
            EX_SET(taken, true);
            NEXT_OP(RV_JAL);
        case RV_JALR: L_RV_JALR:
            npc = (rs1v + (uint32_t)d->imm) & ~1u;
            x[d->rd] = pc + d->len;
            EX_SET(taken, true);
            NEXT_OP(RV_JALR);
        case RV_BEQ: L_RV_BEQ: BRANCH(rs1v == rs2v); NEXT_OP(RV_BEQ);
        case RV_BNE: L_RV_BNE: BRANCH(rs1v != rs2v); NEXT_OP(RV_BNE);
        case RV_BLT: L_RV_BLT: BRANCH((int32_t)rs1v < (int32_t)rs2v); NEXT_OP(RV_BLT);
        case RV_BGE: L_RV_BGE: BRANCH((int32_t)rs1v >= (int32_t)rs2v); NEXT_OP(RV_BGE);
        case RV_BLTU: L_RV_BLTU: BRANCH(rs1v < rs2v); NEXT_OP(RV_BLTU);
        case RV_BGEU: L_RV_BGEU: BRANCH(rs1v >= rs2v); NEXT_OP(RV_BGEU);
        case RV_LB: L_RV_LB: LOAD(int8_t, 1, rdv); x[d->rd] = rdv; NEXT_OP(RV_LB);
        case RV_LH: L_RV_LH: LOAD(int16_t, 2, rdv); x[d->rd] = rdv; NEXT_OP(RV_LH);
        case RV_LW: L_RV_LW: LOAD(uint32_t, 4, rdv); x[d->rd] = rdv; NEXT_OP(RV_LW);
        case RV_LBU: L_RV_LBU: LOAD(uint8_t, 1, rdv); x[d->rd] = rdv; NEXT_OP(RV_LBU);
        case RV_LHU: L_RV_LHU: LOAD(uint16_t, 2, rdv); x[d->rd] = rdv; NEXT_OP(RV_LHU);
        case RV_SB: L_RV_SB: STORE(1); NEXT_OP(RV_SB);
        case RV_SH: L_RV_SH: STORE(2); NEXT_OP(RV_SH);
        case RV_SW: L_RV_SW: STORE(4); NEXT_OP(RV_SW);
        case RV_ADDI: L_RV_ADDI: x[d->rd] = rs1v + (uint32_t)d->imm; NEXT_OP(RV_ADDI);
        case RV_SLTI: L_RV_SLTI: x[d->rd] = (int32_t)rs1v < d->imm; NEXT_OP(RV_SLTI);
        case RV_SLTIU: L_RV_SLTIU: x[d->rd] = rs1v < (uint32_t)d->imm; NEXT_OP(RV_SLTIU);
        case RV_XORI: L_RV_XORI: x[d->rd] = rs1v ^ (uint32_t)d->imm; NEXT_OP(RV_XORI);
        case RV_ORI: L_RV_ORI: x[d->rd] = rs1v | (uint32_t)d->imm; NEXT_OP(RV_ORI);
        case RV_ANDI: L_RV_ANDI: x[d->rd] = rs1v & (uint32_t)d->imm; NEXT_OP(RV_ANDI);
        case RV_SLLI: L_RV_SLLI: x[d->rd] = rs1v << d->imm; NEXT_OP(RV_SLLI);
        case RV_SRLI: L_RV_SRLI: x[d->rd] = rs1v >> d->imm; NEXT_OP(RV_SRLI);
        case RV_SRAI: L_RV_SRAI: x[d->rd] = (uint32_t)((int32_t)rs1v >> d->imm); NEXT_OP(RV_SRAI);
        case RV_ADD: L_RV_ADD: x[d->rd] = rs1v + rs2v; NEXT_OP(RV_ADD);
        case RV_SUB: L_RV_SUB: x[d->rd] = rs1v - rs2v; NEXT_OP(RV_SUB);
        case RV_SLL: L_RV_SLL: x[d->rd] = rs1v << (rs2v & 31); NEXT_OP(RV_SLL);
        case RV_SLT: L_RV_SLT: x[d->rd] = (int32_t)rs1v < (int32_t)rs2v; NEXT_OP(RV_SLT);
        case RV_SLTU: L_RV_SLTU: x[d->rd] = rs1v < rs2v; NEXT_OP(RV_SLTU);
        case RV_XOR: L_RV_XOR: x[d->rd] = rs1v ^ rs2v; NEXT_OP(RV_XOR);
        case RV_SRL: L_RV_SRL: x[d->rd] = rs1v >> (rs2v & 31); NEXT_OP(RV_SRL);
        case RV_SRA: L_RV_SRA: x[d->rd] = (uint32_t)((int32_t)rs1v >> (rs2v & 31)); NEXT_OP(RV_SRA);
        case RV_OR: L_RV_OR: x[d->rd] = rs1v | rs2v; NEXT_OP(RV_OR);
        case RV_AND: L_RV_AND: x[d->rd] = rs1v & rs2v; NEXT_OP(RV_AND);
        case RV_MUL: L_RV_MUL: MULDIV(RV_MUL); NEXT_OP(RV_MUL);
        case RV_MULH: L_RV_MULH: MULDIV(RV_MULH); NEXT_OP(RV_MULH);
        case RV_MULHSU: L_RV_MULHSU: MULDIV(RV_MULHSU); NEXT_OP(RV_MULHSU);
        case RV_MULHU: L_RV_MULHU: MULDIV(RV_MULHU); NEXT_OP(RV_MULHU);
        case RV_DIV: L_RV_DIV: MULDIV(RV_DIV); NEXT_OP(RV_DIV);
        case RV_DIVU: L_RV_DIVU: MULDIV(RV_DIVU); NEXT_OP(RV_DIVU);
        case RV_REM: L_RV_REM: MULDIV(RV_REM); NEXT_OP(RV_REM);
        case RV_REMU: L_RV_REMU: MULDIV(RV_REMU); NEXT_OP(RV_REMU);
#if TM_BITMANIP
        BITMANIP_OPS(BITMANIP)
#endif
        case RV_FENCE: L_RV_FENCE: NEXT_OP(RV_FENCE);
        /* fence.i: the decode cache is kept coherent with stores */
        case RV_FENCE_I: L_RV_FENCE_I: NEXT_OP(RV_FENCE_I);
        /* the cause says from which level: 8 from U, 11 from M */
        case RV_ECALL: L_RV_ECALL: TRAP(RV_EXC_ECALL_U + c->priv, 0);
        case RV_EBREAK: L_RV_EBREAK:
            c->pc = pc;
            bool semi;
            CALL(semi = rv_semihosting(c));
            if (semi)
                NEXT; /* a semihosting call, done: it retires like a nop */
            TRAP(RV_EXC_BREAKPOINT, pc);
        case RV_MRET: L_RV_MRET:
            if (unlikely(c->priv != RV_PRIV_M)) /* Priv 3.3.2: M mode's own */
                TRAP(RV_EXC_ILLEGAL, rv_insn_bits(c, pc));
            npc = rv_mret(c);
            dc = c->dcache;
            EX_SET(taken, true);
            CALL(rv_cpu_kick(c)); /* MIE may have been set: check interrupts */
            NEXT_OP(RV_MRET);
        case RV_WFI: L_RV_WFI:
            /* Priv 3.1.6.5: with mstatus.TW set, wfi below M mode is illegal */
            if (unlikely(c->priv != RV_PRIV_M && (c->mstatus & RV_MSTATUS_TW)))
                TRAP(RV_EXC_ILLEGAL, rv_insn_bits(c, pc));
            if (!(c->mip & c->mie)) {
                c->wfi = true;
                CALL(rv_cpu_kick(c));
            }
            NEXT_OP(RV_WFI);
        case RV_CSRRW: L_RV_CSRRW:
        case RV_CSRRS: L_RV_CSRRS:
        case RV_CSRRC: L_RV_CSRRC:
        case RV_CSRRWI: L_RV_CSRRWI:
        case RV_CSRRSI: L_RV_CSRRSI:
        case RV_CSRRCI: L_RV_CSRRCI: {
            uint32_t old;
            c->pc = pc;
            int bad;
            /* A write that changes what fetches see (PMP, the privilege's rules) flushes the
             * decode cache, this instruction's entry too: it is timed and retired from a
             * copy. */
            d_kept_ = *d;
            d = &d_kept_;
            CALL_EX(bad = rv_csr_op(c, d, rs1v, &old, tm_csr_cycle(c), &ex_));
            if (bad)
                TRAP(RV_EXC_ILLEGAL, rv_insn_bits(c, pc));
            x[d->rd] = old;
            NEXT;
        }
        case RV_LR_W: L_RV_LR_W:
        case RV_SC_W: L_RV_SC_W:
        case RV_AMOSWAP_W: L_RV_AMOSWAP_W:
        case RV_AMOADD_W: L_RV_AMOADD_W:
        case RV_AMOXOR_W: L_RV_AMOXOR_W:
        case RV_AMOAND_W: L_RV_AMOAND_W:
        case RV_AMOOR_W: L_RV_AMOOR_W:
        case RV_AMOMIN_W: L_RV_AMOMIN_W:
        case RV_AMOMAX_W: L_RV_AMOMAX_W:
        case RV_AMOMINU_W: L_RV_AMOMINU_W:
        case RV_AMOMAXU_W: L_RV_AMOMAXU_W: {
            uint32_t old;
            if (unlikely(!c->has_a))
                TRAP(RV_EXC_ILLEGAL, rv_insn_bits(c, pc));
            c->pc = pc;
            ex.mem = true;
            ex.mem_addr = rs1v;
            int cause;
            CALL_EX(cause = rv_amo(c, d->op, rs1v, rs2v, &old, &ex_));
            if (cause >= 0)
                MEM_FAIL(cause, rs1v);
            x[d->rd] = old;
            NEXT;
        }
        case RV_FETCH_FAULT: L_RV_FETCH_FAULT: TRAP(RV_EXC_INSN_FAULT, (uint32_t)d->imm);
        case RV_DEBUG_BREAK: L_RV_DEBUG_BREAK:
            c->pc = pc;
            CALL(rv_debug_break(c));
            goto out;
#if !TM_BITMANIP
        BITMANIP_OPS(BITMANIP_LABEL)
#endif
        case RV_ILLEGAL: L_RV_ILLEGAL: TRAP(RV_EXC_ILLEGAL, rv_insn_bits(c, pc));
        default: __builtin_unreachable(); /* every op has its case: no range check */
        }
        x[0] = 0;
        RETIRE(d->op);
        OBS_RETIRE();
        pc = npc;
    next:;
    }
out:
    SYNC_OUT();
    LOCAL_OUT();
    c->pc = pc;
#undef TRAP
#undef MEM_FAIL
#undef LOAD
#undef STORE
#undef BRANCH
#undef MULDIV
#undef BITMANIP
#undef BITMANIP_LABEL
#undef BITMANIP_OPS
#undef COLD_LABEL
#undef EX_SET
#undef SYNC_OUT
#undef SYNC_IN
#undef RUNNING
#undef RETIRE
#undef CALL
#undef CALL_EX
#undef LOCAL_IN
#undef LOCAL_OUT
#undef TM_INSN
#undef TM_INSN_CONFIG
#undef TM_INSN_CALL
#undef TM_STATE_ARG
#undef FETCH
#undef NEXT
#undef NEXT_OP
#undef rs1v
#undef x
#undef rs2v
#undef OBS_FETCH
#undef OBS
#undef OBS_RETIRE
#undef OBS_TRAP
#undef RV_OBSERVED
}
