-- QEMU riscv32 'virt' memory map: RAM at 0x80000000, ns16550a UART, CLINT, PLIC, test finisher
--
-- One bare-metal ELF runs unchanged here and on `qemu-system-riscv32 -M virt -bios none`.
-- The CPU starts at the ELF's entry point (QEMU's -bios none boot).
local socsim = require "socsim"

socsim.board { description = "QEMU riscv32 'virt' memory map (RAM 0x80000000, ns16550a, CLINT, PLIC)" }

socsim.device("rv32", { id = "cpu0", freq = "100MHz", ["reset-pc"] = 0x80000000 })
socsim.ram { id = "ram", addr = 0x80000000, size = "128M" }
socsim.device("sifive-test", { id = "test", addr = 0x100000 })
socsim.device("clint", { id = "clint", addr = 0x2000000, timebase = "10MHz",
                         msip = "cpu0.msip", mtip = "cpu0.mtip" })
socsim.device("plic", { id = "plic", addr = 0xc000000, sources = 96, ["priority-bits"] = 3,
                        meip = "cpu0.meip" })
socsim.device("ns16550a", { id = "uart0", addr = 0x10000000, chardev = socsim.serial(0),
                            irq = "plic.10" })
