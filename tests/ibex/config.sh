#!/usr/bin/env bash
# The ibex model's RTL parameters beyond the pipeline (icache, icache-ecc, secure,
# dbg-triggers, mhpm-counters, mhpm-counter-width) and its presets (config=NAME, the
# configurations of Ibex's ibex_configs.yaml): -device ibex,help lists them, a preset sets
# its values first so that the properties given beside it win in any order, bad values are
# errors naming the option.  A preset also sets the CPU's PMP properties (pmp-regions,
# pmp-granularity) unless the board or -global gave them, in either order.  What each parameter does to the CSRs: tests/ibex/custom.S;
# the opentitan preset's timing: tests/ibex/reference_ext.sh.
. tests/ibex/lib.sh
ELF=${IBEX_BUILD:-build/ibex}/tests/custom.elf

help=$($SOCSIM -device ibex,help 2>&1)
for p in rv32b icache icache-ecc secure dbg-triggers mhpm-counters mhpm-counter-width config; do
    if grep -qE "^    $p +" <<<"$help"; then t_pass "ibex-config/help/$p"
    else t_fail "ibex-config/help/$p" "-device ibex,help does not list it"; fi
done
t_eq ibex-config/help/presets \
"    none               no preset: the properties' own defaults
    small              2-stage pipeline, 3-cycle multiplier: rv32m=fast,writeback-stage=off,branch-target-alu=off,rv32b=none,icache=off,icache-ecc=off,secure=off,dbg-triggers=off,mhpm-counters=0,mhpm-counter-width=40,pmp-regions=0,pmp-granularity=0
    opentitan          OpenTitan's Earl Grey: rv32m=single-cycle,writeback-stage=on,branch-target-alu=on,rv32b=otearlgrey,icache=on,icache-ecc=on,secure=on,dbg-triggers=on,mhpm-counters=10,mhpm-counter-width=32,pmp-regions=16,pmp-granularity=0
    maxperf            experimental-maxperf: 3 stages, branch target ALU, 1-cycle multiplier: rv32m=single-cycle,writeback-stage=on,branch-target-alu=on,rv32b=none,icache=off,icache-ecc=off,secure=off,dbg-triggers=off,mhpm-counters=0,mhpm-counter-width=40,pmp-regions=0,pmp-granularity=0" \
    "$(sed -n '/^  presets/,$p' <<<"$help" | tail -n +2)"

# The values --info-tree shows for a CPU (name = value lines of its timing model).
values() {
    "$@" --info-tree 2>&1 | sed -n '/timing model/,/^  [a-z]/s/^      \([a-z0-9-]*\) = \(.*\)/\1=\2/p' |
        tr '\n' ' '
}
OT="writeback-stage=on branch-target-alu=on rv32m=single-cycle ifetch-delay=0 rv32b=otearlgrey"
OT="$OT icache=on icache-ecc=on secure=on dbg-triggers=on"
t_eq ibex-config/opentitan \
    "$OT mhpm-counters=10 mhpm-counter-width=32 config=opentitan " \
    "$(values $SOCSIM -M ibex-simple -global ibex.config=opentitan)"
t_eq ibex-config/override-after \
    "$OT mhpm-counters=4 mhpm-counter-width=32 config=opentitan " \
    "$(values $SOCSIM -M ibex-simple -global ibex.config=opentitan -global ibex.mhpm-counters=4)"
t_eq ibex-config/override-before \
    "$OT mhpm-counters=4 mhpm-counter-width=32 config=opentitan " \
    "$(values $SOCSIM -M ibex-simple -global ibex.mhpm-counters=4 -global ibex.config=opentitan)"
t_eq ibex-config/cpu-model \
    "$OT mhpm-counters=4 mhpm-counter-width=32 config=opentitan " \
    "$(values $SOCSIM -M ibex-simple -cpu-model ibex,mhpm-counters=4,config=opentitan)"
t_eq ibex-config/small-after-opentitan \
    "writeback-stage=off branch-target-alu=off rv32m=fast ifetch-delay=0 rv32b=none icache=off icache-ecc=off secure=off dbg-triggers=off mhpm-counters=0 mhpm-counter-width=40 config=small " \
    "$(values $SOCSIM -M ibex-simple -global ibex.config=opentitan -cpu-model ibex,config=small)"

# The CPU's PMP properties as --info-tree shows them.
pmp() {
    "$@" --info-tree 2>&1 | sed -n 's/^    \(pmp-[a-z]*\) = \(.*\)/\1=\2/p' | tr '\n' ' '
}
t_eq ibex-config/pmp.default "pmp-regions=0 pmp-granularity=0 " "$(pmp $SOCSIM -M ibex-simple)"
t_eq ibex-config/pmp.opentitan "pmp-regions=16 pmp-granularity=0 " \
    "$(pmp $SOCSIM -M ibex-simple -global ibex.config=opentitan)"
t_eq ibex-config/pmp.cpu-model "pmp-regions=16 pmp-granularity=0 " \
    "$(pmp $SOCSIM -M ibex-simple -cpu-model ibex,config=opentitan)"
t_eq ibex-config/pmp.override-after "pmp-regions=4 pmp-granularity=0 " \
    "$(pmp $SOCSIM -M ibex-simple -global ibex.config=opentitan -global ibex.pmp-regions=4)"
t_eq ibex-config/pmp.override-before "pmp-regions=4 pmp-granularity=2 " \
    "$(pmp $SOCSIM -M ibex-simple -global ibex.pmp-regions=4 -global ibex.pmp-granularity=2 \
        -global ibex.config=opentitan)"
# on another CPU type running the ibex model: small has no PMP (rv32's default is 16)
t_eq ibex-config/pmp.small-on-rv32 "pmp-regions=0 pmp-granularity=0 " \
    "$(pmp $SOCSIM -M virt32 -cpu-model ibex,config=small)"
t_eq ibex-config/pmp.small-on-rv32-given "pmp-regions=8 pmp-granularity=0 " \
    "$(pmp $SOCSIM -M virt32 -global rv32.pmp-regions=8 -cpu-model ibex,config=small)"

t_cmd ibex-config/error.ecc-without-cache --exit 2 \
    --stderr-grep "cpu0: ibex property icache-ecc=on needs icache=on \(-global ibex.icache=on\)" \
    -- $SOCSIM -M ibex-simple -kernel "$ELF" -global ibex.icache-ecc=on
t_cmd ibex-config/error.unknown-preset --exit 2 \
    --stderr-grep "^socsim: -global ibex.config=opentitn: property 'config': 'opentitn' is not one of none\|small\|opentitan\|maxperf" \
    -- $SOCSIM -M ibex-simple -kernel "$ELF" -global ibex.config=opentitn
t_cmd ibex-config/error.counters --exit 2 \
    --stderr-grep "mhpm-counters=30: property 'mhpm-counters': 30 is out of range \[0, 29\]" \
    -- $SOCSIM -M ibex-simple -kernel "$ELF" -cpu-model ibex,mhpm-counters=30
t_cmd ibex-config/error.width --exit 2 \
    --stderr-grep "property 'mhpm-counter-width': 0 is out of range \[1, 64\]" \
    -- $SOCSIM -M ibex-simple -kernel "$ELF" -global ibex.mhpm-counter-width=0
