#!/usr/bin/env bash
# The fuzz harnesses (tests/fuzz/NAME.c, built into build/fuzz/NAME; docs/robustness.md).
#   tests/fuzz/fuzz.sh          (make test) each harness runs every input of its committed
#                               corpus, tests/fuzz/corpus/NAME/, once, then RUNS[NAME] inputs
#                               mutated from a fixed seed (-seed=1), so a failure repeats
#   tests/fuzz/fuzz.sh SECONDS  (make fuzz) each harness fuzzes for SECONDS, one after another;
#                               new inputs go to build/fuzz/new/NAME (the committed corpus is
#                               only read), a crash to build/fuzz/NAME-crash-*
# One line per harness: PASS with the executions, or FAIL with the start of the report.
# Reproduce a failure with build/fuzz/NAME FILE; a crash that is fixed goes into the corpus.
. tests/lib.sh
B=build/fuzz
seconds=${1:-}
if [ "$HOST_BUILD" != build ] && [ -z "$seconds" ]; then
    t_skip fuzzer "the harnesses are sanitized in either run; plain make test runs them"
    exit 0
fi
# The harnesses' scratch files (images they write and flush, ELFs, boards) in memory
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
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
        out=$B/new/$name
        args=(-max_total_time="$seconds" -timeout=10 -artifact_prefix="$B/$name-")
        what="$seconds s"
    else
        out=$TMP/new-$name
        args=(-seed=1 -runs=$((inputs + 1 + RUNS[$name])) -timeout=60 -artifact_prefix="$B/$name-")
        what="$inputs inputs, ${RUNS[$name]} mutated"
    fi
    mkdir -p "$out"
    log=$TMP/fuzz-$name.log
    "$B/$name" "${args[@]}" -close_fd_mask=3 -print_final_stats=1 "$out" "$corpus" \
        >"$log" 2>&1 </dev/null
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    if [ $rc -eq 0 ]; then
        t_pass "fuzzer.$name ($what: $execs executions)"
    else
        t_fail "fuzzer.$name" "exit $rc after ${execs:-?} executions: $(grep -m3 -E 'ERROR|SUMMARY|^fuzz:' "$log" | tr '\n' ' ')"
        grep -A30 -m1 -E '==ERROR|ERROR: libFuzzer' "$log" >&2
    fi
done
