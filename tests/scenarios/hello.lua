-- Runs until a UART line matches, at an exact cycle count and time, then until the exit.
-- args: -M virt32 -kernel build/fw/virt32/hello.elf
local socsim = require "socsim"

-- 100 MHz, one cycle per instruction: the '\n' store is the 149th instruction.
local who = socsim.expect("uart0", "Hello from (%w+)\n", "10ms")
socsim.assert_eq(who, "socsim", "capture")
socsim.assert_eq(socsim.cycles(), 149, "cycles at the newline")
socsim.assert_eq(socsim.instret(), 149, "instret at the newline")
socsim.assert_eq(socsim.now(), 1490000, "time in ps")
socsim.assert_eq(socsim.time_str(), "1.49 us", "time as text")
socsim.assert_eq(socsim.output("uart0"), "", "expect read the line")

socsim.assert_eq(socsim.wait_exit("1ms"), 0, "exit code")
socsim.assert_eq(socsim.now(), 1630000, "exit time")
-- After the exit, running returns at once.
local why, code = socsim.run("1ms")
socsim.assert_eq(why, "exit")
socsim.assert_eq(code, 0)
socsim.assert_eq(socsim.now(), 1630000, "time stands still after the exit")
