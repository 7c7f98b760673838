-- tlm-target signals, both ways, at exact times (run by tests/systemc/tlm.sh on
-- tests/systemc/ibex-sc.lua plus
--   -device tlm-target,id=crc2,addr=0x70000,size=4K,lib=build/systemc/crc.so,
--           params=done-after=1000000;latency=0)
-- The CRC model raises `done` 1 us of SystemC time after a DATA write: socsim schedules
-- SystemC's pending activity as an event, so the line rises at exactly write + 1 us.
local socsim = require "socsim"
local edges = {}
socsim.watch("crc2.irq", function(level, t) edges[#edges + 1] = (level and "+" or "-") .. t end)
socsim.run("10us")
local t0 = socsim.now()
socsim.write32(0x70000, 0x31)
socsim.run("3us")
socsim.assert_eq(edges[1], "+" .. (t0 + 1000000), "done rises 1 us after the write")
socsim.assert_eq(socsim.level("crc2.done"), true, "the output by its port name")
-- Lua reads as the debugger does, through the model's transport_dbg: CTRL shows the 4
-- bytes fed, and `done`, which any access lowers, stays high
socsim.assert_eq(socsim.read32(0x70008), 4, "the word's 4 bytes fed")
socsim.assert_eq(socsim.read8(0x70008), 4, "a byte of it")
socsim.assert_eq(socsim.level("crc2.done"), true, "no access for a debugger read")
-- a write is the guest's store (b_transport): it lowers it, at the time of the access
local t1 = socsim.now()
socsim.write32(0x70008, 0) -- CTRL: start over
socsim.run("1us") -- a change made between runs is reported when the next run starts
socsim.assert_eq(edges[2], "-" .. t1, "done falls at the access")
socsim.assert_eq(#edges, 2, "no other edge")
socsim.assert_eq(socsim.read32(0x70008), 0, "no byte fed since the start over")
-- socsim lines drive the model's sc_in<bool>: the timer model reads `ext` at +0x200
socsim.assert_eq(socsim.read32(0x30200), 0, "ext low")
socsim.set_input("timer.0", true)
socsim.assert_eq(socsim.read32(0x30200), 1, "ext high after set_input")
socsim.run("1us")
socsim.set_input("timer.0", false)
socsim.assert_eq(socsim.read32(0x30200), 0, "ext low again")
print("signals ok")
