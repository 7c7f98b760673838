-- Moving the pc from outside (a debugger, a scenario) on the ibex model: the pipeline
-- refetches from the new pc as a jump in ID would, one cycle more than running on.
-- args: -M virt32 -cpu-model ibex -kernel build/fw/cli/spin.elf
local socsim = require "socsim"

socsim.run("1us")
socsim.assert_eq(socsim.cycles(), 100)
socsim.assert_eq(socsim.instret(), 66)
socsim.assert_eq(socsim.reg("pc"), 0x8000002c, "in the loop")
socsim.set_reg("pc", 0x80000000) -- print "spin" again
socsim.run("1us")
socsim.assert_eq(socsim.cycles(), 201, "cycles with the refetch")
socsim.assert_eq(socsim.instret(), 133)
socsim.assert_eq(socsim.reg("t2"), 56)
socsim.assert_eq(socsim.output("uart0"), "spin\nspin\n")
