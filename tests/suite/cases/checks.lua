-- Named checks are testcases of their own: two pass, three fail (one a repeat of a
-- name), and the scenario, which expects the failure status and its message, passes.
-- exit: 1
-- stderr: ^socsim: tests/suite/cases/checks.lua:13: test 'exit code' failed: exit: got 0,
-- stderr:  expected 1$
local socsim = require "socsim"

local who = socsim.expect("uart0", "Hello from (%w+)\n", "10us")
socsim.check("greeting", who == "socsim")
socsim.check("greeting", who == "world", 'got "' .. who .. '"')
socsim.check("no message", false)
socsim.test("exit code", function()
    socsim.assert_eq(socsim.wait_exit("1ms"), 1, "exit")
end)
socsim.test("cycles", function() socsim.assert_eq(socsim.cycles(), 163) end)
