# Checkpoints that cannot go on in the machine given are refused before anything runs,
# with exit status 2 and a message naming the part that differs (docs/checkpoints.md):
# the firmware, the board, a device more, a device's property, the timing model and its
# properties, semihosting, a type whose state layout differs (another socsim build), the
# format version, a damaged or cut file, a file that is no checkpoint; and --save-checkpoint's
# own errors.
. tests/lib.sh
F=$FW/hifive1
ELF=$F/ckpt_mix.elf
CP=$TMP/cp.bin
$SOCSIM -M hifive1 -kernel $ELF --save-checkpoint "$CP@5ms" >/dev/null 2>"$TMP/save.err" ||
    t_fail ckpt.refused.save "$(cat "$TMP/save.err")"

refused() { # NAME MESSAGE ARGS...
    local name=$1 msg=$2; shift 2
    "$SOCSIM" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    local rc=$?
    if [ $rc != 2 ]; then
        t_fail ckpt.refused.$name "exit status $rc, expected 2: $(head -c 300 "$TMP/$name.err")"
    elif [ -s "$TMP/$name.out" ]; then
        t_fail ckpt.refused.$name "the firmware ran: $(head -c 100 "$TMP/$name.out")"
    elif [ "$(cat "$TMP/$name.err")" != "$msg" ]; then
        t_fail ckpt.refused.$name "stderr '$(cat "$TMP/$name.err")', expected '$msg'"
    else
        t_pass ckpt.refused.$name
    fi
}
L="socsim: --load-checkpoint $CP:"
refused firmware "$L the checkpoint ran other firmware: $ELF ($(stat -c %s $ELF) bytes, CRC-32 $(python3 -c "import zlib,sys; print('%08x' % zlib.crc32(open(sys.argv[1],'rb').read()))" $ELF)), not $F/demo.elf ($(stat -c %s $F/demo.elf) bytes, CRC-32 $(python3 -c "import zlib,sys; print('%08x' % zlib.crc32(open(sys.argv[1],'rb').read()))" $F/demo.elf))" \
    -M hifive1 -kernel $F/demo.elf --load-checkpoint "$CP"
# virt32 with a firmware of its own (ckpt_mix.elf lies where virt32 has no memory)
refused board "$L the checkpoint is of board 'hifive1', this machine is board 'virt32'" \
    -M virt32 -kernel $FW/virt32/hello.elf --load-checkpoint "$CP"
refused device "$L this machine has device 'x' (gpio-led), which the checkpoint has not" \
    -M hifive1 -kernel $ELF -device gpio-led,id=x,gpio=gpio0,pin=3 --load-checkpoint "$CP"
refused property "$L device 'uart0' (sifive-uart): property clk-freq is '16000000Hz' in the checkpoint, '20000000Hz' here" \
    -M hifive1 -kernel $ELF -global sifive-uart.clk-freq=20MHz --load-checkpoint "$CP"
refused model "$L device 'cpu0' (e31): property model is 'e31' in the checkpoint, 'ibex' here" \
    -M hifive1 -kernel $ELF -cpu-model ibex --load-checkpoint "$CP"
refused model-property "$L cpu0: timing model e31: property icache-miss is '0' in the checkpoint, '20' here" \
    -M hifive1 -kernel $ELF -cpu-model e31,icache-miss=20 --load-checkpoint "$CP"
refused semihosting "$L the checkpoint ran with semihosting on, this machine has it off (--no-semihosting)" \
    -M hifive1 -kernel $ELF --no-semihosting --load-checkpoint "$CP"

# The file's own parts, edited as another socsim would have written them: the payload is
# zlib-deflated after a 32-byte header (magic, version, CRC-32, length, deflated length).
edit() { # OUT PYTHON-ON-PAYLOAD [VERSION]
    python3 - "$CP" "$1" "$2" "${3:-1}" <<'PY'
import struct, sys, zlib
src, dst, code, version = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
raw = open(src, 'rb').read()
p = bytearray(zlib.decompress(raw[32:]))
exec(code)
z = zlib.compress(bytes(p))
open(dst, 'wb').write(b'SOCSIMCP' + struct.pack('<IIQQ', version, zlib.crc32(p), len(p), len(z)) + z)
PY
}
# the layout number of the first device of type sifive-uart: 8 bytes after its id
edit "$TMP/layout.bin" "i = p.find(b'sifive-uart'); i = p.find(b'uart0', i) + 5; p[i] ^= 1"
refused layout "socsim: --load-checkpoint $TMP/layout.bin: device type 'sifive-uart' keeps other state in this socsim than in the one that made the checkpoint (a checkpoint is for the socsim that made it)" \
    -M hifive1 -kernel $ELF --load-checkpoint "$TMP/layout.bin"
edit "$TMP/v2.bin" "" 2
refused version "socsim: --load-checkpoint $TMP/v2.bin: a checkpoint of format 2; this socsim reads format 1" \
    -M hifive1 -kernel $ELF --load-checkpoint "$TMP/v2.bin"
size=$(stat -c %s "$CP")
head -c $((size - 7)) "$CP" >"$TMP/cut.bin"
refused cut "socsim: --load-checkpoint $TMP/cut.bin: the checkpoint is damaged (cut short: $((size - 7)) bytes of $size)" \
    -M hifive1 -kernel $ELF --load-checkpoint "$TMP/cut.bin"
cp "$CP" "$TMP/flip.bin"
printf '\x55' | dd of="$TMP/flip.bin" bs=1 seek=$((size / 2)) conv=notrunc status=none
refused flipped "socsim: --load-checkpoint $TMP/flip.bin: the checkpoint is damaged (its contents do not match their checksum)" \
    -M hifive1 -kernel $ELF --load-checkpoint "$TMP/flip.bin"
refused not-one "socsim: --load-checkpoint $ELF: not a socsim checkpoint" \
    -M hifive1 -kernel $ELF --load-checkpoint "$ELF"
refused missing "socsim: --load-checkpoint $TMP/none.bin: cannot read it: No such file or directory" \
    -M hifive1 -kernel $ELF --load-checkpoint "$TMP/none.bin"

# --save-checkpoint's errors: the syntax, a symbol the firmware lacks, a point a loaded
# checkpoint has passed, a point the run never reaches (no file is written).
refused save-syntax "socsim: --save-checkpoint cp.bin: expected FILE@WHEN (cp.bin@10ms, cp.bin@250000i, cp.bin@main)
Try 'socsim --help'." -M hifive1 -kernel $ELF --save-checkpoint cp.bin
refused save-when "socsim: --save-checkpoint cp.bin@12q: '12q' is no time (10ms), instruction count (250000i) or symbol (main)
Try 'socsim --help'." -M hifive1 -kernel $ELF --save-checkpoint cp.bin@12q
refused save-symbol "socsim: --save-checkpoint $TMP/s.bin@nosuch: the firmware has no symbol 'nosuch'" \
    -M hifive1 -kernel $ELF --save-checkpoint "$TMP/s.bin@nosuch"
refused save-passed "socsim: --save-checkpoint $TMP/s.bin@1ms: that point has passed at the checkpoint loaded (5.000001811 ms simulated, 52371 instructions)" \
    -M hifive1 -kernel $ELF --load-checkpoint "$CP" --save-checkpoint "$TMP/s.bin@1ms"
t_cmd ckpt.refused.save-never --exit 1 \
    --stderr-grep "^socsim: --save-checkpoint $TMP/s.bin@2s: the run ended before 2 s: no checkpoint was written" \
    -- $SOCSIM -M hifive1 -kernel $ELF --save-checkpoint "$TMP/s.bin@2s" -serial null
[ -e "$TMP/s.bin" ] && t_fail ckpt.refused.no-file "$TMP/s.bin was written" || t_pass ckpt.refused.no-file
