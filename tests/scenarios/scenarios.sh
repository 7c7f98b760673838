# Lua test scenarios (--script): every tests/scenarios/NAME.lua runs with the socsim
# arguments on its "-- args:" line ($FW is the firmware build directory) and must end
# with the status on its "-- exit:" line (default 0) and stderr matching its "-- stderr:"
# lines (joined; default: empty).  Then the command-line rules around --script.
. tests/lib.sh

for f in tests/scenarios/*.lua; do
    name=scenario.$(basename "$f" .lua)
    args=$(sed -n 's/^-- args: //p' "$f" | head -1)
    want_exit=$(sed -n 's/^-- exit: //p' "$f" | head -1)
    want_err=$(sed -n 's/^-- stderr: //p' "$f" | tr -d '\n') # several lines: joined
    if [ -z "$args" ]; then
        t_fail "$name" "no '-- args:' line"
        continue
    fi
    args=${args//\$FW/$FW}
    # shellcheck disable=SC2086
    $SOCSIM $args --script "$f" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null
    rc=$?
    err=$(cat "$TMP/$name.err")
    if [ "$rc" != "${want_exit:-0}" ]; then
        t_fail "$name" "exit status $rc, expected ${want_exit:-0}; stderr: $err"
    elif [ -z "$want_err" ] && [ -n "$err" ]; then
        t_fail "$name" "unexpected stderr: $err"
    elif [ -n "$want_err" ] && ! printf '%s\n' "$err" | grep -qE -- "$want_err"; then
        t_fail "$name" "stderr '$err' does not match /$want_err/"
    else
        t_pass "$name"
    fi
done

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
