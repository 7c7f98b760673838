# Timing models from the registry (soc/cpu/riscv/model.h): -cpu-model help and NAME,help,
# and a model's properties on every CPU that runs it, whatever its type or board:
# -cpu-model MODEL,PROP=VALUE, -global MODEL.PROP=VALUE, a board's CPU line; a -global that
# sets nothing in the machine is an error.  muls.S is 64 multiplies: on the ibex model
# 202 cycles with rv32m=fast (3 a mul), 74 with single-cycle (1), 1098 with slow (17 for
# rs2 = 0xffff), the 7 other instructions and the start taking 10.
. tests/lib.sh
F=$FW/cli
MULS=$F/muls.elf

cat >"$TMP/models.help" <<'X'
Timing models (-cpu-model NAME[,PROP=VALUE...]):
  e31              SiFive E31 (the FE310's core), 5-stage pipeline, from its manuals
  functional       one cycle per instruction, whatever it does: what the firmware computes
  ibex             lowRISC Ibex, 2-stage pipeline (3 with writeback-stage), checked against its RTL

Use -cpu-model NAME,help for a model's properties.
X
t_cmd models.help --stdout-file "$TMP/models.help" -- $SOCSIM -cpu-model help
cat >"$TMP/ibex.help" <<'X'
ibex: lowRISC Ibex, 2-stage pipeline (3 with writeback-stage), checked against its RTL
  properties:
    writeback-stage    bool      off          3-stage pipeline (WritebackStage)
    branch-target-alu  bool      off          separate branch target adder (BranchTargetALU)
    rv32m              fast|single-cycle|slow fast         multiplier implementation (RV32M)
    ifetch-delay       int       0            extra instruction-fetch latency, cycles
    rv32b              none|balanced|otearlgrey|full none         bit manipulation (RV32B)
    icache             bool      off          instruction cache, 4 KiB, 2 ways, 8-byte lines (ICache)
    icache-ecc         bool      off          ECC on the cache's RAMs (ICacheECC; needs icache)
    secure             bool      off          security hardening (SecureIbex): data-independent timing, cpuctrlsts bits 1-5
    dbg-triggers       bool      off          debug trigger CSRs tselect, tdata1-3, mcontext, scontext (DbgTriggerEn)
    mhpm-counters      int       0            performance counters mhpmcounter3.. (MHPMCounterNum)
    mhpm-counter-width int       40           their width in bits (MHPMCounterWidth)
    config             none|small|opentitan|maxperf none         a configuration of ibex_configs.yaml (presets below)
  presets (config=NAME; properties given beside it override its values):
    none               no preset: the properties' own defaults
    small              2-stage pipeline, 3-cycle multiplier: rv32m=fast,writeback-stage=off,branch-target-alu=off,rv32b=none,icache=off,icache-ecc=off,secure=off,dbg-triggers=off,mhpm-counters=0,mhpm-counter-width=40,pmp-regions=0,pmp-granularity=0
    opentitan          OpenTitan's Earl Grey: rv32m=single-cycle,writeback-stage=on,branch-target-alu=on,rv32b=otearlgrey,icache=on,icache-ecc=on,secure=on,dbg-triggers=on,mhpm-counters=10,mhpm-counter-width=32,pmp-regions=16,pmp-granularity=0
    maxperf            experimental-maxperf: 3 stages, branch target ALU, 1-cycle multiplier: rv32m=single-cycle,writeback-stage=on,branch-target-alu=on,rv32b=none,icache=off,icache-ecc=off,secure=off,dbg-triggers=off,mhpm-counters=0,mhpm-counter-width=40,pmp-regions=0,pmp-granularity=0
X
t_cmd models.ibex.help --stdout-file "$TMP/ibex.help" -- $SOCSIM -cpu-model ibex,help
cat >"$TMP/functional.help" <<'X'
functional: one cycle per instruction, whatever it does: what the firmware computes
  properties:
    zba                bool      off          Zba: sh1add, sh2add, sh3add
    zbb                bool      off          Zbb: andn, clz, cpop, max, rol, rev8, sext.b, zext.h, ...
    zbc                bool      off          Zbc: clmul, clmulh, clmulr
    zbs                bool      off          Zbs: bclr[i], bext[i], binv[i], bset[i]
X
t_cmd models.functional.help --stdout-file "$TMP/functional.help" -- $SOCSIM -cpu-model functional,help
t_cmd models.help.unknown --exit 2 \
    --stderr-grep "^socsim: -cpu-model ibx,help: unknown timing model 'ibx' \(did you mean 'ibex'\?\)$" \
    -- $SOCSIM -cpu-model ibx,help
# -device CPU,help lists the properties of the type's model after the CPU's own
$SOCSIM -device rv32,help >"$TMP/rv32.help" 2>&1
t_eq models.device-help.functional "  timing model functional (properties of every CPU that runs it; -cpu-model help lists the models):
$(tail -4 "$TMP/functional.help")" "$(tail -5 "$TMP/rv32.help")"
$SOCSIM -device ibex,help >"$TMP/ibex-dev.help" 2>&1
t_eq models.device-help.ibex "$(sed '1,/^  properties:/d' "$TMP/ibex.help")" \
    "$(sed '1,/^  timing model ibex/d' "$TMP/ibex-dev.help")"

# The properties of the model that runs, on virt32's rv32 CPU (no ibex properties of its
# own): from -cpu-model, -global, and both.
summary() { "$@" -kernel $MULS --summary 2>&1 | grep -oE '[0-9]+ cycles'; }
t_eq models.ibex.default "202 cycles" "$(summary $SOCSIM -M virt32 -cpu-model ibex)"
t_eq models.cpu-model.prop "1098 cycles" "$(summary $SOCSIM -M virt32 -cpu-model ibex,rv32m=slow)"
t_eq models.cpu-model.props "74 cycles" \
    "$(summary $SOCSIM -M virt32 -cpu-model ibex,rv32m=single-cycle,branch-target-alu)"
t_eq models.global.other-type "1098 cycles" \
    "$(summary $SOCSIM -M virt32 -cpu-model ibex -global ibex.rv32m=slow)"
t_eq models.global.model-by-global "1098 cycles" \
    "$(summary $SOCSIM -M virt32 -global rv32.model=ibex -global ibex.rv32m=slow)"
# -cpu-model's value is the last word: it wins over -global
t_eq models.cpu-model.over-global "74 cycles" \
    "$(summary $SOCSIM -M virt32 -cpu-model ibex,rv32m=single-cycle -global ibex.rv32m=slow)"
# interpreted the same (the translator times blocks through the same model)
t_eq models.cpu-model.interp "1098 cycles" \
    "$(summary $SOCSIM -M virt32 -accel interp -cpu-model ibex,rv32m=slow)"
$SOCSIM -M virt32 -cpu-model ibex,writeback-stage=on,rv32m=slow --info-tree >"$TMP/tree" 2>&1
t_eq models.info-tree "    isa: rv32imac_zicsr_zifencei, timing model ibex, translated to host code (-accel jit)
      writeback-stage = on
      branch-target-alu = off
      rv32m = slow
      ifetch-delay = 0" "$(grep -A4 'isa:' "$TMP/tree")"

# A board gives its CPU the properties of the model it declares.
sed 's/socsim.device("rv32", { id = "cpu0",/socsim.device("rv32", { id = "cpu0", model = "ibex", rv32m = "slow",/' \
    boards/virt32.lua >"$TMP/virt32-slow.lua"
t_eq models.board.prop "1098 cycles" "$(summary $SOCSIM -M "$TMP/virt32-slow.lua")"
# ... for that model: another -cpu-model leaves them out; the same one takes them too
t_eq models.board.prop.other-model "71 cycles" \
    "$(summary $SOCSIM -M "$TMP/virt32-slow.lua" -cpu-model functional)"
t_eq models.board.prop.same-model "74 cycles" \
    "$(summary $SOCSIM -M "$TMP/virt32-slow.lua" -cpu-model ibex,rv32m=single-cycle)"
sed 's/socsim.device("rv32", { id = "cpu0",/socsim.device("rv32", { id = "cpu0", rv32m = "slow",/' \
    boards/virt32.lua >"$TMP/virt32-bad.lua"
t_cmd models.board.not-its-model --exit 2 \
    --stderr-grep "virt32-bad.lua:9: 'rv32' has no property 'rv32m' \(see -device rv32,help\)$" \
    -- $SOCSIM -M "$TMP/virt32-bad.lua" -kernel $MULS

# Errors name the option.
t_cmd models.cpu-model.unknown-prop --exit 2 \
    --stderr-grep "^socsim: -cpu-model ibex,rv32=slow: timing model 'ibex' has no property 'rv32' \(did you mean 'rv32m'\?\)$" \
    -- $SOCSIM -M virt32 -cpu-model ibex,rv32=slow -kernel $MULS
t_cmd models.cpu-model.bad-value --exit 2 \
    --stderr-grep "^socsim: -cpu-model ibex,rv32m=turbo: property 'rv32m': 'turbo' is not one of fast\|single-cycle\|slow$" \
    -- $SOCSIM -M virt32 -cpu-model ibex,rv32m=turbo -kernel $MULS
t_cmd models.global.unknown-prop --exit 2 \
    --stderr-grep "^socsim: -global ibex.rv32=slow: 'ibex' has no property 'rv32' \(did you mean 'rv32m'\?\)$" \
    -- $SOCSIM -M virt32 -global ibex.rv32=slow -kernel $MULS
# A -global that nothing in the machine takes sets nothing: an error, not silence.
t_cmd models.global.model-not-run --exit 2 \
    --stderr-grep "^socsim: -global ibex.rv32m=slow: no CPU in the machine runs the ibex timing model$" \
    -- $SOCSIM -M virt32 -global ibex.rv32m=slow -kernel $MULS
t_cmd models.global.no-device --exit 2 \
    --stderr-grep "^socsim: -global sifive-uart.clk-freq=8MHz: no device of type 'sifive-uart' in the machine$" \
    -- $SOCSIM -M virt32 -global sifive-uart.clk-freq=8MHz -kernel $MULS
# ... but one for a device that -device adds is taken
t_cmd models.global.device-added --stdout "" -- $SOCSIM -M virt32 -global gpio-led.label=x \
    -device sifive-gpio,id=g,addr=0x20000000 -device gpio-led,gpio=g,pin=1 -kernel $MULS
