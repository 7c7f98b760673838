# TCP transports: -gdb tcp::0 (a free port, named on stderr) and -s (port 1234; skipped
# when something else holds that port).  gdb connects, reads a register, and kills.
. tests/gdb/lib.sh
gdb_need gdb_tcp

sim_or_fail tcp -M virt32 -kernel "$GDB_ELF" -gdb tcp::0 -S --max-time 10ms
gdb_batch "$TMP/tcp.gdb" -ex 'printf "pc=%#x\n", $pc' -ex "kill"
rc=$?
sim_wait
t_eq gdb_tcp_gdb_exit 0 "$rc"
t_eq gdb_tcp_pc "pc=0x80000000" "$(grep '^pc=' "$TMP/tcp.gdb")"
t_eq gdb_tcp_exit_status 0 "$SIM_RC"

if ! sim_start s -M virt32 -kernel "$GDB_ELF" -s -S --max-time 10ms; then
    if grep -q 'cannot listen' "$SIM_ERR"; then t_skip gdb_tcp_s "port 1234 is busy"
    else t_fail gdb_tcp_s "socsim did not listen: $(head -c 300 "$SIM_ERR")"; fi
    sim_kill; exit 0
fi
t_eq gdb_tcp_s_port "127.0.0.1:1234" "$(sed -n 's/^socsim: gdb: listening on tcp://p' "$SIM_ERR")"
gdb_batch "$TMP/s.gdb" -ex "break square" -ex "continue" -ex "p x" -ex "delete" -ex "continue"
rc=$?
sim_wait
t_eq gdb_tcp_s_gdb_exit 0 "$rc"
t_eq gdb_tcp_s_print "\$1 = 0" "$(grep '^\$1' "$TMP/s.gdb")"
t_eq gdb_tcp_s_exit_status 0 "$SIM_RC"

# Bad -gdb specifications are usage errors that name what was wrong.
t_cmd gdb_bad_spec --exit 2 \
    --stderr-grep "^socsim: -gdb foo: expected tcp:\[HOST\]:PORT or unix:PATH$" \
    -- "$SOCSIM" -M virt32 -kernel "$GDB_ELF" -gdb foo
t_cmd gdb_bad_port --exit 2 --stderr-grep "^socsim: -gdb tcp::99999: bad port '99999'$" \
    -- "$SOCSIM" -M virt32 -kernel "$GDB_ELF" -gdb tcp::99999
t_cmd gdb_bad_unix --exit 2 \
    --stderr-grep "^socsim: -gdb unix:/nonexistent/dir/s: cannot listen: No such file or directory$" \
    -- "$SOCSIM" -M virt32 -kernel "$GDB_ELF" -gdb unix:/nonexistent/dir/s
