# SPI/I2C device tests (tests/spi/*.sh): the same firmware built twice, output and exit
# through semihosting:
#   virt32:  RAM-linked at 0x80000000, the devices added with -device at free addresses;
#   hifive1: linked at 0x20010000 in the board's SPI flash (XIP) with data in the 16 KiB DTIM,
#            the FE310 addresses (QSPI0 0x10014000, flash window 0x20000000, I2C0 0x10016000).
# Included by the top Makefile: -include tests/spi/spi.mk

SPI_FW_CC     := riscv64-unknown-elf-gcc
SPI_FW_CFLAGS := -march=rv32imac_zicsr_zifencei -mabi=ilp32 -Os -g -ffreestanding -nostdlib \
                 -Wall -Wextra -Werror -Itests/spi/fw
SPI_FW_SRCS   := tests/spi/fw/start.S tests/spi/fw/fw.c tests/spi/fw/plat_semihost.c
SPI_FW_DEPS   := $(SPI_FW_SRCS) tests/spi/fw/fw.h tests/spi/fw/link.ld tests/spi/spi.mk \
                 tests/firmware/common/crt0_macros.h

# Free addresses on virt32: SPI controller 0x10050000 with its flash window at 0x30000000,
# I2C controller 0x10060000 (clock-frequency=16MHz on the command line); their interrupts
# on PLIC sources 20 and 21.
SPI_FW_VIRT32 := -DSPI_BASE=0x10050000 -DXIP_BASE=0x30000000 -DI2C_BASE=0x10060000 \
                 -DSCKDIV=0 -DI2C_HZ=16000000 -DSPI_IRQ=20 -DI2C_IRQ=21 \
                 -Wl,--defsym=TEXT_BASE=0x80000000 -Wl,--defsym=RAM_BASE=0x80010000 \
                 -Wl,--defsym=RAM_SIZE=0x10000

$(BUILD)/fw/spi/virt32/%.elf: tests/spi/fw/%.c $(SPI_FW_DEPS)
	@mkdir -p $(dir $@)
	$(SPI_FW_CC) $(SPI_FW_CFLAGS) $(SPI_FW_VIRT32) -T tests/spi/fw/link.ld -o $@ \
	    $(SPI_FW_SRCS) $<

SPI_FW_HIFIVE1 := -DSPI_BASE=0x10014000 -DXIP_BASE=0x20000000 -DI2C_BASE=0x10016000 \
                  -DSCKDIV=0 -DSPI_IRQ=5 -DI2C_IRQ=52 \
                  -Wl,--defsym=TEXT_BASE=0x20010000 -Wl,--defsym=RAM_BASE=0x80000000 \
                  -Wl,--defsym=RAM_SIZE=0x4000

$(BUILD)/fw/spi/hifive1/%.elf: tests/spi/fw/%.c $(SPI_FW_DEPS)
	@mkdir -p $(dir $@)
	$(SPI_FW_CC) $(SPI_FW_CFLAGS) $(SPI_FW_HIFIVE1) -T tests/spi/fw/link.ld -o $@ \
	    $(SPI_FW_SRCS) $<

SPI_FW_NAMES := flash flash_ro i2c irq xip_exec sdcard uart_line i2c_host spi_host gpio_host
# On the HiFive1 the SD card sits on SPI1 (the QSPI0 flash holds the program).
$(BUILD)/fw/spi/hifive1/sdcard.elf: SPI_FW_HIFIVE1 += -DSD_SPI=0x10024000
$(BUILD)/fw/spi/virt32/uart_line.elf: SPI_FW_VIRT32 += -DUART_NS16550A
FW_ELFS += $(SPI_FW_NAMES:%=$(BUILD)/fw/spi/virt32/%.elf) \
           $(SPI_FW_NAMES:%=$(BUILD)/fw/spi/hifive1/%.elf)

# LD_PRELOAD stand-ins for host I2C, SPI and GPIO devices (tests/backends/passthrough.sh).
$(BUILD)/test/fakedev.so: tests/backends/fakedev.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -shared -fPIC -o $@ $< -ldl
FW_ELFS += $(BUILD)/test/fakedev.so
