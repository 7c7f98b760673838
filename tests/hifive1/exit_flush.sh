# Issue 12 item 2: bytes the firmware wrote to the UART and that still wait in its transmit
# FIFO or shift register when the run ends reach the back end, on every way out (socsim
# flushes them at the stop, docs/devices.md).  exit_flush.c prints a 22-byte line, more than
# FIFO and shift register hold, and leaves at once: without the flush the output ended at
# "warm cycles=c" and the last 9 bytes were lost.
. tests/lib.sh
F=$FW/hifive1
M="$SOCSIM -M hifive1"
printf 'warm cycles=c0ffee42\r\n' >"$TMP/line"

# The firmware's own exits: the status is the firmware's (3).
t_cmd hifive1.flush.semihost --exit 3 --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_semihost.elf --max-time 1s
t_cmd hifive1.flush.tohost --exit 3 --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_tohost.elf --max-time 1s
t_cmd hifive1.flush.finisher --exit 3 --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_finisher.elf -device sifive-test,addr=0x00100000 --max-time 1s
# QEMU's sifive_e, the oracle the issue names, prints the whole line too (-semihosting lets
# the exit end it; 60 s of host time at most).
if command -v qemu-system-riscv32 >/dev/null; then
    t_cmd hifive1.flush.qemu --exit 3 --stdout-file "$TMP/line" -- timeout 60 \
        qemu-system-riscv32 -M sifive_e,revb=true -nographic -semihosting \
        -kernel $F/exit_semihost.elf
else
    t_skip hifive1.flush.qemu "no qemu-system-riscv32"
fi
# The same through a file chardev.
t_cmd hifive1.flush.file --exit 3 --stdout "" \
    -- $M -kernel $F/exit_semihost.elf -serial file:"$TMP/serial.txt" --max-time 1s
if cmp -s "$TMP/serial.txt" "$TMP/line"; then t_pass hifive1.flush.file.bytes
else t_fail hifive1.flush.file.bytes "got '$(cat -v "$TMP/serial.txt")'"; fi

# Limits: exit_park slows the line to 210 baud and spins, so the tail is still queued
# (about 0.4 s of line time) when the limit ends the run.
t_cmd hifive1.flush.max-time --exit 124 --stdout-file "$TMP/line" \
    --stderr-grep 'simulated time limit reached' \
    -- $M -kernel $F/exit_park.elf --max-time 100ms
t_cmd hifive1.flush.max-insns --exit 124 --stdout-file "$TMP/line" \
    --stderr-grep 'instruction limit reached' \
    -- $M -kernel $F/exit_park.elf --max-insns 500000
# A CPU that can never wake (wfi, interrupts off): the kernel runs the UART's events until
# none is left, so the line is out before the stop (bounded by --max-insns: the sleeping
# CPU retires nothing, and --max-time would keep the machine waiting for it).
t_cmd hifive1.flush.wfi --exit 1 --stdout-file "$TMP/line" \
    --stderr-grep 'sleeps in wfi with no event pending' \
    -- $M -kernel $F/exit_wfi.elf --max-insns 1000000

# Scenarios: the scenario's end, socsim.exit() and a limit inside a run each end the run
# with bytes queued; after the firmware's own exit, expect() and output() see the whole line.
scenario() { printf 'local socsim = require "socsim"\n%s\n' "$2" >"$TMP/$1.lua"; }
scenario end 'socsim.run("100ms")'
scenario exit 'socsim.after("100ms", function() socsim.exit(5) end)
socsim.run("1s")'
scenario limit 'socsim.run("1s")'
scenario expect 'socsim.assert_eq(socsim.expect("uart0", "c0ffee42\r\n", "10ms"), "c0ffee42\r\n")'
scenario output 'socsim.assert_eq(socsim.wait_exit("10ms"), 3, "exit code")
socsim.assert_eq(socsim.output("uart0"), "warm cycles=c0ffee42\r\n")'
t_cmd hifive1.flush.scenario-end --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_park.elf --script "$TMP/end.lua"
t_cmd hifive1.flush.scenario-exit --exit 5 --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_park.elf --script "$TMP/exit.lua"
t_cmd hifive1.flush.scenario-limit --exit 124 --stdout-file "$TMP/line" \
    --stderr-grep 'limit.lua:2: simulated time limit reached' \
    -- $M -kernel $F/exit_park.elf --script "$TMP/limit.lua" --max-time 100ms
t_cmd hifive1.flush.scenario-expect --exit 3 --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_tohost.elf --script "$TMP/expect.lua"
t_cmd hifive1.flush.scenario-output --exit 3 --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_tohost.elf --script "$TMP/output.lua"
# Lua's os.exit ends the run as socsim.exit does (before, it left at once: the queued
# tail was lost), also from a callback, and pcall or socsim.test do not catch it.
scenario os-exit 'socsim.run("100ms")
os.exit(6)'
scenario os-exit-cb 'socsim.after("100ms", function() os.exit(false) end)
socsim.run("1s")'
scenario os-exit-pcall 'socsim.run("100ms")
socsim.test("t", function() pcall(os.exit, true) end)
print("went on")
os.exit(9)'
t_cmd hifive1.flush.os-exit --exit 6 --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_park.elf --script "$TMP/os-exit.lua"
t_cmd hifive1.flush.os-exit-callback --exit 1 --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_park.elf --script "$TMP/os-exit-cb.lua"
t_cmd hifive1.flush.os-exit-pcall --exit 0 --stdout-file "$TMP/line" \
    -- $M -kernel $F/exit_park.elf --script "$TMP/os-exit-pcall.lua"
rm -f "$TMP/serial.txt"
t_cmd hifive1.flush.os-exit-file --exit 6 --stdout "" \
    -- $M -kernel $F/exit_park.elf -serial file:"$TMP/serial.txt" --script "$TMP/os-exit.lua"
if cmp -s "$TMP/serial.txt" "$TMP/line"; then t_pass hifive1.flush.os-exit-file.bytes
else t_fail hifive1.flush.os-exit-file.bytes "got '$(cat -v "$TMP/serial.txt")'"; fi

# gdb's kill while the tail is queued: socsim ends with status 0 and the whole line.
. tests/gdb/lib.sh
GDB_ELF=$F/exit_park.elf
if ! command -v "$GDB" >/dev/null 2>&1; then
    t_skip hifive1.flush.gdb-kill "gdb-multiarch not installed"
elif ! sim_start flush-gdb -M hifive1 -kernel "$GDB_ELF" -gdb "unix:$TMP/flush.sock" -S \
        --max-time 2s; then
    t_fail hifive1.flush.gdb-kill "socsim did not listen: $(head -c 300 "$SIM_ERR")"
    sim_kill
else
    gdb_batch "$TMP/flush-gdb.txt" -ex "break parked" -ex continue -ex kill
    sim_wait
    if [ "$SIM_RC" != 0 ]; then
        t_fail hifive1.flush.gdb-kill "exit $SIM_RC: $(head -c 300 "$SIM_ERR" | tr '\n' ' ')"
    elif ! grep -q 'Breakpoint 1, .*parked' "$TMP/flush-gdb.txt"; then
        t_fail hifive1.flush.gdb-kill "gdb did not stop in parked: $(head -c 300 "$TMP/flush-gdb.txt")"
    elif cmp -s "$SIM_OUT" "$TMP/line"; then
        t_pass hifive1.flush.gdb-kill
    else
        t_fail hifive1.flush.gdb-kill "got '$(cat -v "$SIM_OUT")'"
    fi
fi
