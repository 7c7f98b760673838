-- HiFive1: the scenario drives GPIO pad 5 at 10 ms and 30 ms (as gpio-stim does in
-- tests/hifive1/gpio.sh) and watches the pad; the firmware, waiting after its 5.5 ms
-- start-up from the flash, sees both edges.
-- args: -M hifive1 -kernel build/fw/hifive1/gpio_irq.elf
local socsim = require "socsim"

local pad = {}
socsim.watch("gpio0.pin5", function(level, t) pad[#pad + 1] = (level and "+" or "-") .. t end)
local driven = {}
socsim.at("10ms", function(t) driven[1] = "+" .. t; socsim.set_input("gpio0.5", true) end)
socsim.at("30ms", function(t) driven[2] = "-" .. t; socsim.set_input("gpio0.5", false) end)
socsim.assert_eq(socsim.expect("uart0", "waiting on pad (%d+)\r\n", "10ms"), "5")
local code = socsim.wait_exit("50ms")
socsim.assert_eq(code, 0)
-- The watch saw the two edges the scenario drove, when it drove them: the callbacks run
-- at 10 ms and 30 ms exactly, although the core, asleep in wfi, wakes on its 62.5 ns cycle
-- grid at 16 MHz (whose phase the E31 timing of the code before the clock switch sets),
-- 17209 ps later.
socsim.assert_eq(table.concat(pad, " "), "+10000000000 -30000000000", "pad 5 changes")
socsim.assert_eq(table.concat(driven, " "), table.concat(pad, " "), "driven when seen")
socsim.assert_eq(socsim.level("gpio0.pin5"), false)
socsim.assert_eq(socsim.output("uart0"),
    "source 13: rising edge, input 1, mtime 356\r\n" ..
    "source 13: falling edge, input 0, mtime 983\r\n" ..
    "2 interrupts\r\n")
