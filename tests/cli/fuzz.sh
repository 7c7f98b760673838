# Fuzz-style robustness: mutated ELF files, mutated board scripts and malformed command
# lines must each end with a clear error or a normal run, never a crash (a signal) or a hang.
# The mutations are deterministic (fixed seeds), so a failure is reproducible.
. tests/lib.sh
command -v python3 >/dev/null || { t_skip fuzz "python3 is not installed"; exit 0; }
ELF=$FW/cli/spin.elf

# check NAME CMD...: exit status below 128 (no signal) and not a wall-clock hang.
crashes=0 runs=0 first=
check() {
    local name=$1; shift
    timeout 20 "$@" >/dev/null 2>"$TMP/fuzz.err" </dev/null
    local rc=$?
    runs=$((runs + 1))
    if [ $rc -ge 124 ] && [ $rc -ne 124 ] || [ $rc -ge 128 ]; then
        crashes=$((crashes + 1))
        [ -n "$first" ] || first="$name: exit $rc: $(head -c 200 "$TMP/fuzz.err")"
    fi
}

# 300 ELFs: random bytes overwritten, headers included; some truncated.
python3 - "$ELF" "$TMP" <<'PY'
import random, sys
data = open(sys.argv[1], 'rb').read()
for i in range(300):
    r = random.Random(i)
    b = bytearray(data)
    for _ in range(r.randint(1, 16)):
        pos = r.randrange(0, 64) if r.random() < 0.5 else r.randrange(len(b))
        b[pos] = r.randrange(256)
    if r.random() < 0.2:
        b = b[:r.randrange(1, len(b))]
    open(f"{sys.argv[2]}/m{i}.elf", 'wb').write(b)
PY
for i in $(seq 0 299); do
    check "elf $i" $SOCSIM -M virt32 -kernel "$TMP/m$i.elf" --max-insns 20000 -serial null
done
[ $crashes -eq 0 ] && t_pass "fuzz.elf ($runs mutated ELFs)" || t_fail fuzz.elf "$crashes of $runs crashed; first: $first"

# 100 board scripts: lines of virt32.lua dropped, duplicated or cut short.
crashes=0 runs=0 first=
python3 - boards/virt32.lua "$TMP" <<'PY'
import random, sys
lines = open(sys.argv[1]).read().split('\n')
for i in range(100):
    r = random.Random(1000 + i)
    l = list(lines)
    for _ in range(r.randint(1, 4)):
        k = r.randrange(len(l))
        op = r.random()
        if op < 0.3: del l[k]
        elif op < 0.6: l.insert(k, l[r.randrange(len(l))])
        else: l[k] = l[k][:r.randrange(len(l[k]) + 1)]
    open(f"{sys.argv[2]}/b{i}.lua", 'w').write('\n'.join(l))
PY
for i in $(seq 0 99); do
    check "board $i" $SOCSIM -M "$TMP/b$i.lua" -kernel $ELF --max-insns 20000 -serial null
done
[ $crashes -eq 0 ] && t_pass "fuzz.board ($runs mutated boards)" || t_fail fuzz.board "$crashes of $runs crashed; first: $first"

# Malformed options and values.
crashes=0 runs=0 first=
for args in "-device" "-device ," "-device ,,,," "-device ns16550a,addr=" "-device ns16550a,=1" \
    "-device ns16550a,addr=0xffffffff" "-device ram,addr=0xfffff000,size=1M" "-device ram,addr=0,size=0" \
    "-device plic,addr=0x40000000,sources=0" "-device clint,addr=0x40000000,timebase=0Hz" \
    "-chardev" "-chardev socket" "-chardev socket,id=s,port=99999999" "-chardev ringbuf,id=r,size=3" \
    "-blockdev driver=file" "-blockdev driver=overlay,node-name=o,file=nope" "-serial tcp:" \
    "-global" "-global .=" "-global rv32.=1" "-global rv32.freq=0Hz" "--max-time 99999999999s" \
    "--max-insns 0x" "-M" "-M /" "-M /dev/null" "-kernel /dev/null" "-kernel /" "-cpu-model" \
    "--signature /nonexistent/dir/sig" "-gdb nonsense" "-gdb tcp::99999999"; do
    # shellcheck disable=SC2086
    check "args $args" $SOCSIM -M virt32 -kernel $ELF --max-insns 2000 -serial null $args
done
[ $crashes -eq 0 ] && t_pass "fuzz.args ($runs malformed command lines)" || t_fail fuzz.args "$crashes of $runs crashed; first: $first"
