-- Sends text into the UART's receive side and reads the firmware's echo.
-- args: -M virt32 -kernel build/fw/virt32/uart_echo.elf
local socsim = require "socsim"

socsim.run("10us")
socsim.assert_eq(socsim.output("uart0"), "", "nothing before input")
socsim.send("uart0", "abc")
socsim.assert_eq(socsim.expect("uart0", "%u+", "10us"), "A", "first byte echoed")
socsim.assert_eq(socsim.expect("uart0", "BC", "10us"), "BC")
-- More than the 16-byte FIFO at once: held back until the guest reads, none lost.
socsim.send("uart0", "the quick brown fox jumps over the lazy dog\n")
socsim.assert_eq(socsim.wait_exit("1ms"), 0, "a newline ends the run")
socsim.assert_eq(socsim.output("uart0"), "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG\n")
