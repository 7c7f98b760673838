-- A finalizer that runs while socsim exits (lua_close) finds the machine's API refusing:
-- the machine is going away, and nothing it reaches has been freed yet.
-- args: -M virt32 -kernel build/fw/virt32/hello.elf
-- stderr: ^false socsim.write: the machine is going away \(socsim is exiting\)$
local socsim = require "socsim"

keep = setmetatable({}, { __gc = function()
    local ok, err = pcall(socsim.write32, 0x80000000, 0)
    io.stderr:write(tostring(ok), " ", err, "\n")
end })
