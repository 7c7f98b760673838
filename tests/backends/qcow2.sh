#!/usr/bin/env bash
# Issue 18 item 1: qcow2 images that qemu-img makes, written by firmware through socsim
# (tests/spi/fw/flash.c erases and programs sector 0 of a 1 MiB SPI flash), stay valid:
# `qemu-img check` finds no error, `qemu-img compare` finds the expected bytes, and a backing
# file keeps its checksum.  The stacks of the seed: qcow2 over file, a qcow2 overlay over a
# raw base, qcow2 over a qcow2 backing file, snapshot=on over qcow2.  The driver's own
# random-write test against qemu-img is tests/unit/qcow2.c.
. tests/spi/lib.sh
FWD=$FW/spi/virt32
if ! command -v qemu-img >/dev/null; then
    t_skip backends.qcow2 "qemu-img not installed (make deps)"
    exit 0
fi
for f in flash flash_ro; do
    [ -f "$FWD/$f.elf" ] || { t_fail backends.qcow2 "missing $FWD/$f.elf"; exit 0; }
done
DEVS="-device sifive-spi,id=spi9,addr=0x10050000,xip-base=0x30000000,xip-size=16M"
DEVS="$DEVS,clock-frequency=16MHz -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=fl0"
RUN="$SOCSIM -M virt32 -kernel $FWD/flash.elf --max-time 1s $DEVS"
OUT=$(flash_out "9d 60 18")
QCOW="-blockdev driver=file,node-name=f"
flash_img "$TMP/base.raw" 1048576
flash_want "$TMP/want.raw" 1048576
sum_of() { sha256sum <"$1"; }

# valid NAME IMAGE: qemu-img check is clean and the image reads as want.raw.
valid() {
    if out=$(qemu-img check "$2" 2>&1); then t_pass "$1.check"; else
        t_fail "$1.check" "$(echo "$out" | head -3 | tr '\n' ' ')"; fi
    if out=$(qemu-img compare -f raw "$TMP/want.raw" "$2" 2>&1); then t_pass "$1.compare"
    else t_fail "$1.compare" "$out"; fi
}

# A raw base with a qcow2 overlay (its backing file named in its header).
base_sum=$(sum_of "$TMP/base.raw")
qemu-img create -q -f qcow2 -b "$TMP/base.raw" -F raw "$TMP/ov.qcow2"
t_cmd backends.qcow2.over_raw --stdout "$OUT" -- $RUN \
    $QCOW,filename="$TMP/ov.qcow2" -blockdev driver=qcow2,node-name=fl0,file=f
valid backends.qcow2.over_raw "$TMP/ov.qcow2"
t_eq backends.qcow2.over_raw.base_unchanged "$base_sum" "$(sum_of "$TMP/base.raw")"

# A second run reads back what the first wrote (flash.c programs only 1s to 0s, so its
# output differs from a fresh image's: the first read after the erase is the same).
t_cmd backends.qcow2.over_raw_again -- $RUN $QCOW,filename="$TMP/ov.qcow2" \
    -blockdev driver=qcow2,node-name=fl0,file=f
valid backends.qcow2.over_raw_again "$TMP/ov.qcow2"

# backing=NODE: a qcow2 without a backing file in its header, given one on the command line.
qemu-img create -q -f qcow2 "$TMP/nob.qcow2" 1M
t_cmd backends.qcow2.backing_node --stdout "$OUT" -- $RUN \
    -blockdev driver=file,node-name=b,filename="$TMP/base.raw",read-only=on \
    $QCOW,filename="$TMP/nob.qcow2" -blockdev driver=qcow2,node-name=fl0,file=f,backing=b
t_eq backends.qcow2.backing_node.base_unchanged "$base_sum" "$(sum_of "$TMP/base.raw")"
qemu-img rebase -q -u -b "$TMP/base.raw" -F raw "$TMP/nob.qcow2"
valid backends.qcow2.backing_node "$TMP/nob.qcow2"

# A qcow2 over a qcow2 backing file.
qemu-img convert -q -O qcow2 "$TMP/base.raw" "$TMP/base.qcow2"
bq_sum=$(sum_of "$TMP/base.qcow2")
qemu-img create -q -f qcow2 -b "$TMP/base.qcow2" -F qcow2 "$TMP/ov2.qcow2"
t_cmd backends.qcow2.over_qcow2 --stdout "$OUT" -- $RUN \
    $QCOW,filename="$TMP/ov2.qcow2" -blockdev driver=qcow2,node-name=fl0,file=f
valid backends.qcow2.over_qcow2 "$TMP/ov2.qcow2"
t_eq backends.qcow2.over_qcow2.base_unchanged "$bq_sum" "$(sum_of "$TMP/base.qcow2")"

# A compressed image: its clusters are inflated on read and copied on write.
qemu-img convert -q -c -O qcow2 "$TMP/base.raw" "$TMP/comp.qcow2"
t_cmd backends.qcow2.compressed --stdout "$OUT" -- $RUN \
    $QCOW,filename="$TMP/comp.qcow2" -blockdev driver=qcow2,node-name=fl0,file=f
valid backends.qcow2.compressed "$TMP/comp.qcow2"

# snapshot=on over qcow2: the guest writes, the image stays as it was.
qemu-img convert -q -O qcow2 "$TMP/base.raw" "$TMP/snap.qcow2"
snap_sum=$(sum_of "$TMP/snap.qcow2")
t_cmd backends.qcow2.snapshot --stdout "$OUT" -- $RUN $QCOW,filename="$TMP/snap.qcow2" \
    -blockdev driver=qcow2,node-name=q,file=f \
    -blockdev driver=overlay,node-name=fl0,file=q,snapshot=on
t_eq backends.qcow2.snapshot.unchanged "$snap_sum" "$(sum_of "$TMP/snap.qcow2")"

# read-only=on: the flash is write-protected, the image untouched.
t_cmd backends.qcow2.read_only --stdout 'status 3c
after write status 00 3e
after erase 3e
after program 3e
read 0x1000 73 6f 63 73 69 6d 21 0a
xip 0x1000 73' -- "$SOCSIM" -M virt32 -kernel "$FWD/flash_ro.elf" --max-time 1s $DEVS \
    $QCOW,filename="$TMP/snap.qcow2" -blockdev driver=qcow2,node-name=fl0,file=f,read-only=on
t_eq backends.qcow2.read_only.unchanged "$snap_sum" "$(sum_of "$TMP/snap.qcow2")"

# Errors name the image and what socsim cannot do with it.
# (qemu-img times its key derivation in thread CPU time and gives up, "Unable to get
# accurate CPU usage", when its first round measures 0 ms, which a loaded host's tick-based
# accounting can give several times running: a failed try costs some 10 ms, so it gets 20.)
for try in $(seq 20); do
    qemu-img create -q -f qcow2 --object secret,id=s0,data=pw \
        -o encrypt.format=luks,encrypt.key-secret=s0,encrypt.iter-time=10 "$TMP/enc.qcow2" 1M \
        2>"$TMP/enc.err" && break
done
[ -f "$TMP/enc.qcow2" ] || t_fail backends.qcow2.encrypted.image "qemu-img: $(cat "$TMP/enc.err")"
t_cmd backends.qcow2.encrypted --exit 2 --stderr-grep \
    "^socsim: -blockdev driver=qcow2,node-name=fl0,file=f: '$TMP/enc.qcow2' is encrypted \(LUKS\); socsim does not decrypt images" \
    -- $RUN $QCOW,filename="$TMP/enc.qcow2" -blockdev driver=qcow2,node-name=fl0,file=f
qemu-img create -q -f qcow2 -u -b "$TMP/gone.raw" -F raw "$TMP/orphan.qcow2" 1M
t_cmd backends.qcow2.backing_missing --exit 2 --stderr-grep \
    "^socsim: -blockdev driver=qcow2,node-name=fl0,file=f: backing file '$TMP/gone.raw': cannot open '$TMP/gone.raw': No such file or directory$" \
    -- $RUN $QCOW,filename="$TMP/orphan.qcow2" -blockdev driver=qcow2,node-name=fl0,file=f
if qemu-img create -q -f qcow2 -o compression_type=zstd "$TMP/zstd.qcow2" 1M 2>/dev/null; then
    t_cmd backends.qcow2.zstd --exit 2 --stderr-grep "'$TMP/zstd.qcow2' compresses with zstd" \
        -- $RUN $QCOW,filename="$TMP/zstd.qcow2" -blockdev driver=qcow2,node-name=fl0,file=f
fi
t_cmd backends.qcow2.not_qcow2 --exit 2 --stderr-grep \
    "'$TMP/base.raw' is not a qcow2 image \(no QFI.xfb magic\)$" \
    -- $RUN $QCOW,filename="$TMP/base.raw" -blockdev driver=qcow2,node-name=fl0,file=f
t_cmd backends.qcow2.file_taken --exit 2 --stderr-grep \
    "property 'drive': blockdev 'f' is the file of qcow2 node 'q'; use 'q'$" -- \
    "$SOCSIM" -M virt32 -kernel "$FWD/flash.elf" $QCOW,filename="$TMP/ov.qcow2" \
    -blockdev driver=qcow2,node-name=q,file=f \
    -device sifive-spi,id=spi9,addr=0x10050000 -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=f
t_cmd backends.qcow2.no_file --exit 2 --stderr-grep \
    "driver=qcow2,node-name=fl0: missing file= \(the node-name of the blockdev holding the image\)$" \
    -- $RUN -blockdev driver=qcow2,node-name=fl0
