# CSRs through the target description: mcause after a trap (ecall from M-mode = 11),
# `info registers mcause`, and $mcycle / $minstret agreeing with `monitor cycles` and
# `monitor instret` at the same stop.
. tests/gdb/lib.sh
gdb_need gdb_csr

if ! sim_start csr -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms; then
    t_fail gdb_csr "socsim did not listen: $(head -c 300 "$SIM_ERR")"; sim_kill; exit 0
fi
gdb_batch "$TMP/csr.gdb" \
    -ex "set var g_mode = 2" -ex "break trap_handler" -ex "continue" \
    -ex "p \$mcause" -ex "info registers mcause" -ex "p/x \$mepc" -ex "p cause" \
    -ex 'printf "mcycle=%u minstret=%u\n", $mcycle, $minstret' \
    -ex "monitor cycles" -ex "monitor instret" -ex "monitor help" -ex "delete" -ex "continue"
rc=$?
sim_wait
cat >"$TMP/csr.want" <<'WANT'
WANT
t_eq gdb_csr_gdb_exit 0 "$rc"
if cmp -s "$TMP/csr.want" "$TMP/csr.gdb"; then t_pass gdb_csr_transcript
else t_fail gdb_csr_transcript "$(diff "$TMP/csr.want" "$TMP/csr.gdb" | head -8 | tr '\n' '|')"; fi
mc=$(sed -n 's/^mcycle=\([0-9]*\) minstret=\([0-9]*\)$/\1 \2/p' "$TMP/csr.gdb")
mon=$(grep -A2 '^mcycle=' "$TMP/csr.gdb" | sed -n '2,3p' | tr '\n' ' ' | sed 's/ $//')
t_eq gdb_csr_mcycle_is_monitor_cycles "$mc" "$mon"
t_eq gdb_csr_firmware_output "sum=140
mode=2 cause=7" "$(cat "$SIM_OUT")"
t_eq gdb_csr_exit_status 0 "$SIM_RC"
