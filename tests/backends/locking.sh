#!/usr/bin/env bash
# Images are locked as they are used: a node is held for reading with a shared lock (flock)
# until a writer (a front end, a qcow2 node it writes through) claims it, which takes an
# exclusive one.  So runs share a base (under a snapshot=on or file overlay, a qcow2's
# backing= node) where they used to conflict ("locked by another writer" although the base
# is only read), a writer of an image another run reads is refused, a base one may only
# read needs no read-only=on, and an overlay file has one writer at a time.
. tests/spi/lib.sh
ELF=$FW/cli/spin.elf
flash_img "$TMP/base.raw" 1048576
sum=$(sha256sum <"$TMP/base.raw")
BASE="-blockdev driver=file,node-name=b,filename=$TMP/base.raw"

# hold NAME SOCSIM-ARGS...: a run that holds its images until it is sent SIGTERM (spin.elf,
# "spin" on its UART once it runs).
hold() {
    local name=$1; shift
    t_bg "$name" $SOCSIM -M virt32 -kernel $ELF -serial "file:$TMP/$name.uart" "$@"
    t_wait_for "$TMP/$name.uart" '^spin$' || t_fail "$name.started" "$(cat "$TMP/$name.err")"
}
release() {
    kill -TERM "$BG_PID"
    t_bg_wait
    t_eq "$1.status" 143 "$BG_RC"
}

# Two runs with snapshot=on overlays over one base (read-write by default).
SNAP="-blockdev driver=overlay,node-name=o,file=b,snapshot=on"
hold lock.snapshot $BASE $SNAP
t_cmd lock.snapshot.second --exit 124 --stdout spin -- $SOCSIM -M virt32 -kernel $ELF \
    --max-time 1ms $BASE $SNAP
# A writer of the base while the first run reads it: refused, naming the lock.
t_cmd lock.snapshot.writer --exit 2 \
    --stderr-grep "^socsim: -global spi-flash.drive=b: property 'drive': blockdev b: '$TMP/base.raw' is in use by another process \(locked: it reads or writes the image\)$" \
    -- $SOCSIM -M hifive1 -kernel $FW/hifive1/demo.elf --max-time 1ms $BASE -global spi-flash.drive=b
release lock.snapshot

# Overlay files: two runs, one overlay file each, one base; a second run on the same
# overlay file is refused.
OVA="-blockdev driver=overlay,node-name=o,file=b,filename=$TMP/a.ovl"
hold lock.overlay $BASE $OVA
t_cmd lock.overlay.second --exit 124 --stdout spin -- $SOCSIM -M virt32 -kernel $ELF \
    --max-time 1ms $BASE -blockdev driver=overlay,node-name=o,file=b,filename=$TMP/b.ovl
release lock.overlay
# (an overlay file exists once the guest has written: flash.c writes one)
DEVS="-device sifive-spi,id=spi9,addr=0x10050000,xip-base=0x30000000,xip-size=16M"
DEVS="$DEVS,clock-frequency=16MHz -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=o"
t_cmd lock.overlay.made --stdout "$(flash_out "9d 60 18")" -- $SOCSIM -M virt32 \
    -kernel $FW/spi/virt32/flash.elf --max-time 1s $DEVS $BASE $OVA
hold lock.overlay-file $BASE $OVA
t_cmd lock.overlay-file.second --exit 2 \
    --stderr-grep "^socsim: -blockdev driver=overlay,node-name=o,file=b,filename=$TMP/a.ovl: '$TMP/a.ovl' is locked by another writer$" \
    -- $SOCSIM -M virt32 -kernel $ELF --max-time 1ms $BASE $OVA
release lock.overlay-file

# A qcow2 image over a backing= node: the backing node is only read.
if command -v qemu-img >/dev/null; then
    qemu-img create -q -f qcow2 "$TMP/t1.qcow2" 1M
    qemu-img create -q -f qcow2 "$TMP/t2.qcow2" 1M
    q() { echo "-blockdev driver=file,node-name=f,filename=$TMP/$1 -blockdev driver=qcow2,node-name=q,file=f,backing=b"; }
    hold lock.qcow2 $BASE $(q t1.qcow2)
    t_cmd lock.qcow2.second --exit 124 --stdout spin -- $SOCSIM -M virt32 -kernel $ELF \
        --max-time 1ms $BASE $(q t2.qcow2)
    release lock.qcow2
else
    t_skip lock.qcow2 "qemu-img not installed (make deps)"
fi
t_eq lock.base-unchanged "$sum" "$(sha256sum <"$TMP/base.raw")"

# A base one may only read (here: a file nobody else may write, for a user other than
# root), under an overlay, without read-only=on.
d=$(mktemp -d /tmp/socsim-ro.XXXXXX) && chmod 755 "$d" && cp "$TMP/base.raw" "$d/base.raw" &&
    chmod 444 "$d/base.raw"
t_cmd lock.unwritable-base --exit 124 --stdout spin -- t_unpriv $SOCSIM -M virt32 -kernel $ELF \
    --max-time 1ms -blockdev driver=file,node-name=b,filename=$d/base.raw $SNAP
# A writer of it is told what to do.
t_cmd lock.unwritable-writer --exit 2 \
    --stderr-grep "^socsim: -global spi-flash.drive=b: property 'drive': blockdev b: cannot open '$d/base.raw' for writing: Permission denied \(read-only=on gives the guest write-protected media\)$" \
    -- t_unpriv $SOCSIM -M hifive1 -kernel $FW/hifive1/demo.elf --max-time 1ms \
    -blockdev driver=file,node-name=b,filename=$d/base.raw -global spi-flash.drive=b
rm -rf "$d"
