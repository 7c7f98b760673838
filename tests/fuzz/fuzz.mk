# Fuzz harnesses (tests/fuzz/NAME.c; docs/robustness.md): libFuzzer targets built with
# Debian's clang, AddressSanitizer and UndefinedBehaviorSanitizer, into build/fuzz/NAME.
#   make fuzz FUZZ_SECONDS=N   each harness for N seconds (default 60), one after another:
#                              tests/fuzz/fuzz.sh N
#   make test                  tests/fuzz/fuzz.sh: each input of tests/fuzz/corpus/NAME
#                              once, then a short run from a fixed seed
# The library is built again for them (build/fuzz/obj/), instrumented, except the
# instruction loops (soc/cpu/riscv/run_*.c): clang takes minutes to instrument each of those
# and no harness depends on them for its findings, so the harnesses link the normal build's
# objects; the sanitized suite (make test SANITIZE=1) runs them on every test firmware.
FUZZ_CC     ?= clang
FUZZ_BUILD  := $(BUILD)/fuzz
FUZZ_CFLAGS := -O1 -g -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all \
               -fno-omit-frame-pointer -std=gnu11 -Wall -Wextra -Werror -I. \
               $(shell pkg-config --cflags lua5.4 2>/dev/null)
FUZZ_NAMES  := cmdline opts elf board gdb qcow2 overlay
FUZZ_BINS   := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/%)
FUZZ_PLAIN  := $(filter $(BUILD)/obj/soc/cpu/riscv/run_%.o,$(LIBOBJS))
FUZZ_OBJS   := $(patsubst $(BUILD)/obj/%,$(FUZZ_BUILD)/obj/%,$(filter-out $(FUZZ_PLAIN),$(LIBOBJS))) \
               $(FUZZ_PLAIN) $(FUZZ_BUILD)/obj/tests/fuzz/fuzz.o
FUZZ_SECONDS ?= 60

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/obj/tests/fuzz/overlay.o: tests/fuzz/image.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_OVERLAY -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/obj/tests/fuzz/qcow2.o: tests/fuzz/image.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_BINS): $(FUZZ_BUILD)/%: $(FUZZ_BUILD)/obj/tests/fuzz/%.o $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS) -lpthread

# The command line's checks of --suite's options live with the suite runner, beside main.c
$(FUZZ_BUILD)/cmdline: $(FUZZ_BUILD)/obj/sim/suite.o

ifeq ($(SANITIZE),1)
fuzz:
	$(MAKE) SANITIZE=0 fuzz
else
fuzz: deps
	$(MAKE) $(FUZZ_BINS)
	tests/fuzz/fuzz.sh $(FUZZ_SECONDS)
endif

.PHONY: fuzz
-include $(wildcard $(FUZZ_BUILD)/obj/*/*.d $(FUZZ_BUILD)/obj/*/*/*.d $(FUZZ_BUILD)/obj/*/*/*/*.d)
