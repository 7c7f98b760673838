-- No header: the board and the firmware are the command line's (-M virt32 -kernel
-- build/fw/virt32/hello.elf in suite.sh).
local socsim = require "socsim"
socsim.assert_eq(socsim.wait_exit("1ms"), 0)
socsim.assert_eq(socsim.cycles(), 163)
