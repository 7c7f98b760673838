# LD_PRELOAD stand-in for a file system that fills up (tests/backends/full_disk.sh).
$(BUILD)/test/enospc.so: tests/backends/enospc.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -shared -fPIC -o $@ $< -ldl
FW_ELFS += $(BUILD)/test/enospc.so
