#!/usr/bin/env bash
# socsim inside a SystemC platform: $HOST_BUILD/systemc/platform (tests/systemc/platform.cpp, an
# sc_main with socsim_sc_module) runs tests/systemc/virt32-ext.lua, whose UART, a memory and
# an interrupt generator are SystemC models behind the module's initiator sockets.  With
# quantum 0 (lock-step), the firmware's output and cycle counts equal those of the same
# firmware on plain socsim with its own devices of the same latency.
. tests/lib.sh
B=build/systemc
P=$HOST_BUILD/systemc/platform
for f in "$P" "$B/ext.elf" "$B/extirq.elf" "$B/extdbg.elf" "$B/irqgen.so"; do
    [ -f "$f" ] || { t_fail systemc.platform "$f not built (make test builds it)"; exit 0; }
done
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

# "instructions N / cycles N" of socsim --stats as the platform prints them
socsim_counts() {
    awk '/^  instructions/ { i = $2 } /^  cycles/ { c = $2 } END { print "cycles " c " instructions " i " exit 0" }' "$1"
}
platform() { # NAME ELF QUANTUM_PS MODEL: stdout and stderr in $TMP/NAME.{out,err}
    $P tests/systemc/virt32-ext.lua "$2" "$3" 40000 $4 >"$TMP/$1.out" 2>"$TMP/$1.err" </dev/null
    echo $? >"$TMP/$1.rc"
}
compare() { # NAME PLATFORM-RUN SOCSIM-RUN
    if [ "$(cat "$TMP/$2.rc")" != 0 ]; then
        t_fail "$1" "platform exit $(cat "$TMP/$2.rc"): $(head -c 300 "$TMP/$2.err")"
    elif ! cmp -s "$TMP/$2.out" "$TMP/$3.out"; then
        t_fail "$1" "output differs: $(diff "$TMP/$3.out" "$TMP/$2.out" | head -4 | tr '\n' ' ')"
    elif [ "$(cat "$TMP/$2.err")" != "$(socsim_counts "$TMP/$3.err")" ]; then
        t_fail "$1" "platform '$(cat "$TMP/$2.err")', socsim '$(socsim_counts "$TMP/$3.err")'"
    else
        t_pass "$1"
    fi
}

for model in ibex functional; do
    # A 40 ns memory is 4 wait states at 100 MHz; the UART answers at once, as ns16550a.
    platform ext-$model $B/ext.elf 0 $model
    $SOCSIM -M virt32 -kernel $B/ext.elf -cpu-model $model --stats \
        -device ram,id=extmem,addr=0x90000000,size=64K,read-wait=4,write-wait=4 \
        >"$TMP/ext-socsim-$model.out" 2>"$TMP/ext-socsim-$model.err"
    compare systemc.platform.same-as-socsim.$model ext-$model ext-socsim-$model

    # An interrupt from SystemC 3 us after the request, while the core sleeps: the same
    # cycle as the same generator model behind tlm-target in plain socsim.
    platform irq-$model $B/extirq.elf 0 $model
    $SOCSIM -M virt32 -kernel $B/extirq.elf -cpu-model $model --stats \
        -device tlm-target,id=irqgen,addr=0x90010000,size=0x100,lib=$B/irqgen.so,irq=plic.11 \
        >"$TMP/irq-socsim-$model.out" 2>"$TMP/irq-socsim-$model.err"
    compare systemc.platform.irq-same-as-tlm-target.$model irq-$model irq-socsim-$model
done
t_eq systemc.platform.irq-cycles.ibex "irq 11 after 27 cycles" "$(cat "$TMP/irq-ibex.out")"
t_eq systemc.platform.ext-output "socsim in a SystemC platform
checksum 0x60ebfafb
cycles 6765" "$(cat "$TMP/ext-ibex.out")"

# Two runs bit-identical.
platform ext-ibex-2 $B/ext.elf 0 ibex
if cmp -s "$TMP/ext-ibex.out" "$TMP/ext-ibex-2.out" && cmp -s "$TMP/ext-ibex.err" "$TMP/ext-ibex-2.err"; then
    t_pass systemc.platform.deterministic
else
    t_fail systemc.platform.deterministic "two runs differ"
fi

# Temporally decoupled (a 1 us quantum): the same output; the memory's annotated latency
# is still added exactly, so the loop's count does not move.
platform ext-q1us $B/ext.elf 1000000 ibex
t_eq systemc.platform.quantum.output "$(cat "$TMP/ext-ibex.out")" "$(cat "$TMP/ext-q1us.out")"
# The interrupt, decoupled: the firmware reads mcycle 62 just before its request (cycle
# 65, 0.65 us), which reaches the generator at SystemC's 0 us (the CPU runs ahead), so the
# line rises at SystemC's 3 us and reaches socsim at the quantum's end, 4 us: cycle 400.
# The core slept in wfi from cycle 78 (its first SLEEP cycle), and Ibex's mcycle does not
# count the 322 cycles its clock was gated: from the wake-up on, mcycle is the cycle
# minus 322.  The handler's mcycle read comes 11 cycles later (cycle 411).  The handler
# lowers the line at once (its store at cycle 419), but that fall reaches socsim only at
# the next quantum's end, 5.01 us (cycle 501, the instruction that crossed 5 us).  Until
# then each completion finds the line high, and the PLIC's gateway forwards a new request:
# the handler runs again every 35 cycles (reads at cycles 446, 481; stores 454, 489).  The
# request the third completion forwarded (just after cycle 489) stays pending when the
# line falls at 501: a gateway's request is latched until claimed (PLIC spec, Interrupt
# Gateways), so the handler runs a fourth time, and its read is at cycle 516, mcycle
# 516 - 322 = 194 = 62 + 132.  (With a PLIC that dropped pending with the line, before the
# gateway fix, it ended after the third: 481 - 322 - 62 = 97.)
platform irq-q1us $B/extirq.elf 1000000 ibex
t_eq systemc.platform.quantum.irq "irq 11 after 132 cycles" "$(cat "$TMP/irq-q1us.out")"

# The debugger's reads of external regions (semihosting's buffers here) go to the host
# program's peek handler: socsim_sc_module's transport_dbg on the region's socket.  The
# SystemC memory answers it; the SystemC UART has no transport_dbg and is refused, once
# said on stderr.
platform dbg $B/extdbg.elf 0 ibex
t_eq systemc.platform.debug-read.output "read through transport_dbg
memory: 0 bytes not written
uart: 4 bytes not written" "$(cat "$TMP/dbg.out")"
t_eq systemc.platform.debug-read.refused "socsim: external 'uart0': the host program refused the debugger's read of 4 bytes at offset 0x0 (socsim_sc_module: the target's transport_dbg read fewer)
cycles 1334 instructions 666 exit 0" "$(cat "$TMP/dbg.err")"

# A board without the regions the platform binds: a clear error, no crash.
t_cmd systemc.platform.error.no-region --exit 1 \
    --stderr-grep "the board has no external region 'uart0'" -- \
    $P boards/virt32.lua $B/ext.elf 0 40000
t_cmd systemc.platform.error.bad-board --exit 2 --stderr-grep "socsim: -M nope: unknown board" -- \
    $P nope $B/ext.elf 0 40000
# tlm-target inside a SystemC program: refused, the platform's own models serve regions.
t_cmd systemc.platform.error.tlm-target-inside --exit 2 \
    --stderr-grep "this program runs SystemC itself" -- \
    $P tests/systemc/ibex-sc.lua $B/tlm.elf 0 40000
