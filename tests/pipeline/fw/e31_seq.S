/* e31_seq: the short sequence tests/pipeline/pipeline.sh records with --pipeline on virt32
 * with -cpu-model e31 and checks line by line against the e31 model's documented costs
 * (docs/timing-models.md, "e31"): a load and its consumer (LW result latency 2: one
 * stall), a taken branch the predictor does not know (3 cycles), a divide and its consumer
 * (7 / 6: one quotient bit, 2 cycles), then the finisher.  The code is fetched through the
 * I-cache, whose first line costs a fill. */
    .option norvc
    .option norelax
    .section .text.init
    .globl _start
_start:
    la a0, value
    lw a1, 0(a0)                /* 6 */
    addi a2, a1, 1              /* uses the load's result at once */
    beq a2, a2, 1f              /* taken */
    addi a3, zero, 9            /* skipped */
1:  div a3, a2, a1              /* 7 / 6 */
    addi a4, a3, 1              /* uses the quotient at once */
    li t0, 0x100000             /* sifive-test finisher: pass */
    li t1, 0x5555
    sw t1, 0(t0)
2:  j 2b

    .data
value:
    .word 6
