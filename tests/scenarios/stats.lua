-- socsim.stats(): what --stats prints, as a table (the same counters: socsim -M virt32
-- -cpu-model ibex -kernel spin.elf --max-time 10us --stats shows these figures).
-- args: -M virt32 -cpu-model ibex -kernel build/fw/cli/spin.elf
local socsim = require "socsim"

socsim.run("10us")
local s = socsim.stats()
socsim.assert_eq(s.cpu, "cpu0")
socsim.assert_eq(s.model, "ibex")
socsim.assert_eq(s.instructions, 666)
socsim.assert_eq(s.cycles, 1000)
socsim.assert_eq(s.instructions, socsim.instret(), "instructions = instret()")
socsim.assert_eq(s.cycles, socsim.cycles(), "cycles = cycles()")
-- the taken branches of the loop, and the stores of "spin\n" to the UART
socsim.assert_eq(s.stall.branch, 327, "branch stalls")
socsim.assert_eq(s.stall.memory, 5, "memory stalls")
local names = {}
for name, n in pairs(s.stall) do
    names[#names + 1] = name
    if name ~= "branch" and name ~= "memory" then socsim.assert_eq(n, 0, name) end
end
table.sort(names)
socsim.assert_eq(table.concat(names, " "), "alu branch csr/fence fetch load-use memory mul/div trap wfi")
socsim.assert_eq(socsim.stats("cpu0").cycles, 1000, "by CPU id")
local ok, err = pcall(socsim.stats, "cpu9")
socsim.assert_eq(ok, false)
assert(err:find("no CPU with id 'cpu9'"), err)
return 0
