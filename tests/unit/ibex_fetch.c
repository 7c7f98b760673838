/* The Ibex prefetch buffer model (timing_ibex.h), cycle by cycle: one PASS/FAIL line each.
 * Each case states the cycle in which instructions enter ID when ID always takes them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soc/cpu/riscv/timing_ibex.h"

static int failures;

static void check(const char *name, const uint64_t *got, const uint64_t *want, int n)
{
    for (int i = 0; i < n; i++) {
        if (got[i] != want[i]) {
            printf("FAIL %s: instruction %d entered ID in cycle %llu, expected %llu\n", name, i,
                   (unsigned long long)got[i], (unsigned long long)want[i]);
            failures++;
            return;
        }
    }
    printf("PASS %s\n", name);
}

/* A fetch unit redirected to pc in cycle 0, data `lat` cycles after each request. */
static void start(struct ibex_if *f, unsigned lat, uint32_t pc)
{
    memset(f, 0, sizeof(*f));
    f->lat = (uint16_t)lat;
    f->off_from = UINT64_MAX;
    ibex_if_redirect(f, 0, pc);
}

/* Hand over n instructions of the given lengths from sequential addresses. */
static void run(struct ibex_if *f, uint32_t pc, const unsigned *len, int n, uint64_t *s)
{
    uint64_t ready = 0;
    for (int i = 0; i < n; i++) {
        s[i] = ibex_if_handover(f, ready, pc, len[i]);
        ready = s[i];
        pc += len[i];
    }
}

/* The packed state and its memo (ibex_handover, ibex_redirect) against the direct
 * simulation, over a long pseudo-random run of hand-overs after short and long waits,
 * 16- and 32-bit instructions, redirects and fetch stops: every answer and every state
 * must agree. */
static void memo_matches(unsigned lat)
{
    struct rv_ibex_memo memo = {0};
    struct rv_ibex_fetch f = {0};
    struct ibex_if u;
    uint32_t rng = 12345u + lat, pc = 0x100;
    uint64_t ready = 0;
    char name[64];
    snprintf(name, sizeof(name), "ibex-fetch/memo-lat%u", lat);

    memset(&u, 0, sizeof(u));
    u.lat = f.lat = (uint16_t)lat;
    ibex_fetch_stop(&f, UINT64_MAX, 0);
    u.off_from = UINT64_MAX;
    ibex_if_redirect(&u, 0, pc);
    ibex_redirect(&memo, &f, 0, pc);
    for (int i = 0; i < 200000; i++) {
        rng = rng * 1103515245u + 12345u;
        unsigned r = rng >> 8;
        uint64_t a, b;
        const char *what;
        if (r % 16 == 0) {
            uint64_t at = ready + (r >> 4) % 3;
            uint32_t target = 0x100 + ((r >> 6) % 64) * 2;
            ibex_if_redirect(&u, at, target);
            ibex_redirect(&memo, &f, at, target);
            a = u.cycle, b = f.cycle;
            pc = target;
            ready = at + 1;
            what = "redirect";
        } else if (r % 512 == 1) {
            uint64_t from = u.cycle + 1 + (r >> 9) % 4;
            u.off_from = from;
            u.off_to = from + (r >> 11) % 4;
            ibex_fetch_stop(&f, u.off_from, u.off_to);
            continue;
        } else {
            unsigned len = (r >> 4) & 1 ? 4 : 2;
            unsigned w = (r >> 5) % 8 == 0 ? (r >> 8) % 40 : (r >> 8) % 3;
            a = ibex_if_handover(&u, ready + w, pc, len);
            b = ibex_handover(&memo, &f, ready + w, pc, len);
            pc += len;
            ready = a;
            what = "hand-over";
        }
        struct ibex_if v;
        ibex_if_unpack(&v, &f);
        bool same = a == b && v.cycle == u.cycle && v.pc == u.pc && v.nfifo == u.nfifo &&
                    v.nout == u.nout && v.discard == u.discard &&
                    (u.nout < 1 || v.ret[0] == u.ret[0]) && (u.nout < 2 || v.ret[1] == u.ret[1]);
        if (!same) {
            printf("FAIL %s: step %d (%s): memo says cycle %llu, simulation %llu\n", name, i,
                   what, (unsigned long long)b, (unsigned long long)a);
            failures++;
            goto out;
        }
    }
    printf("PASS %s\n", name);
out:
    for (unsigned i = 0; i < RV_IBEX_MEMO_LAT; i++)
        free(memo.tab[i]);
}

int main(void)
{
    struct ibex_if f;
    uint64_t s[8];
    static const unsigned w4[8] = {4, 4, 4, 4, 4, 4, 4, 4};
    static const unsigned w2[8] = {2, 2, 2, 2, 2, 2, 2, 2};

    /* 1-cycle memory: request in cycle 0, data and hand-over in 1, ID from 2; then one
     * 32-bit instruction per cycle. */
    start(&f, 1, 0x100);
    run(&f, 0x100, w4, 8, s);
    check("ibex-fetch/stream-1cycle", s, (const uint64_t[]){2, 3, 4, 5, 6, 7, 8, 9}, 8);

    /* 2-cycle memory: two requests in flight, a slot reusable the cycle after its data
     * returns: words arrive in cycles 2, 3, 5, 6, 8, 9, ... (1.5 cycles a word). */
    start(&f, 2, 0x100);
    run(&f, 0x100, w4, 6, s);
    check("ibex-fetch/stream-2cycle", s, (const uint64_t[]){3, 4, 6, 7, 9, 10}, 6);

    /* 16-bit code needs half the words: one instruction per cycle even at 2 cycles. */
    start(&f, 2, 0x100);
    run(&f, 0x100, w2, 8, s);
    check("ibex-fetch/compressed-2cycle", s, (const uint64_t[]){3, 4, 5, 6, 7, 8, 9, 10}, 8);

    /* A 32-bit instruction at 2 mod 4 after a redirect needs two words: 1 cycle later. */
    start(&f, 1, 0x102);
    run(&f, 0x102, w4, 2, s);
    check("ibex-fetch/misaligned-target", s, (const uint64_t[]){3, 4}, 2);

    /* A 16-bit instruction at 2 mod 4 needs only its word. */
    start(&f, 1, 0x102);
    run(&f, 0x102, w2, 2, s);
    check("ibex-fetch/misaligned-compressed-target", s, (const uint64_t[]){2, 3}, 2);

    /* A redirect while two requests are in flight waits for a slot: with 2-cycle memory,
     * redirect in cycle 2 (requests of cycles 0 and 1 outstanding): the target's request
     * goes out in cycle 3, its data returns in 5, ID takes it then: enters in 6. */
    start(&f, 2, 0x100);
    ibex_if_redirect(&f, 2, 0x200);
    s[0] = ibex_if_handover(&f, 0, 0x200, 4);
    check("ibex-fetch/redirect-slots-busy", s, (const uint64_t[]){6}, 1);

    /* The FIFO holds 3 words: with ID stalled, requests stop once 3 words are held or in
     * flight, and ID then drains them one per cycle. */
    start(&f, 1, 0x100);
    ibex_if_run_to(&f, 20);
    int held = f.nfifo, inflight = f.nout;
    run(&f, 0x100, w4, 4, s);
    s[4] = (uint64_t)held;
    s[5] = (uint64_t)inflight;
    check("ibex-fetch/fifo-full", s, (const uint64_t[]){21, 22, 23, 24, 3, 0}, 6);

    for (unsigned lat = 1; lat <= 4; lat++)
        memo_matches(lat);

    return failures != 0;
}
