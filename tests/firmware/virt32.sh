#!/usr/bin/env bash
# Runs every firmware test on socsim's virt32 board and checks its exact stdout and exit status.
#
# A firmware test is an ELF built by tests/firmware/firmware.mk from tests/firmware/DIR/NAME.*
# (DIR = virt32 or picolibc) that has an expectations file next to its source:
#   DIR/NAME.expected   the exact stdout (UART and semihosting output); required
#   DIR/NAME.exit       the expected exit status (default 0)
#   DIR/NAME.args       extra socsim arguments, one line, split on blanks
#                       (e.g. "-global rv32.misaligned=trap")
#   DIR/NAME.signature  when present, socsim runs with "--signature FILE" and FILE must equal it
#   DIR/NAME.stdin      the run's standard input (the UART's receive side); default /dev/null
#   DIR/NAME.qemu       only for qemu-diff.sh: "skip: why" or "args: extra QEMU arguments"
# Each run is: build/socsim -M virt32 -kernel ELF --max-time 1s [args]   (1 s simulated time;
# a firmware that hangs exits 124).  A wall-clock guard (SIGKILL after 30 s, exit status 137)
# only catches a simulator that stops advancing simulated time; it never decides a pass.
. tests/firmware/lib.sh

for exp in "${FW_EXPECTED[@]}"; do
    [ -e "$exp" ] || continue
    fw_test "$exp"
    tname=fw/$dir/$name
    if [ ! -x "$SOCSIM" ]; then t_skip "$tname" "$SOCSIM not built"; continue; fi
    if [ ! -f "$elf" ]; then t_fail "$tname" "$elf not built (make fw)"; continue; fi
    if [ -f "$base.signature" ]; then
        sig="$TMP/$dir-$name.sig"
        rm -f "$sig"
        args+=(--signature "$sig")
    fi
    t_cmd "$tname" --exit "$want_exit" --stdout-file "$exp" --stdin "$stdin" -- \
        timeout --signal=KILL 30 "$SOCSIM" -M virt32 -kernel "$elf" --max-time 1s "${args[@]}"
    if [ -f "$base.signature" ]; then
        if [ ! -f "$sig" ]; then
            t_fail "$tname/signature" "socsim wrote no signature file"
        elif cmp -s "$sig" "$base.signature"; then
            t_pass "$tname/signature"
        else
            t_fail "$tname/signature" "differs: $(diff "$base.signature" "$sig" | head -5 | tr '\n' ' ')"
        fi
    fi
done
