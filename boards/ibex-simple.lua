-- lowRISC Ibex simple system: RAM 0x100000, sim control 0x20000, timer 0x30000 (Ibex timing)
--
-- The SoC the Ibex RTL is simulated in (Ibex examples/simple_system):
--   0x00020000  simulator control: write a byte at +0 to print it, write +8 to halt (exit 0)
--   0x00030000  timer: mtime lo/hi +0/+4, mtimecmp lo/hi +8/+0xc, counts every core cycle,
--               its interrupt drives the core's mtip
--   0x00100000  1 MiB RAM, one-cycle latency for fetch and data, no wait states
--
-- The core resets to 0x100080 with mtvec = 0x100000 (vectored), like the RTL's boot_addr
-- 0x100000.  Its timing model is Ibex's; the RTL parameters are properties of the `ibex`
-- device (writeback-stage, branch-target-alu, rv32m, ifetch-delay), also settable with
-- -global ibex.PROP=VALUE.
local socsim = require "socsim"

socsim.board {
    description = "lowRISC Ibex simple system (RAM 0x100000, sim control 0x20000, timer 0x30000)"
}

local clock = "50MHz"

socsim.device("ibex", { id = "cpu0", freq = clock, ["reset-pc"] = 0x100080, boot = "reset",
                        mtvec = 0x100001 })
socsim.ram { id = "ram", addr = 0x100000, size = "1M" }
socsim.device("ibex-simctrl", { id = "simctrl", addr = 0x20000, chardev = socsim.serial(0) })
socsim.device("ibex-timer", { id = "timer", addr = 0x30000, freq = clock, irq = "cpu0.mtip" })
