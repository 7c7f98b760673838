-- A firmware stuck in a trap loop ends the scenario's run with an error naming the trap,
-- and the scenario with the trap-loop status 123.
-- args: -M virt32 -kernel build/fw/cli/trap_handler.elf
-- exit: 123
-- stderr: ^socsim: tests/scenarios/trap_loop.lua:7: firmware stuck in a trap loop: mcause=0x2 \(illegal instruction\) mepc=0x80000040 mtval=0xc0001073 \(pc 0x80000040, mtvec 0x80000040\)$
local socsim = require "socsim"
socsim.run("1ms")
