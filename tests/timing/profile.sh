#!/usr/bin/env bash
# --profile (docs/timing-analysis.md): the self cycles of every function add up to the
# run's cycles exactly, on every timing model, interpreted and translated; the callgrind
# file is one that callgrind_annotate (valgrind) reads, with the function that costs the
# most cycles on top; the folded stacks and the text list hold the same figures; recording
# moves no count.  Errors name the option.
. tests/lib.sh
P=$FW/timing/prof.elf
[ -f "$P" ] || { t_skip profile "$P not built"; exit 0; }
D=$TMP/profile
mkdir -p "$D"

# cycles OUT: the cycles of a --summary line
cycles() { sed -n 's/^socsim: [0-9]* instructions, \([0-9]*\) cycles.*/\1/p' "$1"; }
nohost() { sed 's/, [0-9.]* host MIPS//' "$1"; }
# The callgrind file's summary and the sum of its cost lines (positions 0x..., not calls'
# inclusive lines).  A position is an address, and its source line where socsim has libdw.
cg_summary() { sed -n 's/^summary: \([0-9]*\) .*/\1/p' "$1"; }
cg_npos() { grep -q '^positions: instr line$' "$1" && echo 2 || echo 1; }
cg_self() {
    awk -v c=$(( $(cg_npos "$1") + 1 )) '/^calls=/ {skip = 1; next}
        /^0x/ {if (!skip) s += $c; skip = 0} END {print s}' "$1"
}

for run in functional:interp functional:jit ibex:interp ibex:jit e31:interp; do
    m=${run%:*} a=${run#*:} n=profile.$m.$a
    $SOCSIM -M virt32 -cpu-model $m -accel $a -kernel $P --summary >"$D/$m-$a.plain.out" \
        2>"$D/$m-$a.plain"
    t_cmd $n --stdout "$(cat "$D/$m-$a.plain.out")" -- $SOCSIM -M virt32 -cpu-model $m \
        -accel $a -kernel $P --summary --profile "$D/$m-$a.cg"
    # Recording moves no count: the same summary as without it.
    t_eq $n.summary "$(nohost "$D/$m-$a.plain")" "$(nohost "$TMP/$n.err")"
    c=$(cycles "$D/$m-$a.plain")
    t_eq $n.total "$c" "$(cg_summary "$D/$m-$a.cg")"
    t_eq $n.self-sum "$c" "$(cg_self "$D/$m-$a.cg")"
    if command -v callgrind_annotate >/dev/null; then
        if callgrind_annotate "$D/$m-$a.cg" >"$D/$m-$a.ann" 2>&1; then
            # The first function row: divide's 64 divisions cost the most on every model
            # (on functional, one cycle per instruction: its 457 instructions).
            top=$(awk '/file:function/ {getline; getline; print; exit}' "$D/$m-$a.ann")
            case $top in
            *":divide "*) t_pass $n.annotate ;;
            *) t_fail $n.annotate "top row: $top" ;;
            esac
        else
            t_fail $n.annotate "$(head -c 300 "$D/$m-$a.ann")"
        fi
    else
        t_skip $n.annotate "no callgrind_annotate (Debian package valgrind)"
    fi
    # Folded stacks: the same cycles, divide under main.
    $SOCSIM -M virt32 -cpu-model $m -accel $a -kernel $P --profile "$D/$m-$a.folded" \
        --profile-format folded >/dev/null
    t_eq $n.folded "$c" "$(awk '{s += $NF} END {print s}' "$D/$m-$a.folded")"
    t_eq $n.folded.divide "_start;main;divide" \
        "$(sed -n 's/^\(_start;main;divide\) [0-9]*$/\1/p' "$D/$m-$a.folded")"
    # Translated code is profiled as interpreted: the same file.
    if [ $a = jit ]; then
        cmp -s "$D/$m-jit.cg" "$D/$m-interp.cg" && t_pass $n.same ||
            t_fail $n.same "differs from the interpreted run's"
    fi
done

# The ibex figures, exact: divide's self cycles and the stalls the model charged to it
# (64 divisions of 37 cycles: 36 mul/div stall cycles each), the handler's 3 calls.
o=$(cg_npos "$D/ibex-interp.cg")
t_eq profile.ibex.divide "3015 457 2304" \
    "$(awk -v o=$o '/^fn=divide$/ {f = 1; next} /^fn=/ {f = 0}
        f && /^0x/ {c += $(o + 1); i += $(o + 2); md += $(o + 7)} END {print c, i, md}' "$D/ibex-interp.cg")"
# Per source line, where socsim has libdw: callgrind_annotate puts divide's cycles on its
# division, `acc += 0x7fffffffu / (i * 7u + sink);`: 2752 cycles, 2304 of them on the divider.
if [ $o = 2 ] && command -v callgrind_annotate >/dev/null; then
    t_eq profile.lines.divide "2,752 2,304" "$(callgrind_annotate "$D/ibex-interp.cg" |
        awk '/acc \+= 0x7fffffffu/ {print $1, $11; exit}')"
    t_eq profile.lines.fl "fl=tests/timing/fw/prof.c" \
        "$(grep -B1 '^fn=divide$' "$D/ibex-interp.cg" | head -1)"
else
    t_skip profile.lines "socsim built without libdw (Debian package libdw-dev), or no callgrind_annotate"
fi
t_cmd profile.text --stderr-grep "^ +3015 +71\.7% +3015 +1 +457  mul/div 2304, branch 190 divide$" -- \
    $SOCSIM -M virt32 -cpu-model ibex -kernel $P --profile -
t_cmd profile.text.tick --stderr-grep "^ +275 +6\.5% +328 +3 +147  memory 105, trap 15 +tick$" -- \
    $SOCSIM -M virt32 -cpu-model ibex -kernel $P --profile -
t_cmd profile.text.latency --stderr-grep "^  irq MTI  3 taken, entry cycles min 5 median 9 max 31, return min 108 median 115 max 141$" -- \
    $SOCSIM -M virt32 -cpu-model ibex -kernel $P --profile -

# Errors: named, nothing written, the old file kept.
echo old >"$D/keep.cg"
t_cmd profile.err.format --exit 2 --stderr-grep "^socsim: --profile-format flame: callgrind, folded or text$" -- \
    $SOCSIM -M virt32 -kernel $P --profile "$D/keep.cg" --profile-format flame
t_eq profile.err.format.kept old "$(cat "$D/keep.cg")"
t_cmd profile.err.noprofile --exit 2 --stderr-grep "^socsim: --profile-format folded: no --profile FILE to write$" -- \
    $SOCSIM -M virt32 -kernel $P --profile-format folded
t_cmd profile.err.dir --exit 2 --stderr-grep "^socsim: --profile $D/no/such/p.cg: " -- \
    $SOCSIM -M virt32 -kernel $P --profile "$D/no/such/p.cg"
