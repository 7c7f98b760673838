#!/usr/bin/env bash
# --vcd, --trace-from/--trace-to and Lua's trace_start/trace_stop (docs/timing-analysis.md).
# Every VCD is read back strictly by tests/vcd/vcd.py, and GTKWave's converter vcd2fst must
# take it; its fst2vcd must give back the same levels at the same times.  Times are checked
# to the picosecond against the models: a UART frame's bit times from its baud clock and
# the cycle of the store that began it (-d exec), an interrupt line's edge against the
# CLINT's mtimecmp and the cycle the trap is taken (-d int), SPI and PWM edges from their
# clocks.
. tests/lib.sh
VCD="python3 tests/vcd/vcd.py"
W=$FW/vcd/wave.elf
H=$FW/vcd/hf1_wave.elf
for f in $W $H; do
    [ -f "$f" ] || { t_skip vcd "$f not built"; exit 0; }
done
D=$TMP/vcd
mkdir -p "$D"

# vcd_ok NAME FILE: well formed, and GTKWave reads the same levels at the same times.
vcd_ok() {
    local err
    if ! err=$($VCD check "$2" 2>&1); then
        t_fail "$1.check" "$err"
        return
    fi
    t_pass "$1.check"
    if ! command -v vcd2fst >/dev/null; then
        t_skip "$1.gtkwave" "no vcd2fst (Debian package gtkwave)"
        return
    fi
    if ! vcd2fst "$2" "$2.fst" >"$2.fst.log" 2>&1 ||
        ! fst2vcd "$2.fst" >"$2.back" 2>>"$2.fst.log"; then
        t_fail "$1.gtkwave" "$(head -c 300 "$2.fst.log")"
        return
    fi
    t_eq "$1.gtkwave" "$($VCD changes "$2")" "$($VCD loose-changes "$2.back")"
}

# exec_cycle LOG PC: the cycle -d exec gives the instruction at PC.
exec_cycle() { sed -n "s/^exec: cycle \([0-9]*\) pc $2:.*/\1/p" "$1" | head -1; }
int_cycle() { sed -n 's/^int: cycle \([0-9]*\): mcause=0x80000007.*/\1/p' "$1" | head -1; }
sym() { riscv64-unknown-elf-nm "$1" | sed -n "s/^\([0-9a-f]*\) . $2\$/0x\1/p"; }

# ---- virt32: the ns16550a's tx line and the timer interrupt, on every timing model ----
# wave.S writes 0x55 to THR at `send` (115200 baud: 32 cycles of 3.6864 MHz a bit) and
# sleeps until the CLINT timer fires at mtime 500 (10 MHz: 50 us).  The CPU runs at
# 100 MHz: cycle N is at N * 10000 ps.
SEND=$(sym $W send)
t_eq vcd.names "cpu0.mip.msip
cpu0.mip.mtip
cpu0.mip.meip
clint.msip
clint.mtip
plic.meip
uart0.irq
uart0.tx
uart0.rx" "$($SOCSIM -M virt32 --vcd help)"

for run in functional:interp functional:jit ibex:interp ibex:jit e31:interp; do
    m=${run%:*} a=${run#*:} n=vcd.virt32.$m.$a
    out=$D/$m-$a.vcd
    $SOCSIM -M virt32 -cpu-model $m -accel $a -kernel $W --summary >/dev/null 2>"$D/$m-$a.plain"
    t_cmd $n --stdout U -- $SOCSIM -M virt32 -cpu-model $m -accel $a -kernel $W --summary \
        --vcd "$out"
    vcd_ok $n "$out"
    # Recording changes no count: the same summary (host MIPS aside) as without it.
    t_eq $n.summary "$(sed 's/, [0-9.]* host MIPS//' "$D/$m-$a.plain")" \
        "$(sed 's/, [0-9.]* host MIPS//' "$TMP/$n.err")"
    t_eq $n.mtip "0=0 50000000=1" "$($VCD edges "$out" clint.mtip)"
    t_eq $n.mip.mtip "0=0 50000000=1" "$($VCD edges "$out" cpu0.mip.mtip)"
    t_eq $n.rx "0=1" "$($VCD edges "$out" uart0.rx)"
    if [ $a = interp ]; then
        # The frame starts at the store's cycle; the trap at the cycle the model takes it.
        $SOCSIM -M virt32 -cpu-model $m -kernel $W -d exec,int -D "$D/$m.log" >/dev/null
        c=$(exec_cycle "$D/$m.log" $SEND)
        t_eq $n.tx "0=1 $($VCD frame $((c * 10000)) 3686400 32 0x55)" \
            "$($VCD edges "$out" uart0.tx)"
        echo "$m $c $(int_cycle "$D/$m.log")" >>"$D/cycles"
    else
        # Translated code: the same file byte for byte.
        cmp -s "$out" "$D/$m-interp.vcd" && t_pass $n.same || t_fail $n.same "differs from interp"
    fi
done
# The store is instruction 13 (cycle 12 at 1 CPI, 20 on ibex, whose csrw mtvec flushes the
# pipeline: 3 cycles, as the RTL's k_csrw_mtvec_same; 35 on e31); the interrupt is
# taken in the cycle the line rises, 5000, on the functional model and on ibex and e31
# (asleep in wfi, the core sees it in the cycle it rises: timing-models.md).
t_eq vcd.virt32.cycles "functional 12 5000
ibex 20 5000
e31 35 5000" "$(cat "$D/cycles")"

# ---- signals=: globs on the tree names, several kept by any ----
t_cmd vcd.glob.one --stdout U -- $SOCSIM -M virt32 -kernel $W --vcd "$D/g1.vcd,signals=uart0.*"
t_eq vcd.glob.one.names "uart0.irq
uart0.tx
uart0.rx" "$($VCD names "$D/g1.vcd")"
t_cmd vcd.glob.two --stdout U -- $SOCSIM -M virt32 -kernel $W \
    --vcd "$D/g2.vcd,signals=*mtip,signals=uart?.tx"
t_eq vcd.glob.two.names "clint.mtip
cpu0.mip.mtip
uart0.tx" "$($VCD names "$D/g2.vcd")"
vcd_ok vcd.glob.two "$D/g2.vcd"

# ---- windows: a time, an instruction count, a symbol's first execution ----
G="--vcd $D/win.vcd,signals=*mtip,signals=uart0.tx"
win() { sed -n '/^\$enddefinitions/,$p' "$D/win.vcd" | tail -n +2 | tr '\n' ' '; }
# 20 us to 60 us: the frame is on the line at 20 us (bit 2, low); $dumpoff at 60 us.
t_cmd vcd.window.time --stdout U -- $SOCSIM -M virt32 -kernel $W $G --trace-from 20us --trace-to 60us
t_eq vcd.window.time.body '#20000000 $dumpvars 0" 0! 0# $end #26161666 1# #34842222 0# #43522777 1# #50000000 1! 1" #52203333 0# #60000000 $dumpoff x" x! x# $end #150070000 ' "$(win)"
vcd_ok vcd.window.time "$D/win.vcd"
# After 9 instructions (cycle 9) to after 13: the store, instruction 13, at cycle 12.
t_cmd vcd.window.insns --stdout U -- $SOCSIM -M virt32 -kernel $W $G --trace-from 9insn --trace-to 13insn
t_eq vcd.window.insns.body '#90000 $dumpvars 0" 0! 1# $end #120000 0# #130000 $dumpoff x" x! x# $end #150070000 ' "$(win)"
# From `send`'s first execution (cycle 12) to `tick`'s (the trap, cycle 5000); neither
# changes a count: the summary is the plain run's.
t_cmd vcd.window.symbol --stdout U -- $SOCSIM -M virt32 -kernel $W $G --trace-from send \
    --trace-to tick --summary
t_eq vcd.window.symbol.body '#120000 $dumpvars 0" 0! 1# $end 0# #8800555 1# #17481111 0# #26161666 1# #34842222 0# #43522777 1# #50000000 1! 1" $dumpoff x" x! x# $end #150070000 ' "$(win)"
t_eq vcd.window.symbol.summary "$(sed 's/, [0-9.]* host MIPS//' "$D/functional-jit.plain")" \
    "$(sed 's/, [0-9.]* host MIPS//' "$TMP/vcd.window.symbol.err")"
vcd_ok vcd.window.symbol "$D/win.vcd"
for m in ibex e31; do
    t_cmd vcd.window.symbol.$m --stdout U -- $SOCSIM -M virt32 -cpu-model $m -kernel $W $G \
        --trace-from send --trace-to tick --summary
    t_eq vcd.window.symbol.$m.summary "$(sed 's/, [0-9.]* host MIPS//' "$D/$m-interp.plain")" \
        "$(sed 's/, [0-9.]* host MIPS//' "$TMP/vcd.window.symbol.$m.err")"
done
# A window that never opens: the header alone, and a warning.
t_cmd vcd.window.never --stdout U --stderr-grep "warning: --trace-from 1s: the run ended before the window opened" \
    -- $SOCSIM -M virt32 -kernel $W $G --trace-from 1s
t_eq vcd.window.never.body "" "$(win)"
vcd_ok vcd.window.never "$D/win.vcd"
# An end of another kind that came before the start: the window opens and closes at once
# (tx high at 10 us: bit 0 of 0x55).
t_cmd vcd.window.backwards --stdout U \
    --stderr-grep "^socsim: warning: --trace-to 5insn came before --trace-from 10us: the window is empty$" \
    -- $SOCSIM -M virt32 -kernel $W $G --trace-from 10us --trace-to 5insn
t_eq vcd.window.backwards.body '#10000000 $dumpvars 0" 0! 1# $end $dumpoff x" x! x# $end #150070000 ' "$(win)"
t_cmd vcd.window.at-start --stdout U \
    --stderr-grep "^socsim: warning: --trace-to _start came as the run began: the window is empty$" \
    -- $SOCSIM -M virt32 -kernel $W $G --trace-to _start

# ---- Lua: trace_stop, trace_start around a window; a byte received on rx ----
cat >"$D/window.lua" <<'EOF'
local socsim = require "socsim"
print(socsim.trace_stop())
socsim.run("20us")
print(socsim.trace_start("vcd"))
socsim.send("uart0", "A")
socsim.run("30us")
print(socsim.trace_stop())
print(pcall(socsim.trace_start, "nope"))
return socsim.wait_exit("1ms")
EOF
t_cmd vcd.lua --stdout "1
U1
1
false	socsim.trace_start: no trace output 'nope' (outputs: vcd)" -- \
    $SOCSIM -M virt32 -kernel $W --vcd "$D/lua.vcd,signals=uart0.*,signals=clint.mtip" \
    --script "$D/window.lua"
vcd_ok vcd.lua "$D/lua.vcd"
t_eq vcd.lua.mtip "0=0 0=x 20000000=0 50000000=1 50000000=x" "$($VCD edges "$D/lua.vcd" clint.mtip)"
# 'A' (0x41) from the back end enters the FIFO at 20 us: its frame from then on.
t_eq vcd.lua.rx "0=1 0=x 20000000=1 $($VCD frame 20000000 3686400 32 0x41 | cut -d' ' -f1-3) 50000000=x" \
    "$($VCD edges "$D/lua.vcd" uart0.rx)"
# A Lua watch that comes mid-frame, without --vcd: the line is low at 20 us (bit 2 of 0x55),
# and the rest of the frame follows (the UART notes its frames while a scenario runs).
cat >"$D/watch.lua" <<'EOF'
local socsim = require "socsim"
socsim.run("20us")
local seen = {}
socsim.watch("uart0.tx", function(level, t) seen[#seen + 1] = t .. "=" .. (level and 1 or 0) end)
print(socsim.level("uart0.tx"))
local code = socsim.wait_exit("1ms")
print(table.concat(seen, " "))
return code
EOF
t_cmd vcd.lua.watch --stdout "Ufalse
$($VCD frame 120000 3686400 32 0x55 | cut -d' ' -f4-)" \
    -- $SOCSIM -M virt32 -kernel $W --script "$D/watch.lua"
t_cmd vcd.lua.none --exit 1 --stderr-grep "window.lua:2: socsim.trace_stop: no trace output: give one on the command line \(--vcd FILE\)" \
    -- $SOCSIM -M virt32 -kernel $W --script "$D/window.lua"

# ---- off: nothing written, nothing listening ----
mkdir -p "$D/off"
(cd "$D/off" && t_cmd vcd.off --stdout U -- "$OLDPWD/$SOCSIM" -M virt32 -kernel "$OLDPWD/$W")
t_eq vcd.off.nofile "" "$(ls -A "$D/off")"

# ---- errors: named, exit 2, and an existing file left as it was ----
echo old >"$D/keep.vcd"
e() { t_cmd "vcd.err.$1" --exit "$2" --stderr-grep "$3" -- $SOCSIM -M virt32 -kernel $W "${@:4}"; }
e nomatch 2 "^socsim: --vcd $D/keep.vcd,signals=uart9\.\*: no signal matches 'uart9\.\*' \(--vcd help lists them\)$" \
    --vcd "$D/keep.vcd,signals=uart9.*"
e option 2 "^socsim: --vcd $D/keep.vcd,foo=1: unknown option 'foo' \(expected signals=PATTERN\)$" \
    --vcd "$D/keep.vcd,foo=1"
e empty 2 "signals= needs a pattern" --vcd "$D/keep.vcd,signals="
e nodir 2 "^socsim: --vcd $D/no/x.vcd: cannot write in directory '$D/no': No such file or directory$" \
    --vcd "$D/no/x.vcd"
e dir 2 "^socsim: --vcd $D: '$D' is a directory$" --vcd "$D"
e noout 2 "^socsim: --trace-from 10ms: no trace output to record \(--vcd FILE\)$" --trace-from 10ms
e when 2 "^socsim: --trace-from 10xs: expected a time \(10ms\), an instruction count \(5000insn\) or a symbol of the firmware \(main\)$" \
    --vcd "$D/keep.vcd" --trace-from 10xs
e symbol 2 "^socsim: --trace-to nosuch: no symbol 'nosuch' in $W$" --vcd "$D/keep.vcd" --trace-to nosuch
e order 2 "^socsim: --trace-to 10us: not after --trace-from 20us$" --vcd "$D/keep.vcd" \
    --trace-from 20us --trace-to 10us
e zero 2 "^socsim: --trace-to 0insn: the window would be empty$" --vcd "$D/keep.vcd" --trace-to 0insn
e same 2 "^socsim: --trace-to send: the window would be empty \(--trace-from send is the same address\)$" \
    --vcd "$D/keep.vcd" --trace-from send --trace-to send
t_eq vcd.err.kept "old" "$(cat "$D/keep.vcd")"
t_eq vcd.err.no-temporary "" "$(ls -A "$D" | grep '\.tmp\.')"
# A full disk: the run fails (exit 1) and says where.
if [ -w /dev/full ]; then
    t_cmd vcd.err.full --exit 1 --stdout U --stderr-grep "^socsim: --vcd /dev/full: writing '/dev/full': No space left on device$" \
        -- $SOCSIM -M virt32 -kernel $W --vcd /dev/full
else
    t_skip vcd.err.full "no writable /dev/full"
fi

# ---- HiFive1: GPIO pad and its interrupt at every level, sifive-uart, SPI, PWM ----
# hf1_wave.c, on the E31 at 16 MHz (62500 ps a cycle) from the flash, with an spi-flash at
# SPI1's chip select 0 that answers its JEDEC ID (9d 60 18).
HOUT=$(printf '\245 id ff9d6018\r')   # 0xa5 on the UART, then printf's line
HF="-M hifive1 -kernel $H -device spi-flash,id=fl1,bus=spi1.0,addr=0 --max-time 10ms"
HS="gpio0.pin5,signals=gpio0.irq5,signals=*meip,signals=uart0.tx,signals=spi1.*,signals=pwm0.out1"
$SOCSIM $HF -d exec,int -D "$D/hf1.log" >/dev/null
t_cmd vcd.hifive1 --stdout "$HOUT" -- $SOCSIM $HF --vcd "$D/hf1.vcd,signals=$HS"
vcd_ok vcd.hifive1 "$D/hf1.vcd"
# store_time NAME FUNCTION N INSN: runs the board recording from FUNCTION's first
# instruction (into $D/NAME.vcd) and prints the window's first time and the time of the
# function's instruction N (counted from 0), which must be INSN, by the cycles -d exec gives
# them (62500 ps a cycle); sets STORE to that instruction's cycle.  Run it with its output
# to a file: not in a subshell.
store_time() {
    t_cmd vcd.hifive1.$1 --stdout "$HOUT" -- $SOCSIM $HF --vcd "$D/$1.vcd,signals=$HS" \
        --trace-from $2 >&2
    local t0 entry
    t0=$(sed -n '/^\$enddefinitions/{n;s/^#//p}' "$D/$1.vcd")
    entry=$(exec_cycle "$D/hf1.log" "$(sym $H $2)")
    STORE=$(grep -A"$3" "^exec: cycle $entry pc " "$D/hf1.log" |
        sed -n "$(($3 + 1))s/^exec: cycle \([0-9]*\) .*$4\$/\1/p")
    echo "$t0 $((t0 + (STORE - entry) * 62500))"
}
# The window opens at pad_high's first instruction; its store sets the pad so many cycles
# later (an I-cache fill from the flash between), and pad, interrupt, PLIC and mip follow
# at once; the E31 takes the interrupt at the next instruction boundary (the store takes
# one cycle).
store_time pad pad_high 2 "sw a4, 12(a5)" >"$D/pad.times"
read -r t0 rise <"$D/pad.times"
for s in gpio0.pin5 gpio0.irq5 plic.meip cpu0.mip.meip; do
    t_eq vcd.hifive1.$s "$rise=1" "$($VCD edges "$D/pad.vcd" $s | cut -d' ' -f2)"
done
t_eq vcd.hifive1.trap "$((STORE + 1))" \
    "$(sed -n 's/^int: cycle \([0-9]*\): mcause=0x8000000b.*/\1/p' "$D/hf1.log" | head -1)"
# 0xa5 at 115200 baud (div 138: 139 cycles of 16 MHz a bit), from the store in send_byte.
store_time uart send_byte 1 "sw a0, 0(a5)" >"$D/uart.times"
read -r t0 start <"$D/uart.times"
t_eq vcd.hifive1.uart.frame "$t0=1 $($VCD frame $start 16000000 139 0xa5)" \
    "$($VCD edges "$D/uart.vcd" uart0.tx | cut -d' ' -f1-9)"
# SPI1, mode 0, sckdiv 3: an SCK period of 8 cycles (500 ns); chip select 0 held low over
# the four bytes; the first bit one period (cssck) after it falls, the others back to back.
cs=$($VCD edges "$D/hf1.vcd" spi1.cs0)
fall=$(echo "$cs" | cut -d' ' -f2 | sed 's/=0$//')
t_eq vcd.hifive1.spi.cs "3" "$(echo "$cs" | wc -w)"
$VCD spi $((fall + 500000)) 500000 0 9f,00,00,00 ff,9d,60,18 >"$D/spi.want"
t_eq vcd.hifive1.spi.sck "0=0 $(sed -n 1p "$D/spi.want")" "$($VCD edges "$D/hf1.vcd" spi1.sck)"
t_eq vcd.hifive1.spi.mosi "0=0 $(sed -n 2p "$D/spi.want")" "$($VCD edges "$D/hf1.vcd" spi1.mosi)"
t_eq vcd.hifive1.spi.miso "0=0 $(sed -n 3p "$D/spi.want")" "$($VCD edges "$D/hf1.vcd" spi1.miso)"
t_eq vcd.hifive1.spi.cs1 "0=1" "$($VCD edges "$D/hf1.vcd" spi1.cs1)"
# PWM0: a period of 10 cycles, output 1 high for 5 (312500 ps), low for 5, from its start.
pwm=$($VCD edges "$D/hf1.vcd" pwm0.out1 | cut -d' ' -f3-42)
first=${pwm%%=*}
want=$(python3 -c "print(' '.join(f'{$first + k * 312500}={(k + 1) % 2}' for k in range(40)))")
t_eq vcd.hifive1.pwm "$want" "$pwm"

# ---- every way a run ends writes the file: a limit, a signal ----
t_cmd vcd.end.limit --exit 124 --stdout spin -- $SOCSIM -M virt32 -kernel $FW/cli/spin.elf \
    --max-time 100us --vcd "$D/limit.vcd,signals=uart0.tx"
vcd_ok vcd.end.limit "$D/limit.vcd"
t_eq vcd.end.limit.last "#100000000" "$(tail -1 "$D/limit.vcd")"
rm -f "$TMP/term.uart"
t_bg vcd.end.term $SOCSIM -M virt32 -kernel $FW/cli/sigwait.elf -serial "file:$TMP/term.uart" \
    --vcd "$D/term.vcd,signals=cpu0.*"
if ! t_wait_for "$TMP/term.uart" '^ready$'; then
    t_fail vcd.end.term.ready "no 'ready' from the firmware: $(head -c 300 "$TMP/vcd.end.term.err")"
fi
kill -TERM "$BG_PID"
t_bg_wait
t_eq vcd.end.term.status 143 "$BG_RC"
vcd_ok vcd.end.term "$D/term.vcd"
t_eq vcd.end.term.names "cpu0.mip.msip
cpu0.mip.mtip
cpu0.mip.meip" "$($VCD names "$D/term.vcd")"
