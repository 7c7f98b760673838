# SystemC tests: the models the tests load through tlm-target (tests/systemc/*.cpp with a
# socsim_tlm_create factory, built against libsystemc-dev into build/systemc/NAME.so) and
# the firmware in tests/systemc/fw (for the ibex-simple map, with tests/ibex's harness).
SC_TEST_BUILD := $(BUILD)/systemc
SC_MODELS := $(patsubst tests/systemc/%.cpp,$(SC_TEST_BUILD)/%.so,\
               $(filter-out tests/systemc/platform.cpp,$(wildcard tests/systemc/*.cpp)))
SC_FW := $(patsubst tests/systemc/fw/%.S,$(SC_TEST_BUILD)/%.elf,$(wildcard tests/systemc/fw/*.S)) \
         $(patsubst tests/systemc/fw/%.c,$(SC_TEST_BUILD)/%.elf,$(wildcard tests/systemc/fw/*.c))
SYSTEMC_TESTS += $(SC_MODELS) $(SC_TEST_BUILD)/platform
FW_ELFS += $(SC_FW)

$(SC_TEST_BUILD)/%.so: tests/systemc/%.cpp soc/systemc/socsim_tlm.h tests/systemc/irqgen.h
	@mkdir -p $(dir $@)
	$(CXX) $(SC_CXXFLAGS) -fPIC -shared -o $@ $< -lsystemc

$(SC_TEST_BUILD)/%.elf: tests/systemc/fw/%.S tests/ibex/link.ld tests/ibex/kmacros.h
	@mkdir -p $(dir $@)
	$(IBEX_CC) $(IBEX_CFLAGS) -Wl,--no-warn-rwx-segments -Itests/ibex -o $@ $<

# virt32 C firmware (tests/firmware's crt0 and helpers)
$(SC_TEST_BUILD)/%.elf: tests/systemc/fw/%.c $(FW_V32_LIB) $(FW_V32_DEPS)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_CFLAGS) -o $@ $(FW_V32_LIB) $< $(FW_LIBGCC)

# A SystemC platform (sc_main) with socsim_sc_module, linked as docs/systemc.md says.
$(SC_TEST_BUILD)/platform: tests/systemc/platform.cpp tests/systemc/irqgen.h $(BUILD)/libsocsim-sc.a $(BUILD)/libsocsim.a
	@mkdir -p $(dir $@)
	$(CXX) $(SC_CXXFLAGS) -o $@ $< $(BUILD)/libsocsim-sc.a -Wl,--whole-archive \
	    $(BUILD)/libsocsim.a -Wl,--no-whole-archive $(LDLIBS) -lsystemc
