# Lua test scenarios (--script): socsim --suite runs every tests/scenarios/NAME.lua with the
# socsim arguments its "-- args:" header line gives, and requires the exit status on its
# "-- exit:" line (default 0) and stderr matching its "-- stderr:" lines (joined; default:
# empty); one PASS/FAIL line here per row of its table.  Then the command-line rules around
# --script.
. tests/lib.sh

$SOCSIM --suite tests/scenarios -j 2 --junit "$TMP/scenarios.xml" >"$TMP/suite.out" 2>&1
rc=$?
for f in tests/scenarios/*.lua; do
    name=scenario.$(basename "$f" .lua)
    row=$(grep -n "^$f " "$TMP/suite.out" | head -1)
    line=${row%%:*}
    if [ -z "$row" ]; then
        t_fail "$name" "no row in the suite's table: $(head -3 "$TMP/suite.out" | tr '\n' ' ')"
    elif [ "$(echo "$row" | awk '{print $2}')" = pass ]; then
        t_pass "$name"
    else # the row's details: the failure, the failed checks, the command to rerun it
        t_fail "$name" "$(tail -n +$((line + 1)) "$TMP/suite.out" | sed '/^[^ ]/,$d' | tr -s ' \n' ' ' | sed 's/^ //')"
    fi
done
[ $rc = 0 ] && t_pass scenario.suite-status || t_fail scenario.suite-status "socsim --suite exited $rc"
if xmllint --noout --schema tests/suite/junit.xsd "$TMP/scenarios.xml" 2>/dev/null; then
    t_pass scenario.junit
else
    t_fail scenario.junit "$TMP/scenarios.xml is not JUnit by tests/suite/junit.xsd"
fi

HELLO=$FW/virt32/hello.elf
t_cmd script.missing --exit 2 \
    --stderr-grep "^socsim: --script nosuch.lua: cannot read the scenario" \
    -- $SOCSIM -M virt32 -kernel "$HELLO" --script nosuch.lua
t_cmd script.with-gdb --exit 2 --stderr-grep "script and -gdb/-s/-S cannot be combined" \
    -- $SOCSIM -M virt32 -kernel "$HELLO" --script tests/scenarios/hello.lua -S
if $SOCSIM --help | grep -q '^  --script FILE'; then
    t_pass script.help
else
    t_fail script.help 'no --script in --help'
fi

# One Lua state: what the board script leaves behind, the scenario sees.
{ cat boards/virt32.lua; echo 'board_note = "from the board"'; } >"$TMP/noted.lua"
printf 'local s = require "socsim"\ns.assert_eq(board_note, "from the board")\n' >"$TMP/note.lua"
t_cmd script.shared-state -- $SOCSIM -M "$TMP/noted.lua" -kernel "$HELLO" --script "$TMP/note.lua"

# The runtime belongs to scenarios, the builder to boards.
{ cat boards/virt32.lua; echo 'socsim.run("1us")'; } >"$TMP/runs.lua"
t_cmd script.run-in-board --exit 2 \
    --stderr-grep "runs.lua:[0-9]+: socsim.run: only in a scenario \(--script\)" \
    -- $SOCSIM -M "$TMP/runs.lua" -kernel "$HELLO"
printf 'local s = require "socsim"\ns.ram { addr = 0x90000000, size = "4K" }\n' >"$TMP/build.lua"
t_cmd script.build-in-scenario --exit 1 \
    --stderr-grep "^socsim: .*build.lua:2: socsim.device: the machine is already built" \
    -- $SOCSIM -M virt32 -kernel "$HELLO" --script "$TMP/build.lua"
# A callback cannot run the machine (it runs inside a run).
printf 'local s = require "socsim"\ns.after(1, function() s.run("1us") end)\ns.run("1us")\n' \
    >"$TMP/nested.lua"
t_cmd script.nested-run --exit 1 \
    --stderr-grep "nested.lua:2: socsim.run: not inside a callback" \
    -- $SOCSIM -M virt32 -kernel "$HELLO" --script "$TMP/nested.lua"
# A scenario that waits on a CPU nothing can wake fails instead of hanging.
printf 'local s = require "socsim"\ns.wait_exit()\n' >"$TMP/stuck.lua"
t_cmd script.stuck --exit 1 \
    --stderr-grep "stuck.lua:2: the CPU sleeps in wfi with no event pending .*\(pc 0x80000008\)" \
    -- $SOCSIM -M virt32 -kernel "$FW/cli/sleep.elf" --script "$TMP/stuck.lua"
# --stats still reports after a scenario, and the firmware's output still reaches stdout.
t_cmd script.stdout --stdout "Hello from socsim" \
    -- $SOCSIM -M virt32 -kernel "$HELLO" --script tests/scenarios/hello.lua
# The run no_perturb.lua interrupts at every line and timer edge, without a scenario.
t_cmd script.no-perturb.plain --stderr-grep "^socsim: 3555 instructions, 302095 cycles," \
    -- $SOCSIM -M virt32 -kernel "$FW/virt32/demo.elf" -cpu-model ibex --summary
# --lua-limit ends the scenario even inside socsim.test: no check fails, nothing after runs.
printf 'local s = require "socsim"\ns.test("forever", function() while true do end end)\nprint("after")\n' \
    >"$TMP/limit_test.lua"
$SOCSIM -M virt32 -kernel "$HELLO" --lua-limit 1000 --script "$TMP/limit_test.lua" \
    >"$TMP/limit_test.out" 2>"$TMP/limit_test.err"
t_eq script.lua-limit-in-test.status 1 $?
t_eq script.lua-limit-in-test.stderr \
    "socsim: $TMP/limit_test.lua:2: Lua ran 1000 instructions while simulated time stood still at 0 ps (--lua-limit)" \
    "$(cat "$TMP/limit_test.err")"
t_eq script.lua-limit-in-test.stdout "" "$(cat "$TMP/limit_test.out")"
# os.exit ends a scenario through socsim's way out (--summary still printed), and a board
# with its status before anything runs.
printf 'local s = require "socsim"\ns.run("1us")\nos.exit(4)\n' >"$TMP/os_exit.lua"
t_cmd script.os-exit --exit 4 --stderr-grep '^socsim: [0-9]+ instructions, [0-9]+ cycles, 1 us simulated' \
    -- $SOCSIM -M virt32 -kernel "$FW/cli/spin.elf" --script "$TMP/os_exit.lua" --summary
{ cat boards/virt32.lua; echo 'os.exit(7)'; echo 'error("went on")'; } >"$TMP/exits.lua"
t_cmd script.os-exit-board --exit 7 --stdout "" -- $SOCSIM -M "$TMP/exits.lua" -kernel "$HELLO" --summary
