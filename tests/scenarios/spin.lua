-- Runs for exact simulated durations; reads and writes registers; a timer stops a run.
-- args: -M virt32 -kernel build/fw/cli/spin.elf
local socsim = require "socsim"

socsim.assert_eq(socsim.run("10us"), "time")
socsim.assert_eq(socsim.now(), socsim.ps("10us"), "now after run(10us)")
socsim.assert_eq(socsim.cycles(), 1000, "cycles at 100 MHz")
socsim.assert_eq(socsim.instret(), 1000)
socsim.assert_eq(socsim.mcycle(), 1000)
socsim.assert_eq(socsim.minstret(), 1000)
socsim.assert_eq(socsim.output("uart0"), "spin\n")
-- 11 instructions print "spin\n", then 989 of the two-instruction loop: t2 = 495.
socsim.assert_eq(socsim.reg("t2"), 495, "loop counter")
socsim.assert_eq(socsim.reg("x7"), 495, "t2 is x7")
socsim.assert_eq(socsim.reg(7), 495)
socsim.set_reg("t2", 0)
socsim.run("1us")
socsim.assert_eq(socsim.reg("t2"), 50, "100 instructions later")
socsim.assert_eq(socsim.reg("zero"), 0)

-- A callback stops the run early, at its exact time.
local fired
socsim.after("3us", function(t) fired = t; socsim.stop() end)
socsim.assert_eq(socsim.run("1ms"), "stop")
socsim.assert_eq(fired, socsim.ps("14us"), "callback time")
socsim.assert_eq(socsim.now(), socsim.ps("14us"))

-- socsim.at takes absolute times; callbacks at the same time run in scheduling order.
local order = {}
socsim.at("20us", function() order[#order + 1] = "a" end)
socsim.at(socsim.ps("20us"), function() order[#order + 1] = "b" end)
socsim.after("2us", function() order[#order + 1] = "c" end)
socsim.run("10us")
socsim.assert_eq(table.concat(order), "cab", "callback order")

-- The pc and the CSRs.
local pc = socsim.reg("pc")
assert(pc == 0x8000002c or pc == 0x8000002e, string.format("pc 0x%08x in the loop", pc))
socsim.set_csr("mscratch", 0xdeadbeef)
socsim.assert_eq(socsim.csr("mscratch"), 0xdeadbeef)
socsim.assert_eq(socsim.csr(0x340), 0xdeadbeef, "mscratch by number")
socsim.assert_eq(socsim.csr("misa") >> 30, 1, "MXL = 32")
-- Writing the finisher ends the run like the firmware would.
socsim.write32(0x100000, (9 << 16) | 0x3333)
local why, code = socsim.run("1us")
socsim.assert_eq(why, "exit")
socsim.assert_eq(code, 9)
return 0
