#!/usr/bin/env bash
# E31 timing model: tests/e31/NAME.S run on virt32 with -cpu-model e31, or on the board named
# in tests/e31/NAME.board; its output must equal tests/e31/NAME.expect exactly.  A variant
# NAME@V runs the same program with the arguments in tests/e31/NAME@V.args and must print
# tests/e31/NAME@V.expect.  Each
# expected number is worked out from the E31 manual's figures in the program's comments.
. tests/lib.sh
BIN=${E31_BUILD:-build/e31}

for exp in tests/e31/*.expect; do
    t=$(basename "$exp" .expect)
    prog=${t%%@*}
    elf=$BIN/$prog.elf
    if [ ! -f "$elf" ]; then
        t_fail "e31/$t" "$elf not built"
        continue
    fi
    args=()
    [ -f "tests/e31/$t.args" ] && read -r -a args <"tests/e31/$t.args"
    board=(-M virt32 -cpu-model e31)
    [ -f "tests/e31/$prog.board" ] && board=(-M "$(cat "tests/e31/$prog.board")")
    t_cmd "e31/$t" --stdout-file "$exp" -- \
        "$SOCSIM" "${board[@]}" -kernel "$elf" --max-time 1s "${args[@]}"
done

# Bad configurations are errors that name what was wrong.
t_cmd e31/err-icache-size --exit 2 --stderr-grep "cpu0: icache-size 1000: must be" -- \
    "$SOCSIM" -M tests/e31/e31-virt.lua -global e31.icache-size=1000 -kernel "$BIN/icache.elf"
t_cmd e31/err-icache-line --exit 2 --stderr-grep "cpu0: icache-line 24: must be a power of two" -- \
    "$SOCSIM" -M tests/e31/e31-virt.lua -global e31.icache-line=24 -kernel "$BIN/icache.elf"
t_cmd e31/err-wait --exit 2 --stderr-grep "wait '300' is not a number of cycles from 0 to 255" -- \
    "$SOCSIM" -M virt32 -device ns16550a,addr=0x10001000,wait=300 -kernel "$BIN/icache.elf"
