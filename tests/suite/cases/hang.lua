-- Waits on a firmware that never exits, with no limit of its own: the suite's --max-time
-- 10s ends it (in simulated time; the CPU sleeps in wfi, a callback every 1 ms).
-- args: -kernel build/fw/cli/sleep.elf
-- exit: 124
-- stderr: ^socsim: tests/suite/cases/hang.lua:10: simulated time limit reached \(--max-time 10 s\)$
local socsim = require "socsim"

local function tick() socsim.after("1ms", tick) end
tick()
socsim.wait_exit()
