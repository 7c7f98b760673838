#!/usr/bin/env bash
# Runs the firmware tests of tests/firmware/virt32.sh on QEMU's riscv32 `virt` machine (the
# functional oracle) and checks the same expectations: exact stdout and exit status.
# QEMU is configured like socsim's virt32: an RV32IMAC hart with M and U modes (no S, H, F, D),
# semihosting on, UART and semihosting output both on stdout.  A test whose NAME.qemu says
# "skip: why" is not run (it uses a socsim-only feature); "args: ..." adds QEMU arguments.
# SKIPs everything when qemu-system-riscv32 is not installed.
. tests/firmware/lib.sh

QEMU=${QEMU:-qemu-system-riscv32}
QEMU_ARGS=(-M virt -bios none -display none -monitor none
           -chardev stdio,mux=on,id=s0 -serial chardev:s0
           -semihosting-config enable=on,target=native,chardev=s0
           -cpu rv32,h=false,f=false,d=false,s=false,u=true)

for exp in "${FW_EXPECTED[@]}"; do
    [ -e "$exp" ] || continue
    fw_test "$exp"
    tname=qemu/$dir/$name
    if ! command -v "$QEMU" >/dev/null; then t_skip "$tname" "$QEMU not installed"; continue; fi
    if [ ! -f "$elf" ]; then t_fail "$tname" "$elf not built (make fw)"; continue; fi
    extra=()
    if [ -f "$base.qemu" ]; then
        why=$(sed -n 's/^skip: *//p' "$base.qemu")
        if [ -n "$why" ]; then t_skip "$tname" "$why"; continue; fi
        read -r -a extra < <(sed -n 's/^args: *//p' "$base.qemu")
    fi
    t_cmd "$tname" --exit "$want_exit" --stdout-file "$exp" --stdin "$stdin" -- \
        timeout 20 "$QEMU" "${QEMU_ARGS[@]}" "${extra[@]}" -kernel "$elf"
done
