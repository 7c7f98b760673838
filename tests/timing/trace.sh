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

# SPI frames (the HiFive1's SPI1, hf1_wave.c's RDID to an spi-flash at its chip select 0,
# as tests/vcd/vcd.sh draws it): a span per byte on the bus's track (spi1.0) over its bits,
# the first one SCK period (500 ns: sckdiv 3 at 16 MHz, mode 0) after chip select 0 falls,
# 8 periods each, back to back under the held chip select; named by the bytes out and in.
H=$FW/vcd/hf1_wave.elf
if [ -f "$H" ]; then
    t_cmd trace.spi.run --stdout "$(printf '\245 id ff9d6018\r')" -- $SOCSIM -M hifive1 -kernel $H \
        -device spi-flash,id=fl1,bus=spi1.0,addr=0 --max-time 10ms --trace "$D/spi.json"
    t_eq trace.spi.check ok "$($TC check "$D/spi.json" 2>&1)"
    fall=$($TC counter "$D/spi.json" spi1.cs0 | cut -d' ' -f2 | sed 's/=0$//')
    want=$(python3 -c "
for k, (o, i) in enumerate([('9f', 'ff'), ('00', '9d'), ('00', '60'), ('00', '18')]):
    b = $fall + 500000 + k * 4000000
    print(b, b + 4000000, 0, o, i)")
    t_eq trace.spi.frames "$want" "$($TC spi "$D/spi.json" spi1.0)"
    t_eq trace.spi.names "0x9f > 0xff 0x00 > 0x9d 0x00 > 0x60 0x00 > 0x18" \
        "$(grep -o '"name":"0x[0-9a-f]* > 0x[0-9a-f]*"' "$D/spi.json" | cut -d'"' -f4 | tr '\n' ' ' | sed 's/ $//')"
    t_eq trace.spi.other-buses "" "$($TC spi "$D/spi.json" spi2.0)"
else
    t_skip trace.spi "$H not built"
fi

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
