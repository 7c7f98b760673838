-- An endless loop ends with an error once Lua has run --lua-limit instructions while
-- simulated time stood still; catching the error does not let it go on.
-- args: -M virt32 -kernel build/fw/virt32/hello.elf --lua-limit 1000 --max-time 1ms
-- exit: 1
-- stderr: ^socsim: tests/scenarios/lua_limit.lua:7: Lua ran 1000 instructions while simulated time stood still at 0 ps \(--lua-limit\)$
local socsim = require "socsim"
while true do pcall(function() while true do end end) end
