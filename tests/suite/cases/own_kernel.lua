-- A scenario's own -kernel replaces the command line's; its -M is still the command
-- line's; and -cpu-model, which only the scenario gives, adds to them.
-- args: -kernel build/fw/cli/spin.elf -cpu-model ibex
local socsim = require "socsim"
socsim.run("1us")
socsim.assert_eq(socsim.output("uart0"), "spin\n")
socsim.assert_eq(socsim.cycles(), 100)
socsim.assert_eq(socsim.instret(), 66, "ibex's instructions in 100 cycles")
