# Run limits: --max-time and --max-insns end a run that has not exited with status 124,
# one line on stderr naming the limit, and what the firmware printed before is kept.
. tests/lib.sh
F=$FW/cli
t_cmd limits.max-time --exit 124 --stdout spin --stderr-grep 'time limit reached \(--max-time 10 ms\)' \
    -- $SOCSIM -M virt32 -kernel $F/spin.elf --max-time 10ms
t_cmd limits.max-time.2s --exit 124 --stdout spin --stderr-grep '2 s simulated' \
    -- $SOCSIM -M virt32 -kernel $F/spin.elf --max-time 2s --summary
t_cmd limits.max-insns --exit 124 --stdout spin --stderr-grep '^socsim: 1000 instructions, 1000 cycles' \
    -- $SOCSIM -M virt32 -kernel $F/spin.elf --max-insns 1000 --summary
t_cmd limits.max-insns.message --exit 124 --stderr-grep 'instruction limit reached \(--max-insns 1000\)' \
    -- $SOCSIM -M virt32 -kernel $F/spin.elf --max-insns 1000
# A time limit on a functional 100 MHz core: exactly 10 ms = 1,000,000 cycles.
t_cmd limits.time.exact.cycles --exit 124 --stderr-grep '^socsim: 1000000 instructions, 1000000 cycles, 10 ms simulated' \
    -- $SOCSIM -M virt32 -kernel $F/spin.elf --max-time 10ms --summary
# wfi with nothing to wake it: time passes to the limit, or the run ends with a clear error.
t_cmd limits.wfi.sleeps.to.limit --exit 124 --stderr-grep '^socsim: 2 instructions, 1000000 cycles, 10 ms' \
    -- $SOCSIM -M virt32 -kernel $F/sleep.elf --max-time 10ms --summary
t_cmd limits.wfi.deadlock --exit 1 --stderr-grep 'sleeps in wfi with no event pending' \
    -- $SOCSIM -M virt32 -kernel $F/sleep.elf
# wfi skips simulated time to the CLINT timer: mtime 1000 at 10 MHz is 100 us.
t_cmd limits.wfi.wakes.on.timer --exit 0 --stderr-grep '^socsim: 14 instructions, 10007 cycles, 100.07 us' \
    -- $SOCSIM -M virt32 -kernel $F/timer.elf --max-time 1s --summary
# --stats and --summary together: the stats block, then the summary line after it.
$SOCSIM -M virt32 -kernel $F/spin.elf --max-insns 1000 --stats --summary 2>&1 >/dev/null \
    | sed 's/[0-9.]* host MIPS$/N host MIPS/; s/host MIPS    [0-9.]*/host MIPS    N/' >"$TMP/both.err"
cat >"$TMP/both.want" <<'EOF2'
socsim: instruction limit reached (--max-insns 1000) before the firmware exited
socsim stats (cpu0, model functional):
  instructions 1000
  cycles       1000
  CPI          1.000
  simulated    10 us
  host MIPS    N
  stall fetch      0
  stall branch     0
  stall load-use   0
  stall memory     0
  stall mul/div    0
  stall csr/fence  0
  stall trap       0
  stall wfi        0
  stall alu        0
socsim: 1000 instructions, 1000 cycles, 10 us simulated, N host MIPS
EOF2
cmp -s "$TMP/both.want" "$TMP/both.err" && t_pass limits.stats-and-summary \
    || t_fail limits.stats-and-summary "$(diff "$TMP/both.want" "$TMP/both.err" | head -5 | tr '\n' ' ')"
