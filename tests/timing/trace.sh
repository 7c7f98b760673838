#!/usr/bin/env bash
# --trace (docs/timing-analysis.md): the file parses as JSON, its spans nest on every track,
# the function and interrupt spans of prof.elf on ibex are the exact list in
# prof.ibex.spans (times in picoseconds: 10000 a cycle at 100 MHz), the UART bytes are
# what the firmware printed, translated code gives the same file, and Lua's socsim.mark
# lands at its time.  Recording moves no count.
. tests/lib.sh
P=$FW/timing/prof.elf
[ -f "$P" ] || { t_skip trace "$P not built"; exit 0; }
D=$TMP/trace
mkdir -p "$D"
TC="python3 tests/timing/trace_check.py"
nohost() { sed 's/, [0-9.]* host MIPS//' "$1"; }

for run in functional:interp functional:jit ibex:interp ibex:jit e31:interp; do
    m=${run%:*} a=${run#*:} n=trace.$m.$a
    $SOCSIM -M virt32 -cpu-model $m -accel $a -kernel $P --summary >/dev/null 2>"$D/$m-$a.plain"
    t_cmd $n --stdout "prof 0x56bee7f9" -- $SOCSIM -M virt32 -cpu-model $m -accel $a \
        -kernel $P --summary --trace "$D/$m-$a.json"
    t_eq $n.summary "$(nohost "$D/$m-$a.plain")" "$(nohost "$TMP/$n.err")"
    t_eq $n.check ok "$($TC check "$D/$m-$a.json" 2>&1)"
    t_eq $n.bytes "prof 0x56bee7f9" "$($TC bytes "$D/$m-$a.json")"
    t_eq $n.interrupts 3 "$($TC spans "$D/$m-$a.json" | grep -c ' machine timer interrupt ')"
    if [ $a = jit ]; then
        cmp -s "$D/$m-jit.json" "$D/$m-interp.json" && t_pass $n.same ||
            t_fail $n.same "differs from the interpreted run's"
    fi
done
t_eq trace.ibex.spans "$(cat tests/timing/prof.ibex.spans)" "$($TC spans "$D/ibex-interp.json")"
# The timer's compare line, at the CLINT and at the CPU's mip, from 0 at the start: each
# arming is mtimecmp = mtime + 20 (10 MHz: 2 us after the handler's read of mtime), and the
# handler's write of mtimecmp lowers it; the last sets it to the far future.
MTIP="0=0 2500000=1 3470000=0 5300000=1 6010000=0 7800000=1 8420000=0"
t_eq trace.ibex.clint.mtip "$MTIP" "$($TC counter "$D/ibex-interp.json" clint.mtip)"
t_eq trace.ibex.mip.mtip "$MTIP" "$($TC counter "$D/ibex-interp.json" cpu0.mip.mtip)"
# The first rise against the trap: the interrupt is taken 31 cycles (310 ns) later, when
# the divu under way retires (its span starts at 2.81 us).
t_eq trace.ibex.first-irq "3 machine timer interrupt 2810000" \
    "$($TC spans "$D/ibex-interp.json" | grep -m1 ' machine timer interrupt ' | cut -d' ' -f1-5)"

# A scenario's marks, and the timeline's window from Lua: recording stops at 20 us and
# starts again at 30 us; every span open at the stop ends there.
cat >"$D/marks.lua" <<'LUA'
local socsim = require "socsim"
socsim.run("10us")
socsim.assert_eq(socsim.mark("ten"), true, "recorded")
print("ten " .. socsim.now())
socsim.run("10us")
print("stop " .. socsim.now())
socsim.trace_stop("trace")
socsim.assert_eq(socsim.mark("unseen"), false, "not recording")
socsim.run("10us")
socsim.trace_start("trace")
print("start " .. socsim.now())
socsim.mark("thirty")
print("thirty " .. socsim.now())
socsim.wait_exit("1ms")
LUA
t_cmd trace.lua -- $SOCSIM -M virt32 -cpu-model ibex -kernel $P --trace "$D/marks.json" \
    --script "$D/marks.lua"
t_eq trace.lua.check ok "$($TC check "$D/marks.json" 2>&1)"
t_eq trace.lua.marks "$(grep -E '^(ten|thirty) ' "$TMP/trace.lua.out")" "$($TC marks "$D/marks.json")"
# Nothing recorded between the stop and the start: no span overlaps that gap.
stop=$(sed -n 's/^stop //p' "$TMP/trace.lua.out") start=$(sed -n 's/^start //p' "$TMP/trace.lua.out")
t_eq trace.lua.window "" "$($TC spans "$D/marks.json" | awk -v a=$stop -v b=$start '$3 < b && $4 > a')"
t_eq trace.lua.window.closed 1 "$($TC spans "$D/marks.json" | awk -v a=$stop '$4 == a' | grep -c ' divide ')"
# Without --trace a mark is recorded nowhere, and says so.
echo 'local socsim = require "socsim"; print(socsim.mark("m"))' >"$D/nomark.lua"
t_cmd trace.lua.nomark --stdout "false" -- $SOCSIM -M virt32 -kernel $P --script "$D/nomark.lua"

# Errors: named, the old file kept.
echo old >"$D/keep.json"
t_cmd trace.err.dir --exit 2 --stderr-grep "^socsim: --trace $D/no/such/t.json: " -- \
    $SOCSIM -M virt32 -kernel $P --trace "$D/no/such/t.json"
t_cmd trace.err.kept --exit 2 -- $SOCSIM -M virt32 -kernel $P --trace "$D/keep.json" \
    --profile-format folded
t_eq trace.err.kept.file old "$(cat "$D/keep.json")"
