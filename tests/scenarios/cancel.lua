-- socsim.at/after return a function that cancels the callback; socsim.watch returns one
-- that ends the watch.  Each returns true when there was something to cancel.
-- args: -M virt32 -kernel build/fw/scenarios/plic_irq.elf
local socsim = require "socsim"

local fired = {}
local cancel_a = socsim.after("1us", function() fired[#fired + 1] = "a" end)
local cancel_b = socsim.after("2us", function() fired[#fired + 1] = "b" end)
socsim.at(socsim.ps("3us"), function() fired[#fired + 1] = "c"; cancel_b() end)
socsim.assert_eq(cancel_b(), true, "b cancelled before it ran")
socsim.assert_eq(cancel_b(), false, "b cancelled twice")
socsim.assert_eq(socsim.run("10us"), "time")
socsim.assert_eq(table.concat(fired), "ac", "callbacks that ran")
socsim.assert_eq(cancel_a(), false, "a had run")

-- A callback cancels another one that is due at the same time, later in order.
local order = {}
local cancel_e
socsim.after("1us", function() order[#order + 1] = "d"; cancel_e() end)
cancel_e = socsim.after("1us", function() order[#order + 1] = "e" end)
socsim.run("2us")
socsim.assert_eq(table.concat(order), "d", "e cancelled by d")

local kept, dropped = {}, {}
socsim.watch("plic.meip", function(level) kept[#kept + 1] = level end)
local unwatch = socsim.watch("plic.meip", function(level) dropped[#dropped + 1] = level end)
socsim.assert_eq(unwatch(), true, "watch ended")
socsim.assert_eq(unwatch(), false, "watch ended twice")
socsim.set_input("plic.5", true)
socsim.expect("uart0", "irq 5\n", "10us")
socsim.set_input("plic.5", false)
socsim.run("1us")
socsim.assert_eq(#kept, 2, "the other watch saw meip rise and fall")
socsim.assert_eq(#dropped, 0, "the ended watch saw nothing")
