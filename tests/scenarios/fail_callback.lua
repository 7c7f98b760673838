-- An error in a callback stops the run; the message names the callback's line.
-- args: -M virt32 -kernel build/fw/cli/spin.elf
-- exit: 1
-- stderr: ^socsim: tests/scenarios/fail_callback.lua:7: level went high at 2000000$
local socsim = require "socsim"

socsim.after("2us", function(t) assert(false, "level went high at " .. t) end)
socsim.run("1ms")
error("not reached")
