-- socsim.exit(code) from a callback ends the scenario with that status.
-- args: -M virt32 -kernel build/fw/cli/spin.elf
-- exit: 42
local socsim = require "socsim"
socsim.after("1us", function() socsim.exit(42) end)
socsim.run("1ms")
error("not reached")
