/* mix: a CoreMark-like mix of small integer kernels.  Each iteration runs all five on data
 * derived from the iteration's seed and folds every result into one running CRC:
 *   crc      CRC-32 over a 64-byte block (bit at a time: shifts, masks, branches)
 *   matrix   10x10 integer matrix multiply (loads, mul, add)
 *   sort     heap sort of 64 pseudo-random words (data-dependent branches, indexing)
 *   state    a tokenizer state machine over 96 characters (switch on state and class)
 *   vm       a stack bytecode interpreter running a small loop (indirect dispatch)
 * The kernels are this project's own; only the idea of the mix follows CoreMark. */
#include "benchlib.h"

#define MIX_BASE_ITERS 20000

static uint32_t lcg_state;

static uint32_t lcg(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state;
}

/* --- crc ------------------------------------------------------------------------------ */

static uint8_t crc_block[64];

static uint32_t k_crc(uint32_t seed)
{
    for (unsigned i = 0; i < sizeof(crc_block); i += 4) {
        uint32_t r = lcg() ^ seed;
        crc_block[i] = (uint8_t)r;
        crc_block[i + 1] = (uint8_t)(r >> 8);
        crc_block[i + 2] = (uint8_t)(r >> 16);
        crc_block[i + 3] = (uint8_t)(r >> 24);
    }
    return bench_crc32(seed, crc_block, sizeof(crc_block));
}

/* --- matrix --------------------------------------------------------------------------- */

#define MAT_N 10
static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static void matrix_init(void)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            mat_a[i][j] = (int32_t)(lcg() >> 20) - 2048;
            mat_b[i][j] = (int32_t)(lcg() >> 20) - 2048;
        }
}

static uint32_t k_matrix(uint32_t seed)
{
    mat_a[seed % MAT_N][(seed >> 8) % MAT_N] = (int32_t)(seed & 0xfff) - 2048;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t sum = 0;
            for (int k = 0; k < MAT_N; k++)
                sum += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = sum;
        }
    /* Feed a column of the result back into B (scaled down) so the data keeps moving. */
    uint32_t fold = 0;
    int col = (int)(seed % MAT_N);
    for (int i = 0; i < MAT_N; i++) {
        fold = fold * 33u + (uint32_t)mat_c[i][col];
        mat_b[i][col] = (mat_c[i][col] >> 12) & 0xfff;
    }
    return fold;
}

/* --- sort ----------------------------------------------------------------------------- */

#define SORT_N 64
static uint32_t sort_buf[SORT_N];

static void sift_down(uint32_t *a, unsigned root, unsigned n)
{
    for (;;) {
        unsigned child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && a[child + 1] > a[child])
            child++;
        if (a[root] >= a[child])
            return;
        uint32_t t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static uint32_t k_sort(uint32_t seed)
{
    for (unsigned i = 0; i < SORT_N; i++)
        sort_buf[i] = (lcg() ^ seed) >> (i & 7);
    for (unsigned i = SORT_N / 2; i-- > 0;)
        sift_down(sort_buf, i, SORT_N);
    for (unsigned n = SORT_N - 1; n > 0; n--) {
        uint32_t t = sort_buf[0];
        sort_buf[0] = sort_buf[n];
        sort_buf[n] = t;
        sift_down(sort_buf, 0, n);
    }
    uint32_t fold = 0, bad = 0;
    for (unsigned i = 0; i < SORT_N; i++) {
        fold = (fold << 3 | fold >> 29) ^ sort_buf[i];
        if (i && sort_buf[i - 1] > sort_buf[i])
            bad++;
    }
    return fold + bad * 0x9e3779b9u;
}

/* --- state machine -------------------------------------------------------------------- */

enum tok_state { ST_START, ST_ZERO, ST_INT, ST_HEX_PREFIX, ST_HEX, ST_DOT, ST_DEC, ST_WORD,
                 ST_JUNK };
enum tok_kind { TK_INT, TK_HEX, TK_DEC, TK_WORD, TK_JUNK, TK_COUNT };

static const char tok_chars[16] = "0123456789abfx. ";
static char tok_input[96];

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_hexdigit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
static int is_alpha(char c) { return c >= 'a' && c <= 'z'; }

static uint32_t k_state(uint32_t seed)
{
    for (unsigned i = 0; i < sizeof(tok_input); i += 8) {
        uint32_t r = lcg() ^ seed;
        for (unsigned j = 0; j < 8; j++)
            tok_input[i + j] = tok_chars[(r >> (4 * j)) & 15];
    }
    uint32_t count[TK_COUNT] = {0};
    uint32_t transitions = 0;
    enum tok_state st = ST_START;
    for (unsigned i = 0; i <= sizeof(tok_input); i++) {
        char c = i < sizeof(tok_input) ? tok_input[i] : ' ';
        enum tok_state next;
        if (c == ' ') {
            switch (st) {
            case ST_ZERO:
            case ST_INT: count[TK_INT]++; break;
            case ST_HEX: count[TK_HEX]++; break;
            case ST_DEC: count[TK_DEC]++; break;
            case ST_WORD: count[TK_WORD]++; break;
            case ST_START: break;
            default: count[TK_JUNK]++; break;
            }
            next = ST_START;
        } else {
            switch (st) {
            case ST_START:
                next = c == '0' ? ST_ZERO : is_digit(c) ? ST_INT : is_alpha(c) ? ST_WORD : ST_JUNK;
                break;
            case ST_ZERO:
                next = c == 'x'       ? ST_HEX_PREFIX
                       : is_digit(c) ? ST_INT
                       : c == '.'    ? ST_DOT
                                     : ST_JUNK;
                break;
            case ST_INT: next = is_digit(c) ? ST_INT : c == '.' ? ST_DOT : ST_JUNK; break;
            case ST_HEX_PREFIX:
            case ST_HEX: next = is_hexdigit(c) ? ST_HEX : ST_JUNK; break;
            case ST_DOT:
            case ST_DEC: next = is_digit(c) ? ST_DEC : ST_JUNK; break;
            case ST_WORD: next = is_alpha(c) ? ST_WORD : ST_JUNK; break;
            default: next = ST_JUNK; break;
            }
        }
        transitions += next != st;
        st = next;
    }
    uint32_t fold = transitions;
    for (int k = 0; k < TK_COUNT; k++)
        fold = fold * 131u + count[k];
    return fold;
}

/* --- bytecode interpreter ------------------------------------------------------------- */

enum op { OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR,
          OP_DUP, OP_JNZ, OP_DEC };

/* acc = seed; for (n = 12 + (seed & 7); n; n--) acc = (acc * 31 + n) ^ (acc >> 5); */
static const uint8_t vm_prog[] = {
    OP_STORE, 0,                            /* r0 = acc (pushed by the caller) */
    OP_STORE, 1,                            /* r1 = n (pushed by the caller) */
    /* loop (pc 4): */
    OP_LOAD, 0, OP_PUSH, 31, OP_MUL,        /* acc * 31 */
    OP_LOAD, 1, OP_ADD,                     /* + n */
    OP_LOAD, 0, OP_PUSH, 5, OP_SHR,         /* acc >> 5 */
    OP_XOR, OP_STORE, 0,
    OP_DEC, 1, OP_LOAD, 1, OP_JNZ, 4,
    OP_LOAD, 0, OP_HALT,
};

static uint32_t vm_run(const uint8_t *prog, uint32_t acc, uint32_t n)
{
    uint32_t stack[8], reg[4] = {0};
    unsigned sp = 0, pc = 0;
    stack[sp++] = n;
    stack[sp++] = acc;
    for (;;) {
        uint8_t op = prog[pc++];
        switch (op) {
        case OP_HALT: return stack[sp - 1];
        case OP_PUSH: stack[sp++] = prog[pc++]; break;
        case OP_LOAD: stack[sp++] = reg[prog[pc++]]; break;
        case OP_STORE: reg[prog[pc++]] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case OP_SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_JNZ: {
            uint8_t target = prog[pc++];
            if (stack[--sp])
                pc = target;
            break;
        }
        case OP_DEC: reg[prog[pc]]--; pc++; break;
        default: return 0xdeadbeefu;
        }
    }
}

static uint32_t k_vm(uint32_t seed) { return vm_run(vm_prog, seed, 12 + (seed & 7)); }

int main(void)
{
    const uint32_t iters = BENCH_ITERS(MIX_BASE_ITERS);
    lcg_state = 0x12345678u;
    matrix_init();
    uint32_t crc = 0;
    for (uint32_t it = 0; it < iters; it++) {
        uint32_t seed = lcg() ^ crc;
        crc = bench_crc32_word(crc, k_crc(seed));
        crc = bench_crc32_word(crc, k_matrix(seed));
        crc = bench_crc32_word(crc, k_sort(seed));
        crc = bench_crc32_word(crc, k_state(seed));
        crc = bench_crc32_word(crc, k_vm(seed));
    }
    bench_report("mix", iters, crc);
    return 0;
}
