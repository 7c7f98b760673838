-- A write into code the CPU has decoded and translated takes effect at once: what the
-- debugger writes reaches the CPU through the memory system (bus_debug_write tells the
-- bus's write listeners; the CPU drops what it decoded there).
-- args: -M virt32 -kernel build/fw/cli/spin.elf
local socsim = require "socsim"

socsim.run("10us") -- 1000 instructions: "spin\n", then the loop with t2 = 495 (spin.lua)
socsim.assert_eq(socsim.reg("t2"), 495)
socsim.assert_eq(socsim.read16(0x8000002a), 0x0385, "c.addi t2, 1")
socsim.write16(0x8000002a, 0x0389) -- c.addi t2, 2
socsim.run("1us") -- 100 instructions: 50 times round the loop
socsim.assert_eq(socsim.reg("t2"), 595, "the patched loop adds 2")
return 0
