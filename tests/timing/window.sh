#!/usr/bin/env bash
# The trace window (--trace-from, --trace-to: docs/timing-analysis.md) for the outputs that
# watch instructions: the profile, the timeline and the commit log record from the first
# execution of one symbol to that of another, and nothing outside.
. tests/lib.sh
P=$FW/timing/prof.elf
[ -f "$P" ] || { t_skip window "$P not built"; exit 0; }
D=$TMP/window
mkdir -p "$D"
sym() { riscv64-unknown-elf-nm "$P" | sed -n "s/^\([0-9a-f]*\) . $1\$/0x\1/p"; }

# divide .. sum on ibex: divide's 3015 cycles, the 3 interrupts' 328 (tick with what it
# calls), and main's 5 between divide's return and its call of sum, whose first
# instruction closes the window.
t_cmd window.profile --stderr-grep "^socsim profile \(cpu0, model ibex\): 3348 cycles, 638 instructions$" -- \
    $SOCSIM -M virt32 -cpu-model ibex -kernel $P --profile - --trace-from divide --trace-to sum
t_cmd window.profile.divide --stderr-grep "^ +3015 +90\.1% +3015 +0 +457  mul/div 2304, branch 190 divide$" -- \
    $SOCSIM -M virt32 -cpu-model ibex -kernel $P --profile - --trace-from divide --trace-to sum
t_cmd window.profile.tick --stderr-grep "^ +275 +8\.2% +328 +3 +147  memory 105, trap 15 +tick$" -- \
    $SOCSIM -M virt32 -cpu-model ibex -kernel $P --profile - --trace-from divide --trace-to sum

# The commit log from sum's first instruction to the call of uart_puts (the last line
# before the window closes at uart_puts' first instruction).
for a in interp jit; do
    t_cmd window.commits.$a -- $SOCSIM -M virt32 -cpu-model ibex -accel $a -kernel $P \
        --log-commits "$D/c-$a.log" --trace-from sum --trace-to uart_puts
    t_eq window.commits.$a.first "$(sym sum)" "$(head -1 "$D/c-$a.log" | awk '{print $4}')"
    # The last: main's call (a link to x1), 316 instructions in all.
    t_eq window.commits.$a.last "x1 316" \
        "$(tail -1 "$D/c-$a.log" | awk '{print $6}') $(wc -l <"$D/c-$a.log")"
done
cmp -s "$D/c-jit.log" "$D/c-interp.log" && t_pass window.commits.same ||
    t_fail window.commits.same "translated differs from interpreted"

# The timeline between 10 us and 20 us: the spans begin at 10 us; at 20 us a divu (37
# cycles) is under way, which the CPU retires at 20.16 us, the last instruction recorded:
# the spans open then end there.
t_cmd window.trace -- $SOCSIM -M virt32 -cpu-model ibex -kernel $P --trace "$D/t.json" \
    --trace-from 10us --trace-to 20us
t_eq window.trace.check ok "$(python3 tests/timing/trace_check.py check "$D/t.json" 2>&1)"
t_eq window.trace.within "" \
    "$(python3 tests/timing/trace_check.py spans "$D/t.json" | awk '$3 < 10000000 || $4 > 20160000')"
t_eq window.trace.divide "0 divide 10000000 20160000" \
    "$(python3 tests/timing/trace_check.py spans "$D/t.json" | grep ' divide ')"

# Every way a run ends writes them: a limit (spin.elf never exits: 100000 cycles in 1 ms)...
S=$FW/cli/spin.elf
t_cmd window.limit --exit 124 -- $SOCSIM -M virt32 -kernel $S --max-time 1ms \
    --log-commits "$D/spin.log" --trace "$D/spin.json" --profile "$D/spin.cg"
t_eq window.limit.files "100000 ok summary: 100000 100000" \
    "$(wc -l <"$D/spin.log") $(python3 tests/timing/trace_check.py check "$D/spin.json" 2>&1) $(grep '^summary' "$D/spin.cg" | cut -d' ' -f1-3)"
# ...and a full disk is an error, the run's status 1.
for o in --profile --trace --log-commits; do
    t_cmd window.full$o --exit 1 --stderr-grep "^socsim: $o /dev/full: writing '/dev/full': No space left on device$" -- \
        $SOCSIM -M virt32 -kernel $P $o /dev/full
done
