-- Stopping at every UART line and every timer-line change leaves the Ibex timing model's
-- cycle count unchanged: scenarios.sh checks the plain run gives the same 302095 cycles.
-- args: -M virt32 -kernel build/fw/virt32/demo.elf -cpu-model ibex
local socsim = require "socsim"

local mtip = {}
socsim.watch("clint.mtip", function(level) mtip[#mtip + 1] = level and "1" or "0" end)
socsim.assert_eq(socsim.expect("uart0", "every (%d+) ticks"), "10000")
for i = 1, 3 do
    socsim.assert_eq(socsim.expect("uart0", "tick (%d):"), tostring(i))
end
socsim.assert_eq(socsim.wait_exit("10ms"), 0)
socsim.assert_eq(socsim.cycles(), 302095, "cycles")
socsim.assert_eq(socsim.instret(), 3555, "instructions")
socsim.assert_eq(table.concat(mtip), "101010", "mtip rises and falls three times")
