# Firmware for the HiFive1 Rev B board (boards/hifive1.lua): linked at 0x20010000 in the
# SPI flash like the freedom-e-sdk's programs, data in the DTIM.  Included by the Makefile.
HIFIVE1_FW_DIR := tests/firmware/hifive1
HIFIVE1_PROGS  := demo timer gpio_irq uart_echo wdog pll plic_all plic_regs pwm memmap ids \
                  rtos_umode
HIFIVE1_ELFS   := $(HIFIVE1_PROGS:%=$(BUILD)/fw/hifive1/%.elf)
HIFIVE1_RVCC   ?= riscv64-unknown-elf-gcc
HIFIVE1_CFLAGS := -march=rv32imac_zicsr_zifencei -mabi=ilp32 -Os -g -ffreestanding -fno-builtin \
                  -nostdlib -nostartfiles -Wall -Wextra -Werror -ffunction-sections \
                  -Wl,--gc-sections -T $(HIFIVE1_FW_DIR)/link.ld
HIFIVE1_COMMON := $(HIFIVE1_FW_DIR)/crt0.S $(HIFIVE1_FW_DIR)/lib.c
HIFIVE1_LIBGCC := $(shell $(HIFIVE1_RVCC) -march=rv32imac -mabi=ilp32 -print-libgcc-file-name 2>/dev/null)
# exit_flush.c once per way out (see its header).
HIFIVE1_EXITS  := semihost tohost finisher park wfi
HIFIVE1_ELFS   += $(HIFIVE1_EXITS:%=$(BUILD)/fw/hifive1/exit_%.elf)
FW_ELFS        += $(HIFIVE1_ELFS)

$(BUILD)/fw/hifive1/%.elf: $(HIFIVE1_FW_DIR)/%.c $(HIFIVE1_COMMON) $(HIFIVE1_FW_DIR)/lib.h \
                           $(HIFIVE1_FW_DIR)/fe310.h $(HIFIVE1_FW_DIR)/link.ld \
                           tests/firmware/common/crt0_macros.h
	@mkdir -p $(dir $@)
	$(HIFIVE1_RVCC) $(HIFIVE1_CFLAGS) -o $@ $(HIFIVE1_COMMON) $< $(HIFIVE1_LIBGCC)

$(BUILD)/fw/hifive1/exit_%.elf: $(HIFIVE1_FW_DIR)/exit_flush.c $(HIFIVE1_COMMON) \
                                $(HIFIVE1_FW_DIR)/lib.h $(HIFIVE1_FW_DIR)/fe310.h \
                                $(HIFIVE1_FW_DIR)/link.ld tests/firmware/common/crt0_macros.h
	@mkdir -p $(dir $@)
	$(HIFIVE1_RVCC) $(HIFIVE1_CFLAGS) -DEXIT_VIA_$* -o $@ $(HIFIVE1_COMMON) $< $(HIFIVE1_LIBGCC)

# The program shared with tests/firmware/virt32 (firmware.mk has the same line).
$(BUILD)/fw/hifive1/rtos_umode.elf: tests/firmware/common/rtos_umode.h
