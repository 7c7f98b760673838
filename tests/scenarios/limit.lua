-- --max-time still bounds a scenario: the run that hits it fails with status 124.
-- args: -M virt32 -kernel build/fw/cli/spin.elf --max-time 5us
-- exit: 124
-- stderr: ^socsim: tests/scenarios/limit.lua:6: simulated time limit reached \(--max-time 5 us\)$
local socsim = require "socsim"
socsim.run("1ms")
