#!/usr/bin/env bash
# A full disk under socsim's output is an error, never a quiet loss: a file chardev on
# /dev/full, stdout on /dev/full, and images whose file system fills up (enospc.so, an
# LD_PRELOAD stand-in: ENOSPC_AFTER bytes reach files whose path holds ENOSPC_PATH, then
# writes fail with ENOSPC) each warn once and make a run that would have exited 0 exit 1;
# the SD card answers the guest's write with a write-error token; an overlay file the disk
# filled while it was being made is removed (a later run would refuse it), and a qcow2
# image keeps its metadata consistent (qemu-img check finds leaks at most).
. tests/spi/lib.sh
SHIM=build/test/enospc.so
[ -f "$SHIM" ] || { t_fail backends.full_disk "missing $SHIM (make $SHIM)"; exit 0; }
FULL="env LD_PRELOAD=$SHIM"
SIGELF=$FW/virt32/signature.elf

# Character output: the UART into /dev/full, the console (stdout) on /dev/full.
t_cmd disk.chardev.file --exit 1 --stdout '' \
    --stderr-grep "^socsim: chardev serial0: writing '/dev/full': No space left on device$" \
    -- $SOCSIM -M virt32 -kernel $SIGELF -serial file:/dev/full
$SOCSIM -M virt32 -kernel $SIGELF >/dev/full 2>"$TMP/stdout.err"
t_eq disk.stdout.status 1 $?
t_eq disk.stdout.message "socsim: chardev serial0: writing stdout: No space left on device" \
    "$(cat "$TMP/stdout.err")"
$SOCSIM -M virt32 -kernel $FW/virt32/semihost.elf >/dev/full 2>"$TMP/semi.err"
t_eq disk.stdout.semihosting.status 1 $?
t_eq disk.stdout.semihosting.message "socsim: writing stdout: No space left on device" \
    "$(cat "$TMP/semi.err")"

# Images, written by flash.c (it erases sector 0 and programs bytes in it) on a 1 MiB
# SPI flash: the firmware runs on (the flash keeps its array), the run exits 1.
DEVS="-device sifive-spi,id=spi9,addr=0x10050000,xip-base=0x30000000,xip-size=16M"
DEVS="$DEVS,clock-frequency=16MHz -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=fl0"
RUN="$SOCSIM -M virt32 -kernel $FW/spi/virt32/flash.elf --max-time 1s $DEVS"
OUT=$(flash_out "9d 60 18")
flash_img "$TMP/img.raw" 1048576
t_cmd disk.image.raw --exit 1 --stdout "$OUT" \
    --stderr-grep "^socsim: spi-flash: writing drive 'fl0' failed: blockdev fl0: writing '$TMP/img.raw': No space left on device$" \
    -- $FULL ENOSPC_PATH=img.raw $RUN -blockdev driver=file,node-name=fl0,filename="$TMP/img.raw"
t_eq disk.image.raw.one-warning 1 "$(grep -c . "$TMP/disk.image.raw.err")"

# An overlay: the disk is full when its file is made (nothing fits: it was left empty,
# and later runs said "not a socsim overlay file"), or when its bitmap is half written.
flash_img "$TMP/base.raw" 1048576
BASE="-blockdev driver=file,node-name=base,filename=$TMP/base.raw,read-only=on"
OV="-blockdev driver=overlay,node-name=fl0,file=base,filename=$TMP/ov.img"
for after in 0 70; do
    t_cmd disk.overlay.create-$after --exit 1 --stdout "$OUT" \
        --stderr-grep "^socsim: spi-flash: writing drive 'fl0' failed: blockdev fl0: writing '$TMP/ov.img': No space left on device$" \
        -- $FULL ENOSPC_PATH=ov.img ENOSPC_AFTER=$after $RUN $BASE $OV
    [ -e "$TMP/ov.img" ] && t_fail disk.overlay.create-$after.removed "$(ls -l "$TMP/ov.img")" ||
        t_pass disk.overlay.create-$after.removed
done
# The disk has room again: the next run makes the overlay.
t_cmd disk.overlay.later --stdout "$OUT" -- $RUN $BASE $OV
t_eq disk.overlay.later.magic SOCSIMOV "$(head -c 8 "$TMP/ov.img")"

# qcow2 over a raw backing file: the first write fails (nothing fits), or a later one
# (64 KiB fit: the refcount block and the L2 table, not the data cluster).
if command -v qemu-img >/dev/null; then
    for after in 0 70000; do
        qemu-img create -q -f qcow2 -b "$TMP/base.raw" -F raw "$TMP/q$after.qcow2"
        t_cmd disk.qcow2.$after --exit 1 --stdout "$OUT" \
            --stderr-grep "^socsim: spi-flash: writing drive 'fl0' failed: blockdev f: writing '$TMP/q$after.qcow2': No space left on device$" \
            -- $FULL ENOSPC_PATH=q$after.qcow2 ENOSPC_AFTER=$after $RUN \
            -blockdev driver=file,node-name=f,filename="$TMP/q$after.qcow2" \
            -blockdev driver=qcow2,node-name=fl0,file=f
    done
    qemu-img check -q "$TMP/q0.qcow2"
    t_eq disk.qcow2.0.check 0 $?
    qemu-img check "$TMP/q70000.qcow2" >"$TMP/q.check" 2>&1
    t_eq disk.qcow2.70000.check "3 1 leaked clusters were found on the image." \
        "$? $(grep leaked "$TMP/q.check")"
else
    t_skip disk.qcow2 "qemu-img not installed (make deps)"
fi

# The SD card: the guest's CMD24 gets the data response 0d (rejected, write error), and
# the firmware exits 1 on it.
if command -v mkfs.vfat >/dev/null && command -v mcopy >/dev/null; then
    echo "hello" >"$TMP/HELLO.TXT"
    mkfs.vfat -C -F 12 -n SOCSIM "$TMP/sd.img" 2048 >/dev/null
    mcopy -i "$TMP/sd.img" "$TMP/HELLO.TXT" ::HELLO.TXT
    t_cmd disk.sdcard --exit 1 \
        --stderr-grep "^socsim: sd-spi: writing drive 'sd0' failed: blockdev sd0: writing '$TMP/sd.img': No space left on device$" \
        -- $FULL ENOSPC_PATH=sd.img $SOCSIM -M hifive1 -kernel $FW/spi/hifive1/sdcard.elf \
        --max-time 5s -global sifive-spi.xip-timing=off \
        -blockdev driver=file,node-name=sd0,filename="$TMP/sd.img" -device sd-spi,bus=spi1.0,addr=0,drive=sd0
    t_eq disk.sdcard.token "cmd24 data response 0d" "$(tail -1 "$TMP/disk.sdcard.out")"
else
    t_skip disk.sdcard "mkfs.vfat or mcopy not installed (make deps)"
fi
