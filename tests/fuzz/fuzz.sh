#!/usr/bin/env bash
# The fuzz harnesses (tests/fuzz/NAME.c, built into build/fuzz/NAME; docs/robustness.md).
#   tests/fuzz/fuzz.sh          (make test) each harness runs every input of its committed
#                               corpus, tests/fuzz/corpus/NAME/, once, then RUNS[NAME] inputs
#                               mutated from a fixed seed (-seed=1): a bounded run that
#                               repeats exactly (below), so a failure repeats
#   tests/fuzz/fuzz.sh SECONDS  (make fuzz) each harness fuzzes for SECONDS, one after another;
#                               new inputs go to build/fuzz/new/NAME (the committed corpus is
#                               only read), a crash to build/fuzz/NAME-crash-*
# One line per harness: PASS with the executions, or FAIL with the start of the report.
# Reproduce a failure with build/fuzz/NAME FILE; a crash that is fixed goes into the corpus.
#
# What a mutation does next depends on what the last inputs covered, so for a fixed-seed run
# to repeat, every input must cover the same code each time: the harnesses run without
# address randomization (setarch -R: ASan's and the compared pointers stay put), with the
# paths they hand socsim the same on every run (FUZZ_SCRATCH, the tree's files from the top
# of the tree; tests/fuzz/fuzz.c), with Lua's hash seed fixed (fuzz.c's time()), and the gdb
# harness's reading thread is not instrumented.  -timeout only guards against a hang (the
# harnesses bound their own work in instructions); no run stops on the clock.
. tests/lib.sh
B=build/fuzz
seconds=${1:-}
if [ "$HOST_BUILD" != build ] && [ -z "$seconds" ]; then
    t_skip fuzzer "the harnesses are sanitized in either run; plain make test runs them"
    exit 0
fi
# The harnesses' scratch files (images they write and flush, ELFs, boards) in memory
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
norandom=()
if [ -z "$seconds" ]; then
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/socsim-fuzz.XXXXXX") || exit 1
    trap 'rm -rf "$scratch"' EXIT
    ln -sfn "$scratch" "$B/scratch"
    setarch "$(uname -m)" -R true 2>/dev/null && norandom=(setarch "$(uname -m)" -R)
fi
declare -A RUNS=([cmdline]=3000 [opts]=3000 [elf]=1000 [board]=500 [gdb]=200 [qcow2]=500
                 [overlay]=1000)
for name in cmdline opts elf board gdb qcow2 overlay; do
    corpus=tests/fuzz/corpus/$name
    if [ ! -x "$B/$name" ]; then
        t_fail "fuzzer.$name" "$B/$name is not built (make test builds it)"
        continue
    fi
    inputs=$(find "$corpus" -type f | wc -l)
    if [ -n "$seconds" ]; then
        run=(env)
        out=$B/new/$name
        args=(-max_total_time="$seconds" -timeout=10 -artifact_prefix="$B/$name-")
        what="$seconds s"
    else
        # The environment sits above the stack: the same one puts the stack in one place.
        run=(env -i PATH=/usr/bin:/bin FUZZ_SCRATCH="$B/scratch/$name" "${norandom[@]}")
        out=$B/scratch/new-$name
        # libFuzzer takes a directory's inputs in the order the file system lists them,
        # inputs of one size in that order too: a copy made in name order on tmpfs (which
        # lists in the reverse of creation) gives every checkout one order
        mkdir -p "$B/scratch/corpus-$name"
        (cd "$corpus" && LC_ALL=C ls) | while read -r f; do cp "$corpus/$f" "$B/scratch/corpus-$name/"; done
        corpus=$B/scratch/corpus-$name
        args=(-seed=1 -runs=$((inputs + 1 + RUNS[$name])) -timeout=600 -reload=0 -artifact_prefix="$B/$name-")
        what="$inputs inputs, ${RUNS[$name]} mutated"
    fi
    mkdir -p "$out"
    log=$TMP/fuzz-$name.log
    "${run[@]}" "$B/$name" "${args[@]}" \
        -close_fd_mask=3 -print_final_stats=1 "$out" "$corpus" >"$log" 2>&1 </dev/null
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    if [ $rc -eq 0 ]; then
        t_pass "fuzzer.$name ($what: $execs executions)"
    else
        t_fail "fuzzer.$name" "exit $rc after ${execs:-?} executions: $(grep -m3 -E 'ERROR|SUMMARY|^fuzz:' "$log" | tr '\n' ' ')"
        grep -A30 -m1 -E '==ERROR|ERROR: libFuzzer' "$log" >&2
    fi
done
