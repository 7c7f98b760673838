#!/usr/bin/env bash
# E31 timing model: tests/e31/NAME.S run on virt32 with -cpu-model e31 (plus the arguments in
# tests/e31/NAME.args, if any); the output must equal tests/e31/NAME.expect exactly.  Each
# expected number is worked out from the E31 manual's figures in the program's comments.
. tests/lib.sh
BIN=${E31_BUILD:-build/e31}

for exp in tests/e31/*.expect; do
    t=$(basename "$exp" .expect)
    elf=$BIN/$t.elf
    if [ ! -f "$elf" ]; then
        t_fail "e31/$t" "$elf not built"
        continue
    fi
    args=()
    [ -f "tests/e31/$t.args" ] && read -r -a args <"tests/e31/$t.args"
    t_cmd "e31/$t" --stdout-file "$exp" -- \
        "$SOCSIM" -M virt32 -cpu-model e31 -kernel "$elf" --max-time 10ms "${args[@]}"
done
