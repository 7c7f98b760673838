# --signature PATH: checked before the run (the ELF's symbols, a directory one can write
# in), written after it.  A regular file is replaced atomically (a temporary file renamed
# over it, its mode kept); a symbolic link's target is, and the link stays a link; anything
# else is written in place and stays what it is: a FIFO, a device node, socsim's own
# stdout through a link to /proc/self/fd/1 (as /dev/stdout is).  Every path is in $TMP.
. tests/lib.sh
ELF=$FW/virt32/signature.elf
OUT="signature: 1 checks passed"
SIG="00000003
ffffffff
23456780
abcde000
ed34a978
cafebabe
fffffffd
ffffffff"
D=$TMP/sig
mkdir -p "$D/sub"

t_cmd sig.file --stdout "$OUT" -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/plain.txt"
t_eq sig.file.content "$SIG" "$(cat "$D/plain.txt")"

# An existing file keeps its permission bits.
echo old >"$D/mode.txt"
chmod 640 "$D/mode.txt"
t_cmd sig.mode --stdout "$OUT" -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/mode.txt"
t_eq sig.mode.kept "640 $SIG" "$(stat -c %a "$D/mode.txt") $(cat "$D/mode.txt")"

# Symbolic links: to an existing file, to none yet, relative to the link's directory.
echo old >"$D/target.txt"
ln -s target.txt "$D/link"
t_cmd sig.symlink --stdout "$OUT" -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/link"
t_eq sig.symlink.stays "target.txt" "$(readlink "$D/link")"
t_eq sig.symlink.target "$SIG" "$(cat "$D/target.txt")"
ln -s ../new.txt "$D/sub/dangling"
t_cmd sig.symlink.dangling --stdout "$OUT" -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/sub/dangling"
t_eq sig.symlink.dangling.stays "../new.txt" "$(readlink "$D/sub/dangling")"
t_eq sig.symlink.dangling.target "$SIG" "$(cat "$D/new.txt" 2>&1)"
ls "$D" "$D/sub" | grep -q '\.tmp\.' && t_fail sig.no-temporary "$(ls "$D" "$D/sub")" || t_pass sig.no-temporary

# socsim's own stdout, through a link to /proc/self/fd/1: after what the firmware printed.
ln -s /proc/self/fd/1 "$D/stdout"
t_cmd sig.stdout --stdout "$OUT
$SIG" -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/stdout"
t_eq sig.stdout.stays "/proc/self/fd/1" "$(readlink "$D/stdout")"

# A FIFO: written into, for the reader at its other end.
mkfifo "$D/fifo"
cat "$D/fifo" >"$D/fifo.read" &
reader=$!
t_cmd sig.fifo --stdout "$OUT" -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/fifo"
# A reader still waiting (nothing was written, or the FIFO was replaced) is let go: the
# FIFO opened and closed read-write gives it its end of file without blocking here.
[ -p "$D/fifo" ] && { exec 3<>"$D/fifo"; exec 3>&-; }
BG_PID=$reader t_bg_wait
t_eq sig.fifo.read "$SIG" "$(cat "$D/fifo.read")"
[ -p "$D/fifo" ] && t_pass sig.fifo.stays || t_fail sig.fifo.stays "$(ls -l "$D/fifo")"

# Device nodes (made here, so root only): /dev/null's twin stays a device; /dev/full's
# refuses the bytes: an error, exit status 1.
if mknod "$D/null" c 1 3 2>/dev/null && mknod "$D/full" c 1 7 2>/dev/null; then
    t_cmd sig.device --stdout "$OUT" -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/null"
    [ -c "$D/null" ] && t_pass sig.device.stays || t_fail sig.device.stays "$(ls -l "$D/null")"
    t_cmd sig.device.full --exit 1 --stdout "$OUT" \
        --stderr-grep "^socsim: --signature $D/full: writing '$D/full': No space left on device$" \
        -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/full"
    [ -c "$D/full" ] && t_pass sig.device.full.stays || t_fail sig.device.full.stays "$(ls -l "$D/full")"
else
    t_skip sig.device "mknod needs root"
fi

# Problems are found before the run: the firmware prints nothing.
t_cmd sig.no-directory --exit 2 --stdout '' \
    --stderr-grep "^socsim: --signature $D/none/s.txt: cannot write in directory '$D/none': No such file or directory$" \
    -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/none/s.txt"
t_cmd sig.directory --exit 2 --stdout '' \
    --stderr-grep "^socsim: --signature $D/sub: '$D/sub' is a directory$" \
    -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/sub"
ln -s loop2 "$D/loop1"
ln -s loop1 "$D/loop2"
t_cmd sig.link-loop --exit 2 --stdout '' \
    --stderr-grep "^socsim: --signature $D/loop1: '$D/loop1': Too many levels of symbolic links$" \
    -- $SOCSIM -M virt32 -kernel $ELF --signature "$D/loop1"
