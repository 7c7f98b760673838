# --fast-forward (docs/fast-forward.md): the benchmarks of tests/bench at scale 1, on ibex
# and e31, fast-forwarded on the functional model through the first half of their
# instructions, then detailed, with no warm-up and with 2000 instructions of it.  For
# each, the detailed part's cycles (what --stats counts) against the same stretch of a
# run detailed from the start (its cycles at the end less its cycles at the point, by
# --max-insns), and the error; the table must be docs/fast-forward.md's, figure for
# figure.  Each run must end as the full one does (exit status, output).  Then: --stats
# counts the detailed part only, and the option's errors.
. tests/lib.sh
D=$FW/ff
summary() { sed -n 's/^socsim: \([0-9]*\) instructions, \([0-9]*\) cycles.*/\1 \2/p' "$1"; }

table=$TMP/ff.table
for name in mix memcpy muldiv irq; do
    elf=$D/$name.elf
    for model in ibex e31; do
        $SOCSIM -M virt32 -cpu-model $model -kernel "$elf" --summary >"$TMP/full.out" 2>"$TMP/full.err"
        read -r n cycles <<<"$(summary "$TMP/full.err")"
        for warm in 0 2000; do
            at=$((n / 2 + warm))
            $SOCSIM -M virt32 -cpu-model $model -kernel "$elf" --summary --max-insns $at \
                >/dev/null 2>"$TMP/at.err"
            read -r _ c_at <<<"$(summary "$TMP/at.err")"
            ref=$((cycles - c_at))
            $SOCSIM -M virt32 -cpu-model $model -kernel "$elf" --summary \
                --fast-forward $((n / 2))i,warm=$warm >"$TMP/ff.out" 2>"$TMP/ff.err"
            rc=$?
            read -r n_ff c_ff <<<"$(summary "$TMP/ff.err")"
            # (irq prints how many timer interrupts came: a count of simulated time, which
            # the functional model's one cycle per instruction moves)
            if [ $rc != 0 ] || ! cmp -s <(grep -v ticks "$TMP/ff.out") <(grep -v ticks "$TMP/full.out"); then
                t_fail ff.$name.$model.$warm "exit status $rc or output differs"
                continue
            fi
            t_pass ff.$name.$model.$warm
            err=$(awk -v a="$c_ff" -v b="$ref" 'BEGIN { printf "%+.3f%%", (a - b) * 100 / b }')
            echo "| $name | $model | $n | $warm | $ref | $c_ff | $err |"
        done
    done
done >"$table"
grep -v '^|' "$table"
grep '^|' "$table" >"$table.rows"
# The page's table: the rows between its header and the blank line after it.
sed -n '/^| benchmark | model |/,/^$/p' docs/fast-forward.md | grep '^| [a-z]' | grep -v '^| benchmark' >"$TMP/doc.rows"
if cmp -s "$table.rows" "$TMP/doc.rows"; then t_pass ff.docs-table
else t_fail ff.docs-table "docs/fast-forward.md's table differs: $(diff "$TMP/doc.rows" "$table.rows" | head -6 | tr '\n' ' ')"; fi

# --stats counts the detailed part only: instructions, cycles, stall cycles.
ELF=$D/muldiv.elf
t_cmd ff.stats-detailed-only -- $SOCSIM -M virt32 -cpu-model ibex -kernel "$ELF" --stats \
    --fast-forward 1000i
full=$($SOCSIM -M virt32 -cpu-model ibex -kernel "$ELF" --stats 2>&1 >/dev/null |
    awk '/^  instructions/ { print $2 }')
got=$(awk '/^  instructions/ { print $2 }' "$TMP/ff.stats-detailed-only.err")
t_eq ff.stats-instructions "$((full - 1000))" "$got"
# Errors: the syntax, and what it cannot be combined with.
t_cmd ff.bad-warm --exit 2 --stderr-grep "^socsim: --fast-forward 10ms,hot=3: expected warm=N" \
    -- $SOCSIM -M virt32 -kernel "$ELF" --fast-forward 10ms,hot=3
t_cmd ff.bad-when --exit 2 --stderr-grep "^socsim: --fast-forward 12q: '12q' is no time" \
    -- $SOCSIM -M virt32 -kernel "$ELF" --fast-forward 12q
t_cmd ff.no-symbol --exit 2 --stderr-grep "^socsim: --fast-forward nosuch: the firmware has no symbol 'nosuch'" \
    -- $SOCSIM -M virt32 -kernel "$ELF" --fast-forward nosuch
t_cmd ff.with-checkpoint --exit 2 \
    --stderr-grep "^socsim: --fast-forward and --save-checkpoint cannot be combined" \
    -- $SOCSIM -M virt32 -kernel "$ELF" --fast-forward 10i --save-checkpoint "$TMP/x@20i"
# The functional part decodes what the detailed model's hart does: isa_zbk.c's bit
# manipulation on ibex,rv32b=otearlgrey, fast-forwarded through its first 500
# instructions: the expected output, --summary's count 500 short of the full run's, and
# those 500 at one cycle each: 462.16 us = (45716 + 500) cycles at 100 MHz (the functional
# model, which has state of its own since the bit manipulation came, was not swapped in
# before: 466.7 us, the full run's time).
ZBK=$FW/virt32/isa_zbk.elf
t_cmd ff.bitmanip --stdout-file tests/firmware/virt32/isa_zbk.expected \
    -- $SOCSIM -M virt32 -cpu-model ibex,rv32b=otearlgrey -kernel "$ZBK" --max-time 1s \
    --fast-forward 500i --summary
read -r n_zbk _ <<<"$(summary "$TMP/ff.bitmanip.err")"
read -r full_zbk _ <<<"$($SOCSIM -M virt32 -cpu-model ibex,rv32b=otearlgrey -kernel "$ZBK" \
    --max-time 1s --summary 2>&1 >/dev/null | sed -n 's/^socsim: \([0-9]*\) instructions, \([0-9]*\) cycles.*/\1 \2/p')"
t_eq ff.bitmanip.detailed-part "$((full_zbk - 500))" "$n_zbk"
t_eq ff.bitmanip.functional-part "socsim: 26167 instructions, 45716 cycles, 462.16 us simulated" \
    "$(sed 's/, [0-9.]* host MIPS//' "$TMP/ff.bitmanip.err")"
