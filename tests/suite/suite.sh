# socsim --suite (docs/scale.md): the cases in tests/suite/cases give an exact table and an
# exact JUnit file (expected/cases.out, expected/cases.xml) that the schema junit.xsd
# accepts; shards merged with junit-merge.py give the unsharded file byte for byte, whatever
# -j; a suite file; the command line's options against a scenario's own; output past the
# 1 MiB kept; every usage error; named checks without a suite.
. tests/lib.sh
CASES="$SOCSIM -M virt32 -kernel $FW/virt32/hello.elf --suite tests/suite/cases"
MERGE="python3 tests/suite/junit-merge.py"
XSD=tests/suite/junit.xsd

valid() { # NAME FILE...: the files are JUnit by the schema
    if xmllint --noout --schema $XSD "${@:2}" >"$TMP/$1.lint" 2>&1; then
        t_pass "$1"
    else
        t_fail "$1" "$(grep -v validates "$TMP/$1.lint" | head -3 | tr '\n' ' ')"
    fi
}
same() { # NAME EXPECTED ACTUAL
    if cmp -s "$2" "$3"; then t_pass "$1"; else t_fail "$1" "$3 differs from $2: $(diff "$2" "$3" | head -6 | tr '\n' ' ')"; fi
}

# The cases: two pass as they are, one expects its failure and passes, one passes on the
# suite's own time limit, the rest fail in every way a scenario can (exit status, stderr,
# named checks, a header, killed by a signal).  Exit status 1.
t_cmd suite.cases.table --exit 1 --stdout-file tests/suite/expected/cases.out \
    -- $CASES -j 2 --junit "$TMP/cases.xml"
same suite.cases.junit tests/suite/expected/cases.xml "$TMP/cases.xml"
valid suite.cases.schema "$TMP/cases.xml"

# The acceptance of issue 19 item 4: shards 1/2 and 2/2 (each -j 2) merge into the
# unsharded file, which -j 1 writes the same as -j 2.  The project's scenarios too, in 3
# shards, with -j 1 and -j 3 (more jobs than a shard has scenarios).
$CASES -j 1 --junit "$TMP/cases-j1.xml" >/dev/null
same suite.jobs.same "$TMP/cases.xml" "$TMP/cases-j1.xml"
for k in 1 2; do
    $CASES -j 2 --shard $k/2 --junit "$TMP/cases-$k.xml" >"$TMP/cases-$k.out"
done
$MERGE -o "$TMP/cases-merged.xml" "$TMP/cases-2.xml" "$TMP/cases-1.xml"
same suite.shards.merge "$TMP/cases.xml" "$TMP/cases-merged.xml"
valid suite.shards.schema "$TMP/cases-1.xml" "$TMP/cases-2.xml" "$TMP/cases-merged.xml"
$SOCSIM --suite tests/scenarios -j 2 --junit "$TMP/scen.xml" >/dev/null
for k in 1 2 3; do
    $SOCSIM --suite tests/scenarios --shard $k/3 -j $((k == 1 ? 1 : 3)) --junit "$TMP/scen-$k.xml" >/dev/null
done
$MERGE "$TMP/scen-1.xml" "$TMP/scen-3.xml" "$TMP/scen-2.xml" >"$TMP/scen-merged.xml"
same suite.shards.scenarios "$TMP/scen.xml" "$TMP/scen-merged.xml"
valid suite.shards.scenarios-schema "$TMP/scen.xml" "$TMP/scen-merged.xml"

# Shard K of N: the scenarios at K, K+N, ... of the sorted list (here 2, 5, 8 of 9).
t_eq suite.shard.split "tests/suite/cases/checks.lua tests/suite/cases/hang.lua tests/suite/cases/wrong_exit.lua" \
    "$(sed -n 's|^\(tests/suite/cases/[a-z_]*\.lua\) .*|\1|p' <<<"$($CASES --shard 2/3)" | tr '\n' ' ' | sed 's/ $//')"
t_eq suite.shard.summary "3 scenarios (shard 2/3 of 9), 5 named checks: 4 passed, 4 failed" \
    "$($CASES --shard 2/3 | tail -1)"
# More shards than scenarios: an empty shard passes, with an empty (valid) JUnit file.
t_cmd suite.shard.empty --stdout "scenario  result  exit  checks       simulated       cycles
0 scenarios (shard 12/12 of 9), 0 named checks: 0 passed, 0 failed" \
    -- $CASES --shard 12/12 --junit "$TMP/empty.xml"
t_eq suite.shard.empty-junit '<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="tests/suite/cases" tests="0" failures="0" errors="0"/>' "$(cat "$TMP/empty.xml")"
valid suite.shard.empty-schema "$TMP/empty.xml"

# The merge refuses what would not be one suite's run.
t_cmd suite.merge.twice --exit 1 \
    --stderr-grep "^junit-merge: $TMP/cases-1.xml: testsuite tests/suite/cases/bad_header.lua is in $TMP/cases-1.xml too$" \
    -- $MERGE "$TMP/cases-1.xml" "$TMP/cases-1.xml"
t_cmd suite.merge.other-suite --exit 1 \
    --stderr-grep "^junit-merge: $TMP/scen-1.xml: a file of suite 'tests/scenarios', not 'tests/suite/cases'$" \
    -- $MERGE "$TMP/cases-1.xml" "$TMP/scen-1.xml"

# --junit-time: host seconds on testsuites and scenario testcases, and their sum on the
# root (the merge sums them the same way); still valid.
$CASES --shard 1/2 --junit-time --junit "$TMP/timed.xml" >/dev/null
n=$(grep -c '<testsuite .* time="[0-9]*\.[0-9][0-9][0-9]">' "$TMP/timed.xml")
t_eq suite.time.attrs 5 "$n"
sum=$(python3 -c 'import re,sys; t=open(sys.argv[1]).read(); print(sum(round(float(x)*1000) for x in re.findall(r"<testsuite .* time=\"([0-9.]+)\"", t)))' "$TMP/timed.xml")
root=$(sed -n 's/^<testsuites .* time="\([0-9]*\)\.\([0-9]*\)">$/\1\2/p' "$TMP/timed.xml" | sed 's/^0*//')
t_eq suite.time.root "$sum" "${root:-0}"
$MERGE "$TMP/timed.xml" >"$TMP/timed-merged.xml"
same suite.time.merge "$TMP/timed.xml" "$TMP/timed-merged.xml"
valid suite.time.schema "$TMP/timed.xml"

# A suite file: scenarios and directories, and args for every scenario that has none of
# its own (between the command line's and the scenario's).
mkdir -p "$TMP/more"
printf -- '-- args: -kernel %s\nlocal s = require "socsim"\ns.run("1us")\nreturn s.cycles() == 100\n' \
    "$FW/cli/spin.elf" >"$TMP/more/spin.lua"
cat >"$TMP/smoke.lua" <<EOF
return {
    args = "-M virt32 -kernel $FW/virt32/hello.elf -cpu-model ibex",
    "tests/suite/cases/defaults.lua",
    "$TMP/more/",
}
EOF
row() { printf '%-*s  %-6s %5s %7s %15s %12s\n' "$W" "$@"; }
W=${#TMP}; W=$((W + 14)) # $TMP/more/spin.lua
{
    row scenario result exit checks simulated cycles
    row "$TMP/more/spin.lua" pass 0 - '1 us' 100
    row tests/suite/cases/defaults.lua FAIL 1 - '2.66 us' 266
    echo "    exit status 1, expected 0: tests/suite/cases/defaults.lua:5: assert_eq: got 266 (0x10a), expected 163 (0xa3)"
    echo "    rerun: socsim -M virt32 -kernel $FW/virt32/hello.elf -cpu-model ibex --max-time 10s --script tests/suite/cases/defaults.lua"
    echo "2 scenarios, 0 named checks: 1 passed, 1 failed"
} >"$TMP/smoke.expected"
t_cmd suite.file --exit 1 --stdout-file "$TMP/smoke.expected" \
    -- $SOCSIM -M hifive1 -kernel none.elf --suite "$TMP/smoke.lua"
# The command line's --max-time replaces the suite's 10 s for hang.lua.
printf 'return { "tests/suite/cases/hang.lua" }\n' >"$TMP/hang.lua"
$SOCSIM -M virt32 --max-time 20ms --suite "$TMP/hang.lua" --junit "$TMP/hang.xml" >/dev/null
t_eq suite.max-time.given 'socsim -M virt32 --max-time 20ms -kernel build/fw/cli/sleep.elf --script tests/suite/cases/hang.lua' \
    "$(sed -n 's/.*<property name="command" value="\(.*\)"\/>/\1/p' "$TMP/hang.xml")"

# Output beyond 1 MiB: the last MiB from a line's start, with a note of what went before.
mkdir -p "$TMP/big"
printf 'for i = 1, 12000 do io.write(string.format("%%05d%%s\\n", i, string.rep("x", 94))) end\n' \
    >"$TMP/big/big.lua"
$SOCSIM -M virt32 -kernel $FW/virt32/hello.elf --suite "$TMP/big" --junit "$TMP/big.xml" >/dev/null
python3 - "$TMP/big.xml" >"$TMP/big.txt" <<'EOF'
import sys, xml.etree.ElementTree as ET
out = ET.parse(sys.argv[1]).find('.//system-out').text
lines = out.split('\n')
print(lines[0], lines[1][:5], lines[-2][:5], len(out.encode()))
EOF
# 12000 lines of 100 bytes: the last 1048576 start inside line 1515, so lines 1516 on
# (1048500 bytes) are kept, after the note's 61.
t_eq suite.output.tail "[socsim --suite: the 151500 bytes before these are not kept] 01516 12000 1048561" \
    "$(cat "$TMP/big.txt")"

# Usage errors: exit status 2, nothing run, no JUnit file.
S="$SOCSIM -M virt32 -kernel $FW/virt32/hello.elf"
t_cmd suite.err.missing --exit 2 --stderr-grep '^socsim: --suite nosuch: No such file or directory$' \
    -- $S --suite nosuch
t_cmd suite.err.shard --exit 2 --stderr-grep '^socsim: --shard 3/2: expected K/N, shard K of N \(1 <= K <= N\), such as 1/4$' \
    -- $S --suite tests/suite/cases --shard 3/2
t_cmd suite.err.shard-zero --exit 2 --stderr-grep '^socsim: --shard 0/2: expected K/N' \
    -- $S --suite tests/suite/cases --shard 0/2
t_cmd suite.err.shard-text --exit 2 --stderr-grep '^socsim: --shard half: expected K/N' \
    -- $S --suite tests/suite/cases --shard half
t_cmd suite.err.jobs --exit 2 --stderr-grep '^socsim: -j 0: expected a number of scenarios to run at once, 1..256$' \
    -- $S --suite tests/suite/cases -j 0
t_cmd suite.err.no-suite --exit 2 --stderr-grep '^socsim: --junit: only with --suite DIR\|FILE \(docs/scale.md\)$' \
    -- $S --junit "$TMP/x.xml"
t_cmd suite.err.no-suite-j --exit 2 --stderr-grep '^socsim: -j: only with --suite DIR\|FILE' -- $S -j 2
t_cmd suite.err.script --exit 2 \
    --stderr-grep '^socsim: --suite and --script cannot be combined: the suite runs each scenario with its own --script$' \
    -- $S --suite tests/suite/cases --script tests/suite/cases/defaults.lua
t_cmd suite.err.gdb --exit 2 --stderr-grep '^socsim: --suite and -gdb/-s/-S cannot be combined' \
    -- $S --suite tests/suite/cases -s
mkdir -p "$TMP/empty"
t_cmd suite.err.empty-dir --exit 2 --stderr-grep "^socsim: --suite $TMP/empty: no scenarios \(\*\.lua files\) there$" \
    -- $S --suite "$TMP/empty"
t_cmd suite.err.junit-dir --exit 2 --stdout '' \
    --stderr-grep "^socsim: --junit $TMP/nodir/x.xml: No such file or directory$" \
    -- $S --suite tests/suite/cases --junit "$TMP/nodir/x.xml"
# The JUnit file is renamed into place at the end: a directory in the way leaves neither
# a file nor the temporary one.
mkdir -p "$TMP/jdir/out.xml"
t_cmd suite.err.junit-rename --exit 1 --stderr-grep "^socsim: --junit $TMP/jdir/out.xml: Is a directory$" \
    -- $S --suite tests/suite/cases --shard 4/9 --junit "$TMP/jdir/out.xml"
t_eq suite.err.junit-rename-clean "out.xml" "$(ls "$TMP/jdir")"
suite_file_err() { # NAME LUA-TEXT STDERR-PATTERN
    printf '%s\n' "$2" >"$TMP/$1.lua"
    t_cmd "suite.err.file.$1" --exit 2 --stderr-grep "$3" -- $S --suite "$TMP/$1.lua"
}
suite_file_err nil 'local x = 1' "^socsim: $TMP/nil.lua: a suite file returns a table of scenarios and directories \(it returned nil\)$"
suite_file_err syntax 'return {' "^socsim: $TMP/syntax.lua:2: unexpected symbol near <eof>$"
suite_file_err scenario 'local socsim = require "socsim"' \
    "^socsim: $TMP/scenario.lua:1: a suite file lists scenarios and runs none: it cannot require 'socsim'"
suite_file_err entry 'return { "tests/suite/cases/defaults.lua", 42 }' \
    "^socsim: $TMP/entry.lua: entry 2 is a number; expected the path of a scenario or a directory$"
suite_file_err gone 'return { "tests/suite/cases/gone.lua" }' \
    "^socsim: $TMP/gone.lua: entry 1: tests/suite/cases/gone.lua: No such file or directory$"
suite_file_err field 'return { "tests/suite/cases/defaults.lua", jobs = 2 }' \
    "^socsim: $TMP/field.lua: unknown field 'jobs' \(a suite file has a list of scenarios and directories, and args\)$"
# Several unknown fields and a bad args: the first field by name, on every run (the
# table's iteration order changes with Lua's string hash seed from run to run).
printf '%s\n' 'return { "tests/suite/cases/defaults.lua", zeta = 1, jobs = 2, alpha = 3, args = 4 }' \
    >"$TMP/fields.lua"
got=$(for i in $(seq 20); do $S --suite "$TMP/fields.lua" 2>&1; echo "exit $?"; done | sort | uniq -c)
t_eq suite.err.file.fields-order "     20 exit 2
     20 socsim: $TMP/fields.lua: unknown field 'alpha' (a suite file has a list of scenarios and directories, and args)" \
    "$got"
suite_file_err twice 'return { "tests/suite/cases/defaults.lua", "tests/suite/cases/" }' \
    "^socsim: $TMP/twice.lua: scenario tests/suite/cases/defaults.lua is listed twice$"
suite_file_err args 'return { "tests/suite/cases/defaults.lua", args = "-j 4" }' \
    "^socsim: --suite $TMP/args.lua: args: -j is not for a scenario \(the suite gives each scenario its --script\)$"
suite_file_err quote 'return { "tests/suite/cases/defaults.lua", args = "-M '"'"'virt32" }' \
    "^socsim: $TMP/quote.lua: args: a ' is not closed$"
# A scenario's own args cannot run a suite or give a --script: an error testcase.
mkdir -p "$TMP/nest"
printf -- '-- args: --suite tests/suite/cases\n' >"$TMP/nest/nest.lua"
$S --suite "$TMP/nest" >"$TMP/nest.out"
t_eq suite.err.nested "    $TMP/nest/nest.lua: -- args: --suite is not for a scenario (the suite gives each scenario its --script)" \
    "$(sed -n 3p "$TMP/nest.out")"
printf -- '-- exit: 1\n-- exit: 2\n' >"$TMP/nest/nest.lua"
$S --suite "$TMP/nest" >"$TMP/nest.out"
t_eq suite.err.exit-twice "    $TMP/nest/nest.lua:2: -- exit: given twice (first on line 1)" "$(sed -n 3p "$TMP/nest.out")"
# A first line "#!..." is skipped, as Lua skips it: the header follows.
printf -- '#!/usr/bin/env socsim\n-- args: -kernel %s\n-- exit: 3\nreturn 3\n' "$FW/cli/spin.elf" >"$TMP/nest/nest.lua"
$S --suite "$TMP/nest" >"$TMP/nest.out"
t_eq suite.header.shebang "1 scenario, 0 named checks: 1 passed, 0 failed" "$(tail -1 "$TMP/nest.out")"
printf -- '-- stderr: (\n' >"$TMP/nest/nest.lua"
$S --suite "$TMP/nest" >"$TMP/nest.out"
t_eq suite.err.stderr-re "    $TMP/nest/nest.lua:1: -- stderr: '(': Unmatched ( or \\(" "$(sed -n 3p "$TMP/nest.out")"

# Named checks without a suite: failures on stderr as they happen, the scenario goes on,
# and a count at the end decides the exit status 1.
t_cmd suite.checks.plain --exit 1 --stdout 'Hello from socsim' -- $S --script tests/suite/cases/checks.lua
t_eq suite.checks.stderr "socsim: tests/suite/cases/checks.lua:10: check 'greeting' failed: got \"socsim\"
socsim: tests/suite/cases/checks.lua:11: check 'no message' failed
socsim: tests/suite/cases/checks.lua:13: test 'exit code' failed: exit: got 0, expected 1
socsim: tests/suite/cases/checks.lua: 3 of 5 named checks failed" "$(cat "$TMP/suite.checks.plain.err")"
printf 'local s = require "socsim"\ns.check("", true)\n' >"$TMP/noname.lua"
t_cmd suite.checks.noname --exit 1 \
    --stderr-grep "^socsim: $TMP/noname.lua:2: bad argument #1 to 'check' \(a check needs a name\)$" \
    -- $S --script "$TMP/noname.lua"
# socsim.exit() inside a test ends the scenario with its status; a failed check turns an
# exit 0 into 1.
printf 'local s = require "socsim"\ns.test("t", function() s.exit(5) end)\nerror("not reached")\n' >"$TMP/exit5.lua"
t_cmd suite.checks.exit-in-test --exit 5 -- $S --script "$TMP/exit5.lua"
printf 'local s = require "socsim"\ns.check("c", false)\ns.exit(0)\n' >"$TMP/exit0.lua"
t_cmd suite.checks.exit0 --exit 1 --stderr-grep "^socsim: $TMP/exit0.lua: 1 of 1 named checks failed$" \
    -- $S --script "$TMP/exit0.lua"
# A test that runs into --max-time fails, and so does the scenario, with status 124.
printf 'local s = require "socsim"\ns.test("long", function() s.run("1s") end)\ns.check("after", true)\n' >"$TMP/limit.lua"
t_cmd suite.checks.limit --exit 124 \
    --stderr-grep "^socsim: $TMP/limit.lua:2: test 'long' failed: simulated time limit reached \(--max-time 5 us\)$" \
    -- $SOCSIM -M virt32 -kernel $FW/cli/spin.elf --script "$TMP/limit.lua" --max-time 5us

# The CI matrix of docs/scale.md as its jobs run it: the shard job's command with each
# matrix.shard, then the report job's merge, in a directory of their own; the result is
# the unsharded run's file.
wf=$(sed -n '/^```yaml file=.github\/workflows\/scenarios.yml$/,/^```$/p' docs/scale.md)
shard_cmd=$(sed -n 's/^ *- run: \(build\/socsim --suite .*\)$/\1/p' <<<"$wf")
merge_cmd=$(sed -n 's/^ *- run: \(python3 tests\/suite\/junit-merge.py .*\)$/\1/p' <<<"$wf")
mkdir -p "$TMP/ci" && ln -s "$PWD/build" "$PWD/tests" "$TMP/ci/"
if [ -z "$shard_cmd" ] || [ -z "$merge_cmd" ]; then
    t_fail suite.docs.ci-matrix "no shard or merge command in docs/scale.md's workflow"
else
    for k in 1 2 3 4; do
        (cd "$TMP/ci" && eval "${shard_cmd//'${{ matrix.shard }}'/$k}" >/dev/null)
    done
    (cd "$TMP/ci" && eval "$merge_cmd")
    same suite.docs.ci-matrix "$TMP/scen.xml" "$TMP/ci/junit.xml"
fi

# A repeatable option the scenario gives replaces all of the command line's: its one
# -device stands for every device, the command line's -global still applies.
mkdir -p "$TMP/dev"
printf -- '-- args: -device ram,addr=0xa0000000,size=4K\nreturn 0\n' >"$TMP/dev/dev.lua"
$S -device ram,addr=0x90000000,size=4K -device ram,addr=0x91000000,size=4K \
    -global rv32.misaligned=trap --suite "$TMP/dev" --junit "$TMP/dev.xml" >/dev/null
t_eq suite.options.list "socsim -M virt32 -kernel $FW/virt32/hello.elf -global rv32.misaligned=trap -device ram,addr=0xa0000000,size=4K --max-time 10s --script $TMP/dev/dev.lua" \
    "$(sed -n 's/.*<property name="command" value="\(.*\)"\/>/\1/p' "$TMP/dev.xml")"

# A signal to the suite (SIGTERM from a job controller, ^C at a terminal) goes on to the
# scenario running, once: it stops as a socsim run stops for it (its output kept), the
# suite starts no more, reports both, writes a whole JUnit file and exits 128 + 15.  The
# first scenario sends the signal itself, to its parent, the suite, and runs a firmware that
# spins until the signal comes back to it.  Before, the suite died
# at once: no table, no JUnit file (a .tmp left behind), the scenario killed (SIGKILL).
mkdir -p "$TMP/sig"
cat >"$TMP/sig/a.lua" <<'LUA'
local socsim = require "socsim"
print("a: before the signal")
io.stdout:flush()
os.execute("kill -TERM $(cut -d' ' -f4 /proc/$PPID/stat)")
while true do socsim.run("1ms") end -- hang.elf spins: the signal ends it (or --max-time 10s)
LUA
cp "$TMP/sig/a.lua" "$TMP/sig/b.lua"
$SOCSIM -M virt32 -kernel $FW/virt32/hang.elf --suite "$TMP/sig" -j 1 --junit "$TMP/sig.xml" \
    >"$TMP/sig.out" 2>"$TMP/sig.err"
t_eq suite.signal.exit 143 $?
t_eq suite.signal.stderr "socsim: --suite $TMP/sig: stopped by SIGTERM" "$(cat "$TMP/sig.err")"
# (the simulated time the scenario had reached when the signal came is the host's affair)
t_eq suite.signal.table "$TMP/sig/a.lua ERROR 143 -
stopped: the suite was stopped by SIGTERM
$TMP/sig/b.lua ERROR - -
not run: the suite was stopped by SIGTERM
2 scenarios, 0 named checks: 0 passed, 2 failed" \
    "$(grep -v '^ *rerun:\|^scenario' "$TMP/sig.out" | sed 's/^ *//' |
        awk '/\.lua /{print $1, $2, $3, $4; next} {print}')"
# (what hang.elf prints, "z", comes before or after: whether the signal came before the
# scenario's first run is the host's affair)
t_eq suite.signal.output "a: before the signal" \
    "$(sed -n '/<system-out>/,/<\/system-out>/p' "$TMP/sig.xml" | sed 's/ *<\/*system-out>//g' | grep -v '^z$')"
valid suite.signal.schema "$TMP/sig.xml"
t_eq suite.signal.no-tmp "sig sig.err sig.out sig.xml" "$(cd "$TMP" && ls -d sig* | tr '\n' ' ' | sed 's/ $//')"
