# The benchmarks of tests/bench at scale 1 (a few million instructions), for --fast-forward's
# measured cycle error (tests/checkpoint/fastforward.sh, docs/fast-forward.md).  Included by
# the Makefile after tests/bench/bench.mk.
FF_NAMES := mix memcpy muldiv irq
FF_ELFS  := $(FF_NAMES:%=$(BUILD)/fw/ff/%.elf)

$(BUILD)/fw/ff/%.elf: tests/bench/%.c $(BENCH_RT) tests/bench/benchlib.h tests/bench/link.ld \
                   tests/checkpoint/checkpoint.mk
	@mkdir -p $(@D)
	$(BENCH_CC) $(subst -DBENCH_SCALE=$(BENCH_SCALE),-DBENCH_SCALE=1,$(BENCH_CFLAGS)) -o $@ \
	    $(BENCH_RT) $<

FW_ELFS += $(FF_ELFS)
