# Firmware for the tests and the demo (included by the top Makefile, which defines BUILD).
#   tests/firmware/virt32/NAME.S   -> $(BUILD)/fw/virt32/NAME.elf  standalone, own _start
#   tests/firmware/virt32/NAME.c   -> $(BUILD)/fw/virt32/NAME.elf  with crt0.S and lib.c
#   tests/firmware/picolibc/NAME.c -> $(BUILD)/fw/picolibc/NAME.elf  picolibc, semihosting
# All are linked for virt32 (RAM at 0x80000000, the QEMU riscv32 `virt` map).

FW_CC       ?= riscv64-unknown-elf-gcc
FW_SRC      := tests/firmware
FW_V32      := $(FW_SRC)/virt32
FW_ARCH     := -march=rv32imac_zicsr_zifencei -mabi=ilp32
# No linker relaxation: a file that mixes ".option norvc" and "rvc" code would otherwise get
# its norvc part shifted by 2 bytes after relaxing calls, breaking .balign (mtvec targets).
FW_CFLAGS   := $(FW_ARCH) -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-builtin -nostdlib \
               -nostartfiles -static -mno-relax -Wl,--no-relax -I$(FW_V32) -T $(FW_V32)/link.ld \
               -Wl,--no-warn-rwx-segments
FW_V32_LIB  := $(FW_V32)/crt0.S $(FW_V32)/lib.c
# libgcc (64-bit division etc.) of the rv32imac/ilp32 multilib: the _zicsr_zifencei -march
# string matches no multilib, and -lgcc would then pick the RV64 default.
FW_LIBGCC   := $(shell $(FW_CC) -march=rv32imac -mabi=ilp32 -print-libgcc-file-name 2>/dev/null)
FW_V32_DEPS := $(FW_V32)/link.ld $(FW_V32)/test_macros.h $(FW_V32)/lib.h \
               $(FW_SRC)/common/crt0_macros.h

# picolibc: code and read-only data at 0x80000000, data, bss, heap and stack at 0x80200000
# (picolibc.ld's "flash" and "ram" regions; crt0 copies .data from flash to ram).
FW_PICO_CFLAGS := -march=rv32imac -mabi=ilp32 -O2 -g -Wall -Wextra -Werror \
               --specs=picolibc.specs --oslib=semihost --crt0=hosted \
               -Wl,--defsym=__flash=0x80000000 -Wl,--defsym=__flash_size=0x200000 \
               -Wl,--defsym=__ram=0x80200000 -Wl,--defsym=__ram_size=0x200000

FW_V32_ASM  := $(filter-out $(FW_V32)/crt0.S,$(wildcard $(FW_V32)/*.S))
FW_V32_C    := $(filter-out $(FW_V32)/lib.c,$(wildcard $(FW_V32)/*.c))
FW_PICO_C   := $(wildcard $(FW_SRC)/picolibc/*.c)

FW_ELFS += $(FW_V32_ASM:$(FW_V32)/%.S=$(BUILD)/fw/virt32/%.elf) \
           $(FW_V32_C:$(FW_V32)/%.c=$(BUILD)/fw/virt32/%.elf) \
           $(FW_PICO_C:$(FW_SRC)/picolibc/%.c=$(BUILD)/fw/picolibc/%.elf)

$(BUILD)/fw/virt32/%.elf: $(FW_V32)/%.S $(FW_V32_DEPS)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_CFLAGS) -o $@ $<

$(BUILD)/fw/virt32/%.elf: $(FW_V32)/%.c $(FW_V32_LIB) $(FW_V32_DEPS)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_CFLAGS) -o $@ $(FW_V32_LIB) $< $(FW_LIBGCC)

# The program rtos_umode.c shares with tests/firmware/hifive1 (hifive1.mk has the same line).
$(BUILD)/fw/virt32/rtos_umode.elf: $(FW_SRC)/common/rtos_umode.h

$(BUILD)/fw/picolibc/%.elf: $(FW_SRC)/picolibc/%.c
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_PICO_CFLAGS) -o $@ $<


# Bit manipulation: isa_zb.c is compiled for Zba, Zbb, Zbc and Zbs, isa_zbk.c for Zbkb and
# Zbkx (the last -march wins); both include isa_zb.h.
$(BUILD)/fw/virt32/isa_zb.elf: FW_CFLAGS += -march=rv32imac_zicsr_zifencei_zba_zbb_zbc_zbs
$(BUILD)/fw/virt32/isa_zbk.elf: FW_CFLAGS += -march=rv32imac_zicsr_zifencei_zbkb_zbkx
$(BUILD)/fw/virt32/isa_zb.elf $(BUILD)/fw/virt32/isa_zbk.elf: $(FW_V32)/isa_zb.h
