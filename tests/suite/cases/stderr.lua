-- Exits as its header wants, but what it says on stderr does not match.
-- args: -kernel build/fw/cli/spin.elf
-- exit: 3
-- stderr: ^socsim: the firmware said goodbye$
local socsim = require "socsim"
socsim.run("1us")
io.stderr:write("socsim: the firmware said hello\n")
return 3
