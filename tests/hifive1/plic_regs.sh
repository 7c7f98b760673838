# Every PLIC register of the FE310-G002 (manual chapter 11, RISC-V PLIC spec 1.0.0), walked by
# tests/firmware/hifive1/plic_regs.c: WARL priorities and threshold, read-only pending bits,
# hardwired enable bits, sources below, at and above the threshold (each request latched by
# its gateway: pending reads 1 whatever the threshold), claims that ignore the threshold,
# completions.  Then the same ELF on QEMU's sifive_e: every line must match but those that
# expected/plic_regs.qemu lists with the reason QEMU 7.2 departs from the spec.
. tests/lib.sh
F=$FW/hifive1
E=tests/hifive1/expected
t_cmd hifive1.plic.regs --stdout-file $E/plic_regs.out \
    -- $SOCSIM -M hifive1 -kernel $F/plic_regs.elf --max-time 1s

if ! command -v qemu-system-riscv32 >/dev/null; then
    t_skip hifive1.qemu.plic.regs "no qemu-system-riscv32"
    exit 0
fi
# The lines QEMU is known to get wrong, by key (the text before the first ':').
known="$TMP/plic_regs.known"
sed -n 's/^\([^#][^|]*[^ ]\) *|.*/\1/p' $E/plic_regs.qemu >"$known"
drop_known() { tr -d '\r' | awk -F': ' -v k="$known" 'BEGIN { while ((getline l < k) > 0) skip[l] = 1 }
                                                    !($1 in skip)'; }
# -semihosting lets the firmware's exit() end QEMU (60 s of host time at most).
timeout 60 qemu-system-riscv32 -M sifive_e,revb=true -nographic -semihosting \
    -kernel $F/plic_regs.elf </dev/null 2>/dev/null >"$TMP/qemu.raw"
drop_known <"$TMP/qemu.raw" >"$TMP/qemu"
drop_known <$E/plic_regs.out >"$TMP/want"
if [ -s "$TMP/qemu" ] && cmp -s "$TMP/want" "$TMP/qemu"; then
    t_pass hifive1.qemu.plic.regs
else
    t_fail hifive1.qemu.plic.regs "$(diff "$TMP/want" "$TMP/qemu" | head -4 | tr '\n' ' ')"
fi
sed -n 's/^[^#][^|]*| *//p' $E/plic_regs.qemu | sort -u | while read -r why; do
    keys=$(grep -F "| $why" $E/plic_regs.qemu | sed 's/ *|.*//' | paste -sd';' | sed 's/;/; /g')
    t_skip "hifive1.qemu.plic.regs[$keys]" "$why"
done
