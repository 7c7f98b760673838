# The stub does not perturb simulated time: a run with gdb attached that only continues,
# and even one that stops at breakpoints, steps and watches, prints exactly the output of
# a run without gdb, including the firmware's own mcycle and minstret readings.
. tests/gdb/lib.sh
gdb_need gdb_same_cycles

# summary FILE: socsim's own count at exit (--summary): "N instructions, N cycles".
summary() { sed -n 's/^socsim: \([0-9]* instructions, [0-9]* cycles\),.*/\1/p' "$1"; }

# same_cycles NAME [SOCSIM-ARGS...]: the three runs with the given extra arguments.
same_cycles() {
    local n=$1; shift
    "$SOCSIM" -M virt32 "$@" -kernel "$GDB_ELF" --max-time 10ms --summary \
        >"$TMP/$n.plain.out" 2>"$TMP/$n.plain.err"
    local plain_rc=$?
    t_eq "gdb_same_cycles_${n}_plain_run" 0 "$plain_rc"
    grep -q '^mcycle=[1-9][0-9]* minstret=[1-9][0-9]*$' "$TMP/$n.plain.out" &&
        t_pass "gdb_same_cycles_${n}_plain_counts" ||
        t_fail "gdb_same_cycles_${n}_plain_counts" "$(cat "$TMP/$n.plain.out")"
    # socsim's own count of instructions and cycles at exit (--summary)
    local want_sum
    want_sum=$(summary "$TMP/$n.plain.err")

    # attached, continue only
    sim_or_fail "$n.cont" -M virt32 "$@" -kernel "$GDB_ELF" -gdb "unix:$TMP/$n.sock" -S \
        --max-time 10ms --summary
    gdb_batch "$TMP/$n.cont.gdb" -ex "continue"
    sim_wait
    t_eq "gdb_same_cycles_${n}_continue_exit" "$plain_rc" "$SIM_RC"
    gdb_check "gdb_same_cycles_${n}_continue_output" "$TMP/$n.plain.out" "$SIM_OUT"
    t_eq "gdb_same_cycles_${n}_continue_summary" "$want_sum" "$(summary "$SIM_ERR")"

    # attached, with breakpoints, steps, a watchpoint and monitor commands on the way
    sim_or_fail "$n.busy" -M virt32 "$@" -kernel "$GDB_ELF" -gdb "unix:$TMP/$n.sock2" -S \
        --max-time 10ms --summary
    gdb_batch "$TMP/$n.busy.gdb" -ex "break square" -ex "continue" -ex "continue" -ex "step" \
        -ex "next" -ex "finish" -ex "stepi" -ex "nexti" -ex "watch g_watched" -ex "continue" \
        -ex "rwatch g_scale" -ex "continue" -ex "monitor cycles" -ex "monitor stats" \
        -ex "info registers" -ex "x/8x \$sp" -ex "delete" -ex "hbreak uart_putu" -ex "continue" \
        -ex "delete" -ex "break trap_handler" -ex "continue" -ex "stepi" -ex "stepi" \
        -ex "delete" -ex "continue"
    sim_wait
    t_eq "gdb_same_cycles_${n}_busy_exit" "$plain_rc" "$SIM_RC"
    gdb_check "gdb_same_cycles_${n}_busy_output" "$TMP/$n.plain.out" "$SIM_OUT"
    t_eq "gdb_same_cycles_${n}_busy_summary" "$want_sum" "$(summary "$SIM_ERR")"
    t_eq "gdb_same_cycles_${n}_busy_stopped" 5 \
        "$(grep -c '^Breakpoint [0-9]*, ' "$TMP/$n.busy.gdb")"
}

same_cycles functional
# The timing models, where they are built in: steps and stops must not disturb their
# pipeline state either.
for model in ibex e31; do
    if "$SOCSIM" -M virt32 -cpu-model "$model" -kernel "$GDB_ELF" --max-time 10ms \
        >/dev/null 2>"$TMP/$model.probe"; then
        same_cycles "$model" -cpu-model "$model"
    elif grep -q "is not built into this socsim" "$TMP/$model.probe"; then
        t_skip "gdb_same_cycles_$model" "timing model $model not built in"
    else
        t_fail "gdb_same_cycles_$model" "$(head -c 300 "$TMP/$model.probe")"
    fi
done
