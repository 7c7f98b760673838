# socsim: one build.  `make` builds build/socsim; `make run` runs the demo firmware on the
# default board; `make test` builds and runs every test; `make bench` measures speed;
# `make deps` installs the Debian packages the build and the tests need.

CC      ?= gcc
BUILD   := build

# `make test SANITIZE=1`: socsim, the SystemC bridge, the unit tests and the SystemC platform
# built with AddressSanitizer and UndefinedBehaviorSanitizer into build-san/, every report
# fatal; the firmware and the other test fixtures stay shared in build/ (docs/robustness.md).
# -O1: instrumented at -O2, each instruction loop (run_*.c) takes a minute of GCC's time.
SANITIZE ?= 0
SAN_BUILD := build-san
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ifeq ($(SANITIZE),1)
BUILD   := $(SAN_BUILD)
CFLAGS  ?= -O1 -g
CFLAGS  += $(SAN_FLAGS)
endif
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -I. -MMD -MP $(shell pkg-config --cflags lua5.4 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs lua5.4 2>/dev/null || echo -llua5.4) -lelf -lutil -lm -lz -lgpiod

# DWARF line tables for --profile's per-line costs, where libdw's headers are installed
# (soc/srclines.h); the library itself is loaded when a profile asks for lines.
ifeq ($(shell pkg-config --exists libdw 2>/dev/null && echo yes),yes)
CFLAGS  += -DSOCSIM_HAVE_LIBDW
endif

SRCS    := $(wildcard sim/*.c sim/backends/*.c soc/*.c soc/cpu/riscv/*.c peripherals/*.c lua/*.c gdbstub/*.c)
OBJS    := $(SRCS:%.c=$(BUILD)/obj/%.o)
LIBOBJS := $(filter-out $(BUILD)/obj/sim/main.o $(BUILD)/obj/sim/suite.o,$(OBJS))
# The two objects that take most of a build's compile time (GCC's CPU time for run_ibex.c,
# run_e31.c: 49 s, 11 s at -O2; 86 s, 19 s instrumented; every other file 2 s or less): the
# goals below name them first, so that make -j starts them at once and the other cores
# compile the rest meanwhile, instead of everything else waiting on them at the end.
SLOW_OBJS := $(BUILD)/obj/soc/cpu/riscv/run_ibex.o $(BUILD)/obj/soc/cpu/riscv/run_e31.o
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%)

# The SystemC bridge (soc/systemc/, the only C++): a plugin the tlm-target device loads on
# first use, so build/socsim itself needs no SystemC (docs/systemc.md).
CXX       ?= g++
SC_CXXFLAGS := -std=c++17 -O2 -g -Wall -Wextra -Werror -I. -MMD -MP
ifeq ($(SANITIZE),1)
SC_CXXFLAGS += $(SAN_FLAGS)
endif
SYSTEMC_BRIDGE := $(BUILD)/libsocsim-systemc.so

DEBIAN_PKGS := liblua5.4-dev libelf-dev gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf \
               gdb-multiarch libsystemc-dev pkg-config g++ zlib1g-dev libnbd-dev libgpiod-dev \
               qemu-utils dosfstools mtools qemu-system-misc libxml2-utils parallel libdw-dev gtkwave \
               clang libclang-rt-dev

all: $(SLOW_OBJS) $(BUILD)/socsim $(SYSTEMC_BRIDGE) $(BUILD)/libsocsim.a $(BUILD)/libsocsim-sc.a

$(BUILD)/socsim: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# socsim as a library (sim/socsim.h) and socsim inside SystemC (socsim_sc_module).
$(BUILD)/libsocsim.a: $(LIBOBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/soc/systemc/%.o: soc/systemc/%.cpp
	@mkdir -p $(dir $@)
	$(CXX) $(SC_CXXFLAGS) -c -o $@ $<

$(BUILD)/libsocsim-sc.a: $(BUILD)/obj/soc/systemc/socsim_sc_module.o
	rm -f $@
	ar rcs $@ $^

$(SYSTEMC_BRIDGE): soc/systemc/tlm_bridge.cpp
	@mkdir -p $(dir $@)
	$(CXX) $(SC_CXXFLAGS) -fPIC -shared -o $@ $< -lsystemc

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# The instruction loops are threaded code: every handler ends in its own indirect jump,
# which GCC would otherwise merge back into one (and no SIMD for two counter adds).
$(BUILD)/obj/soc/cpu/riscv/run_%.o: CFLAGS += -fno-crossjumping -fno-tree-slp-vectorize
# Instrumented, GCC 12 spent 455 s of CPU on run_ibex.c, 347 s of it in points-to analysis
# ("tree PTA", -ftime-report) and 16 s tracking variables' locations for the debugger; without
# both, 86 s (run_e31.c 34 -> 19 s).  Neither changes what is instrumented: every access and
# every operation is checked as before, and the line tables the reports print from stay.
ifeq ($(SANITIZE),1)
$(BUILD)/obj/soc/cpu/riscv/run_%.o: CFLAGS += -fno-tree-pta -fno-var-tracking
endif

$(BUILD)/unit/%: tests/unit/%.c $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# Firmware for the tests and the demo (RISC-V, built with riscv64-unknown-elf-gcc).
FW_ELFS :=
include tests/firmware/firmware.mk
include tests/firmware/hifive1/hifive1.mk
include tests/cli/cli.mk
include tests/ibex/ibex.mk
include tests/gdb/gdb.mk
include tests/scenarios/scenarios.mk
-include tests/bench/bench.mk
include tests/spi/spi.mk
include tests/backends/backends.mk
include tests/e31/e31.mk
include tests/systemc/systemc.mk
include tests/recipes/recipes.mk
include tests/vcd/vcd.mk
include tests/timing/timing.mk
include tests/pipeline/pipeline.mk
include tests/checkpoint/checkpoint.mk
include tests/fuzz/fuzz.mk

# `make install PREFIX=DIR [DESTDIR=STAGE]`: the program, its boards and its docs, and for
# suites the JUnit merge (socsim-junit-merge) and schema (docs/scale.md).  socsim
# finds its boards relative to itself (<bindir>/../share/socsim/boards), so the installed
# tree may be moved as a whole.
PREFIX  ?= /usr/local
BINDIR  := $(DESTDIR)$(PREFIX)/bin
DATADIR := $(DESTDIR)$(PREFIX)/share/socsim
DOCDIR  := $(DESTDIR)$(PREFIX)/share/doc/socsim

install: $(BUILD)/socsim
	install -d $(BINDIR) $(DATADIR)/boards $(DOCDIR)/boards
	install -m 755 $(BUILD)/socsim $(BINDIR)/socsim
	install -m 755 tests/suite/junit-merge.py $(BINDIR)/socsim-junit-merge
	install -m 644 tests/suite/junit.xsd $(DATADIR)/junit.xsd
	install -m 644 boards/*.lua $(DATADIR)/boards/
	install -m 644 README.md docs/*.md $(DOCDIR)/
	install -m 644 docs/boards/*.md $(DOCDIR)/boards/

uninstall:
	rm -f $(BINDIR)/socsim $(BINDIR)/socsim-junit-merge
	rm -rf $(DATADIR) $(DOCDIR)

# Installs what is missing; as non-root prints the apt-get line and fails.
deps:
	@missing=$$(for p in $(DEBIAN_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        echo "make deps: installing $$missing"; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	    else \
	        echo "make deps: missing Debian packages; run as root:"; \
	        echo "  apt-get install -y $$missing"; exit 1; \
	    fi; \
	fi

DEMO_BOARD ?= hifive1
DEMO_ELF   ?= $(BUILD)/fw/hifive1/demo.elf

run: deps
	$(MAKE) $(BUILD)/socsim $(DEMO_ELF)
	$(BUILD)/socsim -M $(DEMO_BOARD) -kernel $(DEMO_ELF) --summary

# Every firmware the tests use (each tests/*.mk appends to FW_ELFS above).
fw:
	$(MAKE) $(FW_ELFS)

# What the tests run besides the host programs: the firmware, the SystemC test models, the
# LD_PRELOAD stand-ins, the fuzz harnesses.  Always in build/: a sanitized run uses them as
# they are.
test-fixtures: $(FW_ELFS) $(SC_MODELS) $(FUZZ_BINS) $(RECIPE_DIR)/tally.elf

ifeq ($(SANITIZE),1)
test: deps
	$(MAKE) SANITIZE=0 test-fixtures
	$(MAKE) $(SLOW_OBJS) $(BUILD)/socsim $(SYSTEMC_BRIDGE) $(UNIT_BINS) $(SC_TEST_BUILD)/platform \
	    $(BUILD)/socsim-recipes
	HOST_BUILD=$(BUILD) tests/run
else
test: deps
	$(MAKE) $(SLOW_OBJS) $(BUILD)/socsim $(SYSTEMC_BRIDGE) $(UNIT_BINS) $(FW_ELFS) $(SYSTEMC_TESTS) \
	    $(RECIPE_TESTS) $(FUZZ_BINS)
	tests/run
endif

clean:
	rm -rf $(BUILD) $(SAN_BUILD)

.PHONY: all deps run test test-fixtures clean fw install uninstall
-include $(OBJS:.o=.d) $(wildcard $(BUILD)/*.d $(BUILD)/systemc/*.d $(BUILD)/obj/soc/systemc/*.d \
                                   $(BUILD)/recipes/*.d)
