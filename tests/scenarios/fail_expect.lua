-- A UART wait that times out says what it waited for and what came.
-- args: -M virt32 -kernel build/fw/cli/spin.elf
-- exit: 1
-- stderr: ^socsim: tests/scenarios/fail_expect.lua:7: expect uart0: no output matched "ready"
-- stderr:  within 5 us; unread output "spin\\n"$
local socsim = require "socsim"
socsim.expect("uart0", "ready", "5us")
