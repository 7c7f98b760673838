#!/usr/bin/env bash
# The same firmware on the HiFive1 Rev B board (boards/hifive1.lua), linked at 0x20010000 and
# running from the board's QSPI0 flash while it programs that flash; the flash, EEPROM and
# sensor are the board's own, given back ends with -global.
. tests/spi/lib.sh
FWD=$FW/spi/hifive1
[ -f boards/hifive1.lua ] || { t_skip spi.hifive1 "no boards/hifive1.lua"; exit 0; }
for f in flash i2c; do
    [ -f "$FWD/$f.elf" ] || { t_skip spi.hifive1 "$FWD/$f.elf not built"; exit 0; }
done
if ! "$SOCSIM" -M hifive1 --info-tree 2>/dev/null | grep -q 'dev: spi-flash'; then
    t_skip spi.hifive1 "the hifive1 board has no spi-flash"
    exit 0
fi

# 4 MiB flash image (IS25LP032D).
flash_img "$TMP/flash.img" 4194304
flash_want "$TMP/want.img" 4194304

# These programs time the SPI/I2C devices against the same numbers as on virt32; they run
# from the flash they program, so the flash's instruction fetch time (xip-timing, on by
# default: about 145 us per cache line at 16 MHz and the reset sckdiv) is left out.
XOFF="-global sifive-spi.xip-timing=off"
t_cmd spi.hifive1.flash --stdout "$(flash_out "9d 60 16")" -- \
    "$SOCSIM" -M hifive1 $XOFF -kernel "$FWD/flash.elf" --max-time 1s \
    -blockdev driver=file,node-name=fl0,filename="$TMP/flash.img" -global spi-flash.drive=fl0
# The ELF loaded into the flash window stays in memory: only the guest's writes reach the file.
t_same_file spi.hifive1.flash_image "$TMP/flash.img" "$TMP/want.img"

# I2C0 runs from the core clock (13.8 MHz at reset): prescale 26, SCL 9.78 us, 50 polls.
# The board has nothing on I2C0, as the HiFive1 Rev B; the EEPROM and sensor are added.
eeprom_img "$TMP/ee.img"
t_cmd spi.hifive1.i2c --stdout "$(i2c_out 50 1900 6080)" -- \
    "$SOCSIM" -M hifive1 $XOFF -kernel "$FWD/i2c.elf" --max-time 1s \
    -blockdev driver=file,node-name=ee0,filename="$TMP/ee.img" \
    -device i2c-eeprom,id=eeprom,bus=i2c0.0,addr=0x50,drive=ee0 \
    -device i2c-temp,id=temp,bus=i2c0.0,addr=0x48
# The board as the hardware is: the I2C0 and SPI1/SPI2 buses hold nothing of their own.
"$SOCSIM" -M hifive1 --info-tree >"$TMP/tree" 2>&1
t_eq spi.hifive1.no_i2c_parts "" "$(grep -E 'i2c-eeprom|i2c-temp' "$TMP/tree")"

# The board wires QSPI0 to PLIC source 5 and I2C0 to source 52 (13.8 MHz core clock: a
# 10-SCK frame at sckdiv 15 is 23.2 us, 10 SCL periods at prescale 26 are 97.8 us); an
# EEPROM at 0x50 acknowledges the address byte (sr 41: RxACK clear).
[ -f "$FWD/irq.elf" ] || { t_skip spi.hifive1.irq "$FWD/irq.elf not built"; exit 0; }
t_cmd spi.hifive1.irq --stdout 'spi rxwm source 5 after 22 us
spi ip rxwm set
after read: rxwm clear
i2c if source 52 after 97 us
i2c sr 41
quiet' -- "$SOCSIM" -M hifive1 $XOFF -kernel "$FWD/irq.elf" --max-time 1s \
    -device i2c-eeprom,id=eeprom,bus=i2c0.0,addr=0x50
