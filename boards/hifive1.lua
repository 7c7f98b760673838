-- SiFive HiFive1 Rev B: FE310-G002 (E31 core, 16 KiB DTIM, 4 MiB QSPI flash), boots from flash
--
-- Memory map, interrupt numbers and reset values: SiFive FE310-G002 Manual v19p05, chapters 4
-- (memory map), 5 (boot), 6 (clocks), 11 (PLIC); the board: HiFive1 Rev B schematics (16 MHz
-- crystal, 32.768 kHz lfclk, RGB LED on pads 22/19/21 active low, UART0 to the USB bridge).
-- The CPU starts at the reset vector 0x1004, as the chip does: gate ROM (MSEL = 3) -> mask ROM
-- 0x10000 -> OTP 0x20000 -> flash 0x20000000 (the factory bootloader's jump) -> 0x20010000,
-- where freedom-e-sdk programs are linked.  See docs/boards/hifive1.md.
local socsim = require "socsim"

socsim.board { description = "SiFive HiFive1 Rev B (FE310-G002: E31 core, 16K DTIM, 4M flash)" }

-- E31 core with its pipeline timing model, clocked by hfclk, which the PRCI (below) generates
-- (13.8 MHz HFROSC at reset).  The e31 type's mvendorid is SiFive's JEDEC ID, 0x489, as the
-- chip reports.  M and U modes, 8 PMP regions with a 4-byte grain (the manual's E31 chapter):
-- the e31 type's defaults, which -global e31.pmp-regions=N changes.
socsim.device("e31", { id = "cpu0", freq = "13800kHz", clock = "prci", ["reset-pc"] = 0x1004,
                       boot = "reset" })

-- Boot path and on-chip memories (manual 4, Table 4 "FE310-G002 Memory Map").
socsim.device("sifive-bootrom", { id = "msel", addr = 0x00001000, image = "gate", msel = 3 })
socsim.device("sifive-bootrom", { id = "maskrom", addr = 0x00010000, image = "mask" })
socsim.device("sifive-bootrom", { id = "otp", addr = 0x00020000, image = "otp" })
socsim.ram { id = "itim", addr = 0x08000000, size = "8K" }
socsim.ram { id = "dtim", addr = 0x80000000, size = "16K" }

-- Core-local interruptor, mtime from the 32.768 kHz RTC clock; PLIC with 52 sources, 7 levels.
socsim.device("clint", { id = "clint", addr = 0x02000000, timebase = "32768Hz",
                         msip = "cpu0.msip", mtip = "cpu0.mtip" })
socsim.device("plic", { id = "plic", addr = 0x0C000000, sources = 53, ["priority-bits"] = 3,
                        meip = "cpu0.meip" })

-- Always-on block, clocks, GPIO, UARTs, PWMs.
socsim.device("sifive-aon", { id = "aon", addr = 0x10000000, ["lfclk-freq"] = "32768Hz",
                              ["wdog-irq"] = "plic.1", ["rtc-irq"] = "plic.2" })
socsim.device("sifive-prci", { id = "prci", addr = 0x10008000, ["hfxosc-freq"] = "16MHz" })

-- Board pull-ups: the LED cathodes (pads 19, 21, 22, through the LEDs to 3.3 V) and UART0 rx
-- (pad 16, driven idle-high by the debug adapter's UART).
local gpio = { id = "gpio0", addr = 0x10012000,
               ["pull-ups"] = (1 << 16) | (1 << 19) | (1 << 21) | (1 << 22) }
for pin = 0, 31 do
    gpio["irq" .. pin] = "plic." .. (8 + pin)
end
socsim.device("sifive-gpio", gpio)

-- UART0 tx/rx on IOF0 pads 17/16, UART1 tx/rx on IOF0 pads 18/23 (manual 17.9).
socsim.device("sifive-uart", { id = "uart0", addr = 0x10013000, chardev = socsim.serial(0),
                               irq = "plic.3", tx = "gpio0.49", clock = "prci" })
socsim.device("sifive-uart", { id = "uart1", addr = 0x10023000, chardev = socsim.serial(1),
                               irq = "plic.4", tx = "gpio0.50", clock = "prci" })

-- PWM outputs go to their IOF1 pads (manual 17.9, Table "GPIO IOF mapping"):
-- PWM0 cmp0-3 -> pads 0-3, PWM1 cmp0-3 -> pads 20, 19, 21, 22, PWM2 cmp0-3 -> pads 10-13.
local function pwm(n, addr, width, irq0, pads)
    local props = { id = "pwm" .. n, addr = addr, ["cmp-width"] = width, clock = "prci" }
    for x = 0, 3 do
        props["irq" .. x] = "plic." .. (irq0 + x)
        props["out" .. x] = "gpio0." .. (64 + pads[x + 1])
    end
    socsim.device("sifive-pwm", props)
end
pwm(0, 0x10015000, 8, 40, { 0, 1, 2, 3 })
pwm(1, 0x10025000, 16, 44, { 20, 19, 21, 22 })
pwm(2, 0x10035000, 16, 48, { 10, 11, 12, 13 })

-- QSPI0 with the 4 MiB flash (IS25LP032D) mapped at 0x20000000 for execute in place
-- (the ELF is loaded into the flash's contents), SPI1, SPI2 and I2C0.  Nothing sits on I2C0
-- on the board (its pins go to the headers): add parts with -device, e.g.
-- -device i2c-eeprom,bus=i2c0.0,addr=0x50 (docs/devices-spi-i2c.md).
socsim.device("sifive-spi", { id = "qspi0", addr = 0x10014000, irq = "plic.5", clock = "cpu0",
                              ["xip-base"] = 0x20000000, ["xip-size"] = "512M" })
socsim.device("spi-flash", { id = "flash", bus = "qspi0.0", size = "4M", ["jedec-id"] = 0x9d6016 })
socsim.device("sifive-spi", { id = "spi1", addr = 0x10024000, irq = "plic.6", clock = "cpu0",
                              ["num-cs"] = 4 })
socsim.device("sifive-spi", { id = "spi2", addr = 0x10034000, irq = "plic.7", clock = "cpu0" })
socsim.device("sifive-i2c", { id = "i2c0", addr = 0x10016000, irq = "plic.52", clock = "cpu0" })

-- The factory bootloader's jump to 0x20010000 at the start of the flash.
socsim.device("sifive-bootrom", { id = "bootloader", addr = 0x20000000, image = "flash-boot" })

-- The RGB LED, reported on stderr as it changes.
socsim.device("gpio-led", { id = "led-red", gpio = "gpio0", pin = 22, label = "led red" })
socsim.device("gpio-led", { id = "led-green", gpio = "gpio0", pin = 19, label = "led green" })
socsim.device("gpio-led", { id = "led-blue", gpio = "gpio0", pin = 21, label = "led blue" })
