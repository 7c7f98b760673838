# QEMU's sifive_e (revb) as a functional oracle for the UART/GPIO/PRCI/CLINT basics: the
# demo prints the same lines on both, apart from the boot path (QEMU starts in flash
# with MSEL 0) and the mtime values (QEMU's time is not simulated time).  And for U mode and
# PMP on the E31: rtos_umode.c prints the same lines on both.
. tests/lib.sh
F=$FW/hifive1
if ! command -v qemu-system-riscv32 >/dev/null; then
    t_skip hifive1.qemu.demo "no qemu-system-riscv32"
    t_skip hifive1.qemu.rtos-umode "no qemu-system-riscv32"
    exit 0
fi
norm() { tr -d '\r' | sed -e 's/MSEL [0-9]/MSEL n/' -e 's/mtime [0-9]*/mtime T/'; }
$SOCSIM -M hifive1 -kernel $F/demo.elf --max-time 2s 2>/dev/null | norm >"$TMP/socsim"
# -semihosting lets the firmware's exit() end QEMU (about 1 s of host time; 60 s at most).
timeout 60 qemu-system-riscv32 -M sifive_e,revb=true -nographic -semihosting -kernel $F/demo.elf \
    </dev/null 2>/dev/null | norm >"$TMP/qemu"
if [ -s "$TMP/qemu" ] && cmp -s "$TMP/socsim" "$TMP/qemu"; then t_pass hifive1.qemu.demo
else t_fail hifive1.qemu.demo "$(diff "$TMP/qemu" "$TMP/socsim" | head -4 | tr '\n' ' ')"; fi

$SOCSIM -M hifive1 -kernel $F/rtos_umode.elf --max-time 2s 2>/dev/null >"$TMP/socsim"
timeout 60 qemu-system-riscv32 -M sifive_e,revb=true -nographic -semihosting \
    -kernel $F/rtos_umode.elf </dev/null 2>/dev/null >"$TMP/qemu"
if [ -s "$TMP/qemu" ] && cmp -s "$TMP/socsim" "$TMP/qemu"; then t_pass hifive1.qemu.rtos-umode
else t_fail hifive1.qemu.rtos-umode "$(diff "$TMP/qemu" "$TMP/socsim" | head -4 | tr '\n' ' ')"; fi
