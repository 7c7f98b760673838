# Issue 12 item 3: an image file in a format socsim does not read (qcow, vmdk, vdi, vhdx,
# qed, vpc), given to the raw `file` driver, is refused for writing with a message naming
# the format, and stays byte for byte what it was (`qemu-img info` still names its format);
# before, the guest's flash writes overwrote its header.  A qcow2 file node opens (a
# driver=qcow2 node takes it, tests/backends/qcow2.sh), but a device given it as raw is
# refused.  format=raw says the bytes are meant as raw.  Images are made by qemu-img.
. tests/lib.sh
FWE=$FW/spi/virt32/flash.elf
if ! command -v qemu-img >/dev/null; then
    t_skip backends.formats "qemu-img not installed"
    exit 0
fi
[ -f "$FWE" ] || { t_fail backends.formats "missing $FWE (make $FWE)"; exit 0; }
# flash.c erases and programs sector 0 of a 1 MiB flash on an SPI controller.
DEVS="-device sifive-spi,id=spi9,addr=0x10050000,xip-base=0x30000000,xip-size=16M"
DEVS="$DEVS,clock-frequency=16MHz -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=fl0"
RUN="$SOCSIM -M virt32 -kernel $FWE --max-time 1s $DEVS"

fmt_of() { qemu-img info --output=json "$1" | sed -n 's/^ *"format": "\(.*\)",$/\1/p'; }
sum_of() { sha256sum <"$1"; }

# untouched NAME IMG FORMAT SUM: the image has its old bytes and qemu-img still reads it.
untouched() {
    t_eq "$1.bytes" "$4" "$(sum_of "$2")"
    t_eq "$1.qemu-img" "$3" "$(fmt_of "$2")"
}

for f in qcow2 qcow vmdk vdi vhdx qed vpc; do
    img=$TMP/img.$f
    if ! qemu-img create -q -f $f "$img" 1M 2>/dev/null; then
        t_skip backends.formats.$f "qemu-img cannot make $f images"
        continue
    fi
    sum=$(sum_of "$img")
    if [ $f = qcow2 ]; then
        t_cmd backends.formats.$f.refused --exit 2 --stderr-grep \
            "^socsim: -device spi-flash,bus=spi9.0,addr=0,size=1M,drive=fl0: property 'drive': blockdev 'fl0': '$img' is a qcow2 image, not raw: open it with -blockdev driver=qcow2,node-name=NAME,file=fl0 and use NAME \(format=raw uses its bytes as a raw image anyway\)$" \
            -- $RUN -blockdev driver=file,node-name=fl0,filename="$img"
    else
        t_cmd backends.formats.$f.refused --exit 2 --stderr-grep \
            "^socsim: -blockdev driver=file,node-name=fl0,filename=$img: '$img' is a $f image, not raw; socsim reads raw and qcow2 images, and the guest's writes would destroy it: convert it \(qemu-img convert -O qcow2\) or serve it with qemu-nbd and use driver=nbd \(format=raw uses its bytes as a raw image anyway\)$" \
            -- $RUN -blockdev driver=file,node-name=fl0,filename="$img"
    fi
    untouched backends.formats.$f "$img" $f "$sum"
done

# VMDK's text descriptor (its data is in a raw extent beside it, desc-flat.vmdk).
qemu-img create -q -f vmdk -o subformat=monolithicFlat "$TMP/desc.vmdk" 1M
sum=$(sum_of "$TMP/desc.vmdk")
t_cmd backends.formats.vmdk-descriptor.refused --exit 2 \
    --stderr-grep "'$TMP/desc.vmdk' is a vmdk image, not raw" \
    -- $RUN -blockdev driver=file,node-name=fl0,filename="$TMP/desc.vmdk"
untouched backends.formats.vmdk-descriptor "$TMP/desc.vmdk" vmdk "$sum"

# A qcow2 as large as the flash (preallocated): before, the run went ahead and its first
# sector was erased and programmed.
big=$TMP/big.qcow2
qemu-img create -q -f qcow2 -o preallocation=full "$big" 1M
sum=$(sum_of "$big")
t_cmd backends.formats.big.refused --exit 2 --stderr-grep "'$big' is a qcow2 image, not raw: open it with" \
    -- $RUN -blockdev driver=file,node-name=fl0,filename="$big"
untouched backends.formats.big "$big" qcow2 "$sum"

# Read-only opens are allowed (nothing is written) with a warning; an overlay keeps the
# guest's writes away from it.
t_cmd backends.formats.overlay --stderr-grep \
    "^socsim: blockdev base: '$big' is a qcow2 image; its bytes are read as a raw image \(format=raw says that is meant\)$" \
    -- $RUN -blockdev driver=file,node-name=base,filename="$big",read-only=on \
    -blockdev driver=overlay,node-name=fl0,file=base,snapshot=on
untouched backends.formats.overlay "$big" qcow2 "$sum"

# The size error names the format (a 1 MiB qcow2 file holds 196 KiB).
small=$TMP/img.qcow2
t_cmd backends.formats.size --exit 2 --stderr-grep \
    "drive 'fl0' holds $(stat -c %s "$small") bytes, the flash is 1048576 \(its file is a qcow2 image, read here as raw bytes\)$" \
    -- $RUN -blockdev driver=file,node-name=fl0,filename="$small",read-only=on

# format=raw: the user says the bytes are a raw image; the guest's writes land (and the
# file is no qcow2 any more, as asked).
cp "$big" "$TMP/asraw.qcow2"
t_cmd backends.formats.raw -- \
    $RUN -blockdev driver=file,node-name=fl0,filename="$TMP/asraw.qcow2",format=raw
t_eq backends.formats.raw.written raw "$(fmt_of "$TMP/asraw.qcow2")"
t_cmd backends.formats.other --exit 2 --stderr-grep \
    "format=qcow2: the file driver reads raw images only \(format=raw\); a qcow2 image is read by a driver=qcow2 node with file= naming this one$" \
    -- $RUN -blockdev driver=file,node-name=fl0,filename="$big",format=qcow2
