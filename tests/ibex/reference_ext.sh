#!/usr/bin/env bash
# Ibex exactness beyond the base set: the programs of ../shared/reference/ibex-ext (U mode,
# CSR traffic, wfi with the core clock gated, PMP, the instruction cache, bit manipulation,
# OpenTitan's configuration) on -M ibex-simple in each RTL configuration of its results.csv.
# Every R,<kernel>,<instructions>,<cycles>,<check> line must equal the RTL's row, and every
# I,<item>,<value> / C,<program>,<checksum> line the checks.csv entry: one PASS/FAIL per
# (program, kernel, config) and per (program, config, check item).
. tests/ibex/lib.sh
REF=${IBEX_EXT_REF:-../shared/reference/ibex-ext}
BIN=${IBEX_BUILD:-build/ibex}/ext
if [ ! -f "$REF/results.csv" ]; then
    t_skip ibex-ext "no $REF/results.csv (the shared reference data sits beside the repo)"
    exit 0
fi
tr -d '\r' <"$REF/results.csv" >"$TMP/results.csv"
tr -d '\r' <"$REF/checks.csv" >"$TMP/checks.csv"

# (program, config) pairs the model does not run yet: reported as one SKIP each, with why.
# Remove a line when the model reproduces the pair; none may stay for issue 15 to be done.
pending() {
    case $1/$2 in
    *) return 1 ;;
    esac
}

# Within a pair that runs, the rows and check items that wait for other work, one line
# each: "value ITEM WHY" (the value waits; a row's instructions and cycles are checked all
# the same) or "row ITEM WHY" (the whole row waits).  Each is reported as a SKIP with why.
# Remove them as that work lands.
pending_rows() {
    case $1/$2 in
    *) ;;
    esac
}

pairs=$(awk -F, 'NR > 1 { print $1 "/" $5 }' "$TMP/results.csv" | sort -u)
for pair in $pairs; do
    prog=${pair%/*} cfg=${pair#*/}
    if why=$(pending "$prog" "$cfg"); then
        t_skip "ibex-ext/$prog/$cfg" "$why"
        continue
    fi
    elf=$BIN/$prog.elf
    if [ ! -f "$elf" ]; then
        t_fail "ibex-ext/$prog/$cfg" "$elf not built (make $elf)"
        continue
    fi
    if ! args=$(config_args "$cfg"); then
        t_fail "ibex-ext/$prog/$cfg" "unknown configuration"
        continue
    fi
    for accel in jit interp; do
        out=$TMP/$prog-$cfg-$accel.out
        # shellcheck disable=SC2086
        $SOCSIM -M ibex-simple -kernel "$elf" $args -accel $accel --max-time 1s >"$out" 2>"$out.err"
        rc=$?
        if [ $rc != 0 ]; then
            t_fail "ibex-ext/$prog/$cfg/$accel" "exit status $rc: $(head -c 300 "$out.err" | tr '\n' ' ')"
            continue
        fi
        sfx=$([ $accel = interp ] && echo /interp)
        pending_rows "$prog" "$cfg" >"$TMP/$prog-$cfg.later"
        awk -F, -v p=$prog -v c=$cfg -v sfx="$sfx" '
            FILENAME == ARGV[1] {
                split($0, w, " ")
                kind[w[2]] = w[1]
                why[w[2]] = substr($0, length(w[1]) + length(w[2]) + 3)
                next
            }
            FILENAME == ARGV[2] {
                if ($1 == "R") got["R," $2] = $3 "," $4 ",0x" $5
                else if ($1 == "I") got["I," $2] = ($2 == "traps" ? "" : "0x") $3 # traps: decimal
                else if ($1 == "C") got["I,program_checksum"] = "0x" $3
                next
            }
            FILENAME == ARGV[3] && FNR > 1 && $1 == p && $5 == c {
                check("ibex-ext/" p "/" $2 "/" c sfx, "R," $2, $3 "," $4 "," $6,
                      "instructions,cycles,check")
            }
            FILENAME == ARGV[4] && FNR > 1 && $1 == p && $2 == c {
                check("ibex-ext/" p "/" c "/" $3 sfx, "I," $3, $4, $3)
            }
            function check(name, key, want, what,   item, g, v) {
                item = substr(key, 3)
                if (kind[item] == "row") {
                    print "SKIP " name ": " why[item]
                    return
                }
                if (kind[item] == "value") {
                    if (key ~ /^R,/ && (key in got)) {
                        split(got[key], g, ","); split(want, v, ",")
                        if (g[1] "," g[2] != v[1] "," v[2]) {
                            print "FAIL " name ": measured " got[key] ", expected " want \
                                  " (" what ")"
                            return
                        }
                    }
                    print "SKIP " name ": " (key ~ /^R,/ ? "instructions and cycles exact, " \
                          "the value waits for " : "") why[item]
                    return
                }
                if (!(key in got))
                    print "FAIL " name ": not printed (expected " want ")"
                else if (tolower(got[key]) != tolower(want))
                    print "FAIL " name ": measured " got[key] ", expected " want " (" what ")"
                else
                    print "PASS " name
            }' "$TMP/$prog-$cfg.later" "$out" "$TMP/results.csv" "$TMP/checks.csv"
    done
done
