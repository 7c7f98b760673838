#!/usr/bin/env bash
# Fetch latency up to its largest setting: with the RAM's read-wait at 253, 254 and 255
# (fetch latency 1 + wait, up to 256 cycles), the same 1855 instructions of branches.elf
# take 1256 cycles more per wait state, the last step like the others.
. tests/ibex/lib.sh
ELF=${IBEX_BUILD:-build/ibex}/tests/branches.elf

cycles() {
    $SOCSIM -M ibex-simple -global ram.read-wait="$1" -kernel "$ELF" --max-insns 2000 \
        --summary 2>&1 >/dev/null | sed -n 's/^socsim: 1855 instructions, \([0-9]*\) cycles.*/\1/p'
}
t_eq ibex-waits/253 320402 "$(cycles 253)"
t_eq ibex-waits/254 321658 "$(cycles 254)"
t_eq ibex-waits/255 322914 "$(cycles 255)"
