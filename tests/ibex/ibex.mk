# Ibex timing-model tests: the reference programs of ../shared/reference/ibex (built with
# their own Makefile into build/ibex/) and the corner-case programs tests/ibex/*.S.
IBEX_REF ?= ../shared/reference/ibex
IBEX_BUILD := $(BUILD)/ibex

ifneq ($(wildcard $(IBEX_REF)/programs/Makefile),)
IBEX_REF_ELFS := $(IBEX_BUILD)/micro.elf $(IBEX_BUILD)/whole.elf
FW_ELFS += $(IBEX_REF_ELFS)

# One recipe makes both programs: a stamp keeps make -j from running it twice.
$(IBEX_REF_ELFS): $(IBEX_BUILD)/.ref-stamp
$(IBEX_BUILD)/.ref-stamp: $(wildcard $(IBEX_REF)/programs/*)
	@mkdir -p $(IBEX_BUILD)
	$(MAKE) -C $(IBEX_REF)/programs OUT=$(abspath $(IBEX_BUILD))
	@touch $@
endif

# Corner cases: each tests/ibex/NAME.S is a complete program (own start-up code).
IBEX_CC := riscv64-unknown-elf-gcc
IBEX_CFLAGS := -march=rv32imc_zicsr_zifencei -mabi=ilp32 -nostdlib -nostartfiles -static \
               -Wl,--no-relax -T tests/ibex/link.ld
IBEX_TEST_ELFS := $(patsubst tests/ibex/%.S,$(IBEX_BUILD)/tests/%.elf,$(wildcard tests/ibex/*.S))
FW_ELFS += $(IBEX_TEST_ELFS)

$(IBEX_BUILD)/tests/%.elf: tests/ibex/%.S tests/ibex/link.ld tests/ibex/kmacros.h
	@mkdir -p $(dir $@)
	$(IBEX_CC) $(IBEX_CFLAGS) -Itests/ibex -o $@ $<

# The extension set (../shared/reference/ibex-ext: U mode, CSRs, wfi, PMP, I-cache, bit
# manipulation), built with its own Makefile into build/ibex/ext/.
IBEX_EXT_REF ?= ../shared/reference/ibex-ext
ifneq ($(wildcard $(IBEX_EXT_REF)/programs/Makefile),)
IBEX_EXT_ELFS := $(addprefix $(IBEX_BUILD)/ext/,csr.elf umode.elf wfi.elf hpm.elf icache.elf \
                 pmp.elf bext.elf bext_ot.elf)
FW_ELFS += $(IBEX_EXT_ELFS)
$(IBEX_EXT_ELFS): $(IBEX_BUILD)/ext/.ref-stamp
$(IBEX_BUILD)/ext/.ref-stamp: $(wildcard $(IBEX_EXT_REF)/programs/*)
	@mkdir -p $(IBEX_BUILD)/ext
	$(MAKE) -C $(IBEX_EXT_REF)/programs OUT=$(abspath $(IBEX_BUILD)/ext)
	@touch $@
endif
