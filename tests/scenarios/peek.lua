-- Device registers from a scenario take the debugger's path: a read has no side effects
-- (the firmware still gets the byte it is waiting for), a write is the guest's store.
-- The firmware prints "ok", waits for a byte on the UART and echoes it in brackets.
-- args: -M virt32 -kernel build/fw/gdb/devtest.elf
local socsim = require "socsim"

socsim.assert_eq(socsim.expect("uart0", "ok\n", "1ms"), "ok\n")
socsim.run("10us")
-- mtime counts at 10 MHz from 0, the core at 100 MHz: mtime = cycles / 10
socsim.assert_eq(socsim.read32(0x0200bff8), socsim.cycles() // 10, "mtime")
socsim.assert_eq(socsim.read8(0x10000005), 0x60, "LSR: THRE, TEMT")
socsim.write8(0x10000000, string.byte("A"))
socsim.assert_eq(socsim.output("uart0"), "A", "a write to THR goes out")
socsim.send("uart0", "Z")
socsim.assert_eq(socsim.read8(0x10000005), 0x61, "LSR: a byte pending")
socsim.assert_eq(socsim.read8(0x10000000), string.byte("Z"), "RBR")
socsim.assert_eq(socsim.read8(0x10000000), string.byte("Z"), "RBR again: not popped")
socsim.assert_eq(socsim.wait_exit("1ms"), 0)
socsim.assert_eq(socsim.output("uart0"), "[Z]\n", "the firmware read the byte itself")
