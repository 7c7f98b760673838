#!/usr/bin/env bash
# Ibex cycle exactness: runs the reference programs (micro.elf: 111 micro-kernels, whole.elf:
# whole programs) on -M ibex-simple in the 7 RTL configurations of
# ../shared/reference/ibex/results.csv and compares every R,<kernel>,<instructions>,<cycles>
# line with the numbers measured on the Ibex RTL: one PASS/FAIL per (program, kernel, config).
. tests/ibex/lib.sh
REF=${IBEX_REF:-../shared/reference/ibex}
BIN=${IBEX_BUILD:-build/ibex}
if [ ! -f "$REF/results.csv" ]; then
    t_skip ibex-reference "no $REF/results.csv (the shared reference data sits beside the repo)"
    exit 0
fi

for prog in micro whole; do
    elf=$BIN/$prog.elf
    if [ ! -f "$elf" ]; then
        t_fail "ibex/$prog" "$elf not built (make $elf)"
        continue
    fi
    tr -d '\r' <"$REF/results.csv" >"$TMP/results.csv" # the CSV has CRLF line ends
    cfgs=$(awk -F, -v p=$prog 'NR > 1 && $1 == p { print $5 }' "$TMP/results.csv" | sort -u)
    for cfg in $cfgs; do
        if ! args=$(config_args "$cfg"); then
            t_fail "ibex/$prog/$cfg" "unknown configuration"
            continue
        fi
        out=$TMP/$prog-$cfg.out
        # shellcheck disable=SC2086
        $SOCSIM -M ibex-simple -kernel "$elf" $args --max-time 1s >"$out" 2>"$out.err"
        rc=$?
        if [ $rc != 0 ]; then
            t_fail "ibex/$prog/$cfg" "exit status $rc: $(head -c 300 "$out.err" | tr '\n' ' ')"
            continue
        fi
        # Join the expected rows with the R lines the run printed.
        awk -F, -v p=$prog -v c=$cfg '
            FNR == NR { sub(/\r$/, ""); if ($1 == "R") got[$2] = $3 "," $4; next }
            FNR > 1 && $1 == p && $5 == c {
                name = "ibex/" p "/" $2 "/" c
                want = $3 "," $4
                if (!($2 in got))
                    print "FAIL " name ": no R line (expected " want ")"
                else if (got[$2] != want)
                    print "FAIL " name ": measured " got[$2] ", expected " want \
                        " (instructions,cycles)"
                else
                    print "PASS " name
            }' "$out" "$TMP/results.csv"
    done
done
