# Watchpoints: a write watchpoint stops right after the store that changed the variable
# (gdb shows old and new values), and a read watchpoint stops on a load of it.
. tests/gdb/lib.sh
gdb_need gdb_watch

if ! sim_start watch -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms; then
    t_fail gdb_watch "socsim did not listen: $(head -c 300 "$SIM_ERR")"; sim_kill; exit 0
fi
gdb_batch "$TMP/watch.gdb" \
    -ex "break main" -ex "continue" -ex "watch g_watched" -ex "continue" -ex "continue" \
    -ex "p i" -ex "delete" -ex "rwatch g_scale" -ex "continue" -ex "p x" -ex "delete" \
    -ex "continue"
rc=$?
sim_wait
cat >"$TMP/watch.want" <<'WANT'
WANT
t_eq gdb_watch_gdb_exit 0 "$rc"
if cmp -s "$TMP/watch.want" "$TMP/watch.gdb"; then t_pass gdb_watch_transcript
else t_fail gdb_watch_transcript "$(diff "$TMP/watch.want" "$TMP/watch.gdb" | head -8 | tr '\n' '|')"; fi
t_eq gdb_watch_firmware_output "sum=140
mode=0 cause=7" "$(cat "$SIM_OUT")"
t_eq gdb_watch_exit_status 0 "$SIM_RC"
