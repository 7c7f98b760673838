# Firmware for the command-line tests (tests/cli/*.sh).
CLI_FW := $(patsubst tests/cli/fw/%.S,$(BUILD)/fw/cli/%.elf,$(wildcard tests/cli/fw/*.S))
RV_CC ?= riscv64-unknown-elf-gcc

$(BUILD)/fw/cli/far.elf: tests/cli/fw/far.S tests/cli/fw/link.ld
	@mkdir -p $(dir $@)
	$(RV_CC) -march=rv32imac_zicsr -mabi=ilp32 -nostdlib -Wl,--defsym=ORIGIN_ADDR=0x40000000 -T tests/cli/fw/link.ld -o $@ $<

$(BUILD)/fw/cli/%.elf: tests/cli/fw/%.S tests/cli/fw/link.ld
	@mkdir -p $(dir $@)
	$(RV_CC) -march=rv32imac_zicsr -mabi=ilp32 -nostdlib -Wl,--defsym=ORIGIN_ADDR=0x80000000 -T tests/cli/fw/link.ld -o $@ $<

FW_ELFS += $(CLI_FW)
