# Checkpoint round trips (docs/checkpoints.md): ckpt_mix.elf (interrupt-driven UART output
# through the PLIC, CLINT timer and software interrupts, an LED, multiplies and divides)
# runs uninterrupted on each timing model; then, at 20 points per model (instruction
# counts and simulated times drawn with a fixed seed, and three symbols' first
# executions), a run saves a checkpoint there and ends, and a second run resumes from it.
# The two runs' output together must be the uninterrupted run's byte for byte (stdout, the
# LED's lines on stderr), and the resumed run's exit status and --stats (instructions,
# cycles, simulated time, every stall counter) the uninterrupted run's.
. tests/lib.sh
ELF=$FW/hifive1/ckpt_mix.elf
SEED=${CKPT_SEED:-19}

# The --stats block without its host-speed line (the one figure that is not simulated) and
# the interrupt-latency lines, which count the interrupts the run itself saw (a resumed
# run's from the resume: docs/checkpoints.md).
strip() { grep -v -e '^  host MIPS' -e '^  irq ' -e '^socsim: checkpoint ' "$1"; }

roundtrip() { # NAME MODEL-ARGS...
    local name=$1; shift
    local full=$TMP/$name.full
    $SOCSIM -M hifive1 "$@" -kernel $ELF --stats --max-time 1s >"$full.out" 2>"$full.err"
    local rc=$?
    if [ $rc != 0 ]; then t_fail ckpt.$name "the uninterrupted run exited $rc"; return; fi
    local insns ps
    insns=$(awk '/^  instructions/ { print $2 }' "$full.err")
    ps=$(awk '/^  simulated/ { split($2, a, "."); print a[1] * 1000000 + substr(a[2], 1, 6) }' \
        "$full.err") # simulated time in ns (the run is shorter than a second)
    local points="main handle_timer_interrupt handle_plic_interrupt"
    points="$points $(awk -v seed=$SEED -v n="$insns" -v t="$ps" -v tag="$name" 'BEGIN {
        s = seed; for (i = 1; i <= length(tag); i++) s = s * 31 + index("abcdefghijklmnopqrstuvwxyz,=-", substr(tag, i, 1))
        srand(s)
        for (i = 0; i < 17; i++)
            if (i % 2) printf "%dns ", 1 + int(rand() * (t - 1)); else printf "%di ", 1 + int(rand() * (n - 1))
    }')"
    local p k=0 bad=0
    for p in $points; do
        k=$((k + 1))
        local a=$TMP/$name.$k.save b=$TMP/$name.$k.load cp=$TMP/$name.$k.cp
        $SOCSIM -M hifive1 "$@" -kernel $ELF --stats --max-time 1s \
            --save-checkpoint "$cp@$p" >"$a.out" 2>"$a.err"
        rc=$?
        if [ $rc != 0 ] || ! grep -q '^socsim: checkpoint ' "$a.err"; then
            t_fail ckpt.$name.$k "saving at $p: exit status $rc: $(tail -2 "$a.err" | tr '\n' ' ')"
            continue
        fi
        $SOCSIM -M hifive1 "$@" -kernel $ELF --stats --max-time 1s \
            --load-checkpoint "$cp" >"$b.out" 2>"$b.err"
        rc=$?
        if [ $rc != 0 ]; then
            t_fail ckpt.$name.$k "resuming at $p: exit status $rc: $(tail -2 "$b.err" | tr '\n' ' ')"
        elif ! cat "$a.out" "$b.out" | cmp -s - "$full.out"; then
            t_fail ckpt.$name.$k "at $p: stdout differs: $(cat "$a.out" "$b.out" | diff "$full.out" - | head -4 | tr '\n' ' ')"
        elif ! diff <(grep -v '^socsim stats' "$a.err" | grep -v -e '^  ' -e '^socsim: checkpoint '; strip "$b.err") \
                    <(strip "$full.err") >"$TMP/$name.$k.diff"; then
            t_fail ckpt.$name.$k "at $p: stderr (LED, --stats) differs: $(head -6 "$TMP/$name.$k.diff" | tr '\n' ' ')"
        else
            t_pass ckpt.$name.$k
        fi
    done
}

roundtrip functional -cpu-model functional
roundtrip ibex -cpu-model ibex
roundtrip e31 -cpu-model e31
# Ibex as OpenTitan configures it: its instruction cache (state the model keeps beside its
# struct, model.h extra_state) and its counters
roundtrip ibex-opentitan -cpu-model ibex,config=opentitan

# A file chardev: the resumed run appends after the saving run's bytes, so the file is the
# uninterrupted run's; resuming a second time cuts the file back to the checkpoint first.
F=$TMP/file
$SOCSIM -M hifive1 -kernel $ELF -chardev file,id=f,path=$F.full -serial chardev:f 2>/dev/null
$SOCSIM -M hifive1 -kernel $ELF -chardev file,id=f,path=$F.part -serial chardev:f \
    --save-checkpoint "$F.cp@3ms" 2>/dev/null
n=$(stat -c %s "$F.part")
$SOCSIM -M hifive1 -kernel $ELF -chardev file,id=f,path=$F.part -serial chardev:f \
    --load-checkpoint "$F.cp" 2>/dev/null
if [ "$n" -gt 0 ] && [ "$n" -lt "$(stat -c %s "$F.full")" ] && cmp -s "$F.part" "$F.full"; then
    t_pass ckpt.file-chardev
else
    t_fail ckpt.file-chardev "$n bytes at the checkpoint; $(cmp "$F.part" "$F.full" 2>&1)"
fi
$SOCSIM -M hifive1 -kernel $ELF -chardev file,id=f,path=$F.part -serial chardev:f \
    --load-checkpoint "$F.cp" 2>/dev/null
cmp -s "$F.part" "$F.full" && t_pass ckpt.file-chardev.again ||
    t_fail ckpt.file-chardev.again "$(cmp "$F.part" "$F.full" 2>&1)"

# U mode and PMP (main's rtos_umode.c, a task in U mode under a PMP map): the privilege
# level, PMP entries and the level's decode cache come back with a checkpoint.
U=$FW/hifive1/rtos_umode.elf
for model in ibex e31; do
    $SOCSIM -M hifive1 -cpu-model $model -kernel $U --stats --max-time 2s >"$TMP/u.full" 2>"$TMP/u.fe"
    for p in 20000i 50000i 3ms; do
        $SOCSIM -M hifive1 -cpu-model $model -kernel $U --max-time 2s \
            --save-checkpoint "$TMP/u.cp@$p" >"$TMP/u.a" 2>/dev/null
        $SOCSIM -M hifive1 -cpu-model $model -kernel $U --max-time 2s --stats \
            --load-checkpoint "$TMP/u.cp" >"$TMP/u.b" 2>"$TMP/u.be"
        if cat "$TMP/u.a" "$TMP/u.b" | cmp -s - "$TMP/u.full" &&
            diff <(grep -E '^  (cyc|ins|stall)' "$TMP/u.fe") <(grep -E '^  (cyc|ins|stall)' "$TMP/u.be") >/dev/null; then
            t_pass ckpt.umode.$model.$p
        else
            t_fail ckpt.umode.$model.$p "output or --stats differ from the uninterrupted run's"
        fi
    done
done
