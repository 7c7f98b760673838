-- Callbacks that schedule each other at the same instant never let simulated time
-- advance, so --max-time cannot end them: the instruction limit does.
-- args: -M virt32 -kernel build/fw/cli/spin.elf --lua-limit 10000 --max-time 1ms
-- exit: 1
-- stderr: ^socsim: tests/scenarios/lua_limit_callbacks.lua:10: Lua ran 10000 instructions while simulated time stood still at 2 us \(--lua-limit\)$
local socsim = require "socsim"

local function again()
    socsim.after(0, again)
end
socsim.after("2us", again)
socsim.run("1ms")
