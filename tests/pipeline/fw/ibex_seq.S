/* ibex_seq: the short sequence tests/pipeline/pipeline.sh records with --pipeline on
 * ibex-simple and checks line by line against the ibex model's documented cycle costs
 * (docs/timing-models.md, "ibex"): a load and its consumer (a load-use stall with the
 * writeback stage), a taken branch over an instruction, a divide, an ecall whose handler
 * returns past it, then the simulator control's end.  32-bit instructions only, so each
 * is a word of its own. */
    .option norvc
    .option norelax
    .section .vectors, "ax"
    j handler                   /* mtvec (vectored): exceptions enter at its base */
    .org 0x80
    .globl reset_entry
reset_entry:
    la a0, value
    lw a1, 0(a0)                /* 6 */
    addi a2, a1, 1              /* uses the load's result at once */
    beq a2, a2, 1f              /* taken */
    addi a3, zero, 9            /* fetched behind the branch, flushed */
1:  div a3, a2, a1              /* 7 / 6: 37 cycles */
    ecall
    li t0, 0x20008              /* simulator control: end the run */
    sw zero, 0(t0)
2:  j 2b
handler:
    csrr t1, mepc
    addi t1, t1, 4
    csrw mepc, t1
    mret

    .data
value:
    .word 6
