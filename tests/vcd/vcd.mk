# Firmware for the trace output tests (tests/vcd/*.sh): tests/vcd/fw/NAME.S for virt32,
# linked at its RAM; tests/vcd/fw/hf1_NAME.c for the HiFive1 with its test library
# (tests/firmware/hifive1).
VCD_FW := $(patsubst tests/vcd/fw/%.S,$(BUILD)/fw/vcd/%.elf,$(wildcard tests/vcd/fw/*.S)) \
          $(patsubst tests/vcd/fw/%.c,$(BUILD)/fw/vcd/%.elf,$(wildcard tests/vcd/fw/hf1_*.c))

$(BUILD)/fw/vcd/%.elf: tests/vcd/fw/%.S tests/cli/fw/link.ld
	@mkdir -p $(dir $@)
	$(RV_CC) -march=rv32imac_zicsr -mabi=ilp32 -nostdlib -T tests/cli/fw/link.ld -o $@ $<

$(BUILD)/fw/vcd/hf1_%.elf: tests/vcd/fw/hf1_%.c $(HIFIVE1_COMMON) $(HIFIVE1_FW_DIR)/lib.h \
                           $(HIFIVE1_FW_DIR)/fe310.h $(HIFIVE1_FW_DIR)/link.ld
	@mkdir -p $(dir $@)
	$(HIFIVE1_RVCC) $(HIFIVE1_CFLAGS) -I$(HIFIVE1_FW_DIR) -o $@ $(HIFIVE1_COMMON) $< \
	    $(HIFIVE1_LIBGCC)

FW_ELFS += $(VCD_FW)
