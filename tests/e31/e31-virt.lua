-- Test board for the E31 timing model: virt32's map (RAM 0x80000000, ns16550a, sifive-test)
-- around an `e31` CPU, plus the FE310's ITIM (8 KiB at 0x08000000), so the e31 device's
-- properties (icache-*, itim-*, hpm-counters) can be set with -global e31.PROP=VALUE.
local socsim = require "socsim"

socsim.board { description = "E31 CPU on the virt32 map, with an ITIM (tests/e31)" }

socsim.device("e31", { id = "cpu0", freq = "100MHz", ["reset-pc"] = 0x80000000,
                       misaligned = "trap" })
socsim.ram { id = "ram", addr = 0x80000000, size = "1M" }
socsim.ram { id = "itim", addr = 0x08000000, size = "8K" }
socsim.device("sifive-test", { id = "test", addr = 0x100000 })
-- the UART sits behind a bridge that adds 4 wait states to each register access
socsim.device("ns16550a", { id = "uart0", addr = 0x10000000, chardev = socsim.serial(0),
                            wait = 4 })
