# A GPIO edge interrupt through the PLIC, driven from outside: gpio-stim raises pad 5 at
# 1 ms and lowers it at 3 ms; PLIC source 13 (8 + pad) is claimed for each edge, with mtime
# 33 (1 ms = 32.768 ticks; the first interrupt's handler runs from flash with a cold
# instruction cache under the e31 timing model and reads mtime after tick 33) and 98
# (3 ms = 98.304 ticks).
. tests/lib.sh
F=$FW/hifive1
E=tests/hifive1/expected
t_cmd hifive1.gpio.edges --stdout-file $E/gpio_irq.out \
    -- $SOCSIM -M hifive1 -kernel $F/gpio_irq.elf --max-time 1s \
       -device gpio-stim,id=stim,out=gpio0.5,pattern=1ms:1/3ms:0
# Without the stimulus nothing happens: the run ends at the time limit.
t_cmd hifive1.gpio.no.stimulus --exit 124 -- $SOCSIM -M hifive1 -kernel $F/gpio_irq.elf \
    --max-time 50ms
t_cmd hifive1.gpio.stim.bad.pattern --exit 2 \
    --stderr-grep "pattern step '1ms' is not TIME:0 or TIME:1" \
    -- $SOCSIM -M hifive1 -kernel $F/gpio_irq.elf -device gpio-stim,out=gpio0.5,pattern=1ms
