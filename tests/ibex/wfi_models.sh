#!/usr/bin/env bash
# mcycle while a core sleeps in wfi, per timing model, on the reference's wfi.elf
# (../shared/reference/ibex-ext/programs/k_wfi.S): arm the timer PERIOD cycles ahead,
# enable the interrupt, wfi, take it, return.  Ibex gates its clock in wfi: its mcycle
# reads 75 whatever the period (the RTL's rows).  The functional model and the e31 count
# the sleep: 400 cycles more for 700 than for 300.
. tests/ibex/lib.sh
ELF=${IBEX_BUILD:-build/ibex}/ext/wfi.elf
if [ ! -f "$ELF" ] && [ ! -d ../shared/reference ]; then
    t_skip ibex-wfi-models "$ELF: no ../shared/reference to build it from"
    exit 0
elif [ ! -f "$ELF" ]; then
    t_fail ibex-wfi-models "$ELF not built (make $ELF)"
    exit 0
fi
row() { # MODEL KERNEL: instructions,cycles
    $SOCSIM -M ibex-simple -kernel "$ELF" -cpu-model "$1" --max-time 1s 2>/dev/null |
        awk -F, -v k="$2" '$1 == "R" && $2 == k { print $3 "," $4 }'
}
t_eq ibex-wfi-models/ibex/sleep300 44,75 "$(row ibex k_wfi_sleep300)"
t_eq ibex-wfi-models/ibex/sleep700 44,75 "$(row ibex k_wfi_sleep700)"
t_eq ibex-wfi-models/functional/sleep300 44,337 "$(row functional k_wfi_sleep300)"
t_eq ibex-wfi-models/functional/sleep700 44,737 "$(row functional k_wfi_sleep700)"
t_eq ibex-wfi-models/e31/sleep300 44,375 "$(row e31 k_wfi_sleep300)"
t_eq ibex-wfi-models/e31/sleep700 44,775 "$(row e31 k_wfi_sleep700)"
