# Benchmark firmware and `make bench` (included by the top Makefile).
# Each ELF runs unchanged on socsim's virt32 board and on QEMU's riscv32 virt machine.
#   make bench                     build everything, print the table, write build/bench.txt
#   make bench BENCH_SCALE=10      runs 10% as long (the ELFs rebuild when the scale changes)
#   make bench-elfs                only the firmware
#   make bench-profile             callgrind on a short run of mix.elf (BENCH_PROFILE=NAME
#                                  for another benchmark, BENCH_PROFILE_MODEL=ibex ...,
#                                  BENCH_PROFILE_ARGS for more socsim options)
#   make bench-hooks               what the trace outputs cost when off: callgrind, socsim as
#                                  built against build/nohooks/socsim (also the end of bench)
# BENCH_RUNS (default 3), BENCH_MODELS (default "functional interp ibex ibex-interp ibex-wb e31"),
# BENCH_CLOCK (cpu or wall), BENCH_NAMES and QEMU (qemu-system-riscv32, or none) pass through to
# tests/bench/run-bench.sh; so does BENCH_QEMU_SKIP from the command line (the benchmarks
# QEMU does not run, "datanear" when unset; BENCH_QEMU_SKIP= runs them all).

BENCH_DIR    ?= $(BUILD)/bench
BENCH_SCALE  ?= 100
BENCH_CC     ?= riscv64-unknown-elf-gcc
BENCH_CFLAGS := -march=rv32imac_zicsr_zifencei -mabi=ilp32 -O2 -g -Wall -Wextra -Werror \
                -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns \
                -nostdlib -nostartfiles -static -Wl,--no-warn-rwx-segments \
                -T tests/bench/link.ld -DBENCH_SCALE=$(BENCH_SCALE)
BENCH_NAMES  := mix memcpy muldiv irq uart datanear datafar uswitch
BENCH_ELFS   := $(BENCH_NAMES:%=$(BENCH_DIR)/%.elf) $(BENCH_DIR)/startup-1m.elf
BENCH_RT     := tests/bench/crt0.S tests/bench/benchlib.c
BENCH_DEPS   := $(BENCH_RT) tests/bench/benchlib.h tests/bench/link.ld tests/bench/bench.mk \
                tests/firmware/common/crt0_macros.h \
                $(BENCH_DIR)/.scale

# Rewritten only when BENCH_SCALE changes, so a new scale rebuilds the ELFs.
$(BENCH_DIR)/.scale: bench-scale-check
	@mkdir -p $(@D)
	@echo $(BENCH_SCALE) | cmp -s - $@ || echo $(BENCH_SCALE) >$@

$(BENCH_DIR)/%.elf: tests/bench/%.c $(BENCH_DEPS)
	@mkdir -p $(@D)
	$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $(BENCH_RT) $<

# datafar: datanear with its counter on a page of its own.
$(BENCH_DIR)/datafar.elf: tests/bench/datanear.c $(BENCH_DEPS)
	@mkdir -p $(@D)
	$(BENCH_CC) $(BENCH_CFLAGS) -DDATA_FAR -o $@ $(BENCH_RT) $<

$(BENCH_DIR)/startup-1m.elf: tests/bench/startup.S tests/bench/link.ld
	@mkdir -p $(@D)
	$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $<

bench-elfs: $(BENCH_ELFS)

# socsim with the trace outputs' hooks compiled out (OUTPUT_HOOK, sim/sim.h): what `make
# bench` measures "outputs off" against, host instructions under callgrind of the same runs
# (docs/performance.md, "Outputs off").
NOHOOKS_DIR  := $(BUILD)/nohooks
NOHOOKS_OBJS := $(SRCS:%.c=$(NOHOOKS_DIR)/obj/%.o)
$(NOHOOKS_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DSOCSIM_NO_OUTPUTS -c -o $@ $<
$(NOHOOKS_DIR)/obj/soc/cpu/riscv/run_%.o: CFLAGS += -fno-crossjumping -fno-tree-slp-vectorize
$(NOHOOKS_DIR)/socsim: $(NOHOOKS_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)
-include $(NOHOOKS_OBJS:.o=.d)

# The outputs-off measure's runs: these benchmarks at BENCH_SCALE=1, on these models.
BENCH_HOOKS_NAMES  ?= mix irq uart
BENCH_HOOKS_MODELS ?= functional interp ibex e31
BENCH_HOOKS_ELFS   := $(BENCH_HOOKS_NAMES:%=$(BUILD)/bench-short/%.elf)

# Measures; never fails on a slow or broken run (the table says n/a or FAIL instead).
bench: $(BUILD)/socsim $(BENCH_ELFS) $(NOHOOKS_DIR)/socsim
	@$(MAKE) --no-print-directory BENCH_DIR=$(BUILD)/bench-short BENCH_SCALE=1 $(BENCH_HOOKS_ELFS)
	@BENCH_DIR=$(BENCH_DIR) SOCSIM=$(BUILD)/socsim OUT=$(BUILD)/bench.txt \
	    BENCH_RUNS="$(BENCH_RUNS)" BENCH_MODELS="$(BENCH_MODELS)" BENCH_NAMES="$(BENCH_NAMES)" \
	    BENCH_CLOCK="$(BENCH_CLOCK)" QEMU="$(QEMU)" SOCSIM_NOHOOKS=$(NOHOOKS_DIR)/socsim \
	    BENCH_HOOKS_ELFS="$(BENCH_HOOKS_ELFS)" BENCH_HOOKS_MODELS="$(BENCH_HOOKS_MODELS)" \
	    tests/bench/run-bench.sh --bench

# Only the outputs-off measure (what `make bench` prints last).
bench-hooks: $(BUILD)/socsim $(NOHOOKS_DIR)/socsim
	@$(MAKE) --no-print-directory BENCH_DIR=$(BUILD)/bench-short BENCH_SCALE=1 $(BENCH_HOOKS_ELFS)
	@SOCSIM=$(BUILD)/socsim SOCSIM_NOHOOKS=$(NOHOOKS_DIR)/socsim \
	    BENCH_HOOKS_ELFS="$(BENCH_HOOKS_ELFS)" BENCH_HOOKS_MODELS="$(BENCH_HOOKS_MODELS)" \
	    tests/bench/run-bench.sh --hooks

# Callgrind on a 1% run: host instructions per guest instruction, top functions and lines.
BENCH_PROFILE       ?= mix
BENCH_PROFILE_MODEL ?= functional
BENCH_PROFILE_ARGS  ?=
bench-profile: $(BUILD)/socsim
	@$(MAKE) --no-print-directory BENCH_DIR=$(BUILD)/bench-short BENCH_SCALE=1 \
	    $(BUILD)/bench-short/$(BENCH_PROFILE).elf
	@SOCSIM=$(BUILD)/socsim CG_OUT=$(BUILD)/callgrind.out BENCH_ARGS="$(BENCH_PROFILE_ARGS)" \
	    tests/bench/run-bench.sh --profile \
	    $(BUILD)/bench-short/$(BENCH_PROFILE).elf $(BENCH_PROFILE_MODEL)

.PHONY: bench bench-elfs bench-profile bench-hooks bench-scale-check
