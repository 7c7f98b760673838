# Firmware for the command-line tests (tests/cli/*.sh): tests/cli/fw/NAME.S linked at
# CLI_ORIGIN (virt32's RAM unless a line below says otherwise), and a few more builds of
# one source.
CLI_FW := $(patsubst tests/cli/fw/%.S,$(BUILD)/fw/cli/%.elf,$(wildcard tests/cli/fw/*.S)) \
          $(BUILD)/fw/cli/hf1_misaligned-flash0.elf $(BUILD)/fw/cli/spin-ibex.elf \
          $(BUILD)/fw/cli/tick200.elf
RV_CC ?= riscv64-unknown-elf-gcc
CLI_ORIGIN := 0x80000000
CLI_ASFLAGS :=
define CLI_LINK
	@mkdir -p $(dir $@)
	$(RV_CC) -march=rv32imac_zicsr -mabi=ilp32 -nostdlib $(CLI_ASFLAGS) \
	    -Wl,--defsym=ORIGIN_ADDR=$(CLI_ORIGIN) -T tests/cli/fw/link.ld -o $@ $<
endef

# Linked at 0x40000000, where virt32 has no memory: the loader must refuse it.
$(BUILD)/fw/cli/far.elf: CLI_ORIGIN := 0x40000000
# sigwait.S keeps its line buffer and signature beside its code: one RWX segment, meant.
$(BUILD)/fw/cli/sigwait.elf: CLI_ASFLAGS := -Wl,--no-warn-rwx-segments
# hf1_*: for the HiFive1, at 0x20010000, where its boot path enters the flash.
$(BUILD)/fw/cli/hf1_%.elf: CLI_ORIGIN := 0x20010000

$(BUILD)/fw/cli/%.elf: tests/cli/fw/%.S tests/cli/fw/link.ld
	$(CLI_LINK)

# hf1_misaligned.S at the start of the flash, in the bootloader's place: the boot path
# enters there.
$(BUILD)/fw/cli/hf1_misaligned-flash0.elf: CLI_ORIGIN := 0x20000000
$(BUILD)/fw/cli/hf1_misaligned-flash0.elf: tests/cli/fw/hf1_misaligned.S tests/cli/fw/link.ld
	$(CLI_LINK)
# spin.S in the Ibex simple system's RAM at 0x100000: nothing at its reset vector 0x100080.
$(BUILD)/fw/cli/spin-ibex.elf: CLI_ORIGIN := 0x100000
$(BUILD)/fw/cli/spin-ibex.elf: tests/cli/fw/spin.S tests/cli/fw/link.ld
	$(CLI_LINK)
# tick.S with 200 interrupts.
$(BUILD)/fw/cli/tick200.elf: CLI_ASFLAGS := -Wa,--defsym,TICKS=200
$(BUILD)/fw/cli/tick200.elf: tests/cli/fw/tick.S tests/cli/fw/link.ld
	$(CLI_LINK)

# overlap.S with its own linker script, which the linker is told not to check.
$(BUILD)/fw/cli/overlap.elf: tests/cli/fw/overlap.S tests/cli/fw/overlap.ld
	@mkdir -p $(dir $@)
	$(RV_CC) -march=rv32imac_zicsr -mabi=ilp32 -nostdlib -Wl,--no-check-sections \
	    -T tests/cli/fw/overlap.ld -o $@ $<

FW_ELFS += $(CLI_FW)
