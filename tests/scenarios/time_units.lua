-- A duration is an integer of picoseconds or text with its unit; text without one is an
-- error, as on the command line (--max-time 1000), never silently seconds.
-- args: -M virt32 -kernel build/fw/cli/spin.elf --max-time 1s
-- exit: 1
-- stderr: ^socsim: tests/scenarios/time_units.lua:9: bad argument #1 to 'run' \('1000' is not a duration such as 10ms, 2us or 500ns: a time needs a unit: ps, ns, us, ms or s \(an integer is picoseconds\)\)$
local socsim = require "socsim"
assert(socsim.ps(1000) == 1000 and socsim.ps("1000ns") == 1000000 and socsim.ps("0") == 0)
socsim.run(1000)
socsim.run("1000")
