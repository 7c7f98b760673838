# E31 timing-model tests: each tests/e31/NAME.S is a complete virt32 program (emacros.h).
E31_CC := riscv64-unknown-elf-gcc
E31_CFLAGS := -march=rv32imac_zicsr_zifencei -mabi=ilp32 -nostdlib -nostartfiles -static \
              -Wl,--no-relax -Wl,--no-warn-rwx-segments -T tests/e31/link.ld
E31_TEST_ELFS := $(patsubst tests/e31/%.S,$(BUILD)/e31/%.elf,$(wildcard tests/e31/*.S))
FW_ELFS += $(E31_TEST_ELFS)

$(BUILD)/e31/%.elf: tests/e31/%.S tests/e31/link.ld tests/e31/emacros.h
	@mkdir -p $(dir $@)
	$(E31_CC) $(E31_CFLAGS) -Itests/e31 -o $@ $<

# Programs for the HiFive1 board (tests/e31/NAME.c), built with its firmware library.
E31_HIFIVE1_ELFS := $(patsubst tests/e31/%.c,$(BUILD)/e31/%.elf,$(wildcard tests/e31/*.c))
FW_ELFS += $(E31_HIFIVE1_ELFS)

$(BUILD)/e31/%.elf: tests/e31/%.c $(HIFIVE1_COMMON) $(HIFIVE1_FW_DIR)/lib.h \
                    $(HIFIVE1_FW_DIR)/fe310.h $(HIFIVE1_FW_DIR)/link.ld
	@mkdir -p $(dir $@)
	$(HIFIVE1_RVCC) $(HIFIVE1_CFLAGS) -I$(HIFIVE1_FW_DIR) -o $@ $(HIFIVE1_COMMON) $< \
	    $(HIFIVE1_LIBGCC)
