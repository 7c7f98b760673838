-- The limit counts instructions while simulated time stands still: each run starts the
-- count again, so a scenario may spend far more than --lua-limit in all, and callbacks
-- at a thousand instants (about 20 instructions each) are bounded by --max-time alone.
-- args: -M virt32 -kernel build/fw/cli/spin.elf --lua-limit 5000 --max-time 10ms
local socsim = require "socsim"

local n = 0
for i = 1, 10 do
    for j = 1, 1000 do n = n + 1 end -- about 4000 instructions at this instant
    socsim.run("1us")
end
socsim.assert_eq(n, 10000)
local calls = 0
local function tick() calls = calls + 1; if calls < 1000 then socsim.after("1us", tick) end end
socsim.after("1us", tick)
socsim.run("2ms")
socsim.assert_eq(calls, 1000)
