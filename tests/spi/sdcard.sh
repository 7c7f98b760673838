#!/usr/bin/env bash
# Issue 18 item 3: an SD card in SPI mode (sd-spi) on the HiFive1's SPI1, read and written
# by firmware that drives it as FatFs's generic SPI driver does (tests/spi/fw/sdcard.c):
# FAT12, FAT16 and FAT32 images that mkfs.vfat made, HELLO.TXT (put there by mtools) read
# through the FAT, its first sector upper-cased with CMD24 (mtype and fsck.vfat see the
# change, the file system stays clean), CMD25/CMD18/CMD12 at the end of the card; the
# capacity in the CSD is the drive's size; a read-only drive is a write-protected card; an
# NBD server that goes away is a data error token, not a crash or a hang.
. tests/spi/lib.sh
ELF=$FW/spi/hifive1/sdcard.elf
for t in mkfs.vfat mcopy mtype fsck.vfat; do
    command -v $t >/dev/null || { t_skip spi.sdcard "$t not installed (make deps)"; exit 0; }
done
[ -f "$ELF" ] || { t_fail spi.sdcard "missing $ELF"; exit 0; }
# The card's timing is what is measured (the busy time after CMD24), not the firmware's
# fetch from flash: xip-timing off, as in tests/spi/hifive1.sh.
RUN="$SOCSIM -M hifive1 -kernel $ELF --max-time 5s -global sifive-spi.xip-timing=off"
SD="-device sd-spi,bus=spi1.0,addr=0,drive=sd0"

# The file: longer than a 2 KiB cluster, so its chain has more than one link.
{
    echo "hello from a FAT file system, read by firmware through sd-spi."
    for i in $(seq -w 0 59); do echo "line $i of a file longer than a cluster"; done
} >"$TMP/HELLO.TXT"
size=$(stat -c %s "$TMP/HELLO.TXT")
# The file with its first 512 bytes upper-cased, as the firmware leaves it.
{ head -c 512 "$TMP/HELLO.TXT" | tr a-z A-Z; tail -c +513 "$TMP/HELLO.TXT"; } >"$TMP/upper.txt"

# mkimg FILE KIB FATBITS [mkfs options]: a file system with HELLO.TXT in its root.
mkimg() {
    rm -f "$1"
    mkfs.vfat -C -F "$3" -n SOCSIM ${4:-} "$1" "$2" >/dev/null
    mcopy -i "$1" "$TMP/HELLO.TXT" ::HELLO.TXT
}

# head_out MIB CSDCAP: what the firmware prints up to the CID.
head_out() {
    cat <<EOT
cmd0 01
cmd8 01 r7 00 00 01 aa
acmd41 00 ready after >= 1 ms
cmd58 00 ocr c0 ff 80 00
csd 40 0e 00 32 5b 59 00 $2
capacity $1 MiB$3
cid product SOCSM
EOT
}

# expect MIB CSD FAT BPS-LINE CLUSTER SECTOR LASTSECTORS: the whole output of a writable card.
expect() {
    head_out "$1" "$2"
    echo "oem mkfs.fat"
    echo "fat$3, 512 bytes/sector, $4"
    echo "label SOCSIM"
    echo "cmd18 = cmd17 x4, cmd12 00"
    echo "HELLO.TXT $size bytes, cluster $5:"
    cat "$TMP/HELLO.TXT"
    echo "cmd24 $6 accepted, busy 248 us"
    echo "read back: HELLO"
    echo "cmd25 00 dr 05 dr 05"
    echo "cmd18 read back ok, cmd12 00"
    echo "cmd17 past the end r1 40, cmd13 00 80"
}

# check NAME IMG: the file system after the run.
check() {
    t_cmd "$1.mtype" --stdout-file "$TMP/upper.txt" -- mtype -i "$2" ::HELLO.TXT
    t_cmd "$1.fsck" -- fsck.vfat -n "$2"
    local n
    n=$(($(stat -c %s "$2") / 512))
    t_eq "$1.cmd25_blocks" "$(python3 -c 'import sys; sys.stdout.write(bytes((i + k * 0x40) & 255 for k in range(2) for i in range(512)).hex())')" \
        "$(tail -c 1024 "$2" | od -An -v -tx1 | tr -d ' \n')"
}

mkimg "$TMP/fat16.img" 16384 16
t_cmd spi.sdcard.fat16 --stdout "$(expect 16 "00 00 1f 7f 80 0a 40 00 d5" 16 \
    "4 sectors/cluster, 8167 clusters" 2 100)" -- $RUN \
    -blockdev driver=file,node-name=sd0,filename="$TMP/fat16.img" $SD
check spi.sdcard.fat16 "$TMP/fat16.img"

mkimg "$TMP/fat12.img" 2048 12
t_cmd spi.sdcard.fat12 --stdout "$(expect 2 "00 00 03 7f 80 0a 40 00 bf" 12 \
    "4 sectors/cluster, 1014 clusters" 2 39)" -- $RUN \
    -blockdev driver=file,node-name=sd0,filename="$TMP/fat12.img" $SD
check spi.sdcard.fat12 "$TMP/fat12.img"

# FAT32 with 512-byte clusters: the file's chain has 5 links, the root directory its own.
mkimg "$TMP/fat32.img" 40960 32 -s1
t_cmd spi.sdcard.fat32 --stdout "$(expect 40 "00 00 4f 7f 80 0a 40 00 13" 32 \
    "1 sectors/cluster, 80628 clusters" 3 1293)" -- $RUN \
    -blockdev driver=file,node-name=sd0,filename="$TMP/fat32.img" $SD 2>/dev/null
check spi.sdcard.fat32 "$TMP/fat32.img"

# A qcow2 overlay over the FAT image (made by qemu-img): the base stays as it was.
if command -v qemu-img >/dev/null; then
    mkimg "$TMP/base12.img" 2048 12
    sum=$(sha256sum <"$TMP/base12.img")
    qemu-img create -q -f qcow2 -b "$TMP/base12.img" -F raw "$TMP/sd.qcow2"
    t_cmd spi.sdcard.qcow2 --stdout "$(expect 2 "00 00 03 7f 80 0a 40 00 bf" 12 \
        "4 sectors/cluster, 1014 clusters" 2 39)" -- $RUN \
        -blockdev driver=file,node-name=f,filename="$TMP/sd.qcow2" \
        -blockdev driver=qcow2,node-name=sd0,file=f $SD
    t_eq spi.sdcard.qcow2.base_unchanged "$sum" "$(sha256sum <"$TMP/base12.img")"
    t_cmd spi.sdcard.qcow2.check -- qemu-img check -q "$TMP/sd.qcow2"
    qemu-img convert -O raw "$TMP/sd.qcow2" "$TMP/sd.raw"
    check spi.sdcard.qcow2 "$TMP/sd.raw"
fi

# A read-only drive: TMP_WRITE_PROTECT in the CSD, a write refused with WP_VIOLATION; the
# file is read all the same, and the image does not change.
mkimg "$TMP/ro.img" 2048 12
sum=$(sha256sum <"$TMP/ro.img")
t_cmd spi.sdcard.read_only --stdout "$(head_out 2 "00 00 03 7f 80 0a 40 10 8d" \
    ", write-protected"; echo "cmd24 data response 0d"; echo "cmd13 00 20"
    echo "oem mkfs.fat"; echo "fat12, 512 bytes/sector, 4 sectors/cluster, 1014 clusters"
    echo "label SOCSIM"; echo "cmd18 = cmd17 x4, cmd12 00"
    echo "HELLO.TXT $size bytes, cluster 2:"; cat "$TMP/HELLO.TXT")" -- $RUN \
    -blockdev driver=file,node-name=sd0,filename="$TMP/ro.img",read-only=on $SD
t_eq spi.sdcard.read_only.unchanged "$sum" "$(sha256sum <"$TMP/ro.img")"

# The card's blocks from an NBD server that goes away after 8 requests (the boot sector;
# CMD18's four blocks and the fifth the card reads ahead before CMD12 stops it; CMD17 of
# blocks 0 and 1): block 2's read is a data error token, and so is every one after it.
mkimg "$TMP/nbd.img" 2048 12
SOCK=$TMP/sd.sock
python3 tests/backends/nbdserver.py "$SOCK" "$TMP/nbd.img" "$TMP/nbd.pid" 8
t_cmd spi.sdcard.nbd_gone --stdout "$(head_out 2 "00 00 03 7f 80 0a 40 00 bf"
    echo "oem mkfs.fat"; echo "fat12, 512 bytes/sector, 4 sectors/cluster, 1014 clusters"
    echo "label SOCSIM"; echo "read 2 token 01"; echo "cmd18 differs from cmd17, cmd12 00"
    echo "read 7 token 01"; echo "HELLO.TXT not found")" --exit 1 --stderr-grep \
    "^socsim: sd-spi: reading drive 'sd0' failed: blockdev sd0: .*unix:$SOCK, export ''" \
    -- timeout 60 $RUN -blockdev driver=nbd,node-name=sd0,server.type=unix,server.path="$SOCK" $SD
kill "$(cat "$TMP/nbd.pid")" 2>/dev/null

# Errors.
head -c 100000 /dev/zero >"$TMP/tiny.img"
t_cmd spi.sdcard.too_small --exit 2 --stderr-grep \
    "sd-spi: drive 'sd0' holds 100000 bytes; an SDHC card holds whole 512 KiB units, at least one$" \
    -- $RUN -blockdev driver=file,node-name=sd0,filename="$TMP/tiny.img" $SD
t_cmd spi.sdcard.no_drive --exit 2 --stderr-grep \
    "sd-spi: needs drive= \(the blockdev holding the card's blocks\)$" \
    -- $RUN -device sd-spi,bus=spi1.0,addr=0
