-- Fails on a line of its own: the testcase's failure names it.
-- args: -kernel build/fw/cli/spin.elf
local socsim = require "socsim"

socsim.run("2us")
socsim.assert_eq(socsim.reg("t2"), 42, "loop counter")
