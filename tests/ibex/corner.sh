#!/usr/bin/env bash
# Ibex corner cases: tests/ibex/NAME.S run on -M ibex-simple in each configuration listed in
# tests/ibex/NAME.expect; every R,<kernel>,<instructions>,<cycles> line must match exactly.
. tests/ibex/lib.sh
BIN=${IBEX_BUILD:-build/ibex}/tests

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
