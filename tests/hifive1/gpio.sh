# A GPIO edge interrupt through the PLIC, driven from outside: gpio-stim raises pad 5 at
# 10 ms and lowers it at 30 ms (the firmware waits from 5.5 ms on: its start-up fetches from
# the flash at the reset SPI settings); PLIC source 13 (8 + pad) is claimed for each edge,
# with mtime 356 (10 ms = 327.68 ticks; the first interrupt's handler runs from the flash
# with a cold instruction cache, 6 line fills of 145 us at 16 MHz, and reads mtime 28 ticks
# later) and 983 (30 ms = 983.04 ticks, the handler cached).
. tests/lib.sh
F=$FW/hifive1
E=tests/hifive1/expected
t_cmd hifive1.gpio.edges --stdout-file $E/gpio_irq.out \
    -- $SOCSIM -M hifive1 -kernel $F/gpio_irq.elf --max-time 1s \
       -device gpio-stim,id=stim,out=gpio0.5,pattern=10ms:1/30ms:0
# Without the stimulus nothing happens: the run ends at the time limit.
t_cmd hifive1.gpio.no.stimulus --exit 124 -- $SOCSIM -M hifive1 -kernel $F/gpio_irq.elf \
    --max-time 50ms
t_cmd hifive1.gpio.stim.bad.pattern --exit 2 \
    --stderr-grep "pattern step '1ms' is not TIME:0 or TIME:1" \
    -- $SOCSIM -M hifive1 -kernel $F/gpio_irq.elf -device gpio-stim,out=gpio0.5,pattern=1ms
