-- A return value whose __tostring fails is reported, not a crash of the Lua runtime.
-- args: -M virt32 -kernel build/fw/virt32/hello.elf
-- exit: 1
-- stderr: ^socsim: tests/scenarios/tostring_return.lua: the scenario returned a table value whose __tostring failed \('__tostring' must return a string\); expected an exit status 0..255, a boolean or nothing$
return setmetatable({}, { __tostring = function() return false end })
