# Helpers for the SPI/I2C test scripts (tests/spi/*.sh): the images the firmware in
# tests/spi/fw starts from and leaves behind, and its expected output, shared by the virt32
# and hifive1 runs of the same program.
. tests/lib.sh

# poke FILE OFFSET BYTES: writes the printf-style BYTES at OFFSET of FILE.
poke() { printf "$3" | dd of="$1" bs=1 seek=$(($2)) conv=notrunc 2>/dev/null; }

# flash_img FILE SIZE: SIZE bytes of zeros with "socsim!\n" at 0x1000 (flash.c reads it back).
flash_img() {
    head -c "$2" /dev/zero >"$1"
    poke "$1" 0x1000 'socsim!\n'
}

# flash_want FILE SIZE: the image flash.c leaves behind in a flash_img of SIZE bytes: sector
# 0 erased to 0xff, then the bytes it programs at 0x0 and 0xf8.
flash_want() {
    flash_img "$1" "$2"
    head -c 4096 /dev/zero | tr '\0' '\377' | dd of="$1" conv=notrunc 2>/dev/null
    poke "$1" 0 '\x08\xa9\xaa\xab\xac\xad\xae\xaf'
    poke "$1" 0xf8 '\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7'
}

# flash_out JEDEC: what flash.c prints, for a flash whose JEDEC ID is JEDEC ("9d 60 18").
flash_out() {
    cat <<EOT
jedec $1
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
xip word a3a2a1a0
EOT
}

# eeprom_img FILE: 256 bytes, byte i holds i.
eeprom_img() { for i in $(seq 0 255); do printf "\\$(printf %03o "$i")"; done >"$1"; }

# i2c_out POLLS TEMP CFG: what i2c.c prints when the write cycle took POLLS acknowledge
# polls and the sensor reads TEMP, then CFG after T_HIGH is lowered.
i2c_out() {
    cat <<EOT
0x51 nack
ee 00 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f
ee ack
write cycle 5ms ok, polls $1
ee 00 33 01 02 03 04 05 11 22 08 09 0a 0b 0c 0d 0e 0f
ee fe fe ff 33 01
temp $2 cfg 60a0 tlow 4b00 thigh 5000
thigh 0100 cfg $3
EOT
}

# t_same_file NAME FILE WANT [WHY]: passes when FILE holds the same bytes as WANT; on a
# difference the failure says WHY, or else where the first difference is.
t_same_file() {
    if cmp -s "$2" "$3"; then
        t_pass "$1"
    else
        t_fail "$1" "${4:-$(cmp "$2" "$3" 2>&1 | head -1)}"
    fi
}
