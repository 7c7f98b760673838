-- tests/systemc/ibex-sc.lua with the simple system's own timer (peripherals/ibex_timer.c)
-- in place of its SystemC model: firmware must see the same values and cycles on both.
NATIVE_TIMER = true
dofile("tests/systemc/ibex-sc.lua")
