# Trap loops: a firmware whose trap handler's first instruction traps (or that has no
# handler: mtvec 0 with nothing there) would spin forever with no output.  The same trap
# 100 times in a row at the same pc with no instruction retired between ends the run with
# one line naming the trap and status 123, through the normal stop path: the UART output
# and --stats are still written.  Interrupts at one pc whose handler retires instructions
# are no loop, and a loop an armed watchdog will reset is left to it, as on the chip.
. tests/lib.sh
F=$FW/cli

# t_stderr NAME WANT: the whole stderr of the t_cmd run NAME is WANT.
t_stderr() { t_eq "$1.stderr" "$2" "$(cat "$TMP/$1.err")"; }

ILL='socsim: firmware stuck in a trap loop: mcause=0x2 (illegal instruction) mepc=0x80000040 mtval=0xc0001073 (pc 0x80000040, mtvec 0x80000040)'
t_cmd traps.loop.illegal --exit 123 --stdout t -- $SOCSIM -M virt32 -kernel $F/trap_handler.elf --max-time 10ms
t_stderr traps.loop.illegal "$ILL"
# Translated or interpreted, on every timing model: the same stop.  The functional model
# takes 1 cycle per trap: 8 instructions, the ecall's trap and 100 more, 109 cycles.
for m in "functional -accel jit" "functional -accel interp" "ibex -accel jit" \
    "ibex -accel interp" e31; do
    name=traps.loop.model.${m// /}
    # shellcheck disable=SC2086
    t_cmd "$name" --exit 123 --stdout t -- $SOCSIM -M virt32 -cpu-model $m \
        -kernel $F/trap_handler.elf --max-time 10ms
    t_stderr "$name" "$ILL"
done
for a in jit interp; do
    t_cmd traps.loop.summary.$a --exit 123 --stdout t \
        --stderr-grep '^socsim: 8 instructions, 109 cycles, 1.09 us simulated' \
        -- $SOCSIM -M virt32 -accel $a -kernel $F/trap_handler.elf --max-time 10ms --summary
done
# The normal stop path: the message, then the statistics.
t_cmd traps.loop.stats --exit 123 --stdout t -- $SOCSIM -M virt32 -kernel $F/trap_handler.elf --max-time 10ms --stats
t_eq traps.loop.stats.order "$ILL
socsim stats (cpu0, model functional):
  instructions 8
  cycles       109" "$(head -4 "$TMP/traps.loop.stats.err")"

# No handler at all on the E31 (HiFive1): the misaligned load traps to mtvec 0, where
# nothing is mapped, and the fetch there faults into itself.
t_cmd traps.loop.e31.no-handler --exit 123 -- $SOCSIM -M hifive1 -kernel $F/hf1_misaligned.elf --max-time 10ms
t_stderr traps.loop.e31.no-handler 'socsim: firmware stuck in a trap loop: mcause=0x1 (instruction access fault) mepc=0x00000000 mtval=0x00000000 (pc 0x00000000, mtvec 0x00000000)'
# -d int shows how it got there: the misaligned load, then the same fault 100 times.
t_cmd traps.loop.e31.log --exit 123 -- $SOCSIM -M hifive1 -kernel $F/hf1_misaligned.elf --max-time 10ms -d int
t_eq traps.loop.e31.log.first "int: cycle 4707: mcause=0x4 (load address misaligned) mepc=0x20010006 mtval=0x80000001 -> 0x00000000
int: cycle 4713: mcause=0x1 (instruction access fault) mepc=0x00000000 mtval=0x00000000 -> 0x00000000" \
    "$(head -2 "$TMP/traps.loop.e31.log.err")"
t_eq traps.loop.e31.log.count 100 "$(grep -c '^int: .*mcause=0x1 ' "$TMP/traps.loop.e31.log.err")"

# Not loops: 200 timer interrupts all taken at the same pc (tick.S's j after its wfi), the
# handler retiring instructions between them: exit 0 after the 200th, at cycle 100000 ...
t_cmd traps.irq-same-pc --exit 0 --stderr-grep '^socsim: 1809 instructions, 100007 cycles' \
    -- $SOCSIM -M virt32 -kernel $F/tick200.elf --summary
# ... and a loop the armed watchdog ends: it resets the SoC (610 us after it was armed), the second boot
# exits 0.
t_cmd traps.watchdog-ends-loop --exit 0 --stderr-grep '^socsim: 56 instructions, 24528 cycles' \
    -- $SOCSIM -M hifive1 -kernel $F/hf1_wdog.elf --max-time 1s --summary

# A limit that comes first still wins.
t_cmd traps.limit-first --exit 124 --stderr-grep 'instruction limit reached' \
    -- $SOCSIM -M virt32 -kernel $F/trap_handler.elf --max-time 10ms --max-insns 50

$SOCSIM --help >"$TMP/traps.help"
grep -q '123 when the firmware is stuck in a trap loop' "$TMP/traps.help" \
    && t_pass traps.help || t_fail traps.help "--help does not document exit status 123"
