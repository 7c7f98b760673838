-- virt32 (boards/virt32.lua) with its UART and a 64 KiB memory at 0x90000000 as external
-- regions, and an interrupt generator at 0x90010000 driving PLIC source 11, for
-- tests/systemc/platform.cpp: a SystemC platform serves them through socsim_sc_module's
-- initiator sockets "uart0", "extmem" and "irqgen" and its sc_in<bool> irq("irqgen").
local socsim = require "socsim"

socsim.board { description = "virt32 with an external UART and memory (SystemC platform)" }

socsim.device("rv32", { id = "cpu0", freq = "100MHz", ["reset-pc"] = 0x80000000 })
socsim.ram { id = "ram", addr = 0x80000000, size = "128M" }
socsim.device("sifive-test", { id = "test", addr = 0x100000 })
socsim.device("clint", { id = "clint", addr = 0x2000000, timebase = "10MHz",
                         msip = "cpu0.msip", mtip = "cpu0.mtip" })
socsim.device("plic", { id = "plic", addr = 0xc000000, sources = 96, ["priority-bits"] = 3,
                        meip = "cpu0.meip" })
socsim.device("external", { id = "uart0", addr = 0x10000000, size = 0x100 })
socsim.device("external", { id = "extmem", addr = 0x90000000, size = "64K" })
socsim.device("external", { id = "irqgen", addr = 0x90010000, size = 0x100, irq = "plic.11" })
