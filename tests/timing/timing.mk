# Firmware for the timing-analysis tests (tests/timing/*.sh): tests/timing/fw/NAME.c for
# virt32 with its C start-up and library (tests/firmware/virt32), tests/timing/fw/NAME.S
# for the Ibex simple system with the Ibex corner-case harness (tests/ibex/kmacros.h).
TIMING_FW := $(patsubst tests/timing/fw/%.c,$(BUILD)/fw/timing/%.elf,$(wildcard tests/timing/fw/*.c)) \
             $(patsubst tests/timing/fw/%.S,$(BUILD)/fw/timing/%.elf,$(wildcard tests/timing/fw/*.S))

$(BUILD)/fw/timing/%.elf: tests/timing/fw/%.c $(FW_V32_LIB) $(FW_V32_DEPS)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_CFLAGS) -o $@ $(FW_V32_LIB) $< $(FW_LIBGCC)

$(BUILD)/fw/timing/%.elf: tests/timing/fw/%.S tests/ibex/link.ld tests/ibex/kmacros.h
	@mkdir -p $(dir $@)
	$(IBEX_CC) $(IBEX_CFLAGS) -Wl,--no-warn-rwx-segments -Itests/ibex -o $@ $<

FW_ELFS += $(TIMING_FW)
