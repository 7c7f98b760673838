#!/usr/bin/env bash
# Ibex corner cases: tests/ibex/NAME.S run on -M ibex-simple in each configuration listed in
# tests/ibex/NAME.expect; every R,<kernel>,<instructions>,<cycles> line must match exactly.
. tests/lib.sh
BIN=${IBEX_BUILD:-build/ibex}/tests

config_args() {
    case $1 in
    default) ;;
    wb1) echo "-global ibex.writeback-stage=on" ;;
    btalu1) echo "-global ibex.branch-target-alu=on" ;;
    msingle) echo "-global ibex.rv32m=single-cycle" ;;
    mslow) echo "-global ibex.rv32m=slow" ;;
    maxperf) echo "-global ibex.writeback-stage=on -global ibex.branch-target-alu=on" \
                  "-global ibex.rv32m=single-cycle" ;;
    ifetch_delay1) echo "-global ibex.ifetch-delay=1" ;;
    *) return 1 ;;
    esac
}

for exp in tests/ibex/*.expect; do
    t=$(basename "$exp" .expect)
    elf=$BIN/$t.elf
    if [ ! -f "$elf" ]; then
        t_fail "ibex-corner/$t" "$elf not built"
        continue
    fi
    for cfg in $(grep -v '^#' "$exp" | awk '{ print $1 }' | sort -u); do
        name=ibex-corner/$t/$cfg
        if ! args=$(config_args "$cfg"); then
            t_fail "$name" "unknown configuration"
            continue
        fi
        grep "^$cfg " "$exp" | cut -d' ' -f2 >"$TMP/$t-$cfg.want"
        # shellcheck disable=SC2086
        t_cmd "$name" --stdout-file "$TMP/$t-$cfg.want" -- \
            $SOCSIM -M ibex-simple -kernel "$elf" $args --max-time 10ms
    done
done
