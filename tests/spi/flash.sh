#!/usr/bin/env bash
# SPI flash behind a SiFive SPI controller added with -device on virt32: JEDEC ID, status,
# erase and program with WIP timed in simulated time, READ / FAST READ / XIP reads, the
# writes reaching the image file, nothing reaching it with snapshot=on or a read-only drive.
. tests/lib.sh
FWD=$FW/spi/virt32
for f in flash flash_ro xip_exec; do
    [ -f "$FWD/$f.elf" ] || { t_skip spi.flash "$FWD/$f.elf not built (make $FWD/$f.elf)"; exit 0; }
done

DEVS="-device sifive-spi,id=spi9,addr=0x10050000,xip-base=0x30000000,xip-size=16M"
DEVS="$DEVS,clock-frequency=16MHz -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=fl0"

# 1 MiB of zeros with "socsim!\n" at 0x1000.
mkimg() {
    head -c 1048576 /dev/zero >"$1"
    printf 'socsim!\n' | dd of="$1" bs=1 seek=4096 conv=notrunc 2>/dev/null
}
# $1 = file, $2 = offset, $3 = printf-style bytes
poke() { printf "$3" | dd of="$1" bs=1 seek=$(($2)) conv=notrunc 2>/dev/null; }

EXPECTED='jedec 9d 60 18
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
xip word a3a2a1a0'

# The image after the run: sector 0 erased to 0xff, then the programmed bytes.
mkimg "$TMP/want.img"
head -c 4096 /dev/zero | tr '\0' '\377' | dd of="$TMP/want.img" conv=notrunc 2>/dev/null
poke "$TMP/want.img" 0 '\x08\xa9\xaa\xab\xac\xad\xae\xaf'
poke "$TMP/want.img" 0xf8 '\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7'

mkimg "$TMP/flash.img"
t_cmd spi.flash.program_erase --stdout "$EXPECTED" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" --max-time 1s \
    -blockdev driver=file,node-name=fl0,filename="$TMP/flash.img" $DEVS
if cmp -s "$TMP/flash.img" "$TMP/want.img"; then
    t_pass spi.flash.image_written
else
    t_fail spi.flash.image_written "$(cmp "$TMP/flash.img" "$TMP/want.img" 2>&1 | head -1)"
fi

# snapshot=on: the guest sees the same, the file is untouched.
mkimg "$TMP/snap.img"
cp "$TMP/snap.img" "$TMP/snap.orig"
t_cmd spi.flash.snapshot_run --stdout "$EXPECTED" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" --max-time 1s \
    -blockdev driver=file,node-name=base,filename="$TMP/snap.img" \
    -blockdev driver=overlay,node-name=fl0,file=base,snapshot=on $DEVS
if cmp -s "$TMP/snap.img" "$TMP/snap.orig"; then
    t_pass spi.flash.snapshot_image_untouched
else
    t_fail spi.flash.snapshot_image_untouched "the image file changed"
fi

# A read-only drive: fully write-protected (BP3..BP0 = 1111), nothing changes.
mkimg "$TMP/ro.img"
cp "$TMP/ro.img" "$TMP/ro.orig"
t_cmd spi.flash.read_only --stdout 'status 3c
after write status 00 3e
after erase 3e
after program 3e
read 0x1000 73 6f 63 73 69 6d 21 0a
xip 0x1000 73' -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash_ro.elf" --max-time 1s \
    -blockdev driver=file,node-name=fl0,filename="$TMP/ro.img",read-only=on $DEVS
if cmp -s "$TMP/ro.img" "$TMP/ro.orig"; then
    t_pass spi.flash.read_only_image_untouched
else
    t_fail spi.flash.read_only_image_untouched "the image file changed"
fi

# Errors name what is wrong.
head -c 4096 /dev/zero >"$TMP/small.img"
t_cmd spi.flash.image_too_small --exit 2 \
    --stderr-grep "drive 'fl0' holds 4096 bytes, the flash is 1048576" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" \
    -blockdev driver=file,node-name=fl0,filename="$TMP/small.img" $DEVS
t_cmd spi.flash.no_such_bus --exit 2 --stderr-grep "spi7\.0" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" -device spi-flash,bus=spi7.0,addr=0

# Code runs from the flash window and sees the flash reprogrammed under it.
t_cmd spi.flash.execute_reprogrammed --stdout 'first 42, reprogrammed 7' -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/xip_exec.elf" --max-time 1s $DEVS \
    -blockdev driver=file,node-name=fl0,filename="$TMP/flash.img"
