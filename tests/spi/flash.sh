#!/usr/bin/env bash
# SPI flash behind a SiFive SPI controller added with -device on virt32: JEDEC ID, status,
# erase and program with WIP timed in simulated time, READ / FAST READ / XIP reads, the
# writes reaching the image file, nothing reaching it with snapshot=on or a read-only drive.
. tests/spi/lib.sh
FWD=$FW/spi/virt32
for f in flash flash_ro xip_exec; do
    [ -f "$FWD/$f.elf" ] || { t_skip spi.flash "$FWD/$f.elf not built (make $FWD/$f.elf)"; exit 0; }
done

DEVS="-device sifive-spi,id=spi9,addr=0x10050000,xip-base=0x30000000,xip-size=16M"
DEVS="$DEVS,clock-frequency=16MHz -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=fl0"

# 1 MiB images (the flash's size=1M).
mkimg() { flash_img "$1" 1048576; }

EXPECTED=$(flash_out "9d 60 18")

flash_want "$TMP/want.img" 1048576

mkimg "$TMP/flash.img"
t_cmd spi.flash.program_erase --stdout "$EXPECTED" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" --max-time 1s \
    -blockdev driver=file,node-name=fl0,filename="$TMP/flash.img" $DEVS
t_same_file spi.flash.image_written "$TMP/flash.img" "$TMP/want.img"

# snapshot=on: the guest sees the same, the file is untouched.
mkimg "$TMP/snap.img"
cp "$TMP/snap.img" "$TMP/snap.orig"
t_cmd spi.flash.snapshot_run --stdout "$EXPECTED" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" --max-time 1s \
    -blockdev driver=file,node-name=base,filename="$TMP/snap.img" \
    -blockdev driver=overlay,node-name=fl0,file=base,snapshot=on $DEVS
t_same_file spi.flash.snapshot_image_untouched "$TMP/snap.img" "$TMP/snap.orig" \
    "the image file changed"

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
t_same_file spi.flash.read_only_image_untouched "$TMP/ro.img" "$TMP/ro.orig" \
    "the image file changed"

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

# A chip select the controller does not have (num-cs) is refused, naming the controller;
# chip selects taken by default run out at num-cs too.
t_cmd spi.flash.cs_beyond_num_cs --exit 2 \
    --stderr-grep "spi9\.0: chip select 5 does not exist: sifive-spi 'spi9' has num-cs=1 \(chip select 0\)" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" --max-time 1ms -device sifive-spi,id=spi9,addr=0x10050000 \
    -device spi-flash,bus=spi9.0,addr=5
t_cmd spi.flash.cs_beyond_num_cs_4 --exit 2 \
    --stderr-grep "spi9\.0: chip select 4 does not exist: sifive-spi 'spi9' has num-cs=4 \(chip selects 0-3\)" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" --max-time 1ms -device sifive-spi,id=spi9,addr=0x10050000,num-cs=4 \
    -device spi-flash,bus=spi9.0,addr=4
t_cmd spi.flash.no_free_cs --exit 2 \
    --stderr-grep "spi9\.0: no free chip select: sifive-spi 'spi9' has num-cs=1 \(chip select 0\)" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" --max-time 1ms -device sifive-spi,id=spi9,addr=0x10050000 \
    -device spi-flash,id=f1,bus=spi9.0 -device spi-flash,id=f2,bus=spi9.0
t_cmd spi.flash.cs_conflict --exit 2 \
    --stderr-grep "address conflict on spi9\.0: f1 and f2 both at chip select 0$" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" --max-time 1ms -device sifive-spi,id=spi9,addr=0x10050000 \
    -device spi-flash,id=f1,bus=spi9.0,addr=0 -device spi-flash,id=f2,bus=spi9.0,addr=0
t_cmd spi.flash.cs_in_range --stdout 'first 42, reprogrammed 7' -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/xip_exec.elf" --max-time 1s \
    -device sifive-spi,id=spi9,addr=0x10050000,xip-base=0x30000000,xip-size=16M,num-cs=4 \
    -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=fl0 -device spi-flash,bus=spi9.0,addr=3 \
    -blockdev driver=file,node-name=fl0,filename="$TMP/flash.img"
