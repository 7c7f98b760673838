#!/usr/bin/env bash
# The block translator changes nothing a program can see: every firmware test (virt32 and
# picolibc on virt32, with the functional and the ibex model, the latter with and without
# its writeback stage, and with the e31 model;
# the HiFive1 ones on hifive1 with -cpu-model functional and with its own e31, code in SPI
# flash through XIP behind the e31's instruction cache) runs once with -accel interp and once with -accel jit, and the two
# runs give the same stdout, exit status, --summary counts (instructions, cycles, simulated
# time) and --stats stall counters.
# Then -accel's errors.  (tests/unit/jit_diff.c compares the two on random programs, state
# and all, at random stopping points.)
. tests/firmware/lib.sh

# summary FILE: the --summary line and the --stats block (cycles, stalls per cause), without
# the host speed
summary() { grep -v 'host MIPS' "$1" | grep -E '^socsim: [0-9]* instructions|^  '; }

# both NAME ELF STDIN SOCSIM-ARGS...: run it both ways and compare
both() {
    local tname=$1 elf=$2 stdin=$3
    shift 3
    [ -f "$elf" ] || { t_fail "$tname" "$elf not built (make fw)"; return; }
    for a in interp jit; do
        timeout --signal=KILL 30 "$SOCSIM" "$@" -kernel "$elf" --summary --stats -accel $a \
            <"$stdin" >"$TMP/$a.out" 2>"$TMP/$a.err"
        echo $? >"$TMP/$a.rc"
    done
    si=$(summary "$TMP/interp.err") sj=$(summary "$TMP/jit.err")
    if [ -z "$si" ]; then
        t_fail "$tname" "no --summary line: $(head -c 200 "$TMP/interp.err")"
    elif [ "$(cat "$TMP/interp.rc")" != "$(cat "$TMP/jit.rc")" ]; then
        t_fail "$tname" "exit status $(cat "$TMP/jit.rc") with jit, $(cat "$TMP/interp.rc") interpreted"
    elif ! cmp -s "$TMP/interp.out" "$TMP/jit.out"; then
        t_fail "$tname" "stdout differs: $(diff "$TMP/interp.out" "$TMP/jit.out" | head -4 | tr '\n' ' ')"
    elif [ "$si" != "$sj" ]; then
        t_fail "$tname" "interpreted: '$(echo $si)'; jit: '$(echo $sj)'"
    else
        t_pass "$tname"
    fi
}

for exp in "${FW_EXPECTED[@]}"; do
    fw_test "$exp"
    both "accel/$dir/$name" "$elf" "$stdin" -M virt32 --max-time 1s "${args[@]}"
    # A firmware whose arguments name its timing model runs on that one only (a second
    # -cpu-model is an error, not an override).
    [[ " ${args[*]} " == *" -cpu-model "* ]] || {
        both "accel/ibex/$dir/$name" "$elf" "$stdin" -M virt32 -cpu-model ibex --max-time 1s \
            "${args[@]}"
        both "accel/ibex-wb/$dir/$name" "$elf" "$stdin" -M virt32 \
            -cpu-model ibex,writeback-stage=on --max-time 1s "${args[@]}"
        both "accel/e31/$dir/$name" "$elf" "$stdin" -M virt32 -cpu-model e31 --max-time 1s \
            "${args[@]}"
    }
done
# The benchmarks' firmware (tests/bench, as the fast-forward tests build it) with stdin at
# its end, so that no input can come and translated code runs on past each poll quantum's
# end (sim.overrun), and muldiv's block entered from four pipeline states in turn; on e31,
# blocks timed from their schedules (soc/cpu/riscv/run_e31.c).
for name in mix muldiv memcpy irq; do
    for model in ibex ibex,writeback-stage=on e31; do
        both "accel/bench/$name/$model" "$FW/ff/$name.elf" /dev/null -M virt32 \
            -cpu-model "$model" --max-time 1s
    done
done
for elf in "$FW"/hifive1/*.elf; do
    both "accel/hifive1/$(basename "$elf" .elf)" "$elf" /dev/null -M hifive1 \
        -cpu-model functional --max-time 200ms
    both "accel/hifive1-e31/$(basename "$elf" .elf)" "$elf" /dev/null -M hifive1 \
        --max-time 200ms
done

ELF=$FW/virt32/hello.elf
t_cmd accel/bad-value --exit 2 --stderr-grep "accel turbo: expected jit or interp" -- \
    "$SOCSIM" -M virt32 -accel turbo -kernel "$ELF"
t_cmd accel/missing-value --exit 2 --stderr-grep "accel" -- "$SOCSIM" -M virt32 -kernel "$ELF" -accel
# e31 is translated by default too.
"$SOCSIM" -M virt32 -cpu-model e31 --info-tree |
    grep -q "timing model e31, translated to host code" &&
    "$SOCSIM" -M virt32 -cpu-model e31 -accel interp --info-tree | grep -q "timing model e31$" &&
    t_pass accel/e31-info-tree || t_fail accel/e31-info-tree "e31 is not translated by default"
"$SOCSIM" -M virt32 --info-tree | grep -q "timing model functional, translated to host code" &&
    "$SOCSIM" -M virt32 -accel interp --info-tree | grep -q "timing model functional$" &&
    t_pass accel/info-tree || t_fail accel/info-tree "--info-tree does not say whether it translates"
"$SOCSIM" --help | grep -q -- "-accel jit|interp" && t_pass accel/help-lists-it ||
    t_fail accel/help-lists-it "socsim --help does not describe -accel"
