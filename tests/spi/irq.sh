#!/usr/bin/env bash
# The SPI and I2C controllers' interrupt outputs wired with irq= to the virt32 PLIC: the
# hart sleeps in wfi until the frame (10 SCK of 2 us) or the byte (10 SCL of 10 us) is done,
# the PLIC hands over the right source, reading rxdata and IACK lower the lines.
. tests/lib.sh
ELF=$FW/spi/virt32/irq.elf
[ -f "$ELF" ] || { t_skip spi.irq "$ELF not built (make $ELF)"; exit 0; }

# Times are from just after the register write that starts the transfer, truncated to
# microseconds: 20 us and 100 us less the few cycles before the count starts.
t_cmd spi.irq.plic --stdout 'spi rxwm source 20 after 19 us
spi ip rxwm set
after read: rxwm clear
i2c if source 21 after 99 us
i2c sr 41
quiet' -- \
    "$SOCSIM" -M virt32 -kernel "$ELF" --max-time 1s \
    -device sifive-spi,id=spi9,addr=0x10050000,clock-frequency=16MHz,irq=plic.20 \
    -device sifive-i2c,id=i2c9,addr=0x10060000,clock-frequency=16MHz,irq=plic.21 \
    -device i2c-eeprom,bus=i2c9.0,addr=0x50

# Unwired, the controllers never interrupt: the hart sleeps until --max-time.
t_cmd spi.irq.unwired --exit 124 -- \
    "$SOCSIM" -M virt32 -kernel "$ELF" --max-time 10ms \
    -device sifive-spi,id=spi9,addr=0x10050000,clock-frequency=16MHz \
    -device sifive-i2c,id=i2c9,addr=0x10060000,clock-frequency=16MHz
