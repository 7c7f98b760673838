-- socsim.checkpoint() and socsim.restore(cp) (docs/checkpoints.md): a checkpoint taken
-- at 2 ms, the run to the firmware's exit, then the machine put back at 2 ms and run to
-- the exit again: the same output after the checkpoint, the same cycles, instructions and
-- stall counters; a restore into the run's past and then its future; a sweep over a
-- shared prefix (each branch changes a variable of the firmware's and gets its own
-- output).
-- args: -M hifive1 -cpu-model ibex -kernel build/fw/hifive1/ckpt_mix.elf -serial null
-- stderr: ^led red: on at 158.509646 us
local socsim = require "socsim"

socsim.run("2ms")
local before = socsim.output("uart0")
local cp = socsim.checkpoint()
socsim.assert_eq(cp.time, socsim.now(), "cp.time")
socsim.assert_eq(cp.instructions, socsim.stats().instructions, "cp.instructions")
socsim.assert_eq(tostring(cp), "checkpoint at " .. socsim.time_str(cp.time) .. ", " ..
                 cp.instructions .. " instructions")
socsim.assert_eq(socsim.wait_exit("1s"), 0, "first exit")
local first, s1 = socsim.output("uart0"), socsim.stats()

socsim.restore(cp)
socsim.assert_eq(socsim.now(), cp.time, "time after the restore")
socsim.assert_eq(socsim.stats().instructions, cp.instructions, "instructions after the restore")
socsim.assert_eq(socsim.wait_exit("1s"), 0, "second exit")
local second, s2 = socsim.output("uart0"), socsim.stats()
socsim.assert_eq(second, first, "output after the checkpoint")
socsim.assert_eq(s2.cycles, s1.cycles, "cycles")
socsim.assert_eq(s2.instructions, s1.instructions, "instructions")
for name, n in pairs(s1.stall) do socsim.assert_eq(s2.stall[name], n, "stall " .. name) end
assert(before:find("^round 0 crc b1d167ee acc 325550e1 timer 0 soft 0 tx 6\r\n"), before)
assert(first:find("done\r\n$"), first)

-- Forward: a checkpoint of the end, restored from the past.
local finish = socsim.checkpoint()
socsim.restore(cp)
socsim.restore(finish)
socsim.assert_eq(socsim.now(), finish.time, "time after restoring the end")

-- A sweep: branches from cp, one as it was and one with the firmware's table changed in
-- RAM; each gets its own output, the unchanged one the first run's.
local outs = {}
for _, value in ipairs({false, 0x12345678}) do
    socsim.restore(cp)
    socsim.output("uart0") -- (what the last branch printed)
    if value then socsim.write32(socsim.sym("table"), value) end
    socsim.assert_eq(socsim.wait_exit("1s"), 0, "branch exit")
    outs[#outs + 1] = socsim.output("uart0")
end
socsim.assert_eq(outs[1], first, "the unchanged branch")
assert(outs[2] ~= first and outs[2]:find("done\r\n$"), outs[2])
