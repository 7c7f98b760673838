#!/usr/bin/env bash
# The FE310 I2C master added with -device on virt32, a 24C02 EEPROM at 0x50 and a TMP102-style
# sensor at 0x48: page write with wrap, acknowledge polling through the 5 ms write cycle,
# random and sequential reads, the write reaching the image file (and not with snapshot=on),
# the sensor's value from the command line.
. tests/spi/lib.sh
ELF=$FW/spi/virt32/i2c.elf
[ -f "$ELF" ] || { t_skip spi.i2c "$ELF not built (make $ELF)"; exit 0; }

mkimg() { eeprom_img "$1"; }

DEVS="-device sifive-i2c,id=i2c9,addr=0x10060000,clock-frequency=16MHz
      -device i2c-eeprom,bus=i2c9.0,addr=0x50,size=256,drive=ee0"

# 49 acknowledge polls through the 5 ms write cycle (I2C clock 16 MHz).
out() { i2c_out 49 "$1" "$2"; }

mkimg "$TMP/ee.img"
cp "$TMP/ee.img" "$TMP/want.img"
poke "$TMP/want.img" 0 '\x33'
poke "$TMP/want.img" 6 '\x11\x22'

# -12.5 degrees: -200 steps of 1/16 = 0xf380; below T_HIGH = 1 degree: AL stays 1.
t_cmd spi.i2c.eeprom_and_sensor --stdout "$(out f380 60a0)" -- \
    "$SOCSIM" -M virt32 -kernel "$ELF" --max-time 1s \
    -blockdev driver=file,node-name=ee0,filename="$TMP/ee.img" $DEVS \
    -device i2c-temp,bus=i2c9.0,addr=0x48,temperature=-12500
t_same_file spi.i2c.eeprom_image_written "$TMP/ee.img" "$TMP/want.img"

# 30 degrees = 0x1e0 steps -> 0x1e00; at or above T_HIGH = 1 degree the alert is on: AL = 0.
mkimg "$TMP/snap.img"
cp "$TMP/snap.img" "$TMP/snap.orig"
t_cmd spi.i2c.snapshot_and_alert --stdout "$(out 1e00 6080)" -- \
    "$SOCSIM" -M virt32 -kernel "$ELF" --max-time 1s \
    -blockdev driver=file,node-name=base,filename="$TMP/snap.img" \
    -blockdev driver=overlay,node-name=ee0,file=base,snapshot=on $DEVS \
    -device i2c-temp,bus=i2c9.0,addr=0x48,temperature=30000
t_same_file spi.i2c.snapshot_image_untouched "$TMP/snap.img" "$TMP/snap.orig" \
    "the image file changed"

# A read-only drive: WP high, the data bytes are acknowledged and nothing is written.
mkimg "$TMP/ro.img"
cp "$TMP/ro.img" "$TMP/ro.orig"
t_cmd spi.i2c.read_only --stdout "0x51 nack
ee 00 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f
ee ack
no write cycle
ee 00 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f
ee fe fe ff 00 01
temp 1900 cfg 60a0 tlow 4b00 thigh 5000
thigh 0100 cfg 6080" -- \
    "$SOCSIM" -M virt32 -kernel "$ELF" --max-time 1s \
    -blockdev driver=file,node-name=ee0,filename="$TMP/ro.img",read-only=on $DEVS \
    -device i2c-temp,bus=i2c9.0,addr=0x48
t_same_file spi.i2c.read_only_image_untouched "$TMP/ro.img" "$TMP/ro.orig" \
    "the image file changed"

t_cmd spi.i2c.bad_temperature --exit 2 --stderr-grep "temperature '12.5' is not a whole number" -- \
    "$SOCSIM" -M virt32 -kernel "$ELF" -device sifive-i2c,id=i2c9,addr=0x10060000 \
    -device i2c-temp,bus=i2c9.0,addr=0x48,temperature=12.5
t_cmd spi.i2c.bad_eeprom_size --exit 2 --stderr-grep "size 1024 must be 128 or 256" -- \
    "$SOCSIM" -M virt32 -kernel "$ELF" -device sifive-i2c,id=i2c9,addr=0x10060000 \
    -device i2c-eeprom,bus=i2c9.0,addr=0x50,size=1K
# Two devices at one address: the error names both and the address as I2C addresses are
# written, in hex.
t_cmd spi.i2c.address_conflict --exit 2 \
    --stderr-grep "address conflict on i2c9\.0: ee1 and ee2 both at 0x50$" -- \
    "$SOCSIM" -M virt32 -kernel "$ELF" -device sifive-i2c,id=i2c9,addr=0x10060000 \
    -device i2c-eeprom,id=ee1,bus=i2c9.0,addr=0x50 -device i2c-eeprom,id=ee2,bus=i2c9.0,addr=0x50
