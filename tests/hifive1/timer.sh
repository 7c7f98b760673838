# CLINT timer interrupts at the right simulated times: mtimecmp = k * 328 (mtime counts the
# 32.768 kHz RTC clock from 0 at reset), so interrupt k is due at k * 10.009765625 ms; the
# handler toggles pad 0, watched by a gpio-led, 2.27-2.32 us (36-37 cycles at 16 MHz:
# trap entry, register saves, dispatch) after each due time.
. tests/lib.sh
F=$FW/hifive1
E=tests/hifive1/expected
t_cmd hifive1.timer --stdout-file $E/timer.out \
    -- $SOCSIM -M hifive1 -cpu-model functional -kernel $F/timer.elf --max-time 1s \
       -device gpio-led,id=pad0,gpio=gpio0,pin=0,active-low=off,label=pad0
grep '^pad0' "$TMP/hifive1.timer.err" >"$TMP/timer.led"
if cmp -s "$TMP/timer.led" $E/timer.led; then t_pass hifive1.timer.times
else t_fail hifive1.timer.times "$(diff $E/timer.led "$TMP/timer.led" | head -4 | tr '\n' ' ')"; fi
# Each interrupt after its due time, by less than 3 us.
k=0
while read -r _ state _ t unit; do
    [ "$state" = "on" ] && [ $k = 0 ] && { k=1; continue; } # the firmware's own set-up
    [ "$unit" = "ms" ] || { t_fail hifive1.timer.due.$k "time $t $unit"; k=$((k + 1)); continue; }
    due_ps=$((k * 10009765625))
    got_ps=$(echo "$t" | awk '{ split($1, a, ".");
                              printf "%d%s\n", a[1], substr(a[2] "000000000", 1, 9) }')
    d=$((got_ps - due_ps))
    if [ $d -ge 0 ] && [ $d -lt 3000000 ]; then t_pass hifive1.timer.due.$k
    else t_fail hifive1.timer.due.$k "fired $d ps after the due time"; fi
    k=$((k + 1))
done <$E/timer.led
