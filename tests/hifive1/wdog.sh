# The watchdog resets the SoC: fed three times 100 ms apart, then left alone, it resets the
# whole SoC 5120 lfclk cycles (wdogcmp 20 << wdogscale 8) after the last feed; the second
# boot reads pmucause.resetcause = 2 (watchdog), finds backup register 0 kept, and the RTC
# (which runs on in the always-on domain) at exactly last feed + 5120.
. tests/lib.sh
F=$FW/hifive1
E=tests/hifive1/expected
t_cmd hifive1.wdog --stdout-file $E/wdog.out \
    -- $SOCSIM -M hifive1 -cpu-model functional -kernel $F/wdog.elf --max-time 1s
line=$(grep 'boot after watchdog reset' $E/wdog.out)
feed=$(echo "$line" | sed 's/.*last feed at rtc \([0-9]*\).*/\1/')
now=$(echo "$line" | sed 's/.*now rtc \([0-9]*\).*/\1/')
t_eq hifive1.wdog.reset.after.5120.lfclk 5120 $((now - feed))
