/* startup-1m: a 1 MiB image whose first instruction ends the run, to time the simulator's
 * start-up (load the ELF, build the board) up to the first guest instruction. */
    .section .text.start, "ax"
    .globl _start
_start:
    li      t0, 0x100000       /* sifive_test finisher */
    li      t1, 0x5555         /* pass */
    sw      t1, 0(t0)
1:  j       1b

    .section .rodata
    .globl startup_payload
startup_payload:
    .fill   1048576, 1, 0x5a
