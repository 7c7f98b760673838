#!/usr/bin/env bash
# tlm-target: SystemC TLM-2.0 models (tests/systemc/*.cpp, built into build/systemc/) on
# socsim's bus, on tests/systemc/ibex-sc.lua (the Ibex simple system with its timer as a
# SystemC model, a CRC accelerator with a 110 ns latency, a memory granting DMI).
. tests/lib.sh
B=build/systemc
BOARD=tests/systemc/ibex-sc.lua
NATIVE=tests/systemc/ibex-native.lua
for f in "$B/tlm.elf" "$B/timer.so" "$B/crc.so" "$B/mem.so" "$B/bad.so" "$HOST_BUILD/libsocsim-systemc.so"; do
    [ -f "$f" ] || { t_fail systemc.tlm "$f not built (make test builds it)"; exit 0; }
done

# Register values, the exact cycle cost of each annotated delay (see the header of
# tests/systemc/fw/tlm.S), bus faults from error responses, DMI use and revocation.
t_cmd systemc.tlm.firmware --stdout-file tests/systemc/tlm.expect -- \
    $SOCSIM -M $BOARD -kernel $B/tlm.elf --max-time 10ms

# The timer as a SystemC model and as socsim's own C model: the same output and the same
# cycles and stall counters, so its interrupt arrives at the same cycle (k_timer_wfi).
stats() { grep -v 'host MIPS' "$1"; }
run_stats() { # NAME BOARD ELF [ARGS...]: stdout in $TMP/NAME.out, --stats in $TMP/NAME.stats
    local n=$1 b=$2 e=$3; shift 3
    $SOCSIM -M "$b" -kernel "$e" --max-time 100ms --stats "$@" >"$TMP/$n.out" 2>"$TMP/$n.err"
    echo $? >"$TMP/$n.rc"
    stats "$TMP/$n.err" >"$TMP/$n.stats"
}
same() { # NAME A B: same exit status, stdout and --stats
    if ! cmp -s "$TMP/$2.rc" "$TMP/$3.rc"; then
        t_fail "$1" "exit status $(cat "$TMP/$2.rc") vs $(cat "$TMP/$3.rc")"
    elif ! cmp -s "$TMP/$2.out" "$TMP/$3.out"; then
        t_fail "$1" "stdout differs: $(diff "$TMP/$2.out" "$TMP/$3.out" | head -4 | tr '\n' ' ')"
    elif ! cmp -s "$TMP/$2.stats" "$TMP/$3.stats"; then
        t_fail "$1" "--stats differ: $(diff "$TMP/$2.stats" "$TMP/$3.stats" | head -4 | tr '\n' ' ')"
    else
        t_pass "$1"
    fi
}
run_stats sc $BOARD $B/tlm.elf
run_stats native $NATIVE $B/tlm.elf
same systemc.tlm.same-as-c-timer sc native
run_stats sc-interp $BOARD $B/tlm.elf -accel interp
same systemc.tlm.interp sc sc-interp
# The CRC model spending its 110 ns in wait() inside b_transport instead of annotating it:
# the same latency, so the same output and cycles.
run_stats sc-wait tests/systemc/ibex-sc-wait.lua $B/tlm.elf
same systemc.tlm.wait-in-b_transport sc sc-wait
# Two runs bit-identical.
run_stats sc2 $BOARD $B/tlm.elf
same systemc.tlm.deterministic sc sc2

# The Ibex timer's own tests and the RTL reference's micro-kernels (an interrupt round trip
# among them) with the SystemC timer: the C timer's results.
grep '^default ' tests/ibex/timer.expect | cut -d' ' -f2 >"$TMP/timer.want"
t_cmd systemc.tlm.ibex-timer-test --stdout-file "$TMP/timer.want" -- \
    $SOCSIM -M $BOARD -kernel build/ibex/tests/timer.elf --max-time 10ms
if [ -f build/ibex/micro.elf ]; then
    run_stats micro-sc $BOARD build/ibex/micro.elf
    run_stats micro-native $NATIVE build/ibex/micro.elf
    same systemc.tlm.ibex-reference-micro micro-sc micro-native
else
    t_skip systemc.tlm.ibex-reference-micro "build/ibex/micro.elf not built (no ../shared/reference/ibex)"
fi

# Signals both ways at exact times, from a scenario; -device as well as the Lua board.
t_cmd systemc.tlm.signals --stdout "signals ok" -- \
    $SOCSIM -M $BOARD -kernel $B/idle.elf --script tests/systemc/signals.lua \
    -device 'tlm-target,id=crc2,addr=0x70000,size=4K,lib=build/systemc/crc.so,params=done-after=1000000;latency=0'

# Lua's reads take the debugger's path, the models' transport_dbg: values without side
# effects or time; DATA (write-only) and a model without transport_dbg refused, each model
# named once on stderr.
$SOCSIM -M $BOARD -kernel $B/idle.elf --script tests/systemc/peek.lua \
    -device "tlm-target,id=gen,addr=0x80000,size=0x100,lib=$B/irqgen.so" >"$TMP/peek.out" \
    2>"$TMP/peek.err"
t_eq systemc.tlm.debug-read "0 peek ok" "$? $(cat "$TMP/peek.out")"
t_eq systemc.tlm.debug-read.refused "socsim: tlm-target 'crc': the debugger cannot read offset 0x0: the model's transport_dbg read 0 of 4 bytes (a model without transport_dbg reads none)
socsim: tlm-target 'gen': the debugger cannot read offset 0x0: the model's transport_dbg read 0 of 4 bytes (a model without transport_dbg reads none)" "$(cat "$TMP/peek.err")"

# --info-tree names the model's ports.
$SOCSIM -M $BOARD --info-tree >"$TMP/tree" 2>&1
if grep -q '^      sc_out irq -> irq$' "$TMP/tree" && grep -q '^      sc_in ext <- timer.0$' "$TMP/tree" &&
    grep -q '^      sc_out done -> irq$' "$TMP/tree"; then
    t_pass systemc.tlm.info-tree
else
    t_fail systemc.tlm.info-tree "$(grep -A3 'tlm-target' "$TMP/tree" | head -8 | tr '\n' ' ')"
fi

# Start-up errors: a clear message naming the library, exit status 2, never a crash.
dev() { echo "tlm-target,id=x,addr=0x70000,size=4K,$1"; }
err() { # NAME DEVICE-PROPS REGEX
    t_cmd "systemc.tlm.error.$1" --exit 2 --stderr-grep "$3" -- \
        $SOCSIM -M ibex-simple -kernel $B/idle.elf -device "$(dev "$2")" --max-time 1us
}
err no-lib 'lib=/nonexistent.so' "tlm-target 'x': cannot load '/nonexistent.so': .*No such file"
err no-factory "lib=$HOST_BUILD/libsocsim-systemc.so" "has no function socsim_tlm_create"
err null-module "lib=$B/bad.so,params=mode=null" "socsim_tlm_create returned no module"
err throws "lib=$B/bad.so,params=mode=throw" "socsim_tlm_create failed: bad parameters"
err no-socket "lib=$B/bad.so,params=mode=nosocket" "module 'x' has no TLM-2.0 target socket"
err two-sockets "lib=$B/bad.so,params=mode=twosockets" "module 'x' has more than one target socket"
err bad-params "lib=$B/crc.so,params=junk" "params: 'junk' is not KEY=VALUE"
t_cmd systemc.tlm.error.needs-lib --exit 2 --stderr-grep "'tlm-target' needs lib=" -- \
    $SOCSIM -M ibex-simple -kernel $B/idle.elf -device tlm-target,addr=0x70000,size=4K
t_cmd systemc.tlm.error.no-bridge --exit 2 \
    --stderr-grep "cannot load the SystemC bridge: /nonexistent/bridge.so" -- \
    env SOCSIM_SYSTEMC_BRIDGE=/nonexistent/bridge.so \
    $SOCSIM -M ibex-simple -kernel $B/idle.elf -device "$(dev "lib=$B/crc.so")"
