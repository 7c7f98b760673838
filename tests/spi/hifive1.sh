#!/usr/bin/env bash
# The same firmware on the HiFive1 Rev B board (boards/hifive1.lua), linked at 0x20010000 and
# running from the board's QSPI0 flash while it programs that flash; the flash, EEPROM and
# sensor are the board's own, given back ends with -global.
. tests/lib.sh
FWD=$FW/spi/hifive1
[ -f boards/hifive1.lua ] || { t_skip spi.hifive1 "no boards/hifive1.lua"; exit 0; }
for f in flash i2c; do
    [ -f "$FWD/$f.elf" ] || { t_skip spi.hifive1 "$FWD/$f.elf not built"; exit 0; }
done
if ! "$SOCSIM" -M hifive1 --info-tree 2>/dev/null | grep -q 'dev: spi-flash'; then
    t_skip spi.hifive1 "the hifive1 board has no spi-flash"
    exit 0
fi

# 4 MiB flash image (IS25LP032D) of zeros with "socsim!\n" at 0x1000.
head -c 4194304 /dev/zero >"$TMP/flash.img"
printf 'socsim!\n' | dd of="$TMP/flash.img" bs=1 seek=4096 conv=notrunc 2>/dev/null
cp "$TMP/flash.img" "$TMP/want.img"
head -c 4096 /dev/zero | tr '\0' '\377' | dd of="$TMP/want.img" conv=notrunc 2>/dev/null
printf '\x08\xa9\xaa\xab\xac\xad\xae\xaf' | dd of="$TMP/want.img" bs=1 conv=notrunc 2>/dev/null
printf '\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7' | dd of="$TMP/want.img" bs=1 seek=248 conv=notrunc \
    2>/dev/null

t_cmd spi.hifive1.flash --stdout 'jedec 9d 60 16
status 00
erase without wren: status 00
wren: status 02
erase: status 03
erase 4K takes 70ms: ok
erase done: status 00
read 0x0000 ff ff ff ff ff ff ff ff
program takes 0.2ms: ok
read 0x0000 a8 a9 aa ab ac ad ae af ff ff ff ff ff ff ff ff
fast read 0x00f6 ff ff a0 a1 a2 a3 a4 a5 a6 a7 ff ff
read 0x1000 73 6f 63 73 69 6d 21 0a
reprogram 0x0000 08 a9
xip 0x0000 08 a9 aa ab ac ad ae af
xip 0x1000 73 6f 63 73 69 6d 21 0a
xip word a3a2a1a0' -- \
    "$SOCSIM" -M hifive1 -kernel "$FWD/flash.elf" --max-time 1s \
    -blockdev driver=file,node-name=fl0,filename="$TMP/flash.img" -global spi-flash.drive=fl0
# The ELF loaded into the flash window stays in memory: only the guest's writes reach the file.
if cmp -s "$TMP/flash.img" "$TMP/want.img"; then
    t_pass spi.hifive1.flash_image
else
    t_fail spi.hifive1.flash_image "$(cmp "$TMP/flash.img" "$TMP/want.img" 2>&1 | head -1)"
fi

# I2C0 runs from the core clock (13.8 MHz at reset): prescale 26, SCL 9.78 us, 50 polls.
for i in $(seq 0 255); do printf "\\$(printf %03o "$i")"; done >"$TMP/ee.img"
t_cmd spi.hifive1.i2c --stdout '0x51 nack
ee 00 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f
ee ack
write cycle 5ms ok, polls 50
ee 00 33 01 02 03 04 05 11 22 08 09 0a 0b 0c 0d 0e 0f
ee fe fe ff 33 01
temp 1900 cfg 60a0 tlow 4b00 thigh 5000
thigh 0100 cfg 6080' -- \
    "$SOCSIM" -M hifive1 -kernel "$FWD/i2c.elf" --max-time 1s \
    -blockdev driver=file,node-name=ee0,filename="$TMP/ee.img" -global i2c-eeprom.drive=ee0

# The board wires QSPI0 to PLIC source 5 and I2C0 to source 52 (13.8 MHz core clock: a
# 10-SCK frame at sckdiv 15 is 23.2 us, 10 SCL periods at prescale 26 are 97.8 us).
[ -f "$FWD/irq.elf" ] || { t_skip spi.hifive1.irq "$FWD/irq.elf not built"; exit 0; }
t_cmd spi.hifive1.irq --stdout 'spi rxwm source 5 after 22 us
spi ip rxwm set
after read: rxwm clear
i2c if source 52 after 97 us
i2c sr 41
quiet' -- "$SOCSIM" -M hifive1 -kernel "$FWD/irq.elf" --max-time 1s
