# PWM1 on the RGB LED through IOF1 with out_xor: period 4081 cycles (cmp0 255 at scale 4,
# zerocmp) = 255.0625 us at 16 MHz; green/blue/red light 64/128/192 counts (64/128/192 us)
# into each period; comparator 2's interrupt (PLIC 46) counts four periods.
. tests/lib.sh
F=$FW/hifive1
E=tests/hifive1/expected
t_cmd hifive1.pwm --stdout-file $E/pwm.out \
    -- $SOCSIM -M hifive1 -cpu-model functional -kernel $F/pwm.elf --max-time 1s
grep '^led' "$TMP/hifive1.pwm.err" >"$TMP/pwm.led"
if cmp -s "$TMP/pwm.led" $E/pwm.led; then t_pass hifive1.pwm.led
else t_fail hifive1.pwm.led "$(diff $E/pwm.led "$TMP/pwm.led" | head -4 | tr '\n' ' ')"; fi
