-- A failed assertion names its line and exits 1.
-- args: -M virt32 -kernel build/fw/virt32/hello.elf
-- exit: 1
-- stderr: ^socsim: tests/scenarios/fail_assert.lua:7: greeting: got "socsim", expected "world"$
local socsim = require "socsim"

socsim.assert_eq(socsim.expect("uart0", "Hello from (%w+)\n"), "world", "greeting")
