-- Drives PLIC inputs from the scenario and at a scheduled time; watches meip; the
-- firmware's handler runs at an exact cycle.
-- args: -M virt32 -kernel build/fw/scenarios/plic_irq.elf
local socsim = require "socsim"

local meip = {}
socsim.watch("plic.meip", function(level, t) meip[#meip + 1] = (level and "+" or "-") .. t end)

socsim.expect("uart0", "ready\n", "10us")
socsim.assert_eq(socsim.run("10us"), "time")
socsim.assert_eq(socsim.output("uart0"), "", "asleep in wfi")
socsim.assert_eq(socsim.level("plic.meip"), false)

-- Raised between runs at 10.25 us (cycle 1025): the handler's first instruction reads
-- mcycle 1025; claiming drops meip 6 instructions later.
socsim.assert_eq(socsim.now(), 10250000)
socsim.set_input("plic.5", true)
socsim.assert_eq(socsim.expect("uart0", "irq (%d)\n", "10us"), "5")
socsim.set_input("plic.5", false)
socsim.assert_eq(socsim.read32(socsim.sym("claimed")), 5, "claimed source")
socsim.assert_eq(socsim.read32(socsim.sym("entry_cycle")), 1025, "mcycle at handler entry")
socsim.assert_eq(table.concat(meip, " "), "+10250000 -10310000", "meip changes")

-- Raised by a callback at an absolute time; the firmware exits after this second one.
local at = socsim.now() + socsim.ps("20us")
socsim.at(at, function(t)
    socsim.assert_eq(t, at, "callback time")
    socsim.set_input("plic.7", 1)
end)
socsim.assert_eq(socsim.wait_exit("100us"), 0)
socsim.assert_eq(socsim.read32(socsim.sym("claimed")), 7)
socsim.assert_eq(socsim.read32(socsim.sym("entry_cycle")), at // 10000, "entry at the raise")
socsim.assert_eq(socsim.output("uart0"), "irq 7\n")
socsim.assert_eq(socsim.csr("mcause"), 0x8000000b, "machine external interrupt")
