# Firmware for the --pipeline tests (tests/pipeline/pipeline.sh): ibex_seq.S on ibex-simple,
# e31_seq.S on virt32.
PIPELINE_FW := $(BUILD)/fw/pipeline/ibex_seq.elf $(BUILD)/fw/pipeline/e31_seq.elf

$(BUILD)/fw/pipeline/ibex_seq.elf: tests/pipeline/fw/ibex_seq.S tests/ibex/link.ld
	@mkdir -p $(dir $@)
	$(RV_CC) -march=rv32im_zicsr -mabi=ilp32 -nostdlib -Wl,--no-warn-rwx-segments -T tests/ibex/link.ld -o $@ $<

$(BUILD)/fw/pipeline/e31_seq.elf: tests/pipeline/fw/e31_seq.S tests/cli/fw/link.ld
	@mkdir -p $(dir $@)
	$(RV_CC) -march=rv32imac_zicsr -mabi=ilp32 -nostdlib -Wl,--no-warn-rwx-segments -T tests/cli/fw/link.ld -o $@ $<

FW_ELFS += $(PIPELINE_FW)
