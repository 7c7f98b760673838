#!/usr/bin/env bash
# --pipeline FILE: the Kanata log of a CPU's pipeline (docs/timing-analysis.md, "The
# pipeline").  Every file is read back strictly by tests/pipeline/kanata.py; the rows of a
# short known sequence are checked one by one against the timing models' documented
# costs (docs/timing-models.md), and the ibex file byte for byte.
. tests/lib.sh
K="python3 tests/pipeline/kanata.py"
I=$FW/pipeline/ibex_seq.elf
E=$FW/pipeline/e31_seq.elf
for f in $I $E; do
    [ -f "$f" ] || { t_skip pipeline "$f not built"; exit 0; }
done
D=$TMP/pipeline
mkdir -p "$D"

# rows NAME EXPECTED FILE: the file reads back, and its rows are EXPECTED.
rows() {
    local got
    if ! got=$($K rows "$3" 2>&1); then
        t_fail "$1" "$got"
        return
    fi
    t_eq "$1" "$2" "$got"
}

# ---- ibex (ibex-simple: 1-cycle fetch and data), ibex_seq.S ----
# Cycles inclusive.  The rules (timing-models.md, "ibex"): an instruction enters ID the
# cycle after IF hands it over; ALU 1 cycle in ID/EX; load/store 2 (the response in the
# second: "memory"); taken branch: condition in cycle 1, target requested in cycle 2, the
# target enters ID 1 cycle later ("branch" in its IF): 3 in all, the instruction IF held
# behind it flushed; div 37 cycles; jal: target requested in cycle 1, 2 cycles in ID/EX;
# ecall: not retired, FLUSH sets the PC to the handler the cycle after it entered ID; mret:
# DECODE, FLUSH sets the PC, the next instruction enters 3 cycles after it.  IF begins when
# the instruction before entered ID, or when the PC was set to it.
IBEX_ROWS='0x00100080: auipc a0, 0x0 | IF 1-1 ID/EX 2-2 |  | retired
0x00100084: addi a0, a0, 64 | IF 2-2 ID/EX 3-3 |  | retired
0x00100088: lw a1, 0(a0) | IF 3-3 ID/EX 4-5 | memory 5-5 | retired
0x0010008c: addi a2, a1, 1 | IF 4-5 ID/EX 6-6 |  | retired
0x00100090: beq a2, a2, 0x00100098 | IF 6-6 ID/EX 7-8 | branch 8-8 | retired
0x00100094: addi a3, zero, 9 (flushed) | IF 7-8 |  | flushed
0x00100098: div a3, a2, a1 | IF 8-9 ID/EX 10-46 | branch 9-9 mul/div 11-46 | retired
0x0010009c: ecall (trap) | IF 10-46 ID/EX 47-48 | trap 47-48 | flushed
0x00100000: jal zero, 0x001000b0 | IF 48-49 ID/EX 50-51 | branch 51-51 | retired
0x00100004: illegal (flushed) | IF 50-50 |  | flushed
0x001000b0: csrrs t1, mepc, zero | IF 50-51 ID/EX 52-52 |  | retired
0x001000b4: addi t1, t1, 4 | IF 52-52 ID/EX 53-53 |  | retired
0x001000b8: csrrw zero, mepc, t1 | IF 53-53 ID/EX 54-54 |  | retired
0x001000bc: mret | IF 54-54 ID/EX 55-57 | trap 56-57 | retired
0x001000c0: slli zero, zero, 1 (flushed) | IF 55-56 |  | flushed
0x001000a0: lui t0, 0x20 | IF 56-57 ID/EX 58-58 |  | retired
0x001000a4: addi t0, t0, 8 | IF 58-58 ID/EX 59-59 |  | retired
0x001000a8: sw zero, 0(t0) | IF 59-59 ID/EX 60-61 | memory 61-61 | retired'
t_cmd pipeline.ibex.run --stderr-grep "^socsim: 14 instructions, 62 cycles," -- \
    $SOCSIM -M ibex-simple -kernel $I --pipeline "$D/ibex.log" --summary
rows pipeline.ibex.rows "$IBEX_ROWS" "$D/ibex.log"
t_cmd pipeline.ibex.file --stdout-file tests/pipeline/ibex_seq.kanata -- cat "$D/ibex.log"
# The same run without --pipeline: the same cycles (recording changes none).
t_cmd pipeline.ibex.off --stderr-grep "^socsim: 14 instructions, 62 cycles," -- \
    $SOCSIM -M ibex-simple -kernel $I --summary
# Translated code (the default) and the interpreter record the same file.
$SOCSIM -M ibex-simple -kernel $I -accel interp --pipeline "$D/interp.log"
t_cmd pipeline.ibex.interp --stdout-file "$D/ibex.log" -- cat "$D/interp.log"

# With the writeback stage: every instruction's WB; the load's consumer waits in ID for
# the response (load-use, 1 cycle); the load itself leaves ID/EX after its request.
WB_ROWS='0x00100080: auipc a0, 0x0 | IF 1-1 ID/EX 2-2 WB 3-3 |  | retired
0x00100084: addi a0, a0, 64 | IF 2-2 ID/EX 3-3 WB 4-4 |  | retired
0x00100088: lw a1, 0(a0) | IF 3-3 ID/EX 4-4 WB 5-5 |  | retired
0x0010008c: addi a2, a1, 1 | IF 4-4 ID/EX 5-6 WB 7-7 | load-use 5-5 | retired
0x00100090: beq a2, a2, 0x00100098 | IF 5-6 ID/EX 7-8 WB 9-9 | branch 8-8 | retired
0x00100094: addi a3, zero, 9 (flushed) | IF 7-8 |  | flushed
0x00100098: div a3, a2, a1 | IF 8-9 ID/EX 10-46 WB 47-47 | branch 9-9 mul/div 11-46 | retired'
$SOCSIM -M ibex-simple -cpu-model ibex,writeback-stage=on -kernel $I --pipeline "$D/wb.log"
t_eq pipeline.ibex.wb "$WB_ROWS" "$($K rows "$D/wb.log" | head -7)"

# ---- e31 (virt32, -cpu-model e31), e31_seq.S ----
# timing-models.md, "e31": IF, ID, EX, MEM, WB a cycle each, an instruction issuing (EX)
# a cycle after the one before; the first fetch fills an I-cache line (8 words of 1 cycle:
# "fetch"); lw's result 2 cycles after its issue: its consumer waits 1 (load-use); a taken
# branch not in the BTB is mispredicted: the next instruction issues 3 cycles later
# ("branch", drawn after the branch's EX); div 7 / 6: 1 + 1 quotient bit = 2 cycles, its
# consumer waits 1 (mul/div); the line at 0x80000020 is filled when lui comes to it.
E31_ROWS='0x80000000: auipc a0, 0x0 | IF 0-8 ID 9-9 EX 10-10 MEM 11-11 WB 12-12 | fetch 1-8 | retired
0x80000004: addi a0, a0, 52 | IF 9-9 ID 10-10 EX 11-11 MEM 12-12 WB 13-13 |  | retired
0x80000008: lw a1, 0(a0) | IF 10-10 ID 11-11 EX 12-12 MEM 13-13 WB 14-14 |  | retired
0x8000000c: addi a2, a1, 1 | IF 11-11 ID 12-13 EX 14-14 MEM 15-15 WB 16-16 | load-use 13-13 | retired
0x80000010: beq a2, a2, 0x80000018 | IF 12-13 ID 14-14 EX 15-15 MEM 16-16 WB 17-17 | branch 16-18 | retired
0x80000018: div a3, a2, a1 | IF 17-17 ID 18-18 EX 19-19 MEM 20-20 WB 21-21 |  | retired
0x8000001c: addi a4, a3, 1 | IF 18-18 ID 19-20 EX 21-21 MEM 22-22 WB 23-23 | mul/div 20-20 | retired
0x80000020: lui t0, 0x100 | IF 19-28 ID 29-29 EX 30-30 MEM 31-31 WB 32-32 | fetch 21-28 | retired
0x80000024: lui t1, 0x5 | IF 29-29 ID 30-30 EX 31-31 MEM 32-32 WB 33-33 |  | retired
0x80000028: addi t1, t1, 1365 | IF 30-30 ID 31-31 EX 32-32 MEM 33-33 WB 34-34 |  | retired
0x8000002c: sw t1, 0(t0) | IF 31-31 ID 32-32 EX 33-33 MEM 34-34 WB 35-35 |  | retired'
t_cmd pipeline.e31.run --stderr-grep "^socsim: 11 instructions, 34 cycles," -- \
    $SOCSIM -M virt32 -cpu-model e31 -kernel $E --pipeline "$D/e31.log" --summary
rows pipeline.e31.rows "$E31_ROWS" "$D/e31.log"

# ---- functional: no pipeline, one cycle per instruction (timing-models.md) ----
# One stage, EX, of the cycle each instruction took; an instruction that traps takes its
# cycle too (flushed, not retired), and interrupt entry takes none (no row).
F_ROWS=$(echo "$E31_ROWS" | awk -F' [|] ' '{ printf "%s | EX %d-%d |  | retired\n", $1, NR - 1, NR - 1 }')
t_cmd pipeline.functional.run --stderr-grep "^socsim: 11 instructions, 11 cycles," -- \
    $SOCSIM -M virt32 -cpu-model functional -kernel $E --pipeline "$D/func.log" --summary
rows pipeline.functional.rows "$F_ROWS" "$D/func.log"
FI_ROWS='0x00100080: auipc a0, 0x0 | EX 0-0 |  | retired
0x00100084: addi a0, a0, 64 | EX 1-1 |  | retired
0x00100088: lw a1, 0(a0) | EX 2-2 |  | retired
0x0010008c: addi a2, a1, 1 | EX 3-3 |  | retired
0x00100090: beq a2, a2, 0x00100098 | EX 4-4 |  | retired
0x00100098: div a3, a2, a1 | EX 5-5 |  | retired
0x0010009c: ecall (trap) | EX 6-6 |  | flushed
0x00100000: jal zero, 0x001000b0 | EX 7-7 |  | retired
0x001000b0: csrrs t1, mepc, zero | EX 8-8 |  | retired
0x001000b4: addi t1, t1, 4 | EX 9-9 |  | retired
0x001000b8: csrrw zero, mepc, t1 | EX 10-10 |  | retired
0x001000bc: mret | EX 11-11 |  | retired
0x001000a0: lui t0, 0x20 | EX 12-12 |  | retired
0x001000a4: addi t0, t0, 8 | EX 13-13 |  | retired
0x001000a8: sw zero, 0(t0) | EX 14-14 |  | retired'
t_cmd pipeline.functional.trap --stderr-grep "^socsim: 14 instructions, 15 cycles," -- \
    $SOCSIM -M ibex-simple -cpu-model functional -kernel $I --pipeline "$D/functrap.log" --summary
rows pipeline.functional.trap.rows "$FI_ROWS" "$D/functrap.log"
t_cmd pipeline.functional.off --stderr-grep "^socsim: 14 instructions, 15 cycles," -- \
    $SOCSIM -M ibex-simple -cpu-model functional -kernel $I --summary
$SOCSIM -M ibex-simple -cpu-model functional -accel interp -kernel $I --pipeline "$D/funci.log"
t_cmd pipeline.functional.interp --stdout-file "$D/functrap.log" -- cat "$D/funci.log"

# ---- the window ----
# From the handler's first instruction to the 12th instruction (mret): the rows in between, as in
# the whole file, but the first one's IF: its fetch began before the window opened, so it
# shows only the cycle IF handed it over.
$SOCSIM -M ibex-simple -kernel $I --pipeline "$D/win.log" --trace-from handler --trace-to 12insn
t_eq pipeline.window "$(echo "$IBEX_ROWS" | sed -n '11,15p' | sed '1s/IF 50-51/IF 51-51/')" \
    "$($K rows "$D/win.log" 2>&1)"
# From Lua, by the output's name: stopped at once, started at 100 ns (cycle 5 at 50 MHz),
# when addi a2 is in IF.
cat >"$D/lua.lua" <<'EOF'
local socsim = require "socsim"
socsim.trace_stop("pipeline")
socsim.run("100ns")
socsim.trace_start("pipeline")
return socsim.wait_exit("10us")
EOF
$SOCSIM -M ibex-simple -kernel $I --pipeline "$D/lua.log" --script "$D/lua.lua" >/dev/null
t_eq pipeline.lua "$(echo "$IBEX_ROWS" | sed -n '4,$p' | sed '1s/IF 4-5/IF 5-5/')" \
    "$($K rows "$D/lua.log" 2>&1)"

# ---- errors: nothing written ----
e() {
    local name=$1 want=$2; shift 2
    t_cmd pipeline.err.$name --exit 2 --stderr-grep "$want" -- "$@"
}
e cpu "^socsim: --pipeline $D/f.log,cpu=nope: no CPU with id 'nope'$" \
    $SOCSIM -M ibex-simple -kernel $I --pipeline "$D/f.log,cpu=nope"
e option "^socsim: --pipeline $D/f.log,foo=1: unknown option 'foo' \(expected cpu=ID\)$" \
    $SOCSIM -M ibex-simple -kernel $I --pipeline "$D/f.log,foo=1"
e nodir "^socsim: --pipeline $D/no/f.log: cannot write in directory '$D/no': No such file or directory$" \
    $SOCSIM -M ibex-simple -kernel $I --pipeline "$D/no/f.log"
t_eq pipeline.err.nothing-written "" "$(ls "$D" | grep '^f\.log')"
