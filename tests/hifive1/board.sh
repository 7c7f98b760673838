# The HiFive1 Rev B board: its memory map and devices as the FE310-G002 manual lists them,
# and the demo (what `make run DEMO_BOARD=hifive1` runs): reset vector 0x1004 -> gate ROM
# (MSEL 3) -> mask ROM -> OTP -> flash bootloader -> 0x20010000, PLL to 320 MHz, UART0 at
# 115200, CLINT timer interrupts cycling the RGB LED (its changes are on stderr).
. tests/lib.sh
F=$FW/hifive1
E=tests/hifive1/expected
M="$SOCSIM -M hifive1"

$M --info-tree -kernel $F/demo.elf >"$TMP/tree" 2>&1
for want in 'dev: clint, id "clint", addr 0x02000000-0x0200ffff' \
            'dev: plic, id "plic", addr 0x0c000000-0x0fffffff' \
            'dev: sifive-aon, id "aon", addr 0x10000000-0x10000fff' \
            'dev: sifive-prci, id "prci", addr 0x10008000-0x10008fff' \
            'dev: sifive-gpio, id "gpio0", addr 0x10012000-0x10012fff' \
            'dev: sifive-uart, id "uart0", addr 0x10013000-0x10013fff' \
            'dev: sifive-pwm, id "pwm0", addr 0x10015000-0x10015fff' \
            'dev: sifive-uart, id "uart1", addr 0x10023000-0x10023fff' \
            'dev: sifive-pwm, id "pwm1", addr 0x10025000-0x10025fff' \
            'dev: sifive-pwm, id "pwm2", addr 0x10035000-0x10035fff' \
            'reset-pc = 0x1004' 'sources = 53' 'timebase = 32768Hz' 'hfclk 13800000 Hz'; do
    if grep -qF -- "$want" "$TMP/tree"; then t_pass "hifive1.map: $want"
    else t_fail "hifive1.map: $want" "not in --info-tree"; fi
done

# The demo, on the functional timing model so the times are exact whatever the E31 model does.
t_cmd hifive1.demo --stdout-file $E/demo.out \
    -- $M -cpu-model functional -kernel $F/demo.elf --max-time 2s
grep '^led' "$TMP/hifive1.demo.err" >"$TMP/demo.led"
if cmp -s "$TMP/demo.led" $E/demo.led; then t_pass hifive1.demo.led
else t_fail hifive1.demo.led "$(diff $E/demo.led "$TMP/demo.led" | head -4 | tr '\n' ' ')"; fi

# `make run` shows the LED's notes (stderr) and the UART (stdout) on one terminal: with both
# in one pipe, each note comes between two UART lines, never inside one.  Every line of the
# mixed output is a whole line of one stream, and each stream keeps its order.
$M -cpu-model functional -kernel $F/demo.elf --max-time 2s >"$TMP/demo.mixed" 2>&1
grep -v '^led' "$TMP/demo.mixed" >"$TMP/demo.mixed.uart"
grep '^led' "$TMP/demo.mixed" >"$TMP/demo.mixed.led"
if cmp -s "$TMP/demo.mixed.uart" $E/demo.out && cmp -s "$TMP/demo.mixed.led" $E/demo.led; then
    t_pass hifive1.demo.lines-whole
else
    t_fail hifive1.demo.lines-whole "$(head -3 "$TMP/demo.mixed" | tr '\n' '|')"
fi
# ... and in time order: the first note (5.49 ms, while the first line was still being
# sent) waits for that line's end; the notes of 130 ms come before "tick 1".
t_eq hifive1.demo.lines-order "HiFive1 led led led tick" \
    "$(head -5 "$TMP/demo.mixed" | cut -d' ' -f1 | tr -d ':' | tr '\n' ' ' | sed 's/ $//')"

# Entered through the boot path: crt0 saw t1 = MSEL << 2 from the gate ROM and t0 = 0x20010000
# from the flash bootloader (the first line of the demo says so).
if head -1 $E/demo.out | grep -q 'entered from MSEL 3 via 0x20010000'; then
    t_pass hifive1.boot.path
else
    t_fail hifive1.boot.path "expected output does not show the boot path"
fi

# The memory map from the firmware's side: the boot path's words, ITIM/DTIM bounds, the
# flash and mask ROM read-only, access faults from the error device (0x3000) and holes.
t_cmd hifive1.memmap --stdout-file $E/memmap.out -- $M -kernel $F/memmap.elf --max-time 1s

# The identification CSRs are the E31's (Priv spec 3.1.2-3.1.4): mvendorid is SiFive's JEDEC
# ID 0x489 (bank 10, code 0x09); marchid and mimpid are properties of the e31 device too.
t_cmd hifive1.ids --stdout-file $E/ids.out -- $M -kernel $F/ids.elf --max-time 1s
t_cmd hifive1.ids.global --stdout "$(sed 's/^mimpid .*/mimpid 0x20181004\r/' $E/ids.out)" \
    -- $M -kernel $F/ids.elf --max-time 1s -global e31.mimpid=0x20181004
# An RTOS-style kernel with two U-mode tasks under the E31's 8 PMP entries (rtos_umode.c:
# syscalls, access and fetch faults, PMP changes over code already run, MPRV, a locked
# entry), translated and interpreted; tests/hifive1/qemu.sh compares it with QEMU's sifive_e.
for accel in jit interp; do
    t_cmd hifive1.rtos-umode.$accel --stdout-file $E/rtos_umode.out -- \
        $M -kernel $F/rtos_umode.elf -accel $accel --max-time 1s
done
