-- The Ibex simple system with its timer as a SystemC model (tests/systemc/timer.cpp) behind
-- tlm-target, a SystemC CRC-32 accelerator at 0x40000 and a SystemC memory granting DMI
-- at 0x60000.  Models from build/systemc/ (make test builds them); run from the tree's top.
local socsim = require "socsim"

socsim.board { description = "Ibex simple system, timer/CRC/memory as SystemC models" }

local clock = "50MHz"

socsim.device("ibex", { id = "cpu0", freq = clock, ["reset-pc"] = 0x100080, boot = "reset",
                        mtvec = 0x100001 })
socsim.ram { id = "ram", addr = 0x100000, size = "1M" }
socsim.device("ibex-simctrl", { id = "simctrl", addr = 0x20000, chardev = socsim.serial(0) })
if NATIVE_TIMER then -- tests/systemc/ibex-native.lua: the same board with the C timer
    socsim.device("ibex-timer", { id = "timer", addr = 0x30000, freq = clock, irq = "cpu0.mtip" })
else
    socsim.device("tlm-target", { id = "timer", addr = 0x30000, size = "1K",
                                  lib = "build/systemc/timer.so", params = "freq=50000000",
                                  irq = "cpu0.mtip" })
end
socsim.device("tlm-target", { id = "crc", addr = 0x40000, size = "4K",
                              lib = "build/systemc/crc.so",
                              params = "latency=110000" .. (CRC_PARAMS or "") })
socsim.device("tlm-target", { id = "mem", addr = 0x60000, size = "4K",
                              lib = "build/systemc/mem.so" })
-- A native device behind a 6-wait-state bridge: the cycle cost the CRC's 110 ns has
socsim.device("ibex-timer", { id = "wait6", addr = 0x50000, freq = clock, wait = 6 })
