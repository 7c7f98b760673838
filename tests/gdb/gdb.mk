# Firmware for the gdb tests (tests/gdb/*.sh), built with -g -O0 so every local is visible
# and each source line has its own code: gdbtest.elf for most scripts, devtest.elf for
# devices.sh (device registers).  Included by the Makefile.
GDB_FW_CC     ?= riscv64-unknown-elf-gcc
GDB_FW_CFLAGS := -march=rv32imac_zicsr -mabi=ilp32 -g -O0 -ffreestanding -nostdlib -nostartfiles \
                 -Wall -Wextra -Werror -Wl,--no-warn-rwx-segments
GDB_FW_ELFS   := $(BUILD)/fw/gdb/gdbtest.elf $(BUILD)/fw/gdb/devtest.elf $(BUILD)/fw/gdb/revtest.elf

$(BUILD)/fw/gdb/%.elf: tests/firmware/gdb/crt0.S tests/firmware/gdb/%.c tests/firmware/gdb/link.ld \
                       tests/firmware/gdb/mmio.h tests/gdb/gdb.mk tests/firmware/common/crt0_macros.h
	@mkdir -p $(dir $@)
	$(GDB_FW_CC) $(GDB_FW_CFLAGS) -T tests/firmware/gdb/link.ld -o $@ \
	    tests/firmware/gdb/crt0.S tests/firmware/gdb/$*.c

FW_ELFS += $(GDB_FW_ELFS)
# One line-table row per source line: gdb 13 stops reverse-next at every row of a line
# (a row per column), which would make tests/gdb/reverse.sh's line steps depend on
# the compiler's columns.
$(BUILD)/fw/gdb/revtest.elf: GDB_FW_CFLAGS += -gno-column-info
