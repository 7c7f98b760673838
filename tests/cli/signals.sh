# SIGINT, SIGTERM and SIGHUP end a run the way its end would: the run stops at an
# instruction boundary, every back end gets what the firmware wrote (semihosting's lines
# to a file, not a terminal, sit in stdout's buffer until then), --summary, --stats and
# --signature are written, and the exit status is 128 + the signal's number.  The waits
# on the host (-S for gdb, gdb's next packet, a wait=on server's client, a Lua scenario
# that loops) end on a signal too.  Each test sends a real signal from here, once the
# firmware has said "ready" on its UART (a file back end, flushed while the run goes on),
# and waits for socsim's exit (tests/lib.sh: conditions, not lengths of time).
. tests/lib.sh
ELF=$FW/cli/sigwait.elf
LINES=$(for i in $(seq -w 1 34); do echo "line $i"; done)
SIG="00000022
5a5a5a5a"

# sig_run NAME SIGNAL SOCSIM-ARGS...: runs sigwait.elf, sends SIGNAL after "ready"; sets
# BG_RC and leaves the output in $TMP/NAME.{out,err}.
sig_run() {
    local name=$1 sig=$2; shift 2
    rm -f "$TMP/$name.uart"
    t_bg "$name" $SOCSIM -M virt32 -kernel $ELF -serial "file:$TMP/$name.uart" "$@"
    if ! t_wait_for "$TMP/$name.uart" '^ready$'; then
        t_fail "$name.ready" "no 'ready' from the firmware: $(head -c 300 "$TMP/$name.err")"
    fi
    kill -"$sig" "$BG_PID"
    t_bg_wait
}

sig_run signal.term TERM --summary --signature "$TMP/term.sig"
t_eq signal.term.status 143 "$BG_RC"
t_eq signal.term.semihosting "$LINES" "$(cat "$TMP/signal.term.out")"
t_eq signal.term.message 1 "$(grep -cE '^socsim: SIGTERM: the run stopped at [0-9.]+ [mun]?s simulated$' "$TMP/signal.term.err")"
t_eq signal.term.summary 1 "$(grep -cE '^socsim: [0-9]+ instructions, [0-9]+ cycles, .* simulated, .* host MIPS$' "$TMP/signal.term.err")"
t_eq signal.term.signature "$SIG" "$(cat "$TMP/term.sig" 2>&1)"

# SIGINT on the interpreter (the Ibex model's loop), with --stats.
sig_run signal.int INT -cpu-model ibex -accel interp --stats --signature "$TMP/int.sig"
t_eq signal.int.status 130 "$BG_RC"
t_eq signal.int.semihosting "$LINES" "$(cat "$TMP/signal.int.out")"
t_eq signal.int.stats "socsim stats (cpu0, model ibex):" "$(grep '^socsim stats' "$TMP/signal.int.err")"
t_eq signal.int.signature "$SIG" "$(cat "$TMP/int.sig" 2>&1)"

sig_run signal.hup HUP
t_eq signal.hup.status 129 "$BG_RC"
t_eq signal.hup.semihosting "$LINES" "$(cat "$TMP/signal.hup.out")"

# A signal the host ignores (nohup) stays ignored.
trap '' HUP
t_bg signal.nohup $SOCSIM -M virt32 -kernel $ELF -serial "file:$TMP/nohup.uart"
trap - HUP
t_wait_for "$TMP/nohup.uart" '^ready$'
kill -HUP "$BG_PID"
kill -0 "$BG_PID" 2>/dev/null && t_pass signal.nohup.ignored || t_fail signal.nohup.ignored "SIGHUP ended it"
kill -TERM "$BG_PID"
t_bg_wait
t_eq signal.nohup.status 143 "$BG_RC"

# An idle machine (wfi, nothing scheduled) waits on the host: here for a client of its
# UART's socket, which never comes.
t_bg signal.idle $SOCSIM -M virt32 -kernel $FW/cli/sigidle.elf --summary \
    -chardev "socket,id=s0,path=$TMP/idle.sock,server=on,wait=off" -serial chardev:s0
t_wait_for "$TMP/signal.idle.err" '^ready$'
t_wait_asleep # (past "ready" it runs up to the idle point, then blocks)
kill -TERM "$BG_PID"
t_bg_wait
t_eq signal.idle.status 143 "$BG_RC"
t_eq signal.idle.summary 1 "$(grep -cE '^socsim: 8 instructions, 10000 cycles, 100 us simulated, ' "$TMP/signal.idle.err")"

# -S: waiting for gdb to connect.
t_bg signal.gdb-wait $SOCSIM -M virt32 -kernel $ELF -S -gdb "unix:$TMP/wait.sock"
t_wait_for "$TMP/signal.gdb-wait.err" '^socsim: gdb: listening on unix:'
kill -TERM "$BG_PID"
t_bg_wait
t_eq signal.gdb-wait.status 143 "$BG_RC"
[ -e "$TMP/wait.sock" ] && t_fail signal.gdb-wait.socket-removed "$TMP/wait.sock is left" ||
    t_pass signal.gdb-wait.socket-removed

# gdb connected, the target stopped: the stub waits for the next packet.  The client asks
# for the stop reason, acknowledges the reply, then reads what comes until the end.
cat >"$TMP/client.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b'$?#3f')
got = b''
def reply_complete(b):  # "+$...#xx"
    i = b.find(b'$')
    j = b.find(b'#', i) if i >= 0 else -1
    return j >= 0 and len(b) >= j + 3
while not reply_complete(got):
    d = s.recv(4096)
    if not d:
        break
    got += d
s.sendall(b'+')
with open(sys.argv[2], 'w') as f:
    f.write(got.decode() + '\n')
rest = b''
while True:
    d = s.recv(4096)
    if not d:
        break
    rest += d
print(rest.decode())
PY
t_bg signal.gdb-packet $SOCSIM -M virt32 -kernel $ELF -S -gdb "unix:$TMP/pkt.sock"
t_wait_for "$TMP/signal.gdb-packet.err" '^socsim: gdb: listening on unix:'
python3 "$TMP/client.py" "$TMP/pkt.sock" "$TMP/pkt.first" >"$TMP/pkt.rest" 2>&1 &
client=$!
t_wait_for "$TMP/pkt.first" '^\+\$T05'
kill -TERM "$BG_PID"
t_bg_wait
wait $client
t_eq signal.gdb-packet.status 143 "$BG_RC"
# X0f: "the process terminated with signal 15" (GDB docs, "Stop Reply Packets").
t_eq signal.gdb-packet.reply '$X0f#ee' "$(cat "$TMP/pkt.rest")"

# A wait=on server waiting for its client.
t_bg signal.chardev-wait $SOCSIM -M virt32 -kernel $ELF \
    -chardev "socket,id=s0,path=$TMP/c.sock,server=on,wait=on" -serial chardev:s0
t_wait_for "$TMP/signal.chardev-wait.err" 'waiting for connection'
kill -TERM "$BG_PID"
t_bg_wait
t_eq signal.chardev-wait.status 143 "$BG_RC"
t_eq signal.chardev-wait.message "socsim: chardev s0: SIGTERM while waiting for a client on unix:$TMP/c.sock" \
    "$(tail -1 "$TMP/signal.chardev-wait.err")"
[ -e "$TMP/c.sock" ] && t_fail signal.chardev-wait.socket-removed "$TMP/c.sock is left" ||
    t_pass signal.chardev-wait.socket-removed

# A Lua scenario that loops without running the machine, even catching errors with pcall.
# --lua-limit counts (its hook runs) but is far beyond what the loop reaches before the
# signal, however slow the host: with the default (10^8, about a second of host time),
# a loaded host let the limit end the scenario first.
cat >"$TMP/loop.lua" <<'LUA'
local socsim = require "socsim"
socsim.expect("serial0", "ready\n", "1s")
while true do
    pcall(function() while true do end end)
end
LUA
sig_run signal.lua TERM --script "$TMP/loop.lua" --lua-limit 1000000000000000 --summary
t_eq signal.lua.status 143 "$BG_RC"
t_eq signal.lua.semihosting "$LINES" "$(cat "$TMP/signal.lua.out")"
t_eq signal.lua.message 1 "$(grep -cE 'loop.lua:[0-9]+: stopped by SIGTERM$' "$TMP/signal.lua.err")"
t_eq signal.lua.summary 1 "$(grep -cE '^socsim: [0-9]+ instructions, ' "$TMP/signal.lua.err")"

# The same with --lua-limit 0 (no instruction count runs before the signal), and inside a
# named check (also without a limit): the signal ends the scenario, it does not fail the
# check.
sig_run signal.lua-nolimit TERM --script "$TMP/loop.lua" --lua-limit 0
t_eq signal.lua-nolimit.status 143 "$BG_RC"
t_eq signal.lua-nolimit.message 1 "$(grep -cE 'loop.lua:[0-9]+: stopped by SIGTERM$' "$TMP/signal.lua-nolimit.err")"
cat >"$TMP/looptest.lua" <<'LUA'
local socsim = require "socsim"
socsim.expect("serial0", "ready\n", "1s")
socsim.test("forever", function()
    while true do pcall(function() while true do end end) end
end)
socsim.check("after", true)
LUA
sig_run signal.lua-test INT --script "$TMP/looptest.lua" --lua-limit 0
t_eq signal.lua-test.status 130 "$BG_RC"
t_eq signal.lua-test.stderr "socsim: $TMP/looptest.lua:4: stopped by SIGINT" "$(grep -v 'SIGINT: the run' "$TMP/signal.lua-test.err")"
