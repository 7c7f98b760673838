# The recipes of docs/architecture.md, followed (issue 13 item 5): the device of "Adding a
# device" and the back end of "Adding a back end" are taken from the page's ```c file=...
# blocks (tests/docs/doctest.py --extract), so what the page shows is what is compiled,
# and linked into a socsim of their own, build/socsim-recipes, as a file added to
# peripherals/ or sim/backends/ is linked into build/socsim.  tests/recipes/recipes.sh and
# the page's own examples run it.
RECIPE_DIR  := $(BUILD)/recipes
RECIPE_SRCS := $(RECIPE_DIR)/tally.c $(RECIPE_DIR)/chardev_stamp.c
RECIPE_TESTS := $(BUILD)/socsim-recipes $(RECIPE_DIR)/tally.elf

$(RECIPE_DIR)/extracted: docs/architecture.md tests/docs/doctest.py
	python3 tests/docs/doctest.py --extract docs/architecture.md $(RECIPE_DIR) \
	    $(notdir $(RECIPE_SRCS)) tally.S
	@touch $@

$(RECIPE_SRCS) $(RECIPE_DIR)/tally.S: $(RECIPE_DIR)/extracted ;

$(RECIPE_DIR)/%.o: $(RECIPE_DIR)/%.c
	$(CC) $(CFLAGS) -c -o $@ $<

# Beside build/socsim, so that it finds the boards as build/socsim does (<bindir>/../boards).
$(BUILD)/socsim-recipes: $(OBJS) $(RECIPE_SRCS:.c=.o)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(RECIPE_DIR)/tally.elf: $(RECIPE_DIR)/tally.S
	$(FW_CC) -march=rv32imac_zicsr -mabi=ilp32 -nostdlib -Wl,-Ttext=0x80000000,--nmagic \
	    -o $@ $<
