-- The debugger's reads of tlm-target registers (Lua's socsim.read8/16/32 take gdb's path),
-- run by tests/systemc/tlm.sh on tests/systemc/ibex-sc.lua plus
--   -device tlm-target,id=gen,addr=0x80000,size=0x100,lib=build/systemc/irqgen.so
-- They go through the model's transport_dbg: the value a read would return now, with no
-- side effect and no time; a model without transport_dbg cannot be read.
local socsim = require "socsim"
socsim.run("10us")
-- the SystemC timer (50 MHz) counts from SystemC's time, which is brought to socsim's
socsim.assert_eq(socsim.read32(0x30000), socsim.now() // 20000, "mtime at the stop")
socsim.assert_eq(socsim.read32(0x30000), 500, "10 us of 50 MHz")
socsim.assert_eq(socsim.read32(0x30004), 0, "mtime's high word")
-- the memory counts its b_transport calls (+0xff0): the debugger's reads are not calls
socsim.assert_eq(socsim.read32(0x60ff0), 0, "no call yet")
socsim.write32(0x60000, 0x12345678) -- the guest's store: one b_transport
socsim.assert_eq(socsim.read32(0x60000), 0x12345678, "the word written")
socsim.assert_eq(socsim.read16(0x60002), 0x1234, "its upper half")
socsim.assert_eq(socsim.read8(0x60001), 0x56, "one byte")
socsim.assert_eq(socsim.read32(0x60ff0), 1, "one call: the write")
-- the CRC: RESULT and CTRL read, DATA (which a read faults on) refused
socsim.write32(0x40000, 0x31)
socsim.assert_eq(socsim.read32(0x40004), 0x69d340d8, "CRC-32 of 31 00 00 00")
socsim.assert_eq(socsim.read32(0x40008), 4, "bytes fed")
local ok, err = pcall(socsim.read32, 0x40000)
socsim.assert_eq(ok, false, "DATA refused")
socsim.assert_eq(err:match("read32%(0x00040000%): nothing readable there") ~= nil, true, err)
-- no time passed in the model: the timer still reads the stop's time
socsim.assert_eq(socsim.read32(0x30000), 500, "mtime after the reads")
-- the interrupt generator has no transport_dbg: refused
ok, err = pcall(socsim.read32, 0x80000)
socsim.assert_eq(ok, false, "no transport_dbg")
socsim.assert_eq(err:match("read32%(0x00080000%): nothing readable there") ~= nil, true, err)
print("peek ok")
