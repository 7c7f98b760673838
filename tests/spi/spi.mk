# SPI/I2C device tests (tests/spi/*.sh): firmware for virt32 with the devices added by
# -device (RAM-linked at 0x80000000), output and exit through semihosting.
# Included by the top Makefile: -include tests/spi/spi.mk

SPI_FW_CC     := riscv64-unknown-elf-gcc
SPI_FW_CFLAGS := -march=rv32imac_zicsr -mabi=ilp32 -Os -g -ffreestanding -nostdlib \
                 -Wall -Wextra -Werror -Itests/spi/fw
SPI_FW_SRCS   := tests/spi/fw/start.S tests/spi/fw/fw.c tests/spi/fw/plat_semihost.c
SPI_FW_DEPS   := $(SPI_FW_SRCS) tests/spi/fw/fw.h tests/spi/fw/link.ld tests/spi/spi.mk

# Free addresses on virt32: SPI controller 0x10050000 with its flash window at 0x30000000,
# I2C controller 0x10060000 (clock-frequency=16MHz on the command line).
SPI_FW_VIRT32 := -DSPI_BASE=0x10050000 -DXIP_BASE=0x30000000 -DI2C_BASE=0x10060000 \
                 -DSCKDIV=0 -DI2C_HZ=16000000 \
                 -Wl,--defsym=TEXT_BASE=0x80000000 -Wl,--defsym=RAM_BASE=0x80010000 \
                 -Wl,--defsym=RAM_SIZE=0x10000

$(BUILD)/fw/spi/virt32/%.elf: tests/spi/fw/%.c $(SPI_FW_DEPS)
	@mkdir -p $(dir $@)
	$(SPI_FW_CC) $(SPI_FW_CFLAGS) $(SPI_FW_VIRT32) -T tests/spi/fw/link.ld -o $@ \
	    $(SPI_FW_SRCS) $<

FW_ELFS += $(BUILD)/fw/spi/virt32/flash.elf $(BUILD)/fw/spi/virt32/flash_ro.elf \
           $(BUILD)/fw/spi/virt32/i2c.elf
