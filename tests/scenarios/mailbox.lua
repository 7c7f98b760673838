-- Pokes a word of firmware memory and sees the firmware react to it.
-- args: -M virt32 -kernel build/fw/scenarios/mailbox.elf
-- exit: 7
local socsim = require "socsim"

local mailbox, reply = socsim.sym("mailbox"), socsim.sym("reply")
socsim.run("50us")
socsim.assert_eq(socsim.output("uart0"), "", "nothing before the poke")
socsim.assert_eq(socsim.read32(reply), 0)
socsim.write32(mailbox, 7)
socsim.assert_eq(socsim.read32(mailbox), 7, "read back")
socsim.assert_eq(socsim.wait_exit("1us"), 7, "exit status is the mailbox word")
socsim.assert_eq(socsim.read32(reply), 8, "the firmware's reply")
socsim.assert_eq(socsim.read8(reply), 8)
socsim.assert_eq(socsim.read16(reply + 2), 0)
socsim.assert_eq(socsim.output("uart0"), "got 7\n")
-- Nothing returned: the firmware's exit status (7) is socsim's.
