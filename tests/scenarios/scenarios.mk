# Firmware for the Lua scenario tests (tests/scenarios/*.lua, run by scenarios.sh).
SCEN_FW := $(patsubst tests/scenarios/fw/%.S,$(BUILD)/fw/scenarios/%.elf,\
                      $(wildcard tests/scenarios/fw/*.S))
SCEN_CC ?= riscv64-unknown-elf-gcc

$(BUILD)/fw/scenarios/%.elf: tests/scenarios/fw/%.S tests/scenarios/fw/link.ld
	@mkdir -p $(dir $@)
	$(SCEN_CC) -march=rv32imac_zicsr -mabi=ilp32 -nostdlib -Wl,--no-warn-rwx-segments \
	    -T tests/scenarios/fw/link.ld -o $@ $<

FW_ELFS += $(SCEN_FW)
