#!/usr/bin/env bash
# Issue 18 item 2: -blockdev driver=nbd through libnbd.  Images qemu-nbd serves on a Unix
# socket back the SPI flash that tests/spi/fw/flash.c erases and programs: a qcow2 overlay
# over a raw base (then qemu-img check and compare, the base unchanged), a vmdk (a format
# socsim does not read itself), a qcow2 internal snapshot (read-only: a write-protected
# flash).  A server that goes away mid-run (tests/backends/nbdserver.py) gives an I/O
# error, not a crash or a hang.
. tests/spi/lib.sh
FWD=$FW/spi/virt32
for t in qemu-nbd qemu-img; do
    command -v $t >/dev/null || { t_skip backends.nbd "$t not installed (make deps)"; exit 0; }
done
DEVS="-device sifive-spi,id=spi9,addr=0x10050000,xip-base=0x30000000,xip-size=16M"
DEVS="$DEVS,clock-frequency=16MHz -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=fl0"
RUN="$SOCSIM -M virt32 -kernel $FWD/flash.elf --max-time 1s $DEVS"
OUT=$(flash_out "9d 60 18")
SOCK=$TMP/nbd.sock
NBD="-blockdev driver=nbd,node-name=fl0,server.type=unix,server.path=$SOCK"
flash_img "$TMP/base.raw" 1048576
flash_want "$TMP/want.raw" 1048576
sum_of() { sha256sum <"$1"; }

# serve ARGS...: qemu-nbd in the background on $SOCK, ready when this returns.
serve() { rm -f "$SOCK"; qemu-nbd --fork --pid-file="$TMP/nbd.pid" -k "$SOCK" "$@"; }
# stop: end the server and wait until it has let go of its image.
stop() {
    local pid
    pid=$(cat "$TMP/nbd.pid" 2>/dev/null) || return
    kill "$pid" 2>/dev/null && tail --pid="$pid" -f /dev/null
    rm -f "$TMP/nbd.pid"
}
trap stop EXIT

# A qcow2 overlay over a raw base, served by qemu-nbd.
base_sum=$(sum_of "$TMP/base.raw")
qemu-img create -q -f qcow2 -b "$TMP/base.raw" -F raw "$TMP/ov.qcow2"
serve -f qcow2 "$TMP/ov.qcow2"
t_cmd backends.nbd.qcow2 --stdout "$OUT" -- $RUN $NBD
stop
if out=$(qemu-img check "$TMP/ov.qcow2" 2>&1); then t_pass backends.nbd.qcow2.check
else t_fail backends.nbd.qcow2.check "$out"; fi
t_cmd backends.nbd.qcow2.compare -- qemu-img compare -f raw "$TMP/want.raw" "$TMP/ov.qcow2"
t_eq backends.nbd.qcow2.base_unchanged "$base_sum" "$(sum_of "$TMP/base.raw")"

# A vmdk, which socsim's own drivers do not read.
qemu-img convert -q -O vmdk "$TMP/base.raw" "$TMP/img.vmdk"
serve -f vmdk "$TMP/img.vmdk"
t_cmd backends.nbd.vmdk --stdout "$OUT" -- $RUN $NBD
stop
t_cmd backends.nbd.vmdk.compare -- qemu-img compare -f raw "$TMP/want.raw" "$TMP/img.vmdk"

# An internal snapshot (qemu-nbd -l): read-only, so the flash is write-protected, and the
# guest reads the snapshot's bytes, not the image's newer ones.
qemu-img convert -q -O qcow2 "$TMP/base.raw" "$TMP/snap.qcow2"
qemu-img snapshot -c snap1 "$TMP/snap.qcow2"
qemu-io -f qcow2 -c 'write -P 0x55 0x1000 8' "$TMP/snap.qcow2" >/dev/null
serve -f qcow2 -l snap1 "$TMP/snap.qcow2"
t_cmd backends.nbd.snapshot --stdout 'status 3c
after write status 00 3e
after erase 3e
after program 3e
read 0x1000 73 6f 63 73 69 6d 21 0a
xip 0x1000 73' -- "$SOCSIM" -M virt32 -kernel "$FWD/flash_ro.elf" --max-time 1s $DEVS $NBD
stop

# A named export.
serve -f raw -x flash0 "$TMP/base.raw"
t_cmd backends.nbd.export_missing --exit 2 --stderr-grep \
    "^socsim: -blockdev driver=nbd,node-name=fl0,server.type=unix,server.path=$SOCK,export=other: connecting to unix:$SOCK, export 'other': .*" \
    -- $RUN $NBD,export=other
cp "$TMP/base.raw" "$TMP/named.orig"
t_cmd backends.nbd.export --stdout "$OUT" -- $RUN $NBD,export=flash0
stop
t_same_file backends.nbd.export.written "$TMP/base.raw" "$TMP/want.raw"

# The server goes away after the flash has read its contents (one 1 MiB request): the
# guest's erase cannot be written back; the run goes on, says so, and exits 1 (the
# guest's data did not all reach the image).
flash_img "$TMP/gone.raw" 1048576
rm -f "$SOCK"
python3 tests/backends/nbdserver.py "$SOCK" "$TMP/gone.raw" "$TMP/nbd.pid" 1
t_cmd backends.nbd.server_gone --exit 1 --stdout "$OUT" --stderr-grep \
    "^socsim: spi-flash: writing drive 'fl0' failed: blockdev fl0: (writing unix:$SOCK, export '': .*|unix:$SOCK, export '': the connection to the server is gone)$" \
    -- timeout 60 $RUN $NBD
stop

# Errors: nothing listening, a bad option.
rm -f "$SOCK"
t_cmd backends.nbd.no_server --exit 2 --stderr-grep \
    "^socsim: -blockdev driver=nbd,node-name=fl0,server.type=unix,server.path=$SOCK: .*unix:$SOCK, export '': .*" \
    -- $RUN $NBD
t_cmd backends.nbd.no_path --exit 2 --stderr-grep \
    "^socsim: -blockdev driver=nbd,node-name=x,server.type=unix: missing server.path= \(the server's Unix socket\)$" \
    -- "$SOCSIM" -M virt32 --info-tree -blockdev driver=nbd,node-name=x,server.type=unix
t_cmd backends.nbd.bad_type --exit 2 --stderr-grep \
    "option 'server.type': 'tcp' is not one of unix\|inet$" \
    -- "$SOCSIM" -M virt32 --info-tree -blockdev driver=nbd,node-name=x,server.type=tcp,server.host=h
